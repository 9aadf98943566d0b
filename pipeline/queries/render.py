"""How query results reach the terminal: tables, trees, JSON and CSV.

Every value from the database is document text, and document text is not trusted: it reaches
rich only escaped or as a Text object (so "[red]" or "[link=…]" in a dispatch prints as itself),
and with the control characters that steer a terminal (ESC, backspace, bidi overrides) replaced.
"""
from __future__ import annotations

import csv
import json
import os
import re
import shutil
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..errors import UsageError

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(value: Any) -> str:
    """Text fit for a terminal: controls other than tab and newline become U+FFFD."""
    return _CONTROL.sub("\ufffd", "" if value is None else str(value))


def cell(value: Any) -> Text:
    """A table cell that rich prints as it is, markup and all."""
    from rich.text import Text

    return Text(safe(value))


def markup(value: Any) -> str:
    """A value to put inside a rich markup string."""
    from rich.markup import escape

    return escape(safe(value))


def _width() -> int:
    return max(120, shutil.get_terminal_size((160, 40)).columns)


def flatten(nodes: list[dict[str, Any]], parent: str | None = None) -> Any:
    for n in nodes:
        yield {"depth": n["depth"], "number": n["number"], "cited_from": parent or "", "relation": n["relation"] or "",
               "doc_type": n["doc_type"] or "", "date": n["date"] or "", "issuer": n["issuer"] or "",
               "stub": n["stub"], "tasks": len(n["tasks"]), "repeat": n["see"] or ""}
        yield from flatten(n["children"], n["number"])


def plain(value: Any) -> str:
    """A nested value as one readable cell: references as 'number date (relation)', lists one per line."""
    if isinstance(value, list):
        return "\n".join(plain(v) for v in value)
    if isinstance(value, dict):
        if "relation" in value:
            stub = ", not ingested" if value.get("stub") else ""
            return f"{value['number']} {value.get('date') or ''} ({value['relation']}{stub})"
        if "task" in value:
            who = ", ".join(a["name"] + (" (support)" if a["role"] == "support" else "") for a in value["assignees"])
            return f"{who}: {value['task']}" + (f" [by {value['deadline']}]" if value.get("deadline") else "")
        return "; ".join(f"{k}: {plain(v)}" for k, v in value.items() if v is not None)
    return "" if value is None else str(value)


def documents(docs: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=_width())
    for d in docs:
        table = Table(title=markup(f"{d['doc_type'] or 'Văn bản'} {d['number']}") + (" (not ingested)" if d["stub"] else ""),
                      show_header=False, show_lines=True)
        table.add_column("field", style="bold")
        table.add_column("value", overflow="fold")
        for k, v in d.items():
            if k not in ("id", "read_as", "abstained") and v not in (None, [], {}):
                table.add_row(k, cell(plain(v)))
        console.print(table)
        if d.get("abstained"):
            console.print(abstained(d["abstained"]))


def abstained(fields: dict[str, dict[str, Any]]) -> Table:
    """The fields left null rather than guessed: the value read, and why it was not taken."""
    from rich.table import Table

    table = Table(title="abstained (left null: the evidence was weak)", show_lines=True)
    for name in ("field", "not taken", "reason", "page"):
        table.add_column(name, overflow="fold")
    for field, a in fields.items():
        table.add_row(cell(field), cell(a.get("candidate")), cell(a.get("reason")), cell(a.get("page")))
    return table


def cut(text: str, width: int) -> str:
    """At most `width` characters, cut at a word (or inside one word longer than that), with an ellipsis when cut."""
    return text if len(text) <= width else (text[:width].rsplit(" ", 1)[0] or text[:width]) + " …"


