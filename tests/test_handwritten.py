"""The handwritten number and day of a scanned header, read again by a second reader.

The page here is drawn: printed words as black boxes where Tesseract's words stand, and each
handwritten gap as a patch of its own grey, which the stand-in reader below reads as the digits
written there. So the tests see where the stage crops, and what it does with what it is told.
"""
from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from extractors.structure.markers import printed as printed_marker
from pipeline import handwritten
from pipeline.extract import extract_record, structure
from pipeline.tools.rapidocr import LineReading
from pipeline.types import Page, ReadResult, Word

NUMBER_INK, DAY_INK, STAMP_INK = 60, 90, 30
HEADER = [  # (text, x0, top, x1, bottom, conf) as Tesseract read a header with a handwritten number and day
    ("ỦY", 400, 200, 470, 250, 0.96), ("BAN", 480, 200, 590, 250, 0.96), ("NHÂN", 600, 200, 740, 250, 0.96),
    ("DÂN", 750, 200, 860, 250, 0.96),
    ("CỘNG", 1300, 200, 1450, 250, 0.96), ("HÒA", 1460, 200, 1570, 250, 0.96), ("XÃ", 1580, 200, 1650, 250, 0.96),
    ("HỘI", 1660, 200, 1760, 250, 0.96), ("CHỦ", 1770, 200, 1880, 250, 0.96), ("NGHĨA", 1890, 200, 2060, 250, 0.96),
    ("VIỆT", 2070, 200, 2190, 250, 0.96), ("NAM", 2200, 200, 2320, 250, 0.96),
    ("TỈNH", 450, 260, 580, 310, 0.96), ("QUẢNG", 590, 260, 780, 310, 0.96), ("NGÃI", 790, 260, 920, 310, 0.96),
    ("Số:", 400, 400, 465, 450, 0.95), ("4b", 480, 392, 560, 458, 0.30), ("/TB-UBND", 590, 405, 840, 448, 0.92),
    ("Quảng", 1200, 400, 1340, 452, 0.96), ("Ngãi,", 1350, 400, 1470, 452, 0.96),
    ("ngày", 1490, 400, 1595, 452, 0.96), ("4", 1625, 395, 1690, 455, 0.50), ("tháng", 1715, 400, 1835, 452, 0.96),
    ("01", 1850, 400, 1900, 440, 0.96), ("năm", 1920, 405, 2010, 440, 0.96), ("2025", 2030, 400, 2130, 440, 0.96),
    ("THÔNG", 1000, 600, 1180, 650, 0.96), ("BÁO", 1190, 600, 1320, 650, 0.96),
    ("Kính", 400, 800, 500, 850, 0.96), ("gửi:", 510, 800, 600, 850, 0.96), ("Sở", 620, 800, 680, 850, 0.96),
    ("Tài", 690, 800, 760, 850, 0.96), ("chính", 770, 800, 890, 850, 0.96),
]
STAMP = [("CV", 300, 1500, 360, 1550, 0.9), ("ĐẾN", 370, 1500, 470, 1550, 0.9), ("Số:", 480, 1500, 545, 1550, 0.9),
         ("2352", 560, 1495, 700, 1560, 0.4)]
TEXT = ("ỦY BAN NHÂN DÂN                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH QUẢNG NGÃI\n"
        "Số: 4b /TB-UBND                Quảng Ngãi, ngày 4 tháng 01 năm 2025\n\nTHÔNG BÁO\n"
        "Về việc tổ chức hội nghị\n\nKính gửi: Sở Tài chính\n\nSở Tài chính tổ chức hội nghị.\n")


class Reader:
    """Reads a crop as the digits of the grey patch that fills most of it; `odd` readings of one
    value come out differently (a second reader's disagreement)."""

    name = "stand-in"

    def __init__(self, digits: dict[int, str], odd: dict[int, list[str]] | None = None) -> None:
        self.digits, self.odd, self.seen = digits, odd or {}, []

    def read(self, image: Image.Image) -> LineReading:
        counts = {v: c for c, v in image.convert("L").getcolors() or [] if v in self.digits}
        ink = max(counts, key=counts.__getitem__) if counts else None
        self.seen.append(ink)
        if ink is None:
            return LineReading("", 0.0)
        odd = self.odd.get(ink)
        return LineReading(odd.pop(0) if odd else self.digits[ink], 0.9)


