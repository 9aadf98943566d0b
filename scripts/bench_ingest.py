"""Ingest throughput and memory, as ratios measured in one run.

Text documents (variants of the bundled sample dispatches, each with its own number, so every
one is a new document with references, tasks and organisations to store) go through
`congvan ingest` end to end into a fresh SQLite database:

- documents per second per worker, against the 50/s target and against reading + extraction
  alone in the same process (what storing costs);
- 2 workers against 1;
- peak RSS of the whole ingest (the CLI process and its workers, sampled from /proc) for
  --memory-docs documents, against the 1 GB target.

Scanned pages (the bundled sample PDFs rasterised at 300 dpi, one PNG per page) go through
`congvan ingest` end to end, against the `tesseract` command alone on the same images
(`-l vie --psm 3`, OMP_THREAD_LIMIT=1, one after another): 1 worker against tesseract,
2 workers against 1. OCR accuracy: scripts/bench_reading.py.

Rates are printed in steady state (at the margin: a run of n items against one of n/2, see
`Rate`) and over the whole run; the ratios use steady state, since a worker's start-up is paid
once per run.

    python scripts/bench_ingest.py [--docs 2000] [--memory-docs 10000] [--scan-rounds 1]
"""
from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_reading import Rate, rasterise, raw_tesseract  # noqa: E402

from pipeline.ingest import process_all, run  # noqa: E402


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


def ingest_rate(files: list[Path], workers: int, tmp: Path) -> Rate:
    """`congvan ingest` of the first k files (a folder of links to them) into a fresh database."""
    def measure(k: int) -> tuple[int, float]:
        batch = tmp / f"batch-{workers}-{k}"
        batch.mkdir()
        for f in files[:k]:
            (batch / f.name).symlink_to(f)
        t = time.perf_counter()
        summary = run([batch], f"sqlite:///{tmp / f'{batch.name}.db'}", workers=workers)
        seconds = time.perf_counter() - t
        assert not summary.failed and len(summary.stored) + len(summary.merged) == k, summary.failed[:3]
        return k, seconds
    return Rate.marginal(measure, len(files))


def extract_rate(files: list[Path]) -> Rate:
    """Reading and extraction alone, in this process (its models loaded first, as a worker's are
    by the time both of its measured runs are under way)."""
    list(process_all(files[:1], 0))

    def measure(k: int) -> tuple[int, float]:
        t = time.perf_counter()
        for _ in process_all(files[:k], 0):
            pass
        return k, time.perf_counter() - t
    return Rate.marginal(measure, len(files))


def tesseract_rate(pages: list[Path]) -> Rate:
    """The `tesseract` command alone, one page after another (OMP_THREAD_LIMIT=1, set by bench_reading)."""
    def measure(k: int) -> tuple[int, float]:
        return k, raw_tesseract(pages[:k])[1]
    return Rate.marginal(measure, len(pages))


def scan_pages(out: Path, rounds: int) -> list[Path]:
    """Every page of the bundled scan-like samples as a 300 dpi grey PNG; each further round is
    a copy with one pixel changed, so every page is a new file to the ingest (same work)."""
    from PIL import Image, ImageSequence

    out.mkdir(parents=True, exist_ok=True)
    base: list[Path] = []
    for src in sorted((ROOT / "data" / "raw" / "rendered").iterdir()):
        if src.suffix == ".pdf":
            base += rasterise(src, out)
            continue
        for i, frame in enumerate(ImageSequence.Iterator(Image.open(src))):
            path = out / f"{src.stem}_{src.suffix[1:]}_{i}.png"
            frame.convert("L").save(path)
            base.append(path)
    pages = list(base)
    for r in range(1, rounds):
        for p in base:
            img = Image.open(p).convert("L")
            img.putpixel((0, 0), (img.getpixel((0, 0)) + r) % 256)  # type: ignore[operator]
            img.save(p.with_name(f"{p.stem}_r{r}.png"))
            pages.append(p.with_name(f"{p.stem}_r{r}.png"))
    return pages


def _group_rss_kb(pgid: int) -> int:
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            if os.getpgid(int(pid)) != pgid:
                continue
            status = Path(f"/proc/{pid}/status").read_text()
        except (OSError, ProcessLookupError):
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def peak_rss_mb(batch: Path, db: Path, workers: int) -> tuple[float, float]:
    cmd = [sys.executable, "-c", "from pipeline.cli import main; main()", "ingest", str(batch),
           "--workers", str(workers), "--db", f"sqlite:///{db}"]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    peak = 0
    try:
        while proc.poll() is None:
            peak = max(peak, _group_rss_kb(proc.pid))
            time.sleep(0.25)
    except KeyboardInterrupt:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    if proc.returncode:
        raise SystemExit(f"ingest failed with exit code {proc.returncode}")
    return peak / 1024, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--memory-docs", type=int, default=2000, help="10000 for the 1 GB target")
    ap.add_argument("--scan-rounds", type=int, default=2, help="copies of the sample pages (0: skip scans)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        files = make_batch(tmpdir / "batch", args.docs)
        extract = extract_rate(files[: min(400, args.docs)])
        one = ingest_rate(files, 1, tmpdir)
        two = ingest_rate(files, 2, tmpdir)
        print(f"text documents: {args.docs} (rates in documents per second; ratios on steady state)")
        print(f"  read + extract only, 1 worker   {extract}")
        print(f"  ingest into SQLite, 1 worker    {one}   {one.steady / extract.steady:5.2f}x extraction alone, "
              f"{one.steady / 50:5.2f}x the 50 docs/s target")
        print(f"  ingest into SQLite, 2 workers   {two}   {two.steady / one.steady:5.2f}x one worker, "
              f"{two.steady / 2 / 50:5.2f}x the target per worker")
        if args.scan_rounds:
            pages = scan_pages(tmpdir / "scans", args.scan_rounds)
            raw = tesseract_rate(pages)
            one = ingest_rate(pages, 1, tmpdir)
            two = ingest_rate(pages, 2, tmpdir)
            print(f"scanned pages: {len(pages)} (300 dpi PNG; rates in pages per second)")
            print(f"  tesseract alone, 1 process      {raw}")
            print(f"  ingest into SQLite, 1 worker    {one}   {one.steady / raw.steady:5.2f}x tesseract alone "
                  "(target >= 0.90)")
            print(f"  ingest into SQLite, 2 workers   {two}   {two.steady / one.steady:5.2f}x one worker "
                  "(target >= 1.80)")
        make_batch(tmpdir / "memory", args.memory_docs)
        peak, seconds = peak_rss_mb(tmpdir / "memory", tmpdir / "memory.db", 2)
        print(f"memory: {args.memory_docs} documents, 2 workers, {seconds:.0f} s: peak RSS of the whole ingest "
              f"{peak:.0f} MB ({peak / 1024:.2f}x the 1 GB target)")


if __name__ == "__main__":
    main()
