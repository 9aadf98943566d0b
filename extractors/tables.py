"""Task tables (STT | Nhiệm vụ | Văn bản giao nhiệm vụ | Thời hạn | …) from flattened text.

Text extractors emit such tables column after column, rows glued to the previous cell
('… trường đại\\nhọc11 Nghiên cứu …') and group rows ('Nhóm 2 - …') repeated at page
breaks. Rows are found by their ordinals in sequence (1, 2, 3 …), which survives all that;
inside a row, the first citation is the assigning document and the short lines after it
are the deadline column (a date, or the responsible body).
"""
from __future__ import annotations

import re
from typing import Any

from . import vocab
from .base import DocText
from .patterns import NUMBER_RE, find_dates, iso, parse_deadline, split_number
from .text import fold

_HEADER = re.compile(r"(?m)^\s*stt\b.{0,80}nhiem\s+vu")
_GROUP = re.compile(r"(?m)^[ \t]*nhom\s+\d+\s*[-–:].*(?:\n(?![ \t]*\n).*)?$")
_TYPE = re.compile(r"(?P<type>" + vocab.doc_type_regex() + r")(?:\s+(?:ket luan|hanh dong))?\s+(?:so\s+)?(?=\d)")
_SHORT = 28


def extract_table_tasks(doc: DocText) -> list[dict[str, Any]]:
    h = _HEADER.search(doc.folded)
    if not h:
        return []
    starts = _row_starts(doc.text, h.end())
    tasks = []
    for i, (ordinal, s) in enumerate(starts):
        e = starts[i + 1][1] if i + 1 < len(starts) else len(doc.text)
        task = _row(doc.text[s:e], ordinal, s)
        if task:
            tasks.append(task)
    return tasks


def _row_starts(text: str, pos: int) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    k = 1
    while True:
        m = re.compile(rf"(?:(?<=\n)|(?<=[^\W\d_])|(?<=[ \t]))[ \t]*{k}[ \t]+(?=[A-ZĐÀ-Ỹ])").search(text, pos)
        if not m:
            return out
        out.append((str(k), m.end()))
        pos = m.end()
        k += 1


def _row(chunk: str, ordinal: str, offset: int) -> dict[str, Any] | None:
    chunk = _GROUP.sub("", chunk)
    f = fold(chunk)
    found = list(_TYPE.finditer(f))
    if not found:
        return None
    # the assigning-document cell starts a line; a citation inside the task text does not
    t = next((x for x in found if chunk[:x.start()].rstrip(" \t").endswith("\n")), found[0])
    nm = NUMBER_RE.match(chunk, t.end())
    if not nm:
        return None
    number, _ = split_number(nm.group(0))
    dates = find_dates(f, nm.end(), nm.end() + 30)
    cite_date = dates[0][2] if dates and dates[0][0] - nm.end() < 8 else None
    after = dates[0][1] if cite_date else nm.end()
    text = re.sub(r"\s+", " ", chunk[: t.start()]).strip()
    deadline, body = _deadline_column(chunk[after:], text)
    assigned_by = {"doc_type": vocab.doc_type_from_folded(t.group("type")), "number": number, "date": cite_date}
    assignees = [{"name": body, "role": "lead"}] if body else []
    return {"ordinal": ordinal, "assignees": assignees, "text": text, "deadline": deadline,
            "assigned_by": assigned_by, "start": offset, "end": offset + len(chunk), "rule": "tables.flattened-row"}


def _deadline_column(rest: str, task_text: str) -> tuple[str | None, str | None]:
    lines: list[str] = []
    for ln in rest.splitlines():
        s = ln.strip()
        if not s:
            if lines:
                break
            continue
        if len(s) > _SHORT:
            break
        lines.append(s)
    joined = re.sub(r"(?<=[^\W\d_])/(?=\d)", " ", " ".join(lines))  # 'thành ủy/31/12/2025': two cells
    f = fold(joined)
    dates = find_dates(f)
    deadline = dates[0][2] if dates else None
    if deadline:
        deadline = _disambiguate(deadline, joined, task_text)
    body = re.sub(r"\s+", " ", joined[: dates[0][0]] if dates else joined).strip(" ,;")
    return deadline, body if body[:1].isupper() else None


def _disambiguate(deadline: str, raw: str, task_text: str) -> str:
    """dd-mm-yyyy and mm-dd-yyyy look alike; when the task text states the swapped date, it wins."""
    stated = parse_deadline(task_text)
    y, m, d = deadline.split("-")
    swapped = iso(y, d, m)
    if stated and stated == swapped and "-" in raw:
        return stated
    return deadline

