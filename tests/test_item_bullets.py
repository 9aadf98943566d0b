"""Bullets under a numbered item that name their own subject are tasks of their own; bullets that name what
is inspected, and the items of an answer that ask nothing, are no tasks; deadlines in a task's words."""
from __future__ import annotations

from typing import Any

import pytest

from extractors.patterns import parse_deadline
from tests.test_articles import FOOT
from tests.test_scan_layout import _record

PLAN = ("SỞ NỘI VỤ\nSố: 12/KH-SNV\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBình Định, ngày 03 tháng 5 năm 2021\n"
        "KẾ HOẠCH\nTổ chức hội nghị tập huấn công tác văn thư\n\n"
        "Sở Nội vụ xây dựng kế hoạch tổ chức hội nghị như sau:\n")


def _tasks(body: str) -> list[tuple[str | None, list[str], str]]:
    tasks: list[dict[str, Any]] = _record(PLAN + body + FOOT)["tasks"]
    return [(t["ordinal"], [a["name"] for a in t["assignees"] if a["role"] == "lead"], t["text"]) for t in tasks]


def test_bullets_that_name_their_subject_under_a_title_are_unnumbered_tasks() -> None:
    tasks = _tasks("3. Cách thức triển khai\n- Tổ thẩm định rà soát hồ sơ của các đơn vị đăng ký.\n"
                   "- Các phòng chuyên môn cung cấp số liệu theo biểu mẫu.\n- Hồ sơ phải có chữ ký của thủ trưởng.\n")
    assert tasks == [(None, ["Tổ thẩm định"], "rà soát hồ sơ của các đơn vị đăng ký"),
                     (None, ["Các phòng chuyên môn"], "cung cấp số liệu theo biểu mẫu")]


def test_under_a_label_the_closing_named_bullets_stand_alone_and_the_label_keeps_its_own() -> None:
    tasks = _tasks("2. Sở Nội vụ:\n- Hướng dẫn các đơn vị chuẩn bị hồ sơ.\n"
                   "- Phòng Tổ chức: Làm đầu mối tổng hợp danh sách đại biểu.\n"
                   "- Văn phòng Sở: Bảo đảm hậu cần cho hội nghị.\n")
    assert [(o, names) for o, names, _ in tasks] == [("2", ["Sở Nội vụ"]), (None, ["Phòng Tổ chức"]), (None, ["Văn phòng Sở"])]
    assert tasks[0][2].startswith("Hướng dẫn các đơn vị chuẩn bị hồ sơ")


def test_a_named_bullet_among_the_labels_own_duties_is_part_of_its_task() -> None:
    tasks = _tasks("3. Các trường học trên địa bàn:\n- Trường công lập cử giáo viên dự tập huấn;\n"
                   "- Lập danh sách học sinh tham gia.\n")
    assert [(o, names) for o, names, _ in tasks] == [("3", ["Các trường học trên địa bàn"])]


def test_bullets_under_the_title_of_the_assignments_are_one_task_unless_each_assigns() -> None:
    one = _tasks("4. Tổ chức thực hiện:\n- Các phòng gửi báo cáo về Văn phòng trước ngày 10/5/2021.\n"
                 "- Giao Văn phòng Sở tổng hợp kết quả.\n")
    assert [o for o, _, _ in one] == ["4"]
    each = _tasks("4. Tổ chức thực hiện:\n- Giao Phòng Tổ chức chủ trì triển khai kế hoạch này.\n"
                  "- Giao cho Văn phòng Sở bố trí kinh phí tổ chức hội nghị.\n")
    assert [(o, names) for o, names, _ in each] == [(None, ["Phòng Tổ chức"]), (None, ["Văn phòng Sở"])]


def test_bullets_that_name_what_is_inspected_assign_nothing() -> None:
    assert _tasks("1. Phòng Văn hóa huyện\n- Công tác tuyên truyền các văn bản pháp luật;\n"
                  "- Việc cấp giấy phép kinh doanh karaoke;\n- Công tác thống kê, báo cáo.\n") == []


def test_an_answers_items_are_tasks_only_where_they_ask_and_of_the_recipient() -> None:
    text = ("CỤC VĂN THƯ\nSố: 81/VTLT-NV\nV/v trả lời vướng mắc về lưu trữ\n\nKính gửi: Sở Nội vụ tỉnh Phú Yên\n\n"
            "Về vướng mắc nêu tại Công văn số 55/SNV-VTLT, Cục Văn thư có ý kiến như sau:\n"
            "1. Về thời hạn nộp lưu hồ sơ\nThông tư không quy định thời điểm nộp lưu cụ thể.\n"
            "2. Về danh mục hồ sơ\nĐề nghị rà soát danh mục hồ sơ theo hướng dẫn tại Phụ lục I.\n" + FOOT)
    tasks = _record(text)["tasks"]
    assert [(t["ordinal"], [a["name"] for a in t["assignees"]]) for t in tasks] == [("2", ["Sở Nội vụ tỉnh Phú Yên"])]
    assert tasks[0]["text"].startswith("Đề nghị rà soát danh mục hồ sơ")


