"""A .docx's text and its tables, from word/document.xml.

The text is every paragraph in document order, one line each (a table's cells row by row, each
cell's paragraphs in order), as it always was. Each table (`w:tbl`) is kept as rows of cells
(`w:tr`, `w:tc`) by the lines its cells' paragraphs occupy; once the page text is final those
lines become cell texts and spans (`place_tables`), so a cell's text is exactly its stretch of the
page. Normalising keeps the number of lines; when it did not, the tables are dropped, not guessed.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from extractors.structure.tables import Cell, Table

from ..errors import InputError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BREAKS = {f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}tab": "\t"}


@dataclass(frozen=True)
class _CellLines:
    first: int  # the cell's lines in the text: [first, last)
    last: int
    numbered: bool
    merge: str | None  # w:vMerge: 'restart', 'continue' or None
    span: int  # w:gridSpan


@dataclass(frozen=True)
class DocxLayout:
    lines: int  # lines of the text as read
    tables: tuple[tuple[tuple[_CellLines, ...], ...], ...]  # rows of cells (a gridBefore gap as empty cells)


def read_docx(path: Path) -> tuple[str, DocxLayout]:
    try:
        with zipfile.ZipFile(path) as z:
            root = ElementTree.fromstring(z.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as e:
        raise InputError(path, f"not a readable .docx ({e})") from e
    out: list[str] = []
    where: dict[int, tuple[int, int]] = {}  # paragraph -> its lines [first, last)
    line = 0
    for p in root.iter(f"{_W}p"):
        # a line break inside a paragraph ('Nơi nhận:' <w:br/> '- Ban Bí thư …') ends a line as a paragraph does
        s = "".join(e.text or "" if e.tag == f"{_W}t" else _BREAKS.get(e.tag, "") for e in p.iter())
        n = s.count("\n") + 1
        where[id(p)] = (line, line + n)
        line += n
        out.append(s)
    tables = tuple(_table(t, where) for t in root.iter(f"{_W}tbl"))
    return "\n".join(out), DocxLayout(line, tuple(t for t in tables if t))


def _table(tbl: ElementTree.Element, where: dict[int, tuple[int, int]]) -> tuple[tuple[_CellLines, ...], ...]:
    rows = []
    for tr in tbl.findall(f"{_W}tr"):
        cells: list[_CellLines] = []
        before = tr.find(f"{_W}trPr/{_W}gridBefore")
        for tc in tr.findall(f"{_W}tc"):
            spans = [where[id(p)] for p in tc.iter(f"{_W}p") if id(p) in where]
            if not spans:
                continue
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            grid = tc.find(f"{_W}tcPr/{_W}gridSpan")
            cells.append(_CellLines(spans[0][0], spans[-1][1], tc.find(f".//{_W}numPr") is not None,
                                    None if merge is None else merge.get(f"{_W}val") or "continue",
                                    _int(grid.get(f"{_W}val") if grid is not None else None)))
        if cells:
            gap = _int(before.get(f"{_W}val") if before is not None else None) if before is not None else 0
            empty = _CellLines(cells[0].first, cells[0].first, False, None, 1)
            rows.append(tuple([empty] * gap + cells))
    return tuple(rows)


def _int(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def place_tables(text: str, layout: DocxLayout, page: int = 1) -> list[Table]:
    """The layout's tables over the final page text: each cell its lines' text and span."""
    starts = [0]
    for i, c in enumerate(text):
        if c == "\n":
            starts.append(i + 1)
    if len(starts) != layout.lines:
        return []
    ends = [s - 1 for s in starts[1:]] + [len(text)]
    out = []
    for rows in layout.tables:
        grid_rows: list[tuple[Cell, ...]] = []
        above: list[Cell] = []
        for row in rows:
            cells: list[Cell] = []
            for cl in row:
                start, end = starts[cl.first], ends[cl.last - 1] if cl.last > cl.first else starts[cl.first]
                cell = Cell(text[start:end], start, end, cl.numbered)
                if cl.merge == "continue" and len(cells) < len(above):
                    cell = above[len(cells)]  # merged with the cell above: the same block
                cells.append(cell)
                cells += [Cell("", end, end, covered=True)] * (cl.span - 1)
            grid_rows.append(tuple(cells))
            above = cells
        if grid_rows:
            first, last = grid_rows[0][0], grid_rows[-1][-1]
            out.append(Table(page, first.start, max(last.end, first.start), tuple(grid_rows)))
    return out
