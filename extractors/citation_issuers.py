"""The issuing body a citation names: after its number and date ('… ngày 04/5/2026 của Ủy ban nhân dân tỉnh'),
and where its name ends (a stop word, a clause, a verb, another body after a comma), or before its type word
('Sở Tài chính tại Văn bản số …'; data/citation_shapes.tsv). references.py anchors the citations; this module
reads their issuers' names, which end by rules of their own.
"""
from __future__ import annotations

import re
from functools import cache

from . import vocab
from .articles import shape as task_shape
from .orgs import starts_with_head
from .patterns import find_dates
from .text import CAPITALS, fold, tone_style

_PUNCTUATION_STOP = r";|\(|\)|\"|“|”|\.\s|\.$"  # a clause's or a quote's mark, a full stop
_TERM = re.compile(r"\s*\(\s*khoa\s+[ivxlc]+\s*\)")


@cache
def _issuer_stop() -> re.Pattern[str]:
    """What ends a cited issuer's name: a mark, or a stop word of data/issuer_stops.tsv."""
    pieces = [r"\b" + p.replace("{doc_type}", vocab.doc_type_regex()) + ("" if "(?=" in p else r"\b")
              for p, _case in vocab.rows("issuer_stops.tsv")]
    return re.compile(r"\s*(?:" + _PUNCTUATION_STOP + "|" + "|".join(pieces) + ")")


@cache
def _name_never_goes_on() -> frozenset[str]:
    """The stop words that end a name however they are printed (issuer_stops.tsv's 'any')."""
    return frozenset(re.match(r"[a-z ]+", p).group(0).strip()  # type: ignore[union-attr]
                     for p, case in vocab.rows("issuer_stops.tsv") if case == "any")


@cache
def _field_stops() -> frozenset[str]:
    """The stop words a long-named body's name goes on over once: its field (issuer_stops.tsv's 'field')."""
    return frozenset(p for p, case in vocab.rows("issuer_stops.tsv") if case == "field")


@cache
def _long_named() -> re.Pattern[str]:
    """A name that opens with a head of data/long_named_heads.txt (folded)."""
    return re.compile(r"^(?:" + "|".join(map(re.escape, vocab.lines("long_named_heads.txt"))) + r")\b")


@cache
def _shapes() -> tuple[tuple[str, bool, re.Pattern[str]], ...]:
    return tuple((sid, dated == "dated", re.compile(pattern))
                 for sid, dated, pattern, _example, _counter in vocab.rows("citation_shapes.tsv"))


_CLAUSE_END = re.compile(r"[.;:()]\s|[;:(]")  # '… 01A (Ban hành kèm theo …': a bracket opens a clause
_CLAUSE_OPEN = re.compile(r",\s*|\bcua\s+|\bduoc\s+")


def issuer_before(flat: str, ffold: str, type_at: int, after: int) -> tuple[str | None, str | None]:
    """The issuer a citation names before its type word (data/citation_shapes.tsv), after the text of
    the citation before it (whose issuer is its own), and the date that opens its sentence when the
    shape is one that dates it."""
    lo = max(0, type_at - 160, after)
    flat, ffold = _without_alias(flat, ffold, lo, type_at)
    named = [(q.start(), q.end()) for q in _named_brackets().finditer(ffold, lo, type_at)]
    hard = [m.end() for m in _CLAUSE_END.finditer(ffold, lo, type_at) if not any(a <= m.start() < b for a, b in named)]
    lo = hard[-1] if hard else lo
    joined = re.match(r"[\s,]*va\s+", ffold[lo:type_at]) if lo == after else None
    lo = lo + joined.end() if joined else lo  # '… Văn bản số 956/SCT-CN ngày … và Sở Xây dựng tại Văn bản số …'
    dates = find_dates(ffold, lo, type_at)
    opens = sorted({lo, *(m.end() for m in _CLAUSE_OPEN.finditer(ffold, lo, type_at)),
                    *(e + len(ffold[e:type_at]) - len(ffold[e:type_at].lstrip(" ,")) for _, e, _ in dates)})
    for at in reversed(opens):
        clause = ffold[at:type_at]
        for _sid, dated, shape in _shapes():
            m = shape.fullmatch(clause)
            if not m:
                continue
            org = _org_before(flat[at:at + m.end("org")])
            if org is None:
                continue
            just_before = [iso for _, e, iso in dates if e <= at and re.fullmatch(r"[\s,]*", ffold[e:at])]
            return org, just_before[-1] if dated and just_before else None
    return None, None


