"""The one matcher for the form's fixed words (Quốc hiệu, motto, Kính gửi, Nơi nhận, V/v, Căn cứ…).

OCR noise is a distance, not a list of strings: a marker from `data/markers.tsv` matches folded
text within its edit bound, after the digits and symbols OCR writes for letters ('N0i nhận',
'Kính gửỬI', '6' for 'ô') are read as those letters by the confusion table. A misreading seen on a
scan becomes a test case of this matcher, never a new pattern.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .. import vocab
from ..text import fold


@dataclass(frozen=True)
class Marker:
    id: str
    phrase: str  # as printed
    folded: str  # what is matched
    where: str  # 'start', 'alone', 'line', 'end' (it ends the line), 'number' (a figure follows) or 'figure' (a number line's)
    distance: int
    example: str
    counter_example: str


@dataclass(frozen=True)
class Hit:
    marker: str
    start: int  # offsets in the text searched
    end: int
    distance: int


@cache
def markers() -> tuple[Marker, ...]:
    out = []
    for row in vocab.rows("markers.tsv"):
        mid, phrase, where, distance, example, counter = row
        out.append(Marker(mid, phrase, _canon(fold(phrase)), where, int(distance), example, counter))
    return tuple(out)


def printed(marker_id: str) -> str:
    """The marker's first wording as printed ('so' -> 'Số:'), where its letters are measured."""
    return _by_id()[marker_id][0].phrase


@cache
def _by_id() -> dict[str, tuple[Marker, ...]]:
    table: dict[str, list[Marker]] = {}
    for m in markers():
        table.setdefault(m.id, []).append(m)
    return {k: tuple(v) for k, v in table.items()}


@cache
def _look_alikes() -> dict[int, str]:
    """Digits and symbols OCR writes for a letter (one letter each, cheapest first): read as it."""
    table: dict[int, str] = {}
    for seen, letters, _cost in sorted(vocab.ocr_confusions(), key=lambda r: r[2]):
        if len(seen) == 1 and len(letters) == 1 and not seen.isalpha():
            table.setdefault(ord(seen), letters)
    return table


_DASHES = {0x2013: "-", 0x2014: "-", 0x2012: "-", 0x2015: "-", ord("_"): "-"}
_LINES = 8192  # a document's lines are searched for many markers each: each is prepared once


def _canon(folded: str) -> str:
    """Dashes of every kind as one, so 'Độc lập — Tự do' costs nothing for its em dash."""
    return folded.translate(_DASHES)


@lru_cache(maxsize=_LINES)
def _prepare(folded: str) -> str:
    return _canon(folded).translate(_look_alikes())


def letters_of(folded: str) -> str:
    """Folded text with the digits and symbols OCR writes for letters read as those letters."""
    return _prepare(folded)


@lru_cache(maxsize=_LINES)  # a line is asked for the same marker by several zones: its answer is kept (a Hit is frozen)
def at_start(marker_id: str, folded_line: str) -> Hit | None:
    """The marker opening the line (leading marks and blanks passed over), or None."""
    text = _prepare(folded_line)
    lead = len(text) - len(text.lstrip(" \t-–—•*+=»|>.'`_~\"“”‘’"))  # marks and OCR's specks (a quote) before it
    best: Hit | None = None
    for m in _by_id()[marker_id]:
        if m.where in ("line", "end"):
            continue  # found by in_line's search, which holds it to its colon
        n = len(m.folded)
        for size in range(max(1, n - m.distance), n + m.distance + 1):
            end = lead + size
            if end > len(text) or (m.folded[-1].isalnum() and end < len(text) and text[end].isalnum()
                                   and not (m.where == "figure" and folded_line[end].isdigit())):
                continue  # ... but a number may be glued to its 'Số' ('Số12/UBND')  # a word marker ends where a word does ('V/v' is not 'vivay')
            if m.where == "alone" and not _alone(text[end:]) or m.where == "number" and not folded_line[end:].lstrip()[:1].isdigit():
                continue
            if m.where == "figure" and (not _figure_follows(folded_line[end:]) or text[lead:lead + 1] != m.folded[:1]):
                continue  # digits as printed follow; the number line's 'S' is never lost ('Tổ 12' is no 'Số')
            d = Levenshtein.distance(m.folded, text[lead:end], score_cutoff=m.distance)
            if d <= m.distance and (best is None or d < best.distance) and _same_initials(m.folded, text[lead:end]):
                best = Hit(marker_id, lead, end, d)
    return best


def _figure_follows(rest: str) -> bool:
    """After a number line's marker: a colon (or its misreading; what follows it may be a handwritten
    number read as marks), else a figure, a separator or nothing (a blank number, '/UBND'); 'o' and
    'O' are the 0 OCR reads."""
    rest = rest.lstrip(" \t")
    return (not rest or rest[0] in ":;." or rest[0].isdigit() or rest[0] in "/-oO"  # a colon settles it
            or _SEPARATOR_SOON.match(rest) is not None)


# The colon itself misread, with a handwritten number run into it ('Sóz?4|/KH-SYT'): then the ký hiệu's
# separator and its first letter follow within a few marks or figures (no letter before them: 'Sổ tay/…').
_SEPARATOR_SOON = re.compile(r"[^\w\s]{0,3}\d?[^\w\s]{0,3}/\s*[^\W\d_]")


def _alone(rest: str) -> bool:
    """Nothing more on the line but marks, or another column after a gap."""
    return not rest.strip(" \t:.;") or rest.startswith(("  ", "\t")) or not rest.lstrip()[:1].isalpha()


