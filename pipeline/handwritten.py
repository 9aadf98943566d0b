"""The sequence number and day a văn thư writes by hand into a scanned header, read by a second reader.

Tesseract reads print; on most scanned dispatches the number after 'Số:' and the day after 'ngày'
(sometimes the month) are written by hand at signing, and Tesseract reads them as debris or as
wrong digits. This stage finds those gaps on the first page from Tesseract's word boxes of the
lines the header component read (the Số line with the printed symbol, the place-and-date line
with the printed year), crops each gap tightly and has a line recogniser (rapidocr) read it from
slightly shifted crops. A value is taken only when at least AGREE of the SHIFTS readings agree and
it is plausible (a number of 1-5 digits before the printed symbol; a day 1-31 of a real date whose
year, and month when printed, are the printed ones); otherwise the field abstains with the reason
in provenance, which also names the reader. An incoming-mail stamp ('CV ĐẾN Số: 2352') lower on
the page has neither the printed symbol nor the date line, so its handwriting is never read.
"""
from __future__ import annotations

import logging
import re
import statistics
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from extractors.header import date_gaps, number_gap
from extractors.patterns import iso
from extractors.structure.markers import printed as printed_marker
from extractors.structure.tree import Dispatch
from extractors.structure.words import lines
from extractors.text import fold, plain_slashes

from .tools.rapidocr import LineReading, RapidOcrReader
from .types import ReadResult, Word

if TYPE_CHECKING:
    from PIL.Image import Image

log = logging.getLogger(__name__)
RULE = "header.handwritten"
SHIFTS = 5  # crops per gap: as found, and moved a little left, right, up and down
AGREE = 4  # readings that must agree (4 of 5 read no handwritten number wrong on the development scans)
SHIFT = 0.12  # of the line's height (as are the lengths below)
ABOVE, BELOW = 0.9, 0.7  # a crop's reach above and below the line's middle: handwriting rises over the print
MARGIN = -0.1  # from the end of the printed word before the gap (into it: a first digit written close touches it)
BACK, AHEAD = 0.6, 0.3  # how far inside that word's box, and into the gap, the space after it is looked for
SPACE = 0.12  # blank columns that part two words (the letters of a word are closer)
SLASH_MARGIN = 0.15  # kept clear of the printed word after the gap: a slash cut by the crop reads as a '1'
PAST_SLASH = 0.6  # a crop that takes the slash whole ends this far past where it is estimated to begin
INK = 128  # grey level below which a pixel is ink (the page is autocontrasted before OCR)
MIN_HEIGHT = 14  # pixels of a printed line below which (a scan at 70 dpi) nothing is read
SAME = 75  # rapidfuzz similarity of a page's words to the header's symbol or lines
ROW_SPAN = 4  # line heights between the Số line and the date line of one header
TESSERACT_SURE = 0.9  # a number or day Tesseract read with this confidence is print, kept when the reader abstains
# Widths of printed characters in line heights (the height of a word with an accent and a descender:
# 'Số:' 1.3, 'ngày' 2.1, 'tháng' 2.4, '/UBND-TTHC' 6.0 on the development scans); a word box wider
# than WIDE times its text has handwriting in it, and only its printed end is trusted.
_NARROW, _LOWER, _UPPER = 0.28, 0.5, 0.62
WIDE = 1.3


class LineReader(Protocol):
    """A recogniser of one line of text in a crop (pipeline/tools/rapidocr.py)."""

    name: str

    def read(self, image: Image) -> LineReading: ...


@dataclass(frozen=True)
class _Row:
    words: tuple[Word, ...]  # left to right
    text: str  # their texts joined by single spaces (NFC)
    starts: tuple[int, ...]  # where each word starts in `text`
    height: float  # of a printed word of the line
    middle: float


@dataclass
class _Outcome:
    value: str | None  # digits as read ('07')
    reason: str | None
    readings: list[str]


