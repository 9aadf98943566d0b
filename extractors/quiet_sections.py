"""The stretches of a body whose words state rather than assign: a section that states (shape quiet_section: 'Mục
đích, yêu cầu', 'Kết quả đạt được'), the steps of a procedure (procedure_section), slogans to display (slogan_section), a time, a place or a chair
(logistics_label: 'Thời gian: …'), the attendees and places of an attendance section (attendance_label), the items
under a lead-in that reports (quiet_lead: 'Kết quả kiểm tra như sau:'). Tasks read inside them are dropped
(extractors/tasks.py), but those of rules that read whole sentences."""
from __future__ import annotations

from .articles import shape
from .base import DocText
from .orgs import starts_with_head
from .structure.items import BULLETED, NUMBERED, Item, walk
from .structure.tree import Dispatch
from .text import fold


def quiet_spans(tree: Dispatch) -> list[tuple[int, int]]:
    items = list(walk(tree.body_items))
    stating = [it for it in items if _states(tree.doc, it)]
    quiet = [(it.start, it.own_end()) for it in stating]
    # its numbered parts state too ('I. MỤC ĐÍCH, YÊU CẦU' over '2. Các cơ quan, đơn vị triển khai đồng bộ, hiệu quả.'),
    # but one that opens with the word that assigns ('2. Giao Sở X …', 'Đề nghị …'; shape opener)
    quiet += [(k.start, k.own_end(NUMBERED | BULLETED)) for it in stating for k in it.children
              if k.kind in NUMBERED and not shape("opener").match(fold(tree.doc.text[k.body_start:k.end]).lstrip())]
    quiet += [(it.start, it.end) for it in items if shape("procedure_section").match(fold(it.heading))
              or shape("slogan_section").match(fold(it.heading))]
    quiet += [(it.start, it.own_end(NUMBERED | BULLETED)) for it in items if shape("logistics_label").match(fold(it.heading))]
    quiet += [(k.start, k.own_end(NUMBERED | BULLETED)) for it in items
              if shape("attendance_label").match(fold(it.heading)) for k in it.children
              if k.kind in NUMBERED and _attends(tree.doc, k)]
    quiet += [(it.start, it.end) for it in items if shape("quiet_lead").search(fold(it.lead_in))]
    return quiet


def _attends(doc: DocText, it: Item) -> bool:
    """A part of an attendance section that names a place ('2.1. Tại điểm cầu …') or lists people ('1. Sở Công Thương'
    over 'Ông: … - Phó Giám đốc;'): shapes not_duty, attendee_line."""
    own = fold(doc.text[it.body_start:it.own_end(NUMBERED | BULLETED)])
    return bool(shape("not_duty").match(own) or shape("attendee_line").search(own))


def _states(doc: DocText, it: Item) -> bool:
    """A section that states (shape quiet_section), unless its 'Yêu cầu:' opens the request itself, a body named
    after the colon ('2. Yêu cầu: Sở Y tế, Công an tỉnh rà soát …'; shape request_label)."""
    if not shape("quiet_section").match(fold(it.heading)):
        return False
    line = doc.text[it.body_start:it.own_end(NUMBERED | BULLETED)].strip()
    label = shape("request_label").match(fold(line))
    return not (label and starts_with_head(line[label.end():]))
