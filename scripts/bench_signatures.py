#!/usr/bin/env python3
"""What checking a signed PDF's digital signatures adds to reading it, measured in one run.

Reads a signed PDF (by default tests/corpus/inputs/sct_05.pdf: 4 pages, 5 signatures, text layer)
with `read_file` as the pipeline does, and again with the signature check left out, alternating
the two for --rounds rounds after one warm-up of each (pyHanko's import, about a second, is paid
once per worker process and is reported apart). Prints the median wall and CPU seconds of each,
the difference and the ratio. Issue 19's target: at most 0.5 s more.

Usage: scripts/bench_signatures.py [FILE] [--rounds 5]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.reading import files  # noqa: E402


def timed(path: Path, check: bool) -> tuple[float, float, int]:
    verify = files.verify_pdf
    if not check:
        files.verify_pdf = lambda *a, **k: []  # type: ignore[assignment]
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        read = files.read_file(path, ocr="off")
        return time.perf_counter() - wall, time.process_time() - cpu, len(read.signatures)
    finally:
        files.verify_pdf = verify


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=Path, default=ROOT / "tests/corpus/inputs/sct_05.pdf")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    t0 = time.perf_counter()
    import pyhanko.sign.validation  # noqa: F401 - the import a worker pays once
    print(f"pyHanko import (once per process): {time.perf_counter() - t0:.2f} s")
    timed(args.file, False)
    _, _, count = timed(args.file, True)
    runs: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
    for _ in range(args.rounds):
        for check in (False, True):
            wall, cpu, _ = timed(args.file, check)
            runs[check].append((wall, cpu))
    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in runs.items()}
    (w0, c0), (w1, c1) = med[False], med[True]
    print(f"{args.file.name}: {count} signatures, median of {args.rounds} rounds")
    print(f"  read without the check   {w0:6.3f} s wall  {c0:6.3f} s CPU")
    print(f"  read with the check      {w1:6.3f} s wall  {c1:6.3f} s CPU")
    print(f"  the check adds           {w1 - w0:6.3f} s wall  {c1 - c0:6.3f} s CPU   "
          f"(ratio {w1 / w0:.2f} wall, {c1 / c0:.2f} CPU; target: at most 0.5 s more)")


if __name__ == "__main__":
    main()
