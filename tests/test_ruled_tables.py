"""Ruled task tables on scans: the grid found in the pixels (pipeline/reading/ruled.py), its columns read
again through the OCR wrapper, and its rows and cells taken from the rules (structure/word_tables.grid_table).
The page images are drawn here (rules and blocks of ink where text stands); the words a reader gives back
are of our own making."""
from __future__ import annotations

from typing import Any

from PIL import Image, ImageDraw

from extractors.base import Line
from extractors.patterns import period_end
from extractors.structure import word_tables
from extractors.structure.tables import Grid
from extractors.structure.words import Word
from extractors.tables import table_tasks, task_columns
from pipeline.reading import ruled

WIDTH, HEIGHT = 2480, 3508  # A4 at 300 dpi
COLS = (200, 350, 1150, 1750, 2300)  # TT | Nội dung công việc | Đơn vị chủ trì | Thời gian
ROWS = (900, 1050, 1250, 1450, 1650)  # the header row, then three rows


def _page(cols: tuple[int, ...] = COLS, rows: tuple[int, ...] = ROWS) -> Image.Image:
    """A white page with a ruled grid (3 px rules, a little broken and a pixel askew, as scanned) and
    a line of text-like ink above it."""
    im = Image.new("L", (WIDTH, HEIGHT), 255)
    d = ImageDraw.Draw(im)
    for y in rows:
        d.line([(cols[0], y), (cols[-1], y + 2)], fill=0, width=3)
        d.rectangle([cols[0] + 400, y - 2, cols[0] + 404, y + 3], fill=255)  # a break in the rule
    for x in cols:
        d.line([(x, rows[0]), (x + 1, rows[-1])], fill=0, width=3)
    for x in cols[:-1]:  # a word's ink at the top left of each cell
        for y in rows[:-1]:
            d.rectangle([x + 20, y + 20, x + 60, y + 60], fill=0)
    for k in range(30):  # words of running text: short strokes, never a rule
        d.rectangle([200 + k * 70, 600, 250 + k * 70, 640], fill=0)
    return im


def test_the_rules_of_a_scanned_table_give_its_columns_and_rows() -> None:
    (grid,) = ruled.find_grids(_page())
    assert len(grid.cols) == len(COLS) and all(abs(a - b) <= 3 for a, b in zip(grid.cols, COLS, strict=True))
    assert len(grid.rows) == len(ROWS) and all(abs(a - b) <= 4 for a, b in zip(grid.rows, ROWS, strict=True))


def test_a_page_of_running_text_has_no_grid() -> None:
    im = Image.new("L", (WIDTH, HEIGHT), 255)
    d = ImageDraw.Draw(im)
    for line in range(40):
        for k in range(30):
            d.rectangle([200 + k * 70, 300 + line * 70, 250 + k * 70, 340 + line * 70], fill=0)
    d.line([(200, 3200), (2300, 3200)], fill=0, width=3)  # a lone rule under the text (a signature's line)
    assert ruled.find_grids(im) == []


class _Reader:
    """Reads a box as the words `cells` puts in it (each cell's text at its top left), noting each call."""

    def __init__(self, cells: dict[tuple[int, int], str]) -> None:
        self.cells = cells
        self.calls: list[tuple[tuple[int, int, int, int], int, str | None]] = []

    def block(self, image: Any, box: tuple[int, int, int, int], psm: int = 6, lang: str | None = None) -> list[Word]:
        self.calls.append((box, psm, lang))
        out = []
        for (r, c), text in self.cells.items():
            x, y = COLS[c] + 20, ROWS[r] + 20
            if box[0] <= x < box[2] and box[1] <= y < box[3]:
                for t in text.split():
                    out.append(Word(t, x, y, x + 20 * len(t), y + 40, 0.95))
                    x += 20 * len(t) + 14
        return out


def test_a_task_grid_is_read_again_its_numbers_cell_by_cell() -> None:
    reader = _Reader({(0, 0): "TT", (0, 1): "Nội dung công việc", (0, 2): "Đơn vị chủ trì", (0, 3): "Thời gian",
                      (1, 0): "1", (1, 1): "Rà soát danh mục", (1, 2): "Phòng Kế hoạch", (1, 3): "2027"})
    first = [Word("garbled", 400, 1100, 500, 1140), Word("Căn", 200, 700, 260, 740)]
    words, grids, still_open = ruled.reread(_page(), first, reader, None, task_columns)
    assert len(grids) == 1 and grids[0].ordinal == 0 and still_open == grids[0]
    assert "garbled" not in [w.text for w in words] and "Căn" in [w.text for w in words]  # outside the grid: kept
    assert {"Rà", "Phòng", "2027", "1"} <= {w.text for w in words}
    assert any(psm == ruled.CELL_PSM and lang == ruled.NUMBERS for _, psm, lang in reader.calls)


