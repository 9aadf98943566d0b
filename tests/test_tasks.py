"""Who is assigned what: the lead, the bodies that support it, and the task itself."""
from __future__ import annotations

import pytest

from tests.test_scan_layout import _record

HEAD = ("UBND TỈNH QUẢNG NGÃI\nSố: 05/CT-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Quảng Ngãi, ngày 15 tháng 4 năm 2020\nCHỈ THỊ\nVề việc nộp thuế điện tử\n\n"
        "Chủ tịch UBND tỉnh yêu cầu các cơ quan thực hiện tốt các nội dung sau:\n")


@pytest.mark.parametrize(("item", "assignees", "text"), [
    ("1. Cục Thuế tỉnh chủ trì, phối hợp với các Ngân hàng thương mại trên địa bàn tỉnh, VNPT Quảng Ngãi "
     "xây dựng Kế hoạch triển khai thực hiện nộp thuế điện tử.",
     [("Cục Thuế tỉnh", "lead"), ("Các Ngân hàng thương mại trên địa bàn tỉnh", "support"), ("VNPT Quảng Ngãi", "support")],
     "xây dựng Kế hoạch triển khai thực hiện nộp thuế điện tử"),
    # a generic group is no assignee; a capitalised verb is part of a body's name
    ("1. Sở Tài chính chủ trì, phối hợp với Sở Xây dựng, các cơ quan, đơn vị liên quan rà soát định mức.",
     [("Sở Tài chính", "lead"), ("Sở Xây dựng", "support")], "rà soát định mức"),
    # 'chủ động phối hợp' is the task itself; a body may be named by its acronym
    ("1. VNPT Quảng Ngãi chủ động phối hợp với Cục Thuế tỉnh để triển khai thực hiện.",
     [("VNPT Quảng Ngãi", "lead"), ("Cục Thuế tỉnh", "support")],
     "chủ động phối hợp với Cục Thuế tỉnh để triển khai thực hiện"),
    # 'và Ủy ban …' begins another body, 'và Công nghệ' does not; a joint office is one body
    ("1. Sở Tư pháp chủ trì, phối hợp với Sở Khoa học và Công nghệ, Cục Thi hành án dân sự và Ủy ban nhân dân "
     "các huyện, thành phố triển khai Luật Tố tụng hành chính.",
     [("Sở Tư pháp", "lead"), ("Sở Khoa học và Công nghệ", "support"), ("Cục Thi hành án dân sự", "support"),
      ("Ủy ban nhân dân các huyện, thành phố", "support")], "triển khai Luật Tố tụng hành chính"),
    # a lower-case group after a whole name is no part of it, and names no one
    ("1. Công an tỉnh chủ trì, phối hợp với Sở Giao thông vận tải, chính quyền địa phương và cơ quan liên quan "
     "kiểm tra xe quá tải.",
     [("Công an tỉnh", "lead"), ("Sở Giao thông vận tải", "support")], "kiểm tra xe quá tải"),
    # a verb inside a body's name ('dự án đầu tư xây dựng', 'tư vấn giám sát') does not end it
    ("1. Ban Quản lý dự án đầu tư xây dựng huyện Phù Mỹ chủ trì, phối hợp với Công ty Tư vấn giám sát Bình An "
     "kiểm tra hồ sơ hoàn công.",
     [("Ban Quản lý dự án đầu tư xây dựng huyện Phù Mỹ", "lead"), ("Công ty Tư vấn giám sát Bình An", "support")],
     "kiểm tra hồ sơ hoàn công"),
    # an item that opens with its grounds ('Căn cứ …;') assigns after them
    ("1. Căn cứ quy định tại Điều 5 Nghị định số 10/2024/NĐ-CP của Chính phủ; giao Sở Công Thương rà soát danh mục "
     "hàng hóa, báo cáo kết quả.", [("Sở Công Thương", "lead")], "rà soát danh mục hàng hóa, báo cáo kết quả"),
    # a class named by its capitalised heads is a supporter however long its list
    ("1. Bộ trưởng Bộ Tư pháp chủ trì, phối hợp với các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ có liên quan "
     "hướng dẫn thi hành Luật.",
     [("Bộ trưởng Bộ Tư pháp", "lead"), ("Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ có liên quan", "support")],
     "hướng dẫn thi hành Luật"),
    ("1. Phòng Văn hóa và Thông tin chủ trì, phối hợp với Văn phòng HĐND và UBND huyện hướng dẫn các xã.",
     [("Phòng Văn hóa và Thông tin", "lead"), ("Văn phòng HĐND và UBND huyện", "support")], "hướng dẫn các xã"),
    # 'các tổ chức' is bodies, not the verb 'tổ chức'; an adverbial before the verb is not the task
    ("1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức, đoàn thể tỉnh thực hiện tốt công tác tuyên truyền.",
     [("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "lead"), ("Các tổ chức, đoàn thể tỉnh", "lead")],
     "thực hiện tốt công tác tuyên truyền"),
    ("1. Thủ trưởng các sở, ngành của tỉnh, Chủ tịch Ủy ban nhân dân các huyện, thành phố trong phạm vi chức năng, "
     "nhiệm vụ được giao có kế hoạch triển khai thực hiện Chỉ thị này.",
     [("Thủ trưởng các sở, ngành của tỉnh", "lead"), ("Chủ tịch Ủy ban nhân dân các huyện, thành phố", "lead")],
     "có kế hoạch triển khai thực hiện Chỉ thị này"),
])
def test_lead_supporters_and_the_task_after_them(item: str, assignees: list[tuple[str, str]], text: str) -> None:
    (task,) = _record(HEAD + item)["tasks"]
    assert [(a["name"], a["role"]) for a in task["assignees"]] == assignees
    assert task["text"] == text


HEAD_TOP = HEAD[:HEAD.index("Chủ tịch UBND tỉnh yêu cầu")]


def test_the_body_the_lead_in_asks_is_the_assignee_of_every_unnamed_item() -> None:
    # an earlier 'giao' (of 'an toàn giao thông') is not the opener
    tasks = _record(HEAD_TOP + "Nhằm bảo đảm trật tự, an toàn giao thông, Sở GD&ĐT yêu cầu Thủ trưởng các đơn vị, "
                    "trường học thực hiện một số nội dung sau:\n1. Tăng cường công tác tuyên truyền.\n"
                    "2. Các phòng GD&ĐT quận, huyện, các trường THPT, trường trực thuộc chủ động phối hợp với công an.\n"
                    "3. Đối với các trường Đại học chủ động liên hệ với doanh nghiệp vận tải.\n")["tasks"]
    assert [[a["name"] for a in t["assignees"]] for t in tasks] == [
        ["Thủ trưởng các đơn vị, trường học"],
        ["Các phòng GD&ĐT quận, huyện", "Các trường THPT, trường trực thuộc"],  # a list of classes, one each
        ["Các trường Đại học"]]
    assert tasks[2]["text"] == "chủ động liên hệ với doanh nghiệp vận tải"


@pytest.mark.parametrize("lead_in", [
    "UBND tỉnh mời các sở, ngành cùng tham dự Hội nghị nêu trên như sau:",  # an invitation
    "Ông, bà khiếu nại với các yêu cầu:",  # 'yêu cầu' as a noun: the complainant's demands
    "Trường ban hành Kế hoạch khảo sát về giáo dục công như sau:",  # 'giáo dục' is no 'giao'
    "do Trưởng Ban Chỉ đạo Trung ương chủ trì; UBND tỉnh mời các sở cùng tham dự như sau:",  # a name
])
def test_items_under_a_lead_in_that_assigns_nothing_are_not_tasks(lead_in: str) -> None:
    assert _record(HEAD_TOP + lead_in + "\n1. Thời gian: vào lúc 08 giờ 00.\n2. Bố trí lô đất tái định cư.\n")["tasks"] == []


def test_a_proposal_to_a_superior_assigns_nothing() -> None:
    head = HEAD_TOP.replace("CHỈ THỊ", "TỜ TRÌNH").replace("05/CT-UBND", "239/TTr-UBND")
    rec = _record(head + "UBND tỉnh đề nghị Thường trực HĐND tỉnh xem xét, cụ thể như sau:\n"
                  "1. Bãi bỏ toàn bộ Nghị quyết số 24/2013/NQ-HĐND.\n2. Thời gian dự kiến trình: tháng 3/2025.\n")
    assert rec["doc_type"] == "Tờ trình"
    assert rec["tasks"] == []


def test_a_letter_misread_as_its_look_alike_keeps_its_place_in_the_sequence() -> None:
    tasks = _record(HEAD + "1. Trách nhiệm cụ thể:\na) Sở Tư pháp: rà soát văn bản.\nb) Sở Tài chính: bố trí kinh phí.\n"
                    "c) Sở Nội vụ: kiểm tra.\nđ) Ủy ban nhân dân các huyện: báo cáo kết quả.\n")["tasks"]
    assert [t["ordinal"] for t in tasks if t["assignees"]] == ["1.a", "1.b", "1.c", "1.d"]


def test_lettered_items_under_a_heading_that_names_the_assignee_are_its_task() -> None:
    tasks = _record(HEAD + "1. Thủ trưởng các sở, ngành; Chủ tịch UBND các huyện, thành phố có trách nhiệm:\n"
                    "a) Thi hành nghiêm chỉnh các bản án.\nb) Chỉ đạo tổ chức thi hành kịp thời.\n"
                    "2. Trách nhiệm cụ thể:\na) Sở Tư pháp: rà soát văn bản.\n")["tasks"]
    assert [(t["ordinal"], [a["name"] for a in t["assignees"]]) for t in tasks] == [
        ("1", ["Thủ trưởng các sở, ngành", "Chủ tịch UBND các huyện, thành phố"]), ("2.a", ["Sở Tư pháp"])]
    assert tasks[0]["text"].startswith("Thi hành nghiêm chỉnh các bản án")


def test_a_sub_item_heading_over_bullets_names_its_assignee() -> None:
    # '3.2' after '5.1' is OCR's 5.2: a list never steps back
    tasks = _record(HEAD + "5. Phân công trách nhiệm\n5.1. Trung tâm Quản lý chất lượng\n"
                    "- Là đơn vị đầu mối tham mưu ban hành kế hoạch.\n3.2. Các khoa tham gia khảo sát\n"
                    "- Phối hợp triển khai khảo sát đến sinh viên.\n")["tasks"]
    assert [(t["ordinal"], [a["name"] for a in t["assignees"]], t["text"]) for t in tasks] == [
        ("5.1", ["Trung tâm Quản lý chất lượng"], "Là đơn vị đầu mối tham mưu ban hành kế hoạch"),
        ("5.2", ["Các khoa tham gia khảo sát"], "Phối hợp triển khai khảo sát đến sinh viên")]


def test_a_label_before_the_colon_is_no_assignee_the_body_after_it_is() -> None:
    (task,) = _record(HEAD + "4. Phân công nhiệm vụ:\n- Các cơ quan, đơn vị gửi danh sách đại biểu trước ngày 07/11/2024.\n"
                      )["tasks"]
    assert [a["name"] for a in task["assignees"]] == ["Các cơ quan, đơn vị"]
    assert task["text"].startswith("gửi danh sách đại biểu") and task["deadline"] == "2024-11-07"


def test_an_item_of_one_line_without_a_full_stop_is_no_label() -> None:
    tasks = _record(HEAD + "1. Sở Tư pháp chủ trì rà soát văn bản\n2. Sở Tài chính bố trí kinh phí\n")["tasks"]
    assert [([a["name"] for a in t["assignees"]], t["text"]) for t in tasks] == [
        (["Sở Tư pháp"], "chủ trì rà soát văn bản"), (["Sở Tài chính"], "bố trí kinh phí")]


def test_a_heading_that_is_a_bare_name_gives_each_lettered_item_its_assignee() -> None:
    from tests.test_articles import FOOT
    text = ("ỦY BAN NHÂN DÂN TỈNH BÌNH AN\nSố: 7/UBND-KT\nV/v quản lý vật liệu nổ\n\nKính gửi: Các sở, ngành\n\n"
            "Chủ tịch UBND tỉnh yêu cầu các cơ quan, đơn vị triển khai các nhiệm vụ sau:\n"
            "1. Sở Công Thương\na) Rà soát các quy định hiện hành.\nb) Tăng cường kiểm tra.\n"
            "2. Công an tỉnh\na) Tuyên truyền pháp luật về phòng cháy.\n" + FOOT)
    tasks = {t["ordinal"]: t for t in _record(text)["tasks"]}
    assert set(tasks) == {"1.a", "1.b", "2.a"}
    assert tasks["1.b"]["assignees"] == [{"name": "Sở Công Thương", "role": "lead"}]
    assert tasks["2.a"]["assignees"] == [{"name": "Công an tỉnh", "role": "lead"}]


@pytest.mark.parametrize(("first", "second"), [("- 1, Thực hiện", "2. Tăng cường"), ("a) Rà soát\nở) Kiểm tra", "c) Báo cáo")])
def test_a_misread_item_marker_is_kept_where_its_list_expects_it(first: str, second: str) -> None:
    from tests.test_articles import FOOT
    text = ("SỞ Y TẾ\nSố: 5/SYT-NV\nV/v chất thải\n\nKính gửi: Thủ trưởng các cơ sở y tế\n\n"
            "Sở Y tế yêu cầu thủ trưởng các cơ sở y tế thực hiện những nội dung sau:\n"
            f"1. Chung:\n{first} quy định về chất thải.\n{second} đào tạo, tập huấn.\n" + FOOT)
    ordinals = [t["ordinal"] for t in _record(text)["tasks"]]
    assert len(ordinals) == 2 + (first.count("\n")) and len(set(ordinals)) == len(ordinals)


def test_dashed_items_under_a_directive_sentence_are_unnumbered_tasks() -> None:
    from tests.test_articles import FOOT
    text = ("SỞ Y TẾ\nSố: 9/SYT-NV\nV/v ứng phó áp thấp nhiệt đới\n\nKính gửi: Các đơn vị trực thuộc\n\n"
            "Để chủ động ứng phó, Giám đốc Sở Y tế yêu cầu Thủ\ntrưởng các đơn vị trực thuộc triển khai ngay những công việc sau:\n"
            "- Theo dõi chặt chẽ diễn biến của áp thấp nhiệt đới;\n"
            "- Trung tâm Y tế dự phòng chuẩn bị sẵn sàng cơ số thuốc, hóa chất.\n"
            "Trong thời gian qua:\n- Ủy ban nhân dân huyện đã hoàn thành 15/16 tiêu chí.\n" + FOOT)
    tasks = _record(text)["tasks"]
    assert [(t["ordinal"], t["assignees"][0]["name"]) for t in tasks] == [
        (None, "Thủ trưởng các đơn vị trực thuộc"), (None, "Trung tâm Y tế dự phòng")]


def test_a_report_assigns_nothing() -> None:
    from tests.test_articles import FOOT
    text = ("SỞ KHOA HỌC VÀ CÔNG NGHỆ\nSố: 3/BC-SKHCN\n\nBÁO CÁO\nKết quả thực hiện Kế hoạch\n\n"
            "1. Sở Khoa học và Công nghệ triển khai các nhiệm vụ được giao.\n"
            "2. Đề nghị UBND tỉnh bố trí kinh phí năm 2026.\n" + FOOT)
    assert _record(text)["tasks"] == []


def test_items_under_roman_sections_carry_the_section_whether_their_numbering_restarts_or_runs_on() -> None:
    from tests.test_articles import FOOT
    text = ("ỦY BAN NHÂN DÂN TỈNH BÌNH AN\nSố: 8/KH-UBND\n\nKẾ HOẠCH\nBảo vệ khoáng sản\n\n"
            "I. NHIỆM VỤ CHUNG\n1. Sở Tài chính bố trí kinh phí.\n2. Sở Nội vụ hướng dẫn biên chế.\n"
            "II. TỔ CHỨC THỰC HIỆN\n1. Sở Xây dựng chủ trì kiểm tra.\n2. Công an tỉnh bảo đảm an ninh.\n" + FOOT)
    assert [t["ordinal"] for t in _record(text)["tasks"]] == ["I.1", "I.2", "II.1", "II.2"]
    running_on = text.replace("II. TỔ CHỨC THỰC HIỆN\n1. Sở Xây dựng", "II. TỔ CHỨC THỰC HIỆN\n3. Sở Xây dựng").replace(
        "2. Công an tỉnh", "4. Công an tỉnh")
    assert [t["ordinal"] for t in _record(running_on)["tasks"]] == ["I.1", "I.2", "II.3", "II.4"]


def test_bodies_joined_by_a_slash_are_two_and_a_name_keeps_its_co_lien_quan() -> None:
    from extractors.orgs import split_coordinated
    from tests.test_articles import FOOT
    assert split_coordinated("Bộ Chỉ huy Quân sự tỉnh/Ban Chỉ huy Bộ đội Biên phòng tỉnh") == [
        "Bộ Chỉ huy Quân sự tỉnh", "Ban Chỉ huy Bộ đội Biên phòng tỉnh"]
    text = ("ỦY BAN NHÂN DÂN TỈNH BÌNH AN\nSố: 7/UBND-KT\nV/v vật liệu nổ\n\nKính gửi: Các sở, ngành\n\n"
            "Chủ tịch UBND tỉnh yêu cầu các cơ quan, đơn vị triển khai các nhiệm vụ sau:\n"
            "1. Các tổ chức, doanh nghiệp có liên quan\na) Chấp hành nghiêm các quy định.\n" + FOOT)
    (task,) = _record(text)["tasks"]
    assert task["assignees"][0]["name"] == "Các tổ chức, doanh nghiệp có liên quan"


@pytest.mark.parametrize(("names", "units"), [
    # heads alone take the place the list ends with; whole names do not
    ("Hội đồng nhân dân, Ủy ban nhân dân đặc khu", ["Hội đồng nhân dân đặc khu", "Ủy ban nhân dân đặc khu"]),
    ("Sở Tài chính, Kho bạc Nhà nước tỉnh", ["Sở Tài chính", "Kho bạc Nhà nước tỉnh"]),
    ("Tỉnh đoàn, Hội Liên hiệp Phụ nữ tỉnh", ["Tỉnh đoàn", "Hội Liên hiệp Phụ nữ tỉnh"]),
    # a class named by its head, then its members
    ("Giám đốc các Sở: Y tế, Tài chính", ["Giám đốc Sở Y tế", "Giám đốc Sở Tài chính"]),
    ("Các Sở: Khoa học và Công nghệ, Nội vụ", ["Sở Khoa học và Công nghệ", "Sở Nội vụ"]),
    # a company's name keeps its commas and its capitalised trade words
    ("Công ty TNHH MTV Xây dựng, Thương mại và Dịch vụ Bình An", ["Công ty TNHH MTV Xây dựng, Thương mại và Dịch vụ Bình An"]),
    # a class goes on through heads alone; a head with a name of its own begins another body
    ("Các Khoa, Phòng ban", ["Các Khoa, Phòng ban"]),
    ("Các Sở, Ủy ban nhân dân các huyện", ["Các Sở", "Ủy ban nhân dân các huyện"]),
    # an official's title after a comma begins another name even in lower case; a school ('trường') does not
    ("Chủ tịch UBND các xã, phường, thủ trưởng các ban, ngành có liên quan",
     ["Chủ tịch UBND các xã, phường", "Thủ trưởng các ban, ngành có liên quan"]),
    ("Các trường THCS, trường tiểu học trên địa bàn", ["Các trường THCS, trường tiểu học trên địa bàn"]),
    # the bodies concerned are a group of their own after a whole name, not after a class word
    ("Trưởng phòng Kinh tế hạ tầng, cá nhân có liên quan", ["Trưởng phòng Kinh tế hạ tầng", "Cá nhân có liên quan"]),
    ("Giám đốc các trung tâm thuộc Sở Nội vụ, các đơn vị có liên quan",
     ["Giám đốc các trung tâm thuộc Sở Nội vụ", "Các đơn vị có liên quan"]),
    ("Thủ trưởng các cơ quan, đơn vị có liên quan", ["Thủ trưởng các cơ quan, đơn vị có liên quan"]),
])
def test_coordinated_names_split_into_whole_bodies(names: str, units: list[str]) -> None:
    from extractors.orgs import split_coordinated
    assert split_coordinated(names) == units


@pytest.mark.parametrize(("item", "name", "text"), [
    # a short line that is a bare name, over the sentence of its task
    ("1. Công ty Điện lực Bình An\nKhảo sát, xây dựng phương án cấp điện cho các cụm công nghiệp trên địa bàn tỉnh, "
     "bảo đảm tiến độ.", "Công ty Điện lực Bình An", "Khảo sát, xây dựng phương án cấp điện"),
    # a line the text wraps from goes on with the name
    ("1. Trung tâm Phục vụ hành chính công và Chuyển đổi số tỉnh Bình\n"
     "An khẩn trương hoàn thành hồ sơ quyết toán các công trình đã hoàn thành năm 2025.",
     "Trung tâm Phục vụ hành chính công và Chuyển đổi số tỉnh Bình An",
     "khẩn trương hoàn thành hồ sơ quyết toán"),
])
def test_a_heading_line_that_is_a_bare_name_names_the_assignee(item: str, name: str, text: str) -> None:
    (task,) = _record(HEAD + item)["tasks"]
    assert task["assignees"][0]["name"] == name
    assert task["text"].startswith(text)


def test_a_misread_last_letter_keeps_its_place_and_a_printed_f_stays_f() -> None:
    """'ở)' after 'a)' where the next number begins is OCR's b); 'f)' is printed so by lists that use it."""
    tasks = _record(HEAD + "1. Sở Nội vụ\na) Tuyên truyền pháp luật về lao động.\nở) Tổ chức huấn luyện an toàn.\n"
                    "2. Công an tỉnh\na) Kiểm tra kho.\nb) Tuần tra.\nc) Xử lý vi phạm.\nd) Báo cáo.\nđ) Lập hồ sơ.\n"
                    "e) Thẩm duyệt.\nf) Cấp phép.\ng) Tổng kết.\n")["tasks"]
    assert [t["ordinal"] for t in tasks] == ["1.a", "1.b", "2.a", "2.b", "2.c", "2.d", "2.đ", "2.e", "2.f", "2.g"]


def test_the_sentence_that_closes_a_list_is_a_task_of_its_own() -> None:
    tasks = _record(HEAD + "1. Sở Tài chính bố trí kinh phí thực hiện.\n"
                    "2. Ủy ban nhân dân các huyện triển khai thực hiện, báo cáo kết quả về Ủy ban nhân dân tỉnh.\n"
                    "Sở Kế hoạch và Đầu tư chịu trách nhiệm theo dõi, đôn đốc việc thực hiện Chỉ thị này.\n")["tasks"]
    assert [(t["ordinal"], t["assignees"][0]["name"]) for t in tasks] == [
        ("1", "Sở Tài chính"), ("2", "Ủy ban nhân dân các huyện"), (None, "Sở Kế hoạch và Đầu tư")]


@pytest.mark.parametrize(("item", "supporters"), [
    # a class named by its capitalised head goes on through its bare class words and 'và các …'
    ("1. Sở Y tế chủ trì, phối hợp với các Sở, ban, ngành và các địa phương liên quan kiểm tra an toàn thực phẩm.",
     ["Các Sở, ban, ngành và các địa phương liên quan"]),
    # … a class named whole ('các Phòng chuyên môn Sở') does not
    ("1. Thanh tra tỉnh chủ trì, phối hợp với các Phòng chuyên môn Sở và các Đội Quản lý thị trường kiểm tra đơn thư.",
     ["Các Phòng chuyên môn Sở", "Các Đội Quản lý thị trường"]),
    # 'phối hợp chặt chẽ với', and a list that ends before a word of circumstance ('trong …')
    ("1. Công an tỉnh phối hợp chặt chẽ với Bộ Chỉ huy Quân sự tỉnh trong công tác tuần tra biên giới.",
     ["Bộ Chỉ huy Quân sự tỉnh"]),
    # 'phối hợp' then a verb names no one
    ("1. Trường Cao đẳng Y tế phối hợp tổ chức tập huấn cho nhân viên y tế thôn bản.", []),
])
def test_the_bodies_a_supporting_clause_names(item: str, supporters: list[str]) -> None:
    (task,) = _record(HEAD + item)["tasks"]
    assert [a["name"] for a in task["assignees"] if a["role"] == "support"] == supporters


def test_a_lead_in_names_one_long_group_or_a_list_of_names() -> None:
    # one group qualified at length (18 words) is the assignee of the items below
    tasks = _record(HEAD_TOP + "Để bảo đảm an toàn, Sở Công Thương yêu cầu các tổ chức, doanh nghiệp có hoạt động liên quan đến "
                    "kinh doanh xăng dầu trên địa bàn thực hiện một số nội dung sau:\n"
                    "1. Rà soát hồ sơ an toàn của cửa hàng.\n")["tasks"]
    assert [a["name"].lower() for a in tasks[0]["assignees"]] == [
        "các tổ chức, doanh nghiệp có hoạt động liên quan đến kinh doanh xăng dầu trên địa bàn"]
    # … a sentence that runs on past any name names none
    tasks = _record(HEAD_TOP + "Sở Công Thương yêu cầu các doanh nghiệp trong thời gian vừa qua còn để xảy ra nhiều vi phạm về an "
                    "toàn khi vận chuyển và bảo quản hàng hóa nguy hiểm của mình thực hiện các nội dung sau:\n"
                    "1. Rà soát hồ sơ an toàn.\n")["tasks"]
    assert all(not t["assignees"] for t in tasks)


@pytest.mark.parametrize(("item", "assignees", "text"), [
    # an item that opens with a decision or a circumstance assigns at its later 'giao'
    ("1. Nhất trí chủ trương di dời cụm công nghiệp; Giao Ủy ban nhân dân xã Bình Minh chủ trì, phối hợp với Ủy ban "
     "nhân dân xã An Hòa xây dựng phương án di dời.",
     [("Ủy ban nhân dân xã Bình Minh", "lead"), ("Ủy ban nhân dân xã An Hòa", "support")], "xây dựng phương án di dời"),
    # … and a place level's members after its colon are one body each
    ("1. Trong thời gian chưa hoàn thành di dời, giao các sở, ngành liên quan và UBND các xã: Bình Minh, An Hòa tăng cường "
     "kiểm tra việc chấp hành pháp luật.",
     [("Các sở, ngành liên quan", "lead"), ("UBND xã Bình Minh", "lead"), ("UBND xã An Hòa", "lead")], "tăng cường kiểm tra"),
    # a label's colon over its duty is no list of members
    ("1. UBND các huyện: rà soát danh sách hộ nghèo.", [("UBND các huyện", "lead")], "rà soát danh sách hộ nghèo"),
    # 'giáo viên' and 'giao thông' are no openers
    ("1. Tổ chức tập huấn cho cán bộ, giáo viên, nhân viên về phòng cháy.", [("các cơ quan", "lead")], "Tổ chức tập huấn"),
    # 'giao thông' is no opener
    ("1. Sở Xây dựng rà soát các tuyến đường, giao thông thuận tiện cho nhân dân.", [("Sở Xây dựng", "lead")],
     "rà soát các tuyến đường"),
])
def test_an_item_assigns_at_its_opener(item: str, assignees: list[tuple[str, str]], text: str) -> None:
    (task,) = _record(HEAD + item)["tasks"]
    assert [(a["name"], a["role"]) for a in task["assignees"]] == assignees
    assert task["text"].startswith(text)


def test_a_condition_on_whom_the_item_is_about_is_no_assignee() -> None:
    # '… Đối với các địa phương chưa ban hành …' under a body's heading: the heading's body does it
    tasks = _record(HEAD + "1. Ủy ban nhân dân các huyện\na) Rà soát quy hoạch các cụm công nghiệp.\n"
                    "b) Đối với các xã chưa ban hành quy chế phối hợp thì cần sớm ban hành.\n")["tasks"]
    assert [[a["name"] for a in t["assignees"]] for t in tasks] == [["Ủy ban nhân dân các huyện"]] * 2
    # … 'Đối với' a body that acts names it
    (task,) = _record(HEAD + "1. Đối với Ủy ban nhân dân các xã chủ động rà soát quy chế phối hợp.\n")["tasks"]
    assert [a["name"] for a in task["assignees"]] == ["Ủy ban nhân dân các xã"]


def test_a_word_that_folds_like_a_head_is_no_body_when_its_accents_say_otherwise() -> None:
    """'Số' (number) and 'Phông' (font) fold as 'Sở' and 'Phòng': a guide's headings '1. Số và ký
    hiệu', '2. Phông chữ' name no assignee; accent-free text (stripped, OCR) still opens a body."""
    from extractors.orgs import starts_with_head

    assert not starts_with_head("Số và ký hiệu văn bản")
    assert not starts_with_head("Phông chữ và cỡ chữ")
    assert starts_with_head("Sở Nội vụ") and starts_with_head("SỞ NỘI VỤ") and starts_with_head("So Noi vu")
    assert starts_with_head("Uỷ ban nhân dân xã") and starts_with_head("Phòng Tư pháp")
    assert not starts_with_head("Các số liệu thống kê") and not starts_with_head("Bố trí kinh phí")
    assert starts_with_head("Sờ Y tế") and starts_with_head("Phỏng Giáo dục")  # OCR's tone, still a body
