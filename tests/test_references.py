"""Cited documents as an analyst reads them: whose document it is and of which day, however the
sentence names them (after the number, before the type word, once for two coordinated citations)."""
from __future__ import annotations

import pytest

from extractors import vocab
from extractors.base import DocText
from extractors.references import find_citations


def cited(text: str) -> dict[str, tuple[str | None, str | None]]:
    return {c.number: (c.date, c.issuer) for c in find_citations(DocText(text))}


@pytest.mark.parametrize(("text", "number", "date", "issuer"), [
    # the issuer is the subject of the sentence that cites, or stands before 'tại'
    ("Ngày 12/5/2025, Sở Tài chính có Công văn số 815/STC-NS đề nghị các đơn vị rà soát.",
     "815/STC-NS", "2025-05-12", "Sở Tài chính"),
    ("Theo đề nghị của Giám đốc Sở Xây dựng tại Tờ trình số 77/TTr-SXD ngày 03/4/2025.",
     "77/TTr-SXD", "2025-04-03", "Giám đốc Sở Xây dựng"),
    # the official who issued it heads the issuer, whatever office he holds (person_heads.txt)
    ("Bãi bỏ Quyết định số 15/2001/QĐ-NHNN ngày 31 tháng 12 năm 2001 của Thống đốc Ngân hàng Nhà nước Việt Nam.",
     "15/2001/QĐ-NHNN", "2001-12-31", "Thống đốc Ngân hàng Nhà nước Việt Nam"),
    ("Quy hoạch đã được Chủ tịch UBND tỉnh phê duyệt tại Quyết định số 41/QĐ-UBND ngày 02/01/2025.",
     "41/QĐ-UBND", "2025-01-02", "Chủ tịch UBND tỉnh"),
    ("Trường Cao đẳng Y tế đã ban hành Quy chế thi đua tại Quyết định số 9/QĐ-CĐYT ngày 01/02/2024.",
     "9/QĐ-CĐYT", "2024-02-01", "Trường Cao đẳng Y tế"),
    ("Lúc 8 giờ ngày 05/9/2024 Bộ Y tế ban hành Công điện số 1200/CĐ-BYT về phòng, chống bão.",
     "1200/CĐ-BYT", "2024-09-05", "Bộ Y tế"),
    # two citations joined by 'và' share the date and issuer printed after the second
    ("Thực hiện Công văn số 51/UBND-VX và Kế hoạch số 52/KH-UBND, ngày 10/3/2025 của UBND huyện Lý Sơn;",
     "51/UBND-VX", "2025-03-10", "UBND huyện Lý Sơn"),
    # a name ends at a capitalised verb, before the next citation, and at its paragraph
    ("Căn cứ Thông tư số 11/2023/TT-BCT ngày 02/6/2023 của Bộ Công Thương Quy định về kiểm tra;",
     "11/2023/TT-BCT", "2023-06-02", "Bộ Công Thương"),
    ("Căn cứ Nghị quyết số 08-NQ/TU ngày 02/6/2023 của Ban Thường vụ Tỉnh ủy và Kế hoạch số 9/KH-UBND;",
     "08-NQ/TU", "2023-06-02", "Ban Thường vụ Tỉnh ủy"),
    # 'và' joins the words of a name ('Thương binh và Xã hội'); before 'các', 'những' it joins what follows
    ("Căn cứ Quyết định số 5/QĐ-BLĐTBXH ngày 02/6/2023 của Bộ Lao động - Thương binh và Xã hội;",
     "5/QĐ-BLĐTBXH", "2023-06-02", "Bộ Lao động - Thương binh và Xã hội"),
    ("Thực hiện theo Quyết định số 7/QĐ-BCT ngày 02/6/2023 của Bộ Công\nThương và những quy định liên quan.",
     "7/QĐ-BCT", "2023-06-02", "Bộ Công Thương"),
    ("V/v góp ý dự thảo\nPhúc đáp Công văn số 45/SNV-TCBC ngày 02/6/2023 của Sở Nội vụ\n\nKính gửi: Ủy ban nhân dân tỉnh",
     "45/SNV-TCBC", "2023-06-02", "Sở Nội vụ"),
    # a Party body's term in brackets is its name's; a bare term ends the name
    ("Thực hiện Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương (khóa XIII) về tăng cường.",
     "21-NQ/TW", "2022-06-16", "Ban Chấp hành Trung ương (khóa XIII)"),
    ("Căn cứ Luật Đầu tư số 61/2020/QH14 của Quốc hội khóa 14 ban hành năm 2020;",
     "61/2020/QH14", None, "Quốc hội"),
    # a law's number names its issuer by its symbol, whatever stands between 'Luật' and 'số'
    ("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6/2025;",
     "72/2025/QH15", "2025-06-16", "Quốc hội"),
    # an unreadable date does not hide the issuer after it; a speck read as a stop does not end a name
    ("Căn cứ Quyết định số 12/QĐ-UBND ngày 09 tháng §r năm 2017 của Ủy ban nhân dân tỉnh Kiên Giang về việc",
     "12/QĐ-UBND", None, "Ủy ban nhân dân tỉnh Kiên Giang"),
    ("Thực hiện Kế hoạch số 8/KH-BCĐ ngày 01/11/2024 của Ban Chỉ đạo Phòng, chống. tệ nạn xã hội tỉnh về việc",
     "8/KH-BCĐ", "2024-11-01", "Ban Chỉ đạo Phòng, chống. tệ nạn xã hội tỉnh"),
    # 'và' before a capitalised word joins a ministry's name ('và Môi trường' is not 'và mọi')
    ("Thực hiện Văn bản số 7/BNNMT-KH ngày 02/3/2026 của Bộ Nông nghiệp và Môi trường về việc báo cáo.",
     "7/BNNMT-KH", "2026-03-02", "Bộ Nông nghiệp và Môi trường"),
    # an enterprise's trade words are its name's, a verb matches with its tones ('mỏ' is not 'mở')
    ("Căn cứ Báo cáo số 3/BC-XD ngày 01/6/2026 của Công ty CP xây dựng giao thông Hòa Bình;",
     "3/BC-XD", "2026-06-01", "Công ty CP xây dựng giao thông Hòa Bình"),
    ("Xét đề nghị của Công ty Hóa chất mỏ Đông Bắc tại Văn bản số 4/HCM-AT ngày 02/6/2026;",
     "4/HCM-AT", "2026-06-02", "Công ty Hóa chất mỏ Đông Bắc"),
    # the next citation, joined by 'và', names its own issuer before 'tại'
    ("theo đề nghị của Sở Tài chính tại Văn bản số 5/STC-NS ngày 03/3/2026 và Sở Nội vụ tại Văn bản số 8/SNV-TC ngày 04/3/2026.",
     "8/SNV-TC", "2026-03-04", "Sở Nội vụ"),
    ("Ủy ban nhân dân tỉnh Hà Giang đã tham gia ý kiến tại Văn bản số 9/UBND-KT ngày 05/3/2026.",
     "9/UBND-KT", "2026-03-05", "Ủy ban nhân dân tỉnh Hà Giang"),
    # a list of one body's documents names it once, after the last; a type word qualified before 'số'
    ("Xét Báo cáo thẩm định số 6/BC-BQL ngày 20/3/2026 và văn bản giải trình số 7/BQL-QH ngày 02/6/2026 của Ban Quản lý Khu kinh tế tỉnh Hà Giang về kết quả.",
     "6/BC-BQL", "2026-03-20", "Ban Quản lý Khu kinh tế tỉnh Hà Giang"),
    ("Xét Báo cáo thẩm định số 6/BC-BQL ngày 20/3/2026 và văn bản giải trình số 7/BQL-QH ngày 02/6/2026 của Ban Quản lý Khu kinh tế tỉnh Hà Giang về kết quả.",
     "7/BQL-QH", "2026-06-02", "Ban Quản lý Khu kinh tế tỉnh Hà Giang"),
    # a company's day.month sequence number
    ("Xét đề nghị của Công ty TNHH Minh Long tại Văn bản số 21.5/GĐN-ML ngày 21/5/2026.",
     "21.5/GĐN-ML", "2026-05-21", "Công ty TNHH Minh Long"),
    # a licence, a certificate, a company's application are typed citations; 'do X cấp' names the body
    # that granted it, and 'cấp' ends its name ('Cục Kỹ thuật …' is a department, 'cực kỳ' is not)
    ("Đơn vị hoạt động theo Giấy phép dịch vụ nổ mìn số 77/GP-ATMT ngày 02/3/2023 do Cục Kỹ thuật an toàn và "
     "Môi trường công nghiệp cấp cho Công ty.", "77/GP-ATMT", "2023-03-02", "Cục Kỹ thuật an toàn và Môi trường công nghiệp"),
    ("Kho được cấp Giấy chứng nhận đủ điều kiện số 15/ĐK-HG ngày 04/5/2022 của Sở Công Thương tỉnh Hà Giang.",
     "15/ĐK-HG", "2022-05-04", "Sở Công Thương tỉnh Hà Giang"),
    # an enterprise's legal form printed in title case is its head's: the trade after it is no verb
    ("Xét đề nghị của Công ty Cổ phần khai thác đá Hòa Bình tại Giấy đề nghị cấp phép số 05/GĐN-HB ngày 11/4/2026;",
     "05/GĐN-HB", "2026-04-11", "Công ty Cổ phần khai thác đá Hòa Bình"),
    ("Công ty cổ phần đầu tư xây dựng thương mại Hòa Bình tại Văn bản số 07/CV-HB ngày 11/4/2026 đề nghị gia hạn.",
     "07/CV-HB", "2026-04-11", "Công ty cổ phần đầu tư xây dựng thương mại Hòa Bình"),
    # the short name a sentence gives a body, in brackets after it, ends no clause
    ("Sở nhận được đề nghị của Công ty TNHH Hà Phong (sau đây gọi tắt là Công ty) tại Văn bản số 11/CV-HPG ngày 02/6/2026.",
     "11/CV-HPG", "2026-06-02", "Công ty TNHH Hà Phong"),
    ("Xét đề nghị của Trung tâm Kiểm định Hà Giang (Trung tâm) tại Tờ trình số 14/TTr-TTKĐ ngày 02/6/2026.",
     "14/TTr-TTKĐ", "2026-06-02", "Trung tâm Kiểm định Hà Giang"),
    # a ký hiệu whose last part is a unit's figure
    ("Bộ Chỉ huy Quân sự tỉnh tại Văn bản số 41/BCH-05 ngày 11/4/2026 đề nghị phối hợp.",
     "41/BCH-05", "2026-04-11", "Bộ Chỉ huy Quân sự tỉnh"),
])
def test_a_citation_names_its_date_and_issuer(text: str, number: str, date: str | None, issuer: str) -> None:
    assert cited(text)[number] == (date, issuer)


