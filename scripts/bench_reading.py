#!/usr/bin/env python3
"""OCR path: accuracy and speed against raw Tesseract, measured in one run.

Accuracy: text-layer PDFs (the development set's and the project's own) are rasterised at
300 dpi and read back through congvan's OCR path (`read_file --ocr force`: preprocessing,
`tesseract -l vie`, layout, normalisation, diacritic repair); the bag-of-words error rate
against their text layers (../shared/eval/bag_wer.py's definition: share of reference words
missing, reading order ignored) is printed beside raw `tesseract -l vie --psm 3` on the
same pages. The project's scan-like regression renders are scored against their source texts.

Speed: pages per second of the OCR path on 1 and 2 workers, and of raw tesseract
(OMP_THREAD_LIMIT=1) on the same images, as ratios.

Usage: scripts/bench_reading.py [--shared ../shared] [--rounds 3]
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from timing import Rate  # noqa: E402

from pipeline.ingest import process_all  # noqa: E402
from pipeline.reading.files import read_file  # noqa: E402

os.environ["OMP_THREAD_LIMIT"] = "1"


def words(text: str) -> Counter[str]:
    t = unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").casefold()
    return Counter(re.findall(r"\w+", t))


def bag_wer(ref: str, hyp: str) -> float:
    r, h = words(ref), words(hyp)
    total = sum(r.values())
    return (total - sum((r & h).values())) / total if total else 0.0


def text_layer(pdf: Path) -> str:
    """A PDF's own text layer, as pdfplumber gives it (not through congvan's reader)."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return "\n".join(p.extract_text() or "" for p in doc.pages)


def rasterise(pdf: Path, out: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(pdf), str(out / pdf.stem)], check=True)
    return sorted(out.glob(f"{pdf.stem}*.png"))


def raw_tesseract(images: list[Path]) -> tuple[str, float]:
    t0 = time.perf_counter()
    texts = [subprocess.run(["tesseract", str(i), "-", "-l", "vie", "--psm", "3"], capture_output=True,
                            text=True, check=True).stdout for i in images]
    return "\n".join(texts), time.perf_counter() - t0


def ours(images: list[Path]) -> tuple[str, float]:
    t0 = time.perf_counter()
    texts = [read_file(i).text for i in images]
    return "\n".join(texts), time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3, help="times the batch of pages goes through the pool")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    pdfs = [p for p in (args.shared / "corpus/external/ocrvbhc_1.pdf", args.shared / "corpus/external/ocrvbhc_3.pdf")
            if p.exists()] + sorted((ROOT / "data/raw/rendered").glob("*.pdf"))
    all_images: list[Path] = []
    scans: list[Path] = []
    t_ours = t_raw = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'text-layer PDF, rasterised':34} {'pages':>5} {'congvan':>8} {'raw tesseract':>14}")
        for pdf in pdfs:
            images = rasterise(pdf, Path(tmp))
            all_images += images
            ref = text_layer(pdf)
            hyp, dt = ours(images)
            raw, dr = raw_tesseract(images)
            t_ours, t_raw = t_ours + dt, t_raw + dr
            print(f"{pdf.name:34} {len(images):5d} {bag_wer(ref, hyp):8.2%} {bag_wer(ref, raw):14.2%}")
        print(f"\n{'regression render (vs source text)':34} {'pages':>5} {'congvan':>8} {'raw tesseract':>14}")
        gold = ROOT / "tests/regression/gold"
        for scan in sorted((ROOT / "tests/regression/corpus").glob("*")):
            if scan.suffix == ".pdf":
                continue
            ref = (gold / f"{scan.stem}.txt").read_text(encoding="utf-8")
            hyp = read_file(scan).text
            scans.append(scan)
            raw = subprocess.run(["tesseract", str(scan), "-", "-l", "vie", "--psm", "3"], capture_output=True,
                                 text=True).stdout
            print(f"{scan.name:34} {'':5} {bag_wer(ref, hyp):8.2%} {bag_wer(ref, raw):14.2%}")
        n = len(all_images)
        batch_files = (all_images + scans) * args.rounds

        def pool_run(workers: int) -> Callable[[int], tuple[int, float]]:
            def measure(k: int) -> tuple[int, float]:  # the whole recipe, read to record, through the ingest pool
                t0 = time.perf_counter()
                pages = sum(len(r.read.pages) for r in process_all(batch_files[:k], workers=workers) if r.read)
                return pages, time.perf_counter() - t0
            return measure

        batch = {workers: Rate.marginal(pool_run(workers), len(batch_files)) for workers in (1, 2)}
    print(f"\nspeed on the {n} rasterised pages: raw tesseract {n / t_raw:.2f} pages/s; congvan reading "
          f"{n / t_ours:.2f} pages/s ({t_raw / t_ours:.2f}x raw tesseract)")
    print(f"batch of {batch[1].units} pages (read + extract), pages per second:\n  1 worker  {batch[1]}\n  2 workers {batch[2]}"
          f"   {batch[2].steady / batch[1].steady:.2f}x one worker (steady; {batch[2].wall / batch[1].wall:.2f}x with start-up)")


if __name__ == "__main__":
    main()
