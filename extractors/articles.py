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
from .orgs import capitalised, split_coordinated, starts_with_head
from .structure import markers
from .structure.items import Item
from .structure.items import match as item_match
from .structure.items import shapes as item_shapes
from .text import fold

# A full stop ends the sentence before the clause ('… kể từ ngày ký. Chánh Văn phòng …'); 'TP. Hà Nội' is a name's.
_FULL_STOP = re.compile(r"(?<!\bTP)(?<!\bTp)\.\s+(?=\S)")
_TITLE_WORDS = 8  # an article's title line ('Điều 4. Tổ chức thực hiện') is short and ends without a stop

TaskMaker = Callable[[DocText, Item], list[dict[str, Any]]]


@cache
def _shapes() -> dict[str, re.Pattern[str]]:
    verb = vocab.folded_alternation("verb")  # '{verb}' in a cue: any action verb of task_verbs.txt
    rows = vocab.rows("task_shapes.tsv")
    giao = next(cue for sid, cue, _example, _counter in rows if sid == "giao_word")  # '{giao}': the word that assigns

    def compiled(cue: str) -> re.Pattern[str]:
        return re.compile(cue.replace("{verb}", f"(?:{verb})").replace("{giao}", f"(?:{giao})"))
    return {sid: compiled(cue) for sid, cue, _example, _counter in rows}


def shape(sid: str) -> re.Pattern[str]:
    """A task sentence shape of data/task_shapes.tsv, compiled."""
    return _shapes()[sid]


def shapes() -> list[tuple[str, str, str]]:
    """(id, example, counter-example) of each shape, for the tests and the rules page."""
    return [(sid, example, counter) for sid, _cue, example, counter in vocab.rows("task_shapes.tsv")]


def article_tasks(doc: DocText, items: tuple[Item, ...], make: TaskMaker) -> list[dict[str, Any]] | None:
    """The tasks of a zone's articles (the item tree has them when the zone has two or more), or None
    when it has none. `make(doc, article)` makes the tasks of one article: of its numbered khoản and
    điểm ('Điều 2.1', 'Điều 2.1.a'), or of the article itself when it has none. An article whose title
    states what an organ is (shape statute_article) has none; the execution clause keeps the ordinal
    of the khoản it stands in."""
    arts = [it for it in items if it.kind == "article"]
    if len(arts) < 2:
        return None
    out: list[dict[str, Any]] = []
    for art in arts:
        clause = execution_clause(doc, art.body_start, art.end, art.ordinal or "")
        placed = False
        states = shape("statute_article").match(fold(art.heading))  # 'Điều 3. Cơ cấu tổ chức'
        for t in [] if states else make(doc, art):
            if clause and not placed and t["start"] <= clause["start"] < t["end"]:
                t, placed = {**clause, "ordinal": t["ordinal"]}, True  # the khoản that holds the clause
            out.append(t)
        if clause and not placed:
            holder = next((k for k in art.children if k.ordinal and k.start <= clause["start"] < k.end), None)
            out.append({**clause, "ordinal": holder.ordinal} if holder else clause)  # 'Điều 6.2'
    return out


def duty_heading(heading: str) -> str | None:
    """The bodies an article's heading gives duties to ('Trách nhiệm của Sở Y tế' -> 'Sở Y tế'), or None."""
    f = fold(heading)
    m = shape("duty_heading").search(f)
    if not m:
        return None
    end = t.start() if (t := shape("as_follows").search(f)) else len(heading)  # '… của Tổ công tác như sau:'
    return heading[m.end():end].strip(" :.") or None


def title_end(doc: DocText, start: int, end: int) -> int:
    """Where an article's or an item's words begin: after its title line ('Điều 2. Tổ chức thực hiện',
    'Điều 1. Nội dung, phạm vi ủy quyền', '3. Tổ chức thực hiện'), else at `start`. A title is short and
    well short of the line below, which it does not run into (no stop, no name, no 'Giao …' opening it;
    the line below capitalised)."""
    lines = [ln for ln in doc.lines if ln.end > start and ln.start < end]
    title = doc.text[start:lines[0].end].strip() if lines else ""
    if len(lines) > 1 and title and title[-1] not in ".;:," and len(title.split()) <= _TITLE_WORDS \
            and not starts_with_head(title) and not shape("opener").match(fold(title)) \
            and lines[1].text[:1].isupper() and well_short(title, lines[1].text):
        return lines[1].start
    return start


def well_short(line: str, below: str) -> bool:
    """A heading line ('Điều 2. Tổ chức thực hiện', '6. Công ty Điện lực X' over 'Khảo sát …') ends well short of
    the line below it; a line the text wraps from is about as long as the next."""
    return len(line.strip()) < 0.6 * len(below)


def _names_start(doc: DocText, start: int, at: int) -> int:
    """Where the sentence naming the clause's bodies begins: after the last full stop before it, at the
    last line that opens with a khoản's number, or after the article's title ('Điều 4. Tổ chức thực
    hiện': short, no comma, no stop). The names run on over line breaks and semicolons ('Chánh Văn
    phòng …; Giám\nđốc Sở …; Thủ trưởng …')."""
    out = max((start + x.end() for x in _FULL_STOP.finditer(doc.text[start:at])), default=title_end(doc, start, at))
    markers = [s for s in item_shapes() if s.kind in ("number", "letter") and not s.loose]
    lines = [ln for ln in doc.lines if ln.end > start and ln.start < at]
    for ln in lines[1:]:
        if ln.start >= out and (m := next((m for s in markers if (m := item_match(s, ln.text))), None)):
            out = ln.start + m.end()
    return out


def execution_clause(doc: DocText, start: int, end: int, ordinal: str) -> dict[str, Any] | None:
    """The article's execution clause: one task naming every body its sentences name (an article may
    say it twice, 'Tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành … Các phòng ban … chịu
    trách nhiệm thi hành …')."""
    names: list[str] = []
    span = None
    found = [(m.start(), m.end()) for m in shape("execution_clause").finditer(doc.folded, start, end)]
    if not found and (hit := markers.in_line("execution", doc.folded[start:end])):  # OCR garbled its words
        found = [(start + hit.start, start + hit.end)]
    for at, to in found:
        said = re.sub(r"\s+", " ", doc.text[_names_start(doc, start, at):at]).strip(" ,;")
        if said and (span is None or starts_with_head(said)):  # a second one must name bodies plainly
            names += [n for n in split_coordinated(said) if n not in names]
        span = span or (at, to)
        start = to
    if not names or span is None:
        return None
    return {
        "ordinal": ordinal,
        "assignees": [{"name": capitalised(n), "role": "lead"} for n in names],
        "text": re.sub(r"\s+", " ", doc.text[span[0]:span[1]]),
        "deadline": None, "assigned_by": None,
        "start": span[0], "end": span[1], "rule": "tasks.execution-clause",
    }