@pytest.mark.parametrize("text", [
    "Theo quy định tại Quyết định số 41/QĐ-UBND, các đơn vị rà soát.",  # no body before 'tại'
    "Căn cứ Quyết định số 41/QĐ-UBND ngày 02/01/2025, Văn phòng UBND tỉnh chuyển văn bản đến Sở.",  # the next clause's
    "Ngày 12/5/2025, các hội có Công văn số 815/HLV đề nghị gia hạn.",  # 'các hội' names no one body
    # the issuer of the citation before is not this one's
    "Thực hiện Kế hoạch số 02-KH/BCĐTW của Ban Chỉ đạo Trung ương tại Công văn số 45-CV/ĐU ngày 08/8/2025,",
    # brackets that are no short name still end the clause
    "Các đơn vị thực hiện theo quy định (khoản 2 Điều 5) tại Quyết định số 41/QĐ-UBND.",
    # 'do' that gives a reason names no body
    "Chậm triển khai Kế hoạch số 12/KH-UBND ngày 02/6/2026 do thời tiết xấu.",
])
def test_no_issuer_is_guessed(text: str) -> None:
    dates_issuers = cited(text)
    last = list(dates_issuers)[-1]
    assert dates_issuers[last][1] is None


def test_every_citation_shape_reads_its_example_and_not_its_counter_example() -> None:
    for sid, _dated, _pattern, example, counter in vocab.rows("citation_shapes.tsv"):
        assert any(c.issuer for c in find_citations(DocText(example))), sid
        assert not any(c.issuer for c in find_citations(DocText(counter))), sid


