"""What scans do to the header and the signature block, and how the pipeline copes (no Tesseract)."""
from __future__ import annotations

from typing import Any

import pytest

from extractors.header import _so_number
from pipeline.extract import extract_record
from pipeline.reading.layout import words_to_text
from pipeline.reading.preprocess import drop_seals
from pipeline.types import Page, ReadResult, Word
from tests.cli import congvan
from tests.conftest import RAW

W = 2480.0  # A4 at 300 dpi


def _row(y: float, *segments: tuple[float, str]) -> list[Word]:
    """Words of one printed line; each segment starts at a fraction of the page width."""
    out = []
    for x, text in segments:
        pos = x * W
        for token in text.split():
            out.append(Word(token, pos, y, pos + 25 * len(token), y + 40))
            pos += 25 * len(token) + 15
    return out


def _ubnd_header(y: float, so_line: str, date_line: str) -> list[Word]:
    """The two-column header of a provincial People's Committee's dispatch, from `y` down."""
    return (_row(y, (0.17, "ỦY BAN NHÂN DÂN"), (0.42, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
            + _row(y + 60, (0.17, "TỈNH QUẢNG NGÃI"), (0.54, "Độc lập - Tự do - Hạnh phúc"))
            + _row(y + 120, (0.17, so_line), (0.52, date_line)))


def _record(text: str) -> dict[str, Any]:
    return extract_record(ReadResult("x.txt", "0" * 64, "text/plain", [Page(1, text, "ocr")]))


def test_header_columns_come_apart_even_when_close_and_the_body_keeps_its_order() -> None:
    words = (
        _row(100, (0.60, "Ký bởi: Trung tâm Công báo"))  # e-signature stamp above the right column
        + _ubnd_header(200, "Số: 07 /CT-UBND", "Quảng Ngãi, ngày 20 tháng 3 năm 2018")
        + _row(400, (0.47, "CHỈ THỊ"))
        + _row(460, (0.29, "Về việc tăng cường công tác thi hành án hành chính"))
        + _row(520, (0.16, "Trong thời gian qua, công tác triển khai thi hành Luật tố tụng hành chính đạt kết quả"))
    )
    lines = words_to_text(words, W).splitlines()
    assert lines[:3] == ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "Số: 07 /CT-UBND"]
    assert lines.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") < lines.index("CHỈ THỊ")
    assert lines[-2:] == ["Về việc tăng cường công tác thi hành án hành chính",
                          "Trong thời gian qua, công tác triển khai thi hành Luật tố tụng hành chính đạt kết quả"]


def test_trich_yeu_ends_with_its_paragraph_when_ocr_drops_the_first_words_of_the_body() -> None:
    words = (
        _ubnd_header(200, "Số: 07 /CT-UBND", "Quảng Ngãi, ngày 20 tháng 3 năm 2018")
        + _row(400, (0.47, "CHỈ THỊ"))
        + _row(460, (0.25, "Về việc tăng cường công tác thi hành án hành chính"))
        + _row(520, (0.35, "trên địa bàn tỉnh Quảng Ngãi"))
        # 'Trong' lost to OCR; the paragraph's spacing is what ends the trích yếu
        + _row(640, (0.21, "thời gian qua, công tác triển khai thi hành Luật tố tụng hành chính đã"))
        + _row(700, (0.16, "đạt những kết quả tích cực. Tuy nhiên, vẫn còn một số trường hợp bản án"))
        + _row(760, (0.16, "chưa được các cơ quan, tổ chức, cá nhân thi hành đầy đủ, kịp thời."))
    )
    record = _record(words_to_text(words, W))
    assert record["subject"] == "tăng cường công tác thi hành án hành chính trên địa bàn tỉnh Quảng Ngãi"


def test_vv_ends_where_the_left_block_does_not_in_an_e_signature_box_above_the_right_column() -> None:
    words = (
        _row(40, (0.55, "TRUNG TÂM CÔNG Ký Cơ bởi quan: Ủy ban nhân dân tỉnh Quảng Ngãi"))
        + _row(90, (0.55, "BÁO VÀ TIN HỌC Thời gian ký: 13/01/2025 17:10:17"))
        + _ubnd_header(260, "Số: 299 /UBND-TTHC", "Quảng Ngãi, ngày 15 tháng 01 năm 2025")
        + _row(440, (0.14, "V/v công bố Danh mục TTHC"))
        + _row(500, (0.14, "và xây dựng quy trình nội bộ"))
        + _row(560, (0.17, "giải quyết TTHC"))
        + _row(700, (0.40, "Kính gửi: Sở Giao thông vận tải"))
    )
    record = _record(words_to_text(words, W))
    assert record["subject"] == "công bố Danh mục TTHC và xây dựng quy trình nội bộ giải quyết TTHC"
    assert record["issuer"]["name"] == "Ủy ban nhân dân tỉnh Quảng Ngãi"


@pytest.mark.parametrize(("vv_line", "subject"), [
    ("— viv thông báo hoạt động của tà đạo", "thông báo hoạt động của tà đạo Hội thánh Đức Chúa trời"),  # '/' read as 'i'
    ("V/v thông báo hoạt động của tà đạo", "thông báo hoạt động của tà đạo Hội thánh Đức Chúa trời"),
    ("V/w thông báo hoạt động của tà đạo", "thông báo hoạt động của tà đạo Hội thánh Đức Chúa trời"),  # 'v' read as 'w'
])
def test_vv_read_through_seal_debris(vv_line: str, subject: str) -> None:
    text = ("CÔNG AN TP ĐÀ NẴNG\nPHÒNG AN NINH CHÍNH TRỊ NỘI BỘ\nSố: 115 /CV-PA83\n"
            f"{vv_line}\nI`sïš.. Hội thánh Đức Chúa trời\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Đà Nẵng, ngày 26 tháng 4 năm 2018\nKính gửi: Sở Giáo dục và Đào tạo")
    assert _record(text)["subject"] == subject


def test_signature_authority_above_noi_nhan_joins_the_right_column_of_the_foot() -> None:
    words = (
        _row(100, (0.16, "Đề nghị các cơ quan, đơn vị triển khai thực hiện nghiêm túc nội dung trên./."))
        + _row(180, (0.62, "KT. CHỦ TỊCH"))
        + _row(240, (0.15, "Nơi nhận:"), (0.60, "PHÓ CHỦ TỊCH"))
        + _row(300, (0.15, "- Như trên;"))
        + _row(360, (0.15, "- Lưu: VT."), (0.64, "Trần Hoàng Tuấn"))
    )
    lines = words_to_text(words, W).splitlines()
    assert lines[0].startswith("Đề nghị")
    assert lines[-3:] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Hoàng Tuấn"]


def test_foot_whose_noi_nhan_was_not_read_still_gives_title_copies_and_name() -> None:
    words = (
        _row(100, (0.16, "đặt trụ sở chính hoặc chi nhánh trên địa bàn tỉnh có trách nhiệm thực hiện./."))
        + _row(180, (0.05, "¬"), (0.55, "TL. CHỦ TỊCH"))
        + _row(240, (0.10, "- Như trên;"), (0.52, "CHANH , VAN v PHONG `"))  # specks of the seal
        + _row(300, (0.10, "- PCT UBND tỉnh;"))
        + _row(360, (0.10, "- VPUB: CVP, PCVP;"))
        + _row(420, (0.10, "- Lưu: VT, TTHC."))
        + _row(560, (0.55, "Nguyễn Quốc Việt"))
    )
    record = _record(words_to_text(words, W))
    assert record["signer"] == {"name": "Nguyễn Quốc Việt", "title": "Chánh Văn phòng", "authority": "TL."}
    assert record["cc"] == ["Như trên", "PCT UBND tỉnh", "VPUB: CVP, PCVP", "Lưu: VT, TTHC"]


def test_a_short_notice_whose_seal_hid_the_signature_takes_no_title_from_its_header() -> None:
    text = ("ĐẠI HỌC QUỐC GIA TP.HCM\nTRƯỜNG ĐẠI HỌC\nCÔNG NGHỆ THÔNG TIN\nSố: 01/TB-BGH\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Tp. Hồ Chí Minh, ngày 22 tháng 01 năm 2013\nTHÔNG BÁO\n(V/v Tăng cường giám sát trong phòng thi)\n"
            "1. Phòng Đào tạo thực hiện các biện pháp cần thiết.\nNơi nhận:\n- Các Khoa;\n- Lưu: VT.\n4.HIỆU TRƯỜN NG:")
    assert (_record(text)["signer"] or {}).get("title") is None


@pytest.mark.parametrize(("raw", "number", "symbol"), [
    ("2 39 _/TTr-UBND", "239/TTr-UBND", "TTr-UBND"),  # a number written in two strokes
    ("# /CT-UBND", None, "CT-UBND"),                  # a handwritten number read as debris: not guessed
    ("- 01/TB-BGH", "01/TB-BGH", "TB-BGH"),          # a stray dash before the number
    ("4/35 /SGDĐT-CTrTT", None, "SGDĐT-CTrTT"),
    ("JÁ3/KH-DCT", None, "KH-DCT"),
    ("09/2023/QĐ-TTg", "09/2023/QĐ-TTg", "QĐ-TTg"),
    ("03 -CV/BCD", "03-CV/BCĐ", "CV/BCĐ"),
])
def test_number_on_the_so_line(raw: str, number: str | None, symbol: str) -> None:
    assert _so_number(raw)[:2] == (number, symbol)


@pytest.mark.parametrize(("line", "place", "date"), [
    ("Quảng Ngãi, ngày/{5 tháng 01 năm 2025", "Quảng Ngãi", None),  # handwritten day: place only
    ("Lý Sơn, ngày      tháng 10 năm 2025", "Lý Sơn", "2025-10"),   # blank day
    ("Hà Nội ngày 08 tháng 4 năm 2026", "Hà Nội", "2026-04-08"),     # no comma
    ("Tp. á Hồ Chí Minh, lu ngày 22 tháng 01 năm 2013", "Tp. Hồ Chí Minh", "2013-01-22"),  # seal marks
    ("Tp. ö Hồ Chí Minh, ngày 22 tháng 01 năm 2013", "Tp. Hồ Chí Minh", "2013-01-22"),  # a speck
])
def test_place_and_date_line(line: str, place: str, date: str | None) -> None:
    rec = _record(f"ỦY BAN NHÂN DÂN\nSố: 12/UBND-VX\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{line}\nKính gửi: Sở Tài chính\n")
    assert (rec["place"], rec["issue_date"]) == (place, date)


def test_signature_under_a_seal_mends_the_name_and_infers_the_deputy_title() -> None:
    body = "ỦY BAN NHÂN DÂN\nSố: 07/CT-UBND\nKính gửi: Sở Tư pháp\nNội dung chỉ đạo.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
    rec = _record(body + "KT. CHỦ TỊCH\nxé: :\nhạm Trường Thọ\n")
    assert rec["signer"]["name"] == "Phạm Trường Thọ"
    assert (rec["signer"]["authority"], rec["signer"]["title"]) == ("KT.", "Phó Chủ tịch")
    assert rec["provenance"]["signer.title"]["rule"] == "signature.deputy-of-prefix"
    assert _record(body + "Trân À Ngọc Căng\n")["signer"]["name"] == "Trần Ngọc Căng"


def test_enacting_authority_of_a_decision_is_not_a_signature() -> None:
    rec = _record("SỞ TƯ PHÁP\nSố: 110/QĐ-STP\nQUYẾT ĐỊNH\nBan hành Quy chế\nGIÁM ĐỐC SỞ TƯ PHÁP TỈNH TUYÊN QUANG\n"
                  "Căn cứ Luật tiếp cận thông tin ngày 06 tháng 4 năm 2016;\n")
    assert not (rec.get("signer") or {}).get("title")


def test_seal_dropout_clears_the_red_seal_but_keeps_black_ink_and_red_header_text() -> None:
    import numpy as np
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (1200, 1200), "white")
    d = ImageDraw.Draw(im)
    d.rectangle((100, 100, 1100, 130), fill=(200, 20, 20))        # red 'ĐẢNG CỘNG SẢN VIỆT NAM' line
    d.ellipse((500, 600, 950, 1050), outline=(210, 30, 30), width=30)  # the seal
    d.rectangle((520, 800, 900, 830), fill="black")               # the title under it
    out = np.asarray(drop_seals(im))
    assert out[610:640, 700:760].min() == 255                       # seal ring gone
    assert out[805:825, 600:800].max() < 60                         # black ink kept
    assert out[105:125, 200:1000].max() < 200                       # red header line kept


