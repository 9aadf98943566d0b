"""Generate a hostile corpus: every way a file in a real batch can fail to be a document, beside
files that look odd but are documents and must be stored.

`make(directory)` writes the files and returns, per file name (relative to `directory`), its
Case: what kind of input it is and a phrase its one error line must contain (with
`--max-pages 3`), or None for a file that must be stored. Used by tests/test_bad_input.py and
scripts/bad_input_table.py; run by hand to look at the files:

    python scripts/make_bad_inputs.py /tmp/bad && congvan ingest /tmp/bad --max-pages 3
"""
from __future__ import annotations

import io
import os
import struct
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
TEXT_LIMIT = 2_000_000  # pipeline.types.Limits.max_text_bytes


@dataclass(frozen=True)
class Case:
    kind: str
    expect: str | None  # a phrase of the file's error; None: it must be stored


def _pdf(pages: int = 1, encrypt: str | None = None, lines: list[str] | None = None,
         size: tuple[float, float] | None = None) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=encrypt, pagesize=size or (595.27, 841.89))
    font = "Helvetica"
    if lines:
        dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
        if dejavu.exists():
            pdfmetrics.registerFont(TTFont("DejaVuSerif", str(dejavu)))
            font = "DejaVuSerif"
    for i in range(pages):
        c.setFont(font, 11)
        for n, line in enumerate(lines or [f"Trang {i + 1}: Ủy ban nhân dân tỉnh Bình An"]):
            c.drawString(50, 800 - 14 * n, line)
        c.showPage()
    c.save()
    return buf.getvalue()


def _image(size: tuple[int, int], fmt: str, mode: str = "L", frames: int = 1) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    images = [Image.new(mode, size, 255 if mode != "1" else 1) for _ in range(frames)]
    extra = {"save_all": True, "append_images": images[1:]} if frames > 1 else {}
    images[0].save(buf, format=fmt, **extra)
    return buf.getvalue()


