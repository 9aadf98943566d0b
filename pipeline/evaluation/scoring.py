"""Record scoring with the definitions of the project's judge (../shared/eval/score.py).

Scalars match exactly (numbers, dates, types, authority) or by similarity ≥ 0.85 after
NFC, case folding, one tone placement, one dash and collapsed blanks; lists pair greedily
by similarity; references pair by number; tasks by ordinal, else by first assignee.
Kept in the product so `congvan eval` works without the judge's files; a test checks
that both give the same table on the development set.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

SIM = 0.85
SCALARS = ["doc_type", "number", "issue_date", "place", "issuer", "subject",
           "signer.name", "signer.title", "signer.authority"]
EXACT = {"number", "issue_date", "signer.authority", "doc_type"}
_TONE_PAIRS: dict[str, str] = {}
for _base, _tones, _first in (("oa", "àáảãạ", "òóỏõọ"), ("oe", "èéẻẽẹ", "òóỏõọ"), ("uy", "ỳýỷỹỵ", "ùúủũụ")):
    for _i, _t in enumerate(_tones):
        _TONE_PAIRS[_base[0] + _t] = _first[_i] + _base[1]

Record = dict[str, Any]


def norm(s: object) -> str:
    if s is None:
        return ""
    text = unicodedata.normalize("NFC", str(s)).casefold()
    for old, new in _TONE_PAIRS.items():
        text = text.replace(old, new)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip().strip(" .,;:")


def norm_number(s: object) -> str:
    return re.sub(r"\s+", "", norm(s))


def similar(a: object, b: object, threshold: float = SIM) -> bool:
    x, y = norm(a), norm(b)
    return bool(x and y) and (x == y or difflib.SequenceMatcher(None, x, y).ratio() >= threshold)


def get(rec: Record, dotted: str) -> Any:
    cur: Any = rec
    for part in dotted.split("."):
        if not isinstance(cur, dict):
            return None
        cur = cur.get(part)
    return cur.get("name") if isinstance(cur, dict) else cur


@dataclass
class Tally:
    """tp, fp, fn per field, and what was missed, for one document or a whole corpus."""

    counts: dict[str, list[int]] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)

    def add(self, name: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        c = self.counts.setdefault(name, [0, 0, 0])
        c[0], c[1], c[2] = c[0] + tp, c[1] + fp, c[2] + fn

    def merge(self, other: Tally) -> None:
        for name, (tp, fp, fn) in other.counts.items():
            self.add(name, tp, fp, fn)

    def table(self) -> dict[str, dict[str, float | int | None]]:
        rows = {name: _prf(c[0], c[1], c[2]) for name, c in sorted(self.counts.items())}
        tp, fp, fn = (sum(c[i] for c in self.counts.values()) for i in range(3))
        rows["ALL (micro)"] = _prf(tp, fp, fn, micro=True)
        return rows


def _prf(tp: int, fp: int, fn: int, micro: bool = False) -> dict[str, float | int | None]:
    p = tp / (tp + fp) if tp + fp else (0.0 if micro else None)
    r = tp / (tp + fn) if tp + fn else (0.0 if micro else None)
    if micro:
        f1: float | None = 2 * p * r / (p + r) if p and r else 0.0  # type: ignore[operator]
    else:
        f1 = 2 * p * r / (p + r) if p and r else (0.0 if tp + fp + fn else None)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f1}


def score_record(gold: Record, pred: Record) -> Tally:
    t = Tally()
    for name in SCALARS:
        _scalar(t, name, gold, pred)
    for name in ("recipients", "cc"):
        _list(t, name, gold, pred)
    _references(t, gold, pred)
    _tasks(t, gold, pred)
    return t


def _empty(v: object) -> bool:
    return v in (None, "", [])


def _scalar(t: Tally, name: str, g: Record, p: Record) -> None:
    gv, pv = get(g, name), get(p, name)
    match = (bool(gv) and bool(pv) and norm_number(gv) == norm_number(pv)) if name in EXACT else similar(gv, pv)
    if match:
        t.add(name, tp=1)
        return
    if not _empty(pv):
        t.add(name, fp=1)
    if not _empty(gv):
        t.add(name, fn=1)
    if gv or pv:
        t.log.append(f"{name}: gold={gv!r} pred={pv!r}")


def pair(gold: list[Any], pred: list[Any], key: Callable[[Any], Any] = lambda x: x,
         threshold: float = SIM) -> tuple[list[tuple[Any, Any]], list[Any], list[Any]]:
    """Greedy pairing by similarity: (pairs, unmatched gold, unmatched predictions)."""
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            a, b = norm(key(g)), norm(key(p))
            if a and b:
                r = 1.0 if a == b else difflib.SequenceMatcher(None, a, b).ratio()
                if r >= threshold:
                    cands.append((r, i, j))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in sorted(cands, reverse=True):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((gold[i], pred[j]))
    return (pairs, [g for i, g in enumerate(gold) if i not in used_g],
            [p for j, p in enumerate(pred) if j not in used_p])


def _paired(t: Tally, name: str, gold: list[Any], pred: list[Any], label: str | None = None) -> None:
    pairs, ug, up = pair(gold, pred)
    t.add(name, tp=len(pairs), fp=len(up), fn=len(ug))
    t.log += [f"{label or name}: missed {x!r}" for x in ug] + [f"{label or name}: extra {x!r}" for x in up]


def _list(t: Tally, name: str, g: Record, p: Record) -> None:
    _paired(t, name, [x for x in g.get(name) or [] if x], [x for x in p.get(name) or [] if x])


def _by_number(items: Iterable[Record] | None) -> dict[str, Record]:
    out: dict[str, Record] = {}
    for it in items or []:
        n = norm_number(it.get("number"))
        if n and n not in out:
            out[n] = it
    return out


def _check(t: Tally, name: str, ok: bool, has_pred: bool, has_gold: bool = True) -> None:
    t.add(name, tp=int(ok), fp=int(not ok and has_pred), fn=int(not ok and has_gold))


def _references(t: Tally, g: Record, p: Record) -> None:
    gm, pm = _by_number(g.get("references")), _by_number(p.get("references"))
    for n, gr in gm.items():
        pr = pm.get(n)
        if pr is None:
            t.add("references", fn=1)
            t.log.append(f"references: missed {n}")
            continue
        t.add("references", tp=1)
        if gr.get("date"):
            ok = norm_number(gr["date"]) == norm_number(pr.get("date"))
            _check(t, "references.date", ok, bool(pr.get("date")))
            if not ok:
                t.log.append(f"references[{n}].date: gold={gr['date']!r} pred={pr.get('date')!r}")
        if gr.get("issuer"):
            ok = similar(gr["issuer"], pr.get("issuer"))
            _check(t, "references.issuer", ok, bool(pr.get("issuer")))
            if not ok:
                t.log.append(f"references[{n}].issuer: gold={gr['issuer']!r} pred={pr.get('issuer')!r}")
    for n in pm:
        if n not in gm:
            t.add("references", fp=1)
            t.log.append(f"references: extra {n}")


def _ordinal(x: Record) -> str | None:
    o = x.get("ordinal")
    return None if o in (None, "") else str(o).strip().rstrip(".")


def _lead(x: Record) -> str:
    names = [a.get("name") for a in x.get("assignees") or [] if a.get("name")]
    return names[0] if names else ""


def _task_pair(t: Tally, o: str, gx: Record, px: Record) -> None:
    t.add("tasks", tp=1)
    _paired(t, "tasks.assignees", [a.get("name") for a in gx.get("assignees") or []],
            [a.get("name") for a in px.get("assignees") or []], f"tasks[{o}].assignees")
    if gx.get("text"):
        gt = norm(gx["text"])
        ptxt = norm(px.get("text"))[: len(gt) + 10]
        ok = bool(ptxt) and (gt in ptxt or similar(gx["text"], ptxt[: len(gt)], 0.8))
        _check(t, "tasks.text", ok, bool(ptxt))
        if not ok:
            t.log.append(f"tasks[{o}].text: gold starts {gx['text'][:50]!r} pred {(px.get('text') or '')[:50]!r}")
    for name, gv, pv in (("tasks.deadline", gx.get("deadline"), px.get("deadline")),
                         ("tasks.assigned_by", (gx.get("assigned_by") or {}).get("number"),
                          (px.get("assigned_by") or {}).get("number"))):
        if gv or pv:
            ok = bool(gv) and norm_number(gv) == norm_number(pv)
            _check(t, name, ok, bool(pv), bool(gv))
            if not ok:
                t.log.append(f"tasks[{o}].{name.split('.')[1]}: gold={gv!r} pred={pv!r}")


def _tasks(t: Tally, g: Record, p: Record) -> None:
    gt: dict[str, Record] = {}
    pt: dict[str, Record] = {}
    gu: list[Record] = []
    pu: list[Record] = []
    for items, numbered, loose in ((g.get("tasks"), gt, gu), (p.get("tasks"), pt, pu)):
        for x in items or []:
            o = _ordinal(x)
            if o is None:
                loose.append(x)
            else:
                numbered.setdefault(o, x)
    for o, gx in gt.items():
        if o in pt:
            _task_pair(t, o, gx, pt[o])
        else:
            t.add("tasks", fn=1)
            t.log.append(f"tasks: missed #{o}")
    for o in pt:
        if o not in gt:
            t.add("tasks", fp=1)
            t.log.append(f"tasks: extra #{o}")
    pairs, ug, up = pair(gu, pu, key=_lead)
    for gx, px in pairs:
        _task_pair(t, "-", gx, px)
    t.add("tasks", fn=len(ug), fp=len(up))
    t.log += [f"tasks: missed unnumbered task of {_lead(x)!r}" for x in ug]
    t.log += [f"tasks: extra unnumbered task of {_lead(x)!r}" for x in up]
