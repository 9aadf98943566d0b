"""Whole corpora through the whole recipe, scored as the judge scores them, against baselines kept
in tests/golden (OCR replayed from tests/ocr_cache, so a figure moves only when the code does:
the tolerance is zero, and a deliberate change rewrites the baseline with
`congvan eval … --baseline tests/golden/NAME.json --update-baseline` run under recorded OCR)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluation.evaluate import evaluate, regressions
from tests.conftest import ROOT, SHARED

CORPORA = {
    "regression": (ROOT / "tests/regression/corpus", ROOT / "tests/regression/gold"),
    "devset": (SHARED / "corpus", SHARED / "gold"),
    "corpus": (ROOT / "tests/corpus/inputs", ROOT / "tests/corpus/gold"),  # its open two-thirds
}
# Scored only at the end of a piece of work (scripts/corpus_split.py), never by the test suite.
BLIND = frozenset(ln.strip() for ln in (ROOT / "tests/corpus/BLIND").read_text(encoding="utf-8").splitlines()
                  if ln.strip() and not ln.startswith("#"))


# The development corpora read every scan they hold (about three quarters of the suite's time on a
# fresh clone): they run with `--slow`, as scripts/test.sh runs them; the regression corpus always.
SLOW = {"devset", "corpus"}


@pytest.mark.usefixtures("shared_reads")
@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.slow) if n in SLOW else n for n in sorted(CORPORA)])
def test_no_figure_falls_below_its_baseline(name: str) -> None:
    corpus, gold = CORPORA[name]
    if not gold.is_dir():
        pytest.skip(f"{gold} not present")
    figures = evaluate(corpus, gold, workers=2, skip=BLIND).figures()
    baseline = json.loads((ROOT / "tests/golden" / f"{name}_baseline.json").read_text(encoding="utf-8"))
    assert regressions(figures, baseline) == []


def test_the_baselines_are_whole() -> None:
    """Every document of each corpus is in its baseline: a document that stopped being read would
    otherwise drop out of the figures without a word."""
    for name, (_corpus, gold) in CORPORA.items():
        if not gold.is_dir():
            continue
        baseline = json.loads((ROOT / "tests/golden" / f"{name}_baseline.json").read_text(encoding="utf-8"))
        assert set(baseline["documents"]) == {p.stem for p in Path(gold).glob("*.json")} - BLIND, name
