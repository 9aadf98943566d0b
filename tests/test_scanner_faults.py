"""What a scanner does to a page and how the OCR path copes: a page fed in sideways or upside
down, a grey seal over the signer's name."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image

from pipeline.extract import extract_record
from pipeline.reading.files import read_file
from pipeline.tools.tesseract import OcrPage
from pipeline.types import Word
from tests.conftest import RAW, ROOT, SHARED, needs_shared, needs_tesseract


@pytest.mark.parametrize("turn", [90, 180, 270, 266])  # 270: Tesseract reads the words on end, confidently
def test_a_page_scanned_sideways_or_upside_down_reads_upright(tmp_path: Path, turn: int) -> None:
    scan = tmp_path / "turned.png"
    Image.open(RAW / "rendered" / "03_cv_ubnd_tinh.png").convert("L").rotate(turn, expand=True, fillcolor=255).save(scan)
    page = read_file(scan).pages[0]
    assert page.rotation == round(turn / 90) * 90
    assert "ỦY BAN NHÂN DÂN" in page.text and "845/UBND-KGVX" in page.text
    assert page.confidence is not None and page.confidence > 0.85


class _Engine:
    """Reads a blank back with a seal: a few words of noise at low confidence."""

    def __init__(self) -> None:
        self.asked = 0

    def ocr(self, image: Image.Image) -> OcrPage:
        words = [Word("“T9BBETZ2WS", 10, 10, 200, 40, 0.1), Word("CUNG.", 220, 10, 300, 40, 0.2)] * 5
        return OcrPage("“T9BBETZ2WS CUNG.", words, 0.15)

    def orientation(self, image: Image.Image) -> int:
        self.asked += 1
        return 180


def test_a_blank_back_is_not_turned(tmp_path: Path) -> None:
    scan = tmp_path / "back.png"
    Image.new("L", (1700, 2400), 255).save(scan)
    engine = _Engine()
    page = read_file(scan, engine=engine, restorer=False).pages[0]
    assert engine.asked == 0 and page.rotation == 0


def _grey_scan(tmp_path: Path) -> Path:
    """ocrvbhc_1 rasterised grey, as a grey scanner would give it."""
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(SHARED / "corpus/external/ocrvbhc_1.pdf"),
                    str(tmp_path / "p")], check=True)
    return next(tmp_path.glob("p*.png"))


@needs_shared()
def test_the_signer_name_under_a_grey_seal_is_read(tmp_path: Path) -> None:
    """A grey scan keeps the seal, and Tesseract takes seal and name for one picture; the picture
    is read again and the name inside it kept (Tesseract's recorded reading)."""
    read = read_file(_grey_scan(tmp_path))
    assert "Phùng Tô Long" in read.text
    assert extract_record(read)["signer"]["name"] == "Phùng Tô Long"


@pytest.mark.ocr
@needs_tesseract()
@needs_shared()
def test_the_live_binary_reads_the_name_under_a_grey_seal(tmp_path: Path) -> None:
    """What every machine's Tesseract reads in the picture read again: the name's first two
    syllables (on some CPUs the LSTM loses the third, 'Phùng Tô' for 'Phùng Tô Long')."""
    assert "Phùng Tô" in read_file(_grey_scan(tmp_path)).text


@needs_shared()
def test_a_deputy_signature_block_touching_the_seal_gives_authority_and_title(tmp_path: Path) -> None:
    """vietadmin_1's 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' runs into the seal: Tesseract takes the block
    for a picture, and read again the first line comes back at 0.7-0.8 ('KT. GLAM ĐỌC') and the
    second without its 'PHÓ'. A deputy signs for the head, so the title is the deputy's."""
    subprocess.run(["pdftoppm", "-r", "300", "-f", "2", "-l", "2", "-gray", "-png",
                    str(SHARED / "corpus/external/vietadmin_1.pdf"), str(tmp_path / "p")], check=True)
    signer = extract_record(read_file(next(tmp_path.glob("p*.png"))))["signer"]
    assert signer == {"name": "Trần Nguyễn Minh Thành", "title": "Phó Giám đốc", "authority": "KT."}


def test_a_group4_fax_tiff_is_read(tmp_path: Path) -> None:
    """Frames go to Tesseract as plain uncompressed TIFF: a fax's Group 4 compression and its own
    resolution tags must not travel with the pixels."""
    fax = ROOT / "tests/regression/corpus/07_qd_ubnd_tinh__fax.tif"
    assert Image.open(fax).info.get("compression") == "group4"
    assert "QUYẾT ĐỊNH" in read_file(fax, restorer=False).text
