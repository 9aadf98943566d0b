"""The signature block read again from its crop where the page's OCR lost it (no Tesseract: a reader
that answers as Tesseract did on the crops of the scans these cases come from)."""
from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from pipeline import signature_block
from pipeline.extract import extract_record, structure
from pipeline.tools.rapidocr import LineReading, _rows
from pipeline.types import Page, ReadResult

FOOT = ("Do tính chất quan trọng của Hội nghị, đề nghị các đồng chí tham dự đầy đủ./.\nNơi nhận:\n"
        "- Như thành phần mời;\n- Lưu VT.\n")


class Reader:
    """Tesseract's lines of a crop, per page segmentation mode."""

    def __init__(self, by_psm: dict[int, list[str]]) -> None:
        self.by_psm = by_psm
        self.calls = 0

    def lines(self, image: Any, psm: int) -> list[str]:
        self.calls += 1
        return self.by_psm.get(psm, [])


class Second:
    """The second reader's lines of a crop (rapidocr finds the lines itself): the same for every crop."""

    def __init__(self, lines: list[str]) -> None:
        self.read = lines
        self.calls = 0

    def lines(self, image: Any) -> list[LineReading]:
        self.calls += 1
        return [LineReading(t, 0.9) for t in self.read]


def _run(page_block: str, reader: Reader, monkeypatch: pytest.MonkeyPatch, body: str = "",
         second: Second | None = None) -> dict[str, Any]:
    from PIL import Image

    read = ReadResult("x.pdf", "0" * 64, "application/pdf", [Page(1, body + FOOT + page_block, "ocr", 2480.0)])
    tree = structure(read)
    assert tree.signature is not None
    boxes = tuple((1, 1300.0, 2700.0 + 60 * i, 1900.0, 2740.0 + 60 * i) for i in range(len(tree.signature.lines)))
    tree = dataclasses.replace(tree, signature=dataclasses.replace(tree.signature, boxes=boxes))
    page = Image.new("L", (2480, 3508), 255)
    monkeypatch.setattr(signature_block, "_versions", lambda *_: [("seal dropped", page), ("red kept", page)])
    return signature_block.fill_signature(read, tree, extract_record(read, tree), reader, second or Second([]))


def test_a_red_stamped_title_and_name_lost_with_the_seal_are_read_from_the_crop(monkeypatch: pytest.MonkeyPatch) -> None:
    reader = Reader({4: ["~_. GIÁM ĐÓC", "PHÓ GIÁM ĐỚC", "ZZ+„ XHCMN vÀ", "sÀ", "bD Hà Văn Phúc"]})
    rec = _run("¬, GIÁM ĐÓC\nĐỚC\n` NO C\n", reader, monkeypatch)
    assert rec["signer"] == {"name": "Hà Văn Phúc", "title": "Phó Giám đốc", "authority": "KT."}
    assert rec["provenance"]["signer.name"]["rule"] == "signature.reread"
    assert rec["provenance"]["signer.name"]["version"] == "seal dropped, --psm 4"
    assert reader.calls == 1  # the whole block read by the first crop: no other is read