def test_read_layout_shows_the_header_blocks_side_by_side() -> None:
    """`congvan read --layout`: the issuing body and the Quốc hiệu on one line, as printed."""
    res = congvan("read", str(RAW / "rendered" / "03_cv_ubnd_tinh.pdf"), "--layout")
    assert res.returncode == 0, res.stderr
    first = res.stdout.splitlines()[1]
    assert "ỦY BAN NHÂN DÂN" in first and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert first.index("CỘNG") - first.index("DÂN") > 5


def test_copies_end_with_the_luu_item_not_the_registry_marks_under_it() -> None:
    text = ("Cục Thuế trả lời để Thuế tỉnh Ninh Bình được biết./.\nNơi nhận:\n- Như trên;\n- Ban PC;\n"
            "- Lưu: VT, CS (5b)Ả⁄\n49€/(s\nrễ dghebga laaerbig005ẮA, c0088ESĐenrerttt tố bai để 6 con dữ Min A oi\n")
    assert _record(text)["cc"] == ["Như trên", "Ban PC", "Lưu: VT, CS (5b)Ả⁄"]


def test_copies_read_through_a_dash_misread_as_marks_or_as_equals_and_a_lost_nhu() -> None:
    text = ("Đề nghị các đơn vị thực hiện nghiêm túc./.\nNơi nhận:\n= ư trên;\n_- UBND TP. Đà Nẵng:\n"
            "- Vụ GDCTHSSV, Bộ GD&ĐT;\n- Lưu: VT, CTrTT.\n")
    assert _record(text)["cc"] == ["Như trên", "UBND TP. Đà Nẵng", "Vụ GDCTHSSV, Bộ GD&ĐT", "Lưu: VT, CTrTT"]