def test_the_documents_own_number_line_is_no_citation_even_with_its_handwritten_figure_misread() -> None:
    text = ("UBND TỈNH BÌNH AN\nSỞ Y TẾ\nSố:2})7 /KH-SYT\nKẾ HOẠCH\nKiểm tra bệnh viện\n"
            "Căn cứ Kế hoạch số 35/KH-SYT ngày 02/01/2025 của Sở Y tế;\n")
    assert list(cited(text)) == ["35/KH-SYT"]


def test_each_standard_code_reads_its_example_and_not_its_counter_example() -> None:
    for code, doc_type, example, counter in vocab.rows("standard_codes.tsv"):
        found = [c for c in find_citations(DocText(example)) if c.doc_type == doc_type]
        assert found and found[0].number.startswith(f"{code} "), code
        assert not any(c.doc_type == doc_type for c in find_citations(DocText(counter))), code


@pytest.mark.parametrize(("text", "numbers"), [
    # a regulation's number with a letter; its year and ministry are no number of their own
    ("Kho phải đáp ứng QCVN 07A:2016/BXD - Quy chuẩn kỹ thuật quốc gia về hạ tầng kỹ thuật.", ["QCVN 07A:2016/BXD"]),
    # a figure after a space is the next number, not a part of this one
    ("Thu hồi các Quyết định số 12/QĐ-UBND - 13/QĐ-UBND ngày 02/01/2025.", ["12/QĐ-UBND", "13/QĐ-UBND"]),
])
def test_the_numbers_a_sentence_cites(text: str, numbers: list[str]) -> None:
    assert list(cited(text)) == numbers


