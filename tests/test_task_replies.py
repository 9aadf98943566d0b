"""The day a reply is due, said after its task; an attendance list; a closing formula with its time limit."""
from __future__ import annotations

from typing import Any

from tests.test_scan_layout import _record

HEAD = ("SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH BÌNH AN\nSố: 45/SGDĐT-KHTC\nV/v rà soát danh sách học sinh\n"
        "Bình An, ngày 05 tháng 5 năm 2025\nKính gửi: Các trường trung học phổ thông trong tỉnh\n")
FOOT = "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nGIÁM ĐỐC\nTrần Văn Bình\n"


def _tasks(body: str) -> list[dict[str, Any]]:
    return _record(HEAD + body + FOOT)["tasks"]


def test_a_reply_sentence_after_a_request_gives_it_its_deadline_and_is_no_task_of_its_own() -> None:
    tasks = _tasks("Để có số liệu tổng hợp, Sở Giáo dục và Đào tạo đề nghị các trường rà soát danh sách học sinh "
                   "theo mẫu đính kèm Công văn này.\n"
                   "Văn bản báo cáo của các trường gửi về Sở Giáo dục và Đào tạo (qua Phòng Kế hoạch - Tài chính) "
                   "trước ngày 20/5/2025 để tổng hợp.\n")
    assert [t["deadline"] for t in tasks] == ["2025-05-20"], tasks
    assert tasks[0]["text"].startswith("rà soát danh sách học sinh")


def test_a_numbered_item_that_asks_for_the_reply_stays_a_task_and_keeps_its_day() -> None:
    tasks = _tasks("Sở Giáo dục và Đào tạo đề nghị các trường thực hiện các nội dung sau:\n"
                   "1. Rà soát danh sách học sinh theo mẫu đính kèm.\n"
                   "2. Danh sách học sinh của các trường gửi về Sở Giáo dục và Đào tạo trước ngày 20/5/2025.\n")
    by = {t["ordinal"]: t["deadline"] for t in tasks}
    assert by == {"1": None, "2": "2025-05-20"}, tasks


def test_the_closing_formula_with_its_time_limit_adds_no_task() -> None:
    tasks = _tasks("Để có số liệu tổng hợp, Sở Giáo dục và Đào tạo đề nghị các trường rà soát danh sách học sinh.\n"
                   "Sở Giáo dục và Đào tạo đề nghị các trường nghiêm túc triển khai thực hiện đúng thời hạn nêu trên./.\n")
    assert len(tasks) == 1, tasks


def test_the_bodies_of_an_attendance_list_are_no_tasks_but_a_part_that_assigns_is() -> None:
    body = ("Sở Giáo dục và Đào tạo tổ chức họp về công tác tuyển sinh như sau:\n"
            "I. Thành phần tham gia\n1. Sở Tài chính\nÔng: Lê Văn Cường - Phó Giám đốc;\n"
            "2. Sở Xây dựng\nBà: Phạm Thị Dung - Trưởng phòng Quy hoạch.\n"
            "II. Nội dung\n1. Trường THPT Chuyên Bình An chuẩn bị báo cáo kết quả tuyển sinh năm 2024.\n")
    leads = [[a["name"] for a in t["assignees"]] for t in _tasks(body)]
    assert leads == [["Trường THPT Chuyên Bình An"]], leads
    tasks = _tasks(body.replace("2. Sở Xây dựng\nBà: Phạm Thị Dung - Trưởng phòng Quy hoạch.\n",
                                "2. Sở Xây dựng chuẩn bị ý kiến về quy hoạch mạng lưới trường học.\n"))
    leads = [[a["name"] for a in t["assignees"]] for t in tasks]
    assert leads == [["Sở Xây dựng"], ["Trường THPT Chuyên Bình An"]], leads


def test_who_chairs_a_meeting_is_no_task_but_a_body_that_leads_a_duty_is() -> None:
    body = ("Sở Giáo dục và Đào tạo tổ chức họp về công tác tuyển sinh năm 2025, cụ thể như sau:\n"
            "1. Chủ trì: Lãnh đạo Sở Giáo dục và Đào tạo.\n"
            "2. Thời gian: 08 giờ 00 ngày 12/5/2025.\n"
            "3. Trường THPT Chuyên Bình An chủ trì chuẩn bị báo cáo kết quả tuyển sinh năm 2024.\n")
    leads = [[a["name"] for a in t["assignees"]][:1] for t in _tasks(body)]
    assert leads == [["Trường THPT Chuyên Bình An"]], leads


def test_a_heading_that_puts_requirements_on_a_body_names_it_for_the_lettered_items_under_it() -> None:
    body = ("Sở Xây dựng thông báo kết quả kiểm tra công tác nghiệm thu công trình như sau:\n"
            "1. Thông tin về công trình: Nhà lớp học 3 tầng, Trường THPT Chuyên Bình An.\n"
            "2. Yêu cầu đối với chủ đầu tư\n"
            "a) Lưu trữ hồ sơ công trình theo quy định.\n"
            "b) Quản lý, vận hành công trình theo đúng công năng, thiết kế được duyệt.\n")
    tasks = {t["ordinal"]: [a["name"] for a in t["assignees"]] for t in _tasks(body)}
    assert tasks == {"2.a": ["Chủ đầu tư"], "2.b": ["Chủ đầu tư"]}, tasks
    assert _tasks(body.replace("2. Yêu cầu đối với chủ đầu tư", "2. Yêu cầu chung")) == []


def test_a_supporter_ends_where_the_verb_du_thao_begins_but_not_at_the_noun() -> None:
    body = ("Sở Giáo dục và Đào tạo giao các đơn vị thực hiện các nội dung sau:\n"
            "1. Giao Trường THPT Chuyên Bình An chủ trì, phối hợp với Ủy ban nhân dân huyện An Lão dự thảo "
            "Quy chế tuyển sinh năm 2025.\n"
            "2. Giao Trường THPT Lê Lợi chủ trì, phối hợp với Phòng Quản lý chất lượng thẩm định các dự thảo "
            "đề kiểm tra.\n")
    support = {t["ordinal"]: [a["name"] for a in t["assignees"] if a["role"] == "support"] for t in _tasks(body)}
    assert support == {"1": ["Ủy ban nhân dân huyện An Lão"], "2": ["Phòng Quản lý chất lượng"]}, support


def test_a_deadline_may_give_the_hour_before_the_day() -> None:
    from extractors.patterns import parse_deadline

    assert parse_deadline("gửi về Văn phòng UBND tỉnh trước 15h00 ngày 15/6/2026 để tổng hợp") == "2026-06-15"
    assert parse_deadline("Báo cáo gửi về Sở trước 08 giờ 00 ngày 22/6/2026.") == "2026-06-22"
    assert parse_deadline("cuộc họp bắt đầu lúc 15h00 ngày 16/6/2026") is None


def test_a_reply_bullet_after_a_bullet_that_asks_gives_it_its_deadline() -> None:
    tasks = _tasks("Để có cơ sở hoàn thiện, Sở Giáo dục và Đào tạo đề nghị Trường THPT Lê Lợi tham gia ý kiến "
                   "bằng văn bản, cụ thể như sau:\n"
                   "- Tham gia ý kiến đối với toàn bộ dự thảo Quy chế tuyển sinh năm 2025;\n"
                   "- Văn bản tham gia ý kiến gửi về Sở Giáo dục và Đào tạo trước ngày 20/5/2025.\n")
    assert [t["deadline"] for t in tasks] == ["2025-05-20"] * len(tasks) and tasks, tasks
    assert not any(t["text"].startswith("Văn bản") for t in tasks), tasks
