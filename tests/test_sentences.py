"""The body's sentences, split once by the tree's builder (extractors/structure/sentences.py): what ends a
sentence and what does not, on sentences of our own making."""
from __future__ import annotations

from extractors.base import DocText
from extractors.structure import from_text, sentences
from extractors.structure.items import sentence_before


def _said(text: str) -> list[tuple[str, str]]:
    doc = DocText(text)
    return [(s.text(doc), s.stop) for s in sentences.split(doc, 0, len(text))]


def test_an_abbreviation_s_dot_mid_sentence_ends_no_sentence() -> None:
    text = "Giao UBND TP. Bình An chủ trì; Q. Giám đốc Sở Xây dựng phối hợp. Báo cáo trước ngày 10/5."
    assert _said(text) == [("Giao UBND TP. Bình An chủ trì; Q. Giám đốc Sở Xây dựng phối hợp", "."),
                           ("Báo cáo trước ngày 10/5", ".")]


def test_a_dotted_degree_and_a_ward_open_a_name_not_a_sentence() -> None:
    text = "Mời ThS. Lê Văn Hòa, trú tại P. An Cựu dự họp."
    assert _said(text) == [(text[:-1], ".")]


def test_the_dot_of_a_number_or_an_address_ends_no_sentence() -> None:
    assert _said("Tăng 1.5 lần so với năm trước, gửi về vanthu@sct.gov.vn trước ngày 3/4.") == [
        ("Tăng 1.5 lần so với năm trước, gửi về vanthu@sct.gov.vn trước ngày 3/4", ".")]


def test_a_stop_before_a_lower_case_word_on_its_line_ends_no_sentence() -> None:
    assert _said("Gửi qua thư điện tử vanthu@sotc. gov.vn trước ngày 3/4. Sở tổng hợp.") == [
        ("Gửi qua thư điện tử vanthu@sotc. gov.vn trước ngày 3/4", "."), ("Sở tổng hợp", ".")]


def test_a_stop_before_a_line_break_and_a_capital_ends_the_sentence_a_wrap_before_a_capital_does_not() -> None:
    text = "Sở Nội vụ phối hợp với Sở\nTài chính rà soát biên chế.\nĐề nghị các huyện báo cáo kết quả\n"
    assert _said(text) == [("Sở Nội vụ phối hợp với Sở\nTài chính rà soát biên chế", "."),
                           ("Đề nghị các huyện báo cáo kết quả", "")]


def test_a_colon_or_semicolon_at_a_line_s_end_closes_a_sentence_within_a_line_a_clause() -> None:
    doc = DocText("Căn cứ kết quả kiểm tra; Sở đề nghị các đơn vị như sau:\n- Rà soát hồ sơ;\n")
    first, second = sentences.split(doc, 0, len(doc.text))
    assert (first.stop, second.stop) == (":", ";")
    assert [(doc.text[a:b].strip(), mark) for a, b, mark in first.clauses] == [
        ("Căn cứ kết quả kiểm tra", ";"), ("Sở đề nghị các đơn vị như sau", ":")]


def test_a_paragraph_ends_a_sentence_that_has_no_stop() -> None:
    assert _said("I. MỤC ĐÍCH\n\nBảo đảm an toàn thực phẩm\ntrong mùa lễ hội.") == [
        ("I. MỤC ĐÍCH", "¶"), ("Bảo đảm an toàn thực phẩm\ntrong mùa lễ hội", ".")]


TEXT = """Kính gửi: Các phòng chuyên môn.

Để chuẩn bị cho kỳ kiểm tra, Sở Y tế đề nghị:
1. Phòng Tổ chức rà soát hồ sơ nhân sự. Hoàn thành trước ngày 15/4/2026.
2. Văn phòng Sở chuẩn bị hội trường
a) Bố trí chỗ ngồi cho đoàn;
b) Chuẩn bị tài liệu.
Nơi nhận:
- Như trên;
"""


def test_the_tree_cuts_sentences_at_its_items_and_links_each_to_the_item_that_holds_it() -> None:
    tree = from_text.build(DocText(TEXT))
    said = [(s.text(tree.doc), s.item.ordinal if s.item else None) for s in tree.sentences]
    assert said == [("Các phòng chuyên môn", None),
                     ("Để chuẩn bị cho kỳ kiểm tra, Sở Y tế đề nghị", None),
                     ("1. Phòng Tổ chức rà soát hồ sơ nhân sự", "1"),  # an item with two sentences: both its
                     ("Hoàn thành trước ngày 15/4/2026", "1"),
                     ("2. Văn phòng Sở chuẩn bị hội trường", "2"),  # no stop: the next item's marker ends it
                     ("a) Bố trí chỗ ngồi cho đoàn", "2.a"),
                     ("b) Chuẩn bị tài liệu", "2.b")]