# The short name a sentence gives the body it names, in brackets after it ('Công ty cổ phần Hòa Bình (Công ty)
# tại Văn bản số …', or defined by the shape short_name, '(sau đây gọi tắt là Công ty)'): no clause ends there.
_BRACKETED = re.compile(r" \([^()]{1,60}\)(?= )")


def _without_alias(flat: str, ffold: str, lo: int, hi: int) -> tuple[str, str]:
    """The texts with each alias in brackets between lo and hi blanked (offsets kept), when its
    short name (at most 30 characters) opens with a capital."""
    for m in reversed(list(_BRACKETED.finditer(ffold, lo, hi))):
        defined = task_shape("short_name").match(ffold, m.start() + 1, m.end())
        short = flat[defined.start("short"):defined.end("short")] if defined else flat[m.start() + 2:m.end() - 1]
        if len(short) > 30 or not short.strip()[:1].isupper():
            continue
        blank = " " * (m.end() - m.start())
        flat = flat[:m.start()] + blank + flat[m.end():]
        ffold = ffold[:m.start()] + blank + ffold[m.end():]
    return flat, ffold


def _org_before(text: str) -> str | None:
    name = re.sub(r"\s+", " ", text).strip(" ,;:.-")
    name = re.sub(r"^\(?\w{1,3}\)\s*", "", name)  # an item's marker: '(2) Hội Làm vườn'
    if not name or not name[0].isupper() or not starts_with_head(name) or len(name.split()) > 15:
        return None
    if _verbs_in(name, fold(name)):
        return None
    return name


def issuer_after(flat: str, ffold: str, pos: int, breaks: list[int] | None = None,
                  joint: bool = False) -> tuple[str | None, int]:
    # 'của X', ', X …' (a body's name), 'do X cấp' (a licence by the body that granted it); a joint
    # document's 'của A, B và C' is all three
    m = re.match(r"\s*,?\s*(?:cua\s+|do\s+(?=\S)|,\s*(?=\S))", ffold[pos:pos + 12])
    if not m:
        return None, pos
    start = pos + m.end()
    of = m.group(0).strip().startswith("cua")
    while start < len(flat) and flat[start] in ".:;":  # a speck before the name: 'của .Ban Chỉ đạo'
        start += 1
    if not of and not starts_with_head(flat[start:start + 40]):
        return None, pos
    limit = next((b for b in breaks or () if b > start), start + 220)  # a name ends with its paragraph
    window = ffold[start:min(start + 220, limit)]
    long_named = bool(_long_named().match(window)) and not window.startswith(_fixed_names())
    end = len(window)
    for s in _issuer_stop().finditer(window):
        word = s.group(0).strip()
        if word in _field_stops() and long_named and f" {word} " not in window[: s.start()] + " ":
            continue  # 'Ban Chỉ đạo … về phát triển …' names its field
        word_at = start + s.start() + len(s.group(0)) - len(s.group(0).lstrip())
        if flat[word_at].isupper() and s.group(0).strip() not in _name_never_goes_on():  # 'Bộ Tài chính' is not 'tại'
            continue
        if (va := _va_not_type().match(window, s.start())) \
                and flat[start + va.end()].isupper():
            continue  # 'Bộ Nông nghiệp và Môi trường': 'và Môi' is not 'và mọi'
        if s.group(0).strip() == "." and flat[start + s.end():start + s.end() + 1].islower():
            continue  # a speck read as a full stop: 'Ban Chỉ đạo Phòng, chống. tội phạm'
        if s.group(0).strip() == "(" and (term := _TERM.match(window, s.start()) or _qualifier().match(window, s.start())):
            end = term.end()  # 'Ban Chấp hành Trung ương (khóa XII)', '… (trước sắp xếp)': the name's own
            break
        end = s.start()
        break
    if not long_named:  # 'Ban Chỉ đạo thực hiện …' names its task
        verb = next(iter(_verbs_in(flat[start:start + end], window[:end])), None)
        if verb is not None and not of:
            return None, pos  # '…/QĐ-UBND, Văn phòng UBND tỉnh chuyển …': the subject of the next clause
        end = verb if verb is not None else end
    if not of and re.match(r"\s*(?:da|dang|se)\b", window[end:]):
        return None, pos  # '… ngày 06/01/2026, UBND tỉnh Lào Cai đã tham gia ý kiến …': the next clause's subject
    name = flat[start:start + end]
    name = _cut_at_new_body(name, long_named, joint)
    name = re.sub(r"\s+", " ", name).strip(" ,;:.")
    if not name or not starts_with_head(name):
        return None, pos
    return name, start + len(name)


