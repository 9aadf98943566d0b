"""Unnumbered tasks: a directive sentence ending in ':' over a list of dashed items ('Sở Y tế đề nghị
Thủ trưởng các đơn vị thực hiện các nội dung sau: - Theo dõi …; - Chủ động …'). Each item is a task
(ordinal null, as printed), of the body it names or else of the bodies the sentence names. Dashes
inside a numbered item belong to that item's task, so only the item tree's bullets under no number
are read here."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from .articles import shape
from .base import BULLETS, DocText
from .structure.items import BULLETED, NUMBERED, Item
from .text import fold

LeadIn = Callable[[str], dict[str, Any]]
Make = Callable[[str, str | None, int, dict[str, Any]], dict[str, Any] | None]


def dash_tasks(doc: DocText, items: tuple[Item, ...], start: int, lead_in: LeadIn, make: Make) -> list[dict[str, Any]]:
    """The tasks of each run of bullets that follows straight on a line ending in ':' (the run goes on
    while no other line comes between its bullets, but the lower-case lines that go on the one above)."""
    index = {ln.start: i for i, ln in enumerate(doc.lines)}
    out: list[dict[str, Any]] = []
    info: dict[str, Any] | None = None  # the lead-in of the run being read
    last = -2  # the line index where the previous bullet's own lines end
    taken = -1  # where the bullets a label took as its task end
    for b in _loose_bullets(items):
        own = [ln for ln in b.lines if ln.start < b.own_end(BULLETED)]
        if b.start < taken:  # a label's bullet, read with it: the run goes on after it
            last = index[own[-1].start]
            continue
        first = index[own[0].start]
        # lines between that open in lower case go on the bullet above, where the tree cut it at a stop
        follows = last >= 0 and first > last and all(doc.lines[k].text[:1].islower() for k in range(last + 1, first))
        last = index[own[-1].start]
        if not follows:
            info = None
        if info is None:
            above = doc.lines[first - 1] if first > 0 else None
            if above is None or above.start < start or not above.text.endswith(":"):
                continue
            info = lead_in(b.lead_in if not follows else b.above)
        if info["directive"]:
            text = " ".join([own[0].text.lstrip(BULLETS + " "), *(ln.text for ln in own[1:])])
            if (parts := _label_parts(doc, b, text)) is not None:
                text, taken = parts  # '- Công an tỉnh:' over '+ Phối hợp …', '+ Điều tra …': one task of the label's body
            if (t := make(text, None, b.start, info)) and t["assignees"]:
                out.append({**t, "rule": "tasks.dash-item"})
    return out


def _label_parts(doc: DocText, b: Item, text: str) -> tuple[str, int] | None:
    """A bullet that is a label with nothing after its colon ('- Công an tỉnh:') over bullets of its own: the label and
    its bullets' words as one sentence (the label's one task, as a numbered label over dashes is), and where they end."""
    kids = [k for k in b.children if k.kind in BULLETED]
    if not kids or not text.rstrip().endswith(":") or len(text.split()) > _TITLE_WORDS:
        return None
    words = " ".join(re.sub(r"\s+", " ", doc.text[k.body_start:k.own_end(BULLETED)]).strip() for k in kids)
    return f"{text.rstrip()} {words}", kids[-1].own_end(BULLETED)


def _loose_bullets(items: tuple[Item, ...]) -> Iterator[Item]:
    """The dashes and '+' under no numbered item, in order."""
    for it in items:
        if it.kind in BULLETED:
            yield it
        if it.kind not in NUMBERED:
            yield from _loose_bullets(it.children)



def subject_bullets(doc: DocText, item: Item, make: Make,
                    keep: Callable[[dict[str, Any], str, str, str], bool]) -> tuple[int, list[dict[str, Any]]] | None:
    """The bullets of a numbered item under a title or a label ('3. Phương pháp tiến hành' over '- Tổ khảo
    sát triển khai …', '- Các khoa cung cấp …'; '2. Sở Y tế:' over '- Phòng Nghiệp vụ Y: Làm đầu mối …')
    that name a subject of their own: each is a task of its own (ordinal null), and the item's own words
    end where the first of them begins; None when no bullet names one. A bullet after a named one that
    names none is a remark, no task. `keep(task, title, words, first)` says whether a bullet's task (of
    its `words`, the first bullet's being `first`) names a subject of its own, other than the title's."""
    bullets = [b for b in item.walk() if b.kind in BULLETED and b.start < item.own_end()]  # not its numbered parts
    # the words right above the bullets: the item's title, or the label of a part of it ('2.2 Lập danh sách …:')
    title = bullets[0].above if bullets else ""
    # a sentence that leads in a list ('…, cụ thể:') is no title, but its bullets that open with a body's
    # name and a colon ('- Cục X: hướng dẫn …') are that body's tasks
    listing = title.endswith(":") and shape("list_ending").search(fold(title[:-1])) is not None
    titled = title.endswith(":") and not listing  # a long title to its colon ('1. Tiếp tục kiện toàn … do Dự án đào tạo:')
    if not bullets or len(title.split()) > _TITLE_WORDS and not title.endswith(":") or title.endswith((".", ";")):
        return None  # a sentence above the bullets, not a title: they are its parts
    out: list[dict[str, Any]] = []
    first = doc.text[bullets[0].body_start:bullets[0].own_end(BULLETED)]
    for b in bullets:
        own = doc.text[b.body_start:b.own_end(BULLETED)]
        t = make(own, None, b.start, {"directive": False, "assignees": []})
        labelled = listing and t is not None and _labelled(t, own)  # its name is as long as the colon says
        if len(title.split()) > _TITLE_WORDS and not labelled and not titled:
            continue
        if t and t["assignees"] and t["text"] and (labelled or keep(t, title, own, first)):
            out.append({**t, "end": b.start + len(own), "rule": "tasks.subject-bullet"})
    return (out[0]["start"], out) if out else None


def _labelled(task: dict[str, Any], words: str) -> bool:
    """The bullet opens with its body's name and a colon: its one lead is the words before the colon."""
    label = fold(re.sub(r"\s+", " ", words.partition(":")[0])).strip()
    leads = [a["name"] for a in task["assignees"] if a["role"] == "lead"]
    return ":" in words and len(leads) == 1 and fold(leads[0]).strip() == label


_TITLE_WORDS = 16  # a title or label over bullets ('Phân công:', 'Sở Y tế:') is short