def test_an_adverb_that_folds_as_a_department_opens_no_body() -> None:
    from extractors.orgs import starts_with_head
    assert starts_with_head("Cục Kỹ thuật an toàn và Môi trường công nghiệp")
    assert not starts_with_head("Cực kỳ quan trọng đối với doanh nghiệp")


def test_a_regulation_cited_by_code_has_its_ministry_and_no_day() -> None:
    [c] = find_citations(DocText("Các đơn vị thực hiện theo QCVN 01:2019/BCT về an toàn trong sản xuất.\n"))
    assert (c.number, c.doc_type, c.date, c.issuer) == ("QCVN 01:2019/BCT", "Quy chuẩn kỹ thuật quốc gia", None,
                                                        "Bộ Công Thương")


@pytest.mark.parametrize(("text", "numbers"), [
    # a line end cut the number; elsewhere it is printed in full
    ("Căn cứ Nghị định số 105/2025/NĐ-CP ngày 15/5/2025 của Chính phủ;\nĐiều 44 Nghị định số 105/2025/NĐ-\n"
     "quy định về phòng cháy.\n", ["105/2025/NĐ-CP"]),
    # a letter lost to OCR, the full number cited after it
    ("theo Nghị định số 24/2026/NĐ-C để xác định; Nghị định số 24/2026/NĐ-CP ngày 17/01/2026 của Chính phủ.\n",
     ["24/2026/NĐ-CP"]),
    # another office's number is another document
    ("Công văn số 12/UBND ngày 02/01/2025 và Công văn số 12/UBND-KT ngày 03/01/2025 của Ủy ban nhân dân tỉnh.\n",
     ["12/UBND", "12/UBND-KT"]),
])
def test_a_number_cut_short_is_the_document_cited_in_full(text: str, numbers: list[str]) -> None:
    from extractors.references import _merge
    assert [c.number for c in _merge(find_citations(DocText(text)))] == numbers


@pytest.mark.parametrize(("text", "number"), [
    # a body after a comma that opens the next clause ('…, UBND tỉnh đã …') is not the cited document's
    ("Trên cơ sở Văn bản số 45/SXD-QLGT ngày 06/01/2026, UBND tỉnh Hà Giang đã có ý kiến.", "45/SXD-QLGT"),
    # documents of two bodies listed together do not share the issuer printed after the last
    ("Công văn số 12/SNV-TCCC ngày 1/2/2025 và Công văn số 15/STC-NS ngày 3/2/2025 của Sở Tài chính.", "12/SNV-TCCC"),
    # an enterprise's verb after its proper name ends the name
    ("Căn cứ Công văn số 5/CV-SĐ ngày 1/2/2020 của Công ty cổ phần Sông Đà đề nghị cấp phép.", None),
])
def test_an_issuer_is_left_empty_where_the_sentence_does_not_name_it(text: str, number: str | None) -> None:
    got = cited(text)
    if number is None:
        assert [i for _, i in got.values()] == ["Công ty cổ phần Sông Đà"]
    else:
        assert got[number][1] is None
