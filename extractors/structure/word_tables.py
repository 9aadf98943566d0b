"""Tables from OCR word boxes: a scanned task table's rows and cells, as the .docx reader keeps them.

A scan has no table structure, only words with boxes; read line by line a table's columns run
together. Its header row names the columns (`data/table_columns.tsv`, matched fuzzily through
`tables.column_of`, over up to three printed lines: 'Đơn vị' over 'chủ trì'); the boundary
between two header cells is the emptiest gutter of the body's words between them (body text
fills its column, a header's is centred). Rows start where the task column's text starts a new
sentence (a capitalised word after a line that ended short, on punctuation or after a wider gap):
wrapped lines of one cell start lower-case or follow a full line. Every other word goes to the
row whose task lines are vertically nearest (a cell centred in a tall row). The table runs on to
the next page while its lines keep to the columns; a line of running text across the columns
twice ends it. A word that stands across a gutter is left out (abstain: its cell is unknown).

A ruled table whose rules the reader found (`Grid`, pipeline/reading/ruled.py) needs none of this:
its rows and cells are the rules' (`grid_table`), a row cut by a page break runs on where the next
page's first row opens no task, and its numbers misread are counted from the numbers around them
(`counted`).
"""
from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..base import Line
from ..text import normalize_text
from .tables import Cell, Grid, Table
from .words import Word, cell_text, lines

REPEAT_LINES = 4  # a header repeated atop a page stands within its first lines
HEADER_LINES = 3  # a header cell wraps over at most three printed lines
HEADER_WORDS = 5  # a header line's cell holds a few words
ROW_GAP = 1.45  # a line this many times the table's usual pitch below the last opens a row
SHORT_LINE = 1.5  # a task line ending this many line heights left of its column's right edge ends its cell
FEW_LINES = 8  # a column of fewer lines has no longest line to tell its right edge: its gutter does
CROSSED = 2  # a line whose running words cross all gutters but one (this many at least) is running text, not a row
_CLOSES = re.compile(r"[.;:)]$")
GUTTER = 0.9  # a gap between words wider than this many times their height is a gutter between cells
MIN_CONF = 0.5  # a word read under this confidence is left out of its cell (abstain: what it says is unknown)


@dataclass(frozen=True)
class Columns:
    """A table's column bands: header cell texts and the x of each gutter between them."""

    names: tuple[str, ...]
    cuts: tuple[float, ...]  # len(names) - 1 gutters, left to right

    def band(self, w: Word) -> int | None:
        """The column a word stands in; None when it stands across a gutter."""
        i = sum(c <= w.x0 for c in self.cuts)
        j = sum(c < w.x1 for c in self.cuts)
        if i == j:
            return i
        inside = [min(w.x1, self._right(k)) - max(w.x0, self._left(k)) for k in range(i, j + 1)]
        best = max(range(len(inside)), key=inside.__getitem__)
        return i + best if inside[best] >= 0.8 * (w.x1 - w.x0) else None

    def _left(self, k: int) -> float:
        return self.cuts[k - 1] if k > 0 else float("-inf")

    def _right(self, k: int) -> float:
        return self.cuts[k] if k < len(self.cuts) else float("inf")


def page_tables(rows: list[list[Word]], line_of: Callable[[Word], Line | None], page: int,
                carried: Columns | None = None, known: Columns | None = None) -> tuple[list[Table], Columns | None, Columns | None]:
    """The task tables among a page's body lines (top to bottom), and the columns of a table that runs
    to the page's last line (the next page's rows may continue it without a header). `carried`:
    the columns of the previous page's table, read from the page's first line on; `known`: the
    columns of an earlier page's table, which a header read in part takes. Returns the tables, the
    columns of the one left open and the last columns read."""
    from ..tables import column_of  # the header vocabulary is the table component's

    out: list[Table] = []
    i, open_cols = 0, None
    while i < len(rows):
        cols, first = _header(rows, i, column_of)
        if cols is not None and known is not None and _part_of(cols, known, column_of):
            cols = known  # a header read in part on a later page: the columns the whole one named
        if carried is not None and i == 0:
            # the page repeats the header (some of it read): the columns as the first page named them
            again = next((h for j in range(min(REPEAT_LINES, len(rows)))
                          if (h := _header(rows, j, column_of))[0] is not None), None)
            cols, first = carried, again[1] if again else 0
            if again and again[0] is not None and len(again[0].names) > len(carried.names):
                cols = again[0]
        carried = None
        if cols is None:
            i += 1
            continue
        end = _table_end(rows, first, cols)
        table = _table(rows[i:first], rows[first:end], cols, line_of, page)
        if table is not None:
            out.append(table)
            known = cols
        open_cols = cols if end == len(rows) else None
        i = max(end, i + 1)
    return out, open_cols, known


