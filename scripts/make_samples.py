#!/usr/bin/env python3
"""Regenerate the rendered samples in data/raw/rendered from the project's own texts.

Each text is laid out as a dispatch (two-column header, body, Nơi nhận | signature) in
DejaVu Serif, written as a text-layer PDF; scans are that PDF rasterised at 300 dpi with
realistic noise (skew, blur, speckle, JPEG), from a fixed seed so reruns are identical.
"""
from __future__ import annotations

import io
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
OUT = RAW / "rendered"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
RIGHT = re.compile(r"^(CỘNG HÒA|ĐẢNG CỘNG SẢN|Độc lập|.*, ngày .* năm \d{4})")
# which texts become which renders: (stem, kind)
RENDERS = [("03_cv_ubnd_tinh", "pdf"), ("03_cv_ubnd_tinh", "png"), ("01_kh_bcd_tinh", "tiff"),
           ("04_cv_so_khcn", "pdf"), ("07_qd_ubnd_tinh", "jpg")]


def register_fonts() -> None:
    pdfmetrics.registerFont(TTFont("Serif", str(FONT_DIR / "DejaVuSerif.ttf")))
    pdfmetrics.registerFont(TTFont("Serif-Bold", str(FONT_DIR / "DejaVuSerif-Bold.ttf")))


def layout(text: str) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    """Split a sample text into header-left, header-right, body, Nơi nhận, signature."""
    lines = text.splitlines()
    blank = lines.index("") if "" in lines else 0
    head = lines[:blank]
    left = [ln for ln in head if not RIGHT.match(ln)]
    right = [ln for ln in head if RIGHT.match(ln)]
    rest = lines[blank + 1:]
    nn = next(i for i, ln in enumerate(rest) if ln.startswith("Nơi nhận"))
    foot = rest[nn:]
    cc = [ln for ln in foot if ln.startswith(("Nơi nhận", "-"))]
    sig = [ln for ln in foot if not ln.startswith(("Nơi nhận", "-"))]
    return left, right, rest[:nn], cc, sig


def draw(text: str, path: Path) -> None:
    left, right, body, cc, sig = layout(text)
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    y0 = h - 20 * mm

    def centred(lines: list[str], cx: float, y: float, size: float = 11.5) -> float:
        for ln in lines:
            bold = ln.isupper() or ln.startswith(("Số", "Độc lập"))
            c.setFont("Serif-Bold" if bold and not ln.startswith("Số") else "Serif", size)
            c.drawCentredString(cx, y, ln)
            y -= size * 1.35
        return y

    yl = centred(left, 55 * mm, y0)
    yr = centred(right, 135 * mm, y0)
    y = min(yl, yr) - 8 * mm
    for para in body:
        if not para.strip():
            y -= 4
            continue
        heading = para.isupper()
        c.setFont("Serif-Bold" if heading else "Serif", 12.5)
        for ln in simpleSplit(para, "Serif", 12.5, w - 45 * mm):
            if y < 30 * mm:
                c.showPage()
                y = h - 20 * mm
                c.setFont("Serif", 12.5)
            (c.drawCentredString(w / 2, y, ln) if heading else c.drawString(25 * mm, y, ln))
            y -= 17
    y -= 10
    if y < 70 * mm:
        c.showPage()
        y = h - 25 * mm
    ys = y
    for ln in cc:
        c.setFont("Serif-Bold" if ln.startswith("Nơi") else "Serif", 10.5)
        c.drawString(22 * mm, y, ln)
        y -= 14
    centred(sig[:-1], 140 * mm, ys, 12)
    c.setFont("Serif-Bold", 12.5)
    c.drawCentredString(140 * mm, ys - 95, sig[-1])
    c.save()


def scan(pdf: Path, seed: int) -> list[Image.Image]:
    """300 dpi render with skew, slight blur and speckle noise."""
    rnd = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(pdf), f"{tmp}/p"], check=True)
        pages = [Image.open(p).copy() for p in sorted(Path(tmp).glob("p*.png"))]
    out = []
    for im in pages:
        im = im.rotate(rnd.uniform(-1.5, 1.5), expand=False, fillcolor=255, resample=Image.BICUBIC)
        im = im.filter(ImageFilter.GaussianBlur(0.6))
        px = im.load()
        for _ in range(im.width * im.height // 400):
            x, y = rnd.randrange(im.width), rnd.randrange(im.height)
            px[x, y] = rnd.choice((0, 90, 255))
        out.append(im)
    return out


def main() -> int:
    register_fonts()
    OUT.mkdir(parents=True, exist_ok=True)
    for i, (stem, kind) in enumerate(RENDERS):
        text = (RAW / f"{stem}.txt").read_text(encoding="utf-8")
        target = OUT / f"{stem}.{kind}"
        if kind == "pdf":
            draw(text, target)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            pdf = Path(tmp) / "x.pdf"
            draw(text, pdf)
            pages = scan(pdf, seed=1000 + i)
        if kind == "jpg":
            buf = io.BytesIO()
            pages[0].save(buf, "JPEG", quality=70)
            target.write_bytes(buf.getvalue())
        elif kind == "tiff":
            pages[0].save(target, save_all=True, append_images=pages[1:], compression="tiff_deflate", dpi=(300, 300))
        else:
            pages[0].save(target, dpi=(300, 300))
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
