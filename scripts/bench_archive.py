#!/usr/bin/env python3
"""Archive copies (pipeline/archive.py): text fidelity, search and cost, measured in one run.

Pages: the development set's text-layer PDFs and the project's rendered ones, rasterised at 300
dpi into image-only PDFs (scans whose reference text is the original's text layer), and the
regression scans (reference: their source texts). Each goes through congvan (read and extract,
real Tesseract: no recorded OCR), then `write_copy` (OCRmyPDF with congvan's words, PDF/A-2b,
checked), and, for comparison, OCRmyPDF by itself with `-l vie` (`--force-ocr`, PDF/A-2b).

- Text fidelity: bag-of-words error (../shared/eval/bag_wer.py: the share of reference words
  missing, reading order ignored) of `pdftotext` of each copy, beside `congvan read`'s own text.
  Target: the congvan copy within 0.2 points of `congvan read`, and 5 points better than OCRmyPDF -l vie.
- Search: of the distinct words of the reference text (case folded), the share that a search of
  `pdftotext` of the copy finds exactly, diacritics included.
- Cost: seconds to write and check the copy over seconds to read and extract the file, one file
  after another in one process (what the copy costs in CPU); and the wall time of `congvan ingest
  --workers N` of all the scans with and without `--archive` (what it adds to an ingest, where the
  one writer makes the copies while the workers read the next files). Target: at most 25 %.

Usage: scripts/bench_archive.py [--shared ../shared] [--keep DIR]
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.pop("CONGVAN_OCR_CACHE", None)  # real Tesseract: the cost is measured against a real ingest
os.environ["OMP_THREAD_LIMIT"] = "1"

from pipeline import recipe  # noqa: E402
from pipeline.archive import write_copy  # noqa: E402
from pipeline.tools import ocrmypdf, pdftotext  # noqa: E402

DEV_PDFS = ("corpus/external/ocrvbhc_1.pdf", "corpus/external/ocrvbhc_3.pdf")


def load_bag_wer(shared: Path):  # type: ignore[no-untyped-def]  # noqa: ANN201
    spec = importlib.util.spec_from_file_location("bag_wer", shared / "eval/bag_wer.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.words


def text_layer(pdf: Path) -> str:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return "\n".join(p.extract_text() or "" for p in doc.pages)


def as_scan(pdf: Path, out: Path) -> Path:
    """The PDF's pages as 300 dpi grey images in an image-only PDF, as a scanner would hand it over."""
    import img2pdf

    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(pdf), str(out / pdf.stem)], check=True)
    images = sorted(out.glob(f"{pdf.stem}*.png"))
    scan = out / f"{pdf.stem}_scan.pdf"
    scan.write_bytes(img2pdf.convert([str(i) for i in images], layout_fun=img2pdf.get_fixed_dpi_layout_fun((300, 300))))
    return scan


@dataclass
class Row:
    name: str
    pages: int
    ref: Counter[str]
    texts: dict[str, str]  # read | copy | vie
    ingest: float
    copy: float
    vie: float


def missing(ref: Counter[str], hyp: Counter[str]) -> int:
    return sum((ref - hyp).values())


def search_share(ref: Counter[str], hyp: Counter[str]) -> tuple[int, int]:
    want = {w for w in ref if any(c.isalpha() for c in w)}
    return len(want & set(hyp)), len(want)


