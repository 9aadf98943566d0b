"""Word boxes -> text in reading order, with the two-column header and signature blocks apart.

A dispatch's header (issuing body | Quốc hiệu) and its foot (Nơi nhận | signature) are two
columns; read line by line they interleave. Lines are rebuilt from word positions and cut at
gaps wider than any space between words of one sentence. The header zone runs from the top
to the first line of running text (a line across the page's middle that is not part of the
Quốc hiệu, motto or place-and-date line); the foot zone from the right-column lines just
above `Nơi nhận` to the end. In both zones the left column is emitted before the right one,
so each block reads as printed and the body between them keeps its order.
"""
from __future__ import annotations

import re
import statistics

from extractors.text import fold

from ..types import Word

_BODY_MARK = re.compile(r"^(k[i1]nh\s*g|thuc\s*hien|can\s*cu|\d+\s*[.)]\s|[ivx]+\.\s)")
_FOOT_MARK = re.compile(r"^n[o0]i\s*nh[a]n")
_AUTHORITY_MARK = re.compile(r"^(?:tm|kt|tl|tuq|t/m|k/t|t/l)\s*[.:]\s*\S")
# Lines of the right header column that run across the middle of the page.
# Matched on the folded text without spaces: text layers split words ('CỘ NG HÒA').
_HEADER_TEXT = re.compile(r"c[o0]ngh[o0]ax|dangc[o0]ngs|d[o0]cl[a]p[-–—]|ng[a]y\S{0,4}th[a]ng|ng[a]y$")

COLUMN_GAP = 0.018  # of the page width: wider than a justified space, narrower than the header's column gap
RUN_GAP = 0.035  # a running line has no gap this wide
SPLIT = 0.45  # a segment centred right of this, or a second segment starting right of 0.3, is in the right column
MAX_HEADER_ROWS = 25
PARAGRAPH_PITCH = 1.4  # a row this many times the page's usual line pitch below the last opens a paragraph


def words_to_text(words: list[Word], page_width: float) -> str:
    if not words:
        return ""
    rows = _lines(words)
    head_end = _header_end(rows, page_width)
    foot_start = _foot_start(rows, page_width, head_end)
    out: list[str] = []
    out += _two_columns(rows[:head_end], page_width)
    out += _paragraphs(rows[head_end:foot_start])
    out += _two_columns(rows[foot_start:], page_width)
    return "\n".join(out)


def words_to_grid(words: list[Word]) -> str:
    """The words where they stand on the page (`congvan read --layout`, as pdftotext -layout):
    one text line per line of words, each word at the column of its left edge, a column being
    the median width of a character, so the header's two blocks show side by side."""
    if not words:
        return ""
    char = statistics.median((w.x1 - w.x0) / len(w.text) for w in words if w.text and w.x1 > w.x0) or 1.0
    left = min(w.x0 for w in words)
    out = []
    for row in _lines(words):
        line, end = "", left
        for w in row:
            near = line and w.x0 - end < 2 * char  # the next word of the same phrase: one space
            line += " " if near else " " * max(1 if line else 0, round((w.x0 - left) / char) - len(line))
            line, end = line + w.text, w.x1
        out.append(line)
    return "\n".join(out)


def _paragraphs(rows: list[list[Word]]) -> list[str]:
    """Body rows as text lines, with an empty line where the spacing opens a new paragraph: a
    trích yếu is one paragraph, and OCR may drop the first words of the body below it."""
    mids = [_mid(r) for r in rows]
    pitches = [b - a for a, b in zip(mids, mids[1:], strict=False) if b > a]
    usual = statistics.median(pitches) if pitches else 0.0
    out: list[str] = []
    for i, row in enumerate(rows):
        if i and usual and mids[i] - mids[i - 1] > PARAGRAPH_PITCH * usual:
            out.append("")
        out.append(_text(row))
    return out


def _lines(words: list[Word]) -> list[list[Word]]:
    heights = [w.bottom - w.top for w in words if w.bottom > w.top]
    tol = (statistics.median(heights) if heights else 10) * 0.5
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        mid = (w.top + w.bottom) / 2
        if rows and abs(mid - _mid(rows[-1])) <= tol:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [sorted(r, key=lambda w: w.x0) for r in rows]


