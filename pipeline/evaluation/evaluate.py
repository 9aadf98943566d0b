"""`congvan eval`: extraction, OCR and diacritic figures on a corpus with gold records.

A corpus document is evaluated when GOLD/<stem>.json exists; GOLD/<stem>.txt, when it
exists, is the reference text for the OCR character error rate and the syllable accuracy
of the text as read (after diacritic restoration). Documents run through the ingest
batch machinery (`process_all`). A baseline stores every figure; a later run fails when
a figure is worse than the baseline by more than the tolerance, naming the documents.
"""
from __future__ import annotations

import difflib
import html
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors.text import fold

from ..ingest import SUFFIXES, process_all
from ..reading.files import OcrMode
from .scoring import Record, Tally, score_record

TOLERANCE = 0.02  # absolute, on F1, CER and syllable accuracy


@dataclass
class DocResult:
    name: str
    path: str
    gold: Record
    record: Record | None = None
    error: str | None = None
    tally: Tally = field(default_factory=Tally)
    cer: float | None = None
    syllables: float | None = None


@dataclass
class Evaluation:
    docs: list[DocResult]

    def tally(self) -> Tally:
        total = Tally()
        for d in self.docs:
            total.merge(d.tally)
        return total

    def figures(self) -> dict[str, Any]:
        """Everything a baseline keeps: F1 per field, per-document true positives, CER, accuracy."""
        table = self.tally().table()
        return {
            "tolerance": TOLERANCE,
            "fields": {k: round(v["f1"], 4) for k, v in table.items() if v["f1"] is not None},
            "documents": {d.name: {k: c[0] for k, c in sorted(d.tally.counts.items())} for d in self.docs},
            "cer": {d.name: round(d.cer, 4) for d in self.docs if d.cer is not None},
            "syllable_accuracy": {d.name: round(d.syllables, 4) for d in self.docs if d.syllables is not None},
        }


def evaluate(corpus: Path, gold: Path, workers: int = 1, ocr: OcrMode = "auto",
             skip: frozenset[str] = frozenset()) -> Evaluation:
    """Every corpus document with a gold record, but those whose stems are in `skip` (a blind set)."""
    files = sorted(p for p in corpus.rglob("*") if p.suffix.lower() in SUFFIXES
                   and (gold / f"{p.stem}.json").exists() and p.stem not in skip)
    docs = []
    for res in process_all(files, workers, ocr):
        path = Path(res.path)
        doc = DocResult(path.stem, res.path, json.loads((gold / f"{path.stem}.json").read_text(encoding="utf-8")))
        doc.record, doc.error = res.record, res.error
        doc.tally = score_record(doc.gold, res.record or {})
        ref = gold / f"{path.stem}.txt"
        if ref.exists() and res.read is not None:
            reference = ref.read_text(encoding="utf-8")
            doc.cer = char_error_rate(reference, res.read.text)
            doc.syllables = syllable_accuracy(reference, res.read.text)
        docs.append(doc)
    return Evaluation(docs)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def char_error_rate(reference: str, hypothesis: str) -> float:
    from rapidfuzz.distance import Levenshtein

    ref = _flat(reference)
    return Levenshtein.distance(ref, _flat(hypothesis)) / max(len(ref), 1)


def syllable_accuracy(reference: str, hypothesis: str) -> float:
    """Share of reference syllables, aligned on their accent-free forms, that are exactly right."""
    ref = [t.strip(".,;:()\"“”'") for t in _flat(reference).split()]
    hyp = [t.strip(".,;:()\"“”'") for t in _flat(hypothesis).split()]
    matcher = difflib.SequenceMatcher(None, [fold(t) for t in ref], [fold(t) for t in hyp], autojunk=False)
    aligned = right = 0
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            if ref[a + k].isalpha():
                aligned += 1
                right += ref[a + k].casefold() == hyp[b + k].casefold()
    return right / aligned if aligned else 0.0