def test_recipients_read_through_the_marks_a_seal_left_between_and_before_them() -> None:
    text = ("CÔNG AN TP ĐÀ NẴNG\nSố: 115 /CV-PA83\nV/v thông báo hoạt động của tà đạo\n\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐà Nẵng, ngày 26 tháng 4 năm 2018\n"
            "Kính gửi: - Sở Giáo dục và Đào tạo thành phố Đà Nẵng;\nì\n» _- - Sở Lao động Thương binh và Xã hội;\n"
            "ê \"\n|... c - Đại học Đà Nẵng.\nThời gian qua, tại nhiều tỉnh thành trên cả nước, nổi lên hoạt động của hệ phái.")
    assert _record(text)["recipients"] == ["Sở Giáo dục và Đào tạo thành phố Đà Nẵng",
                                           "Sở Lao động Thương binh và Xã hội", "Đại học Đà Nẵng"]


@pytest.mark.parametrize("title_line", ["GIAM ĐỌC", "GIÁM ĐỐC"])
def test_under_kt_a_title_that_is_the_head_itself_lost_its_pho(title_line: str) -> None:
    text = ("Đề nghị các đơn vị thực hiện nghiêm túc./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
            f"KT. GLAM ĐỌC\n{title_line}\nTrần Nguyễn Minh Thành")
    assert _record(text)["signer"] == {"name": "Trần Nguyễn Minh Thành", "title": "Phó Giám đốc", "authority": "KT."}


