"""Stamps printed onto a copy (an e-signature's box, the Government portal's, an incoming stamp)
are zones of their own: their figures and words never become the dispatch's number, date,
issuer, subject, recipients or body, and the e-signature's day is still read from them."""
from __future__ import annotations

from extractors.base import DocText
from extractors.structure import from_text, stamps
from pipeline.extract import build_record
from pipeline.queries.lookup import signature_shown
from pipeline.storage.rows import signature_row

PORTAL = """THỦ TƯỚNG CHÍNH PHỦ
Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ
Email: thongtinchinhphu@chinhphu.vn
Cơ quan: VĂN PHÒNG CHÍNH PHỦ
Thời gian ký: 07.01.2025 16:02:32 +07:00
Số: 01/2025/QĐ-TTg
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 03 tháng 01 năm 2025
QUYẾT ĐỊNH
Bãi bỏ Quyết định số 78/2010/QĐ-TTg về mức giá trị hàng hóa nhập khẩu
CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ
ĐẾN Số: 2541
Giờ: 08h30
Ngày: 09.01.2025
THỦ TƯỚNG CHÍNH PHỦ QUYẾT ĐỊNH:
Điều 1. Bãi bỏ toàn bộ Quyết định số 78/2010/QĐ-TTg.
Điều 2. Bộ trưởng Bộ Tài chính chịu trách nhiệm thi hành Quyết định này.
Nơi nhận:
- Các bộ, cơ quan ngang bộ;
- Lưu: VT, KTTH.
KT. THỦ TƯỚNG
PHÓ THỦ TƯỚNG
Hồ Đức Phớc
"""


def test_a_portal_and_an_incoming_stamp_are_zones_no_field_is_read_from() -> None:
    tree = from_text.build(DocText(PORTAL))
    stamped = [ln.text for z in tree.stamps for ln in z.lines]
    assert stamped == ["Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ", "Email: thongtinchinhphu@chinhphu.vn",
                       "Cơ quan: VĂN PHÒNG CHÍNH PHỦ", "Thời gian ký: 07.01.2025 16:02:32 +07:00",
                       "CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ", "ĐẾN Số: 2541", "Giờ: 08h30", "Ngày: 09.01.2025"]
    assert len(tree.text) == len(PORTAL) and "2541" not in tree.text  # blanked, offsets kept
    record = build_record(tree.doc, tree=tree)
    assert (record["number"], record["issue_date"]) == ("01/2025/QĐ-TTg", "2025-01-03")
    assert record["issuer"]["name"] == "Thủ tướng Chính phủ"
    assert "CỔNG" not in str(record["subject"]).upper() and "2541" not in str(record)
    # the e-signature's day is read from its stamp zone, and the issue date is checked against it
    assert record["provenance"]["issue_date"].get("check") is None


def test_stamp_words_in_prose_or_next_to_the_number_are_the_dispatchs() -> None:
    """Alone, 'Đến', 'Ngày:' or 'Số:' are prose and the form's own lines; a line with a ký hiệu is never a stamp's."""
    text = PORTAL.replace("ĐẾN Số: 2541\nGiờ: 08h30\nNgày: 09.01.2025\n", "").replace(
        "Điều 2.", "Đến năm 2025, Cổng thông tin điện tử Chính phủ đăng tải.\nĐiều 2.")
    tree = from_text.build(DocText(text.replace("Người ký:", "Giờ: 08h30 Người ký:")))
    assert "Số: 01/2025/QĐ-TTg" in tree.text and "Đến năm 2025" in tree.text


def test_the_portal_s_printed_stamp_is_listed_with_the_signatures_as_not_verified() -> None:
    """What the stamp says goes to source.signatures, as a printed stamp nobody checked; the
    incoming stamp beside it is the receiving office's, no signature."""
    tree = from_text.build(DocText(PORTAL))
    [stamp] = stamps.printed_signatures(tree.stamps)
    assert stamp["kind"] == "printed stamp" and str(stamp["trust"]).startswith("not verified")
    assert stamp["signer"] == {"cn": "CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ", "email": "thongtinchinhphu@chinhphu.vn",
                               "o": "VĂN PHÒNG CHÍNH PHỦ"}
    assert stamp["signing_time"] == "07.01.2025 16:02:32 +07:00"
    row = signature_row(1, stamp)
    shown = signature_shown("qd.pdf", row)
    assert shown["kind"] == "printed stamp" and "intact" not in shown and shown["trust"] == stamp["trust"]