def fill_handwritten(read: ReadResult, tree: Dispatch, record: dict[str, Any],
                     reader: LineReader | None = None) -> dict[str, Any]:
    """The record with its handwritten number and day (and month) read again on a scanned first page."""
    page = read.pages[0] if read.pages else None
    if page is None or page.method != "ocr" or page.image is None or not page.words:
        return record
    t0 = time.perf_counter()
    reader = reader or RapidOcrReader()
    header = fold(tree.header.text(tree.doc))
    rows = _rows(page.words)
    so_row = _so_row(rows, record.get("symbol"), header)
    _number(page.image, so_row, record, reader)
    _date(page.image, _date_row(rows, so_row, record.get("issue_date"), header), record, reader)
    log.debug("handwritten number and day: %.2f s", time.perf_counter() - t0)
    return record


def _number(image: Image, row: tuple[_Row, tuple[int, int]] | None, record: dict[str, Any], reader: LineReader) -> None:
    symbol = record.get("symbol")
    if not symbol:
        return _abstain(record, "number", reader, _Outcome(None, "no printed symbol was read", []))
    if row is None:
        return _abstain(record, "number", reader,
                        _Outcome(None, "the Số line with the printed symbol was not found on the page", []))
    line, (a, b) = row
    if record.get("number") and _tesseract_conf(line, a, b) >= TESSERACT_SURE:
        return None  # printed, and read with confidence
    out = _consensus(image, line, a, b, reader, r"\d{1,5}", until_slash=True, symbol=symbol,
                     printed=printed_marker("so"))  # the printed word before the gap
    if out.value is not None:
        return _take(record, "number", f"{out.value}/{symbol}", reader, out)
    if not (record.get("number") and not any(out.readings)):
        record["number"] = None  # Tesseract's unsure reading is kept only when nothing was seen that says otherwise
    return _abstain(record, "number", reader, out)


def _date(image: Image, found: tuple[_Row, tuple[int, int], tuple[int, int], str] | None, record: dict[str, Any],
          reader: LineReader) -> None:
    held = record.get("issue_date") or ""
    if found is None:
        return _abstain(record, "issue_date", reader, _Outcome(None, "the place-and-date line was not found", []))
    line, (da, db), (ma, mb), year = found
    if held and not held.startswith(year):
        return _abstain(record, "issue_date", reader, _Outcome(None, "the page's printed year is not the header's", []))
    if len(held) == 10 and _tesseract_conf(line, da, db) >= TESSERACT_SURE:
        return None  # a printed day, read with confidence
    month = _month(image, line, ma, mb, reader)
    day = _consensus(image, line, da, db, reader, r"\d{1,2}")
    value = iso(year, month.value, day.value) if month.value and day.value else None
    if value and len(value) == 10:
        return _take(record, "issue_date", value, reader, day, month)
    reason = day.reason or month.reason or f"no such date (day {day.value}, month {month.value})"
    if not (len(held) == 10 and not any(day.readings)):  # Tesseract's unsure day: kept when nothing says otherwise
        blank = bool(day.readings) and not any(day.readings)  # a day left blank: the date is YYYY-MM
        record["issue_date"] = iso(year, month.value) if blank and month.value else None
    return _abstain(record, "issue_date", reader, _Outcome(None, reason, day.readings))


def _month(image: Image, line: _Row, a: int, b: int, reader: LineReader) -> _Outcome:
    """The printed month, when Tesseract read it with confidence; else the handwritten one read again."""
    tokens = line.text[a:b].split()
    if tokens and tokens[-1].isdigit() and _tesseract_conf(line, a, b) >= TESSERACT_SURE:
        return _Outcome(tokens[-1], None, [])
    out = _consensus(image, line, a, b, reader, r"\d{1,2}")
    if out.value is not None and not 1 <= int(out.value) <= 12:
        return _Outcome(None, f"not a month ({out.value})", out.readings)
    return out


