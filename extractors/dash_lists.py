"""Unnumbered tasks: a directive sentence ending in ':' over a list of dashed items ('Sở Y tế đề nghị
Thủ trưởng các đơn vị thực hiện các nội dung sau: - Theo dõi …; - Chủ động …'). Each item is a task
(ordinal null, as printed), of the body it names or else of the bodies the sentence names. Dashes
inside a numbered item belong to that item's task."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .base import BULLETS, DocText

LeadIn = Callable[[DocText, int, int], dict[str, Any]]
Make = Callable[[str, str | None, int, dict[str, Any]], dict[str, Any] | None]


def dash_tasks(doc: DocText, start: int, end: int, items: list[tuple[str, int, int]],
               lead_in: LeadIn, make: Make) -> list[dict[str, Any]]:
    lines = [ln for ln in doc.lines if start <= ln.start and ln.end <= end
             and not any(s - 8 <= ln.start < e for _, s, e in items)]
    out: list[dict[str, Any]] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if not (ln.text.rstrip().endswith(":") and i + 1 < len(lines) and _dashed(lines[i + 1].text)):
            i += 1
            continue
        info = lead_in(doc, start, ln.end + 1)
        run: list[list[Any]] = []
        j = i + 1
        while j < len(lines):
            text = lines[j].text
            if _dashed(text):
                run.append([text.lstrip(BULLETS + " "), lines[j].start])
            elif run and not text.rstrip().endswith(":") and not doc.paragraph_between(lines[j - 1].end, lines[j].start) \
                    and not run[-1][0].rstrip().endswith((".", ";")):
                run[-1][0] += " " + text  # the item wraps
            else:
                break
            j += 1
        if info["directive"]:
            out += [{**t, "rule": "tasks.dash-item"} for text, pos in run if (t := make(text, None, pos, info)) and t["assignees"]]
        i = j
    return out


def _dashed(text: str) -> bool:
    return text[:1] in BULLETS and text[1:2] == " "
