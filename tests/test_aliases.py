"""A body the letter names by an acronym it defined is recorded by the full name the letter printed."""
from __future__ import annotations

from tests.test_scan_layout import _record

HEAD = ("SỞ CÔNG THƯƠNG TỈNH BÌNH AN\nSố: 42/SCT-CN\nV/v hoàn thiện hồ sơ cấp phép\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBình An, ngày 15 tháng 4 năm 2026\n\n")
FOOT = "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Văn An\n"


def _names(body: str) -> list[list[str]]:
    return [[a["name"] for a in t["assignees"]] for t in _record(HEAD + body + FOOT)["tasks"]]


def test_an_acronym_the_letter_defined_is_spelled_out_where_it_names_the_assignee() -> None:
    body = ("Kính gửi: Doanh nghiệp tư nhân Thành Hương Nghĩa Lộ\n\n"
            "Sở Công Thương nhận được hồ sơ của Doanh nghiệp tư nhân (DNTN) Thành Hương Nghĩa Lộ. "
            "Sở Công Thương đề nghị DNTN Thành Hương Nghĩa Lộ hoàn thiện các nội dung sau:\n"
            "1. Bổ sung bản vẽ mặt bằng khu vực nổ mìn.\n2. Rà soát khoảng cách an toàn.\n")
    assert _names(body) == [["Doanh nghiệp tư nhân Thành Hương Nghĩa Lộ"]] * 2


def test_a_standing_abbreviation_whose_full_name_the_letter_never_prints_stays_as_printed() -> None:
    body = ("Kính gửi: Các huyện\n\nThực hiện chỉ đạo của Ủy ban nhân dân (UBND) tỉnh, Sở Công Thương đề nghị "
            "UBND huyện Văn Bàn rà soát các nội dung sau:\n1. Danh sách cơ sở kinh doanh.\n2. Kết quả kiểm tra.\n")
    assert _names(body) == [["UBND huyện Văn Bàn"]] * 2


def test_a_short_name_the_letter_defined_is_given_in_full_where_it_names_the_assignee() -> None:
    body = ("Kính gửi: Các đơn vị vận tải\n\n"
            "Sở Công Thương nhận được hồ sơ của Chi nhánh số 3 - Công ty cổ phần Vận tải Hòa An (sau đây gọi tắt là "
            "Chi nhánh). Sở Công Thương đề nghị Chi nhánh hoàn thiện các nội dung sau:\n"
            "1. Bổ sung phương án vận chuyển.\n2. Rà soát thời hạn kiểm định phương tiện.\n")
    assert _names(body) == [["Chi nhánh số 3 - Công ty cổ phần Vận tải Hòa An"]] * 2


def test_a_bare_head_names_the_one_body_the_letter_is_sent_to_that_it_opens() -> None:
    body = ("Kính gửi: Công ty TNHH Khai khoáng Đông Sơn\n\n"
            "Sở Công Thương nhận được hồ sơ của Công ty. Sở Công Thương đề nghị Công ty thực hiện các nội dung sau:\n"
            "1. Bổ sung bản vẽ mặt bằng kho.\n2. Rà soát khoảng cách an toàn.\n")
    assert _names(body) == [["Công ty TNHH Khai khoáng Đông Sơn"]] * 2


def test_a_bare_head_two_bodies_it_is_sent_to_open_stays_as_printed() -> None:
    body = ("Kính gửi:\n- Công ty TNHH Khai khoáng Đông Sơn;\n- Công ty cổ phần Đá Tây Sơn.\n\n"
            "Sở Công Thương đề nghị Công ty thực hiện các nội dung sau:\n"
            "1. Bổ sung bản vẽ mặt bằng kho.\n2. Rà soát khoảng cách an toàn.\n")
    assert _names(body) == [["Công ty"]] * 2


def test_a_bare_head_the_issuers_own_name_opens_is_not_given_to_the_one_body_it_is_sent_to() -> None:
    """A Sở's letter to one other Sở: 'Sở' is the issuer as often as the addressee (counter-example of the above)."""
    from extractors.aliases import defined, in_full
    with defined("", "", ("Sở Tài chính",), "Sở Xây dựng"):
        assert in_full("Sở") == "Sở"
    with defined("", "", ("Sở Tài chính",), "Ủy ban nhân dân tỉnh"):
        assert in_full("Sở") == "Sở Tài chính"