@pytest.mark.parametrize(("text", "deadline"), [
    ("lập danh sách gửi về Sở hạn chót 14/6/2021, theo mẫu", "2021-06-14"),
    ("trình Ủy ban nhân dân tỉnh trong quý IV năm 2021.", "2021-12-31"),
    ("Từ ngày 02/8/2021 đến ngày 20/8/2021: Tiến hành kiểm tra tại các đơn vị", "2021-08-20"),
    ("gửi báo cáo trước ngày 05/9/2021; từ ngày 01/9 đến ngày 30/9/2021 kiểm tra", "2021-09-05"),
    ("tiếp nhận hồ sơ ngày 12/7/2021 tại bộ phận một cửa", None),
    ("kết quả quý II năm 2021 đạt 90% kế hoạch", None),
    # a month is a period like a quarter: it ends on its last day (February of a leap year too)
    ("hoàn thành việc rà soát hồ sơ trong tháng 02/2028", "2028-02-29"),
    ("Hoàn thành trong Quý III năm 2027 và báo cáo kết quả", "2027-09-30"),
])
def test_a_deadline_is_the_day_a_cue_quarter_or_period_gives(text: str, deadline: str | None) -> None:
    assert parse_deadline(text) == deadline


def test_a_dash_run_goes_on_over_lines_the_tree_cut_and_a_class_word_is_no_name() -> None:
    text = ("SỞ Y TẾ\nSố: 31/SYT-NVY\nV/v phòng chống rét đậm\n\nKính gửi: Các đơn vị trực thuộc\n\n"
            "Giám đốc Sở Y tế yêu cầu Thủ trưởng các đơn vị trực thuộc triển khai những việc sau:\n"
            "- Theo dõi diễn biến của thời tiết; bố trí trực cấp cứu.\n"
            "sẵn sàng thu dung người bệnh bị ảnh hưởng của rét đậm;\n"
            "- Các đơn vị Trung tâm Kiểm soát bệnh tật, Bệnh viện đa khoa tỉnh chuẩn bị thuốc và hóa chất.\n" + FOOT)
    tasks = _record(text)["tasks"]
    assert [[a["name"] for a in t["assignees"]] for t in tasks] == [
        ["Thủ trưởng các đơn vị trực thuộc"], ["Trung tâm Kiểm soát bệnh tật", "Bệnh viện đa khoa tỉnh"]]


def test_a_lettered_parts_title_line_is_passed_over_to_the_body_it_names() -> None:
    tasks = _tasks("2. Nội dung thực hiện\na) Trong bước chuẩn bị\nTổ thư ký rà soát hồ sơ đại biểu.\n"
                   "b) Trong bước tổ chức\nVăn phòng Sở bố trí hội trường.\n")
    assert [(o, names) for o, names, _ in tasks] == [("2.a", ["Tổ thư ký"]), ("2.b", ["Văn phòng Sở"])]


def test_a_sentence_after_a_closing_quote_is_read_for_its_assignment() -> None:
    text = ("CỤC HÓA CHẤT\nSố: 77/HC-QLHC\nV/v đăng ký hoạt động hóa chất\n\nKính gửi: Sở Công Thương tỉnh Bình Định\n\n"
            "Khoản 3 Điều 5 Nghị định quy định: “Tổ chức phải đăng ký trước khi hoạt động.”\n"
            "Cục Hóa chất đề nghị Sở Công Thương tỉnh Bình Định rà soát các hồ sơ đăng ký trên địa bàn.\n" + FOOT)
    tasks = _record(text)["tasks"]
    assert [([a["name"] for a in t["assignees"]], t["text"]) for t in tasks] == [
        (["Sở Công Thương tỉnh Bình Định"], "rà soát các hồ sơ đăng ký trên địa bàn")]


def test_a_roster_after_a_bodys_colon_is_no_duty() -> None:
    text = ("SỞ Y TẾ\nSố: 52/GM-SYT\n\nGIẤY MỜI\nHọp sơ kết công tác y tế dự phòng\n\n"
            "Sở Y tế tổ chức họp sơ kết với nội dung như sau:\n1. Thành phần\n"
            "- Sở Y tế: Phó Giám đốc, Trưởng Phòng Nghiệp vụ Y;\n- Giám đốc Trung tâm Kiểm soát bệnh tật tỉnh;\n"
            "2. Thời gian: 14 giờ ngày 20/3/2021.\n" + FOOT)
    assert _record(text)["tasks"] == []


def test_lettered_parts_inside_one_paragraph_are_the_items_tasks_of_its_assignee() -> None:
    tasks = _tasks("1. Trung tâm Kiểm soát bệnh tật: (a) Lập kế hoạch truyền thông tại các xã; (b) Khẩn trương rà soát "
                   "danh sách đối tượng; (@) Tổ chức tập huấn cho cán bộ y tế cơ sở.\n"
                   "2. Phòng Nghiệp vụ Y: Tổng hợp kết quả theo quy định tại điểm (a) khoản 2 Điều 5.\n")
    assert [(o, names) for o, names, _ in tasks] == [("1.a", ["Trung tâm Kiểm soát bệnh tật"]),
                                                    ("1.b", ["Trung tâm Kiểm soát bệnh tật"]),
                                                    ("1.c", ["Trung tâm Kiểm soát bệnh tật"]),
                                                    ("2", ["Phòng Nghiệp vụ Y"])]
    assert [t for _, _, t in tasks][:3] == ["Lập kế hoạch truyền thông tại các xã", "Khẩn trương rà soát danh sách đối tượng",
                                            "Tổ chức tập huấn cho cán bộ y tế cơ sở"]
