"""Tasks in the articles of a Quyết định or Nghị quyết (spec: 'Điều 2', a khoản 'Điều 2.1', a điểm
'Điều 2.1.a') and the execution clause ('Chánh Văn phòng …, Giám đốc Sở … chịu trách nhiệm thi
hành Quyết định này'): one task whose assignees are the bodies and officials it names."""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from . import vocab
from .base import DocText
from .orgs import capitalised, split_coordinated
from .structure.items import Item
from .text import fold

_SENTENCE_START = re.compile(r"(?:^|[.;]\s+|\n)(?=\S)")

TaskMaker = Callable[[DocText, Item], list[dict[str, Any]]]


@cache
def _shapes() -> dict[str, re.Pattern[str]]:
    verb = vocab.folded_alternation("verb")  # '{verb}' in a cue: any action verb of task_verbs.txt
    return {sid: re.compile(cue.replace("{verb}", f"(?:{verb})")) for sid, cue, _example, _counter in vocab.rows("task_shapes.tsv")}


def shape(sid: str) -> re.Pattern[str]:
    """A task sentence shape of data/task_shapes.tsv, compiled."""
    return _shapes()[sid]


def shapes() -> list[tuple[str, str, str]]:
    """(id, example, counter-example) of each shape, for the tests and the rules page."""
    return [(sid, example, counter) for sid, _cue, example, counter in vocab.rows("task_shapes.tsv")]


def article_tasks(doc: DocText, items: tuple[Item, ...], make: TaskMaker) -> list[dict[str, Any]] | None:
    """The tasks of a zone's articles (the item tree has them when the zone has two or more), or None
    when it has none. `make(doc, article)` makes the tasks of one article: of its numbered khoản and
    điểm ('Điều 2.1', 'Điều 2.1.a'), or of the article itself when it has none."""
    arts = [it for it in items if it.kind == "article"]
    if len(arts) < 2:
        return None
    out: list[dict[str, Any]] = []
    for art in arts:
        clause = execution_clause(doc, art.body_start, art.end, art.ordinal or "")
        placed = False
        for t in make(doc, art):
            if clause and not placed and t["start"] <= clause["start"] < t["end"]:
                t, placed = {**clause, "ordinal": t["ordinal"]}, True  # the khoản that holds the clause
            out.append(t)
        if clause and not placed:
            out.append(clause)
    return out


def duty_heading(heading: str) -> str | None:
    """The bodies an article's heading gives duties to ('Trách nhiệm của Sở Y tế' -> 'Sở Y tế'), or None."""
    m = shape("duty_heading").search(fold(heading))
    return heading[m.end():].strip(" :.") or None if m else None


def execution_clause(doc: DocText, start: int, end: int, ordinal: str) -> dict[str, Any] | None:
    f = doc.folded[start:end]
    m = shape("execution_clause").search(f)
    if not m:
        return None
    head = doc.text[start:start + m.start()]
    sentence_at = max((x.end() for x in _SENTENCE_START.finditer(head)), default=0)
    names = re.sub(r"\s+", " ", head[sentence_at:]).strip(" ,;")
    if not names:
        return None
    at = start + m.start()
    return {
        "ordinal": ordinal,
        "assignees": [{"name": capitalised(n), "role": "lead"} for n in split_coordinated(names)],
        "text": re.sub(r"\s+", " ", doc.text[at:start + m.end()]),
        "deadline": None, "assigned_by": None,
        "start": at, "end": start + m.end(), "rule": "tasks.execution-clause",
    }