def scan(words: list[tuple[str, int, int, int, int, float]] = HEADER + STAMP, text: str = TEXT,
         scale: float = 1.0, inks: dict[str, int] | None = None) -> ReadResult:
    image = Image.new("L", (round(2480 * scale), round(3500 * scale)), 255)
    draw = ImageDraw.Draw(image)
    boxes = {"4b": NUMBER_INK, "4": DAY_INK, "2352": STAMP_INK, **(inks or {})}
    placed = []
    for t, x0, top, x1, bottom, conf in words:
        x0, top, x1, bottom = (round(v * scale) for v in (x0, top, x1, bottom))
        pad = round(5 * scale)
        draw.rectangle((x0 + pad, top + pad, x1 - pad, bottom - pad), fill=boxes.get(t, 0))
        placed.append(Word(t, x0, top, x1, bottom, conf))
    page = Page(1, text, "ocr", float(image.width), placed, 0.9, image=image)
    return ReadResult("scan.png", "0" * 64, "image/png", [page])


def run(read: ReadResult, reader: Reader) -> dict:
    tree = structure(read)
    return handwritten.fill_handwritten(read, tree, extract_record(read, tree), reader)


def test_the_written_number_and_day_are_read_where_they_stand_and_the_reader_is_named() -> None:
    read = scan()
    assert (extract_record(read)["number"], extract_record(read)["issue_date"]) == (None, "2025-01-04")
    reader = Reader({NUMBER_INK: "46", DAY_INK: "24", STAMP_INK: "2352"})
    record = run(read, reader)
    assert (record["number"], record["issue_date"]) == ("46/TB-UBND", "2025-01-24")
    assert record["provenance"]["number"]["rule"] == handwritten.RULE
    assert record["provenance"]["issue_date"]["reader"] == "stand-in"
    assert reader.seen.count(NUMBER_INK) == reader.seen.count(DAY_INK) == handwritten.AGREE  # agreed: no more crops
    assert STAMP_INK not in reader.seen  # the incoming-mail stamp's 'Số: 2352' is never looked at


@pytest.mark.parametrize("odd,reason", [
    ({NUMBER_INK: ["48", "40"], DAY_INK: ["21", "27"]}, "disagree"),  # 3 of 5 agree: not enough
    ({NUMBER_INK: ["461"] * 1}, "more digits"),  # the crop moved right read the slash as a '1'
])
def test_readings_that_do_not_agree_leave_the_field_empty_with_the_reason(odd: dict, reason: str) -> None:
    record = run(scan(), Reader({NUMBER_INK: "46", DAY_INK: "24"}, odd))
    assert record["number"] is None
    assert reason in record["provenance"]["number"]["abstained"]
    if DAY_INK in odd:  # Tesseract's unsure '4' is not kept either: the day written there was not read
        assert record["issue_date"] is None
        assert "disagree" in record["provenance"]["issue_date"]["abstained"]


def test_an_implausible_day_or_number_is_not_taken() -> None:
    record = run(scan(), Reader({NUMBER_INK: "4b6", DAY_INK: "45"}))
    assert (record["number"], record["issue_date"]) == (None, None)
    assert "plausible" in record["provenance"]["number"]["abstained"]
    assert "no such date" in record["provenance"]["issue_date"]["abstained"]


def test_a_blank_day_gives_the_month_and_year() -> None:
    words = [w for w in HEADER if w[0] != "4"] + STAMP  # nothing written in the day's gap
    reader = Reader({NUMBER_INK: "46", DAY_INK: "24"})
    record = run(scan(words, TEXT.replace("ngày 4 tháng", "ngày    tháng")), reader)
    assert (record["number"], record["issue_date"]) == ("46/TB-UBND", "2025-01")
    assert reader.seen.count(None) == handwritten.AGREE  # the day's crops were looked at, and were blank


def test_without_the_header_number_line_the_stamp_is_not_read_as_the_number() -> None:
    words = [w for w in HEADER if w[0] not in ("Số:", "4b", "/TB-UBND")] + STAMP
    reader = Reader({DAY_INK: "24", STAMP_INK: "2352"})
    record = run(scan(words), reader)
    assert record["number"] is None
    assert "not found" in record["provenance"]["number"]["abstained"]
    assert STAMP_INK not in reader.seen


def test_a_scan_at_70_dpi_abstains_without_reading() -> None:
    reader = Reader({NUMBER_INK: "46", DAY_INK: "24"})
    record = run(scan(scale=0.23), reader)
    assert record["number"] is None and "too small" in record["provenance"]["number"]["abstained"]
    assert reader.seen == []


def test_a_printed_number_tesseract_was_sure_of_is_not_read_again() -> None:
    words = [("46", *box, 0.96) if t == "4b" else (t, *box, c) for t, *box, c in HEADER] + STAMP
    reader = Reader({NUMBER_INK: "48", DAY_INK: "24"})
    record = run(scan(words, TEXT.replace("4b", "46"), inks={"46": NUMBER_INK}), reader)
    assert record["number"] == "46/TB-UBND"
    assert record["provenance"]["number"]["rule"] == "header.so-line"
    assert NUMBER_INK not in reader.seen


