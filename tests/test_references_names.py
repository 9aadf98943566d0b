"""Issuers that end where the body's name ends (issue 26): a standing body's name does not run on into
the cited document's subject, a joint document's issuers are all of its bodies, a bracketed qualifier
of a body is part of its name, and a form's code is no document."""
from __future__ import annotations

import pytest

from extractors.base import DocText
from extractors.references import find_citations


def issuers(text: str) -> dict[str, str | None]:
    return {c.number: c.issuer for c in find_citations(DocText(text))}


@pytest.mark.parametrize(("text", "number", "issuer"), [
    # a Front committee, a Party board, a Front's standing board: 'về' opens the subject
    ("Căn cứ Kế hoạch số 17/KH-MTTQ-BTT ngày 03/3/2026 của Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hòa An "
     "về tổ chức lấy ý kiến nhân dân;", "17/KH-MTTQ-BTT", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hòa An"),
    ("Thực hiện Hướng dẫn số 5-HD/BTCTU ngày 09/4/2026 của Ban Tổ chức Tỉnh ủy về công tác phát triển đảng viên,",
     "5-HD/BTCTU", "Ban Tổ chức Tỉnh ủy"),
    ("Căn cứ Kế hoạch số 8/KH-BTT ngày 12/2/2026 của Ban Thường trực Ủy ban MTTQ Việt Nam huyện Tân Lập về "
     "Giám sát việc thực hiện chính sách;", "8/KH-BTT", "Ban Thường trực Ủy ban MTTQ Việt Nam huyện Tân Lập"),
    # a field that is the body's name still runs on ('Ban Chỉ đạo … về …')
    ("Thực hiện Công văn số 3-CV/BCĐ ngày 2/2/2026 của Ban Chỉ đạo tỉnh về phòng, chống tham nhũng;",
     "3-CV/BCĐ", "Ban Chỉ đạo tỉnh về phòng, chống tham nhũng"),
])
def test_a_standing_body_s_name_ends_before_the_subject(text: str, number: str, issuer: str) -> None:
    assert issuers(text)[number] == issuer


@pytest.mark.parametrize(("text", "number", "issuer"), [
    # 'và' + a lower-case thing with its own owner ('và ý kiến của …') is not the name going on
    ("Xét Báo cáo số 41/BC-HĐND ngày 05/6/2026 của Ban Pháp chế Hội đồng nhân dân huyện và đề nghị của "
     "các tổ đại biểu;", "41/BC-HĐND", "Ban Pháp chế Hội đồng nhân dân huyện"),
    # 'và' before a capitalised word is the name's ('Sở Lao động - Thương binh và Xã hội')
    ("Xét Tờ trình số 9/TTr-SVHTT ngày 1/6/2026 của Sở Văn hóa và Thể thao tỉnh và ý kiến của các ban;",
     "9/TTr-SVHTT", "Sở Văn hóa và Thể thao tỉnh"),
])
def test_a_name_ends_before_and_another_thing_of_another_owner(text: str, number: str, issuer: str) -> None:
    assert issuers(text)[number] == issuer


@pytest.mark.parametrize(("text", "number", "issuer"), [
    # a liên tịch document is all of the bodies that issued it
    ("Căn cứ Thông tư liên tịch số 14/2026/TTLT-BTC-BNV ngày 02/3/2026 của Bộ Tài chính, Bộ Nội vụ và Bộ Y tế "
     "hướng dẫn chế độ phụ cấp;", "14/2026/TTLT-BTC-BNV", "Bộ Tài chính, Bộ Nội vụ và Bộ Y tế"),
    ("Thực hiện Nghị quyết liên tịch số 7/2026/NQLT-CP-ĐCT ngày 2/4/2026 của Chính phủ, Đoàn Chủ tịch Ủy ban "
     "Trung ương Mặt trận Tổ quốc Việt Nam.", "7/2026/NQLT-CP-ĐCT",
     "Chính phủ, Đoàn Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"),
    # one body's document ends at the comma before the next body
    ("Căn cứ Thông tư số 14/2026/TT-BTC ngày 02/3/2026 của Bộ Tài chính, Bộ Nội vụ hướng dẫn các đơn vị.",
     "14/2026/TT-BTC", "Bộ Tài chính"),
])
def test_a_joint_document_is_issued_by_all_its_bodies(text: str, number: str, issuer: str) -> None:
    assert issuers(text)[number] == issuer


@pytest.mark.parametrize(("text", "number", "issuer"), [
    # a unit's name before a merger keeps its bracketed qualifier, after the number or before the type word
    ("Trường được thành lập theo Quyết định số 51/QĐ-UBND ngày 3/5/2019 của Chủ tịch UBND huyện Tân Lập (cũ).",
     "51/QĐ-UBND", "Chủ tịch UBND huyện Tân Lập (cũ)"),
    ("Xét đề nghị của Hội Người cao tuổi huyện Tân Lập (trước sắp xếp) tại Công văn số 12/CV-HNCT ngày 3/8/2025.",
     "12/CV-HNCT", "Hội Người cao tuổi huyện Tân Lập (trước sắp xếp)"),
    # an association is a body
    ("Xét đề nghị của Hiệp hội Du lịch tỉnh tại Công văn số 33/HHDL ngày 05/02/2026 về việc tổ chức đại hội.",
     "33/HHDL", "Hiệp hội Du lịch tỉnh"),
])
def test_a_body_s_bracketed_qualifier_is_part_of_its_name(text: str, number: str, issuer: str) -> None:
    assert issuers(text)[number] == issuer


def test_an_opening_bracket_ends_the_clause_before_a_type_word() -> None:
    text = ("BỘ TRƯỞNG Đã ký Nguyễn Văn An\nMẪU SỐ 02\n(Ban hành kèm theo Thông tư số 8/2026/TT-BNV)\n")
    assert issuers(text)["8/2026/TT-BNV"] in (None, "Bộ Nội vụ")


def test_a_form_s_code_is_no_document() -> None:
    text = ("Hồ sơ gồm đơn ứng cử (theo mẫu số 01/HĐBC-HĐND) và bản kê khai theo Mẫu số 04/BK-HĐND ban hành "
            "kèm theo Thông tư số 8/2026/TT-BNV ngày 02/3/2026 của Bộ Nội vụ.")
    assert list(issuers(text)) == ["8/2026/TT-BNV"]
