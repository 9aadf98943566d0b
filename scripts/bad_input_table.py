"""The hostile corpus (scripts/make_bad_inputs.py) ingested once: per kind, what happened and how long
the file's own work took in its worker. Prints a Markdown table.

    python scripts/bad_input_table.py [--db URL] [--workers 2] [--small]
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.ingest import Processed, run  # noqa: E402
from pipeline.types import Limits  # noqa: E402


def _corpus():  # type: ignore[no-untyped-def]  # noqa: ANN202
    spec = importlib.util.spec_from_file_location("make_bad_inputs", ROOT / "scripts" / "make_bad_inputs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_bad_inputs"] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="SQLAlchemy URL (default: a new SQLite file)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--small", action="store_true", help="the test's corpus (no 50 MB file, 300 KB one-line text)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bad"
        cases = _corpus().make(folder, big=not args.small)
        done: dict[str, tuple[str, float]] = {}

        def on_done(res: Processed, outcome: str) -> None:
            done[res.path] = (f"error: {res.error}" if outcome == "failed" else outcome, res.seconds)

        t0 = time.perf_counter()
        summary = run([folder], args.db or f"sqlite:///{tmp}/t.db", workers=args.workers,
                      limits=Limits(max_pages=3), on_done=on_done)
        total = time.perf_counter() - t0
        for path, reason in summary.skipped:
            done[path] = (f"skipped: {reason}", 0.0)
        for path in summary.duplicates:
            done[path] = ("already stored (the same bytes under another name)", 0.0)
        print("| kind | file | expected | what happened | time (s) |")
        print("|---|---|---|---|---|")
        bad = 0
        for name, case in cases.items():
            what, seconds = done.get(str(folder / name), ("(not seen)", 0.0))
            ok = (case.expect is None and not what.startswith(("error", "skipped"))) or \
                 (case.expect is not None and case.expect in what)
            bad += not ok
            expected = "stored" if case.expect is None else f"…{case.expect}…"
            print(f"| {case.kind} | `{name}` | {expected} | {what.replace('|', '/')}{'' if ok else ' **(unexpected)**'} "
                  f"| {seconds:.2f} |")
        print(f"\n{len(cases)} kinds, {bad} unexpected; the whole ingest took {total:.1f} s "
              f"with {args.workers} workers (stored {len(summary.stored)}, merged {len(summary.merged)}, "
              f"failed {len(summary.failed)}, skipped {len(summary.skipped)}, already stored {len(summary.duplicates)})")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
