"""Scanned task tables: rows and cells rebuilt from OCR word boxes (structure/word_tables.py) feed the
same table component as a .docx's tables. The tables here are laid out as OCR words of our own making."""
from __future__ import annotations

from extractors.base import Line
from extractors.structure import word_tables
from extractors.structure.words import Word, lines
from extractors.tables import table_tasks

H, CHAR, SPACE, PITCH = 40.0, 20.0, 14.0, 60.0
LINE = Line("", 0, 10)


def _words(text: str, x: float, top: float, conf: float = 0.95) -> list[Word]:
    out = []
    for t in text.split():
        out.append(Word(t, x, top, x + CHAR * len(t), top + H, conf))
        x += CHAR * len(t) + SPACE
    return out


def _page(header: list[tuple[float, list[str]]], rows: list[list[tuple[float, list[str]]]], top: float = 200.0,
          after: list[str] = ()) -> list[list[Word]]:
    """Words of a table: header cells (x, lines), then rows of cells (x, lines) one under the other,
    then running lines across the page."""
    words: list[Word] = []
    y = top
    for x, texts in header:
        for k, t in enumerate(texts):
            words += _words(t, x, y + k * PITCH)
    y += PITCH * max(len(t) for _, t in header) + 30
    for row in rows:
        for x, texts in row:
            for k, t in enumerate(texts):
                words += _words(t, x, y + k * PITCH)
        y += PITCH * max(len(t) for _, t in row) + 30
    for t in after:
        words += _words(t, 100, y)
        y += PITCH
    return lines(words)


# STT | Nội dung công việc | Đơn vị thực hiện | Thời gian hoàn thành; the header's cells centred, the body's at the left
COLS = (100.0, 300.0, 1400.0, 2000.0)
HEADER = [(110.0, ["STT"]), (600.0, ["Nội dung công việc"]), (1450.0, ["Đơn vị", "thực hiện"]),
          (2050.0, ["Thời gian", "hoàn thành"])]


def _row(n: str, task: list[str], unit: list[str], when: list[str]) -> list[tuple[float, list[str]]]:
    return [(COLS[0], [n] if n else []), (COLS[1], task), (COLS[2], unit), (COLS[3], when)]


ROWS = [
    _row("1", ["Rà soát danh mục thiết bị cần", "mua sắm năm 2027"], ["Phòng Kế hoạch"], ["trước ngày 15/4/2027"]),
    _row("", ["Tổng hợp nhu cầu của các đơn vị", "trực thuộc và lập dự toán"], ["Phòng Tài chính,", "Văn phòng"],
         ["30/5/2027"]),  # its number lost by the scan
    _row("3", ["Tổ chức lựa chọn nhà thầu"], ["Tổ chuyên gia"], ["Quý III/2027"]),
]


AFTER = ["Các đơn vị căn cứ nội dung Kế hoạch này để triển khai thực hiện nghiêm túc",
         "và báo cáo kết quả về Sở Tài chính trước ngày 31 tháng 12 năm 2027 để tổng hợp"]


def test_a_scanned_task_table_gives_one_task_a_row_with_its_wrapped_cells_joined() -> None:
    rows = _page(HEADER, ROWS, after=AFTER)
    tables, open_cols, _ = word_tables.page_tables(rows, lambda w: LINE, 1)
    assert open_cols is None  # the running text below ends it
    (table,) = [t for t in (word_tables.numbered(t) for t in tables) if t]
    tasks = table_tasks((table,))
    assert [t["ordinal"] for t in tasks] == ["1", "2", "3"]  # '2' counted between the '1' and '3' read
    assert tasks[0]["text"] == "Rà soát danh mục thiết bị cần mua sắm năm 2027"
    assert tasks[1]["assignees"] == [{"name": "Phòng Tài chính", "role": "lead"}, {"name": "Văn phòng", "role": "support"}]
    assert [t["deadline"] for t in tasks] == ["2027-04-15", "2027-05-30", "2027-09-30"]


def test_a_table_run_on_to_the_next_page_keeps_its_columns_and_numbers() -> None:
    first = _page(HEADER, ROWS[:2])
    tables, open_cols, known = word_tables.page_tables(first, lambda w: LINE, 1)
    assert open_cols is not None
    second = _continued([ROWS[2], _row("4", ["Ký kết hợp đồng"], ["Sở Tài chính"], ["Tháng 10/2027"])])
    more, _, _ = word_tables.page_tables(second, lambda w: LINE, 2, open_cols, known)
    table = word_tables.numbered(word_tables.joined(tables[0], more[0]))
    assert table is not None
    assert [t["ordinal"] for t in table_tasks((table,))] == ["1", "2", "3", "4"]


