"""Header fields: number, symbol, date, place, doc_type, subject, issuer (+ parent).

Reads the tree's zones and finds none: `header.left` (the issuing bodies, `Số:`, `V/v`),
`header.right` (Quốc hiệu or the Party heading, the motto, the place-and-date line) and `heading`
(the type heading, the trích yếu under it), which the builders cut out of interleaved text
(extractors/structure/from_text.py, from_words.py). What is read here is each zone's values.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import vocab
from .articles import shape
from .base import Candidate, DocText, Line
from .orgs import as_printed_in, org_case, starts_with_head
from .patterns import NUMBER_RE, find_dates, iso, split_number, symbol_type
from .structure.from_text import (
    MARKS_BEFORE_NGAY,
    mostly_upper,
    national,
    opens_body,
    place_start,
    so_end,
    type_heading,
    vv_end,
)
from .structure.stamps import stamp_at
from .structure.tree import Dispatch, Zone
from .text import fold, foreign_marks, is_syllable_like, sentence_case

# Handwritten or stamped-over days and months read as debris ('ngày/{5', 'tháng li l 01'): up to a few
# characters are allowed, and only a clean reading becomes a date.
_PLACE_DATE = re.compile(
    r"ng[a]y(?P<d>[ \t]*(?:\S{1,4}[ \t]*)?)th[a]ng(?P<m>[ \t]*(?:\S{1,4}[ \t]*){0,3}?)n[a]m\s*(?P<y>(?:19|20)\d\d)"
)
# Where a hand wrote the day: wider than the reading above ('ngày |„9__ tháng', 'ngày 2y 4 tháng': a
# day in two strokes read as two words), for the handwritten stage that reads the gap again.
_DATE_GAPS = re.compile(
    r"ng[a]y(?P<d>[ \t]*(?:\S{1,5}[ \t]*){0,2}?)th[a]ng(?P<m>[ \t]*(?:\S{1,4}[ \t]*){0,3}?)n[a]m\s*(?P<y>(?:19|20)\d\d)"
)
_SO_NUMBER = re.compile(r"^(?P<pre>.*?)\s*(?P<sep>[-/])\s*(?=(?:(?:19|20)\d\d\s*/\s*)?[A-ZĐ])")
_DIGIT_LOOKALIKES = str.maketrans("OoQDlIi|", "00001111")
def _starts_body(text: str, folded: str) -> bool:
    """A line that opens the body or the foot (from_text.opens_body, the one test; a lower-case 'theo …'
    goes on with the trích yếu), or a bracket that opens a note ('(Kèm theo …)')."""
    return not text[:1].islower() and (text.lstrip().startswith("(") or opens_body(folded, text))


_TYPE_AT_END = re.compile(r"\b(?:" + vocab.doc_type_regex() + r")\s*$")  # a line that cites a document, its number below
REPORTING_WITHIN = 6000  # the reporting formula opens the body


@dataclass
class _Piece:
    """Left-column text of one header line, with its span in the document."""

    text: str
    start: int
    end: int


def extract_header(tree: Dispatch) -> list[Candidate]:
    """Reads the tree's header blocks and its heading (the type heading and trích yếu below them)."""
    doc = tree.doc
    left = [_Piece(t, ln.start, ln.start + len(t)) for ln in _lines(tree.header_left)
            if _is_content(t := ln.text.strip())]
    right = _lines(tree.header_right)
    cands = [c for ln in right for c in _right_line(ln)]
    cands += [_spelled(c, tree) for c in _number_and_issuer(left, doc.read_by_ocr(left[0].start) if left else True)]
    heading = _type_heading(doc, tree.heading)
    if heading:
        cands += heading
    elif (sub := _vv_subject(doc, left)) is not None:
        cands.append(sub)
    has_header = any(c.field in ("place", "issue_date", "number", "symbol") for c in cands) or any(
        national(fold(ln.text)) for ln in right
    )
    if not heading and has_header and tree.salutation and tree.salutation.start < 4000:
        cands.append(Candidate("doc_type", vocab.untyped_dispatch(), 0, 0, "header.untyped-kinh-gui", 0.5, zone="salutation"))
    if not heading and (typed := _symbol_type(cands)):  # the ký hiệu's type part names it (NĐ 30/2020: 'TT-TTCP')
        cands.append(typed)
    if not any(c.field == "issuer" for c in cands):
        cands += _inferred_issuer(tree)
    for c in cands:
        c.zone = c.zone or _ZONES.get(c.field, "header.left")
    return cands