def _part_of(found: Columns, known: Columns, column_of: Callable[[str], str | None]) -> bool:
    """A header of fewer cells whose task and assignee columns the known header names too (the
    others may have been misread either time)."""
    ours, theirs = {column_of(n) for n in found.names}, {column_of(n) for n in known.names}
    people = {"lead", "performer", "support"}
    return len(found.names) < len(known.names) and "task" in theirs and ours & people <= theirs


def _header(rows: list[list[Word]], i: int, column_of: Callable[[str], str | None]) -> tuple[Columns | None, int]:
    """The columns a header starting at line i names (with the line after it), or None."""
    cells = [list(seg) for seg in _cells(rows[i])]
    if len(cells) < 2 or any(len(c) > HEADER_WORDS for c in cells):
        return None, i
    height = statistics.median(w.bottom - w.top for w in rows[i])
    k = i + 1
    while k < len(rows) and k - i < HEADER_LINES and _top(rows[k]) - _bottom(rows[k - 1]) < 1.2 * height:
        segs = _cells(rows[k])
        if any(len(s) > HEADER_WORDS for s in segs) or _ordinal_like(segs[0]):
            break
        for seg in segs:
            at = next((c for c in cells if min(c[-1].x1, seg[-1].x1) > max(c[0].x0, seg[0].x0)), None)
            if at is not None:
                at += seg
            else:
                cells.append(list(seg))
        k += 1
    cells.sort(key=lambda c: min(w.x0 for w in c))
    names = tuple(" ".join(w.text for w in sorted(c, key=lambda w: (round(w.top / height), w.x0))) for c in cells)
    found = {column_of(n) for n in names}
    if "task" not in found or not found & {"lead", "performer", "support"}:
        return None, i
    body = [w for r in rows[k:k + 40] for w in r]
    cuts = tuple(_gutter(cells[j], cells[j + 1], body) for j in range(len(cells) - 1))
    return Columns(names, cuts), k


def _cells(row: list[Word]) -> list[list[Word]]:
    """A line's words split at gaps wider than its usual space: one list a cell."""
    gaps = [b.x0 - a.x1 for a, b in zip(row, row[1:], strict=False)]
    limit = GUTTER * statistics.median(w.bottom - w.top for w in row)
    out = [[row[0]]]
    for gap, w in zip(gaps, row[1:], strict=False):
        if gap > limit:
            out.append([w])
        else:
            out[-1].append(w)
    return out


def _gutter(left: list[Word], right: list[Word], body: list[Word]) -> float:
    """The x between two header cells that the body's words cover least (the ruling between columns),
    nearest the middle of the widest such stretch."""
    lo, hi = max(w.x1 for w in left), min(w.x0 for w in right)
    a, b = min(w.x0 for w in left), max(w.x1 for w in right)
    a, b = (a + lo) / 2, (hi + b) / 2  # between the two cells' centres
    if b <= a:
        return (lo + hi) / 2
    steps = 64
    xs = [a + (b - a) * s / steps for s in range(steps + 1)]
    cover = [sum(w.x0 <= x <= w.x1 for w in body) for x in xs]
    least = min(cover)
    runs: list[tuple[int, int]] = []
    for s, c in enumerate(cover):
        if c == least:
            if runs and runs[-1][1] == s - 1:
                runs[-1] = (runs[-1][0], s)
            else:
                runs.append((s, s))
    s0, s1 = max(runs, key=lambda r: r[1] - r[0])
    return (xs[s0] + xs[s1]) / 2


def _ordinal_like(seg: list[Word]) -> bool:
    return bool(re.fullmatch(r"[0-9IVXivx]{1,4}[.,_|]?", seg[0].text))


def _table_end(rows: list[list[Word]], first: int, cols: Columns) -> int:
    """The first line after the table: two lines in a row of running text across the gutters."""
    for k in range(first, len(rows)):
        if _running(rows[k], cols) and (k + 1 == len(rows) or _running(rows[k + 1], cols)):
            return k
    return len(rows)


def _running(row: list[Word], cols: Columns) -> bool:
    """The line's words run on across the gutters, spaced as one sentence's words (a row's cells that
    the scan set close may join across one or two)."""
    crossed = 0
    for cell in _cells(row):
        x0, x1 = cell[0].x0, cell[-1].x1
        crossed = max(crossed, sum(x0 < c < x1 for c in cols.cuts))
    return crossed >= max(CROSSED, len(cols.cuts) - 1)


