"""Document numbers, dates and symbols: the patterns every extractor needs."""
from __future__ import annotations

import bisect
import math
import re
from datetime import date, timedelta
from functools import cache, lru_cache
from itertools import product

from . import vocab
from .text import fold

_PART = r"[A-ZĐ][A-Za-zĐđ0-9&]*"
# 03-CV/BCĐ (Party: number-type/issuer), 425/QĐ-UBND, 09/2023/QĐ-TTg, 507/UBND-KGVX (state), and
# blank numbers (-BC/ĐUUBNDT, /UBND). Spaces around separators are OCR and layout noise.
NUMBER_RE = re.compile(
    r"(?<![\w/])(?P<num>\d{1,5})?[ \t]*(?P<sep>[-/])[ \t]*(?:(?P<year>(?:19|20)\d\d)[ \t]*/[ \t]*)?"
    rf"(?P<sym>{_PART}(?:[ \t]*[-/][ \t]*{_PART})*)"
)


def compact(s: str) -> str:
    return re.sub(r"\s+", "", s)


def split_number(raw: str, twice: bool = True) -> tuple[str | None, str | None]:
    """'03 -CV/BCD' -> ('03-CV/BCĐ', 'CV/BCĐ'); '/UBND' -> (None, 'UBND'). `twice`: the text may
    hold a letter read twice (OCR's), mended as mend_symbol says."""
    m = NUMBER_RE.fullmatch(raw.strip()) or NUMBER_RE.search(raw)
    if not m:
        return None, None
    symbol = mend_symbol(compact(m.group("sym")), twice=twice)
    if not m.group("num"):
        return None, symbol
    head = m.group("num") + m.group("sep")
    if m.group("year"):
        head += m.group("year") + "/"
    return head + symbol, symbol


def is_party_number(number: str) -> bool:
    return bool(re.match(r"\d+-", number))


# OCR reads Đ as D, P, PD, or Ð; only a reading that lands on known parts is accepted.
_D_VARIANTS = {"PD": ("Đ",), "D": ("D", "Đ"), "P": ("P", "Đ")}


def mend_symbol(symbol: str, known: frozenset[str] | None = None, twice: bool = True) -> str:
    """Mend Đ misreadings in a ký hiệu against `known` parts (default: the symbol vocabulary), and
    a letter read twice (QĐĐ -> QĐ) when `twice`: only OCR reads a letter twice, so a text layer's
    doubled letter is the ký hiệu's own (ĐCK-CTT is not ĐCK-CT)."""
    known = vocab.symbol_parts() if known is None else known
    parts = re.split(r"([-/])", symbol)
    return "".join(p if p in "-/" else _mend_part(p, known, twice) for p in parts)


def mend_abbreviation(token: str, twice: bool = True) -> str:
    """GD -> GĐ, TTDT -> TTĐT: the same mending against every known abbreviation."""
    return mend_symbol(token, vocab.abbreviations(), twice)


@lru_cache(maxsize=16384)  # a pure function of its arguments, asked of the same parts again and again
def _mend_part(part: str, known: frozenset[str], twice: bool = True) -> str:
    if not part or part in known:
        return part
    variants = _variants(part, twice)
    for cand in variants:
        if cand in known:
            return cand
    for cand in variants:
        if _composes(cand, known):
            return cand
    return part


def _variants(part: str, twice: bool = True) -> list[str]:
    pieces = re.split(r"(PD|D|P)", part)
    options = [_D_VARIANTS.get(p, (p,)) for p in pieces]
    out = ["".join(c) for c in product(*options)] if len(options) < 12 else [part]
    if twice:
        out += [re.sub(r"([A-ZĐ])\1", r"\1", c) for c in out]  # a letter read twice: QĐÐ -> QĐ
    return sorted(set(out), key=lambda c: (c != part, c))


def _composes(s: str, known: frozenset[str], depth: int = 0) -> bool:
    """True when s is a concatenation of known parts (BCĐTW = BCĐ + TW), optionally with a trailing digit."""
    if not s or s.isdigit() or (depth > 0 and s in ("T", "H", "X")):  # level letter: tỉnh, huyện, xã
        return depth > 0
    if depth > 4:
        return False
    return any(s.startswith(k) and _composes(s[len(k):], known, depth + 1) for k in known if k)


def type_from_symbol(symbol: str | None) -> str | None:
    """The document type a symbol's type part names; state công văn carry no type part."""
    if not symbol:
        return None
    first = re.split(r"[-/]", symbol)[0]
    return vocab.doc_type_by_abbr().get(first.upper())