def test_a_grid_of_figures_keeps_its_first_reading() -> None:
    """A report's table of figures: its header names no task and no assignee column; only that row is read."""
    reader = _Reader({(0, 0): "STT", (0, 1): "Chỉ tiêu", (0, 2): "Số lượng", (0, 3): "Tỷ lệ"})
    first = [Word("120", 1200, 1100, 1260, 1140)]
    words, grids, still_open = ruled.reread(_page(), first, reader, None, task_columns)
    assert (words, grids, still_open) == (first, [], None)
    assert len(reader.calls) == 1


def test_the_next_pages_grid_with_the_same_rules_goes_on_without_a_header() -> None:
    carried = Grid(tuple(float(x) for x in COLS), tuple(float(y) for y in ROWS), ordinal=0)
    reader = _Reader({(0, 1): "thầu năm 2027", (1, 0): "2", (1, 1): "Tổ chức lựa chọn"})
    _, grids, _ = ruled.reread(_page(), [], reader, carried, task_columns)
    assert len(grids) == 1 and grids[0].ordinal == 0
    _, grids, _ = ruled.reread(_page(cols=(200, 700, 1150, 2300)), [], _Reader({}), carried, task_columns)
    assert grids == []  # other rules and no header: not that table


# grid_table: the cells of a ruled table from its rules
GRID = Grid((100.0, 250.0, 1000.0, 1600.0, 2200.0), (100.0, 200.0, 400.0, 600.0, 800.0), ordinal=0)
LONG = Grid(GRID.cols, (*GRID.rows, 1000.0, 1200.0), ordinal=0)
LINE = Line("", 0, 10)


def _cell(text: str, r: int, c: int, line: int = 0) -> list[Word]:
    x, y = LONG.cols[c] + 10, LONG.rows[r] + 10 + 50 * line
    out = []
    for t in text.split():
        out.append(Word(t, x, y, x + 18 * len(t), y + 40, 0.95))
        x += 18 * len(t) + 12
    return out


def test_a_ruled_tables_rows_are_its_rules_rows_and_its_lost_numbers_are_counted() -> None:
    words = (_cell("STT", 0, 0) + _cell("Công việc", 0, 1) + _cell("Thời gian", 0, 2) + _cell("Người thực hiện", 0, 3)
             + _cell("0", 1, 0) + _cell("Xây dựng danh mục khung", 1, 1) + _cell("thuốc năm 2027", 1, 1, 1)
             + _cell("01/3/2027 - 05/3/2027", 1, 2) + _cell("Sở Y tế", 1, 3)
             + _cell("02", 2, 0) + _cell("Thẩm định HSMT", 2, 1) + _cell("2027", 2, 2) + _cell("Tổ thẩm định", 2, 3)
             + _cell("03", 3, 0) + _cell("Phê duyệt HSMT", 3, 1) + _cell("Giám đốc Sở", 3, 3))
    table = word_tables.grid_table(GRID, words, lambda w: LINE, 1)
    assert table is not None
    tasks = table_tasks((word_tables.counted(table),))
    assert [t["ordinal"] for t in tasks] == ["01", "02", "03"]  # '0' misread: counted down from 02
    assert tasks[0]["text"] == "Xây dựng danh mục khung thuốc năm 2027"
    assert [t["deadline"] for t in tasks] == ["2027-03-05", "2027-12-31", None]
    assert tasks[2]["assignees"] == [{"name": "Giám đốc Sở", "role": "lead"}]


def test_a_ruled_table_of_figures_gives_no_table() -> None:
    words = (_cell("STT", 0, 0) + _cell("Chỉ tiêu", 0, 1) + _cell("Năm 2026", 0, 2) + _cell("Năm 2027", 0, 3)
             + _cell("1", 1, 0) + _cell("Số trường đạt chuẩn", 1, 1) + _cell("120", 1, 2) + _cell("135", 1, 3))
    assert word_tables.grid_table(GRID, words, lambda w: LINE, 1) is None


def test_a_ruled_row_cut_by_the_page_break_runs_on_and_group_rows_restart_the_count() -> None:
    head = _cell("TT", 0, 0) + _cell("Nhiệm vụ", 0, 1) + _cell("Thời gian", 0, 2) + _cell("Đơn vị chủ trì", 0, 3)
    page1 = (head + _cell("I", 1, 0) + _cell("Giai đoạn 2026-2027", 1, 1)
             + _cell("1", 2, 0) + _cell("Kiểm tra việc thực hiện", 2, 1) + _cell("2026", 2, 2) + _cell("Vụ", 2, 3)
             + _cell("II", 3, 0) + _cell("Giai đoạn 2028-2030", 3, 1)
             + _cell("1", 4, 0) + _cell("Tổ chức tổng kết", 4, 1))
    first = word_tables.grid_table(LONG, page1, lambda w: LINE, 1)
    assert first is not None
    page2 = (_cell("1", 0, 0) + _cell("năm học 2028", 0, 1) + _cell("GDTC", 0, 3)  # a speck in TT; the row runs on
             + _cell("2", 1, 0) + _cell("Báo cáo kết quả", 1, 1) + _cell("2030", 1, 2) + _cell("Vụ GDTC", 1, 3))
    second = word_tables.grid_table(LONG, page2, lambda w: LINE, 2, first.rows[0])
    assert second is not None
    tasks = table_tasks((word_tables.counted(word_tables.joined(first, second, ruled=True)),))
    assert [t["ordinal"] for t in tasks] == ["I.1", "II.1", "II.2"]
    assert tasks[1]["text"] == "Tổ chức tổng kết năm học 2028"


