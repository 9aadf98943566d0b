"""Measure the near-duplicate threshold: body similarity of the same dispatch read from different
files (text, text-layer PDF, scans of every quality) against that of different dispatches.

Same dispatch: files whose names share the stem before "__" (tests/regression/corpus) or the
whole stem (data/raw and data/raw/rendered); seeds 000 and 001 (text layer and OCR of one scan)
when ../shared is present. Every other pair is two different dispatches, many from the same
province and template. Prints both distributions and the margin around pipeline.storage.neardup.THRESHOLD.

    python scripts/measure_near_duplicates.py [--external]   # --external adds ../shared/corpus/external
"""
from __future__ import annotations

import argparse
import itertools
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.ingest import discover, process_all  # noqa: E402
from pipeline.storage import neardup  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"


def group(path: Path) -> str:
    if path.parent.name == "seeds":
        return "seed-000" if path.name[:3] in ("000", "001") else f"seed-{path.name[:3]}"
    if path.parent.parent.name == "external":
        return f"external-{path.stem}"
    return path.stem.split("__")[0]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--external", action="store_true", help="add ../shared/corpus/external (OCR, slow)")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    dirs = [ROOT / "data" / "raw", ROOT / "tests" / "regression" / "corpus"]
    if (SHARED / "seeds").is_dir():
        dirs.append(SHARED / "seeds")
    if args.external and (SHARED / "external").is_dir():
        dirs.append(SHARED / "external")
    files = [f for f in discover(dirs) if "lexicon" not in f.parts]
    texts = {}
    for res in process_all(files, args.workers):
        if res.read is not None:
            texts[Path(res.path)] = res.read.text
    sigs = {p: neardup.signature(t) for p, t in texts.items()}
    same, diff = [], []
    for a, b in itertools.combinations(sorted(texts), 2):
        sa, sb = sigs[a], sigs[b]
        if sa is None or sb is None:
            continue
        row = (neardup.similarity(sa, sb), neardup.exact_similarity(texts[a], texts[b]), a.name, b.name)
        (same if group(a) == group(b) else diff).append(row)
    same.sort()
    diff.sort(reverse=True)
    print(f"{len(texts)} files, {len(same)} same-dispatch pairs, {len(diff)} different-dispatch pairs")
    print("same dispatch, lowest (estimated / exact Jaccard):")
    for est, exact, a, b in same[:6]:
        print(f"  {est:.3f} / {exact:.3f}  {a}  {b}")
    print(f"  median {statistics.median(r[0] for r in same):.3f}")
    print("different dispatches, highest:")
    for est, exact, a, b in diff[:6]:
        print(f"  {est:.3f} / {exact:.3f}  {a}  {b}")
    print(f"  median {statistics.median(r[0] for r in diff):.3f}")
    lo, hi = same[0][0], diff[0][0]
    missed = sum(r[0] < neardup.THRESHOLD for r in same)
    merged = sum(r[0] >= neardup.THRESHOLD for r in diff)
    print(f"threshold {neardup.THRESHOLD}: same-dispatch pairs below it {missed}/{len(same)}, "
          f"different pairs at or above it {merged}/{len(diff)}; gap between the classes {hi:.3f} .. {lo:.3f}")


if __name__ == "__main__":
    main()
