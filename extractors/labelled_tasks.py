"""A numbered item that names its bodies in labelled lines, as a task table names them in its columns
('1. Tổ chức tuyên truyền …' over '- Cơ quan chủ trì: Sở X.', '- Cơ quan phối hợp: Sở Y, Báo Z.', '- Thời gian
thực hiện: Quý II/2024'): one task, its text the item's title (or its 'Nội dung:' line), its lead the bodies of
the lead or performer line, its supporters those of the partners' line, its deadline the end of the time line.
The labels are read by the task table's column phrases (data/table_columns.tsv), so a plan written as a table
and one written as lines say the same."""
from __future__ import annotations

import re
from typing import Any

from .base import BULLETS, DocText
from .orgs import capitalised, split_coordinated, starts_with_head
from .patterns import period_end
from .structure.items import Item
from .tables import column_of

_LABEL_WORDS = 6  # a label before its colon ('Cơ quan chủ trì thực hiện') is a few words
_READ = ("task", "lead", "performer", "support", "deadline")


def labelled_task(doc: DocText, it: Item) -> dict[str, Any] | None:
    """The item's task when a line of its own words names a lead or performer after its label, else None."""
    title: list[str] = []
    fields: dict[str, list[str]] = {}
    last: str | None = None
    for s in _fields_of_lines(doc.text[it.body_start:it.own_end()]):
        label, colon, value = s.partition(":")
        # a role's label ('Cơ quan chủ trì'), not a body that leads ('Sở Y tế chủ trì: …')
        col = _column(label) if colon else None
        if col in _READ:
            fields.setdefault(col, []).append(value.strip())
            last = col
        elif last and s[:1].islower():
            fields[last][-1] += " " + s  # a value wrapped onto the next line
        elif not fields:
            title.append(s)
        else:
            last = None
    leads = [n for v in fields.get("lead", []) + fields.get("performer", []) for n in _names(v)]
    if not leads:
        return None
    text = re.sub(r"\s+", " ", " ".join(fields.get("task") or title)).strip(" .;:")
    supports = [n for v in fields.get("support", []) for n in _names(v) if n not in leads]
    deadline = next((d for v in fields.get("deadline", []) if (d := period_end(v))), None)
    return {"ordinal": it.ordinal, "text": text[:600], "deadline": deadline, "assigned_by": None,
            "assignees": [{"name": n, "role": "lead"} for n in leads] + [{"name": n, "role": "support"} for n in supports],
            "start": it.body_start, "end": it.own_end(), "rule": "tasks.labelled-fields"}


def _column(label: str) -> str | None:
    return column_of(label) if len(label.split()) <= _LABEL_WORDS and not starts_with_head(label) else None


def _fields_of_lines(text: str) -> list[str]:
    """The item's lines, without bullets; a line that holds two labelled fields ('Đơn vị chủ trì: Phòng A; Đơn vị
    phối hợp: Phòng B, Phòng C.') gives each its own, so the second label does not run into the first's value."""
    out: list[str] = []
    for ln in text.splitlines():
        s = ln.strip().lstrip(BULLETS + " ").strip()
        if not s:
            continue
        parts = re.split(r"\s*;\s*", s)
        at = 0
        for k in range(1, len(parts)):
            label, colon, _ = parts[k].partition(":")
            if colon and _column(label) in _READ and _column(parts[at].partition(":")[0]) in _READ:
                out.append("; ".join(parts[at:k]))
                at = k
        out.append("; ".join(parts[at:]))
    return out


def _names(value: str) -> list[str]:
    """The bodies a label's value names ('Sở Y tế; Công an tỉnh.', 'Sở Tài chính, Kho bạc Nhà nước tỉnh')."""
    parts = [p.strip(" ,.;-+") for p in re.split(r"\s*;\s*", value)]
    return [capitalised(n) for p in parts if p for n in split_coordinated(p) if n[:1].isupper()]  # named, not a duty