def test_a_text_layer_is_left_alone() -> None:
    read = scan()
    read.pages[0].method = "text-layer"
    reader = Reader({NUMBER_INK: "46"})
    assert run(read, reader)["number"] is None and reader.seen == []


@pytest.mark.ocr
def test_rapidocr_reads_digits_from_its_packaged_models_without_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from PIL import ImageFont

    from pipeline.tools import rapidocr

    pytest.importorskip("rapidocr")

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("rapidocr reached for the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    image = Image.new("RGB", (220, 64), "white")
    ImageDraw.Draw(image).text((12, 8), "2352", fill="black", font=ImageFont.load_default(size=40))
    assert rapidocr.RapidOcrReader().read(image).text == "2352"
    assert rapidocr.version().startswith("rapidocr 3.")


GLUED = [w for w in HEADER if w[0] not in ("4b", "/TB-UBND")] + [("4b/TB-UBND", 480, 392, 840, 458, 0.30)]


@pytest.mark.parametrize(("reading", "number"), [
    ("46T", "46/TB-UBND"),  # the crop took the slash whole and lost it: the symbol's first letter follows the digits
    ("461T", None),         # a last '1' may be the slash read as a digit
    ("46U", None),          # a letter that does not begin the symbol: no reading of this gap
])
def test_a_number_glued_to_its_symbol_is_read_up_to_the_symbols_first_letter(reading: str, number: str | None) -> None:
    read = scan(GLUED + STAMP, TEXT.replace("4b /TB-UBND", "4b/TB-UBND"), inks={"4b/TB-UBND": NUMBER_INK})
    record = run(read, Reader({NUMBER_INK: reading, DAY_INK: "24"}))
    assert record["number"] == number


@pytest.mark.parametrize(("reading", "date"), [
    ("24th", "2025-01-24"),  # the crop reached the printed 'tháng': its first letters follow the day
    ("24nă", None),          # letters that do not begin the printed word after the gap: no day
])
def test_a_day_read_with_the_first_letters_of_the_printed_month_word_is_the_day(reading: str, date: str | None) -> None:
    record = run(scan(), Reader({NUMBER_INK: "46", DAY_INK: reading}))
    assert record["issue_date"] == date


@pytest.mark.parametrize(("line", "day"), [
    ("Hà Tĩnh, ngày |„4__ tháng 3 năm 2021", "|„4__"),  # a day written over a dotted line: one long speck
    ("Hà Tĩnh, ngày 2y 8 tháng 3 năm 2021", "2y 8"),  # a day in two strokes, read as two words
    ("Hà Tĩnh, ngày  tháng 3 năm 2021", ""),
])
def test_the_days_gap_is_found_where_the_hand_wrote_it(line: str, day: str) -> None:
    from extractors.header import date_gaps

    found = date_gaps(line)
    assert found is not None and line[found[0][0]:found[0][1]].strip() == day and found[2] == "2021"


def test_a_sentence_with_a_date_in_words_far_apart_has_no_days_gap() -> None:
    from extractors.header import date_gaps

    assert date_gaps("ngày làm việc của tổ kiểm tra tháng này và năm 2021") is None


@pytest.mark.parametrize("symbol_words", [
    [("⁄TB-UBND", 590, 405, 840, 448, 0.92)],  # a fraction slash: the header's text has it as '/'
    [("/TB-", 590, 405, 700, 448, 0.92), ("UBND", 712, 405, 840, 448, 0.92)],  # the symbol in two words
    [("/TB-UBND", 590, 405, 840, 448, 0.92)],  # as printed
])
def test_the_number_line_is_found_however_tesseract_wrote_its_symbol(symbol_words: list) -> None:
    words = [w for h in HEADER for w in (symbol_words if h[0] == "/TB-UBND" else [h])] + STAMP
    reader = Reader({NUMBER_INK: "46", DAY_INK: "24"})
    record = run(scan(words), reader)
    assert (record["number"], record["issue_date"]) == ("46/TB-UBND", "2025-01-24")




@pytest.mark.parametrize(("text", "edge"), [
    ("séó:4", 509 + (0.62 + 0.5 + 0.28) * 65),  # a letter read twice: the gap begins where 'Số:' ends
    ("Số:4", 509 + (0.62 + 0.5 + 0.28) * 65),  # as printed, a first digit written close read into it
])
def test_the_gap_after_the_number_marker_begins_where_its_print_ends(text: str, edge: float) -> None:
    words = (Word(text, 509, 396, 612, 481, 0.24), Word("/QĐ-SYT", 738, 430, 937, 476, 0.89))
    row = handwritten._Row(words, f"{text} /QĐ-SYT", (0, len(text) + 1), 65.0, 440.0)
    assert handwritten._left_edge(row, text.index(":") + 1, printed_marker("so")) == pytest.approx(edge)
