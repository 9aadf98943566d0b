"""An attached charter (Điều lệ) states what an organisation's organs are and may do: only its implementation
article assigns. Sentences of our own making (issue 26)."""
from __future__ import annotations

from tests.test_articles import FOOT, HEAD
from tests.test_scan_layout import _record

CHARTER = (HEAD + "Điều 1. Phê duyệt Điều lệ Hội Cựu giáo chức xã Tân Phú kèm theo Quyết định này.\n"
           "Điều 2. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ chịu trách nhiệm thi hành Quyết định này.\n" + FOOT +
           "\nĐIỀU LỆ\nHỘI CỰU GIÁO CHỨC XÃ TÂN PHÚ\n(Kèm theo Quyết định số 12/QĐ-UBND)\n"
           "Điều 1. Tên gọi\nHội Cựu giáo chức xã Tân Phú.\n"
           "Điều 2. Ban Chấp hành Hội\n1. Ban Chấp hành Hội do Đại hội bầu ra.\n"
           "2. Ban Chấp hành Hội có các nhiệm vụ và quyền hạn sau đây:\na) Quyết định kế hoạch hoạt động hằng năm.\n"
           "b) Thông qua báo cáo tài chính.\n"
           "Điều 3. Chủ tịch Hội\n1. Chủ tịch Hội là người đại diện theo pháp luật của Hội.\n"
           "2. Chủ tịch Hội triệu tập và chủ trì các cuộc họp của Ban Chấp hành.\n"
           "Điều 4. Hiệu lực thi hành\n1. Điều lệ này có hiệu lực kể từ ngày được công nhận.\n"
           "2. Căn cứ Điều lệ đã được công nhận, Ban Chấp hành Hội Cựu giáo chức xã Tân Phú có trách nhiệm "
           "hướng dẫn thực hiện Điều lệ này.\n")


def test_a_charter_s_organ_articles_assign_nothing_and_its_implementation_article_does() -> None:
    tasks = {t["ordinal"]: t for t in _record(CHARTER)["tasks"]}
    assert set(tasks) == {"Điều 2", "Điều 4.2"}
    assert tasks["Điều 4.2"]["assignees"] == [{"name": "Ban Chấp hành Hội Cựu giáo chức xã Tân Phú", "role": "lead"}]
    assert tasks["Điều 4.2"]["text"].startswith("có trách nhiệm hướng dẫn")


def test_the_same_articles_in_an_attached_quy_dinh_are_duties() -> None:
    """A Quy định's article headed by a body's name gives that body its khoản; only a charter's does not."""
    text = CHARTER.replace("ĐIỀU LỆ\nHỘI CỰU GIÁO CHỨC XÃ TÂN PHÚ", "QUY ĐỊNH\nVỀ PHỐI HỢP HOẠT ĐỘNG")
    tasks = {t["ordinal"] for t in _record(text)["tasks"]}
    assert {"Điều 3.2"} <= tasks