def _symbol_type(cands: list[Candidate]) -> Candidate | None:
    """The type the first number's ký hiệu names by its type part ('2442/2007/TT-TTCP': a Thông tư), or None."""
    by_abbr = vocab.doc_type_by_abbr()
    for c in cands:
        if c.field == "number" and (name := by_abbr.get((symbol_type(c.value) or "").upper())):
            return Candidate("doc_type", name, c.start, c.end, "header.symbol-type", 0.6)
    return None


def _lines(zone: Zone | None) -> tuple[Line, ...]:
    return zone.lines if zone else ()


# Where each field is printed (NĐ 30/2020 Phụ lục I): provenance names the zone.
_ZONES = {"place": "header.right", "issue_date": "header.right", "doc_type": "heading", "subject": "heading",
          "attached_to": "heading"}


def _right_line(ln: Line) -> list[Candidate]:
    """The place and date of a place-and-date line of the right block."""
    m = _PLACE_DATE.search(fold(ln.text))
    return _place_date(ln, place_start(ln.text, m.start()), m) if m else []


def _is_content(text: str) -> bool:
    return sum(c.isalnum() for c in text) >= 2


def _place_date(ln: Line, place_at: int, m: re.Match[str]) -> list[Candidate]:
    out = []
    named = MARKS_BEFORE_NGAY.sub("", ln.text[place_at:m.start()])
    place = " ".join(w for w in named.split() if len(w) > 1 or w.isupper()).strip(" ,")
    if place and _is_content(place):
        out.append(Candidate("place", place, ln.start + place_at, ln.start + place_at + len(place), "header.place-date"))
    value = _header_date(m.group("d"), m.group("m"), m.group("y"))
    digits = tuple((ln.start + m.start(g), ln.start + m.end(g)) for g in ("d", "m") if m.group(g).strip())
    out.append(Candidate("issue_date", value or ln.text[m.start():m.end()], ln.start + m.start(), ln.start + m.end(),
                         "header.place-date", extra={"printed": digits}))
    return out


def _header_date(day: str, month: str, year: str) -> str | None:
    """A blank day or month gives a partial date; debris where a digit was written gives none (the
    resolve step abstains on the printed text). A day that is not in the calendar ('31/02') is
    given as it is printed, YYYY-MM-DD, for the resolve step's calendar check to refuse."""
    d = re.sub(r"\s", "", day.translate(_DIGIT_LOOKALIKES))
    tokens = month.split()  # the printed month is the last token; debris before it is a stray mark
    m = tokens[-1].translate(_DIGIT_LOOKALIKES) if tokens else ""
    if not (d == "" or re.fullmatch(r"\d{1,2}", d)) or not (m == "" or re.fullmatch(r"\d{1,2}", m)):
        return None
    if d and not m:
        return None
    return iso(year, m or None, d or None) or f"{year}-{int(m):02d}" + (f"-{int(d):02d}" if d else "")


def _spelled(c: Candidate, tree: Dispatch) -> Candidate:
    """The issuer (and its parent) as the body prints them, where it does: the header's capitals
    and OCR lose the case and accents a proper name keeps in running text."""
    if c.field != "issuer":
        return c
    body = tree.doc.text[tree.body.start:tree.body.end]
    folded = tree.doc.folded[tree.body.start:tree.body.end]
    c.value = as_printed_in(c.value, body, folded) or c.value
    if c.extra and c.extra.get("parent"):
        c.extra["parent"] = as_printed_in(c.extra["parent"], body, folded) or c.extra["parent"]
    return c