def measure(path: Path, ref_text: str, name: str, work: Path, words) -> Row:  # type: ignore[no-untyped-def]  # noqa: ANN001
    t0 = time.perf_counter()
    read, record = recipe.run(path)
    ingest = time.perf_counter() - t0
    t0 = time.perf_counter()
    copy = write_copy(read, record, work / "congvan", "pdfa")
    cost = time.perf_counter() - t0
    vie_pdf = work / "vie" / f"{path.stem}.pdf"
    vie_pdf.parent.mkdir(exist_ok=True)
    vie = ocrmypdf.tesseract_copy(path, vie_pdf, "vie", image_dpi=300 if path.suffix != ".pdf" else None)
    texts = {"read": read.text, "copy": pdftotext.text(copy.path), "vie": pdftotext.text(vie_pdf)}
    return Row(name, len(read.pages), words(ref_text), texts, ingest, cost, vie)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--keep", type=Path, help="Keep the copies here")
    ap.add_argument("--workers", type=int, nargs="*", default=[1, 2], help="Ingest pools to time (0: none)")
    args = ap.parse_args()
    words = load_bag_wer(args.shared)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        pdfs = [p for p in (args.shared / d for d in DEV_PDFS) if p.exists()] + sorted((ROOT / "data/raw/rendered").glob("*.pdf"))
        for pdf in pdfs:
            rows.append(measure(as_scan(pdf, work), text_layer(pdf), f"{pdf.name} (rasterised)", work, words))
        gold = ROOT / "tests/regression/gold"
        for scan in sorted((ROOT / "tests/regression/corpus").glob("*")):
            if scan.suffix != ".pdf":
                rows.append(measure(scan, (gold / f"{scan.stem}.txt").read_text(encoding="utf-8"), scan.name, work, words))
        scans = sorted(work.glob("*_scan.pdf")) + [p for p in sorted((ROOT / "tests/regression/corpus").glob("*"))
                                                    if p.suffix != ".pdf"]
        walls = {(n, a): ingest_wall(scans, work / f"ingest-{n}-{a}", n, a) for n in args.workers for a in (False, True)}
    report(rows, words)
    for n in args.workers:
        plain, archived = walls[(n, False)], walls[(n, True)]
        print(f"congvan ingest --workers {n} of the {len(scans)} scans: {plain:.1f} s, with --archive {archived:.1f} s "
              f"({archived / plain - 1:+.1%})")


def ingest_wall(files: list[Path], folder: Path, workers: int, archive: bool) -> float:
    from pipeline.ingest import Archive, run

    folder.mkdir(parents=True)
    t0 = time.perf_counter()
    summary = run(files, f"sqlite:///{folder / 'c.db'}", workers=workers,
                  archive=Archive(folder / "copies", "pdfa") if archive else None)
    assert not summary.failed and not summary.archive_failed, (summary.failed, summary.archive_failed)
    return time.perf_counter() - t0


def report(rows: list[Row], words) -> None:  # type: ignore[no-untyped-def]  # noqa: ANN001
    kinds = ("read", "copy", "vie")
    print(f"{'':40} {'bag-of-words error':^26} {'exact-word search share':^26} {'seconds':^17}")
    print(f"{'file':40} {'read':>8} {'copy':>8} {'-l vie':>8} {'read':>8} {'copy':>8} {'-l vie':>8} "
          f"{'ingest':>8} {'copy':>8}")
    total = Counter[str]()
    miss = Counter[str]()
    found = Counter[str]()
    asked = 0
    for r in rows:
        bags = {k: words(r.texts[k]) for k in kinds}
        ref_n = sum(r.ref.values())
        m = {k: missing(r.ref, bags[k]) for k in kinds}
        s = {k: search_share(r.ref, bags[k]) for k in kinds}
        total["ref"] += ref_n
        miss.update(m)
        found.update({k: s[k][0] for k in kinds})
        asked += s["read"][1]
        print(f"{r.name[:40]:40} " + " ".join(f"{m[k] / ref_n:8.2%}" for k in kinds) + " "
              + " ".join(f"{s[k][0] / s[k][1]:8.2%}" for k in kinds) + f" {r.ingest:8.2f} {r.copy:8.2f}")
    ref_n = total["ref"]
    ingest, cost, vie = (sum(getattr(r, a) for r in rows) for a in ("ingest", "copy", "vie"))
    pages = sum(r.pages for r in rows)
    print(f"{'all (' + str(len(rows)) + ' files, ' + str(pages) + ' pages)':40} "
          + " ".join(f"{miss[k] / ref_n:8.2%}" for k in kinds) + " "
          + " ".join(f"{found[k] / asked:8.2%}" for k in kinds) + f" {ingest:8.2f} {cost:8.2f}")
    gap, lead = (miss["copy"] - miss["read"]) / ref_n, (miss["vie"] - miss["copy"]) / ref_n
    print(f"\ntext fidelity: copy vs congvan read {gap * 100:+.2f} points (target within 0.2); "
          f"copy vs OCRmyPDF -l vie {lead * 100:.2f} points better (target 5)")
    print(f"search: {found['copy'] / asked:.2%} of {asked} reference words found exactly in the copy, "
          f"{found['vie'] / asked:.2%} in OCRmyPDF -l vie's")
    print(f"cost: the copy {cost:.1f} s for {pages} pages over an ingest of {ingest:.1f} s = {cost / ingest:.1%} "
          f"(target 25%); OCRmyPDF -l vie took {vie:.1f} s")


if __name__ == "__main__":
    main()
