"""Tasks in a Quyết định's articles and its execution clause (spec: 'Điều 2', 'Điều 2.1', 'Điều 2.1.a')."""
from __future__ import annotations

import re

import pytest

from extractors.articles import _shapes, shapes
from extractors.text import fold
from tests.test_scan_layout import _record

HEAD = ("ỦY BAN NHÂN DÂN TỈNH BÌNH AN\nSố: 12/QĐ-UBND\n\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\nQUYẾT ĐỊNH:\n")
FOOT = "\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNguyễn Văn An\n"


@pytest.mark.parametrize(("sid", "example", "counter"), shapes())
def test_each_shape_matches_its_example_and_not_its_counter_example(sid: str, example: str, counter: str) -> None:
    assert _shapes()[sid].search(fold(example)), example
    assert not _shapes()[sid].search(fold(counter)), counter


def _tasks(body: str) -> dict[str, dict]:
    return {t["ordinal"]: t for t in _record(HEAD + body + FOOT)["tasks"]}


def test_the_execution_clause_is_one_task_naming_every_body_and_official() -> None:
    tasks = _tasks("Điều 1. Thành lập Tổ công tác của tỉnh.\n"
                   "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
                   "Chánh Văn phòng UBND tỉnh, Giám đốc Sở Tài chính, Thủ trưởng các sở, ban, ngành và "
                   "Chủ tịch UBND các huyện chịu trách nhiệm thi hành Quyết định này./.\n")
    assert set(tasks) == {"Điều 2"}
    names = [a["name"] for a in tasks["Điều 2"]["assignees"]]
    assert names == ["Chánh Văn phòng UBND tỉnh", "Giám đốc Sở Tài chính", "Thủ trưởng các sở, ban, ngành",
                     "Chủ tịch UBND các huyện"]
    assert re.match(r"chịu trách nhiệm thi hành", tasks["Điều 2"]["text"])


def test_an_article_that_assigns_and_its_khoan_are_numbered_from_the_article() -> None:
    tasks = _tasks("Điều 1. Phê duyệt Kế hoạch chuyển đổi số năm 2026.\n"
                   "Điều 2. Tổ chức thực hiện\n"
                   "1. Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính triển khai Kế hoạch.\n"
                   "2. Sở Nội vụ hướng dẫn việc bố trí biên chế trước ngày 30/6/2026.\n"
                   "Điều 3. Giao Công an tỉnh bảo đảm an ninh mạng cho hệ thống.\n"
                   "Điều 4. Chánh Văn phòng UBND tỉnh và Giám đốc các sở chịu trách nhiệm thi hành Quyết định này.\n")
    assert set(tasks) == {"Điều 2.1", "Điều 2.2", "Điều 3", "Điều 4"}  # Điều 1 approves: it assigns nothing
    assert [a["name"] for a in tasks["Điều 2.1"]["assignees"]] == ["Sở Khoa học và Công nghệ", "Sở Tài chính"]
    assert tasks["Điều 2.2"]["deadline"] == "2026-06-30"
    assert tasks["Điều 3"]["assignees"][0]["name"] == "Công an tỉnh"


def test_the_clause_inside_a_khoan_keeps_the_khoan_ordinal() -> None:
    tasks = _tasks("Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.\n"
                   "Điều 2. Hiệu lực và trách nhiệm thi hành\n"
                   "1. Quyết định này có hiệu lực từ ngày 01/7/2026.\n"
                   "2. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ chịu trách nhiệm thi hành Quyết định này.\n")
    assert "Điều 2.2" in tasks and tasks["Điều 2.2"]["rule"] == "tasks.execution-clause"


def test_a_dispatch_citing_articles_in_its_sentences_has_no_articles() -> None:
    """'Điều 5' inside a sentence (quoted law) opens no article."""
    text = ("SỞ TÀI CHÍNH\nSố: 5/STC-NS\nV/v kinh phí\n\nKính gửi: Sở Nội vụ\n\n"
            "Căn cứ quy định tại Điều 5 và Điều 6 Nghị định số 10/2024/NĐ-CP, Sở Tài chính đề nghị:\n"
            "1. Sở Nội vụ rà soát biên chế.\n" + FOOT)
    (task,) = _record(text)["tasks"]
    assert task["ordinal"] == "1"


