#!/usr/bin/env python3
"""Diacritic restoration: accuracy and speed of congvan's restorer against pyvi, in one run.

  * seed 001 (an OCR without Vietnamese data) restored, scored against seed 000;
  * the accent-stripped text of the development documents (seeds 002, 004 and the
    text-layer PDFs) restored, scored against the original text;
  * the same for the born-digital PDFs of the project's own corpus (tests/corpus/inputs, its blind
    third left out), which were not used to build the model: the figure for documents never seen;
  * syllables per second on one core, and the model's load time.

Scoring is ../shared/eval/diacritics_score.py (syllables exactly right after NFC,
case-insensitive). pyvi is measured when it is installed (pip install pyvi).
Usage: scripts/bench_diacritics.py [--shared ../shared] [--show N]
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_reading import text_layer  # noqa: E402

from pipeline.reading.diacritics import MODEL_PATH, Model, Restorer  # noqa: E402

STRIPPED_DOCS = ["seeds/002_*.txt", "seeds/004_*.txt", "external/ocrvbhc_1.pdf", "external/ocrvbhc_3.pdf"]


def load_scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("diacritics_score", shared / "eval/diacritics_score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def reference_text(path: Path) -> str:
    return text_layer(path) if path.suffix == ".pdf" else path.read_text(encoding="utf-8")


def pyvi_restorer() -> Callable[[str], str] | None:
    try:
        from pyvi import ViUtils
    except ImportError:
        return None

    def line(text: str) -> str:
        try:
            return str(ViUtils.add_accents(text)) if text.strip() else text
        except (KeyError, IndexError):  # pyvi's label mapping fails on some inputs
            return text

    def run(text: str) -> str:
        return "\n".join(line(t) for t in text.splitlines())

    return run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show", type=int, default=0, help="list up to N wrong syllables per test")
    ap.add_argument("--repeat", type=int, default=5, help="passes over the stripped text for the speed figure")
    args = ap.parse_args()
    corpus = args.shared / "corpus"
    ds = load_scorer(args.shared)

    t0 = time.perf_counter()
    with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as f:
        ours = Restorer(Model(json.load(f)))
    load_s = time.perf_counter() - t0
    systems: dict[str, Callable[[str], str]] = {"congvan": lambda t: ours.restore(t).text}
    t0 = time.perf_counter()
    pv = pyvi_restorer()
    if pv:
        pv("khoi dong")  # import and model load
        systems["pyvi"] = lambda t: pv(ds.strip_marks(t))
        systems["pyvi (garbled input as is)"] = pv
        pyvi_load = time.perf_counter() - t0
    print(f"model load: congvan {load_s:.2f} s" + (f", pyvi {pyvi_load:.2f} s" if pv else ""))

    ref000 = reference_text(next(corpus.glob("seeds/000_*.txt")))
    ocr001 = reference_text(next(corpus.glob("seeds/001_*.txt")))
    stripped = [(p.name, reference_text(p)) for pat in STRIPPED_DOCS for p in sorted(corpus.glob(pat))]
    unseen = unseen_texts(ds)

    print(f"\n{'system':28} {'001 vs 000':>11} {'stripped dev':>13} {'unseen':>8} {'syll/s':>9}")
    for name, fn in systems.items():
        res, wrong = ds.score(ref000, fn(ocr001))
        s001 = res["accuracy_aligned"]
        right = aligned = 0
        wrong_all = list(wrong)
        for _, ref in stripped:
            r, w = ds.score(ref, fn(ds.strip_marks(ref)))
            right, aligned = right + r["right"], aligned + r["aligned"]
            wrong_all += w
        u_right = u_aligned = 0
        for ref in unseen:
            r, _ = ds.score(ref, fn(ds.strip_marks(ref)))
            u_right, u_aligned = u_right + r["right"], u_aligned + r["aligned"]
        reset = ours.clear_cache if name == "congvan" else (lambda: None)
        texts = [ds.strip_marks(r) for _, r in stripped]
        speed = "" if "as is" in name else f"{syllables_per_second(fn, texts, ds, args.repeat, reset):9.0f}"
        acc = "" if "as is" in name else f"{right / aligned:13.4f}"
        u_acc = "" if "as is" in name or not u_aligned else f"{u_right / u_aligned:8.4f}"
        print(f"{name:28} {s001:11.4f} {acc:>13} {u_acc:>8} {speed:>9}")
        for r, h in wrong_all[: args.show]:
            print(f"    {r!r} <- {h!r}")
    print(f"\nstripped dev set: {', '.join(n for n, _ in stripped)}; unseen: {len(unseen)} PDFs of tests/corpus")


def unseen_texts(ds: ModuleType) -> list[str]:
    """Text layers of the corpus's born-digital PDFs that print their marks (a scan's PDF has none)."""
    inputs = ROOT / "tests/corpus/inputs"
    blind_file = ROOT / "tests/corpus/BLIND"
    blind = {s.strip() for s in blind_file.read_text(encoding="utf-8").splitlines()
             if s.strip() and not s.startswith("#")} if blind_file.exists() else set()
    out = []
    for p in sorted(inputs.glob("*.pdf")):
        if p.stem in blind:
            continue
        text = text_layer(p)
        words = ds.tokens(text)
        if len(words) > 200 and sum(ds.strip_marks(w) != w for w in words) > 0.3 * len(words):
            out.append(text)
    return out


def syllables_per_second(fn: Callable[[str], str], texts: list[str], ds: ModuleType, repeat: int,
                         reset: Callable[[], None]) -> float:
    """Cold passes: the restorer's token cache is emptied before each one."""
    syllables = sum(len(ds.tokens(t)) for t in texts) * repeat
    elapsed = 0.0
    for _ in range(repeat):
        reset()
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        elapsed += time.perf_counter() - t0
    return syllables / elapsed


if __name__ == "__main__":
    main()
