"""Every document a dispatch cites: number, type, date, issuer, relation, citation text.

A citation is anchored on its number (Party `03-CV/BCĐ` or state `425/QĐ-UBND`); the type
is the word before it, the date and issuer follow it. The same number cited again with a
compatible date and issuer is one reference; with a different date or issuer it is another
document (a Ban Chỉ đạo's 03-CV/BCĐ is not another Ban Chỉ đạo's 03-CV/BCĐ). The issuer's name and where it
ends are read by citation_issuers.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import vocab
from .base import Candidate, DocText
from .citation_issuers import issuer_after, issuer_before
from .patterns import NUMBER_RE, find_dates, split_number, type_from_symbol
from .structure.from_text import so_end
from .structure.tree import Dispatch
from .text import fold

_TYPE_BEFORE = re.compile(r"(?P<type>" + vocab.doc_type_regex() + r")(?:\s+(?:hanh dong|ket luan|lien tich|cong tac))?"
                          r"(?:\s+(?:so|so:))?\s*$")
# A type word whose document the next words qualify before 'số' ('Báo cáo thẩm định bổ sung số 217/BC-BQL',
# 'Quyết định điều chỉnh chủ trương đầu tư lần thứ 4 số 2530/QĐ-UBND'): none of those words in title case,
# which would open a body's name or another sentence.
_TYPE_QUALIFIED = re.compile(r"(?<!\w)(?P<type>" + vocab.doc_type_regex() + r")(?P<words>(?:\s+[^\s,;:.()\"“”]+){1,9}?)\s+so:?\s*$")
_SEQUENCE_PREFIX = re.compile(r"(?<![\w.,/])\d{1,4}\.$")  # '24.6/GĐN', '02.06/GĐN-HT': a day.month sequence
OWN_LINE_MARKS = 8
# A ký hiệu whose last part is a unit's figure ('93/CT-05', an army-style office code): read after a typed
# number's letters, never across a space ('12/QĐ-UBND - 13/QĐ-UBND' is two numbers).
_FIGURE_PART = re.compile(r"-\d{1,4}(?![\w/])")
_RANK = {"implements": 3, "replaces": 2, "attached_to": 1, "cites": 0}


@dataclass
class Citation:
    number: str
    doc_type: str | None
    date: str | None
    issuer: str | None
    relation: str
    text: str
    start: int
    end: int
    spans: list[tuple[int, int]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"doc_type": self.doc_type, "number": self.number, "date": self.date, "issuer": self.issuer,
                "relation": self.relation, "text": self.text, "start": self.start, "end": self.end,
                "rule": "references.number-anchor"}


def citation_candidates(tree: Dispatch) -> list[Candidate]:
    """Every citation as it is read, one candidate each; the resolve step merges a number cited
    twice (`merge`)."""
    return [Candidate("references", c, c.start, c.end, "references.number-anchor", zone=zone)
            for c in find_citations(tree.doc)
            if (zone := tree.zone_at(c.start)) != "attachments" or c.relation == "attached_to"]


def merge(cands: list[Candidate]) -> list[tuple[dict[str, Any], Candidate]]:
    """One reference per cited document, each with the candidate of its first citation: the same
    number cited again with a compatible date and issuer is the same document."""
    firsts: dict[int, Candidate] = {}
    merged = _merge([_copy(c.value) for c in cands])
    for c in cands:
        firsts.setdefault(c.start, c)
    return [(m.as_dict(), firsts[m.start]) for m in merged]


def _copy(c: Citation) -> Citation:
    return Citation(c.number, c.doc_type, c.date, c.issuer, c.relation, c.text, c.start, c.end, list(c.spans))


def find_citations(doc: DocText) -> list[Citation]:
    flat, fmap = _flatten(doc.text)
    ffold = fold(flat)
    breaks = [] if doc.double_spaced else [
        i for i in range(1, len(flat))  # a gap of one character holds no empty line: not asked
        if flat[i - 1] == " " and fmap[i] - fmap[i - 1] > 1 and doc.paragraph_between(fmap[i - 1], fmap[i])]
    out: list[Citation] = []
    ends: list[int] = []  # where each citation's number ends in `flat`, and its text
    text_ends: list[int] = []
    codes = [(c.start(), c.end()) for c in _standard_re().finditer(flat)]
    for m in NUMBER_RE.finditer(flat):
        if not m.group("num") or not re.search(r"[A-ZĐ]", m.group("sym")):
            continue
        if any(a < m.start() < b for a, b in codes):
            continue  # a standard's year and ministry ('QCVN 01:2019/BCT - Quy chuẩn …'), read as a standard
        orig_start = fmap[m.start()]
        if _is_own_number(doc, orig_start):
            continue
        if _form_before().search(ffold, max(0, m.start() - 24), m.start()):
            continue  # 'theo mẫu số 01/HĐBC-QH': a form's code, no document
        prefix = _SEQUENCE_PREFIX.search(flat, max(0, m.start() - 5), m.start())
        at = prefix.start() if prefix and m.group("sep") == "/" else m.start()
        tm = _type_before(flat, ffold, at)
        number, symbol = split_number(m.group(0))
        if not number or not _plausible(symbol, tm is not None, bool(m.group("year"))):
            continue
        number = flat[at:m.start()] + number
        num_end = m.end()
        if tm and (fig := _FIGURE_PART.match(flat, num_end)):
            number, num_end = number + fig.group(0), fig.end()
        doc_type = (vocab.doc_type_from_folded(tm[0]) or vocab.generic_document()) if tm else type_from_symbol(
            _termless(symbol or ""))
        if doc_type is None and not re.match(r"\d+-", number):
            doc_type = vocab.untyped_dispatch()
        cite_start = tm[1] if tm else at
        date, after = _date_after(ffold, num_end)
        joint = doc_type in vocab.joint_types() or bool(set(re.split(r"[-/]", symbol or "")) & vocab.joint_types())
        issuer, end = issuer_after(flat, ffold, _past_unread_date(ffold, after) if date is None else after, breaks,
                                    joint)
        if issuer is None and tm:
            issuer, date_before = issuer_before(flat, ffold, cite_start, text_ends[-1] if text_ends else 0)
            date = date or date_before
        issuer = issuer or _issuer_of_symbol(number, symbol)
        relation = _relation(ffold, cite_start, out, fmap)
        if out and out[-1].date is None and out[-1].issuer is None and re.fullmatch(r"\s*va\s*", ffold[ends[-1]:cite_start]):
            out[-1].date, out[-1].issuer = date, issuer  # 'Công văn số 193/… và Kế hoạch số 194/…, ngày … của …'
        elif out and re.fullmatch(r"\s*(?:,|;)?\s*(?:va\s*)?", ffold[text_ends[-1]:cite_start]) \
                and _one_body(out[-1].number, number):
            _share_issuer(out[-1], issuer)
        ends.append(num_end)
        text_ends.append(end)
        out.append(Citation(number, doc_type, date, issuer, relation, flat[cite_start:end].strip(" ,;"),
                            fmap[cite_start], fmap[min(end, len(fmap) - 1)]))
    return sorted(out + _standards(flat, ffold, fmap, breaks), key=lambda c: c.start)


@cache
def _standard_re() -> re.Pattern[str]:
    codes = "|".join(map(re.escape, vocab.standard_codes()))
    return re.compile(rf"(?<![\w/])(?P<code>{codes})[ \t]*(?P<num>\d{{1,5}}[A-Z]?(?:-\d{{1,4}})*)[ \t]*:[ \t]*"
                      r"(?P<year>(?:19|20)\d\d)(?:[ \t]*/[ \t]*(?P<sym>[A-ZĐ][A-ZĐ0-9&]*(?:-[A-ZĐ0-9&]+)*))?")


def _standards(flat: str, ffold: str, fmap: list[int], breaks: list[int]) -> list[Citation]:
    """Technical regulations and standards cited by their code ('QCVN 01:2019/BCT của Bộ Công Thương'):
    no day, the ministry after 'của' or the one its symbol names."""
    out = []
    for m in _standard_re().finditer(flat):
        sym = m.group("sym")
        number = f"{m.group('code')} {m.group('num')}:{m.group('year')}" + (f"/{sym}" if sym else "")
        issuer, end = issuer_after(flat, ffold, m.end(), breaks)
        issuer = issuer or (vocab.central_bodies().get(sym) if sym else None)
        out.append(Citation(number, vocab.standard_codes()[m.group("code")], None, issuer,
                            _relation(ffold, m.start(), [], fmap), flat[m.start():end].strip(" ,;"),
                            fmap[m.start()], fmap[min(end, len(fmap) - 1)]))
    return out


def _past_unread_date(ffold: str, pos: int) -> int:
    """After a date whose day or month could not be read ('ngày 09 tháng §r năm 2017'): the issuer
    that follows it is read all the same."""
    m = re.match(r"\s*,?\s*ngay\b[^,;]{0,24}?nam\s*(?:19|20)\d\d", ffold[pos:pos + 50])
    return pos + m.end() if m else pos


@cache
def _form_before() -> re.Pattern[str]:
    """A form's word right before a number (data/form_words.txt), on folded text."""
    words = sorted((fold(w) for w in vocab.lines("form_words.txt")), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")\s*(?:so\s*)?:?\s*$")


