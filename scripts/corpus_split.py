"""Set aside the blind third of the development corpus (tests/corpus/BLIND) by a seeded shuffle.

Run once, before any rule is written against the new documents; a document whose output was read
while writing a rule moves out of the blind third by hand (say so in its commit). Prints the list.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

SEED = 26  # the issue that asked for it
ROOT = Path(__file__).resolve().parent.parent / "tests" / "corpus"


def main() -> int:
    stems = sorted(p.stem for p in (ROOT / "gold").glob("*.json"))
    random.Random(SEED).shuffle(stems)
    blind = sorted(stems[: len(stems) // 3])
    out = ROOT / "BLIND"
    if out.exists() and "--force" not in sys.argv:
        print(f"{out} exists; it is not redrawn (--force to redraw)", file=sys.stderr)
        return 1
    out.write_text(f"# The blind third (scripts/corpus_split.py, seed {SEED}): score only at the end of the work.\n"
                   + "\n".join(blind) + "\n", encoding="utf-8")
    print("\n".join(blind))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