# A prefix and a title line as OCR reads them under the seal: the prefix by its nearest authority (one letter
# off, a title after it), the title by the nearest known title over its letters; a line near no title stays as read.
@pytest.mark.parametrize(("prefix_line", "title_line", "authority", "title"), [
    ("KÍ.GIÁM ĐÓC", "GIÁM ĐỚC", "KT.", "Phó Giám đốc"),       # 'KT.' misread, the 'PHÓ' lost under the seal
    ("KT. GIÁM ĐỐC", "PHÓ :.GUÁM ĐỜI", "KT.", "Phó Giám đốc"),  # the title line's letters misread
    ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "TM.", "Chủ tịch"),
])
def test_a_prefix_and_title_misread_under_the_seal_are_the_nearest_known_ones(
        prefix_line: str, title_line: str, authority: str, title: str) -> None:
    text = ("Đề nghị các đơn vị thực hiện nghiêm túc./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
            f"{prefix_line}\n{title_line}\nNguyễn Trúc Giang")
    assert _record(text)["signer"] == {"name": "Nguyễn Trúc Giang", "title": title, "authority": authority}


def test_a_two_letter_word_before_a_title_is_no_prefix_when_two_prefixes_are_as_near() -> None:
    text = ("Đề nghị các đơn vị thực hiện nghiêm túc./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
            "_R. GIÁM ĐỐC\nCHÁNH VĂN PHÒNG\nNguyễn Trúc Giang")
    assert _record(text)["signer"]["authority"] is None


