"""A list whose items name no body, under a lead-in that names none, is the issuer's own programme, not
a list of assignments; an item that names no body beside items that do is still a task (issue 26)."""
from __future__ import annotations

from tests.test_task_forms import CV_HEAD, _record

PLAN = ("Ủy ban nhân dân tỉnh ban hành kế hoạch triển khai một số nhiệm vụ trọng tâm công tác thi đua năm 2024 như sau:\n"
        "I. NHIỆM VỤ CỤ THỂ\n1. Quý I năm 2024\n1.1. Ban hành Chỉ thị về công tác thi đua năm 2024;\n"
        "1.2. Tổ chức Hội nghị tổng kết phong trào thi đua năm 2023;\n2. Quý II năm 2024\n"
        "2.1. Xét khen thưởng các tập thể có thành tích xuất sắc;\nII. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Nội vụ chỉ đạo Ban Thi đua - Khen thưởng thực hiện các nhiệm vụ tại Kế hoạch này.\n"
        "2. Các sở, ban, ngành xây dựng kế hoạch cụ thể của đơn vị mình.\n")
MIXED = ("Để bảo đảm an toàn kỳ thi, Ủy ban nhân dân tỉnh yêu cầu thực hiện các nội dung sau:\n"
         "1. Cho phép thí sinh mang túi xách để gần chỗ ngồi trong phòng thi.\n"
         "2. Sở Giáo dục và Đào tạo bố trí lực lượng giám sát tại các điểm thi.\n")


def test_a_plan_s_programme_that_names_no_body_assigns_only_in_its_implementation_section() -> None:
    tasks = _record(CV_HEAD, PLAN)["tasks"]
    assert [(t["ordinal"], [a["name"] for a in t["assignees"]]) for t in tasks] == [
        ("II.1", ["Sở Nội vụ"]), ("II.2", ["Các sở, ban, ngành"])]


def test_an_item_that_names_no_body_beside_items_that_do_is_still_a_task() -> None:
    assert [t["ordinal"] for t in _record(CV_HEAD, MIXED)["tasks"]] == ["1", "2"]


def test_lettered_items_straight_under_a_section_are_a_list_of_their_own() -> None:
    """'IV. TỔ CHỨC THỰC HIỆN' over 'a) Trung tâm …', 'b) …' with no number between: each letter is a task."""
    body = ("Sở Y tế ban hành Kế hoạch phòng, chống tai nạn thương tích năm 2024.\nI. MỤC TIÊU\n"
            "Giảm số ca tai nạn thương tích ở trẻ em.\nII. TỔ CHỨC THỰC HIỆN\n"
            "a) Trung tâm Kiểm soát bệnh tật tỉnh xây dựng kế hoạch tập huấn hằng năm.\n"
            "b) Trường Cao đẳng Y tế biên soạn tài liệu giảng dạy về sơ cấp cứu.\n")
    tasks = _record(CV_HEAD, body)["tasks"]
    assert [(t["ordinal"], [a["name"] for a in t["assignees"]]) for t in tasks] == [
        ("II.a", ["Trung tâm Kiểm soát bệnh tật tỉnh"]), ("II.b", ["Trường Cao đẳng Y tế"])]


def test_an_article_of_dashes_that_each_name_a_body_is_one_task_per_dash() -> None:
    """'Điều 2. Tổ chức thực hiện:' over dashes each opening with the body it assigns: the first takes the
    article's ordinal, the others are unnumbered as printed; dashes that name no body stay the article's one task."""
    from tests.test_task_forms import QD_HEAD

    body = ("Căn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\nĐiều 1. Phê duyệt đồ án quy hoạch chi tiết.\n"
            "Điều 2. Tổ chức thực hiện:\n- Sở Xây dựng kiểm tra, xác nhận hồ sơ, bản vẽ của đồ án.\n"
            "- Ban Quản lý dự án đầu tư xây dựng huyện tổ chức công bố công khai đồ án.\n"
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.\n")
    tasks = _record(QD_HEAD, body)["tasks"]
    assert [(t["ordinal"], [a["name"] for a in t["assignees"]]) for t in tasks][:2] == [
        ("Điều 2", ["Sở Xây dựng"]), (None, ["Ban Quản lý dự án đầu tư xây dựng huyện"])]
    parts = body.replace("- Sở Xây dựng kiểm tra", "- Kiểm tra").replace("- Ban Quản lý dự án đầu tư xây dựng huyện tổ chức",
                                                                         "- Tổ chức")
    assert [t["ordinal"] for t in _record(QD_HEAD, parts)["tasks"]].count(None) == 0


def test_an_item_whose_sentence_names_who_does_its_bullets_gives_each_bullet_to_them() -> None:
    """'1. Các nội dung yêu cầu:' and a sentence ending in ':' that names the bodies ('… yêu cầu các phòng, ban và
    UBND các xã thực hiện nghiêm các nội dung sau:') over bullets: the bullets are their one task (as a heading's
    bullets are its body's, the development set's convention), and a bullet that names its own body is that body's."""
    body = ("1. Các nội dung yêu cầu thực hiện:\nCăn cứ kết quả kiểm tra, Chủ tịch Ủy ban nhân dân huyện yêu "
            "cầu các phòng, ban chuyên môn và Ủy ban nhân dân các xã thực hiện nghiêm các nội dung sau:\n"
            "- Rà soát, thống kê toàn bộ hồ sơ lưu trữ trước ngày 30/6/2024.\n"
            "- Lập danh mục hồ sơ và nộp lưu vào Lưu trữ huyện.\n"
            "- Phòng Nội vụ tổ chức tập huấn nghiệp vụ văn thư cho cán bộ các xã.\n"
            "2. Kinh phí thực hiện: từ nguồn ngân sách huyện.\n")
    tasks = _record(CV_HEAD, body)["tasks"]
    assert [(t["ordinal"], [a["name"].lower() for a in t["assignees"]]) for t in tasks] == [
        ("1", ["các phòng, ban chuyên môn", "ủy ban nhân dân các xã"]), (None, ["phòng nội vụ"])]
    assert tasks[0]["deadline"] == "2024-06-30"