def test_a_quy_dinh_issued_with_the_decision_gives_its_responsibility_articles_as_tasks() -> None:
    """An attached Quy định: 'Trách nhiệm của X' and a bare name head their khoản; articles stating
    rules for a class of people ('Đại lý có các quyền và nghĩa vụ sau đây') are not tasks."""
    text = (HEAD + "Điều 1. Ban hành kèm theo Quyết định này Quy định quản lý đại lý.\n"
            "Điều 2. Giám đốc Sở Tài chính chịu trách nhiệm thi hành Quyết định này.\n" + FOOT +
            "\nQUY ĐỊNH\nVề quản lý đại lý\n(Ban hành kèm theo Quyết định số 12/QĐ-UBND)\n"
            "Điều 1. Quyền và nghĩa vụ của đại lý\n1. Đại lý có các quyền và nghĩa vụ sau đây:\n"
            "a) Thiết lập hệ thống thiết bị.\nb) Niêm yết giờ mở cửa.\n"
            "Điều 2. Trách nhiệm của Sở Khoa học và Công nghệ\n1. Hướng dẫn, kiểm tra việc thực hiện Quy định này.\n"
            "2. Tổng hợp, báo cáo UBND tỉnh hằng năm.\n"
            "Điều 3. Công an tỉnh\n1. Kiểm tra an ninh trật tự tại các đại lý.\n")
    tasks = {t["ordinal"]: t for t in _record(text)["tasks"]}
    assert set(tasks) == {"Điều 2", "Điều 2.1", "Điều 2.2", "Điều 3.1"}
    assert tasks["Điều 2.1"]["assignees"] == [{"name": "Sở Khoa học và Công nghệ", "role": "lead"}]
    assert tasks["Điều 3.1"]["assignees"] == [{"name": "Công an tỉnh", "role": "lead"}]
    assert _record(text)["signer"]["name"] == "Nguyễn Văn An"


@pytest.mark.parametrize(("article", "names"), [
    # the names run on over line breaks and semicolons, after the sentence that says when it takes effect
    ("Điều 3. Quyết định này có hiệu lực kể từ ngày ký.\nChánh Văn phòng Ủy ban nhân dân tỉnh; Giám\n"
     "đốc Sở Nội vụ; Thủ trưởng các cơ quan,\nđơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.\n",
     ["Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc Sở Nội vụ", "Thủ trưởng các cơ quan, đơn vị có liên quan"]),
    # under the article's title line, and an official's title after a comma in lower case begins a name
    ("Điều 3. Trách nhiệm thi hành\nChánh Văn phòng Sở, trưởng các phòng chuyên môn thuộc Sở Giáo dục\n"
     "và Đào tạo chịu trách nhiệm thi hành Quyết định này.\n",
     ["Chánh Văn phòng Sở", "Trưởng các phòng chuyên môn thuộc Sở Giáo dục và Đào tạo"]),
    # said twice in one article: one task naming both sentences' bodies
    ("Điều 3. Tổ chức, cá nhân có liên quan chịu trách nhiệm, thi hành Quyết định này. Hiệu trưởng "
     "Trường Trung học phổ thông Phù Cát chịu trách nhiệm thi hành Quyết định này.\n",
     ["Tổ chức, cá nhân có liên quan", "Hiệu trưởng Trường Trung học phổ thông Phù Cát"]),
])
def test_the_execution_clause_names_begin_where_its_sentence_does(article: str, names: list[str]) -> None:
    tasks = _tasks("Điều 1. Thành lập Tổ công tác của tỉnh.\nĐiều 2. Tổ công tác có nhiệm vụ tham mưu.\n" + article)
    assert [a["name"] for a in tasks["Điều 3"]["assignees"]] == names


def test_the_clause_in_a_khoan_names_from_after_the_khoan_number() -> None:
    tasks = _tasks("Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.\n"
                   "Điều 2. Tổ chức thực hiện\n1. Sở Tư pháp hướng dẫn, kiểm tra việc thực hiện Quy chế,\n"
                   "hoàn thành trước ngày 30/6/2026\n2. Giám đốc Sở Tư pháp, Chủ tịch Ủy ban nhân dân các\n"
                   "xã chịu trách nhiệm thi hành Quyết định này.\n")
    assert [a["name"] for a in tasks["Điều 2.2"]["assignees"]] == ["Giám đốc Sở Tư pháp", "Chủ tịch Ủy ban nhân dân các xã"]


