"""Word boxes -> a page's zones: the two header columns, the body, and the foot's two columns.

A dispatch's header (issuing body | Quốc hiệu) and its foot (Nơi nhận | signature) are two
columns; read line by line they interleave. Rows are rebuilt from word positions and cut at
gaps wider than any space between words of one sentence. The header runs from the top to the
first row of running text (a row across the page's middle that is not part of the Quốc hiệu,
motto or place-and-date line) or a row that opens the body; the foot from the right-column rows
just above `Nơi nhận` to the end. `PageLayout.text` emits the left column before the right one
in both, so each block reads as printed and the body between them keeps its order; the reader's
page text is that text. The form's fixed words are found by the one matcher (`markers`).
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

from ..text import fold
from . import markers
from .from_text import FORM_WORDS, opens_body, right_block_at


@dataclass(frozen=True)
class Word:
    """One word with its box in page pixels/points and the engine's confidence (0..1)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float = 1.0


Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass(frozen=True)
class Row:
    """The words of one printed line that stand in one zone (one column of a two-column line)."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> Box:
        return (min(w.x0 for w in self.words), min(w.top for w in self.words),
                max(w.x1 for w in self.words), max(w.bottom for w in self.words))


# The zones of a page, in the order its text emits them.
ZONES = ("header.left", "header.right", "body", "foot.copies", "foot.signature")


@dataclass(frozen=True)
class PageLayout:
    """One page's rows by zone; `breaks` are the body rows that open a paragraph (an empty line
    before them in the text: a trích yếu is one paragraph, and OCR may drop the body's first words)."""

    header_left: tuple[Row, ...] = ()
    header_right: tuple[Row, ...] = ()
    body: tuple[Row, ...] = ()
    copies: tuple[Row, ...] = ()
    signature: tuple[Row, ...] = ()
    breaks: frozenset[int] = frozenset()

    def zone(self, name: str) -> tuple[Row, ...]:
        return {"header.left": self.header_left, "header.right": self.header_right, "body": self.body,
                "foot.copies": self.copies, "foot.signature": self.signature}[name]

    def lines(self) -> list[tuple[str | None, Row | None]]:
        """The page's text lines, each with its zone and row (None, None: the empty line between two
        blocks or before a paragraph)."""
        out: list[tuple[str | None, Row | None]] = []
        for left, right in (("header.left", "header.right"), (None, None), ("foot.copies", "foot.signature")):
            if left is None:
                for i, row in enumerate(self.body):
                    out += [(None, None)] * (i in self.breaks) + [("body", row)]
                continue
            assert right is not None
            lrows, rrows = self.zone(left), self.zone(right)
            out += [(left, r) for r in lrows] + [(None, None)] * bool(lrows and rrows) + [(right, r) for r in rrows]
        return out

    @property
    def text(self) -> str:
        return "\n".join(row.text if row else "" for _, row in self.lines())

    def spans(self) -> dict[str, tuple[int, int]]:
        """Each zone's [start, end) in `text` (zones without rows are left out)."""
        out: dict[str, tuple[int, int]] = {}
        pos = 0
        for name, row in self.lines():
            n = len(row.text) if row else 0
            if name:
                out[name] = (out.get(name, (pos, pos))[0], pos + n)
            pos += n + 1
        return out


COLUMN_GAP = 0.018  # of the page width: wider than a justified space, narrower than the header's column gap
RUN_GAP = 0.035  # a running line has no gap this wide
SPLIT = 0.45  # a segment centred right of this, or a second segment starting right of 0.3, is in the right column
MAX_HEADER_ROWS = 25
PARAGRAPH_PITCH = 1.4  # a row this many times the page's usual line pitch below the last opens a paragraph
FOOT_ROWS = 60  # the foot is within the page's last rows
# The form's words that open the body below the header's rows ('Kính gửi', 'Căn cứ', 'Thực hiện'), and a numbered
# item or a Roman section; a row across the page tells the rest (from_text.opens_body is the one test).
BODY_ITEMS = ("number", "roman")


def page_layout(words: list[Word], page_width: float) -> PageLayout:
    if not words:
        return PageLayout()
    rows = lines(words)
    head_end = _header_end(rows, page_width)
    foot_start = _foot_start(rows, page_width, head_end)
    hl, hr = _two_columns(rows[:head_end], page_width)
    fl, fr = _two_columns(rows[foot_start:], page_width)
    body = rows[head_end:foot_start]
    return PageLayout(hl, hr, tuple(Row(tuple(r)) for r in body), fl, fr, _breaks(body))


def words_to_text(words: list[Word], page_width: float) -> str:
    return page_layout(words, page_width).text


