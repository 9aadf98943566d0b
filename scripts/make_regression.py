#!/usr/bin/env python3
"""Regenerate tests/regression/corpus: degraded scans of the project's own dispatch texts.

Every variant is made from a text in data/raw, laid out as a dispatch by make_samples.draw,
rasterised with pdftoppm and degraded with a fixed seed, so a rerun writes the same files.
The gold record of each scan is tests/regression/gold/<stem>.json (the checked record of
its source text) and <stem>.txt is the source text, the reference for CER.

Usage: scripts/make_regression.py [--gold]   (--gold also rewrites the gold records from
the text extraction of the sources; check them by hand before committing)
"""
from __future__ import annotations

import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageFilter, ImageOps
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_samples import RAW, ROOT, draw, register_fonts  # noqa: E402

OUT = ROOT / "tests" / "regression"
Pages = list[Image.Image]


def rasterise(pdf: Path, dpi: int) -> Pages:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), f"{tmp}/p"], check=True)
        return [Image.open(p).copy() for p in sorted(Path(tmp).glob("p*.png"))]


def speckle(im: Image.Image, rnd: random.Random, density: int) -> Image.Image:
    px = im.load()
    for _ in range(im.width * im.height // density):
        px[rnd.randrange(im.width), rnd.randrange(im.height)] = rnd.choice((0, 80, 255))
    return im


def skew(im: Image.Image, rnd: random.Random) -> Image.Image:
    return im.rotate(rnd.choice((-1, 1)) * rnd.uniform(1.0, 3.0), fillcolor=255, resample=Image.BICUBIC)


def perspective(im: Image.Image, rnd: random.Random) -> Image.Image:
    """A page photographed slightly from one side: top edge narrower than the bottom."""
    w, h = im.size
    d = w * rnd.uniform(0.02, 0.04)
    src = [(d, 0), (w - d * 0.5, d * 0.3), (w, h), (0, h - d * 0.2)]
    coeffs = _perspective_coeffs([(0, 0), (w, 0), (w, h), (0, h)], src)
    return im.transform((w, h), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=255)


def _perspective_coeffs(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    import numpy as np

    rows = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(rows, dtype=float)
    b = np.array([c for pt in src for c in pt], dtype=float)
    return [float(c) for c in np.linalg.solve(a, b)]


def save_png(pages: Pages, target: Path, dpi: int = 300) -> None:
    pages[0].save(target, dpi=(dpi, dpi), optimize=True)


def save_jpeg(pages: Pages, target: Path, quality: int) -> None:
    buf = io.BytesIO()
    pages[0].save(buf, "JPEG", quality=quality, dpi=(300, 300))
    target.write_bytes(buf.getvalue())


def garbled_pdf(pages: Pages, text: str, target: Path) -> None:
    """Page images with an invisible text layer of accent-stripped, misread text (an old OCR)."""
    import unicodedata

    stripped = "".join(c for c in unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
                       if unicodedata.category(c) != "Mn")
    garbled = stripped.replace("o", "°").replace("u", "v").replace("c", "e")
    c = canvas.Canvas(str(target), pagesize=A4)
    w, h = A4
    for im in pages:
        with tempfile.NamedTemporaryFile(suffix=".png") as f:
            im.save(f.name)
            c.drawImage(f.name, 0, 0, w, h)
        t = c.beginText(40, h - 60)
        t.setTextRenderMode(3)  # invisible, as OCR layers are
        t.setFont("Helvetica", 10)
        for line in garbled.splitlines():
            t.textLine(line)
        c.drawText(t)
        c.showPage()
    c.save()


# name -> (source text, dpi, degrade pages, writer)
Variant = tuple[str, int, Callable[[Pages, random.Random], Pages], str]
VARIANTS: dict[str, Variant] = {
    "clean": ("02_cv_tinh_uy", 300, lambda p, r: p, "png"),
    "skewed": ("03_cv_ubnd_tinh", 300, lambda p, r: [skew(i, r) for i in p], "png"),
    "blurred": ("04_cv_so_khcn", 300, lambda p, r: [i.filter(ImageFilter.GaussianBlur(1.3)) for i in p], "png"),
    "noisy": ("05_cv_so_noi_vu", 300, lambda p, r: [speckle(i, r, 60) for i in p], "png"),
    "jpeg": ("06_tb_ubnd_huyen", 300, lambda p, r: p, "jpeg"),
    "fax": ("07_qd_ubnd_tinh", 200, lambda p, r: [skew(i, r).point(lambda v: 0 if v < 150 else 255).convert("1", dither=Image.Dither.NONE) for i in p], "tiff-g4"),
    "lowres": ("08_bc_so_khcn", 150, lambda p, r: p, "png150"),
    "photo": ("02_cv_tinh_uy", 300, lambda p, r: [ImageOps.autocontrast(perspective(i, r).filter(ImageFilter.GaussianBlur(0.7)), cutoff=0) for i in p], "jpeg"),
    "multipage": ("01_kh_bcd_tinh", 300, lambda p, r: [speckle(skew(i, r), r, 400) for i in p], "tiff"),
    "garbled_layer": ("04_cv_so_khcn", 300, lambda p, r: p, "garbled-pdf"),
}


def make(name: str, variant: Variant, seed: int) -> Path:
    stem, dpi, degrade, kind = variant
    text = (RAW / f"{stem}.txt").read_text(encoding="utf-8")
    rnd = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "x.pdf"
        draw(text, pdf)
        pages = degrade(rasterise(pdf, dpi), rnd)
    base = OUT / "corpus" / f"{stem}__{name}"
    if kind.startswith("png"):
        target = base.with_suffix(".png")
        save_png(pages, target, dpi)
    elif kind == "jpeg":
        target = base.with_suffix(".jpg")
        save_jpeg(pages, target, 45 if name == "jpeg" else 70)
    elif kind == "tiff-g4":
        target = base.with_suffix(".tif")
        pages[0].save(target, compression="group4", dpi=(dpi, dpi))
    elif kind == "tiff":
        target = base.with_suffix(".tif")
        pages[0].save(target, save_all=True, append_images=pages[1:], compression="tiff_deflate", dpi=(dpi, dpi))
    else:
        target = base.with_suffix(".pdf")
        garbled_pdf(pages, text, target)
    return target


def write_gold(target: Path, stem: str, from_text: bool) -> None:
    gold = OUT / "gold"
    shutil.copyfile(RAW / f"{stem}.txt", gold / f"{target.stem}.txt")
    record_path = gold / f"{target.stem}.json"
    if from_text or not record_path.exists():
        from pipeline.extract import extract_record
        from pipeline.reading.files import read_file

        record = extract_record(read_file(RAW / f"{stem}.txt"))
        keep = {k: v for k, v in record.items() if k not in ("source", "provenance")}
        record_path.write_text(json.dumps(keep, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> int:
    register_fonts()
    for sub in ("corpus", "gold"):
        (OUT / sub).mkdir(parents=True, exist_ok=True)
    for i, (name, variant) in enumerate(VARIANTS.items()):
        target = make(name, variant, seed=2000 + i)
        write_gold(target, variant[0], "--gold" in sys.argv)
        print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
