"""Task tables read as tables: a .docx's rows and cells reach the tree, and every row of a task
table is a task (its ordinal, lead and support bodies, deadline), while a table of quantities
gives none."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from extractors import tables
from extractors.patterns import period_end
from extractors.structure.tables import Cell, Table
from pipeline.reading.files import read_file
from pipeline.recipe import run

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _p(text: str, numbered: bool = False) -> str:
    num = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>' if numbered else ""
    return f"<w:p>{num}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def _tc(text: str, span: int = 1, merge: str | None = None, numbered: bool = False) -> str:
    props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        "" if merge is None else '<w:vMerge/>' if merge == "continue" else f'<w:vMerge w:val="{merge}"/>')
    paras = "".join(_p(t, numbered) for t in text.split("\n"))
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paras}</w:tc>"


def _tr(*cells: str) -> str:
    return "<w:tr>" + "".join(cells) + "</w:tr>"


def _docx(path: Path, *parts: str) -> Path:
    body = f'<w:document xmlns:w="{W}"><w:body>{"".join(parts)}</w:body></w:document>'
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", body)
    return path


HEAD = [_p("ỦY BAN NHÂN DÂN TỈNH AN GIANG"), _p("Số: 12/KH-UBND"), _p("An Giang, ngày 05 tháng 3 năm 2026"),
        _p("KẾ HOẠCH"), _p("Triển khai công tác quản lý khoáng sản"),
        _p("Ủy ban nhân dân tỉnh ban hành Kế hoạch với các nhiệm vụ tại bảng sau:")]
TASK_TABLE = ("<w:tbl>"
              + _tr(_tc("STT"), _tc("Nội dung nhiệm vụ"), _tc("Đơn vị chủ trì"), _tc("Đơn vị phối hợp"),
                    _tc("Thời hạn hoàn thành"))
              + _tr(_tc("1"), _tc("Rà soát quy hoạch khoáng sản"), _tc("Sở Xây dựng; Sở Công Thương", merge="restart"),
                    _tc("Các sở, ngành liên quan"), _tc("Quý II/2026"))
              + _tr(_tc("2"), _tc("Kiểm tra các mỏ đang khai thác"), _tc("", merge="continue"),
                    _tc("Công an tỉnh"), _tc("trước ngày 15/11/2026"))
              + _tr(_tc("3"), _tc("Tuyên truyền pháp luật về khoáng sản"), _tc("Sở Tư pháp"), _tc(""),
                    _tc("Thường xuyên"))
              + "</w:tbl>")
FOOT = [_p("Nơi nhận:"), _p("- Như trên;"), _p("- Lưu: VT."), _p("TM. ỦY BAN NHÂN DÂN"), _p("CHỦ TỊCH"),
        _p("Nguyễn Văn Bình")]


def test_a_docx_table_keeps_its_rows_and_cells_and_the_text_stays_one_paragraph_a_line(tmp_path: Path) -> None:
    page = read_file(_docx(tmp_path / "kh.docx", *HEAD, TASK_TABLE, *FOOT)).pages[0]
    assert page.text.splitlines()[6:11] == ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp",
                                            "Thời hạn hoàn thành"]
    (table,) = page.tables
    assert [c.text for c in table.rows[1]] == ["1", "Rà soát quy hoạch khoáng sản", "Sở Xây dựng; Sở Công Thương",
                                               "Các sở, ngành liên quan", "Quý II/2026"]
    assert table.rows[2][2].text == "Sở Xây dựng; Sở Công Thương"  # merged with the cell above
    assert all(page.text[c.start:c.end] == c.text for row in table.rows for c in row)
    assert page.text[table.start:table.end].startswith("STT") and page.text[table.start:table.end].endswith("Thường xuyên")


def test_every_row_of_a_task_table_is_a_task_and_the_other_rules_keep_out_of_it(tmp_path: Path) -> None:
    _, rec = run(_docx(tmp_path / "kh.docx", *HEAD, TASK_TABLE, *FOOT), ocr="off")
    by = {t["ordinal"]: t for t in rec["tasks"]}
    assert sorted(by) == ["1", "2", "3"] and len(rec["tasks"]) == 3
    assert by["1"]["assignees"] == [{"name": "Sở Xây dựng", "role": "lead"}, {"name": "Sở Công Thương", "role": "lead"},
                                    {"name": "Các sở, ngành liên quan", "role": "support"}]
    assert [a["name"] for a in by["2"]["assignees"]] == ["Sở Xây dựng", "Sở Công Thương", "Công an tỉnh"]
    assert [by[k]["deadline"] for k in "123"] == ["2026-06-30", "2026-11-15", None]
    assert by["3"]["text"] == "Tuyên truyền pháp luật về khoáng sản"
    assert rec["signer"]["name"] == "Nguyễn Văn Bình" and rec["cc"] == ["Như trên", "Lưu: VT"]


def test_rows_numbered_by_word_take_their_printed_number_and_a_performer_column_leads_with_its_first(
        tmp_path: Path) -> None:
    table = ("<w:tbl>" + _tr(_tc("TT"), _tc("Nhiệm vụ thực hiện"), _tc("Người thực hiện"), _tc("Ghi chú"))
             + _tr(_tc("", numbered=True), _tc("Xây dựng tài liệu huấn luyện"), _tc("Trần Văn Hùng\nLê Thị Mai"), _tc(""))
             + _tr(_tc("", numbered=True), _tc("Tổ chức chấm bài"), _tc("Lê Thị Mai"), _tc("")) + "</w:tbl>")
    _, rec = run(_docx(tmp_path / "kh.docx", *HEAD, table, *FOOT), ocr="off")
    assert [(t["ordinal"], t["assignees"]) for t in rec["tasks"]] == [
        ("1", [{"name": "Trần Văn Hùng", "role": "lead"}, {"name": "Lê Thị Mai", "role": "support"}]),
        ("2", [{"name": "Lê Thị Mai", "role": "lead"}])]


def _table(*rows: tuple[str, ...]) -> Table:
    """A table fed straight to the component: each cell's text laid out one after the other."""
    out, pos = [], 0
    for row in rows:
        cells = []
        for text in row:
            covered = text == "<"
            cells.append(Cell("" if covered else text, pos, pos + (0 if covered else len(text)), covered=covered))
            pos += len(text) + 1
        out.append(tuple(cells))
    return Table(1, 0, pos, tuple(out))


