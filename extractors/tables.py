"""Task tables (STT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn | …): every row a task.

A table the reader kept as a table (a .docx's) is read by its columns, which its header cells name
through `data/table_columns.tsv` (`table_tasks`, rule `tables.row`). Without that structure the
table is read from flattened text (`extract_table_tasks`, rule `tables.flattened-row`): text extractors emit such tables column after column, rows glued to the previous cell
('… trường đại\\nhọc11 Nghiên cứu …') and group rows ('Nhóm 2 - …') repeated at page
breaks. Rows are found by their ordinals in sequence (1, 2, 3 …), which survives all that;
inside a row, the first citation is the assigning document and the short lines after it
are the deadline column (a date, or the responsible body).
"""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from typing import Any

from rapidfuzz.distance import Levenshtein

from . import vocab
from .base import DocText
from .orgs import capitalised, plural_head, split_coordinated
from .patterns import NUMBER_RE, find_dates, iso, parse_deadline, period_end, split_number
from .structure.tables import Cell, Table
from .text import CAPITALS, fold

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
        m = re.compile(rf"(?:(?<=\n)|(?<=[^\W\d_])|(?<=[ \t]))[ \t]*{k}[ \t]+(?=[{CAPITALS}])").search(text, pos)
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



@dataclass(frozen=True)
class ColumnPhrase:
    column: str
    where: str  # 'cell' (the whole header cell) or 'in' (anywhere in it, word-bounded)
    words: tuple[str, ...]
    distance: int
    example: str
    counter_example: str


@cache
def column_phrases() -> tuple[ColumnPhrase, ...]:
    return tuple(ColumnPhrase(col, where, _words(phrase), int(dist), ex, counter)
                 for col, where, phrase, dist, ex, counter in vocab.rows("table_columns.tsv"))


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W_]+|/", fold(text)))


_HEADER_WORDS = 12  # a header cell names its column in a few words; a longer cell is a row's text


def column_of(header: str) -> str | None:
    """The column a header cell names: the closest phrase within its distance, then the longest."""
    words = _words(header)
    if not words or len(words) > _HEADER_WORDS:
        return None
    best: tuple[int, int, str] | None = None
    for ph in column_phrases():
        n, phrase = len(ph.words), " ".join(ph.words)
        windows = [words] if ph.where == "cell" else [words[i:i + n] for i in range(len(words) - n + 1)]
        for w in windows:
            d = Levenshtein.distance(phrase, " ".join(w))
            if d <= ph.distance and (best is None or (d, -len(phrase)) < best[:2]):
                best = (d, -len(phrase), ph.column)
    return best[2] if best else None


_ASSIGNEE_COLUMNS = ("lead", "performer", "support")


def _names_tasks(columns: Collection[str | None]) -> bool:
    """Columns that make a task table: a task column and an assignee column."""
    return "task" in columns and any(c in columns for c in _ASSIGNEE_COLUMNS)


def task_columns(header: list[str]) -> list[str | None] | None:
    """The column each header cell names, when the row names a task table; else None."""
    found = [column_of(t) for t in header]
    return found if _names_tasks(found) else None

_GROUP_ORDINAL = re.compile(r"^(?:[IVXLC]+|[A-Za-zĐđ])$")  # 'I', 'II', 'A': a group row's mark, not a row's number
_PARTS = re.compile(r"\s*(?:;|\n)\s*")


def _columns(table: Table) -> tuple[dict[str, int], int] | None:
    """The columns the header rows name (a sub-header row names its columns over a spanning one)
    and the first row below the header; None when the table names no task and no assignee column."""
    found: dict[str, int] = {}
    last = -1
    for i, row in enumerate(table.rows[:3]):
        named = {j: col for j, c in enumerate(row) if not c.covered and (col := column_of(c.text))}
        if last >= 0 and (all(found.get(col) == j for j, col in named.items()) or _numbered_row(table, i, found)):
            break  # a sub-header names columns anew, its ordinal cell blank or merged with the header's
        if len(named) < (1 if last >= 0 else 2):
            if last >= 0:
                break
            continue
        for j, col in named.items():
            found = {k: v for k, v in found.items() if v != j or k == col}
            found.setdefault(col, j)
        last = i
    return (found, last + 1) if _names_tasks(found) else None