# A day or month left blank, or written by hand and read as debris ('ngày Z tháng 4', 'tháng ?# năm'):
# the date keeps what can be read (YYYY-MM, YYYY).
_SLOT = r"\d{1,2}|[^\s\w]{1,3}|[a-z][^\s\w]{0,2}(?=[ \t])|"
_DATE_RE = re.compile(
    rf"ngay[ \t]*(?P<d>{_SLOT})[ \t]*(?:thang[ \t]*|[/.-][ \t]*)(?P<m>{_SLOT})[ \t]*(?:,?[ \t]*nam[ \t]*|[/.-][ \t]*)"
    r"(?P<y>(?:19|20)\d\d)"
)
_NUMERIC_DATE = re.compile(r"(?<![\d/])(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>(?:19|20)\d\d)(?![\d/])")
_MONTH_DATE = re.compile(r"thang[ \t]*(?P<m>\d{1,2})[ \t]*(?:/|nam)[ \t]*(?P<y>(?:19|20)\d\d)")


def iso(y: str | int, m: str | int | None = None, d: str | int | None = None) -> str | None:
    """ISO date, or YYYY-MM / YYYY when day or month are blank; None when it is no date."""
    try:
        yi = int(y)
        if not m:
            return f"{yi:04d}"
        mi = int(m)
        if not 1 <= mi <= 12:
            return None
        if not d:
            return f"{yi:04d}-{mi:02d}"
        return date(yi, mi, int(d)).isoformat()
    except (ValueError, TypeError):
        return None


def find_dates(folded: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, iso) for every 'ngày … tháng … năm …' or dd/mm/yyyy in folded[start:end]."""
    seg = folded[start:end]
    out: list[tuple[int, int, str]] = []
    for rx in (_DATE_RE, _NUMERIC_DATE):
        # A match inside a date found already is skipped. One pattern's matches never overlap, so
        # the dates found by the patterns before are sorted and apart: one bisect finds the one
        # that could hold it (a scan of them all made a long text quadratic).
        found = sorted((s, e) for s, e, _ in out)
        for m in rx.finditer(seg):
            i = bisect.bisect_right(found, (start + m.start(), math.inf)) - 1
            if i >= 0 and found[i][0] <= start + m.start() < found[i][1]:
                continue
            day, month = (v if v.isdigit() else None for v in (m.group("d"), m.group("m")))
            value = iso(m.group("y"), month, day) or (iso(m.group("y"), month) if rx is _DATE_RE else None)
            if value:
                out.append((start + m.start(), start + m.end(), value))
    return sorted(out)


def parse_deadline(text: str) -> str | None:
    """A deadline stated in task text, by the shapes deadline_* of data/task_shapes.tsv in order: a day
    after a cue ('trước ngày 01/10/2025', 'hạn chót 13/10/2017'), a month ('trong tháng 8/2025' ->
    2025-08-31, its last day), a quarter ('trong quý III năm 2012' -> 2012-09-30), the end of a period ('Từ ngày
    20/11/2017 đến ngày 15/12/2017: Tiến hành …' -> 2017-12-15)."""
    f = fold(text)
    cues = _deadline_cues()
    if m := cues["deadline_by"].search(f):
        dates = find_dates(f, m.start())
        if dates and dates[0][0] <= m.end() + 2:
            return dates[0][2]
    if (m := cues["deadline_month"].search(f)) and 1 <= int(m.group("m")) <= 12:  # noqa: PLR2004
        return _month_end(int(m.group("y")), int(m.group("m")))  # the period's last day, as a quarter's
    if (m := cues["deadline_quarter"].search(f)) and (q := _QUARTER.match(f, m.start("q"))):
        return _quarter_end(q)
    if m := cues["deadline_period"].search(f):
        dates = find_dates(f, m.start("to"))
        if dates and dates[0][0] == m.start("to"):
            return dates[0][2]
    return None


@cache
def _deadline_cues() -> dict[str, re.Pattern[str]]:
    return {sid: re.compile(cue) for sid, cue, _example, _counter in vocab.rows("task_shapes.tsv")
            if sid.startswith("deadline_")}


_QUARTER = re.compile(r"quy[ \t]*(?P<q>iv|i{1,3}|[1-4])[ \t]*(?:/|nam)[ \t]*(?P<y>(?:19|20)\d\d)")
_YEAR = re.compile(r"(?<![\d/])nam[ \t]*(?P<y>(?:19|20)\d\d)")


def period_end(text: str) -> str | None:
    """The day a deadline cell's period ends: its last full date ('29/6 - 09/7/2026' -> 2026-07-09,
    'trước ngày 01/01/2030'), else the last day of the latest quarter or month it names ('Quý II/2026' ->
    2026-06-30, 'tháng 5/2026' -> 2026-05-31; a period over two, 'Quý IV/2025 và Quý I/2026' or 'Từ tháng
    11/2025 đến tháng 4/2026', ends with the later), or year ('Trong năm 2026', or a cell of the year alone,
    '2026' -> 2026-12-31); none for 'Thường xuyên'."""
    f = fold(text)
    dates = [d for d in find_dates(f) if len(d[2]) == 10]
    if dates:
        return dates[-1][2]
    ends = [_quarter_end(m) for m in _QUARTER.finditer(f)]
    ends += [_month_end(int(m.group("y")), int(m.group("m"))) for m in _MONTH_DATE.finditer(f) if 1 <= int(m.group("m")) <= 12]  # noqa: PLR2004
    if ends:
        return max(ends)
    m = _YEAR.search(f) or re.fullmatch(r"\s*(?P<y>(?:19|20)\d\d)\s*\.?\s*", f)  # or the cell's year alone: '2026'
    return f"{m.group('y')}-12-31" if m else None


def _quarter_end(m: re.Match[str]) -> str:
    """The last day of the quarter _QUARTER matched ('quy iii/2025', 'quy 3 nam 2025')."""
    n = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(m.group("q")) or int(m.group("q"))
    return _month_end(int(m.group("y")), 3 * n)


def _month_end(y: int, m: int) -> str:
    return (date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)).isoformat()