def test_an_article_without_khoan_is_read_after_its_title_and_its_duty_heading_names_the_assignee() -> None:
    tasks = _tasks("Điều 1. Nội dung, phạm vi ủy quyền\nỦy quyền cho Giám đốc Sở Nội vụ thực hiện việc\n"
                   "tiếp nhận công chức cấp xã.\n"
                   "Điều 2. Tổ chức thực hiện\nGiao Phó Tổng Giám đốc Công ty Cấp nước Bình An triển khai dự án.\n"
                   "Điều 3. Nhiệm vụ của Tổ giúp việc như sau:\n- Rà soát hồ sơ đề nghị;\n- Tổng hợp kết quả.\n"
                   "Điều 4. Chánh Văn phòng và Giám đốc Sở Nội vụ chịu trách nhiệm thi hành Quyết định này.\n")
    assert tasks["Điều 1"]["assignees"] == [{"name": "Giám đốc Sở Nội vụ", "role": "lead"}]
    assert tasks["Điều 2"]["assignees"] == [{"name": "Phó Tổng Giám đốc Công ty Cấp nước Bình An", "role": "lead"}]
    assert tasks["Điều 3"]["assignees"] == [{"name": "Tổ giúp việc", "role": "lead"}]
    assert tasks["Điều 3"]["text"].startswith("Rà soát hồ sơ")
    assert tasks["Điều 4"]["rule"] == "tasks.execution-clause"


def test_khoan_opening_with_a_verb_that_folds_like_a_head_take_the_articles_assignees() -> None:
    """'Bố trí', 'Bổ nhiệm', 'Bàn giao' fold like the heads 'Bộ' and 'Ban': they are the duty, not a body."""
    tasks = _tasks("Điều 1. Ban hành kèm theo Quyết định này Quy chế một cửa.\n"
                   "Điều 2. Trách nhiệm của Chủ tịch Ủy ban nhân dân cấp huyện\n"
                   "1. Bố trí cán bộ có chuyên môn làm việc tại bộ phận một cửa.\n"
                   "2. Bổ nhiệm người đứng đầu bộ phận một cửa.\n3. Bàn giao hồ sơ đúng hạn.\n"
                   "Điều 3. Chánh Văn phòng chịu trách nhiệm thi hành Quyết định này.\n")
    for k in ("Điều 2.1", "Điều 2.2", "Điều 2.3"):
        assert [a["name"] for a in tasks[k]["assignees"]] == ["Chủ tịch Ủy ban nhân dân cấp huyện"]


def test_the_articles_that_define_an_organ_assign_nothing_but_its_execution_clause_does() -> None:
    tasks = _tasks("Điều 1. Vị trí và chức năng\n"
                   "1. Trung tâm Dữ liệu tỉnh là đơn vị sự nghiệp trực thuộc Sở Khoa học và Công nghệ.\n"
                   "2. Trung tâm có tư cách pháp nhân, con dấu và tài khoản riêng.\n"
                   "Điều 2. Nhiệm vụ và quyền hạn\n"
                   "1. Tham mưu, giúp Giám đốc Sở quản lý hạ tầng dữ liệu của tỉnh.\n"
                   "2. Yêu cầu các cơ quan, đơn vị cung cấp dữ liệu theo quy định.\n"
                   "Điều 3. Lãnh đạo Trung tâm Dữ liệu, giám sát an toàn thông tin\n"
                   "1. Giám đốc Trung tâm do Giám đốc Sở bổ nhiệm, miễn nhiệm.\n"
                   "2. Giám đốc Trung tâm chịu trách nhiệm trước Giám đốc Sở về hoạt động của Trung tâm.\n"
                   "Điều 4. Trách nhiệm của Sở Tài chính\n"
                   "1. Sở Tài chính bố trí kinh phí hoạt động cho Trung tâm.\n"
                   "Điều 5. Hiệu lực và trách nhiệm thi hành\n"
                   "1. Quyết định này có hiệu lực kể từ ngày ký.\n"
                   "2. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Khoa học và Công nghệ chịu trách nhiệm thi hành "
                   "Quyết định này./.\n")
    assert set(tasks) == {"Điều 4.1", "Điều 5.2"}  # a duty heading that names a body still assigns
    assert tasks["Điều 5.2"]["rule"] == "tasks.execution-clause"