def _take(record: dict[str, Any], field: str, value: str, reader: LineReader, out: _Outcome,
          month: _Outcome | None = None) -> None:
    """The second reader's value; when Tesseract read the same, its provenance stays and says so."""
    prov = record.setdefault("provenance", {})
    if record.get(field) == value:
        prov.setdefault(field, {})["confirmed_by"] = reader.name
        return
    record[field] = value
    prov[field] = {"page": 1, "rule": RULE, "reader": reader.name, "readings": out.readings}
    if month and month.readings:  # the month was handwritten too
        prov[field]["month_readings"] = month.readings


def _abstain(record: dict[str, Any], field: str, reader: LineReader, out: _Outcome) -> None:
    """Why the second reader gave no value; a value Tesseract read stays, with the reason beside it."""
    entry = record.setdefault("provenance", {}).setdefault(field, {})
    entry.update({"second_reader": reader.name, "abstained": out.reason, "readings": out.readings})
    if not entry.get("rule") or record.get(field) is None:
        entry["rule"] = RULE


def _consensus(image: Image, line: _Row, a: int, b: int, reader: LineReader, shape: str,
               until_slash: bool = False, symbol: str = "", printed: str | None = None) -> _Outcome:
    """The gap between offsets a and b of the line read from SHIFTS crops; a value when AGREE agree."""
    h = line.height
    if h < MIN_HEIGHT:
        return _Outcome(None, f"the printed line is {h:.0f} pixels high: too small to read handwriting", [])
    x1, glued = _right_edge(line, b)
    # A number Tesseract glued to the symbol ('2›26/SYT-NVY') leaves the slash's place an estimate:
    # the crop then takes the slash whole, and only a reading that has it counts.
    glued = glued and until_slash
    x1 = x1 + PAST_SLASH * h if glued else x1 - SLASH_MARGIN * h
    x0 = _blank_after(image, line, _left_edge(line, a, printed), x1) + MARGIN * h
    if x1 - x0 < 0.4 * h:
        return _Outcome(None, "no room between the printed words", [])
    readings: list[str] = []
    for dx, dy in ((0, 0), (-1, 0), (1, 0), (0, -1), (0, 1))[:SHIFTS]:
        top = max(Counter(readings).values(), default=0)
        if top >= AGREE or top + SHIFTS - len(readings) < AGREE:
            break  # agreed, or can no longer agree: the remaining crops would not change the outcome
        box = (round(x0 + dx * SHIFT * h), round(line.middle - ABOVE * h + dy * SHIFT * h),
               round(x1 + dx * SHIFT * h), round(line.middle + BELOW * h + dy * SHIFT * h))
        text = reader.read(image.crop(box)).text
        if not until_slash:
            readings.append(_before_printed(text, line.text[b:]) or _reading(text, False))
            continue
        readings.append(_reading(text, until_slash) if "/" in text or not glued else
                        _before_symbol(text, symbol) or f"{text} (no '/')")
    value, count = Counter(readings).most_common(1)[0]
    if count < AGREE:
        return _Outcome(None, f"the readings disagree ({', '.join(readings)})", readings)
    if not re.fullmatch(shape, value) or int(value) == 0:
        return _Outcome(None, "nothing legible" if not value else f"not a plausible value ({value})", readings)
    longer = [r for r in readings if r.isdigit() and len(r) > len(value) and (r.startswith(value) or r.endswith(value))]
    if longer:  # a digit at the crop's edge: a handwritten '1' close to the print, or the slash read as one
        return _Outcome(None, f"a shifted crop read more digits ({longer[0]})", readings)
    return _Outcome(value, None, readings)


def _before_symbol(text: str, symbol: str) -> str | None:
    """The digits of a crop that took the slash whole yet read no slash, where the printed symbol's first
    letters follow them ('147G' before 'GM-TB'): the thin slash was lost, not read as a digit. A last
    '1' may be that slash ('461G'), so such digits are no number."""
    m = re.fullmatch(r"(\d{1,5})([^\W\d_]+)", _clean(text))
    if m is None or m.group(1).endswith("1") or not fold(symbol).startswith(fold(m.group(2))):
        return None
    return m.group(1)


