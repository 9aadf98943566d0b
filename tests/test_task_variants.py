"""Whole dispatches of our own making (tests/task_variants/*.txt), each with the tasks its reader expects beside it
(*.json, the record spec's task form and ordinal convention): the variants of every common task form that real
công văn, kế hoạch, quyết định, thông báo kết luận, chỉ thị and công điện use, and the texts that assign nothing.

A task is paired as the scorer pairs it (by ordinal, an unnumbered one by its first assignee) and passes when its
assignees (names and roles), deadline and the start of its text are the expected ones; a document passes when it
also holds no task its reader does not expect. An expected task marked `"open": "<class>"` is a known miss of that
class of sentence, counted but not asserted (`python -m tests.test_task_variants` prints the tally).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from pipeline.evaluation.scoring import norm, norm_number, pair, similar
from pipeline.ingest import process

HERE = Path(__file__).parent / "task_variants"
DOCS = sorted(HERE.glob("*.txt"))


def _ordinal(t: dict[str, Any]) -> str | None:
    o = t.get("ordinal")
    return None if o in (None, "") else str(o).strip().rstrip(".")


def _lead(t: dict[str, Any]) -> str:
    names = [a.get("name") for a in t.get("assignees") or [] if a.get("name")]
    return names[0] if names else ""


def task_problems(want: dict[str, Any], got: dict[str, Any] | None) -> list[str]:
    """What differs between an expected task and the one paired with it (empty: it passes)."""
    if got is None:
        return ["missed"]
    out = []
    w = [(a["name"], a.get("role")) for a in want.get("assignees") or []]
    g = [(a.get("name"), a.get("role")) for a in got.get("assignees") or []]
    pairs, miss, extra = pair(w, g, key=lambda x: x[0])
    out += [f"assignee missed {n!r}" for n, _ in miss] + [f"assignee extra {n!r}" for n, _ in extra]
    out += [f"role of {a[0]!r}: {b[1]} (want {a[1]})" for a, b in pairs if a[1] != b[1]]
    if norm_number(want.get("deadline")) != norm_number(got.get("deadline")):
        out.append(f"deadline {got.get('deadline')!r} (want {want.get('deadline')!r})")
    prefix, text = norm(want.get("text")), norm(got.get("text"))
    if prefix and not (text.startswith(prefix) or similar(prefix, text[: len(prefix)], 0.8)):
        out.append(f"text {got.get('text', '')[:60]!r} (want {want.get('text')!r}…)")
    return out


def compare(expected: list[dict[str, Any]], tasks: list[dict[str, Any]]
            ) -> tuple[list[tuple[dict[str, Any], list[str]]], list[dict[str, Any]]]:
    """Each expected task with its problems, and the extracted tasks no expected one pairs with."""
    by_ord = {o: t for t in tasks if (o := _ordinal(t)) is not None}
    rows: list[tuple[dict[str, Any], list[str]]] = []
    for w in expected:
        if (o := _ordinal(w)) is not None:
            rows.append((w, task_problems(w, by_ord.pop(o, None))))
    gu = [w for w in expected if _ordinal(w) is None]
    pu = [t for t in tasks if _ordinal(t) is None]
    pairs, miss, extra = _pair_unnumbered(gu, pu)
    rows += [(w, task_problems(w, g)) for w, g in pairs] + [(w, ["missed"]) for w in miss]
    return rows, list(by_ord.values()) + extra


def _pair_unnumbered(gu: list[dict[str, Any]], pu: list[dict[str, Any]]
                     ) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Unnumbered tasks paired by their first assignee, as the scorer pairs them; of two tasks of one body, the one
    whose text starts as expected first."""
    cands = sorted(((similar(_lead(w), _lead(t)), not task_problems(w, t), -i, -j) for i, w in enumerate(gu)
                    for j, t in enumerate(pu) if similar(_lead(w), _lead(t))), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, i, j in cands:
        if -i not in used_g and -j not in used_p:
            used_g.add(-i)
            used_p.add(-j)
            pairs.append((gu[-i], pu[-j]))
    return pairs, [w for i, w in enumerate(gu) if i not in used_g], [t for j, t in enumerate(pu) if j not in used_p]


def _run(path: Path) -> tuple[dict[str, Any], list[tuple[dict[str, Any], list[str]]], list[dict[str, Any]]]:
    res = process(path, "off")
    assert res.error is None and res.record is not None, res.error
    want = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    rows, extra = compare(want["tasks"], res.record["tasks"])
    return want, rows, extra


@pytest.mark.parametrize("path", DOCS, ids=[p.stem for p in DOCS])
def test_every_expected_task_and_no_other(path: Path) -> None:
    want, rows, extra = _run(path)
    bad = [(w.get("ordinal"), _lead(w), p) for w, p in rows if p and not w.get("open")]
    assert not bad, bad
    assert not [(t.get("ordinal"), _lead(t), (t.get("text") or "")[:50]) for t in extra
                if not want.get("open_extra")]


def test_every_text_has_its_expectations_and_the_set_is_large_enough() -> None:
    """About a dozen documents and eighty tasks, so a pass count means something."""
    assert all(p.with_suffix(".json").exists() for p in DOCS)
    n = sum(len(json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["tasks"]) for p in DOCS)
    assert len(DOCS) >= 12 and n >= 80, (len(DOCS), n)


if __name__ == "__main__":  # the tally: python -m tests.test_task_variants [-v]
    total = passed = docs_ok = 0
    for p in DOCS:
        want, rows, extra = _run(p)
        ok = sum(not pr for _, pr in rows)
        total, passed = total + len(rows), passed + ok
        docs_ok += ok == len(rows) and not extra
        print(f"{p.stem:40} {ok}/{len(rows)}  extra {len(extra)}")
        if "-v" in sys.argv:
            for w, pr in rows:
                if pr:
                    print(f"    {w.get('ordinal')!s:10} {_lead(w)[:40]:40} {'; '.join(pr)}")
            for t in extra:
                print(f"    EXTRA {t.get('ordinal')!s:10} {_lead(t)[:40]:40} {(t.get('text') or '')[:60]!r}")
    print(f"tasks passed {passed}/{total}; documents passed {docs_ok}/{len(DOCS)}")