def test_a_crop_that_reads_another_name_or_only_debris_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    page_block = "GIÁM ĐỐC\nNguyễn Trúc Giang\n"
    other = _run(page_block, Reader({4: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Hải"]}), monkeypatch)
    assert other["signer"] == {"name": "Nguyễn Trúc Giang", "title": "Giám đốc", "authority": None}
    debris = _run(page_block, Reader({4: ["W6,HIỆU trường 1z J", "SỐ", "YTE"], 11: ["¬ ‹ 7...", "mm."]}), monkeypatch)
    assert debris["signer"] == other["signer"]
    assert debris["provenance"]["signer.name"]["rule"] == "signature.name-under-title"


def test_a_crop_title_that_is_no_known_title_is_not_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    rec = _run("\nrẻ Í có co - -\n", Reader({11: ["W6,HIỆU trường 1z J trưởng", "Lê Hoàng Anh"]}), monkeypatch)
    assert rec["signer"] == {"name": "Lê Hoàng Anh", "title": None, "authority": None}


def test_a_crop_that_misses_what_the_page_read_read_another_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page read 'TM. ĐOÀN KIỂM TRA' and the name; a crop reading a second signer's 'PHÓ GIÁM ĐỐC'
    without the prefix gives nothing."""
    rec = _run("T/M. ĐOÀN KIỂM TRA\nĐOÀN\nHoàng Văn Thuận\n",
               Reader({4: ["PHÓ GIÁM ĐỐC", "Hoàng Văn Thuận"]}), monkeypatch)
    assert rec["signer"] == {"name": "Hoàng Văn Thuận", "title": None, "authority": "TM."}


def test_the_head_twice_in_the_crop_is_kt_and_the_pages_reading_of_the_name_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    """The crop read 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' with the 'K' and the 'PHÓ' lost, and the name with a
    letter misread: the block's prefix and title are taken, the name the page read alike stays."""
    rec = _run("GIÁM ĐỐC\nNguyễn Trúc Giang\n", Reader({4: ["-T, GIÁM ĐÓC", "'GIÁM ĐỐC,", "Nguyễn Trúc Glang"]}),
               monkeypatch)
    assert rec["signer"] == {"name": "Nguyễn Trúc Giang", "title": "Phó Giám đốc", "authority": "KT."}
    assert rec["provenance"]["signer.name"]["rule"] == "signature.name-under-title"
    longer = _run("GIÁM ĐỐC\nHoàng Anh\n", Reader({4: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Hoàng Anh"]}), monkeypatch)
    assert longer["signer"]["name"] == "Lê Hoàng Anh"  # the crop read the surname the page lost


class Sequence(Reader):
    """Tesseract's lines of each crop in the order they are read: the whole block's, then the part under it."""

    def __init__(self, whole: list[str], under: list[str]) -> None:
        super().__init__({})
        self.whole, self.under = whole, under

    def lines(self, image: Any, psm: int) -> list[str]:
        self.calls += 1
        return self.whole if self.calls <= 4 else self.under


def test_a_name_lost_under_the_seal_is_read_from_the_part_of_the_page_under_the_title(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The page read the prefix and the title, not the name; the block's crop reads its title lines as
    debris; under the title lines there is only the seal, the signature and the name."""
    block = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n"
    debris = ["ì được biết và thực hiện./. “WME -", "PHÓ nó QIÓN ĐỐC", "M ĐÓC"]
    rec = _run(block, Sequence(debris, ["tcy", "⁄*/", "Hà Văn Phúc"]), monkeypatch)
    assert rec["signer"] == {"name": "Hà Văn Phúc", "title": "Phó Giám đốc", "authority": "KT."}
    assert rec["provenance"]["signer.name"]["block_rule"] == "signature.name-under-block"
    tail = _run(block, Sequence(debris, ["SỐ", "Y TE", "n Trúc Giang"]), monkeypatch)
    assert tail["signer"]["name"] is None  # a name that lost its first letters is no name


def test_a_name_that_lost_its_first_letters_is_the_one_name_of_the_document_it_ends(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """'n Trúc Giang' under the seal ends 'Nguyễn Trúc Giang', whom the body names; with no such name in
    the document, or two it could end, the name stays empty and the tail is kept for the archive."""
    block = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n"
    debris = ["PHÓ nó QIÓN ĐỐC", "M ĐÓC"]
    body = "Giao đồng chí Nguyễn Trúc Giang, Phó Giám đốc Sở, chủ trì hội nghị.\n"
    named = _run(block, Sequence(debris, ["Y TE", "n Trúc Giang"]), monkeypatch, body)
    assert named["signer"]["name"] == "Nguyễn Trúc Giang"
    assert named["provenance"]["signer.name"]["block_rule"] == "signature.name-in-document"
    alone = _run(block, Sequence(debris, ["Y TE", "n Trúc Giang"]), monkeypatch)
    assert alone["signer"]["name"] is None
    assert alone["provenance"]["signer.name"]["tail"] == {"lost": "n", "words": ["Trúc", "Giang"]}
    two = _run(block, Sequence(debris, ["n Trúc Giang"]), monkeypatch, body + "Ông Trần Trúc Giang báo cáo.\n")
    assert two["signer"]["name"] is None  # 'n' ends both Nguyễn and Trần: no guess


def test_under_a_joint_texts_blocks_side_by_side_no_name_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whose name is under which of two titles read side by side is not known: the record's signer keeps
    what the blocks share and no name."""
    reader = Sequence(["KT. BỘ TRƯỞNG KT. BỘ TRƯỞNG"], ["Nguyễn Văn Long"])
    rec = _run("KT. BỘ TRƯỞNG KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG THỨ TRƯỞNG\n", reader, monkeypatch)
    assert rec["signer"]["name"] is None
    assert reader.calls == 4  # the block's crops only


def test_a_deputys_title_over_the_seals_ring_is_read_by_the_second_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tesseract read the head's title and the name only; the second reader reads the deputy's line
    over the seal's ring, its spaces lost: the prefix is inferred (KT.) and the name the page read stays."""
    second = Second(["Đề nghị các đơn vị thực hiện./.", " CHỦ TỊCH", "PHOCHUTICH", "UBND", "Tran Van Binh"])
    rec = _run("CHỦ TỊCH\nTrần Văn Bình\n", Reader({}), monkeypatch, second=second)
    assert rec["signer"] == {"name": "Trần Văn Bình", "title": "Phó Chủ tịch", "authority": "KT."}
    assert rec["provenance"]["signer.title"]["reader"] == "rapidocr"


def test_the_second_reader_abstains_on_another_name_or_a_lost_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    """A crop that reads another name read another block; a head's title after a hand-written
    prefix's remains ('KCHỦ TỊCH') is the prefix's line, and the title under it was lost: nothing taken."""
    other = _run("CHỦ TỊCH\nTrần Văn Bình\n", Reader({}), monkeypatch,
                 second=Second(["CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Thị Hoa"]))
    assert other["signer"] == {"name": "Trần Văn Bình", "title": "Chủ tịch", "authority": None}
    lost = _run("-\nTrần Văn Bình\n", Reader({}), monkeypatch, second=Second(["KCHỦ TỊCH", "PH", "Tran Van Binh"]))
    assert lost["signer"] == {"name": "Trần Văn Bình", "title": None, "authority": None}


def test_boxes_one_over_the_other_are_two_lines_however_tight_the_leading() -> None:
    """(top, left, text, score, height, right): 'KT.' beside 'GIÁM ĐỐC' is one line; the deputy's line
    starting a little lower and further left is the next one."""
    rows = _rows([(100, 520, "GIÁM ĐỐC", 0.9, 40, 800), (104, 420, "KT.", 0.8, 40, 500),
                  (118, 400, "PHÓ GIÁM ĐỐC", 0.9, 40, 820)])
    assert [r["text"] for r in rows] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]


@pytest.mark.parametrize(("page_block", "second_name", "signer"), [
    # the page read only the end of the name under the seal: the second reader's whole block, its name ending so
    ("._\nTrúc Giang\n", "Nguyen Trúc Giang", {"name": "Nguyễn Trúc Giang", "title": "Phó Giám đốc", "authority": "KT."}),
    # a name the document does not bear out (a body's contact the crop took in): nothing taken
    ("._\nTrúc Giang\n", "Bùi Công Luận", None),
])
def test_where_the_page_read_no_title_nor_name_the_second_readers_name_must_be_borne_out(
        page_block: str, second_name: str, signer: dict[str, str] | None, monkeypatch: pytest.MonkeyPatch) -> None:
    second = Second(["thực hiện./.", "TGIÁMDÓC", "PHÓ GIAM DOC", "Y TÊ", second_name])
    rec = _run(page_block, Reader({}), monkeypatch, second=second)
    assert rec["signer"] == signer
    if signer:
        assert rec["provenance"]["signer.name"]["check"] == "name-tail-on-page"
