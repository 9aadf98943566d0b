"""What the second reader of handwritten header digits costs per scanned document (issue 23).

    PYTHONPATH=. .venv/bin/python scripts/bench_handwritten.py SCAN... [--live-tesseract]

Each scan is read as the pipeline reads it (Tesseract replayed from $CONGVAN_OCR_CACHE when set,
or run live), then pipeline/handwritten.py runs with rapidocr live, and the table gives the
stage's seconds, its crops, and the ratio to the page's OCR seconds (meaningful with
--live-tesseract). The model load, once per worker process, is reported on its own.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.extract import extract_record, structure  # noqa: E402
from pipeline.handwritten import fill_handwritten  # noqa: E402
from pipeline.reading.files import read_file  # noqa: E402
from pipeline.tools import ocr_cache  # noqa: E402
from pipeline.tools import rapidocr as rapid  # noqa: E402


class Counting(rapid.RapidOcrReader):
    crops = 0

    def read(self, image):  # type: ignore[no-untyped-def]  # noqa: ANN001, ANN201
        Counting.crops += 1
        return super().read(image)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("scans", nargs="+", type=Path)
    ap.add_argument("--live-tesseract", action="store_true")
    args = ap.parse_args()
    cache = os.environ.pop(ocr_cache.ENV_DIR, None) if args.live_tesseract else os.environ.get(ocr_cache.ENV_DIR)
    t0 = time.perf_counter()
    rapid._engine()
    print(f"rapidocr model load: {time.perf_counter() - t0:.2f} s (once per process)")
    stage = []
    print(f"{'scan':24} {'ocr s':>7} {'stage s':>8} {'crops':>5} {'ratio':>6}")
    for scan in args.scans:
        read = read_file(scan)
        tree = structure(read)
        record = extract_record(read, tree)
        ocr_s = sum(p.seconds for p in read.pages)
        os.environ.pop(ocr_cache.ENV_DIR, None)  # the second reader live
        Counting.crops = 0
        t = time.perf_counter()
        fill_handwritten(read, tree, record, Counting())
        dt = time.perf_counter() - t
        if cache and not args.live_tesseract:
            os.environ[ocr_cache.ENV_DIR] = cache
        stage.append(dt)
        print(f"{scan.stem:24} {ocr_s:7.2f} {dt:8.3f} {Counting.crops:5d} {dt / ocr_s if ocr_s else 0:6.3f}")
    print(f"mean {statistics.fmean(stage):.3f} s, max {max(stage):.3f} s per scan over {len(stage)} scans")


if __name__ == "__main__":
    main()
