"""Attached charters: an Điều lệ (or a Quy chế tổ chức và hoạt động) the decision approves states what an
organisation and its organs are and may do; its articles on the council, the director or the board, their
'nhiệm vụ và quyền hạn', describe standing powers, not assignments. Only its implementation article
('Hiệu lực thi hành', 'Tổ chức thực hiện': shape task_title) assigns ('Hội đồng quản lý Quỹ có trách nhiệm
hướng dẫn và tổ chức thực hiện Điều lệ này')."""
from __future__ import annotations

from typing import Any

from .articles import shape
from .structure.items import Item
from .structure.tree import Zone
from .text import fold

_HEADING_LINES = 12  # the charter's title stands among the attachment's first lines, above its first article


def is_charter(zone: Zone, items: tuple[Item, ...]) -> bool:
    """The attachment is a charter: a line above its first article is titled as one (shape charter_heading)."""
    first = next((it.start for it in items if it.kind == "article"), zone.end)
    lines = [ln for ln in zone.lines if ln.start < first][:_HEADING_LINES]
    return any(shape("charter_heading").match(fold(ln.text)) for ln in lines)


def implementation_only(items: tuple[Item, ...], tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The tasks of a charter that stand in an article titled as its implementation."""
    spans = [(a.start, a.end) for a in items if a.kind == "article"
             and shape("task_title").match(fold(a.heading).strip(" .:"))]
    return [t for t in tasks if any(a <= t["start"] < b for a, b in spans)]