def _continued(rows: list[list[tuple[float, list[str]]]]) -> list[list[Word]]:
    words: list[Word] = []
    y = 100.0
    for row in rows:
        for x, texts in row:
            for k, t in enumerate(texts):
                words += _words(t, x, y + k * PITCH)
        y += PITCH * max(len(t) for _, t in row) + 30
    return lines(words)


def test_a_table_of_quantities_or_of_participants_is_no_task_table() -> None:
    quantities = _page([(110.0, ["STT"]), (600.0, ["Tên thiết bị"]), (1450.0, ["Số lượng"]), (2050.0, ["Ghi chú"])],
                       [[(COLS[0], ["1"]), (COLS[1], ["Máy tính để bàn"]), (COLS[2], ["12"]), (COLS[3], ["Mua mới"])],
                        [(COLS[0], ["2"]), (COLS[1], ["Máy in"]), (COLS[2], ["3"]), (COLS[3], [])]])
    people = _page([(110.0, ["STT"]), (600.0, ["Họ và tên"]), (1450.0, ["Chức vụ"]), (2050.0, ["Đơn vị công tác"])],
                   [[(COLS[0], ["1"]), (COLS[1], ["Nguyễn Văn An"]), (COLS[2], ["Phó Giám đốc"]), (COLS[3], ["Sở Y tế"])],
                    [(COLS[0], ["2"]), (COLS[1], ["Trần Thị Bình"]), (COLS[2], ["Chuyên viên"]), (COLS[3], ["Sở Nội vụ"])]])
    assert word_tables.page_tables(quantities, lambda w: LINE, 1)[0] == []
    assert word_tables.page_tables(people, lambda w: LINE, 1)[0] == []


def test_rows_whose_numbers_cannot_be_placed_are_left_out() -> None:
    # two numbers read, but more rows between them than numbers missing: the rows between were cut wrong
    rows = [ROWS[0], _row("", ["Lập báo cáo"], ["Phòng Kế hoạch"], ["10/5/2027"]),
            _row("", ["Gửi báo cáo"], ["Văn phòng"], ["12/5/2027"]), _row("2", ["Tổ chức hội nghị"], ["Văn phòng"], ["Tháng 6/2027"])]
    tables, _, _ = word_tables.page_tables(_page(HEADER, rows), lambda w: LINE, 1)
    table = word_tables.numbered(tables[0])
    assert table is not None and [t["text"] for t in table_tasks((table,))] == [
        "Rà soát danh mục thiết bị cần mua sắm năm 2027", "Tổ chức hội nghị"]
    # under half the rows numbered: the table is not read at all
    rows = [_row("", ["Lập báo cáo"], ["Phòng Kế hoạch"], ["10/5/2027"])] * 3 + [ROWS[0], ROWS[2]]
    tables, _, _ = word_tables.page_tables(_page(HEADER, rows), lambda w: LINE, 1)
    assert word_tables.numbered(tables[0]) is None


def test_the_word_tree_holds_a_scanned_table_in_the_documents_offsets_and_its_rows_are_the_tasks() -> None:
    from dataclasses import dataclass

    from extractors.base import DocText
    from extractors.structure import from_words
    from extractors.structure.words import words_to_text

    @dataclass
    class ScannedPage:
        words: list[Word]
        width: float = 2400.0
        method: str = "ocr"

    words = [w for r in _page(HEADER, ROWS, after=AFTER) for w in r]
    page = ScannedPage(words)
    tree = from_words.build(DocText(words_to_text(words, page.width)), [page])
    (table,) = tree.tables
    assert tree.text[table.start:table.end].startswith("STT")
    tasks = table_tasks(tree.tables)
    assert [t["ordinal"] for t in tasks] == ["1", "2", "3"]
    assert all(t["text"].split()[0] in tree.text[t["start"]:t["end"]] for t in tasks)  # the lines its cell stands on
    assert from_words.build(DocText(words_to_text(words, page.width)), [ScannedPage(words, method="text-layer")]).tables == ()
