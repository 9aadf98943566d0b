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
from .text import fold

# 'Điều 2.' or 'Điều 2:' opening a line: an article of the document (or of a Quy định attached to it).
_ARTICLE = re.compile(r"(?m)^[ \t]*dieu[ \t]+(\d{1,3})[ \t]*[.:]")
_SENTENCE_START = re.compile(r"(?:^|[.;]\s+|\n)(?=\S)")

TaskMaker = Callable[[DocText, int, int, str], list[dict[str, Any]]]


@cache
def _shapes() -> dict[str, re.Pattern[str]]:
    verb = vocab.folded_alternation("verb")  # '{verb}' in a cue: any action verb of task_verbs.txt
    return {sid: re.compile(cue.replace("{verb}", f"(?:{verb})")) for sid, cue, _example, _counter in vocab.rows("task_shapes.tsv")}


def shapes() -> list[tuple[str, str, str]]:
    """(id, example, counter-example) of each shape, for the tests and the rules page."""
    return [(sid, example, counter) for sid, _cue, example, counter in vocab.rows("task_shapes.tsv")]


def articles(doc: DocText, start: int, end: int) -> list[tuple[str, int, int]]:
    """(number, body start, end) of each article between start and end, numbers rising; a
    'Điều 5' cited inside a sentence does not open a line and is not one."""
    marks = [(m.group(1), m.start(), m.end()) for m in _ARTICLE.finditer(doc.folded, start, end)]
    out = []
    for i, (n, _s, body) in enumerate(marks):
        e = marks[i + 1][1] if i + 1 < len(marks) else end
        out.append((n, body, e))
    return out


def article_tasks(doc: DocText, start: int, end: int, items: TaskMaker) -> list[dict[str, Any]] | None:
    """The tasks of the articles between start and end, or None when the body has fewer than two
    articles. `items(doc, start, end, ordinal)` makes the tasks of one article: of its numbered
    khoản and điểm ('Điều 2.1', 'Điều 2.1.a'), or of the article itself when it has none."""
    arts = articles(doc, start, end)
    if len(arts) < 2:
        return None
    out: list[dict[str, Any]] = []
    for n, s, e in arts:
        ordinal = f"Điều {n}"
        clause = execution_clause(doc, s, e, ordinal)
        placed = False
        for t in items(doc, s, e, ordinal):
            if clause and not placed and t["start"] <= clause["start"] < t["end"]:
                t, placed = {**clause, "ordinal": t["ordinal"]}, True  # the khoản that holds the clause
            out.append(t)
        if clause and not placed:
            out.append(clause)
    return out


def duty_heading(heading: str) -> str | None:
    """The bodies an article's heading gives duties to ('Trách nhiệm của Sở Y tế' -> 'Sở Y tế'), or None."""
    m = _shapes()["duty_heading"].search(fold(heading))
    return heading[m.end():].strip(" :.") or None if m else None


def execution_clause(doc: DocText, start: int, end: int, ordinal: str) -> dict[str, Any] | None:
    f = doc.folded[start:end]
    m = _shapes()["execution_clause"].search(f)
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