def _type_before(flat: str, ffold: str, at: int) -> tuple[str, int] | None:
    """The type word before a number (folded) and where it starts: right before 'số', or qualified by
    words that are none of them in title case."""
    tm = _TYPE_BEFORE.search(ffold, max(0, at - 60), at)
    if tm:
        return tm.group("type"), tm.start()
    for q in _TYPE_QUALIFIED.finditer(ffold, max(0, at - 110), at):
        words = flat[q.start("words"):q.end("words")].split()
        if not any(w[:1].isupper() and not w.isupper() for w in words):
            return q.group("type"), q.start()
    return None


def _one_body(a: str, b: str) -> bool:
    """Two numbers whose ký hiệu name one body ('62/BC-BQL', '750/BQL-QHXD'; '2466/QĐ-UBND', '2530/QĐ-UBND'):
    their parts other than the type's and the year."""
    return bool(_body_parts(a) & _body_parts(b))


def _body_parts(number: str) -> set[str]:
    types = vocab.doc_type_by_abbr()
    return {_termless(p.upper()) for p in re.split(r"[-/]", number)[1:] if p and not p.isdigit() and p.upper() not in types}


def _share_issuer(first: Citation, issuer: str | None) -> None:
    """A list of citations of one body's documents names the body once, after the last ('Báo cáo số
    62/BC-BQL ngày … và văn bản số 750/BQL-QHXD ngày … của Ban Quản lý …'): the first takes it when it
    named none of its own."""
    if first.issuer is None and issuer:
        first.issuer = issuer