def regressions(current: dict[str, Any], baseline: dict[str, Any]) -> list[str]:
    """Messages for every figure worse than the baseline by more than its tolerance."""
    tol = float(baseline.get("tolerance", TOLERANCE))

    def tp(figures: dict[str, Any], doc: str, name: str) -> int:
        fields = figures.get("documents", {}).get(doc, {})
        return int(sum(fields.values()) if name == "ALL (micro)" else fields.get(name, 0))

    out = []
    for name, base in baseline.get("fields", {}).items():
        now = current["fields"].get(name, 0.0)
        if now < base - tol:
            lost = [f"{doc} ({tp(baseline, doc, name)} -> {tp(current, doc, name)})"
                    for doc in baseline.get("documents", {}) if tp(baseline, doc, name) > tp(current, doc, name)]
            out.append(f"{name}: F1 {now:.3f} < baseline {base:.3f} - {tol}; lost in: {', '.join(lost) or 'none'}")
    for key, worse, label in (("cer", 1, "OCR CER"), ("syllable_accuracy", -1, "syllable accuracy")):
        for doc, base in baseline.get(key, {}).items():
            now = current[key].get(doc)
            if now is None or (now - base) * worse > tol:
                out.append(f"{label} of {doc}: {now if now is None else round(now, 4)} vs baseline {base}")
    return out


def print_table(ev: Evaluation) -> list[str]:
    lines = [f"{'field':22} {'tp':>4} {'fp':>4} {'fn':>4}  {'prec':>5}  {'rec':>5}  {'f1':>5}"]
    fmt = lambda v: "  -  " if v is None else f"{v:5.3f}"  # noqa: E731
    for name, r in ev.tally().table().items():
        lines.append(f"{name:22} {r['tp']:4d} {r['fp']:4d} {r['fn']:4d}  {fmt(r['precision'])}  "
                     f"{fmt(r['recall'])}  {fmt(r['f1'])}")
    for d in ev.docs:
        extra = "" if d.cer is None else f"  CER {d.cer:.3f}  syllables {d.syllables:.3f}"
        lines.append(f"  {d.name:40} {d.error or ''}{extra}")
    return lines


def write_report(ev: Evaluation, path: Path) -> None:
    """HTML: the table, then per document what was expected against what was extracted."""
    e = html.escape
    rows = "".join(f"<tr><td>{e(k)}</td><td>{v['tp']}</td><td>{v['fp']}</td><td>{v['fn']}</td>"
                   f"<td>{_f1(v['f1'])}</td></tr>" for k, v in ev.tally().table().items())
    parts = [f"<!doctype html><meta charset='utf-8'><title>congvan eval</title><style>{_CSS}</style>",
             "<h1>congvan eval</h1><table><tr><th>field</th><th>tp</th><th>fp</th><th>fn</th><th>F1</th></tr>",
             rows, "</table>"]
    for d in ev.docs:
        status = "ok" if not d.tally.log and not d.error else "miss"
        figures = "" if d.cer is None else f" · CER {d.cer:.3f} · syllables {d.syllables:.3f}"
        parts.append(f"<h2 class='{status}'>{e(d.name)}</h2><p>{e(d.path)}{figures}</p>")
        if d.error:
            parts.append(f"<p class='miss'>error: {e(d.error)}</p>")
        parts.append("<table><tr><th>field</th><th>expected</th><th>extracted</th></tr>")
        for key in ("doc_type", "number", "issue_date", "place", "issuer", "subject", "signer"):
            want, got = d.gold.get(key), (d.record or {}).get(key)
            cls = "ok" if json.dumps(want, sort_keys=True) == json.dumps(got, sort_keys=True) else "diff"
            parts.append(f"<tr class='{cls}'><td>{key}</td><td>{e(_show(want))}</td><td>{e(_show(got))}</td></tr>")
        parts.append("</table>")
        if d.tally.log:
            parts.append("<ul>" + "".join(f"<li>{e(line)}</li>" for line in d.tally.log) + "</ul>")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(parts), encoding="utf-8")


def _f1(v: object) -> str:
    return "" if v is None else f"{v:.3f}"


def _show(v: object) -> str:
    return "" if v is None else v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)


_CSS = ("body{font-family:sans-serif;max-width:70em;margin:auto}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}.diff td{background:#fee}"
        "h2.ok{color:#070}h2.miss,.miss{color:#a00}")