def test_a_deadline_cell_of_a_year_alone_ends_with_that_year() -> None:
    assert period_end("2026") == "2026-12-31"
    assert period_end("Quyết định số 2026") is None


def test_the_word_tree_takes_a_pages_grid_and_an_item_leading_into_it_reads_no_task_of_its_own() -> None:
    """The item '1. Đấu thầu mua thuốc:' over the table: its stretch is the table's, whose rows are the tasks."""
    from dataclasses import dataclass, field

    from extractors.base import DocText
    from extractors.structure import from_words
    from extractors.structure.words import words_to_text
    from extractors.tasks import task_candidates

    @dataclass
    class ScannedPage:
        words: list[Word]
        grids: list[Grid] = field(default_factory=list)
        width: float = 2400.0
        method: str = "ocr"

    def line(text: str, top: float) -> list[Word]:
        out, x = [], 100.0
        for t in text.split():
            out.append(Word(t, x, top, x + 18 * len(t), top + 40, 0.95))
            x += 18 * len(t) + 12
        return out

    grid = Grid(LONG.cols, tuple(y + 300 for y in LONG.rows[:5]), ordinal=0)
    cells = [("STT", 0, 0), ("Công việc", 0, 1), ("Thời gian", 0, 2), ("Người thực hiện", 0, 3),
             ("1", 1, 0), ("Xây dựng danh mục thuốc", 1, 1), ("05/3/2027", 1, 2), ("Sở Y tế", 1, 3),
             ("2", 2, 0), ("Lập hồ sơ mời thầu", 2, 1), ("15/6/2027", 2, 2), ("Tổ chuyên gia", 2, 3),
             ("3", 3, 0), ("Thẩm định hồ sơ", 3, 1), ("29/6/2027", 3, 2), ("Tổ thẩm định", 3, 3)]
    words = line("II. Nội dung kế hoạch", 250) + line("1. Đấu thầu mua thuốc:", 320)
    for text, r, c in cells:
        words += [Word(w.text, w.x0 - 100 + grid.cols[c] + 10, grid.rows[r] + 10, w.x1 - 100 + grid.cols[c] + 10,
                       grid.rows[r] + 50, 0.95) for w in line(text, 0)]
    page = ScannedPage(words, [grid])
    tree = from_words.build(DocText(words_to_text(words, page.width)), [page])
    (table,) = tree.tables
    found = task_candidates(tree, {"doc_type": "KH"})
    assert {c.rule for c in found} == {"tables.row"}
    assert [c.value["ordinal"] for c in found] == ["1", "2", "3"]
    assert found[1].value["assignees"] == [{"name": "Tổ chuyên gia", "role": "lead"}]


def test_a_task_that_only_ends_where_a_table_starts_is_its_own() -> None:
    from extractors.base import Candidate
    from extractors.tasks import _inside

    assert not _inside(Candidate("tasks", {}, 0, 100, "tasks.item-names-assignee"), 80, 500)  # mostly its own text
    assert _inside(Candidate("tasks", {}, 60, 480, "tasks.item-names-assignee"), 80, 500)  # a heading over the table
    assert _inside(Candidate("tasks", {}, 90, 120, "tasks.dash-item"), 80, 500)


def test_a_header_word_read_with_low_confidence_still_names_its_column() -> None:
    faint = [Word(w.text, w.x0, w.top, w.x1, w.bottom, 0.4 if w.text == "Người" else w.conf)
             for w in _cell("Người thực hiện", 0, 3)]  # 'Đơn vị thực hiện' with 'Đơn' read at 0.44 on a scan
    words = (_cell("STT", 0, 0) + _cell("Công việc", 0, 1) + _cell("Thời gian", 0, 2) + faint
             + _cell("01", 1, 0) + _cell("Thẩm định HSMT", 1, 1) + _cell("2027", 1, 2) + _cell("Tổ thẩm định", 1, 3)
             + _cell("02", 2, 0) + _cell("Phê duyệt HSMT", 2, 1) + _cell("Giám đốc Sở", 2, 3))
    table = word_tables.grid_table(GRID, words, lambda w: LINE, 1)
    assert table is not None and [t["assignees"][0]["name"] for t in table_tasks((table,))] == ["Tổ thẩm định", "Giám đốc Sở"]