_FOOT = "Đề nghị các đơn vị thực hiện nghiêm túc./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"


# No prefix read (lost under the seal, written by hand, misread): a deputy's title under the head's says KT.;
# a head's title alone, or a title under another head's, says nothing, and the authority abstains.
@pytest.mark.parametrize(("block", "authority", "title"), [
    ("_R. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "KT.", "Phó Giám đốc"),       # the prefix misread, two prefixes as near
    ("¬, CHỦ TỊCH\nPHÓ CHỦ TỊCH", "KT.", "Phó Chủ tịch"),         # a speck where the prefix was
    ("_R GIÁM ĐÓC\nPHÓ :.GUÁM ĐỜI", "KT.", "Phó Giám đốc"),       # both lines misread
    ("BỘ TRƯỞNG\nTHỨ TRƯỞNG", "KT.", "Thứ trưởng"),               # the deputy's title of data/deputy_titles.tsv
    ("T, GIÁM ĐÓC\n'GIÁM ĐỐC,", "KT.", "Phó Giám đốc"),          # the head's title twice: 'K' and 'PHÓ' lost
    ("GIÁM ĐỐC\nGIÁM ĐỐC", "KT.", "Phó Giám đốc"),
    ("GIÁM ĐỐC", None, "Giám đốc"),                                # the head signs
    ("CHỦ TỊCH\nPHÓ GIÁM ĐỐC", None, None),                     # not the head's own deputy: nothing inferred
])
def test_the_authority_is_inferred_from_a_deputy_under_the_head_and_abstains_otherwise(
        block: str, authority: str | None, title: str | None) -> None:
    rec = _record(f"{_FOOT}{block}\nNguyễn Trúc Giang")
    assert rec["signer"]["authority"] == authority
    assert title is None or rec["signer"]["title"] == title
    if authority:
        assert rec["provenance"]["signer.authority"]["rule"] == "signature.deputy-under-head"


@pytest.mark.parametrize(("line", "name"), [
    ("Lê HoàngAnh", "Lê Hoàng Anh"),                       # a blank lost
    ('. " Nguyễn Văn Hải: th“', "Nguyễn Văn Hải"),        # specks before it, marks and debris after it
    ("š Hoàng Văn Thuận", "Hoàng Văn Thuận"),              # a speck before it
    ("__ TƯ NUNG ẨM", None),                               # seal letters after marks: no name
    ("PGS.TS. Nguyễn Trung Kiên", "Nguyễn Trung Kiên"),    # academic titles before the name (data/degrees.txt)
    ("BS.CKII LÊ VĂN AN", "Lê Văn An"),
    ("TS.", None),                                         # a title alone is no name
])
def test_the_name_under_the_title_is_read_through_specks_and_glued_words(line: str, name: str | None) -> None:
    assert _record(f"{_FOOT}GIÁM ĐỐC\n{line}\n")["signer"].get("name") == name


@pytest.mark.parametrize(("lines", "name"), [
    ("Văn Hải\nNguyễn", "Nguyễn Văn Hải"),        # the signature's stroke split the line: the surname under it
    ("Thị Mai\nTrần", "Trần Thị Mai"),            # two words that are no name without it
    ("Lê Văn Tám\nNguyễn", "Lê Văn Tám"),          # a name of three words is whole
    ("Văn Hải\n- Lưu", "Văn Hải"),                 # a line that is more than a surname
])
def test_a_surname_ocr_set_on_its_own_line_by_a_two_word_name_goes_before_it(lines: str, name: str) -> None:
    """No title read (lost under the seal): the name is the last one of the block's lines."""
    assert _record(f"{_FOOT}._\n{lines}\n")["signer"]["name"] == name


@pytest.mark.parametrize(("block", "signer"), [
    # a deputy's title whose last word the signature's stroke lifted over the rest: its words, not a name
    ("KT. HIỆU TRƯỞNG\nTRƯỞNG\nPHÓ HIỆU\nBùi Thị Ngân", {"name": "Bùi Thị Ngân", "title": "Phó Hiệu trưởng", "authority": "KT."}),
    ("KT. HIỆU TRƯỞNG\nTRƯỞNG\nPHÓ HIỆU", {"name": None, "title": "Phó Hiệu trưởng", "authority": "KT."}),
    # an e-signature's capitals between the title and the name: the name as printed, not one mended from them
    ("KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nTRUNG ƯƠNG ĐẢNG\nLê Khánh Toàn",
     {"name": "Lê Khánh Toàn", "title": "Phó Chánh Văn phòng", "authority": "KT."}),
])
def test_title_words_and_a_stamps_capitals_are_no_name(block: str, signer: dict[str, str | None]) -> None:
    assert _record(f"{_FOOT}{block}\n")["signer"] == signer


def test_the_signature_zone_is_read_from_its_top_and_a_name_may_stand_far_below_the_title() -> None:
    debris = "\n".join(["PHO", "DI Về", "2 - 2", "ị ) ì", "XIN xrẰNGg", "c7”", "$\\", "Yên Bái; ^ GIAM"])
    text = (f"{_FOOT}KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n{debris}\nHoàng Văn Thuận\n"
            "Phụ lục\nTRƯỞNG KHOA\n(Ký, ghi rõ họ tên)\n")  # an attachment's form with its own title
    assert _record(text)["signer"] == {"name": "Hoàng Văn Thuận", "title": "Phó Giám đốc", "authority": "KT."}


# A joint text's blocks read side by side: the record's signer is one of them, so only what they share is said.
@pytest.mark.parametrize(("prefixes", "titles", "title"), [
    ("KT. VIỆN TRƯỞNG KT. CHÁNH ÁN", "PHÓ VIỆN TRƯỞNG PHÓ CHÁNH ÁN", None),  # the first block's title is not the signer's
    ("KT. BỘ TRƯỞNG KT. BỘ TRƯỞNG", "THỨ TRƯỞNG THỨ TRƯỞNG", "Thứ trưởng"),  # every block's title
])
def test_two_signers_read_side_by_side_above_noi_nhan_give_no_name(prefixes: str, titles: str, title: str | None) -> None:
    text = (f"Thông tư này có hiệu lực từ ngày ký./.\n{prefixes}\n{titles}\n"
            "Trần Hải Quân Lê Tiến\nNơi nhận:\n- Bộ Tài chính;\n- Lưu: VT.\n")
    assert _record(text)["signer"] == {"name": None, "title": title, "authority": "KT."}


# One printed title line that a skewed scan split into two rows read out of order is joined as printed.
@pytest.mark.parametrize(("rows", "title"), [
    ("ĐOÀN\nTRƯỞNG", "Trưởng đoàn"),
    ("TRƯỞNG ĐOÀN", "Trưởng đoàn"),
    ("KIỂM TRA\nTRƯỞNG", None),  # 'TRƯỞNG KIỂM TRA' is no title: the rows stay as read
])
def test_title_rows_read_out_of_order_are_joined_as_printed(rows: str, title: str | None) -> None:
    signer = _record(f"{_FOOT}TM. ĐOÀN KIỂM TRA\n{rows}\nˆ Hoằng Văn Thuận\nPHÓ GIÁM ĐỐC\n")["signer"]
    assert (signer["authority"], signer["name"]) == ("TM.", "Hoàng Văn Thuận")
    assert signer["title"] == title


def test_an_issuing_body_over_its_rule_is_no_signature_block() -> None:
    text = (f"{_FOOT}THỦ TƯỚNG CHÍNH PHỦ\n_________\nTHỦ TƯỚNG\nĐã ký\nNguyễn Tấn Dũng\n")
    assert _record(text)["signer"] == {"name": "Nguyễn Tấn Dũng", "title": "Thủ tướng", "authority": None}
