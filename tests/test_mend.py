"""A field only the scan has is spelled as the document's typed copy spells the same words."""
from __future__ import annotations

from extractors.mend import mend
from models import Page, Source
from pipeline.storage.store import _mended

TYPED = ("Kính gửi: Các phòng, ban thuộc huyện.\n"
         "Thực hiện Kế hoạch số 12/KH-UBND ngày 03/3/2024 của Ủy ban nhân dân tỉnh về tăng cường "
         "quản lý an toàn thực phẩm trong mùa lễ hội, Ban Chỉ đạo huyện về an toàn thực phẩm đề nghị …")


def test_misread_words_take_the_typed_spelling_and_the_phrase_keeps_its_extent() -> None:
    # OCR of the header, restored without the body's context: 'tăng cuồng', 'thục phẩm', 'lễ hôi'
    assert mend("tăng cuồng quản lý an toàn thục phẩm trong mùa lễ hôi", TYPED) == \
        "tăng cường quản lý an toàn thực phẩm trong mùa lễ hội"
    # a word the OCR turned into debris, in a phrase printed in capitals
    assert mend("BAN CHỈ ĐẠO HUYỆN VỀ AN T0ÀN THỰC PH4M", TYPED) == "BAN CHỈ ĐẠO HUYỆN VỀ AN TOÀN THỰC PHẨM"
    # words only the typed text has ('của Ủy ban nhân dân tỉnh') are not brought in
    assert mend("Kế hoạch số 12/KH-UBND ngày 03/3/2024 về tăng cường", TYPED) is None


def test_a_phrase_the_typed_text_does_not_hold_is_left_alone() -> None:
    assert mend("Về việc tổ chức hội nghị tổng kết công tác năm", TYPED) is None
    assert mend("an toàn", TYPED) is None  # too short to be placed
    # an unlike word at its place is not swapped for the text's ('Hội' is not 'Ban')
    assert mend("Hội Chỉ đạo huyện về an toàn thực phẩm", TYPED) is None


def _source(sid: int, text_source: str, restored: bool, record: dict, text: str) -> Source:
    return Source(id=sid, path=f"/in/{sid}", text_source=text_source, mean_ocr_confidence=None,
                  record={**record, "source": {"diacritics_restored": restored}},
                  page_rows=[Page(number=1, text=text)])


def test_a_merged_document_s_ocr_fields_are_mended_from_its_typed_copy_with_provenance() -> None:
    typed = _source(1, "plain-text", False, {"subject": None}, TYPED)
    scan = _source(2, "ocr", False, {"subject": "tăng cuồng quản lý an toàn thục phẩm trong mùa lễ hôi",
                                     "issuer": {"name": "Ban Chỉ đạo huyện về an toàn thục phẩm", "parent": None},
                                     "provenance": {"subject": {"rule": "header.vv"}}}, "…")
    records = _mended(sorted([(scan, scan.record), (typed, typed.record)], key=lambda r: r[0].reading_rank()))
    rec = records[1][1]
    assert rec["subject"] == "tăng cường quản lý an toàn thực phẩm trong mùa lễ hội"
    assert rec["issuer"] == {"name": "Ban Chỉ đạo huyện về an toàn thực phẩm", "parent": None}
    assert rec["provenance"]["subject"] == {"rule": "header.vv", "mended_from": "/in/1"}
    assert scan.record["subject"].startswith("tăng cuồng")  # the source's own record is kept as read


def test_without_a_typed_copy_nothing_is_mended() -> None:
    restored = _source(1, "plain-text", True, {}, TYPED)  # accents put back: not the issuer's own words
    scan = _source(2, "ocr", False, {"subject": "tăng cuồng quản lý an toàn thục phẩm"}, "…")
    records = [(restored, restored.record), (scan, scan.record)]
    assert _mended(records) == records


def test_the_phrase_keeps_its_brackets_and_quotes() -> None:
    typed = 'Kế hoạch tổ chức "Ngày hội" đọc sách (lần thứ 2) năm 2024 tại các trường'
    assert mend('tổ chức "Ngày hôi" đọc sách (lần thú 2) năm', typed) == 'tổ chức "Ngày hội" đọc sách (lần thứ 2) năm'
    assert mend('tổ chức "Ngày hội" đọc sách (lần thứ 2) năm', typed) is None  # nothing to mend
