"""Where an assignee's name ends (extractors/task_names.py, orgs.py, supporters.py): names that keep their commas and
conjunctions, and names that end before the words after them. Each sentence is made up, none copied from a document."""
from __future__ import annotations

import pytest

from extractors.orgs import joins_bodies, split_coordinated
from extractors.supporters import supporters
from extractors.task_names import named_assignees


@pytest.mark.parametrize(("sentence", "names"), [
    # a joint office's head, named by an official's title: one name through its 'và'
    ("Chánh Văn phòng HĐND và UBND xã, Trưởng Công an xã chịu trách nhiệm thi hành Quyết định này.",
     ["Chánh Văn phòng HĐND và UBND xã", "Trưởng Công an xã"]),
    # a list of class words after its 'các', one of them a verb ('tổ chức'), ending in a lower-case 'đảng'
    ("Các cấp ủy, tổ chức, cơ quan đảng có trách nhiệm thực hiện Hướng dẫn này.",
     ["Các cấp ủy, tổ chức, cơ quan đảng"]),
    # a trade's words inside an enterprise's or an association's name hold a verb ('xây dựng')
    ("Công ty Cổ phần Vật liệu xây dựng Đồng Nai thực hiện đúng quy định.",
     ["Công ty Cổ phần Vật liệu xây dựng Đồng Nai"]),
    ("Các hội: Hội Làm vườn, Hiệp hội Nhà thầu xây dựng tỉnh hoàn thành đại hội.",
     ["Hội Làm vườn", "Hiệp hội Nhà thầu xây dựng tỉnh"]),
    # a mass organisation's name ends before its action
    ("Hội Liên hiệp Phụ nữ tỉnh vận động hội viên tham gia.", ["Hội Liên hiệp Phụ nữ tỉnh"]),
])
def test_a_name_ends_where_it_should(sentence: str, names: list[str]) -> None:
    assert [a["name"] for a in named_assignees(sentence)[0]] == names


@pytest.mark.parametrize(("sentence", "names"), [
    ("Sở Y tế đang tổ chức kiểm tra.", []),  # a time word printed in lower case: the item reports
    ("Các Sở, ngành tổ chức, chỉ đạo thực hiện.", ["Các Sở, ngành"]),  # a verb between commas, another verb after it
])
def test_counter_examples_keep_their_reading(sentence: str, names: list[str]) -> None:
    assert [a["name"] for a in named_assignees(sentence)[0]] == names


@pytest.mark.parametrize(("unit", "joins"), [
    ("Văn phòng HĐND", True), ("Phó Chánh Văn phòng HĐND", True), ("Văn phòng Đoàn ĐBQH", True),
    ("Văn phòng UBND tỉnh", False), ("Chánh Văn phòng UBND tỉnh", False),  # placed: the body before 'và' is whole
    ("Chánh Văn phòng", False), ("Văn phòng Tỉnh ủy", False),
])
def test_a_joint_office_goes_on_after_its_first_body_only(unit: str, joins: bool) -> None:
    assert joins_bodies(unit) is joins


@pytest.mark.parametrize(("text", "units"), [
    ("Chủ tịch UBND các cấp và các cơ quan, đơn vị, cá nhân có liên quan",
     ["Chủ tịch UBND các cấp", "Các cơ quan, đơn vị, cá nhân có liên quan"]),
    ("Trưởng phòng Quản lý thương mại, cá nhân có liên quan", ["Trưởng phòng Quản lý thương mại", "Cá nhân có liên quan"]),
    ("Văn phòng UBND tỉnh và Sở Y tế", ["Văn phòng UBND tỉnh", "Sở Y tế"]),
    # boards each of the class the list's last title ends with; a title alone or over a named body is whole
    ("Chủ tịch Hội đồng quản trị, Tổng giám đốc các ngân hàng thương mại",
     ["Chủ tịch Hội đồng quản trị các ngân hàng thương mại", "Tổng giám đốc các ngân hàng thương mại"]),
    ("Giám đốc Sở Tài chính, Thủ trưởng các cơ quan", ["Giám đốc Sở Tài chính", "Thủ trưởng các cơ quan"]),
    ("Chánh Văn phòng, Thủ trưởng các sở", ["Chánh Văn phòng", "Thủ trưởng các sở"]),
    ("Chánh Văn phòng Sở, Trưởng các phòng chuyên môn", ["Chánh Văn phòng Sở", "Trưởng các phòng chuyên môn"]),
])
def test_coordinated_names_part_where_they_should(text: str, units: list[str]) -> None:
    assert split_coordinated(text) == units


def test_a_supporters_list_that_runs_on_keeps_the_bodies_before_it() -> None:
    flat = ("Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ làm việc với Ban Chấp hành Hội Làm vườn tỉnh về nhân sự "
            "Ban Chấp hành, Ban Kiểm tra, Chủ tịch Hội; hướng dẫn tổ chức đại hội.")
    assert [s["name"] for s in supporters(flat, {"Sở Tài chính"})] == ["Sở Nội vụ"]