def _mid(row: list[Word]) -> float:
    return sum((w.top + w.bottom) / 2 for w in row) / len(row)


def _segments(line: list[Word], page_width: float, gap: float = COLUMN_GAP) -> list[list[Word]]:
    segs = [[line[0]]]
    for prev, w in zip(line, line[1:], strict=False):
        if w.x0 - prev.x1 > gap * page_width:
            segs.append([w])
        else:
            segs[-1].append(w)
    return segs


def _text(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


def _header_end(rows: list[list[Word]], page_width: float) -> int:
    """Index of the first row of running text: body marks ('Kính gửi', '1.') or a line across the middle."""
    for i, row in enumerate(rows[:MAX_HEADER_ROWS]):
        f = fold(_text(row))
        if i and _BODY_MARK.match(f):
            return i
        if _runs_across(row, page_width) and _header_text_at(f) is None:
            return i
    return min(len(rows), MAX_HEADER_ROWS)


def _header_text_at(folded: str) -> int | None:
    m = _HEADER_TEXT.search(folded.replace(" ", ""))
    return m.start() if m else None


def _runs_across(row: list[Word], page_width: float) -> bool:
    return any(s[0].x0 < 0.35 * page_width and s[-1].x1 > 0.65 * page_width
               for s in _segments(row, page_width, RUN_GAP))


def _foot_start(rows: list[list[Word]], page_width: float, head_end: int) -> int:
    """The 'Nơi nhận' row, or the right-column rows just above it (the signer's authority line).
    Without a 'Nơi nhận', the last row with an authority prefix (TL., KT. …) in the right column."""
    start = next((i for i in range(head_end, len(rows)) if _FOOT_MARK.match(fold(_text(rows[i])))), None)
    if start is None:  # 'Nơi nhận' lost (small italics, a stamp): the signer's prefix in the right column
        start = next((i for i in range(len(rows) - 1, max(head_end, len(rows) - 60) - 1, -1)
                      if any(_AUTHORITY_MARK.match(fold(_text(seg))) for seg in _segments(rows[i], page_width)
                             if seg[0].x0 >= 0.4 * page_width)), len(rows))
    if start == len(rows):
        return start
    while start - 1 >= head_end and start - 1 >= len(rows) - 60 and _right_only(rows[start - 1], page_width):
        start -= 1
    return start


def _right_only(row: list[Word], page_width: float) -> bool:
    return row[0].x0 >= 0.4 * page_width


def _centre(seg: list[Word]) -> float:
    return (seg[0].x0 + seg[-1].x1) / 2


def _two_columns(rows: list[list[Word]], page_width: float) -> list[str]:
    """Left block, then right block, an empty line apart. In a row of several segments the right column starts at the
    Quốc hiệu / motto / place-date column's edge; a lone segment goes by its centre."""
    split_rows = [_segments(row, page_width) for row in rows]
    edge = _right_edge(split_rows)
    left: list[str] = []
    right: list[str] = []
    for segs in split_rows:
        sides = [_is_right(seg, i, len(segs), edge, page_width) for i, seg in enumerate(segs)]
        lpart = " ".join(_text(seg) for seg, r in zip(segs, sides, strict=True) if not r)
        rpart = " ".join(_text(seg) for seg, r in zip(segs, sides, strict=True) if r)
        left += [lpart] if lpart else []
        right += [rpart] if rpart else []
    return left + [""] + right if left and right else left + right


def _is_right(seg: list[Word], index: int, count: int, edge: float | None, page_width: float) -> bool:
    if count == 1:
        return _centre(seg) >= SPLIT * page_width
    if edge is not None:
        return seg[0].x0 >= edge - 0.01 * page_width
    return index > 0 and seg[0].x0 >= 0.3 * page_width


def _right_edge(split_rows: list[list[list[Word]]]) -> float | None:
    """Left edge of the right column: the leftmost segment that opens with the Quốc hiệu, motto or date line."""
    xs = [seg[0].x0 for segs in split_rows for i, seg in enumerate(segs)
          if i > 0 and (at := _header_text_at(fold(_text(seg)))) is not None and at < 20]
    return min(xs) if xs else None

