"""Set aside the blind third of the development corpus (tests/corpus/BLIND) by a seeded shuffle.

Run once, before any rule is written against the new documents; a document whose output was read
while writing a rule moves out of the blind third by hand (say so in its commit). Prints the list.

Documents added later get a round of their own, drawn before any rule is written against them:
`--add STEM … [--together A+B …]` shuffles only those stems (copies of one dispatch, named with
`--together`, are drawn as one unit, so a dispatch is never on both sides) and appends a third of
them to BLIND. A new stem that is a copy of a document already outside BLIND is not passed at all.

`--release K` moves K blind stems, drawn by a seeded shuffle (not chosen by their scores, so what
stays blind is not the easy part), out of BLIND into the open corpus, to be read for new rules;
a new round (`--add`) replaces them.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

SEED = 26  # the issue that asked for it
ROOT = Path(__file__).resolve().parent.parent / "tests" / "corpus"
OUT = ROOT / "BLIND"


def draw(units: list[tuple[str, ...]], seed: int = SEED) -> list[str]:
    """A third of the stems (rounded down), whole units taken in the shuffled order."""
    units = sorted(units)
    random.Random(seed).shuffle(units)
    want, blind = sum(map(len, units)) // 3, []
    for unit in units:
        if len(blind) + len(unit) <= want:
            blind.extend(unit)
    return sorted(blind)


def release(k: int, seed: int = SEED + 1) -> int:
    """Drop K stems of BLIND (a seeded shuffle of them all) and note which, keeping the rest in order."""
    lines = OUT.read_text(encoding="utf-8").splitlines()
    stems = sorted(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))
    random.Random(seed).shuffle(stems)
    out = set(stems[:k])
    kept = [ln for ln in lines if ln.strip() not in out]
    kept.append(f"# released to the open corpus (--release {k}, seed {seed}): " + " ".join(sorted(out)))
    OUT.write_text("\n".join(kept) + "\n", encoding="utf-8")
    print("\n".join(sorted(out)))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--force", action="store_true", help="redraw the first round (all gold stems)")
    ap.add_argument("--add", nargs="+", metavar="STEM", help="a later round: these new stems only")
    ap.add_argument("--together", nargs="*", default=[], metavar="A+B", help="copies of one dispatch")
    ap.add_argument("--release", type=int, metavar="K", help="open K blind stems drawn by a seeded shuffle")
    args = ap.parse_args()
    if args.release:
        return release(args.release)
    if args.add:
        grouped = {s for g in args.together for s in g.split("+")}
        units = [tuple(g.split("+")) for g in args.together] + [(s,) for s in args.add if s not in grouped]
        blind = draw(units)
        with OUT.open("a", encoding="utf-8") as f:
            f.write(f"# a later round of {len(args.add)} new documents (--add, seed {SEED}):\n"
                    + "".join(s + "\n" for s in blind))
        print("\n".join(blind))
        return 0
    if OUT.exists() and not args.force:
        print(f"{OUT} exists; it is not redrawn (--force to redraw)", file=sys.stderr)
        return 1
    stems = sorted(p.stem for p in (ROOT / "gold").glob("*.json"))
    random.Random(SEED).shuffle(stems)
    blind = sorted(stems[: len(stems) // 3])
    OUT.write_text(f"# The blind third (scripts/corpus_split.py, seed {SEED}): score only at the end of the work.\n"
                   + "\n".join(blind) + "\n", encoding="utf-8")
    print("\n".join(blind))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