def tree(roots: list[dict[str, Any]], way: str) -> None:
    from rich.console import Console
    from rich.tree import Tree

    from .lookup import shown_number

    def label(n: dict[str, Any]) -> str:
        rel = f"[dim]{markup(n['relation'])}[/] " if n["relation"] else ""
        stub = " [yellow](not ingested)[/]" if n["stub"] else ""
        head = " ".join(x for x in (n["doc_type"], shown_number(n["number"], n["symbol"]), n["date"], n["issuer"]) if x)
        again = f" [dim]→ see {n['see']}[/]" if n.get("repeat") else ""
        return rel + "[bold]" + markup(head) + "[/]" + stub + again

    def grow(tree: Tree, n: dict[str, Any]) -> None:
        for t in n["tasks"]:
            who = ", ".join(a["name"] + (" (support)" if a["role"] == "support" else "") for a in t["assignees"])
            due = f" [dim]by {markup(t['deadline'])}[/]" if t["deadline"] else ""
            tree.add(f"[green]task[/] {markup(who or '?')}: {markup(cut(t['task'], 120))}{due}")
        for c in n["children"]:
            grow(tree.add(label(c)), c)

    console = Console(width=_width())
    for r in roots:
        tree = Tree(label(r) + f" [dim]({markup(way)} ↓)[/]")
        grow(tree, r)
        console.print(tree)


def emit(rows: Iterable[dict[str, Any]], fmt: str, title: str, columns: list[str] | None = None) -> None:
    """Rows as a table, JSON or CSV; `columns` names them when there may be no row (a CSV with no
    rows is still its header) and orders the table's. JSON and CSV are written as the rows come
    (a stream of every task starts at once); a table needs them all."""
    if fmt not in ("table", "json", "csv"):
        raise UsageError(f"--format must be table, json or csv, not {fmt!r}")
    if fmt == "json":
        for piece in json_array(rows):
            sys.stdout.write(piece)
        sys.stdout.write("\n")
        return
    if fmt == "csv":
        it = iter(rows)
        first = next(it, None)
        names = columns or (list(first) if first is not None else [])
        if names:
            w = csv.DictWriter(sys.stdout, fieldnames=names, extrasaction="ignore")
            w.writeheader()
            if first is not None:
                w.writerow(first)
            w.writerows(it)
        return
    rows = list(rows)
    names = columns or (list(rows[0]) if rows else [])
    cells = [[safe(r.get(k) if not isinstance(r.get(k), list | dict) else json.dumps(r.get(k), ensure_ascii=False))
              for k in names] for r in rows]
    sys.stdout.write(draw(safe(title), names or ["(no rows)"], cells, [60 if k == "task" else 36 for k in names or [""]],
                          _width(), caption=None if rows else "(no rows)"))


# A table drawn here rather than by rich: importing rich and laying out with it was most of a
# `congvan tasks` run (0.1 s of its 0.25 s on 50 rows). Rich's look: a heavy head, a line between
# rows, long cells folded at word boundaries within each column's widest, the title centred.
_BOX = "┏━┳┓┃┃┃┡━╇┩│││├─┼┤└─┴┘"
_ASCII = "+--+|||" "|-+|" "|||" "|-+|" "+--+"  # rich's ASCII box, for an output that cannot take the lines