def lines(words: list[Word]) -> list[list[Word]]:
    """The page's printed lines, top to bottom, each left to right."""
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


def cell_text(words: list[Word]) -> str:
    """A table cell's words as one text, its printed lines in order ('' for an empty cell)."""
    return " ".join(w.text for ln in lines(words) for w in ln)


def _breaks(rows: list[list[Word]]) -> frozenset[int]:
    mids = [_mid(r) for r in rows]
    pitches = [b - a for a, b in zip(mids, mids[1:], strict=False) if b > a]
    usual = statistics.median(pitches) if pitches else 0.0
    return frozenset(i for i in range(1, len(rows)) if usual and mids[i] - mids[i - 1] > PARAGRAPH_PITCH * usual)


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


def _opens_body(folded: str, text: str) -> bool:
    return opens_body(folded, text, FORM_WORDS, BODY_ITEMS)


def _header_end(rows: list[list[Word]], page_width: float) -> int:
    """Index of the first row of running text: a body opening ('Kính gửi', '1.') or a line across the middle."""
    for i, row in enumerate(rows[:MAX_HEADER_ROWS]):
        f = fold(_text(row))
        if i and _opens_body(f, _text(row)):
            return i
        if _runs_across(row, page_width) and _header_text_at(f) is None:
            return i
    return min(len(rows), MAX_HEADER_ROWS)


def _header_text_at(folded: str) -> int | None:
    """Where the Quốc hiệu, the Party heading, the motto or the place-and-date line starts in a line,
    counted in characters other than blanks (a text layer splits words: 'CỘ NG HÒA')."""
    at = right_block_at(folded)
    return None if at is None else len(folded[:at].replace(" ", ""))


def _runs_across(row: list[Word], page_width: float) -> bool:
    return any(s[0].x0 < 0.35 * page_width and s[-1].x1 > 0.65 * page_width
               for s in _segments(row, page_width, RUN_GAP))


def _foot_start(rows: list[list[Word]], page_width: float, head_end: int) -> int:
    """The 'Nơi nhận' row, or the right-column rows just above it (the signer's authority line).
    Without a 'Nơi nhận', the last row with an authority prefix (TL., KT. …) in the right column."""
    start = next((i for i in range(head_end, len(rows)) if _opens_copies(fold(_text(_segments(rows[i], page_width)[0])))),
                 None)
    if start is None:  # 'Nơi nhận' lost (small italics, a stamp): the signer's prefix in the right column
        start = next((i for i in range(len(rows) - 1, max(head_end, len(rows) - FOOT_ROWS) - 1, -1)
                      if any(markers.at_start("authority", fold(_text(seg)))
                             for seg in _segments(rows[i], page_width) if seg[0].x0 >= 0.4 * page_width)), len(rows))
    if start == len(rows):
        return start
    while start - 1 >= head_end and start - 1 >= len(rows) - FOOT_ROWS and _right_only(rows[start - 1], page_width):
        start -= 1
    while start < len(rows) and _right_only(rows[start], page_width) and not any(c.isalpha() for w in rows[start] for c in w.text):
        start += 1  # a seal's speck above the block is not its first line
    return start


def _opens_copies(folded: str) -> bool:
    """A left-column segment that opens with 'Nơi nhận' (alone, or held to its colon: 'si nhận:')."""
    hit = markers.in_line("noi_nhan", folded)
    return hit is not None and not folded[:hit.start].strip(" \t-–—•*+=»|>.'`")


def _right_only(row: list[Word], page_width: float) -> bool:
    return row[0].x0 >= 0.4 * page_width


def _centre(seg: list[Word]) -> float:
    return (seg[0].x0 + seg[-1].x1) / 2


def _two_columns(rows: list[list[Word]], page_width: float) -> tuple[tuple[Row, ...], tuple[Row, ...]]:
    """The left and the right block's rows. In a row of several segments the right column starts at the
    Quốc hiệu / motto / place-date column's edge; a lone segment goes by its centre."""
    split_rows = [_segments(row, page_width) for row in rows]
    edge = _right_edge(split_rows)
    left: list[Row] = []
    right: list[Row] = []
    for segs in split_rows:
        sides = [_is_right(seg, i, len(segs), edge, page_width) for i, seg in enumerate(segs)]
        lpart = tuple(w for seg, r in zip(segs, sides, strict=True) if not r for w in seg)
        rpart = tuple(w for seg, r in zip(segs, sides, strict=True) if r for w in seg)
        left += [Row(lpart)] if _text(list(lpart)) else []
        right += [Row(rpart)] if _text(list(rpart)) else []
    return tuple(left), tuple(right)


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
