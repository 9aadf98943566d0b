"""A trace (lookup.trace's nested nodes) as a DOT graph, drawn by Graphviz into SVG.

A document reached by two paths is one node with two edges in, which a tree could only
print twice; each node lists the tasks assigned in it and links to the document's page.
"""
from __future__ import annotations

import textwrap
from typing import Any

from ..queries.render import cut
from ..tools import graphviz

MAX_TASKS = 6  # per node; the document page lists them all
WIDTH = 52  # characters a line of a node: narrow nodes keep a chain readable on a laptop screen


def _quote(value: str) -> str:
    """A DOT string literal: quotes and backslashes escaped, controls dropped."""
    clean = "".join(ch if ch.isprintable() else " " for ch in value)
    return '"' + clean.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _label(node: dict[str, Any]) -> str:
    head = " ".join(x for x in (node["doc_type"], node["number"] or "(no number)") if x)
    lines = [head, *textwrap.wrap(" · ".join(x for x in (node["date"], cut(node["issuer"] or "", 90)) if x), WIDTH)]
    if node["stub"]:
        lines.append("(not ingested)")
    for t in node["tasks"][:MAX_TASKS]:
        who = ", ".join(a["name"] for a in t["assignees"]) or "?"
        due = f" [by {t['deadline']}]" if t["deadline"] else ""
        wrapped = textwrap.wrap(f"• {cut(who, 45)}: {cut(t['task'], 80)}{due}", WIDTH)
        lines += [wrapped[0], *("   " + w for w in wrapped[1:])]
    if len(node["tasks"]) > MAX_TASKS:
        lines.append(f"… {len(node['tasks']) - MAX_TASKS} more tasks")
    return "".join(_quote(ln)[1:-1] + "\\l" for ln in lines)


def dot(roots: list[dict[str, Any]]) -> str:
    """The DOT source: edges point from a node to the next one traced (down: to the documents that
    cite it; up: to those it cites), so the chain reads top to bottom as it was traced."""
    out = ['digraph trace {', 'rankdir=TB; bgcolor="transparent";',
           'node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#5b6b7f", fontname="DejaVu Sans", fontsize=10];',
           'edge [color="#7a8899", fontname="DejaVu Sans", fontsize=9];']
    seen: set[int] = set()
    edges: set[tuple[int, int, str]] = set()

    def visit(node: dict[str, Any], parent: int | None) -> None:
        if parent is not None:
            edges.add((parent, node["id"], node["relation"] or ""))
        if node["repeat"] or node["id"] in seen:
            return
        seen.add(node["id"])
        fill = ' fillcolor="#fff6d6", style="rounded,filled,dashed"' if node["stub"] else ""
        root = " penwidth=2" if parent is None else ""
        out.append(f'n{node["id"]} [label="{_label(node)}", URL="/documents/{node["id"]}",'
                   f' target="_top"{fill}{root}];')
        for child in node["children"]:
            visit(child, node["id"])

    for r in roots:
        visit(r, None)
    for a, b, rel in sorted(edges):
        out.append(f"n{a} -> n{b} [label={_quote(rel)}];")
    out.append("}")
    return "\n".join(out)


def svg(roots: list[dict[str, Any]]) -> str:
    return graphviz.svg(dot(roots))