def _issuer_of_symbol(number: str, symbol: str | None) -> str | None:
    """The central body a state ký hiệu names ('QĐ-TTg', 'BTTTT-KHTC'): its issuer part follows the
    type part, or comes first in a công văn's. Party symbols are left alone ('BTC' is a Ban Tổ chức)."""
    if not symbol or re.match(r"\d+-", number):
        return None
    parts = re.split(r"[-/]", symbol)
    at = 1 if type_from_symbol(symbol) and len(parts) > 1 else 0
    return vocab.central_bodies().get(_termless(parts[at]))


def _termless(part: str) -> str:
    """A part without the term number a body adds to it ('QH15': the 15th Quốc hội)."""
    bare = part.rstrip("0123456789")
    return bare if bare and bare != part and (bare in vocab.symbol_parts() or bare in vocab.central_bodies()) else part


def _flatten(text: str) -> tuple[str, list[int]]:
    """Whitespace runs as one space, with a map back to the original offsets."""
    chars: list[str] = []
    fmap: list[int] = []
    prev_space = False
    for i, c in enumerate(text):
        if c.isspace():
            if prev_space:
                continue
            chars.append(" ")
            prev_space = True
        else:
            chars.append(c)
            prev_space = False
        fmap.append(i)
    fmap.append(len(text))
    return "".join(chars), fmap


def _is_own_number(doc: DocText, offset: int) -> bool:
    """The number on the document's own 'Số:' line. That line's text before the number holds at most
    OWN_LINE_MARKS characters that are not spaces ('Số:', and a handwritten figure read as marks, no
    letter), so a window with more settles it without looking back to the line's start: a long line
    is not rescanned for each number on it."""
    if offset >= len(doc.text) * 0.4:
        return False
    window = doc.folded[max(0, offset - 64):offset]
    if "\n" not in window and len("".join(window.split())) > OWN_LINE_MARKS:
        return False
    line_start = doc.text.rfind("\n", 0, offset) + 1
    before = doc.folded[line_start:offset]
    so = so_end(before)  # between 'Số:' and the number only a handwritten figure read as marks ('Số:2})2 /KH-SYT')
    return so is not None and not any(c.isalpha() for c in before[so:])