def _table(head: Sequence[list[Word]], body: Sequence[list[Word]], cols: Columns,
           line_of: Callable[[Word], Line | None], page: int) -> Table | None:
    from ..tables import column_of

    named = [column_of(n) for n in cols.names]
    task = named.index("task")
    ordinal = named.index("ordinal") if "ordinal" in named else None
    placed = [[(cols.band(w), w) for w in r] for r in body]
    task_lines = [(k, [w for b, w in r if b == task]) for k, r in enumerate(placed)]
    task_lines = [(k, ws) for k, ws in task_lines if ws]
    if not task_lines:
        return None
    mids = [_mid(ws) for _, ws in task_lines]
    pitches = [b - a for a, b in zip(mids, mids[1:], strict=False) if b > a]
    usual = statistics.median(pitches) if pitches else 0.0
    right = max(w.x1 for _, ws in task_lines for w in ws)  # the column's right edge: its longest line, or its gutter
    right = cols.cuts[task] if task < len(cols.cuts) and len(task_lines) < FEW_LINES else right
    numbers = {k for k, r in enumerate(placed) if any(b == ordinal and w.text.strip("._|").isdigit() for b, w in r)}
    starts = [0]
    for n in range(1, len(task_lines)):
        prev, cur = task_lines[n - 1][1], task_lines[n][1]
        short = prev[-1].x1 < right - SHORT_LINE * (prev[-1].bottom - prev[-1].top)
        gap = usual and mids[n] - mids[n - 1] > ROW_GAP * usual
        capital = cur[0].text[:1].isupper() or cur[0].text[:1].isdigit()
        if capital and (short or gap or _CLOSES.search(prev[-1].text) or task_lines[n][0] in numbers):
            starts.append(n)
    spans = [(task_lines[s][1][0].top, max(w.bottom for _, ws in task_lines[s:e] for w in ws))
             for s, e in zip(starts, starts[1:] + [len(task_lines)], strict=True)]
    cells: list[list[list[Word]]] = [[[] for _ in cols.names] for _ in spans]
    for r in placed:
        for b, w in r:
            if b is None or w.conf < MIN_CONF:
                continue
            m = (w.top + w.bottom) / 2
            at = min(range(len(spans)), key=lambda j: _distance(m, spans[j]))
            if b == ordinal and _distance(m, spans[at]) > 0 and not re.fullmatch(r"\W*\w{1,4}\W*", w.text):
                continue
            cells[at][b].append(w)
    all_words = [w for r in (*head, *body) for w in r]
    first_line, last_line = line_of(all_words[0]), line_of(body[-1][0] if body else all_words[-1])
    if first_line is None or last_line is None:
        return None
    header = tuple(Cell(n, first_line.start, first_line.end) for n in cols.names)
    out_rows = [header]
    for row in cells:
        out_rows.append(tuple(_cell(ws, line_of, first_line, j == task) for j, ws in enumerate(row)))
    return Table(page, first_line.start, max(last_line.end, first_line.end), tuple(out_rows), tuple(named))


def _cell(words: list[Word], line_of: Callable[[Word], Line | None], fallback: Line, running: bool) -> Cell:
    """A cell's words as printed, a wrapped line joined to the one above with a space. In a cell of names
    (`running` False) a capitalised line after one that does not run on (',', ':') starts a name of its own
    ('Các tỉnh, TP' under 'ĐH và chuyên gia'): the table component splits bodies at lines."""
    if not words:
        return Cell("", fallback.start, fallback.start)
    text = ""
    for ln in lines(words):
        part = normalize_text(" ".join(w.text for w in ln)).strip(" |")  # 'ÐV' read for 'ĐV', as the page text has it
        own = not running and text and _opens_name(part) and not re.search(r"[,:&/-]$", text)
        text = f"{text}\n{part}" if own else f"{text} {part}".strip()
    a, b = line_of(words[0]), line_of(words[-1])
    start = a.start if a else fallback.start
    end = b.end if b else start
    return Cell(text, start, max(start, end))


