"""Where the dispatch ends and an attached document begins, when no second foot says so: a later page
that opens under another issuer's header (its Quốc hiệu in its first lines), or a form after the
dispatch's complete foot (its Nơi nhận and signature block). The attachment's Kính gửi, Nơi nhận and
signer are its own; a dispatch whose body and foot simply run over pages is not split."""
from __future__ import annotations

from extractors.base import DocText
from extractors.structure import from_text
from extractors.structure.tree import Dispatch
from pipeline.extract import build_record, doc_text, structure
from pipeline.types import Page, ReadResult, Word
from tests.test_scan_layout import W, _row

HEAD = """SỞ NÔNG NGHIỆP TỈNH BÌNH AN
Số: 77/SNN-KH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bình An, ngày 04 tháng 5 năm 2026
V/v cử cán bộ dự tập huấn
"""
BODY = """Thực hiện Công văn số 15/TTKN của Trung tâm Khuyến nông, Sở đề nghị các đơn vị cử cán bộ
tham dự lớp tập huấn và gửi danh sách về Sở trước ngày 20/5/2026.
"""
FOOT = """Nơi nhận:
- Các đơn vị trực thuộc;
- Lưu: VT, KH.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Trần Minh Khôi
"""
OTHER = """TRUNG TÂM KHUYẾN NÔNG QUỐC GIA
Số: 15/TTKN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
THÔNG BÁO
Mở lớp tập huấn kỹ thuật trồng lúa
Kính gửi: Các sở nông nghiệp
Trung tâm tổ chức lớp tập huấn từ ngày 25/5/2026.
Nơi nhận:
- Như trên;
GIÁM ĐỐC
Phạm Thu Hà
"""
FORM = """PHIẾU ĐĂNG KÝ
Kính gửi: Sở Nông nghiệp tỉnh Bình An
Họ và tên: ..............................
Đơn vị công tác: ……………………
"""


def _paged(*pages: str) -> DocText:
    starts, at = [], 0
    for p in pages:
        starts.append(at)
        at += len(p) + 1
    return DocText("\n".join(pages), starts)


def _signature(tree: Dispatch) -> list[str]:
    return [ln.text for ln in tree.signature.lines] if tree.signature else []


def test_a_later_page_under_another_issuer_s_header_is_an_attachment_even_when_ocr_lost_the_first_noi_nhan() -> None:
    first = HEAD + BODY + FOOT.replace("Nơi nhận:\n", "")  # the seal hid page 1's Nơi nhận
    doc = _paged(first, OTHER)
    tree = from_text.build(doc)
    assert tree.foot_end == doc.page_starts[1] and tree.attachments
    assert tree.attachments[0].lines[0].text == "TRUNG TÂM KHUYẾN NÔNG QUỐC GIA" and len(tree.attachments) == 1
    assert tree.copies is None and tree.salutation is None  # the attachment's Nơi nhận and Kính gửi are its own
    assert "Phạm Thu Hà" not in _signature(tree) and tree.body.end <= tree.foot_end


def test_a_form_on_the_page_after_the_foot_is_an_attachment_and_its_kinh_gui_is_not_the_dispatch_s() -> None:
    doc = _paged(HEAD + BODY + FOOT, FORM)
    tree = from_text.build(doc)
    assert tree.foot_end == doc.page_starts[1] and tree.salutation is None
    assert _signature(tree) == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Minh Khôi"]
    assert "Thực hiện Công văn" in tree.body.text(doc)


def test_a_form_after_the_foot_on_the_same_page_is_an_attachment_from_its_first_field() -> None:
    text = HEAD + BODY + FOOT + "Họ và tên: ..............................\nChức vụ: ……………\n"
    tree = from_text.build(DocText(text))
    assert text[tree.foot_end:].startswith("Họ và tên")
    assert _signature(tree)[-1] == "Trần Minh Khôi"


def test_a_dispatch_whose_noi_nhan_is_on_page_2_after_a_long_body_is_not_split() -> None:
    long_body = BODY * 30
    doc = _paged(HEAD + long_body, BODY * 5 + FOOT)
    tree = from_text.build(doc)
    assert tree.foot_end == len(doc.text) and not tree.attachments
    assert tree.signature is not None and tree.signature.page == 2 and tree.copies is not None