def _plausible(symbol: str | None, typed: bool, dated: bool = False) -> bool:
    """A number whose type word was read is a citation; an untyped one is when its symbol has two
    parts, one of them known, or it carries a legal document's year and its one part is known
    ('Luật Xây dựng số 50/2014/QH13')."""
    if not symbol:
        return False
    parts = [p for p in re.split(r"[-/]", symbol) if p]
    if typed:
        return True
    known = vocab.symbol_parts()
    hits = [p for p in parts if p.upper() in known or p in known or _termless(p) != p]
    return bool(hits) and (len(parts) >= 2 or (dated and len(hits) == len(parts)))


def _date_after(ffold: str, pos: int) -> tuple[str | None, int]:
    m = re.match(r"\s*,?\s*(?=ngay|\d)", ffold[pos:pos + 6])
    if not m:
        return None, pos
    dates = find_dates(ffold, pos, pos + 45)
    if dates and dates[0][0] - pos <= 8:
        return dates[0][2], dates[0][1]
    return None, pos


@cache
def _triggers(relation: str) -> str:
    """The trigger phrases of a relation (data/relations.tsv) as an alternation, longest first."""
    return "|".join(map(re.escape, vocab.relation_phrases(relation)))


def _relation(ffold: str, cite_start: int, previous: list[Citation], fmap: list[int]) -> str:
    before = ffold[max(0, cite_start - 40):cite_start]
    for rel in ("replaces", "attached_to"):  # the phrase right before the citation, two words between at most
        if re.search(r"(?:" + _triggers(rel) + r")\s*(?:\S+\s*){0,2}$", before):
            return rel
    triggers = _triggers("implements")
    if re.search(r"(?<!viec )(?:" + triggers + r")\s+(?:\S+\s+){0,2}$", before):
        return "implements"
    clause_at = max(ffold.rfind("; ", 0, cite_start), ffold.rfind(". ", 0, cite_start), ffold.rfind(":", 0, cite_start))
    clause = ffold[clause_at + 1:cite_start].strip()
    if re.match(r"(?:" + triggers + r")\b", clause) and not any(fmap[clause_at + 1] <= p.start for p in previous):
        return "implements"
    if not clause and previous and previous[-1].relation == "implements" and ffold[clause_at] == ";":
        return "implements"
    return "cites"


def _merge(cites: list[Citation]) -> list[Citation]:
    out: list[Citation] = []
    for c in cites:
        same = next((o for o in out if _same_number(o.number, c.number) and _compatible(o, c)), None)
        if same is None:
            out.append(c)
            continue
        if len(c.number) > len(same.number):
            same.number = c.number  # the number in full, where another citation of it was cut short
        same.date = same.date or c.date
        same.issuer = same.issuer or c.issuer
        same.doc_type = same.doc_type or c.doc_type
        if _RANK[c.relation] > _RANK[same.relation]:
            same.relation = c.relation
        same.spans.append((c.start, c.end))
    return out


def _same_number(a: str, b: str) -> bool:
    """The same number, or one cut short of the other by a line end or a letter OCR lost: a legal
    document's number with its year ('24/2026/NĐ-C', '105/2025/NĐ-' of '…/NĐ-CP'), or one whose last
    part stops inside a word ('04/GA' of '04/GAVI'). '12/UBND' is not '12/UBND-KT': another office's."""
    if a == b:
        return True
    short, full = sorted((a, b), key=len)
    if not full.startswith(short):
        return False
    if short.endswith(("-", "/")) or re.match(r"\d+/(?:19|20)\d\d/", short):
        return True
    return full[len(short)].isalnum()  # the short one stops inside a part of the full one


def _compatible(a: Citation, b: Citation) -> bool:
    if a.date and b.date and a.date != b.date:
        return False
    if a.issuer and b.issuer:
        fa, fb = fold(a.issuer), fold(b.issuer)
        return fa.startswith(fb[:12]) or fb.startswith(fa[:12])
    return True