@lru_cache(maxsize=_LINES)
def in_line(marker_id: str, folded_line: str) -> Hit | None:
    """The marker anywhere in the line (a two-column line holds both columns), or None."""
    rows = _by_id()[marker_id]
    text = _prepare(folded_line)
    hits = [h for m in rows if m.where == "line" and (h := _search(m, text))]
    if (h := closing(marker_id, folded_line)):
        hits.append(h)
    if any(m.where not in ("line", "end") for m in rows) and (h := at_start(marker_id, folded_line)):
        hits.append(h)
    return min(hits, key=lambda h: h.distance) if hits else None


@lru_cache(maxsize=_LINES)
def closing(marker_id: str, folded_line: str) -> Hit | None:
    """The marker ending the line (its rows whose `where` is 'end'), or None."""
    text = _prepare(folded_line)
    return next((h for m in _by_id()[marker_id] if m.where == "end" and (h := _search(m, text))
                 and h.end == len(text.rstrip())), None)


def labels(marker_ids: tuple[str, ...], folded: str) -> list[tuple[Marker, Hit]]:
    """Every form label ('Người ký:', 'Email:' — the rows of these ids whose phrase ends in ':')
    found in the text, in the text's order: a stamp's fields are what stands between them."""
    text = _prepare(folded)
    found = [(m, h) for mid in marker_ids for m in _by_id().get(mid, ()) if m.folded.endswith(":")
             if (h := _search(m, text))]
    found.sort(key=lambda mh: mh[1].start)
    return [(m, h) for i, (m, h) in enumerate(found) if not i or h.start >= found[i - 1][1].end]


def _search(m: Marker, text: str) -> Hit | None:
    if m.folded.endswith(":"):  # within running text only the colon tells the form's word from prose
        return _best(m.id, m.folded, m.distance, text, [i + 1 for i, c in enumerate(text) if c == ":"])
    # a phrase of words (Quốc hiệu, motto) is matched on the line's letters alone: the specks a scan
    # leaves between its words ('HÒA ` XÃ ~ HỘI CHỦ 2. NGHĨA') cost nothing
    proj, where = _letters(text)
    want = _letters(m.folded)[0]
    if len(proj) < len(want) - m.distance:
        return None
    al = fuzz.partial_ratio_alignment(want, proj)
    if al is None:
        return None
    ends = list(range(max(1, al.dest_end - m.distance), min(len(proj), al.dest_end + m.distance) + 1))
    hit = _best(m.id, want, m.distance, proj, ends)
    return hit and Hit(hit.marker, where[hit.start], where[hit.end - 1] + 1, hit.distance)


@lru_cache(maxsize=_LINES)
def _letters(text: str) -> tuple[str, tuple[int, ...]]:
    """The text's letters and digits, one blank between words, with each kept character's offset."""
    out: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        if c.isalnum():
            out.append(c)
            where.append(i)
        elif out and out[-1] != " " and c.isspace():
            out.append(" ")
            where.append(i)
    return "".join(out), tuple(where)


def _best(marker_id: str, want: str, distance: int, text: str, ends: list[int]) -> Hit | None:
    best: Hit | None = None
    n = len(want)
    for e in ends:
        for size in range(max(1, n - distance), n + distance + 1):
            s = e - size
            if s < 0 or (s > 0 and text[s - 1].isalnum()):
                continue  # the marker begins a word
            d = Levenshtein.distance(want, text[s:e], score_cutoff=distance)
            if d <= distance and (best is None or d < best.distance) and _same_initials(want, text[s:e]):
                best = Hit(marker_id, s, e, d)
    return best


def _same_initials(want: str, got: str) -> bool:
    """OCR misreads letters inside a word and may lose its first ('ơi nhận', or that and the next
    misread: 'si nhận'), but a word that begins with another letter is another word: 'kính mời:',
    'Kinh phí:' are not 'Kính gửi:'."""
    pairs = list(zip(want.split(), got.split(), strict=False))
    if len(want.split()) != len(got.split()) or len(pairs) < 2:
        return True  # blanks lost or added, or one short word ('-M/v-' is V/v): nothing to align word by word
    return all(g[:1] == w[:1] or g[:1] == w[1:2] or (g[:1], w[:1]) in _letter_confusions() or _lost_first(w, g)
               for w, g in pairs)


def _lost_first(want: str, got: str) -> bool:
    """The word's first letter lost and the next one misread, the rest as printed: italic 'Nơi' read
    as 'si'. A word of its own length ('tôi' for 'nơi') is another word."""
    return len(want) >= 3 and len(got) == len(want) - 1 and got[1:] == want[2:]


@cache
def _letter_confusions() -> frozenset[tuple[str, str]]:
    """(what OCR wrote, the letter it stands for), one character each: 'PẢNG' is 'ĐẢNG'."""
    return frozenset((seen, letters) for seen, letters, _ in vocab.ocr_confusions() if len(seen) == len(letters) == 1)


def find(marker_id: str, folded: str, lines: list[tuple[int, int]], last: bool = False) -> Hit | None:
    """The first (or last) line of `lines` (spans into `folded`) holding the marker, as a hit in
    `folded`'s offsets."""
    order = reversed(lines) if last else iter(lines)
    for start, end in order:
        hit = in_line(marker_id, folded[start:end])
        if hit:
            return Hit(hit.marker, start + hit.start, start + hit.end, hit.distance)
    return None
