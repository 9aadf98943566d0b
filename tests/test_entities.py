"""Entities as an analyst reads them: bodies, people and places with spans, canonical names,
and relative names resolved to the issuing body."""
from __future__ import annotations

import pytest

from extractors.base import DocText
from extractors.entities import extract_entities
from extractors.ner import Entity
from extractors.references import find_citations

TEXT = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Lý Sơn, ngày 30 tháng 10 năm 2025\n"
        "UBND đặc khu giao Sở Tài chính chủ trì, phối hợp với Sở Khoa học và Công nghệ và "
        "Phòng Văn hóa - Xã hội rà soát; ông Nguyễn Minh Trí theo dõi tại tỉnh Quảng Ngãi.\n")
ISSUER = {"name": "Ủy ban nhân dân đặc khu Lý Sơn", "parent": None}


def entities(text: str = TEXT, issuer: dict | None = ISSUER) -> list[tuple[str, str]]:
    return [(e["label"], e["text"]) for e in extract_entities(DocText(text, [0]), issuer)]


def test_bodies_stop_at_the_verb_and_split_at_a_second_head() -> None:
    orgs = [t for label, t in entities() if label == "ORG"]
    assert orgs == ["UBND đặc khu", "Sở Tài chính", "Sở Khoa học và Công nghệ", "Phòng Văn hóa - Xã hội"]


def test_people_places_and_dates_with_spans() -> None:
    found = entities()
    assert ("PER", "Nguyễn Minh Trí") in found                       # without the honorific
    assert ("LOC", "Lý Sơn") in found and ("PER", "Lý Sơn") not in found  # the place of issue
    assert ("LOC", "tỉnh Quảng Ngãi") in found
    assert ("DATE", "ngày 30 tháng 10 năm 2025") in found
    assert not any(t.startswith("HỘI") for _, t in found)              # a word of the Quốc hiệu
    for e in extract_entities(DocText(TEXT, [0]), ISSUER):
        assert TEXT[e["start"]:e["end"]] == e["text"] and e["rule"]


def test_relative_name_resolves_to_the_issuer_and_keeps_its_text() -> None:
    (ubnd,) = [e for e in extract_entities(DocText(TEXT, [0]), ISSUER) if e["text"] == "UBND đặc khu"]
    assert ubnd["canonical"] == "Ủy ban nhân dân đặc khu" and ubnd["resolved"] == ISSUER["name"]
    (so,) = [e for e in extract_entities(DocText(TEXT, [0]), ISSUER) if e["text"] == "Sở Tài chính"]
    assert "resolved" not in so                                      # a whole name stands for itself


def test_another_engine_can_stand_in() -> None:
    class Fake:
        def entities(self, text: str) -> list[Entity]:
            return [Entity("ORG", 0, 5, "fake")]

    (org,) = [e for e in extract_entities(DocText("Sở Nội vụ", [0]), None, Fake()) if e["label"] == "ORG"]
    assert (org["text"], org["rule"]) == ("Sở Nộ", "fake")


@pytest.mark.parametrize(("citation", "issuer"), [
    ("Quyết định số 2545/QĐ-TTg ngày 30/12/2016 của Thủ tướng Chính phủ phê duyệt Đề án phát triển", "Thủ tướng Chính phủ"),
    ("Nghị định số 154/2020/NĐ-CP ngày 31/12/2020 của Chính phủ sửa đổi, bổ sung một số điều", "Chính phủ"),
    ("Kế hoạch số 23/KH-UBND ngày 10/01/2025 của Chủ tịch UBND tỉnh rà soát thủ tục", "Chủ tịch UBND tỉnh"),
    ("Công văn số 5770/NBI-QLDN2 ngày 15/12/2025 của Thuế tỉnh Ninh Bình vướng mắc về việc", "Thuế tỉnh Ninh Bình"),
    ("Công văn số 12/SXD-QLN ngày 02/3/2025 của Sở Xây dựng về việc", "Sở Xây dựng"),  # a capitalised verb names a body
    ("Thông tư số 03/2021/TT-BTC của Bộ Tài chính (miễn thuế 4 năm)", "Bộ Tài chính"),  # 'Tài' is not 'tại'
    # no issuer named: a central body's abbreviation in a state symbol names it
    ("Quyết định số 1456/QĐ-TTg; theo đó, nội dung quy hoạch", "Thủ tướng Chính phủ"),
    ("Công văn số 202/BTTTT-KHTC ngày 21/01/2025 về việc góp ý", "Bộ Thông tin và Truyền thông"),
    ("Công văn số 03-CV/BTC ngày 21/01/2025 về việc góp ý", ""),  # Party style: a Ban Tổ chức, which one is not said
    ("Công văn số 425/UBND-KT ngày 21/01/2025 về việc góp ý", ""),  # which People's Committee is not said
    ("Quyết định số 05-QĐ/TU ngày 01/3/2021 của Ban Chỉ đạo thực hiện Quy chế dân chủ cơ sở tỉnh", None),
    # a body of fixed name ends at 'về', where the cited document's subject begins
    ("Chỉ thị số 23/CT-UBND ngày 05/6/2017 của Ủy ban nhân dân tỉnh về chấn chỉnh công tác đấu thầu", "Ủy ban nhân dân tỉnh"),
    ("Quy định số 66-QĐ/TW ngày 06/02/2017 của Ban Bí thư Trung ương Đảng về thể loại, thẩm quyền",
     "Ban Bí thư Trung ương Đảng"),
])
def test_a_cited_issuer_ends_at_the_verb_that_follows_it(citation: str, issuer: str | None) -> None:
    (ref,) = find_citations(DocText(f"Thực hiện {citation}."))
    if issuer is None:  # a Ban Chỉ đạo's name goes on with its task
        assert ref.issuer is not None and ref.issuer.startswith("Ban Chỉ đạo thực hiện Quy chế dân chủ")
    else:
        assert (ref.issuer or "") == issuer