def _numbered_row(table: Table, i: int, found: dict[str, int]) -> bool:
    """Row i holds an ordinal of its own ('I', '1'), not one merged down from the row above."""
    j = found.get("ordinal")
    if j is None or j >= len(table.rows[i]):
        return False
    cell, above = table.rows[i][j], table.rows[i - 1][j] if j < len(table.rows[i - 1]) else None
    return bool(cell.text.strip()) and cell != above


def table_tasks(tables: tuple[Table, ...]) -> list[dict[str, Any]]:
    """One task per row of each task table; group rows ('I', 'Nhóm 1' over rows of their own) give
    none, and prefix their rows' ordinals when these start again under each group."""
    out = []
    for table in tables:
        head = _columns(table)
        if head:
            out += _table_rows(table, *head)
    return out


def _table_rows(table: Table, cols: dict[str, int], first: int) -> list[dict[str, Any]]:
    def cell(row: tuple[Cell, ...], col: str) -> Cell | None:
        j = cols.get(col)
        return row[j] if j is not None and j < len(row) else None

    def text(row: tuple[Cell, ...], col: str) -> str:
        c = cell(row, col)
        return re.sub(r"[ \t]+", " ", c.text).strip() if c else ""

    rows: list[dict[str, Any]] = []
    group: str | None = None
    counted = 0
    for row in table.rows[first:]:
        task = re.sub(r"\s+", " ", text(row, "task"))
        if not re.search(r"[^\W\d_]", task):  # the column numbers '(1) (2) …', an empty row
            continue
        mark = text(row, "ordinal").rstrip(".")
        stt = cell(row, "ordinal")
        if not mark and stt is not None and stt.numbered:
            counted += 1
            mark = str(counted)  # Word's list numbering: printed, not in the text
        assignees = [{"name": n, "role": "lead"} for n in _names(text(row, "lead"), split=True)]
        performers = _names(text(row, "performer"), split=True)
        assignees += [{"name": n, "role": "lead" if i == 0 and not assignees else "support"}
                      for i, n in enumerate(performers)]
        assignees += [{"name": n, "role": "support"} for n in _names(text(row, "support"), split=False)]
        deadline = period_end(text(row, "deadline")) if "deadline" in cols else None
        if not assignees and not deadline and (_GROUP_ORDINAL.match(mark) or not mark):
            group = mark or None
            continue
        c = cell(row, "task")
        start, end = (c.start, c.end) if c else (row[0].start, row[-1].end)
        rows.append({"ordinal": mark or None, "group": group, "assignees": assignees, "text": task,
                     "deadline": deadline, "assigned_by": _assigned_by(text(row, "assigned_by")),
                     "start": start, "end": end, "rule": "tables.row"})
    marks = [r["ordinal"] for r in rows if r["ordinal"]]
    again = len(marks) != len(set(marks))  # '1', '2' under I and again under II: 'I.1', 'II.1'
    for r in rows:
        under = r.pop("group")
        if again and under and r["ordinal"]:
            r["ordinal"] = f"{under}.{r['ordinal']}"
    return rows


def _names(cell_text: str, split: bool) -> list[str]:
    """The bodies a cell names, one per line or ';' part; with `split`, a coordinated part
    ('Các Sở, ban, ngành và UBND các xã, phường') gives each body, while a partners' cell keeps
    its catch-all ('Các Sở, ban, ngành và các cơ quan liên quan') whole; a partners' part that opens
    with a named body names each ('Ban TGTW, Vụ GDTX', 'Vụ GDTC và các đơn vị liên quan': two)."""
    parts = [p.strip(" ,.-+") for p in _PARTS.split(cell_text) if p.strip(" ,.-+")]
    names = [n for p in parts for n in (split_coordinated(p) if split or not plural_head(fold(p)) else [p])]
    return [capitalised(n) for n in names if re.search(r"[^\W\d_]", n)]


def _assigned_by(cell_text: str) -> dict[str, Any] | None:
    f = fold(cell_text)
    t = _TYPE.search(f)
    nm = NUMBER_RE.search(cell_text, t.end()) if t else None
    if not t or not nm:
        return None
    number, _ = split_number(nm.group(0))
    dates = find_dates(f, nm.end(), nm.end() + 30)
    return {"doc_type": vocab.doc_type_from_folded(t.group("type")), "number": number,
            "date": dates[0][2] if dates else None}
