"""Ruled tables on a scanned page: their rules found in the pixels, their columns read again.

Tesseract's page segmentation (psm 3) takes a ruled table's columns for blocks of their own and
its rules for pictures: a header row, a column of numbers or a whole column may be lost, and the
cells of one row come out pages apart in the reading order, so no row of the table can be rebuilt
from the words. Where the page shows a grid of rules (long horizontal and vertical strokes, found
by a morphological opening of the ink), its first row is read as one block (--psm 6, through the
Tesseract wrapper, the rules whitened); when its cells name a task column and an assignee column
(the header vocabulary, `extractors/data/table_columns.tsv`), or when the grid goes on with the
previous page's task table's rules, each column is read again as one block, the numbers' column
(STT) cell by cell as one line of the English model, and these words replace the first reading's
inside the grid. The page keeps the grid (`Page.grids`): the task table builder takes rows and
cells from its rules (`structure/word_tables.grid_table`). Other grids (a report's table of
figures) keep the first reading, at the cost of one read of their first row.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol

from extractors.structure.tables import Grid

from ..errors import OcrNotRecorded
from ..types import Word

if TYPE_CHECKING:
    from PIL.Image import Image

log = logging.getLogger(__name__)

INK = 150  # a pixel darker than this is ink
H_RULE = 1 / 25  # a horizontal rule is at least this share of the page's width long ...
V_RULE = 1 / 40  # ... a vertical one this share of its height
MIN_WIDTH = 0.3  # a grid is at least this share of the page wide
RULE_COVER = 0.4  # a rule runs along this share of the grid's width (height) at least: shorter strokes are a cell's
MIN_COLUMNS = 2
MIN_ROWS = 2
SAME_CUT = 0.015  # of the page width: a continued table's rules stand where the previous page's did
BRIDGE = 31  # pixels: a gap this wide in a rule (a faint scan) does not cut the grid in two
DRIFT = 15  # pixels a rule's line may wander across its length
PAD = 3  # pixels kept clear of the rules when a column is cut out
CELL_PSM = 7  # a number's cell is read as one line ...
NUMBERS = "eng"  # ... by the English model
MIN_INK = 20  # pixels: a cell with less ink is blank (a speck)
MARGIN = 15  # pixels of white kept around a cell's ink


class BlockReader(Protocol):
    def block(self, image: Image, box: tuple[int, int, int, int], psm: int = ..., lang: str | None = ...) -> list[Word]: ...


def find_grids(image: Image) -> list[Grid]:
    """The ruled grids of the page image, top to bottom."""
    import cv2
    import numpy as np

    ink = (np.asarray(image.convert("L")) < INK).astype(np.uint8)
    height, width = ink.shape
    horiz, vert = _rules(ink)
    joined = cv2.dilate(horiz | vert, np.ones((BRIDGE, BRIDGE), np.uint8))  # a rule broken by the scan stays one grid
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined)
    # a rule of a page scanned a little askew (or wavy) drifts over a few pixels' rows along its length
    wide_h = cv2.dilate(horiz, np.ones((DRIFT, 1), np.uint8))
    wide_v = cv2.dilate(vert, np.ones((1, DRIFT), np.uint8))
    out = []
    for k in range(1, count):
        x, y, w, h = (int(v) for v in stats[k][:4])
        if w < MIN_WIDTH * width or h < 2 * height / 100:
            continue
        ys = _cuts(wide_h[y:y + h, x:x + w].sum(axis=1), RULE_COVER * w, y)
        xs = _cuts(wide_v[y:y + h, x:x + w].sum(axis=0), RULE_COVER * h, x)
        if len(xs) > MIN_COLUMNS and len(ys) > MIN_ROWS:
            out.append(Grid(tuple(xs), tuple(ys)))
    return sorted(out, key=lambda g: g.rows[0])


def _rules(ink: Any) -> tuple[Any, Any]:
    import cv2

    height, width = ink.shape
    h_kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, int(width * H_RULE)), 1))
    v_kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(20, int(height * V_RULE))))
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, h_kernel), cv2.morphologyEx(ink, cv2.MORPH_OPEN, v_kernel)


def _cuts(profile: Sequence[float], least: float, origin: int) -> list[float]:
    """The middle of each run of positions whose rule pixels reach `least`."""
    out: list[float] = []
    run: list[int] = []
    for i, v in enumerate(profile):
        if v >= least:
            if run and i - run[-1] > DRIFT:
                out.append(origin + (run[0] + run[-1]) / 2)
                run = []
            run.append(i)
    if run:
        out.append(origin + (run[0] + run[-1]) / 2)
    return out


def reread(image: Image, words: list[Word], reader: Any, carried: Grid | None,
           columns_of: Callable[[list[str]], list[str | None] | None]) -> tuple[list[Word], list[Grid], Grid | None]:
    """The page's words with each task grid's columns read again, the task grids, and the grid that
    the next page's table may continue (this page's last grid, when it is a task grid).
    `columns_of(texts)`: the column each header cell names when the row names a task table, else
    None. The numbers' column (STT) is read cell by cell, as one line of the English model: read as
    a block, its '1' and 'I' come out as '|' or not at all. A reading that was never recorded
    (tests' recorded OCR) leaves the first reading (logged)."""
    if not hasattr(reader, "block"):
        return words, [], None
    found = find_grids(image)
    if not found:
        return words, [], None
    clean = _whitened(image)
    grids: list[Grid] = []
    try:
        for n, grid in enumerate(found):
            if n == 0 and carried is not None and _same_columns(grid, carried, image.width):
                grid = replace(grid, ordinal=carried.ordinal)
            elif (named := columns_of(_header_texts(clean, grid, reader))) is not None:
                grid = replace(grid, ordinal=named.index("ordinal") if "ordinal" in named else None)
            else:
                continue
            read = [w for k in range(len(grid.cols) - 1) if k != grid.ordinal for w in reader.block(clean, _strip(grid, k))]
            if grid.ordinal is not None:
                read += [w for box in _cells(clean, grid, grid.ordinal) for w in reader.block(clean, box, CELL_PSM, NUMBERS)]
            words = [w for w in words if not grid.holds(w)] + [w for w in read if grid.holds(w)]
            grids.append(grid)
    except OcrNotRecorded as e:
        log.warning("ruled table left as first read: %s", e.reason)
        return words, grids, None
    last = grids[-1] if grids else None
    return words, grids, last if last is not None and last.rows == found[-1].rows else None


def _cells(clean: Image, grid: Grid, k: int) -> list[tuple[int, int, int, int]]:
    """The boxes of column k's cells that hold ink, each cut to its ink and a margin."""
    import numpy as np

    out = []
    for r in range(len(grid.rows) - 1):
        box = (int(grid.cols[k]) + PAD, int(grid.rows[r]) + PAD, int(grid.cols[k + 1]) - PAD, int(grid.rows[r + 1]) - PAD)
        if box[2] - box[0] < 4 or box[3] - box[1] < 4:
            continue
        ink = np.asarray(clean.crop(box).convert("L")) < INK
        if ink.sum() < MIN_INK:
            continue
        ys, xs = np.nonzero(ink)
        out.append((box[0] + max(0, int(xs.min()) - MARGIN), box[1] + max(0, int(ys.min()) - MARGIN),
                    box[0] + min(ink.shape[1], int(xs.max()) + MARGIN), box[1] + min(ink.shape[0], int(ys.max()) + MARGIN)))
    return out


def _same_columns(grid: Grid, other: Grid, width: int) -> bool:
    return len(grid.cols) == len(other.cols) and all(
        abs(a - b) <= SAME_CUT * width for a, b in zip(grid.cols, other.cols, strict=True))


def _header_texts(clean: Image, grid: Grid, reader: BlockReader) -> list[str]:
    """The first row's cells as read in one block across the grid."""
    box = (int(grid.cols[0]) + PAD, int(grid.rows[0]) + PAD, int(grid.cols[-1]) - PAD, int(grid.rows[1]) - PAD)
    if box[3] - box[1] < 10:
        return []
    from extractors.structure.words import cell_text

    read = reader.block(clean, box)
    cells = [[w for w in read if grid.column_of(w) == k] for k in range(len(grid.cols) - 1)]
    return [cell_text(ws) for ws in cells]


def _strip(grid: Grid, k: int) -> tuple[int, int, int, int]:
    return (int(grid.cols[k]) + PAD, int(grid.rows[0]) + PAD, int(grid.cols[k + 1]) - PAD, int(grid.rows[-1]) - PAD)


def _whitened(image: Image) -> Image:
    """The page with its rules painted white (a rule read inside a column block is noise, or a
    line of its own)."""
    import cv2
    import numpy as np
    from PIL import Image as PILImage

    grey = np.asarray(image.convert("L")).copy()
    horiz, vert = _rules((grey < INK).astype(np.uint8))
    grey[cv2.dilate(horiz | vert, np.ones((5, 5), np.uint8)) > 0] = 255
    return PILImage.fromarray(grey)
