"""Generate a corpus of bad input: every way a file in a real batch can fail to be a document.

`make(directory)` writes the files and returns, per file name, a phrase its error must contain
(with `--max-pages 3`). Used by tests/test_bad_input.py; run by hand to look at the files:

    python scripts/make_bad_inputs.py /tmp/bad && congvan ingest /tmp/bad --max-pages 3
"""
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path


def _pdf(pages: int = 1, encrypt: str | None = None) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=encrypt)
    for i in range(pages):
        c.drawString(72, 720, f"Trang {i + 1}: Ủy ban nhân dân tỉnh Bình An")
        c.showPage()
    c.save()
    return buf.getvalue()


def _tiff() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (800, 600), 255).save(buf, format="TIFF")
    return buf.getvalue()


def _bomb_png() -> bytes:
    """40,000 x 40,000 pixels (1.6 gigapixels) in a few hundred kilobytes."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("1", (40_000, 40_000), 1).save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def make(directory: Path) -> dict[str, str]:
    directory.mkdir(parents=True, exist_ok=True)
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("hello.txt", "not a word document")
    tiff = _tiff()
    pdf = _pdf()
    files = {
        "empty.pdf": (b"", "empty file"),
        "text_named.pdf": (b"Cong van so 12/UBND, this is plain text\n", "has a .pdf extension but is not a PDF"),
        "truncated.pdf": (pdf[: len(pdf) // 3], "PDF"),
        "encrypted.pdf": (_pdf(encrypt="mat-khau"), "encrypted PDF"),
        "five_pages.pdf": (_pdf(pages=5), "5 pages is over the 3-page limit"),
        "bomb.png": (_bomb_png(), "pixel limit"),
        "corrupt.tif": (tiff[:200] + b"\x00" * 64, "image cannot be decoded"),
        "program.jpg": (b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 8, "has a .jpg extension but is not a JPG"),
        "no_body.docx": (docx.getvalue(), "not a readable .docx"),
        "garbage.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "not a readable Word document"),
        "binary.txt": (bytes(range(256)) * 16, "binary file"),
        "blank.txt": (b"   \n\n\t\n", "no text could be read"),
    }
    for name, (data, _) in files.items():
        (directory / name).write_bytes(data)
    return {name: reason for name, (_, reason) in files.items()}


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "data/processed/bad_inputs")
    for name, reason in make(out).items():
        print(f"{out / name}: expect '{reason}'")