def _bomb_png(side: int = 40_000) -> bytes:
    """40,000 x 40,000 white pixels (1.6 gigapixels) in a few hundred kilobytes: a 1-bit PNG written
    chunk by chunk (Pillow's encoder takes seconds to squeeze it)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = (b"\x00" + b"\xff" * ((side + 7) // 8)) * 1000
    z = zlib.compressobj(9)
    idat = b"".join(z.compress(rows) for _ in range(side // 1000)) + z.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", idat) + chunk(b"IEND", b""))


def _docx(xml: str | None, name: str = "word/document.xml") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(name if xml is not None else "hello.txt", xml if xml is not None else "not a word document")
    return buf.getvalue()


def _one_line(size: int) -> bytes:
    """Citations on one line with no break: what made reading a long text quadratic."""
    unit = "Căn cứ Công văn số 845/UBND-KGVX ngày 12/3/2024 của UBND tỉnh về việc chuyển đổi số; ".encode()
    return unit * (size // len(unit) + 1)


def cases(dispatch: str, other: str, big: bool = True) -> dict[str, tuple[bytes | None, Case]]:
    """Every file as (bytes, case); None bytes for what `make` makes otherwise (links, FIFOs)."""
    pdf = _pdf()
    png = _image((800, 600), "PNG")
    jpeg = _image((800, 600), "JPEG")
    tiff = _image((800, 600), "TIFF")
    body = dispatch.encode()
    nul = body[:5000] + b"\x00" + body[5000:] if len(body) > 5000 else body + b" " * (5000 - len(body)) + b"\x00"
    layer = [ln for ln in other.splitlines() if ln.strip()][:40]
    c = Case
    return {
        # the corpus this script always wrote
        "empty.pdf": (b"", c("empty file", "empty file")),
        "text_named.pdf": (b"Cong van so 12/UBND, this is plain text\n", c("text named .pdf", "has a .pdf extension but is not a PDF")),
        "truncated.pdf": (pdf[: len(pdf) // 3], c("PDF cut at a third", "PDF")),
        "encrypted.pdf": (_pdf(encrypt="mat-khau"), c("encrypted PDF", "encrypted PDF")),
        "five_pages.pdf": (_pdf(pages=5), c("PDF over --max-pages", "5 pages is over the 3-page limit")),
        "bomb.png": (_bomb_png(), c("PNG decompression bomb (1.6 GP)", "pixel limit")),
        "corrupt.tif": (tiff[:200] + b"\x00" * 64, c("TIFF with garbage after its header", "image cannot be decoded")),
        "program.jpg": (b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 8, c("program named .jpg", "has a .jpg extension but is not a JPG")),
        "no_body.docx": (_docx(None), c("zip without word/document.xml", "not a readable .docx")),
        "garbage.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, c("OLE header, no Word file", "not a readable Word document")),
        "binary.txt": (bytes(range(256)) * 16, c("binary named .txt", "binary file")),
        "blank.txt": (b"   \n\n\t\n", c("whitespace only", "no text could be read")),
        # special files and links (made by `make`)
        "fifo.txt": (None, c("FIFO in a folder", "not a regular file (a FIFO)")),
        "zero.txt": (None, c("link to /dev/zero", "not a regular file (a character device)")),
        "null.pdf": (None, c("link to /dev/null", "not a regular file (a character device)")),
        "dangling.txt": (None, c("dangling symbolic link", "a dangling symbolic link")),
        "loop.txt": (None, c("symbolic link to itself", "a symbolic link loop")),
        "sub/up": (None, c("folder link back up the tree", "a folder already read")),
        # text
        "nul_after_4k.txt": (nul, c("dispatch with a NUL byte after 4 KB", "NUL byte at offset")),
        "utf16_no_bom.txt": (dispatch.encode("utf-16-le"), c("UTF-16 without a byte-order mark", "binary file")),
        "fifty_mb.txt": (_one_line(50_000_000) if big else None, c("50 MB text", "text limit")),
        "over_text_limit.txt": (_one_line(TEXT_LIMIT + 1000), c("text just over --max-text-bytes", "text limit")),
        "[red]markup[/].txt": (b"", c("empty file named as rich markup", "empty file")),
        # images
        "strip_200x60000.png": (_image((200, 60_000), "PNG", "1"), c("200x60000 strip (upscaled to 768 MP before)", "no side over 32767")),
        "thin_1x60000.png": (_image((1, 60_000), "PNG", "1"), c("1x60000 image", "cannot hold a line of text")),
        "flat_60000x1.png": (_image((60_000, 1), "PNG", "1"), c("60000x1 image", "cannot hold a line of text")),
        "wide_40000x300.png": (_image((40_000, 300), "PNG", "1"), c("40000x300 image", "no side over 32767")),
        "tiny_8x8.png": (_image((8, 8), "PNG"), c("8x8 image", "cannot hold a line of text")),
        "four_frames.tif": (_image((64, 64), "TIFF", frames=4), c("TIFF over --max-pages", "4 frames is over the 3-page limit")),
        "truncated.png": (png[: len(png) // 2], c("PNG cut in half", "image cannot be decoded")),
        "truncated.jpg": (jpeg[:300], c("JPEG cut after its header", "image cannot be decoded")),
        "header_only.tif": (b"II*\x00" + b"\xff" * 60, c("TIFF magic and nothing else", "image cannot be decoded")),
        # PDF and Word
        "garbage_after_header.pdf": (b"%PDF-1.7\n" + bytes(range(256)) * 20, c("PDF header, garbage body", "PDF")),
        "huge_page.pdf": (_pdf(size=(14_400, 14_400)), c("200x200-inch PDF page to rasterise", "pixel limit")),
        "bad_xml.docx": (_docx("<w:document><w:body><w:p>"), c("docx with broken XML", "not a readable .docx")),
        "text_named.doc": (b"<html><body>Cong van</body></html>\n", c("HTML named .doc", "has a .doc extension but is not a DOC")),
        "ole_named.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, c("OLE bytes named .docx", "not a readable Word document")),
        # must be stored
        "good.txt": (body, c("a dispatch (UTF-8)", None)),
        "same_bytes_a.txt": (other.encode(), c("identical bytes under two names (1)", None)),
        "same_bytes_b.txt": (other.encode(), c("identical bytes under two names (2)", None)),
        "crlf.txt": (RAW.joinpath("06_tb_ubnd_huyen.txt").read_text(encoding="utf-8").replace("\n", "\r\n").encode(),
                     c("Windows line ends", None)),
        "utf16_bom.txt": (RAW.joinpath("07_qd_ubnd_tinh.txt").read_text(encoding="utf-8").encode("utf-16"),
                          c("UTF-16 with a byte-order mark", None)),
        "cp1258.txt": (RAW.joinpath("08_bc_so_khcn.txt").read_text(encoding="utf-8").encode("cp1258", "replace"),
                       c("Windows-1258", None)),
        "công văn số 5 [bold]x[/bold].txt": (RAW.joinpath("02_cv_tinh_uy.txt").read_bytes(),
                                             c("Vietnamese and markup in the name", None)),
        "a/b/c/d/e/f/deep.txt": (RAW.joinpath("04_cv_so_khcn.txt").read_bytes(), c("six folders deep", None)),
        "one_line.txt": (_one_line(1_000_000 if big else 300_000), c(f"{'1 MB' if big else '300 KB'} on one line", None)),
        "controls.txt": (RAW.joinpath("01_kh_bcd_tinh.txt").read_text(encoding="utf-8").replace(
            "\n\n", "\n\x0c\x1b[31m\x07\n").encode(), c("form feeds, escapes, bells", None)),
        "nul_text_layer.pdf": (_pdf(lines=[ln.replace(" ", "\x00 ", 1) for ln in layer]),
                               c("PDF text layer with NUL characters", None)),
    }


def make(directory: Path, big: bool = True) -> dict[str, Case]:
    """`big`: also the 50 MB file and a 1 MB one-line text (the table); the test makes them smaller."""
    directory.mkdir(parents=True, exist_ok=True)
    dispatch = RAW.joinpath("03_cv_ubnd_tinh.txt").read_text(encoding="utf-8")
    other = RAW.joinpath("05_cv_so_noi_vu.txt").read_text(encoding="utf-8")
    out: dict[str, Case] = {}
    for name, (data, case) in cases(dispatch, other, big).items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if data is not None:
            path.write_bytes(data)
        elif name == "fifty_mb.txt":
            continue
        elif name == "fifo.txt":
            os.mkfifo(path)
        elif name in ("zero.txt", "null.pdf"):
            path.symlink_to("/dev/zero" if name == "zero.txt" else "/dev/null")
        elif name == "dangling.txt":
            path.symlink_to(directory / "nowhere.txt")
        elif name == "loop.txt":
            path.symlink_to(path.name)
        elif name == "sub/up":
            path.symlink_to("..", target_is_directory=True)
        out[name] = case
    return out


if __name__ == "__main__":
    where = Path(sys.argv[1] if len(sys.argv) > 1 else "data/processed/bad_inputs")
    for name, case in make(where).items():
        print(f"{where / name}: {case.kind}: expect {repr(case.expect) if case.expect else 'stored'}")