def _before_printed(text: str, after: str) -> str | None:
    """The figures of a day's or month's crop that reached the printed word after the gap, read as its
    first letters ('6th' before 'tháng'): the letters are the print, the figures the hand."""
    m = re.fullmatch(r"(\d{1,2})([^\W\d_]+)", _clean(text))
    word = fold(after).split()[0] if after.split() else ""
    return m.group(1) if m and len(m.group(2)) < len(word) and word.startswith(fold(m.group(2))) else None


def _clean(text: str) -> str:
    """A crop's text without blanks, dots and the printed colon before the gap."""
    return re.sub(r"[\s.,'`]", "", text).lstrip(":;")


def _reading(text: str, until_slash: bool) -> str:
    """A crop's text without blanks, dots and the printed colon before the gap; before a number's
    symbol, the printed '/' read whole (as '/' or as a sign of another script) ends it."""
    text = _clean(text)
    digits = re.match(r"\d*", text).group(0)  # type: ignore[union-attr]
    rest = text[len(digits):]
    return digits if until_slash and digits and (rest[:1] == "/" or not rest[:1].isascii()) else text


def _tesseract_conf(line: _Row, a: int, b: int) -> float:
    """Tesseract's lowest confidence over the words between offsets a and b (1.0 when none: a blank)."""
    confs = [w.conf for w, s in zip(line.words, line.starts, strict=True)
             if s < b and s + len(w.text) > a and any(c.isalnum() for c in line.text[max(s, a):min(b, s + len(w.text))])]
    return min(confs, default=0.0)


def _blank_after(image: Image, line: _Row, x0: float, x1: float) -> float:
    """Where the printed word before the gap really ends: the first blank run of columns (a space)
    near its estimated end, from BACK before it to AHEAD after it (a handwritten first digit written
    close is inside Tesseract's box of the word); the estimate when there is none."""
    import numpy as np

    h = line.height
    lo = max(0, round(x0 - BACK * h))
    hi = min(x1, x0 + AHEAD * h)
    band = image.crop((lo, round(line.middle - 0.45 * h), max(lo + 1, round(hi)), round(line.middle + 0.45 * h)))
    ink = [bool(v) for v in np.asarray(band.convert("L")).min(axis=0) < INK]
    run, need = 0, max(2, round(SPACE * h))
    for i, dark in enumerate(ink):
        run = 0 if dark else run + 1
        if run >= need:
            return float(lo + i - run + 1)
    return x0


def _char_width(c: str) -> float:
    if c.isupper() or c.isdigit():
        return _UPPER
    return _LOWER if c.isalpha() else _NARROW


def _printed(text: str, h: float) -> float:
    return sum(_char_width(c) for c in text) * h


def _stretched(w: Word, h: float) -> bool:
    """A word's box holds more than its text: handwriting read into it."""
    return w.x1 - w.x0 > WIDE * _printed(w.text, h)


def _word_at(line: _Row, offset: int) -> int:
    return max(i for i, s in enumerate(line.starts) if s <= offset)


def _left_edge(line: _Row, a: int, printed: str | None = None) -> float:
    """Where the print before offset a ends: at its word's box, unless the box holds more than its
    printed part (cut at a, or a whole word wider than WIDE times its text: handwriting read into
    it), which is then measured from the box's left by the widths of its characters: those of
    `printed` when the word is known ('Số:', however OCR read it: 'séó:' is a letter too wide)."""
    i = _word_at(line, max(a - 1, 0))
    w, s = line.words[i], line.starts[i]
    head = line.text[s:a].rstrip()
    if len(head) < len(w.text) or _stretched(w, line.height):
        return w.x0 + _printed(printed if printed and fold(head) != fold(printed) else head, line.height)
    return w.x1