# The ký hiệu grammar of NĐ 30/2020 (Phụ lục I, III) and HD 36 for Party documents: a state number is
# <số>/<type>-<body> or <số>/<body>-<unit> (a công văn), with the year after the number in a legal
# document's (<số>/<năm>/<type>-<body>); a Party number is <số>-<type>/<body>. The type is one of
# the abbreviations of data/doc_types.tsv.
_STATE = re.compile(rf"(?P<seq>\d{{1,5}})/(?:(?P<year>(?:19|20)\d\d)/)?(?P<sym>{_PART}(?:-{_PART})*)")
_PARTY = re.compile(rf"(?P<seq>\d{{1,5}})-(?P<type>{_PART})/(?P<sym>{_PART}(?:-{_PART})*)")
_SYMBOL = re.compile(rf"(?:(?P<type>{_PART})/)?{_PART}(?:-{_PART})*")


def _type_abbreviations() -> dict[str, str]:
    """The type abbreviations of NĐ 30/2020 Phụ lục III and HD 36 (data/doc_types.tsv), upper case."""
    return vocab.doc_type_by_abbr()


def number_fault(number: str) -> str | None:
    """Why a số và ký hiệu does not parse by the grammar ('1Z/K@-UBN'), or None when it does."""
    if not re.match(r"\d{1,5}[-/]", number):
        return f"the sequence number of {number!r} is not read as digits"
    m = _PARTY.fullmatch(number) or _STATE.fullmatch(number)
    if not m:
        return f"{number!r} is not <số>/<ký hiệu> or <số>-<type>/<body> of NĐ 30/2020"
    slot = m.group("type") if "type" in m.groupdict() else (m.group("sym").split("-")[0] if m.group("year") else None)
    if slot is not None and slot.upper() not in _type_abbreviations():
        return f"{slot!r} in {number!r} is no type abbreviation of NĐ 30/2020 Phụ lục III or HD 36"
    return None


def symbol_fault(symbol: str) -> str | None:
    """Why a ký hiệu alone does not parse ('K@-UBN'), or None."""
    m = _SYMBOL.fullmatch(symbol)
    if not m:
        return f"{symbol!r} is not a ký hiệu of NĐ 30/2020 (abbreviations joined by '-' or '/')"
    if m.group("type") and m.group("type").upper() not in _type_abbreviations():
        return f"{m.group('type')!r} in {symbol!r} is no type abbreviation of NĐ 30/2020 Phụ lục III or HD 36"
    return None


def symbol_type(number_or_symbol: str) -> str | None:
    """The type abbreviation a number names: the Party type before '/', a legal document's type
    after its year, else a state symbol's first part when it is a type's (a body's abbreviation can
    be one: 'CT-CS' of a Cục Thuế), in which case only a typed heading can disagree with it."""
    text = re.sub(r"^\d{1,5}(?=[-/])", "", number_or_symbol).lstrip("-/")
    text = re.sub(r"^(?:19|20)\d\d/", "", text)
    first = re.split(r"[-/]", text)[0]
    return first if first.upper() in _type_abbreviations() and len(re.split(r"[-/]", text)) > 1 else None


def split_type_part(number_or_symbol: str) -> tuple[str, str, str]:
    """A state number or ký hiệu as (what stands before its first abbreviation, that abbreviation, the
    rest): '2016/TB-SYT' -> ('2016/', 'TB', '-SYT'); '3/2025/QĐ-UBND' -> ('3/2025/', 'QĐ', '-UBND')."""
    m = re.match(r"^((?:\d{1,5}/)?(?:(?:19|20)\d\d/)?)([^\W\d_]+)(.*)$", number_or_symbol)
    return (m.group(1), m.group(2), m.group(3)) if m else ("", "", number_or_symbol)


def mended_type_part(part: str, abbreviation: str) -> bool:
    """The type part OCR made of `abbreviation`: one letter added, dropped or changed ('ĐĐL' of 'ĐL'), or
    the body's abbreviation glued on after it with the hyphen lost ('TBSYT' of 'TB' + 'SYT')."""
    from rapidfuzz.distance import Levenshtein

    if len(abbreviation) < 2 or not part.isupper():
        return False
    glued = part.startswith(abbreviation) and len(part) - len(abbreviation) >= 2
    return glued or Levenshtein.distance(part, abbreviation) == 1
