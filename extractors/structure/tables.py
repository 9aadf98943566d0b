"""Tables as the file drew them: rows of cells, each cell with its span in the text.

A Kế hoạch assigns its work in a table (STT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời
hạn …); read from flattened text its columns run together, so the readers that see the table's
structure (a .docx's `w:tbl`) keep it. The text the reader emits is unchanged: a cell's `text` is
its stretch of the page text, [start, end) — page offsets on a `Page`, document offsets once the
tree holds it (`shifted`).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Cell:
    """One grid position. A cell spanning several columns (`w:gridSpan`) stands at its first one and
    leaves empty `covered` cells after it; a cell merged with the one above (`w:vMerge`) repeats its
    text, as a reader reads the merged block. `numbered`: the cell's paragraph carries automatic list
    numbering (Word prints '1.', '2.' … that the text does not hold)."""

    text: str
    start: int
    end: int
    numbered: bool = False
    covered: bool = False


@dataclass(frozen=True)
class Table:
    page: int
    start: int
    end: int
    rows: tuple[tuple[Cell, ...], ...]
    # the column each cell of the first row names (data/table_columns.tsv: 'task', 'lead', 'ordinal' …), told
    # once by the builder of a scan's table (structure/word_tables.py) and read by what numbers and joins
    # its rows; empty for a table the reader kept (a .docx's), whose header the table component reads
    columns: tuple[str | None, ...] = ()

    def shifted(self, offset: int) -> Table:
        """The same table with its spans moved by `offset` (a page's start in the document)."""
        rows = tuple(tuple(dataclasses.replace(c, start=c.start + offset, end=c.end + offset) for c in row)
                     for row in self.rows)
        return Table(self.page, self.start + offset, self.end + offset, rows, self.columns)


@dataclass(frozen=True)
class Grid:
    """A ruled table on a scanned page (pipeline/reading/ruled.py): the x of each vertical rule, left
    border to right border, and the y of each horizontal rule, top to bottom, in the page's pixels
    (its words' coordinates). Its cells are the boxes between neighbouring rules."""

    cols: tuple[float, ...]
    rows: tuple[float, ...]
    ordinal: int | None = None  # the column of its rows' numbers (STT), when its header names one

    def holds(self, w: WordBox) -> bool:
        x, y = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        return self.cols[0] < x < self.cols[-1] and self.rows[0] < y < self.rows[-1]

    def column_of(self, w: WordBox) -> int | None:
        x = (w.x0 + w.x1) / 2
        return next((k for k in range(len(self.cols) - 1) if self.cols[k] <= x < self.cols[k + 1]), None)

    def row_of(self, w: WordBox) -> int | None:
        y = (w.top + w.bottom) / 2
        return next((k for k in range(len(self.rows) - 1) if self.rows[k] <= y < self.rows[k + 1]), None)


class WordBox(Protocol):
    @property
    def x0(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def top(self) -> float: ...
    @property
    def bottom(self) -> float: ...