def joined(above: Table, below: Table, ruled: bool = False) -> Table:
    """A table and its run on the next page as one (rows numbered on, groups kept); the next page's
    first row, when its task text runs on from the last row's (no number, a lower-case start or none:
    a ruled row's other cells ran over the page break), is that row's end. Of a `ruled` table (its rows
    cut by the rules) the first row runs on unless its task text opens with a capital or its number
    counts on from the last row's (a speck in its TT cell reads as a mark)."""
    named = above.columns
    task, rows = named.index("task"), list(below.rows[1:])
    ordinal = named.index("ordinal") if "ordinal" in named else None
    opening = rows[0][task].text.strip() if rows else ""
    mark = rows[0][ordinal].text if rows and ordinal is not None else ""
    if ruled:  # a first row that opens no task runs on, whatever speck its TT cell shows
        before = above.rows[-1][ordinal].text.strip(" ._") if ordinal is not None else ""
        runs_on = not opening[:1].isupper() and not (before.isdigit() and mark.strip(" ._") == str(int(before) + 1))
    else:
        runs_on = (opening[:1].islower() or not opening) and not mark
    if rows and len(above.rows) > 1 and runs_on:
        last, first = above.rows[-1], rows.pop(0)
        if ruled and ordinal is not None:  # the speck read in the TT cell is no part of the number
            first = first[:ordinal] + (replace(first[ordinal], text=""),) + first[ordinal + 1:]
        merged = tuple(replace(a, text=" ".join(t for t in (a.text, b.text) if t).strip(), end=max(a.end, b.end))
                       for a, b in zip(last, first, strict=True))
        return Table(above.page, above.start, below.end, above.rows[:-1] + (merged,) + tuple(rows), named)
    return Table(above.page, above.start, below.end, above.rows + tuple(rows), named)


def numbered(table: Table) -> Table | None:
    """The table with each row's number: as read ('2_' is '2'), or, where the scan lost it, counted
    from the number read above when the next number read below agrees (as many rows between them as
    numbers missing). A row that cannot be numbered so is left out (abstain: the rows around it may
    be cut wrong), and so is a table whose STT column gives fewer than half its rows a number."""
    named = table.columns
    if "ordinal" not in named:
        return table
    j = named.index("ordinal")
    body = table.rows[1:]
    marks = [re.sub(r"^[\W_]+|[\W_]+$", "", r[j].text) for r in body]
    read = [k for k, m in enumerate(marks) if m.isdigit()]
    for a, b in zip(read, read[1:], strict=False):
        if int(marks[b]) - int(marks[a]) == b - a:
            for k in range(a + 1, b):
                marks[k] = marks[k] or str(int(marks[a]) + k - a)
    rows = [r[:j] + (replace(r[j], text=m),) + r[j + 1:] for r, m in zip(body, marks, strict=True)
            if m or not re.search(r"[^\W\d_]", r[named.index("task")].text)]
    placed = sum(bool(r[j].text) for r in rows)
    if placed < max(2, len(body) / 2):
        return None
    return replace(table, rows=(table.rows[0], *rows))


def _opens_name(part: str) -> bool:
    """A line that opens a body's name: a capitalised word ('Các', 'Sở'), not an abbreviation that ends
    the name above ('Vụ' over 'GDTC') nor a wrapped word."""
    first = part.split()[0] if part.split() else ""
    return first[:1].isupper() and not (len(first) > 1 and first.isupper())


def _distance(m: float, span: tuple[float, float]) -> float:
    return 0.0 if span[0] <= m <= span[1] else min(abs(m - span[0]), abs(m - span[1]))


def _mid(ws: list[Word]) -> float:
    return sum((w.top + w.bottom) / 2 for w in ws) / len(ws)


def _top(r: list[Word]) -> float:
    return min(w.top for w in r)


def _bottom(r: list[Word]) -> float:
    return max(w.bottom for w in r)