def test_blank_leaders_in_the_body_above_the_foot_open_no_attachment() -> None:
    text = HEAD + "Các đơn vị điền số lượng ............ vào biểu mẫu.\n" + BODY + FOOT
    tree = from_text.build(DocText(text))
    assert tree.foot_end == len(text) and not tree.attachments and tree.copies is not None


def test_a_page_2_header_below_no_header_of_the_dispatch_s_own_opens_no_attachment() -> None:
    """A first page without a Quốc hiệu (a cover sheet, a page OCR lost) does not make the dispatch an attachment."""
    doc = _paged(BODY, HEAD + BODY + FOOT)
    assert not from_text.build(doc).attachments


def _words_page(lines: list[tuple[float, float, str]]) -> list[Word]:
    return [w for y, x, t in lines for w in _row(y, (x, t))]


def test_both_builders_take_page_1_s_foot_when_page_2_is_another_issuer_s_document() -> None:
    one = _words_page([(100, 0.08, "SỞ NÔNG NGHIỆP TỈNH BÌNH AN"), (100, 0.50, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                       (160, 0.52, "Độc lập - Tự do - Hạnh phúc"), (220, 0.10, "Số: 77/SNN-KH"),
                       (220, 0.50, "Bình An, ngày 04 tháng 5 năm 2026"), (280, 0.08, "V/v cử cán bộ dự tập huấn"),
                       (480, 0.10, "Thực hiện Công văn số 15/TTKN của Trung tâm Khuyến nông, Sở đề nghị"),
                       (540, 0.08, "các đơn vị cử cán bộ tham dự lớp tập huấn trước ngày 20/5/2026."),
                       (700, 0.62, "KT. GIÁM ĐỐC"), (760, 0.08, "- Các đơn vị trực thuộc;"),
                       (760, 0.62, "PHÓ GIÁM ĐỐC"), (820, 0.08, "- Lưu: VT, KH."), (980, 0.60, "Trần Minh Khôi")])
    two = _words_page([(100, 0.08, "TRUNG TÂM KHUYẾN NÔNG"), (100, 0.50, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                       (160, 0.52, "Độc lập - Tự do - Hạnh phúc"), (300, 0.40, "THÔNG BÁO"),
                       (400, 0.30, "Kính gửi: Các sở nông nghiệp"),
                       (480, 0.10, "Trung tâm tổ chức lớp tập huấn từ ngày 25/5/2026."),
                       (700, 0.08, "Nơi nhận:"), (700, 0.62, "GIÁM ĐỐC"), (760, 0.08, "- Như trên;"),
                       (980, 0.60, "Phạm Thu Hà")])
    from extractors.structure.words import words_to_text
    read = ReadResult("x.pdf", "0" * 64, "application/pdf",
                      [Page(1, words_to_text(one, W), "ocr", W, one), Page(2, words_to_text(two, W), "ocr", W, two)])
    text_tree, word_tree = from_text.build(doc_text(read)), structure(read)
    assert text_tree.columns() == word_tree.columns()
    assert word_tree.doc.page_of(word_tree.foot_end) == 2 and word_tree.salutation is None
    assert "Phạm Thu Hà" not in _signature(word_tree) and "Phạm Thu Hà" not in _signature(text_tree)


def test_a_copies_list_whose_noi_nhan_was_lost_is_read_on_the_dispatch_s_page_not_the_attachment_s() -> None:
    """Without a Nơi nhận the list is the dashed lines above '- Lưu: VT', an item that runs over two
    lines included; the attached document's own list (after the dispatch's end) is not read."""
    from extractors.addressees import extract_addressees
    own = (HEAD + BODY + "Sở đề nghị các đơn vị thực hiện.\n- Các đơn vị trực thuộc;\n- Trung tâm Khuyến nông,\n"
           "Trạm Bảo vệ thực vật (để biết);\n- Lưu: VT, KH.\nTrần Minh Khôi\n")
    other = OTHER.replace("- Như trên;\n", "- Như trên;\n- Lưu: VT.\n")
    tree = from_text.build(_paged(own, other))
    cc = [c.value for c in extract_addressees(tree) if c.field == "cc"]
    assert cc == ["Các đơn vị trực thuộc", "Trung tâm Khuyến nông, Trạm Bảo vệ thực vật (để biết)", "Lưu: VT, KH"]


def test_dots_or_a_field_between_the_title_and_the_name_are_the_signature_s_own() -> None:
    """Leader dots are how OCR often reads a scribbled signature; they open no attached form."""
    from extractors.base import DocText
    from extractors.structure import from_text

    head = ("ỦY BAN NHÂN DÂN\nHUYỆN AN PHÚ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 12/UBND-VP\nAn Phú, ngày 3 tháng 4 năm 2027\nV/v kiểm tra an toàn thực phẩm\n"
            "Kính gửi: Các phòng, ban thuộc huyện.\nỦy ban nhân dân huyện đề nghị các phòng, ban kiểm tra.\n"
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n")
    for mark in ("..........", "Họ và tên: Nguyễn Văn An"):
        tree = from_text.build(DocText(head + mark + "\nNguyễn Văn An\n"))
        assert tree.attachments == () and tree.signature is not None
        assert tree.signature.lines[-1].text == "Nguyễn Văn An"


def test_the_documents_an_attached_copy_cites_are_its_own_references_not_the_dispatch_s() -> None:
    other = OTHER.replace("Trung tâm tổ chức lớp tập huấn", "Căn cứ Thông tư số 12/2024/TT-BNN, Trung tâm tổ chức lớp tập huấn")
    doc = _paged(HEAD + BODY + FOOT, other)
    record = build_record(doc, tree=from_text.build(doc))
    assert [r["number"] for r in record["references"]] == ["15/TTKN"]  # the body's; not the attachment's 12/2024/TT-BNN


def test_the_lists_luu_line_read_with_specks_stays_in_the_copies_not_the_signature() -> None:
    foot = FOOT.replace("- Lưu: VT, KH.", "_~ Lưu: HC-TH, TC-CT.").replace("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n", "")
    tree = from_text.build(_paged(HEAD + BODY + foot))  # the seal hid the titles: the name alone is left
    assert tree.copies and tree.copies.lines[-1].text == "_~ Lưu: HC-TH, TC-CT."
    assert "_~ Lưu: HC-TH, TC-CT." not in _signature(tree)


DECISION = """ỦY BAN NHÂN DÂN TỈNH BÌNH AN
Số: 12/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bình An, ngày 04 tháng 5 năm 2026
QUYẾT ĐỊNH
Ban hành mẫu văn bản về quản lý cụm công nghiệp
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này các mẫu văn bản tại Phụ lục.
Điều 2. Giám đốc Sở Công Thương chịu trách nhiệm thi hành Quyết định này.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
CHỦ TỊCH
Trần Minh Khôi
PHỤ LỤC
MẪU VĂN BẢN
QUYẾT ĐỊNH
Về việc thành lập cụm công nghiệp …
ỦY BAN NHÂN DÂN TỈNH …
Căn cứ …;
QUYẾT ĐỊNH:
Điều 1. Thành lập cụm công nghiệp … với diện tích … ha.
Điều 2. Quyết định này có hiệu lực từ ngày … tháng … năm ….
Điều 3. Giám đốc Sở Công Thương, Chủ tịch Ủy ban nhân dân huyện … chịu trách nhiệm thi hành Quyết định này./.
"""


def test_an_attached_blank_form_of_a_decision_is_one_attachment_and_assigns_nothing() -> None:
    """Its enacting words ('QUYẾT ĐỊNH:') go on with the decision headed above them, and a form with its day and
    month left to fill in is no decision of the issuer's: only the dispatch's own execution clause is a task."""
    doc = _paged(DECISION)
    tree = from_text.build(doc)
    heads = [doc.text[z.start:z.end].splitlines()[0] for z in tree.attachments]
    assert heads == ["PHỤ LỤC", "QUYẾT ĐỊNH"]
    tasks = build_record(doc, tree=tree)["tasks"]
    assert [(t["ordinal"], [a["name"] for a in t["assignees"]]) for t in tasks] == [
        ("Điều 2", ["Giám đốc Sở Công Thương"])]
