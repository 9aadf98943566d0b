"""The day a reply is due, said in a sentence of its own after the task it closes ('Đề nghị các đơn vị rà soát, cung
cấp thông tin theo mẫu.' then 'Văn bản báo cáo của đơn vị gửi về Sở Y tế trước ngày 22/6/2026.'; shape
return_sentence): the day is that task's deadline (and its numbered siblings' just before it, which the same reply
answers), and the sentence is no task of its own. A task to be done at the time stated above ('… cử đại diện làm việc
với Đoàn kiểm tra đúng thời gian, địa điểm nêu trên'; shape stated_time) is due on the day its letter's one 'Thời
gian …:' line gives."""
from __future__ import annotations

from .articles import shape
from .base import BULLETS, Candidate
from .patterns import find_dates, parse_deadline
from .structure.tree import Dispatch
from .text import fold


def carry_deadlines(tree: Dispatch, cands: list[Candidate]) -> list[Candidate]:
    """`cands` with the deadlines of the body's reply sentences given to the tasks they close; the candidates
    read from those sentences themselves are left out."""
    doc = tree.doc
    tasks = sorted((c for c in cands if c.field == "tasks"), key=lambda c: c.end)
    drop: set[int] = set()
    sentences = [(s.start, s.close) for s in tree.sentences]  # the tree's, cut at its items' markers
    for s, e in sentences:
        inside = [c for c in tasks if s <= c.start < e]
        if not shape("return_sentence").match(doc.folded[s:e].lstrip(BULLETS + " ")) or any(c.value.get("ordinal") for c in inside):
            continue  # a numbered item that asks for the reply is a task of its own ('2. Phiếu … gửi về … trước ngày …')
        deadline = parse_deadline(doc.text[s:e])
        before = [c for c in tasks if c.end <= s]
        if not deadline or not before or before[-1].value.get("deadline") \
                or any(before[-1].end < b < s for b, _ in sentences):  # the reply is the very next sentence
            continue
        for c in _closed(before):
            c.value["deadline"] = deadline
        drop |= {id(c) for c in inside}
    _stated_time(tree, tasks)
    return [c for c in cands if id(c) not in drop]


_MARKS = BULLETS + " 0123456789.)"  # an item's marker before its label ('2. Thời gian kiểm tra: …')


def _stated_time(tree: Dispatch, tasks: list[Candidate]) -> None:
    """The tasks with no deadline that are to be done at the time stated above take the day of the body's 'Thời gian
    …:' line (shape time_label), when its lines name one day only."""
    due = [c for c in tasks if not c.value.get("deadline") and shape("stated_time").search(fold(c.value.get("text") or ""))]
    if not due:
        return
    labels = [tree.doc.folded[ln.start:ln.end].lstrip(_MARKS) for ln in tree.body.lines]
    days = {d for line in labels if shape("time_label").match(line) for _, _, d in find_dates(line)}
    if len(days) == 1:
        for c in due:
            c.value["deadline"] = next(iter(days))


def _closed(before: list[Candidate]) -> list[Candidate]:
    """The last task before the reply sentence, and the numbered siblings that run up to it without a deadline of
    their own ('1. …', '2. …' then 'Báo cáo … gửi về … trước ngày …')."""
    last = before[-1]
    out = [last]
    parent, _, n = str(last.value.get("ordinal") or "").rpartition(".")
    if not n.isdigit():
        return out
    for c in reversed(before[:-1]):
        p, _, k = str(c.value.get("ordinal") or "").rpartition(".")
        if p != parent or not k.isdigit() or int(k) != int(n) - 1 or c.value.get("deadline"):
            break
        out.append(c)
        n = k
    return out