def test_a_lead_in_is_read_from_the_tree_s_sentences_back_to_the_last_full_stop() -> None:
    doc = DocText(TEXT)
    tree = from_text.build(doc)
    pos = tree.doc.text.index("1. Phòng")
    assert sentence_before(tree.doc, tree.sentences, 0, pos) == "Để chuẩn bị cho kỳ kiểm tra, Sở Y tế đề nghị:"
    assert tree.body_items[0].lead_in == "Để chuẩn bị cho kỳ kiểm tra, Sở Y tế đề nghị:"


def _sentence_tasks(body: str, issuer: str) -> list[dict]:
    from extractors.sentence_tasks import sentence_tasks
    from extractors.tasks import _task_from_text
    tree = from_text.build(DocText(f"Kính gửi: Các trường học\n\n{body}\n"))
    return sentence_tasks(tree.doc, tree.sentences, [], _task_from_text, issuer)


def test_the_closing_formula_over_the_contents_above_is_no_task_a_named_body_s_is() -> None:
    # the sentence read whole (an OCR dot before a lower-case word no longer cuts it): 'các nội dung trên' is the
    # formula's object too (shape carry_out)
    assert _sentence_tasks("Sở Giáo dục yêu cầu Thủ trưởng các trường học nghiêm túc tổ chức, triển khai thực hiện "
                           "các nội dung trên.", "Sở Giáo dục") == []
    tasks = _sentence_tasks("Sở Giáo dục giao Trường THPT Quốc Học tổ chức thực hiện các nội dung trên.", "Sở Giáo dục")
    assert [a["name"] for t in tasks for a in t["assignees"]] == ["Trường THPT Quốc Học"]


def test_a_sentence_task_reads_its_sentence_whole_past_an_abbreviation_s_dot() -> None:
    tasks = _sentence_tasks("Giao UBND TP. Bình An chủ trì rà soát hồ sơ đất đai.", "Sở Tài nguyên và Môi trường")
    assert [(a["name"], t["text"]) for t in tasks for a in t["assignees"]] == [("UBND TP. Bình An", "chủ trì rà soát hồ sơ đất đai")]


def test_each_item_holds_the_tree_s_sentences_that_open_within_it() -> None:
    tree = from_text.build(DocText(TEXT))
    first, second = tree.body_items
    assert [s.text(tree.doc) for s in first.sentences] == ["1. Phòng Tổ chức rà soát hồ sơ nhân sự",
                                                            "Hoàn thành trước ngày 15/4/2026"]
    assert [s.item.ordinal if s.item else None for s in second.sentences] == ["2", "2.a", "2.b"]


ATTACHED = """SỞ Y TẾ TỈNH BÌNH AN
Số: 12/SYT-TCCB
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bình An, ngày 04 tháng 5 năm 2026
V/v ban hành quy chế
Kính gửi: Các đơn vị trực thuộc
Sở Y tế gửi kèm theo Quy chế làm việc.
Nơi nhận:
- Như trên;
- Lưu: VT.
GIÁM ĐỐC
Trần Minh Khôi
"""
RULES = """SỞ Y TẾ TỈNH BÌNH AN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
QUY CHẾ
Làm việc của Sở Y tế
Điều 1. Phạm vi điều chỉnh
Quy chế này quy định việc làm việc của Sở. Các phòng thực hiện.
Điều 2. Trách nhiệm thi hành
1. Phòng Tổ chức cán bộ theo dõi việc thi hành.
2. Văn phòng Sở tổng hợp kết quả.
"""


def test_an_attachment_has_the_body_s_sentence_nodes_cut_at_its_items() -> None:
    text = ATTACHED + "\n" + RULES
    doc = DocText(text, [0, len(ATTACHED) + 1])
    tree = from_text.build(doc)
    assert len(tree.attachments) == 1 and len(tree.attachment_sentences) == 1
    said = [(s.text(tree.doc), s.item.ordinal if s.item else None) for s in tree.attachment_sentences[0]]
    assert ("Các phòng thực hiện", "Điều 1") in said
    assert ("1. Phòng Tổ chức cán bộ theo dõi việc thi hành", "Điều 2.1") in said
    article = tree.attachment_items[0][1]
    assert [s.item.ordinal if s.item else None for s in article.sentences] == ["Điều 2", "Điều 2.1", "Điều 2.2"]