def grid_table(grid: Grid, words: Sequence[Word], line_of: Callable[[Word], Line | None], page: int,
               header: tuple[Cell, ...] | None = None) -> Table | None:
    """A ruled table's rows and cells from its rules (`Grid`, the reader's): each word in the cell its
    centre stands in. Its header is the first of its first rows whose cells name a task table;
    without one, `header` (the columns of the previous page's table, which it goes on with) heads it.
    None when neither names a task table, or no word of it has a line in the document."""
    from ..tables import column_of, task_columns

    width = len(grid.cols) - 1
    cells: list[list[list[Word]]] = [[[] for _ in range(width)] for _ in range(len(grid.rows) - 1)]
    every: list[list[list[Word]]] = [[[] for _ in range(width)] for _ in range(len(grid.rows) - 1)]
    for w in words:
        r, c = grid.row_of(w), grid.column_of(w)
        if r is not None and c is not None:
            every[r][c].append(w)  # a header's words, whatever their confidence: the columns are matched by distance
            if w.conf >= MIN_CONF:
                cells[r][c].append(w)
    texts = [[cell_text(ws) for ws in row] for row in every]
    found = ((k, named) for k in range(min(HEADER_LINES, len(texts))) if (named := task_columns(texts[k])) is not None)
    head, named = next(found, (None, None))
    if head is None and (header is None or len(header) != width):
        return None
    names = texts[head] if head is not None else [c.text for c in header or ()]
    if named is None:
        named = [column_of(n) for n in names]  # the previous page's header's
    task = named.index("task")
    out_rows: list[tuple[Cell, ...]] = []
    kept: list[int] = []
    first_line = last_line = None
    for k, row in enumerate(cells):
        if head is not None and k < head or not any(row):
            continue
        at = [ln for ws in row for w in ws if (ln := line_of(w)) is not None]
        if not at:
            continue
        fallback = min(at, key=lambda ln: ln.start)
        kept.append(k)
        first_line = first_line or fallback
        last_line = max(at, key=lambda ln: ln.end)
        if k == head:
            out_rows.append(tuple(Cell(n, fallback.start, fallback.end) for n in names))
            continue
        out_rows.append(tuple(_cell(ws, line_of, fallback, j == task) for j, ws in enumerate(row)))
    if first_line is None or last_line is None or (head is not None and len(out_rows) < 2):
        return None
    if head is None:
        out_rows.insert(0, tuple(Cell(n, first_line.start, first_line.start) for n in names))
    elif not any(k == head for k in kept):  # the header row's words had no line: the first row heads it
        named = [column_of(c.text) for c in out_rows[0]]
    return Table(page, first_line.start, max(last_line.end, first_line.end), tuple(out_rows), tuple(named))


def counted(table: Table) -> Table:
    """A ruled table with the row numbers the scan misread ('0' for '01', 'H' for '11') counted from
    the numbers around them: a number is trusted when a neighbouring number counts on to it; a row
    between two trusted numbers that agree on its number takes it, and so does a first or last
    row whose mark was read but is not trusted (the count from its one neighbour, never below 1),
    and a first row whose mark was lost when that count gives it 1. The count starts again under a
    group row ('II' over rows numbered from 1).
    A group row ('I', 'II' between 18 and 1) sits where the counts disagree and keeps its mark."""
    named = table.columns
    if "ordinal" not in named or "task" not in named:
        return table
    j, task = named.index("ordinal"), named.index("task")
    body = [k for k, r in enumerate(table.rows) if k and re.search(r"[^\W\d_]", r[task].text)]
    marks = {k: re.sub(r"^[\W_]+|[\W_]+$", "", table.rows[k][j].text) for k in body}
    # a group row ('II | Giai đoạn 2025-2030', its other cells empty): the count starts again below it
    groups = {k for k in body if re.fullmatch(r"[IVXLC]+", marks[k])
              and not any(c.text.strip() for n, c in enumerate(table.rows[k]) if n not in (j, task))}
    digits = [k for k in body if marks[k].isdigit()]
    trusted = {k for n, k in enumerate(digits)
               if (n and int(marks[k]) - int(marks[digits[n - 1]]) == body.index(k) - body.index(digits[n - 1]))
               or (n + 1 < len(digits) and int(marks[digits[n + 1]]) - int(marks[k])
                   == body.index(digits[n + 1]) - body.index(k))}
    rows = list(table.rows)
    for pos, k in enumerate(body):
        if k in trusted:
            continue
        if k in groups:
            continue
        above = [body[p] for p in range(pos - 1, -1, -1)]
        above = above[:next((n for n, q in enumerate(above) if q in groups), len(above))]
        below = [body[p] for p in range(pos + 1, len(body))]
        below = below[:next((n for n, q in enumerate(below) if q in groups), len(below))]
        before = next((q for q in above if q in trusted), None)
        after = next((q for q in below if q in trusted), None)
        guesses = {int(marks[a]) + sign * abs(pos - body.index(a)) for a, sign in ((before, 1), (after, -1)) if a is not None}
        if len(guesses) != 1 or (n := guesses.pop()) < 1:
            continue
        if (before is None) != (after is None) and not marks[k] and not (before is None and n == 1):
            continue  # one count alone fills a mark misread, or an unread first row's 1
        like = marks[before] if before is not None else marks[after] if after is not None else ""
        text = str(n).zfill(len(like)) if like.startswith("0") else str(n)
        rows[k] = rows[k][:j] + (replace(rows[k][j], text=text),) + rows[k][j + 1:]
    return replace(table, rows=tuple(rows))