def _right_edge(line: _Row, b: int) -> tuple[float, bool]:
    """Where the print from offset b begins, measured from the right of its word (as _left_edge),
    and whether that word also holds what stands before b."""
    b += len(line.text[b:]) - len(line.text[b:].lstrip())
    i = _word_at(line, b)
    w, s = line.words[i], line.starts[i]
    tail = line.text[b:s + len(w.text)]
    if b > s or _stretched(w, line.height):
        return w.x1 - _printed(tail, line.height), b > s
    return w.x0, False


def _rows(words: list[Word]) -> list[_Row]:
    """The page's printed lines (the layout's own grouping, extractors.structure.words.lines), each
    with this page's printed line height."""
    sure = sorted(w.bottom - w.top for w in words if _sure(w))
    line = sure[3 * len(sure) // 4] if sure else statistics.median(w.bottom - w.top for w in words)
    return [_row(g, line) for g in lines(words)]


def _row(words: list[Word], line_height: float) -> _Row:
    ordered = tuple(sorted(words, key=lambda w: w.x0))
    texts = [plain_slashes(unicodedata.normalize("NFC", w.text)) for w in ordered]  # '⁄' is the header's '/'
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    sure = [w for w in ordered if _sure(w)]
    middle = statistics.median((w.top + w.bottom) / 2 for w in sure or ordered)
    return _Row(ordered, " ".join(texts), tuple(starts), line_height, middle)


def _sure(w: Word) -> bool:
    """Print Tesseract read with confidence: its height is the line's (handwriting's is not)."""
    return w.conf >= TESSERACT_SURE and len(w.text) >= 3


def _in(header: str, piece: str) -> bool:
    """A piece of a page's line is one of the header zone's lines (the tree's): nearly the same letters."""
    from rapidfuzz import fuzz

    return fuzz.partial_ratio(fold(piece), header) >= SAME


def _so_row(rows: list[_Row], symbol: str | None, header: str) -> tuple[_Row, tuple[int, int]] | None:
    """The topmost line of the header zone holding 'Số:' and a gap before the printed symbol the
    header read (an incoming-mail stamp's 'Số:' has no symbol after it)."""
    if not symbol:
        return None
    from rapidfuzz import fuzz

    for row in rows:
        for s in row.starts:
            gap = number_gap(row.text[s:])
            if gap is None:
                continue
            after = _symbol_as_read(row.text[s + gap[1] + 1:], symbol)
            if fuzz.ratio(fold(after.replace(" ", "")), fold(symbol)) >= SAME and _in(header, row.text[s:s + gap[1] + 1 + len(after)]):
                return row, (s + gap[0], s + gap[1])
    return None


def _symbol_as_read(after: str, symbol: str) -> str:
    """The words after the Số line's separator that hold the printed symbol, as the row has them: the
    first, and the next ones while together they still begin the symbol (Tesseract parts 'SYT- NVY')."""
    words = after.split(" ")
    taken = words[0]
    for w in words[1:]:
        joined = (taken + w).replace(" ", "")
        if not w or len(taken.replace(" ", "")) >= len(symbol) or not fold(symbol).startswith(fold(joined)):
            break
        taken = f"{taken} {w}"
    return taken


def _date_row(rows: list[_Row], so_row: tuple[_Row, tuple[int, int]] | None, held: str | None,
              header: str) -> tuple[_Row, tuple[int, int], tuple[int, int], str] | None:
    """The place-and-date line of the header zone: near the Số line, or with the year the header read."""
    for row in rows:
        found = date_gaps(row.text)
        if found is None or not _in(header, row.text[found[0][0]:found[1][1]]):
            continue
        near = so_row is not None and abs(row.middle - so_row[0].middle) <= ROW_SPAN * so_row[0].height
        if near or (held and held[:4] == found[2]):
            return row, *found
    return None
