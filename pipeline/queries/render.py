"""How query results reach the terminal: tables, trees, JSON and CSV.

Every value from the database is document text, and document text is not trusted: it reaches
rich only escaped or as a Text object (so "[red]" or "[link=…]" in a dispatch prints as itself),
and with the control characters that steer a terminal (ESC, backspace, bidi overrides) replaced.
"""
from __future__ import annotations

import csv
import json
import re
import shutil
import sys
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
    from rich.console import Console
    from rich.table import Table

    rows = list(rows)
    names = columns or (list(rows[0]) if rows else [])
    table = Table(title=markup(title), show_lines=True, caption=None if rows else "(no rows)")
    for k in names or ["(no rows)"]:
        table.add_column(k, overflow="fold", max_width=60 if k == "task" else 36)
    for r in rows:
        table.add_row(*(cell(r.get(k) if not isinstance(r.get(k), list | dict) else
                             json.dumps(r.get(k), ensure_ascii=False)) for k in names))
    Console(width=_width()).print(table)


def json_array(rows: Iterable[Any]) -> Iterator[str]:
    """`json.dumps(list(rows), ensure_ascii=False, indent=1)` piece by piece, a row at a time."""
    first = True
    for r in rows:
        yield ("[\n " if first else ",\n ") + json.dumps(r, ensure_ascii=False, indent=1).replace("\n", "\n ")
        first = False
    yield "[]" if first else "\n]"