def _number_and_issuer(left: list[_Piece], ocr: bool = True) -> list[Candidate]:
    """The number (`ocr`: the header was OCR'd, which may read a letter twice) and the issuing body."""
    cands: list[Candidate] = []
    stop = len(left)
    for i, p in enumerate(left):
        f = fold(p.text)
        so = so_end(f) if not (i and _TYPE_AT_END.search(fold(left[i - 1].text))) else None  # 'THEO QUYẾT ĐỊNH / SỐ 1050/…'
        number, symbol, unread = _so_number(p.text[so:], ocr) if so is not None else (None, None, None)
        if so is not None and (number or symbol or len(p.text) <= 6):
            at = p.start + so + len(p.text[so:]) - len(p.text[so:].lstrip())
            digits = re.match(r"\s*\S*?(?=\s*[-/]|$)", p.text[so:])  # the sequence number as printed
            printed = ((at, p.start + so + digits.end()),) if digits and digits.group(0).strip() else ()
            extra: dict[str, Any] = {"printed": printed, "as_printed": _printed_symbol(p.text[so:])}
            if number or unread:  # an unreadable number is offered as printed: the resolve step abstains on it
                cands.append(Candidate("number", number or unread, at, p.end, "header.so-line", extra=extra))
            if symbol:
                cands.append(Candidate("symbol", symbol, at, p.end, "header.so-line", extra=extra))
            stop = min(stop, i)
            break
        if vv_end(f) is not None:
            stop = min(stop, i)
            break
    orgs = [p for p in left[:stop] if p.text.strip("*-_ ") and mostly_upper(p.text)]
    units = _org_units(orgs)
    if units:
        name, s, e = units[-1]
        extra = {"parent": units[-2][0] if len(units) > 1 else None}
        cands.append(Candidate("issuer", name, s, e, "header.left-block", extra=extra))
    return cands


def _printed_symbol(raw: str) -> str:
    """The ký hiệu as printed, from the separator before its first letter, for the grammar to judge: a
    speck set apart at the end ('/TB-SYT -') is dropped, a separator glued to the end is kept (the
    ký hiệu went on, unread)."""
    text = re.sub(r"\s+[^\w\s]{1,2}$", "", _before_prose(raw.strip())).rstrip(".,;:")
    m = re.search(r"[-/]\s*(?=[A-ZĐ])", text)
    return re.sub(r"\s+", "", text[m.end():]) if m else ""


def _before_prose(text: str) -> str:
    """The Số line up to a word in lower case ('Kiên', 'ngày': the place-and-date line OCR ran into
    it): a ký hiệu is written in capitals, and Tesseract may part it at a dash ('SYT- NVY')."""
    words = text.split()
    for i, w in enumerate(words[1:], 1):
        if any(c.islower() for c in w[:2]):
            return " ".join(words[:i])
    return text


def _so_number(raw: str, ocr: bool = True) -> tuple[str | None, str | None, str | None]:
    """The number and symbol after 'Số:'. Digits split by spaces or dots are one number ('2 39 _/' is 239);
    anything else where the number should be (a handwritten or stamped-over number read as '#', '†B',
    '4/35 ') leaves the number unread rather than guessed, and keeps the symbol. A dash or tick
    before the number is OCR noise ('Số: - 01/TB-BGH'): numbers are never negative."""
    m = _SO_NUMBER.match(raw.strip())
    if not m:
        return (*split_number(raw, ocr), None) if NUMBER_RE.search(raw) else (None, None, None)
    digits = re.sub(r"[\s._]", "", m.group("pre")).lstrip("-~'`,:;")  # a mark before the number is noise
    tail = raw.strip()[m.start("sep"):]
    if digits == "" or (digits.isdigit() and len(digits) <= 5):
        return (*split_number(digits + tail, ocr), None)
    symbol = split_number(tail, ocr)[1]
    return None, symbol, (digits + re.sub(r"\s+", "", tail)) if digits else None


