"""Documents typed before Unicode read as Unicode: TCVN3 (ABC) and VNI, in text files, Word and PDF text layers."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from extractors.text import fold
from pipeline.extract import extract_record
from pipeline.reading.files import read_file
from pipeline.reading.legacy import TABLES, to_unicode
from tests.conftest import RAW

HEADER_FIELDS = ("doc_type", "number", "symbol", "issue_date", "place", "subject")


def _encoder(encoding: str) -> dict[str, str]:
    return {v: k for k, v in json.loads(TABLES.read_text(encoding="utf-8"))[encoding].items()}


def encode_tcvn3(text: str) -> str:
    """As typed with .VnTime fonts: capitals with marks from the capitals font (lower-case codes)."""
    table = _encoder("TCVN3")
    return "".join(table.get(c, table.get(c.lower(), c)) for c in unicodedata.normalize("NFC", text))


def encode_vni(text: str) -> str:
    table = _encoder("VNI")
    return "".join(table.get(c, c) for c in unicodedata.normalize("NFC", text))


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 keeps â ê ô ă ơ ư đ whole and writes tone marks as combining characters."""
    out = b""
    for c in unicodedata.normalize("NFC", text):
        try:
            out += c.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", c)
            tones = [m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323"]
            rest = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in tones))
            out += (rest + "".join(tones)).encode("cp1258")
    return out


def test_published_samples_convert() -> None:
    tcvn3 = "Céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\nKÝnh göi: Uû ban nh©n d©n c¸c huyÖn"
    vni = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc\nKính göûi: UÛY BAN NHAÂN DAÂN"
    assert to_unicode(tcvn3).text == ("Cộng hoà xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n"
                                      "Kính gửi: Uỷ ban nhân dân các huyện")
    assert to_unicode(tcvn3).encoding == "TCVN3"
    assert to_unicode(vni).text == "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\nKính gửi: ỦY BAN NHÂN DÂN"
    assert to_unicode(vni).encoding == "VNI"


@pytest.mark.parametrize("text", [
    "Cộng hòa xã hội chủ nghĩa Việt Nam, Độc lập - Tự do - Hạnh phúc. Kính gửi các sở, ban, ngành.",
    "Giá trị ± 5%, xem § 3 và ¶ 2 của Phụ lục; nhiệt độ 25 °C; tỷ lệ ½ so với năm trước đó nữa.",
    "Müller and Ødegaard signed the Brüssel memorandum on ñandú protection in Zürich last year.",
])
def test_unicode_text_is_left_alone(text: str) -> None:
    assert to_unicode(text).encoding is None
    assert to_unicode(text).text == text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1258", "tcvn3-bytes", "vni-bytes", "tcvn3-in-utf-8"])
def test_a_dispatch_in_any_encoding_gives_the_unicode_record(tmp_path: Path, encoding: str) -> None:
    source = RAW / "03_cv_ubnd_tinh.txt"
    text = source.read_text(encoding="utf-8")
    data = {
        "utf-8": lambda: text.encode("utf-8"),
        "utf-16": lambda: text.encode("utf-16"),
        "cp1258": lambda: encode_cp1258(text),
        "tcvn3-bytes": lambda: encode_tcvn3(text).encode("latin-1"),
        "vni-bytes": lambda: encode_vni(text).encode("cp1252"),
        "tcvn3-in-utf-8": lambda: encode_tcvn3(text).encode("utf-8"),
    }[encoding]()
    path = tmp_path / "dispatch.txt"
    path.write_bytes(data)
    read = read_file(path, restorer=False)
    assert read.pages[0].encoding == ("TCVN3" if "tcvn3" in encoding else "VNI" if "vni" in encoding else None)
    got, want = extract_record(read), extract_record(read_file(source, restorer=False))
    for name in HEADER_FIELDS:  # TCVN3 loses the case of marked capitals in running text only
        assert fold(str(got[name])) == fold(str(want[name])), name
    assert got["signer"]["name"] == want["signer"]["name"]


def test_a_text_layer_typed_in_a_tcvn3_font_is_converted(tmp_path: Path) -> None:
    reportlab = pytest.importorskip("reportlab.pdfgen.canvas")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"))
    pdf = tmp_path / "vntime.pdf"
    c = reportlab.Canvas(str(pdf))
    c.setFont("DejaVu", 11)
    lines = (RAW / "03_cv_ubnd_tinh.txt").read_text(encoding="utf-8").splitlines()[:30]
    for i, line in enumerate(lines):
        c.drawString(40, 800 - 16 * i, encode_tcvn3(line)[:95])
    c.save()
    read = read_file(pdf, ocr="auto", restorer=False)
    assert read.pages[0].method == "text-layer" and read.pages[0].encoding == "TCVN3"
    assert "Ủy ban nhân dân" in read.text or "Uỷ ban nhân dân" in read.text or "ỦY BAN NHÂN DÂN" in read.text
    assert extract_record(read)["source"]["legacy_encoding"] == "TCVN3"