def test_a_table_of_quantities_gives_no_task() -> None:
    quantities = _table(("STT", "Tên đơn vị", "Số lượng tổ chức", "Cơ quan cấp phép", "Ghi chú"),
                        ("1", "Công ty TNHH Khoáng sản Bình An", "40", "Bộ Công Thương", ""),
                        ("2", "Công ty CP Đá Hoàng Mai", "12", "UBND tỉnh", ""))
    assert tables.table_tasks((quantities,)) == []


def test_group_rows_give_no_task_and_prefix_the_numbers_that_start_again_under_them() -> None:
    grouped = _table(("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"),
                     ("I", "Nhóm nhiệm vụ về thể chế", "<", "<"),
                     ("1", "Xây dựng quy chế phối hợp", "Sở Nội vụ", "tháng 9/2026"),
                     ("II", "Nhóm nhiệm vụ về hạ tầng", "<", "<"),
                     ("1", "Nâng cấp trung tâm dữ liệu", "Sở Khoa học và Công nghệ", "Năm 2027"))
    got = tables.table_tasks((grouped,))
    assert [(t["ordinal"], t["assignees"][0]["name"], t["deadline"], t["rule"]) for t in got] == [
        ("I.1", "Sở Nội vụ", "2026-09-30", "tables.row"), ("II.1", "Sở Khoa học và Công nghệ", "2027-12-31", "tables.row")]


@pytest.mark.parametrize("phrase", tables.column_phrases(), ids=lambda p: f"{p.column}:{p.example}")
def test_each_header_phrase_takes_its_example_and_not_its_counter_example(phrase: tables.ColumnPhrase) -> None:
    assert tables.column_of(phrase.example) == phrase.column
    assert tables.column_of(phrase.counter_example) != phrase.column


@pytest.mark.parametrize(("cell", "deadline"), [
    ("Xong trong Quý II/2026", "2026-06-30"), ("Xong trong tháng 5/2026", "2026-05-31"), ("Trong năm 2026", "2026-12-31"),
    ("trước ngày 01/01/2030", "2030-01-01"), ("từ 29/6 - 09/7/2026", "2026-07-09"), ("Thường xuyên", None),
    ("Hàng năm (trước ngày 10/12)", None),
    # a period over two ends with the later of them, whichever is named first
    ("Quý III/2027 và Quý I/2028", "2028-03-31"), ("Từ tháng 10/2027 đến tháng 02/2028", "2028-02-29"),
    ("Từ tháng 9/2027 đến hết quý IV/2027", "2027-12-31")])
def test_a_deadline_cell_is_the_day_its_period_ends(cell: str, deadline: str | None) -> None:
    assert period_end(cell) == deadline