def number_gap(text: str) -> tuple[int, int] | None:
    """Where the sequence number stands in a line opening with 'Số:' (raw or read by OCR): from after
    the marker to the separator before the printed symbol, as offsets in `text`. A second reader
    looks there for a handwritten number (pipeline/handwritten.py); None without both ends."""
    so = so_end(fold(text))
    m = _SO_NUMBER.match(text[so:]) if so is not None else None
    return (so, so + m.start("sep")) if so is not None and m else None


def date_gaps(text: str) -> tuple[tuple[int, int], tuple[int, int], str] | None:
    """In a place-and-date line, where the day and the month stand (between the printed words, as
    offsets in `text`) and the printed year; None when the line's printed words were not read."""
    m = _DATE_GAPS.search(fold(text))
    return (m.span("d"), m.span("m"), m.group("y")) if m else None


def _org_units(pieces: list[_Piece]) -> list[tuple[str, int, int]]:
    """Group header lines into bodies: a line opening with a head starts a new one."""
    units: list[list[_Piece]] = []
    for p in pieces:
        prev = units[-1][-1].text if units else ""
        continues = bool(prev) and (prev.rstrip().endswith((",", "-")) or fold(prev).split()[-1] in ("va", "ve", "cua")
                                    or _TYPE_AT_END.search(fold(prev)) is not None)  # '… THEO QUYẾT ĐỊNH / SỐ 1050/…'
        if units and (continues or not starts_with_head(p.text.lstrip("-–—*• "))):
            units[-1].append(p)
        else:
            units.append([p])
    out = []
    for u in units:
        text = " ".join(x.text.strip(" *-–—•") for x in u)
        text = re.sub(r"[\s,:;.]+$", "", re.sub(r"\s+[,:;.](?:\s*[,:;.])+\s*", " ", text))
        out.append((org_case(text), u[0].start, u[-1].end))
    return out


def _type_heading(doc: DocText, heading: Zone | None) -> list[Candidate]:
    """The heading zone opens with its type heading (the builders start it there): the type, the
    trích yếu under it and, for an appendix, what it is attached to."""
    name = type_heading(heading.lines[0].text) if heading else None
    if heading is None or name is None:
        return []
    first, rest = heading.lines[0], list(heading.lines[1:])
    out = [Candidate("doc_type", name, first.start, first.end, "header.type-heading", 0.9)]
    subject = _subject_after(doc, rest)
    if subject:
        out.append(subject)
    return out + _attached_to(rest[:7])


def _subject_after(doc: DocText, lines: list[Line]) -> Candidate | None:
    """The trích yếu under the type heading: one paragraph in one case, up to the body's first words."""
    taken: list[Line] = []
    for ln in lines[:5]:
        f = fold(ln.text)
        if taken and (_starts_body(ln.text, f) or _PLACE_DATE.search(f) or doc.paragraph_between(taken[-1].end, ln.start)
                      or mostly_upper(ln.text) != mostly_upper(taken[0].text)):
            break  # a line in capitals after the trích yếu (or the reverse): a Quyết định's authority, the body
        if not taken and _PLACE_DATE.search(f):
            continue
        taken.append(ln)
        if ln.text.rstrip().endswith((".", ":")) or (taken[0].text.lstrip().startswith("(") and ")" in ln.text):
            break
    if not taken:
        return None
    text = " ".join(t.text for t in taken).strip(" ()")
    vv = vv_end(fold(text))
    if vv is not None:
        text = text[vv:]
    return Candidate("subject", _subject_case(text), taken[0].start, taken[-1].end, "header.after-heading", 0.9)


# an appendix's opening bracket and its relation's phrase (relations.tsv's attached_to: 'Kèm theo', 'Ban hành kèm theo')
_KEM_THEO = re.compile(r"^\(?\s*(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in vocab.relation_phrases("attached_to"))
                       + r")\s+(?P<type>" + vocab.doc_type_regex() + r")")