@cache
def _va_not_type() -> re.Pattern[str]:
    """'và' before a word that opens no document type (built once: asked at every stop of every issuer)."""
    return re.compile(r"\s*va\s+(?!(?:" + vocab.doc_type_regex() + r")\b)")


@cache
def _qualifier() -> re.Pattern[str]:
    """A bracketed qualifier of a body's name (data/name_qualifiers.txt), on folded text."""
    words = sorted((fold(q) for q in vocab.lines("name_qualifiers.txt")), key=len, reverse=True)
    return re.compile(r"\s*(?:" + "|".join(re.escape(q).replace(r"\ ", r"\s*") for q in words) + r")")


@cache
def _named_brackets() -> re.Pattern[str]:
    """Brackets that belong to the name before them: a term ('(khóa XII)') or a qualifier."""
    return re.compile(_TERM.pattern + "|" + _qualifier().pattern)


@cache
def _fixed_names() -> tuple[str, ...]:
    return tuple(fold(n) for n in vocab.lines("fixed_name_bodies.txt"))


@cache
def _issuer_verbs() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + vocab.folded_alternation("citation-verb") + r")(?!\w)")


@cache
def _verbs_as_printed() -> frozenset[str]:
    return frozenset(tone_style(v).lower() for v in vocab.task_verbs() + vocab.citation_verbs())


@cache
def _enterprise_re() -> re.Pattern[str]:
    heads = sorted({fold(h) for h in vocab.lines("enterprise_heads.txt")}, key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(map(re.escape, heads)) + r")\b")


def _verbs_in(name: str, folded: str) -> list[int]:
    """Where a lower-case verb stands in a name (offsets into `name`, which `folded` folds): a verb
    matches with its tones ('mỏ', a mine, is not 'mở'; text read without accents matches folded), and
    in an enterprise's name the words before its proper part are its trade ('Công ty CP xây dựng
    giao thông Yên Bái', data/enterprise_heads.txt)."""
    trade_end = 0
    if (head := _enterprise_re().match(folded)) is not None:
        proper = next((w for w in re.finditer(r"\w+", name[head.end():]) if w.group(0)[0].isupper()
                       and w.group(0)[1:2].islower()), None)  # 'An Phát'; 'đầu tư' is lower case, though 'đ' > 'À'
        trade_end = head.end() + proper.start() if proper else len(name)
    out = []
    for v in _issuer_verbs().finditer(folded):
        printed = name[v.start():v.end()]
        if v.start() < trade_end or not printed[:1].islower():
            continue
        if fold(printed) == printed or tone_style(printed).lower() in _verbs_as_printed():
            out.append(v.start())
    return out


def _cut_at_new_body(name: str, long_named: bool, joint: bool = False) -> str:
    """A name up to the comma where another body or clause begins; a joint document's issuers go on
    through the commas between its bodies."""
    caps = re.search(rf"(?:\b[{CAPITALS}]{{2,}}\b\s+){{3}}", name)  # the header's other column ran into the citation
    if caps and caps.start() > 0:
        name = name[: caps.start()]
    for m in re.finditer(r",\s*", name):
        rest = name[m.end():]
        new_body = rest[:1].isupper() and starts_with_head(rest)
        if joint and new_body:
            continue
        if not long_named or new_body:
            return name[: m.start()]
    return name
