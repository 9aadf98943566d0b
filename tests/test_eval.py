"""`congvan eval`: the judge's scoring definitions, and a baseline that catches regressions."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pipeline.evaluation.evaluate import char_error_rate, regressions, syllable_accuracy
from pipeline.evaluation.scoring import score_record
from pipeline.ingest import process
from tests.conftest import SHARED, needs_shared

SEEDS = ["000_2b851b36b2217f7d", "002_adbdce90201e4d92", "003_05a0722aff00194c", "004_edc881980a9edaaf"]


@needs_shared()
def test_same_table_as_the_judge(tmp_path: Path) -> None:
    """Our scorer must give the judge's numbers, or the baseline would guard the wrong thing."""
    pred, gold = tmp_path / "pred", tmp_path / "gold"
    pred.mkdir()
    gold.mkdir()
    ours = None
    for stem in SEEDS:
        record = process(next((SHARED / "corpus" / "seeds").glob(f"{stem}.txt")), "off").record or {}
        g = json.loads((SHARED / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
        (pred / f"{stem}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        (gold / f"{stem}.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
        t = score_record(g, record)
        if ours is None:
            ours = t
        else:
            ours.merge(t)
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(gold), "--pred", str(pred),
                          "--json"], capture_output=True, text=True, check=True)
    judge = json.loads(out.stdout)["fields"]
    assert ours is not None
    mine = ours.table()
    assert {k: (v["tp"], v["fp"], v["fn"]) for k, v in mine.items()} == \
        {k: (v["tp"], v["fp"], v["fn"]) for k, v in judge.items()}


def test_regression_names_the_field_and_the_documents() -> None:
    base = {"tolerance": 0.02, "fields": {"tasks": 1.0, "number": 1.0},
            "documents": {"a": {"tasks": 3, "number": 1}, "b": {"tasks": 2, "number": 1}},
            "cer": {"a": 0.05}, "syllable_accuracy": {"a": 0.99}}
    now = {"tolerance": 0.02, "fields": {"tasks": 0.8, "number": 0.99},
           "documents": {"a": {"tasks": 1, "number": 1}, "b": {"tasks": 2, "number": 1}},
           "cer": {"a": 0.30}, "syllable_accuracy": {"a": 0.985}}
    lost = regressions(now, base)
    assert len(lost) == 2
    assert lost[0].startswith("tasks: F1 0.800") and "a (3 -> 1)" in lost[0] and "b (" not in lost[0]
    assert lost[1].startswith("OCR CER of a")


def test_text_figures() -> None:
    ref = "Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì"
    assert char_error_rate(ref, ref) == 0.0
    assert 0 < char_error_rate(ref, ref.replace("Sở", "Số")) < 0.05
    assert syllable_accuracy(ref, "Uy ban nhân dân tỉnh giao Sở Tài chính chủ trì") == 10 / 11