def draw(title: str, names: list[str], rows: list[list[str]], widest: list[int], width: int,
         caption: str | None = None) -> str:
    """The table as text, no wider than `width` when the columns can shrink so far."""
    box = _BOX if (getattr(sys.stdout, "encoding", None) or "utf-8").lower().startswith("utf") else _ASCII
    bold, italic, off = ("\x1b[1m", "\x1b[3m", "\x1b[0m") if _styled() else ("", "", "")
    sizes = [max([_cells(names[i])] + [_cells(line) for r in rows for line in r[i].split("\n")]) for i in range(len(names))]
    padded = _collapse([min(max(1, size), cap) + 2 for size, cap in zip(sizes, widest, strict=True)],
                       width - len(sizes) - 1)
    sizes = [max(1, w - 2) for w in padded]
    total = sum(sizes) + 3 * len(sizes) + 1

    def rule(left: str, fill: str, cross: str, right: str) -> str:
        return left + cross.join(fill * (w + 2) for w in sizes) + right + "\n"

    def line(cells: list[str], bar: str, style: str = "") -> str:
        wrapped = [_wrap(c, w) for c, w in zip(cells, sizes, strict=True)]
        return "".join(bar + bar.join(f" {style}{(part[k] if k < len(part) else '')}{off if style else ''}"
                                      f"{' ' * (w - _cells(part[k] if k < len(part) else ''))} "
                                      for part, w in zip(wrapped, sizes, strict=True)) + bar + "\n"
                       for k in range(max(len(p) for p in wrapped)))

    out = [_centre(title, total, italic, off), rule(box[0], box[1], box[2], box[3]), line(names, box[4], bold),
           rule(box[7], box[8], box[9], box[10])]
    for i, r in enumerate(rows):
        if i:
            out.append(rule(box[14], box[15], box[16], box[17]))
        out.append(line(r, box[11]))
    out.append(rule(box[18], box[19], box[20], box[21]))
    if caption:
        out.append(_centre(caption, total))
    return "".join(out)


def _collapse(widths: list[int], limit: int) -> list[int]:
    """Column widths (with their padding) summing to at most `limit`: the widest columns shrink
    towards the next widest, then all of them evenly (rich's own rule, so the table looks the same)."""
    excess = sum(widths) - limit
    while excess > 0:
        top = max(widths)
        step = top - max((w for w in widths if w != top), default=0)
        widths = _reduce(excess, [int(w == top) for w in widths], [min(excess, step)] * len(widths), widths)
        excess = sum(widths) - limit
    return widths if sum(widths) <= limit else _reduce(sum(widths) - limit, [1] * len(widths), widths, widths)


def _reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """`total` taken off `values` in proportion to `ratios`, at most `maximums` each."""
    ratios = [r if m else 0 for r, m in zip(ratios, maximums, strict=True)]
    left, weight, out = total, sum(ratios), []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and weight > 0:
            cut = min(most, round(ratio * left / weight))
            out.append(value - cut)
            left -= cut
            weight -= ratio
        else:
            out.append(value)
    return out


def _centre(text: str, width: int, style: str = "", off: str = "") -> str:
    pad = max(0, width - _cells(text))
    return " " * (pad // 2) + style + text + (off if style else "") + " " * (pad - pad // 2) + "\n"


def _styled() -> bool:
    """A terminal that takes styles (bold headings, an italic title), as rich would judge it."""
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty()) and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _cells(text: str) -> int:
    """Terminal columns `text` takes: wide (CJK) characters two, combining marks none."""
    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns: broken between words, a word longer than that cut."""
    lines: list[str] = []
    for para in text.split("\n"):
        current = ""
        for word in para.split():
            while _cells(word) > width:  # folded
                room = width - _cells(current) - (1 if current else 0)
                if room <= 0:
                    lines.append(current)
                    current, room = "", width
                head = _fit(word, room)
                lines.append(f"{current} {head}" if current else head)
                current, word = "", word[len(head):]
            if not word:
                continue
            if current and _cells(current) + 1 + _cells(word) > width:
                lines.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        lines.append(current)
    return lines


def _fit(word: str, room: int) -> str:
    """The longest start of `word` that takes at most `room` columns (one character at least)."""
    n = 1
    while n < len(word) and _cells(word[:n + 1]) <= room:
        n += 1
    return word[:n]


def json_array(rows: Iterable[Any]) -> Iterator[str]:
    """`json.dumps(list(rows), ensure_ascii=False, indent=1)` piece by piece, a row at a time."""
    first = True
    for r in rows:
        yield ("[\n " if first else ",\n ") + json.dumps(r, ensure_ascii=False, indent=1).replace("\n", "\n ")
        first = False
    yield "[]" if first else "\n]"