def _attached_to(lines: list[Line]) -> list[Candidate]:
    """An appendix's '(Kèm theo Báo cáo số …-BC/… ngày …/9/2025 của …)': its date and issuer."""
    for ln in lines:
        f = fold(ln.text)
        m = _KEM_THEO.match(f)
        if not m:
            continue
        out = []
        dates = find_dates(f)
        if dates:
            out.append(Candidate("issue_date", dates[0][2], ln.start, ln.end, "header.kem-theo", 0.6))
        cua = f.rfind(" cua ")
        if cua > 0:
            name = ln.text[cua + 5:].strip(" )")
            if starts_with_head(name):
                out.append(Candidate("issuer", name, ln.start + cua + 5, ln.end, "header.kem-theo", 0.6,
                                     extra={"parent": None}))
        number, symbol = split_number(ln.text[m.end():]) if NUMBER_RE.search(ln.text[m.end():]) else (None, None)
        out.append(Candidate("attached_to", {"doc_type": vocab.doc_type_from_folded(m.group("type")), "number": number,
                                             "symbol": symbol, "date": dates[0][2] if dates else None},
                             ln.start, ln.end, "header.kem-theo", 0.6))
        return out
    return []



def _vv_subject(doc: DocText, left: list[_Piece]) -> Candidate | None:
    for i, p in enumerate(left):
        vv = vv_end(fold(p.text))
        if vv is None:
            continue
        parts = [p.text[vv:]]
        end = p.end
        for q in left[i + 1: i + 5]:
            fq = fold(q.text)
            if p.text.lstrip().startswith("(") and ")" in " ".join(parts):  # '(V/v …)' is closed
                break
            if doc.paragraph_between(end, q.start):  # the left block ended (an e-signature box may follow)
                break
            if (_starts_body(q.text, fq) or (so_end(fq) is not None and q.text[:1].isupper())
                    or _not_prose(q.text) or (mostly_upper(q.text) and len(q.text.split()) > 2)):
                break
            parts.append(q.text)
            end = q.end
        text = re.sub(r"\s+", " ", " ".join(parts)).strip(" .;")
        stamp = stamp_at(fold(text))
        text = text[:stamp] if stamp is not None else text
        return Candidate("subject", _subject_case(text), p.start, end, "header.vv")
    return None


def _not_prose(text: str) -> bool:
    """An e-signature stamp ('Ký bởi: …, Thời gian ký: …') or OCR debris: not the trích yếu going on."""
    words = text.split()
    if stamp_at(fold(text)) is not None or not words:
        return True
    prose = sum(is_syllable_like(w) or any(c.isdigit() for c in w) for w in words)  # numbers, ký hiệu
    return prose / len(words) < 0.6 or (len(words) > 2 and text.isupper())


def _subject_case(text: str) -> str:
    text = " ".join(w for w in text.split() if not foreign_marks(w)).strip(" .;:")
    if mostly_upper(text):
        return sentence_case(text)
    return text


def _inferred_issuer(tree: Dispatch) -> list[Candidate]:
    """A header without the left block: the body's reporting formula, within its first
    REPORTING_WITHIN characters, names the issuer ('…, Sở Khoa học và Công nghệ có ý kiến như sau')."""
    doc, body = tree.doc, tree.body
    m = shape("reporting_formula").search(doc.folded, body.start, min(body.end, body.start + REPORTING_WITHIN))
    if not m:
        return []
    clause_start = max(doc.text.rfind(",", body.start, m.start()), doc.text.rfind(".", body.start, m.start()),
                       doc.text.rfind("\n\n", body.start, m.start()), body.start - 1)
    name = re.sub(r"\s+", " ", doc.text[clause_start + 1: m.start()]).strip()
    if not name or not starts_with_head(name) or len(name.split()) > 15:
        return []
    start = clause_start + 1
    return [Candidate("issuer", name, start, m.start(), "header.inferred-reporting-formula", 0.4,
                      extra={"parent": None, "inferred": True,
                             "reason": "named as the speaker of the reporting formula in the body"}, zone="body")]