def test_a_text_of_rules_assigns_only_in_its_responsibility_and_implementation_articles() -> None:
    head = ("BỘ CÔNG THƯƠNG\nSố: 14/2024/TT-BCT\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Hà Nội, ngày 15 tháng 8 năm 2024\n\nTHÔNG TƯ\nQuy định chế độ báo cáo về cụm công nghiệp\n\n"
            "Căn cứ Nghị định số 96/2022/NĐ-CP;\nBộ trưởng Bộ Công Thương ban hành Thông tư quy định chế độ báo cáo.\n")
    body = ("Điều 1. Thời hạn báo cáo\n"
            "1. Chủ đầu tư hạ tầng kỹ thuật cụm công nghiệp báo cáo trước ngày 20 tháng 6 hằng năm.\n"
            "2. Ủy ban nhân dân cấp huyện tổng hợp số liệu trên địa bàn.\n"
            "Điều 2. Trách nhiệm của Sở Công Thương\n"
            "1. Sở Công Thương cập nhật dữ liệu cụm công nghiệp vào Cơ sở dữ liệu.\n"
            "Điều 3. Tổ chức thực hiện\n"
            "1. Cục Công Thương địa phương hướng dẫn, kiểm tra việc thực hiện Thông tư này.\n"
            "2. Thông tư này có hiệu lực từ ngày 01 tháng 10 năm 2024.\n")
    tasks = {t["ordinal"]: t for t in _record(head + body + FOOT)["tasks"]}
    assert set(tasks) == {"Điều 2.1", "Điều 3.1"}  # Điều 1 states a rule for a whole class: no assignment


def test_a_text_of_rules_in_parts_assigns_only_in_its_implementation_part() -> None:
    head = ("THANH TRA CHÍNH PHỦ\nSố: 24/2007/TT-TTCP\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Hà Nội, ngày 13 tháng 11 năm 2007\n\nTHÔNG TƯ\nHướng dẫn kê khai tài sản, thu nhập\n\n")
    body = ("Phần 1\nQUY ĐỊNH CHUNG\n"
            "1. Thanh tra tỉnh tiến hành xác minh nếu người được xác minh công tác tại địa phương.\n"
            "2. Ủy ban nhân dân cấp huyện là cơ quan tiếp nhận bản kê khai.\n"
            "Phần 2\nTỔ CHỨC THỰC HIỆN\n"
            "1. Các cơ quan thanh tra nhà nước hướng dẫn, đôn đốc việc thực hiện Thông tư này.\n"
            "2. Bộ Nội vụ tổng hợp tình hình kê khai, báo cáo Chính phủ.\n")
    rec = _record(head + body + FOOT)
    assert rec["doc_type"] == "Thông tư"
    assert [[a["name"] for a in t["assignees"]] for t in rec["tasks"]] == [["Các cơ quan thanh tra nhà nước"], ["Bộ Nội vụ"]]


def test_with_no_type_heading_read_the_ky_hieu_names_the_type() -> None:
    head = ("THANH TRA CHÍNH PHỦ\nSố: 24/2007/TT-TTCP\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Hà Nội, ngày 13 tháng 11 năm 2007\n\nHướng dẫn kê khai tài sản, thu nhập\n\n")
    assert _record(head + "Thông tư này hướng dẫn việc kê khai.\n" + FOOT)["doc_type"] == "Thông tư"
    letter = head.replace("24/2007/TT-TTCP", "24/TTCP-KHTH") + "Kính gửi: Các bộ\n\n"  # a công văn's ký hiệu names no type
    assert _record(letter + "Thanh tra Chính phủ đề nghị các bộ báo cáo.\n" + FOOT)["doc_type"] == "Công văn"


def test_a_roman_numbered_sentence_is_an_item_but_a_roman_section_title_is_not() -> None:
    head = ("THANH TRA CHÍNH PHỦ\nSố: 24/2007/TT-TTCP\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Hà Nội, ngày 13 tháng 11 năm 2007\n\nTHÔNG TƯ\nHướng dẫn kê khai tài sản, thu nhập\n\n")
    body = ("Phần 1\nQUY ĐỊNH CHUNG\nI. PHẠM VI ĐIỀU CHỈNH\nThông tư này hướng dẫn việc kê khai tài sản.\n"
            "Phần 2\nTỔ CHỨC THỰC HIỆN\n"
            "I. Các cơ quan thanh tra nhà nước hướng dẫn, đôn đốc việc thực hiện Thông tư này.\n"
            "II. Bộ Nội vụ tổng hợp tình hình kê khai, báo cáo Chính phủ về kết quả thực hiện.\n")
    tasks = _record(head + body + FOOT)["tasks"]
    assert [(t["ordinal"], t["assignees"][0]["name"]) for t in tasks] == [
        ("I", "Các cơ quan thanh tra nhà nước"), ("II", "Bộ Nội vụ")]
