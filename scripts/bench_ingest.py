"""Ingest throughput and memory as a user sees them: whole runs of `congvan ingest`.

Every figure but the last two lines of the text part is a whole run of the `congvan ingest`
command as a program of its own into a fresh SQLite database (interpreter start, imports, each
worker's start, every commit), repeated `--runs` times with the sides interleaved (scripts/timing.py),
printed as the median and its spread:

- text documents (variants of the bundled sample dispatches, each with its own number, so every
  one is a new document with references, tasks and organisations to store): `--docs` files on
  1 and 2 workers (targets: 100 documents/s on 1 worker, 2 workers 1.7x one), and a batch of 50
  with the default workers (target 40 documents/s, start-up included);
- what the one writer costs: its CPU per document (the `congvan` process itself) against a
  worker's (the processes it started), target at most a quarter;
- scanned pages (the 3 bundled scans as they are, and `--scan-copies` colour copies of them with a
  pixel changed, so each is a new file): 1 worker against the `tesseract` command alone on the same
  images (-l vie --psm 3, OMP_THREAD_LIMIT=1, one after another), target 0.9x; 2 workers on the
  copies against tesseract alone, target 1.7x;
- peak RSS of a 2-worker ingest of --memory-docs documents, against 1 GB.

Two workers more than twice as fast as one (on 2 cores) fail the benchmark (exit 2): a broken
measurement, not a result. (Against `tesseract` alone there is no such bound: congvan hands
Tesseract a cleaned image, which it may read faster than the original.)

    python scripts/bench_ingest.py [--docs 2000] [--runs 3] [--memory-docs 10000] [--scan-copies 4]
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from timing import Process, Verdict, congvan_command, interleaved, load, run_program  # noqa: E402

SCANS = ("01_kh_bcd_tinh.tiff", "03_cv_ubnd_tinh.png", "07_qd_ubnd_tinh.jpg")


def make_batch(directory: Path, n: int) -> list[Path]:
    texts = sorted((ROOT / "data" / "raw").glob("*.txt"))
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        text = texts[i % len(texts)].read_text(encoding="utf-8")
        path = directory / f"{i:06d}.txt"
        text = re.sub(r"(Số:?\s*)\d+", rf"\g<1>{10000 + i}", text, count=1)  # its own number
        path.write_text(text + f"\nMã lưu {i}\n", encoding="utf-8")
        out.append(path)
    return out


def ingest(batch: Path, db: Path, workers: int | None) -> Process:
    """`congvan ingest BATCH --db fresh.db [--workers N]`, checked: every file stored."""
    db.unlink(missing_ok=True)
    args = ["ingest", str(batch), "--db", f"sqlite:///{db}", *(["--workers", str(workers)] if workers else [])]
    done = run_program(congvan_command(*args))
    want = len(list(batch.iterdir()))
    m = re.search(r"stored (\d+), merged into existing documents (\d+)", done.stderr)
    if not m or int(m[1]) + int(m[2]) != want:
        raise SystemExit(f"ingest of {batch} did not store its {want} files: {done.stderr[-400:]}")
    return done


def text_part(args: argparse.Namespace, tmp: Path, verdict: Verdict) -> None:
    batch, small = tmp / "batch", tmp / "small"
    make_batch(batch, args.docs)
    make_batch(small, 50)
    cpu: dict[int, list[tuple[float, float, float]]] = {1: [], 2: []}

    def side(workers: int | None, folder: Path) -> Callable[[int], float]:
        def run(i: int) -> float:
            done = ingest(folder, tmp / f"text-{workers}-{i}.db", workers)
            if workers in cpu:
                said = re.findall(r"storing ([0-9.]+) s of CPU", done.stderr)
                storing = float(said[-1]) if said else float("nan")  # an ingest older than the figure
                cpu[workers].append((storing, done.own_cpu, done.children_cpu))
            return done.wall
        return run

    runs = interleaved({"1 worker": side(1, batch), "2 workers": side(2, batch), "50 files": side(None, small)},
                       args.runs, units={"1 worker": args.docs, "2 workers": args.docs, "50 files": 50})
    one, two, fifty = runs["1 worker"], runs["2 workers"], runs["50 files"]
    ratios = sorted(a / b for a, b in zip(one.seconds, two.seconds, strict=True))
    ratio = one.median / two.median
    print(f"text documents: whole runs of `congvan ingest` into a fresh SQLite database ({load()})")
    print(f"  {args.docs} files, 1 worker    {one.rate_text(' docs/s')}  {verdict.target('text 1 worker', one.rate, 100)}")
    print(f"  {args.docs} files, 2 workers   {two.rate_text(' docs/s')}  {ratio:.2f}x one worker "
          f"(per round {ratios[0]:.2f}-{ratios[-1]:.2f})  {verdict.ratio('text 2 workers', ratio, 2, 1.7)}")
    print(f"  50 files, default workers  {fifty.rate_text(' docs/s')}  {verdict.target('text 50 files', fifty.rate, 40)}")
    for workers, seen in cpu.items():
        storing, own, work = (statistics.median(x[k] for x in seen) / args.docs * 1000 for k in range(3))
        mark = verdict.target(f"writer CPU ({workers})", storing / work, 0.25, at_least=False) if workers == 1 else ""
        print(f"  CPU per document, {workers} worker{'s' if workers > 1 else ' '}: the writer storing {storing:.2f} ms "
              f"(its whole process {own:.2f} ms), the workers {work:.2f} ms: {storing / work:.2f} of a worker's  {mark}")


def scan_part(args: argparse.Namespace, tmp: Path, verdict: Verdict) -> None:
    from PIL import Image

    three, copies = tmp / "scans3", tmp / "scans12"
    three.mkdir()
    copies.mkdir()
    for name in SCANS:
        (three / name).symlink_to(ROOT / "data" / "raw" / "rendered" / name)
    for r in range(args.scan_copies):
        for name in SCANS:
            img = Image.open(ROOT / "data" / "raw" / "rendered" / name).convert("RGB")
            px = img.getpixel((0, 0))
            img.putpixel((0, 0), tuple((c + r + 1) % 256 for c in px))  # type: ignore[arg-type, union-attr]
            img.save(copies / f"{Path(name).stem}_{r}.png")
    pages12 = sorted(copies.iterdir())

    def tesseract(images: list[Path]) -> Callable[[int], float]:
        def run(_: int) -> float:
            t = time.perf_counter()
            for i in images:
                subprocess.run(["tesseract", str(i), "-", "-l", "vie", "--psm", "3"], capture_output=True, check=True,
                               env={**os.environ, "OMP_THREAD_LIMIT": "1"})
            return time.perf_counter() - t
        return run

    def congvan(folder: Path, workers: int) -> Callable[[int], float]:
        return lambda i: ingest(folder, tmp / f"scan-{folder.name}-{workers}-{i}.db", workers).wall

    runs = interleaved({"tesseract 3": tesseract(sorted(three.iterdir())), "congvan 3": congvan(three, 1),
                        "tesseract 12": tesseract(pages12), "congvan 12": congvan(copies, 2)},
                       args.runs, units={"tesseract 3": 3, "congvan 3": 3, "tesseract 12": len(pages12),
                                         "congvan 12": len(pages12)})
    r3 = runs["tesseract 3"].median / runs["congvan 3"].median
    r12 = runs["tesseract 12"].median / runs["congvan 12"].median
    print(f"scanned pages: whole runs, pages per second ({load()})")
    print(f"  3 scans, tesseract alone        {runs['tesseract 3'].rate_text(' pages/s')}")
    print(f"  3 scans, congvan ingest, 1 wkr  {runs['congvan 3'].rate_text(' pages/s')}  {r3:.2f}x tesseract  "
          f"{verdict.target('3 scans', r3, 0.9)}")
    print(f"  {len(pages12)} colour pages, tesseract alone {runs['tesseract 12'].rate_text(' pages/s')}")
    print(f"  {len(pages12)} colour pages, 2 workers    {runs['congvan 12'].rate_text(' pages/s')}  {r12:.2f}x tesseract  "
          f"{verdict.target(f'{len(pages12)} pages, 2 workers', r12, 1.7)}")


def memory_part(args: argparse.Namespace, tmp: Path, verdict: Verdict) -> None:
    make_batch(tmp / "memory", args.memory_docs)
    done = ingest(tmp / "memory", tmp / "memory.db", 2)
    print(f"memory: {args.memory_docs} documents, 2 workers, {done.wall:.0f} s: peak RSS of the whole ingest "
          f"{done.peak_rss_mb:.0f} MB  {verdict.target('memory', done.peak_rss_mb, 1024, at_least=False)} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3, help="whole runs of each side, interleaved")
    ap.add_argument("--memory-docs", type=int, default=2000, help="10000 for the 1 GB target; 0: skip")
    ap.add_argument("--scan-copies", type=int, default=4, help="colour copies of the 3 scans (0: skip scans)")
    ap.add_argument("--only", choices=["text", "scans", "memory"], help="one part")
    args = ap.parse_args()
    verdict = Verdict()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        if args.only in (None, "text"):
            text_part(args, tmpdir, verdict)
        if args.only in (None, "scans") and args.scan_copies:
            scan_part(args, tmpdir, verdict)
        if args.only in (None, "memory") and args.memory_docs:
            memory_part(args, tmpdir, verdict)
    verdict.finish()


if __name__ == "__main__":
    main()
