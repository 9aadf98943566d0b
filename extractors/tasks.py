"""Assigned tasks: numbered items, unnumbered 'Giao X chủ trì …' sentences, and task tables.

The assignee is the body before the colon ('1. Ủy ban nhân dân đặc khu: Rà soát …'), the
body that opens the item ('Phòng Kinh tế khẩn trương …', its name ending where an action
verb begins), or the object of Giao / Đề nghị / Yêu cầu; 'phối hợp (với)' names supporters.
"""
from __future__ import annotations

import re
from functools import cache, partial
from typing import Any

from . import aliases, vocab
from .articles import article_tasks, duty_heading, shape, title_end, well_short
from .base import BULLETS, Candidate, DocText
from .charters import implementation_only, is_charter
from .dash_lists import dash_tasks, subject_bullets
from .labelled_tasks import labelled_task
from .lead_ins import read_lead_in
from .orgs import capitalised, split_coordinated, starts_with_head
from .patterns import parse_deadline
from .quiet_sections import quiet_spans
from .return_deadline import carry_deadlines
from .sentence_tasks import closing_at, sentence_tasks
from .structure.from_text import mostly_upper
from .structure.items import BULLETED, LETTERS, NUMBERED, Item, quoted_spans
from .structure.tree import Dispatch, Zone
from .supporters import after_supporters, supporters, verb_re
from .tables import extract_table_tasks, table_tasks
from .task_names import after_grounds, name_until_verb, named_assignees, strip_role_phrases, unclassed
from .text import fold

# Where a task's span lies inside a stronger one's, the stronger stands ('Giao Sở X chủ trì …' over its dashes).
_WEAK = frozenset({"tasks.dash-item"})
# Rules that read whole sentences, not an item's words: a section's title does not silence them (the sentence that
# closes the document runs on inside the last section, 'IV. Phạm vi áp dụng: …' then 'Đề nghị các đơn vị …').
_OUTSIDE_ITEMS = frozenset({"tasks.execution-clause", "tasks.giao-chu-tri", "tasks.sentence-opener",
                            "tasks.sentence-body-acts", "tasks.named-label", "tasks.forwarded", "tasks.issuer-request"})


def extract_tasks(tree: Dispatch, record: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's tasks: the candidates of the body's items, sentences and tables, settled."""
    return settle_tasks(task_candidates(tree, record))


def task_candidates(tree: Dispatch, record: dict[str, Any]) -> list[Candidate]:
    """Reads the body's item tree (from the salutation to Nơi nhận), each attachment's, and the
    tables: a task table's rows are its tasks, and no other rule reads inside it."""
    with aliases.defined(tree.doc.text, tree.doc.folded, tuple(record.get("recipients") or ()),
                         (record.get("issuer") or {}).get("name") or ""):
        return [aliases.assigned_in_full(c) for c in carry_deadlines(tree, _task_candidates(tree, record))]


def _task_candidates(tree: Dispatch, record: dict[str, Any]) -> list[Candidate]:
    rows = table_tasks(tree.tables)
    if not rows:
        table = extract_table_tasks(tree.doc)
        return _candidates(table) if table else _text_candidates(tree, record)
    if record.get("doc_type") in vocab.upward_types():
        return []  # a report's table says what was done, not what it assigns
    spans = [(t.start, t.end) for t in tree.tables if any(t.start <= r["start"] < t.end for r in rows)]
    others = [c for c in _text_candidates(tree, record) if not any(_inside(c, s, e) for s, e in spans)]
    return others + _candidates(rows)


def _inside(c: Candidate, start: int, end: int) -> bool:
    """A text candidate read inside a task table: it starts there, or it is an item whose heading only
    leads into the table ('1. Đấu thầu mua thuốc:' over it) and whose stretch is mostly the table's."""
    if start <= c.start < end:
        return True
    inside = min(c.end, end) - max(c.start, start)
    return c.start < start and inside > (c.end - c.start) / 2


def _text_candidates(tree: Dispatch, record: dict[str, Any]) -> list[Candidate]:
    """The tasks of the body's text, less those inside a section that states rather than assigns (shape
    quiet_section: 'Mục đích, yêu cầu', 'Kết quả đạt được'; logistics_label: 'Thời gian: …'; the items under a
    lead-in that reports, quiet_lead: 'Kết quả kiểm tra như sau:')."""
    quiet = quiet_spans(tree)
    quoted = quoted_spans(tree.doc.text, tree.body.start, tree.body.end)
    parts = _implementation_parts(tree) if record.get("doc_type") in vocab.rule_types() else None
    return [c for c in _all_text_candidates(tree, record)
            if (c.rule in _OUTSIDE_ITEMS or not any(a <= c.start < b for a, b in quiet))
            and not any(a <= c.start < b for a, b in quoted)
            and (parts is None or c.rule == "tasks.execution-clause" or any(a <= c.start < b for a, b in parts))]


def _implementation_parts(tree: Dispatch) -> list[tuple[int, int]] | None:
    """The spans of a text of rules' parts titled as its implementation ('Phần 6' / 'TỔ CHỨC THỰC HIỆN'; shapes
    part_heading, task_title): such a text assigns only there. None when it has no parts, or has articles (they
    decide, read as an attached Quy định's)."""
    lines = list(tree.body.lines)
    heads = [(i, m) for i, ln in enumerate(lines) if (m := shape("part_heading").match(fold(ln.text)))]
    if len(heads) < 2 or sum(it.kind == "article" for it in tree.body_items) >= 2:  # noqa: PLR2004
        return None
    out = []
    for k, (i, m) in enumerate(heads):
        title = m.group("title") or (lines[i + 1].text if i + 1 < len(lines) else "")
        if shape("task_title").match(fold(title).strip(" .:")):
            end = lines[heads[k + 1][0]].start if k + 1 < len(heads) else tree.body.end
            out.append((lines[i].start, end))
    return out


def _all_text_candidates(tree: Dispatch, record: dict[str, Any]) -> list[Candidate]:
    doc = tree.doc
    # a text of rules (a Nghị định, a Thông tư) reads its own articles as an attached Quy định's
    rules = record.get("doc_type") in vocab.rule_types()
    in_articles = article_tasks(doc, tree.body_items, partial(_article_items, named_only=rules, titled=rules))
    if in_articles is None and record.get("doc_type") in vocab.upward_types():
        return []  # a report or a proposal to a superior: its items describe and propose, they assign nothing
    # the responsibility articles of a Quy định or Quy chế the document issues, and when a decision's articles issue
    # it (not a draft a letter asks comments on) its article titled as its implementation ('Điều 15. Tổ chức thực
    # hiện' over '15.1. Phòng X có trách nhiệm …')
    attached = [t for zone, its in zip(tree.attachments, tree.attachment_items, strict=False)
                for t in _attached_tasks(doc, zone, its, titled=in_articles is not None)]
    if in_articles is not None:  # a Quyết định or Nghị quyết: its articles
        return _candidates(in_articles + attached)
    items = _numbered(tree.body_items)
    lead_in = {**read_lead_in(items[0].lead_in if items else ""),
               "to": [{"name": n, "role": "lead"} for n in record.get("recipients") or []]}
    if lead_in.get("sent") and not lead_in["assignees"]:
        lead_in["assignees"] = list(lead_in["to"])  # sent to bodies it does not name shortly: the recipients
    spans = [(it.body_start, it.own_end()) for it in items]
    if items and all(c.kind in BULLETED for c in items[-1].children):  # the list's last item (its bullets
        # with it) ends where a closing sentence begins
        spans[-1] = (spans[-1][0], closing_at(doc, items[-1]))
    unnumbered = sentence_tasks(doc, tree.sentences, spans, _task_from_text,
                                (record.get("issuer") or {}).get("name"))
    dashed = [t for t in dash_tasks(doc, tree.body_items, tree.body.start, read_lead_in, _task_from_text)
              if not any(_is_clause(a["name"]) for a in t["assignees"])]
    return _candidates(_item_tasks(doc, items, lead_in) + unnumbered + dashed + attached)


def _attached_tasks(doc: DocText, zone: Zone, items: tuple[Item, ...], titled: bool) -> list[dict[str, Any]]:
    """An attachment's tasks: its articles named as a body's duties (and, when a decision issues it, its article
    titled as its implementation); a charter's in its implementation article only; a blank form's (shape
    blank_form: its day and month left to fill in), none."""
    if shape("blank_form").search(doc.folded, zone.start, zone.end):
        return []
    charter = is_charter(zone, items)
    found = article_tasks(doc, items, partial(_article_items, named_only=True, titled=titled or charter)) or []
    return implementation_only(items, found) if charter else found


def settle_tasks(cands: list[Candidate]) -> list[dict[str, Any]]:
    """The record's task list, in the document's order of rules: a candidate that starts inside a
    stronger one's span is that one's part, not a task of its own."""
    def inside(c: Candidate, d: Candidate) -> bool:
        return d.rule not in _WEAK and d.start <= c.start < d.end
    return [c.value for c in cands if c.rule not in _WEAK or not any(inside(c, d) for d in cands if d is not c)]


def _candidates(tasks: list[dict[str, Any]]) -> list[Candidate]:
    return [Candidate("tasks", t, t["start"], t["end"], t["rule"]) for t in tasks]


_TITLE_WORDS = 8  # a section's title is short; an item's sentence runs longer


def _roman_sentence(it: Item) -> bool:
    """A Roman-numbered item that is a sentence, not a section's title ('II. Bộ Nội vụ tổng hợp …', not 'II. TỔ CHỨC
    THỰC HIỆN'), with no numbered parts: an item like any numbered one."""
    return it.kind == "roman" and not any(c.kind in NUMBERED for c in it.children) and not mostly_upper(it.heading) \
        and len(it.heading.split()) > _TITLE_WORDS


def _numbered(items: tuple[Item, ...]) -> list[Item]:
    """The numbered and lettered items in order. A letter under no number is no list's (a footnote's
    mark, or a speck OCR read as one) unless the letters under no number make a list of their own:
    'a)', 'b)' … from the first."""
    letters = [it for it in items if it.kind == "letter" and not (it.parent and it.parent.kind in NUMBERED)]
    own_list = len(letters) >= 2 and (letters[0].ordinal or "").rstrip(".").rpartition(".")[2] == "a"  # 'a', 'IV.a'
    listed = {id(it) for it in letters} if own_list else set()
    out = []
    for it in items:
        if it.kind in NUMBERED and (it.kind not in ("letter", "diem") or it.parent and it.parent.kind in NUMBERED
                                    or id(it) in listed) or _roman_sentence(it):
            out.append(it)
        out += _numbered(it.children)
    return out


def _item_tasks(doc: DocText, items: list[Item], lead_in: dict[str, Any]) -> list[dict[str, Any]]:
    tasks = []
    taken: set[int] = set()  # starts of lettered items a heading took as its own task
    listed = {it.start for it in items}
    for it in items:
        if it.start in taken:
            continue
        if fielded := labelled_task(doc, it):  # '1. Tổ chức …' over '- Cơ quan chủ trì: Sở X', '- Thời gian: …'
            tasks.append(fielded)
            continue
        kids = [d for d in it.walk() if d is not it and d.start in listed]
        label, rule = _heading_names(_flat(_own(doc, it))) if kids else ([], "")
        if label:  # '1. Sở Công Thương' over 'a) Rà soát …', 'b) …': each item is the body's task
            heading = {"directive": True, "assignees": label, "rule": rule}
            for k in kids:  # a part that names its own body and gives it dashes of duties ('a) Sở X: …. - …') is read so
                tasks += _label_duties(doc, k) or [t for t in [_task_from_text(_own(doc, k), k.ordinal, k.body_start, heading)] if t]
            taken.update(k.start for k in kids)
            continue
        if kids:
            task, folded = _parent_task(doc, it, kids)
            taken.update(k.start for k in folded)
            split = None if task else _split_bullets(doc, it)
            tasks += split[1] if split else []  # '2. Nội dung' over '- Cơ quan, đơn vị lập danh sách …', then '2.4 …'
        elif _describes(doc, it):
            continue
        elif duties := _label_duties(doc, it):  # 'a) Sở X: là đầu mối ….' over '- Chủ trì …', '- Phối hợp …'
            tasks += duties
            continue
        elif led := _led_bullets(doc, it):  # '1. …: … yêu cầu các phòng, UBND các xã thực hiện các nội dung sau:' over '- …'
            tasks += led
            continue
        else:  # '3. Tổ chức thực hiện' over the sentence that assigns: the item is read after its title
            split = _split_bullets(doc, it)
            # the list's last item ends where the sentence that closes the document begins (sentence_tasks reads it)
            end = split[0] if split else closing_at(doc, it) if it is items[-1] and not it.children else it.own_end()
            at = title_end(doc, it.body_start, end)
            # a lettered part's title over the sentence that names its body ('b) Trong bước đánh giá ngoài' / 'Đoàn …')
            titled = shape("task_title").match(fold(doc.text[it.body_start:at])) \
                or it.kind == "letter" and starts_with_head(doc.text[at:end])
            at = at if titled else it.body_start
            task = _task_from_text(doc.text[at:end], it.ordinal, at, lead_in)
            if split:  # the bullets that name their own subject stand alone; the item stands when it says more than its title
                # a title that names no body and wraps onto a second line to its colon ('2. Tiếp tục tập huấn cho
                # tuyến huyện và cho⏎tuyến xã:') says no more than its title
                first, _, rest = doc.text[it.body_start:end].strip().partition("\n")
                wrapped = _flat(doc.text[it.body_start:end])
                own = task is not None and task["rule"] == "tasks.item-names-assignee"  # a sentence of its body's ('2. Các sở hướng dẫn …:')
                said = wrapped.partition(":")[2].strip() if wrapped.endswith(":") and not own \
                    else own or rest.strip() or first.partition(":")[2].strip()
                task = task if task and task["assignees"] and task["text"] and said else None
                tasks += [task, *split[1]] if task else split[1]
                continue
            if task and (parts := _inline_parts(doc.text[at:end], task)):
                tasks += parts  # '1. Trung tâm X: (a) Có kế hoạch …; (b) …'
                continue
        if task:
            tasks.append(task)
    return _named_lists(tasks)


def _named_lists(tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An item that names no body, under a lead-in that names none, is a task only beside an item of its list that
    names one ('1. Cho phép sinh viên …' over '2. Phòng Đào tạo …'): a list none of whose items names a body is the
    issuer's own programme ('… ban hành kế hoạch … như sau:' over '1.1. Ban hành Chỉ thị …'), no assignment."""
    def parent(t: dict[str, Any]) -> str:
        return str(t["ordinal"] or "").rpartition(".")[0]
    named = {parent(t) for t in tasks if t["assignees"]}
    return [t for t in tasks if t["assignees"] or parent(t) in named]


def _inline_parts(text: str, task: dict[str, Any]) -> list[dict[str, Any]]:
    """The lettered parts of one paragraph ('1. Trung tâm X: (a) Có kế hoạch …; (b) Khẩn trương …'), each a
    task of the item's assignees; a list that does not open with (a), or has one part, is none."""
    flat = _flat(text)
    marks = list(shape("inline_letter").finditer(fold(flat)))
    if len(marks) < 2 or marks[0].group("ord") != "a" or not task["ordinal"]:
        return []
    parts, previous = [], ""
    for k, m in enumerate(marks):
        letter = m.group("ord")
        expected = LETTERS[LETTERS.find(previous) + 1] if previous else "a"
        previous = letter if letter in LETTERS and LETTERS.find(letter) > LETTERS.find(previous) else expected
        words = flat[m.end():marks[k + 1].start() if k + 1 < len(marks) else len(flat)].strip(" ;.,")
        parts.append({**task, "ordinal": f"{task['ordinal']}.{previous}", "text": words[:600],
                      "deadline": parse_deadline(words), "rule": "tasks.inline-letters"})
    return parts


def _split_bullets(doc: DocText, it: Item) -> tuple[int, list[dict[str, Any]]] | None:
    """The bullets of `it` that are tasks of their own (dash_lists.subject_bullets). Under a label that names
    a body ('2. Sở Y tế:') they are the closing run of its bullets ('- Phòng Nghiệp vụ Y: …', '- Văn phòng Sở:
    …'); one followed by the label's own duties ('3. Các cơ sở y tế:' over '- Bệnh viện công lập cử …', '- Xây
    dựng danh mục …') is a part of the label's task."""
    split = subject_bullets(doc, it, _task_from_text, _own_subject)
    head, colon, _ = _flat(doc.text[it.body_start:it.own_end()]).partition(":")
    if split and colon and len(head.split()) <= 10 and not verb_re().search(fold(head)):  # a name, no verb
        kept = {t["start"] for t in split[1]}
        first = next(b for b in it.walk() if b.start == split[0])
        if any(b.kind in BULLETED and b.start > first.start and b.start not in kept for b in (first.parent or it).children):
            return None  # a named bullet among the label's own ones
    return split


def _own_subject(task: dict[str, Any], title: str, words: str, first: str) -> bool:
    """A bullet's task names a subject of its own: bodies (not a clause), other than the bodies its item's
    title names, doing a duty (not 'Sở Y tế: 01 người', 'Các đơn vị: Từ ngày 06/11'). Under a title that
    names a body, 'Yêu cầu các đơn vị …' is what that body asks of them: its task, not theirs; under the title
    of the assignments ('Tổ chức thực hiện') the bullets are the item's one task unless they assign from the first
    ('- Giao Hội đồng X chủ trì …', '- Giao cho …'): then each that does stands alone. The duty opens with an action verb; a step of a procedure ('- Bước 1: Phòng X cung cấp …') is none."""
    names = [a["name"] for a in task["assignees"] if a["role"] == "lead"]
    titled = {fold(a["name"]) for a in _label(title)}
    opener = shape("opener").match(fold(words.strip()))
    if titled and opener or shape("step_label").match(fold(words.strip())) or not verb_re().match(fold(task["text"])):
        return False
    if shape("task_title").match(fold(title.rstrip(" :"))) and not (opener and shape("opener").match(fold(first.strip()))):
        return False  # '4. Phân công nhiệm vụ:' over '- Các cơ quan … gửi …', '- Giao Ban Dân tộc tỉnh …' is one task
    return bool(names) and not any(_is_clause(n) or fold(n) in titled or len(n.split()) > 12 or "(" in n for n in names) \
        and not shape("not_duty").match(fold(task["text"]))


def _label_duties(doc: DocText, it: Item) -> list[dict[str, Any]]:
    """An item that names its body before a colon and gives it a sentence of its own, then bullets that each
    go on with a duty of that body and name no other ('a) Sở X: là đơn vị đầu mối ….' over '- Chủ trì, phối
    hợp với Sở Y …', '- Hằng năm, kiểm tra …'): the sentence is the item's task, each bullet one more of the
    body's, unnumbered as printed. A label with nothing after its colon ('2. Sở X:') is the bullets' title."""
    bullets = [b for b in it.children if b.kind in BULLETED]
    if len(bullets) < 2 or any(b.kind not in BULLETED for b in it.children):
        return []
    head, colon, said = _flat(doc.text[it.body_start:bullets[0].start]).partition(":")
    label = _label(head) if colon else []
    if not label or not said.strip().endswith(".") or _is_clause(head):
        return []
    given = {"directive": True, "assignees": label, "rule": "tasks.label-duties"}
    words = [doc.text[b.body_start:b.end] for b in bullets]
    if any(named_assignees(_flat(w))[0] for w in words) or 2 * sum(bool(verb_re().match(fold(w.strip()))) for w in words) < len(words):
        return []  # a bullet that names its own body, or bullets that list things rather than duties
    own = _task_from_text(doc.text[it.body_start:bullets[0].start], it.ordinal, it.body_start, given)
    # a bullet that opens with its role ('- Chủ trì, phối hợp với Sở Y …') keeps it as its wording: it names no one before it
    rest = [{**t, "text": _flat(w).strip(" ;.")[:600]} if shape("lead_support").match(fold(w.strip())) else t
            for b, w in zip(bullets, words, strict=True) if (t := _task_from_text(w, None, b.body_start, given))]
    return [{**t, "rule": "tasks.label-duties"} for t in ([own] if own else []) + rest]


def _led_bullets(doc: DocText, it: Item) -> list[dict[str, Any]]:
    """An item whose own sentence leads in its bullets and names who does them ('1. Các nội dung yêu cầu thực
    hiện:' / '… Chủ tịch UBND thị xã yêu cầu các phòng, ban, UBND các xã thực hiện nghiêm túc các nội dung sau:'
    over '- Khẩn trương xây dựng kế hoạch …', '- Thực hiện việc thống kê …'): the bullets are their one task, with the
    item's ordinal, as a heading's bullets are its body's; a later bullet that names a body of its own is that body's
    task, unnumbered as printed. An item whose
    heading itself is the lead-in ('1. Giao Sở X chủ trì, phối hợp với …:' over dashes) is one task, read elsewhere."""
    bullets = [b for b in it.children if b.kind in BULLETED]
    if len(bullets) < 2 or any(b.kind not in BULLETED for b in it.children) or not bullets[0].above.rstrip().endswith(":") \
            or fold(bullets[0].above).rstrip(" :") == fold(it.heading).rstrip(" :"):  # noqa: PLR2004
        return []
    led = read_lead_in(bullets[0].above)
    if not led["directive"] or not led["assignees"]:
        return []
    out: list[dict[str, Any]] = []
    for b in bullets:
        t = _task_from_text(doc.text[b.body_start:b.own_end(BULLETED)], None if out else it.ordinal, b.body_start, led)
        if t and t["assignees"] and out and t["assignees"] == led["assignees"]:
            out[0]["end"] = t["end"]  # a bullet of the lead-in's own bodies goes on their one task, as a heading's do
        elif t and t["assignees"]:
            out.append({**t, "rule": "tasks.led-bullets"})
    return out


def _describes(doc: DocText, it: Item) -> bool:
    """An item whose bullets name what is looked at ('1.2.1. Sở Y tế' over '- Công tác xây dựng quy hoạch …',
    '- Việc thực hiện …'): most of them open with a noun of topic (shape topic_item), so it assigns nothing."""
    bullets = [b for b in it.children if b.kind in BULLETED]
    topics = [b for b in bullets if shape("topic_item").match(fold(doc.text[b.body_start:b.end]))]
    return len(bullets) >= 2 and 2 * len(topics) > len(bullets)


def _own(doc: DocText, it: Item) -> str:
    """An item's words before its first numbered child (its dashes are its own)."""
    return doc.text[it.body_start:it.own_end()]


def _article_items(doc: DocText, article: Item, named_only: bool = False, titled: bool = False) -> list[dict[str, Any]]:
    """An article's khoản and điểm as 'Điều 2.1', 'Điều 2.1.a'; an article without them is one task
    when it names its assignee ('Điều 2. Giao Sở Tài chính …'). A heading that names a body ('Điều 7.
    Sở Thông tin và Truyền thông', 'Điều 5. Trách nhiệm của Chủ tịch UBND cấp tỉnh') gives its
    khoản their assignee; with `named_only` (an attached Quy định, whose other articles state
    rules for whole classes of people) only those khoản are tasks, and with `titled` (a text of rules' own
    articles) those of an article titled as the text's implementation too ('Điều 20. Tổ chức thực hiện')."""
    items = _numbered(article.children)
    if not items and (dashes := _named_dashes(doc, article)):
        return dashes
    if not items:  # the article is one task: of the body it names, or its duty heading names
        at = title_end(doc, article.body_start, article.end)
        heading, colon, rest = doc.text[at:article.end].partition(":")
        duty = duty_heading(_flat(heading)) if colon else None
        if duty:  # 'Điều 2. Nhiệm vụ của Tổ công tác như sau: - …'
            names = [{"name": capitalised(n), "role": "lead"} for n in split_coordinated(duty)]
            given = {"directive": True, "assignees": names, "rule": "tasks.duty-heading"}
            task = _task_from_text(rest, article.ordinal, at + len(heading) + 1, given)
        else:
            task = _task_from_text(doc.text[at:article.end], article.ordinal, at, {"directive": False, "assignees": []})
        return [task] if task else []
    names, rule = _heading_names(_flat(doc.text[article.body_start:items[0].start]))
    if names:
        return _item_tasks(doc, items, {"directive": True, "assignees": names, "rule": rule})
    if named_only and not (titled and shape("task_title").match(fold(article.heading))):
        return []
    return _item_tasks(doc, items, read_lead_in(items[0].lead_in))


def _named_dashes(doc: DocText, article: Item) -> list[dict[str, Any]]:
    """An article whose words are dashes that each name the body they assign ('Điều 2. Tổ chức thực hiện:' over
    '- Sở Quy hoạch - Kiến trúc kiểm tra …', '- UBND quận X chủ trì …'): one task per dash, the first with the
    article's ordinal, the others unnumbered as printed; [] when a dash names none (the dashes are the parts of
    one duty)."""
    dashes = [c for c in article.children if c.kind in BULLETED]
    if len(dashes) < 2 or any(c.kind not in BULLETED for c in article.children):  # noqa: PLR2004
        return []
    none: dict[str, Any] = {"directive": False, "assignees": []}
    tasks = [_task_from_text(doc.text[d.body_start:d.end], None, d.body_start, none) for d in dashes]
    if not all(t and any(a["role"] == "lead" for a in t["assignees"]) for t in tasks):
        return []
    return [{**t, "ordinal": article.ordinal if k == 0 else None, "rule": "tasks.article-dashes"}
            for k, t in enumerate(tasks) if t]


def _heading_names(heading: str) -> tuple[list[dict[str, str]], str]:
    """The bodies a heading over items gives them, and the rule: a duty heading ('Trách nhiệm của các tổ
    chức, doanh nghiệp hoạt động trong lĩnh vực …', its name running on over verbs) or a bare name."""
    duty = duty_heading(heading) if not heading.rstrip(" :").endswith((".", ";")) else None
    if duty and len(duty.split()) <= 25:
        return [{"name": capitalised(n), "role": "lead"} for n in split_coordinated(duty)], "tasks.duty-heading"
    if (opener := shape("opener").match(fold(heading.strip()))) and heading.rstrip().endswith(":"):
        heading = heading.strip()[opener.end():]  # 'Điều 2. Giao Giám đốc Sở X:' over its khoản names Giám đốc Sở X
    return _label(heading), "tasks.label-heading"


def _label(text: str) -> list[dict[str, str]]:
    """The bodies a heading item names when it is a name and nothing more ('1. Sở Công Thương',
    '2. UBND các huyện, thị xã, thành phố:'): no verb, no sentence."""
    flat = _flat(text).rstrip(" :")
    if not flat or len(flat.split()) > 15 or flat.endswith((".", ";")) or not starts_with_head(flat):
        return []
    name, _rest = name_until_verb(flat + " ")
    if name or _is_clause(flat):
        return []
    return [{"name": capitalised(n), "role": "lead"} for n in split_coordinated(flat)]


def _is_clause(text: str) -> bool:
    """A clause word outside the phrases names keep ('có' is a verb, 'có liên quan' part of a name)."""
    words, keep = _clause_words()
    return bool(words.search(keep.sub(" ", fold(text))))


@cache
def _clause_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    entries = vocab.lines("clause_words.txt")

    def alternation(ws: list[str]) -> re.Pattern[str]:
        return re.compile(r"(?<![^\W\d_])(?:" + "|".join(re.escape(fold(w)) for w in ws) + r")(?![^\W\d_])")

    return (alternation([w for w in entries if not w.startswith("!")]),
            alternation([w[1:] for w in entries if w.startswith("!")]))


def _parent_task(doc: DocText, item: Item, kids: list[Item]) -> tuple[dict[str, Any] | None, list[Item]]:
    """A numbered heading over lettered items, and the items it takes. When it names the assignee
    ('1. Thủ trưởng các sở … có trách nhiệm:'), the items that name none are its task, and are not
    tasks of their own; a heading that names none ('2. Trách nhiệm cụ thể:') is no task, and its
    items stand alone."""
    def names_assignee(it: Item) -> bool:
        return bool(named_assignees(_item_flat(_own(doc, it)))[0])

    orphans = [k for k in kids if not names_assignee(k)] if names_assignee(item) else []
    if not orphans:
        return None, []
    body = " ".join(_own(doc, k) for k in [item, *orphans])
    task = _task_from_text(body, item.ordinal, item.body_start, {"directive": False, "assignees": []})
    return (task and {**task, "rule": "tasks.heading-takes-items"}), orphans


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _item_flat(text: str) -> str:
    """The item on one line; a first line that heads a list of bullets ('5.1. Trung tâm Quản lý chất
    lượng' over '- Là đơn vị đầu mối …'), or that is a bare name over a capitalised sentence, is a label,
    as if it ended with a colon."""
    first, _, rest = text.strip().partition("\n")
    bullet = rest.lstrip()[:1]
    if bullet and first[-1:] not in ".;:," and len(first.split()) <= 15 \
            and (bullet in BULLETS or bullet.isupper() and _label(first) and well_short(first, rest.lstrip().partition("\n")[0])):
        return _flat(first + ": " + rest)
    return _flat(text)


def _sentence_breaks(text: str, flat: str) -> str:
    """``flat`` with a line break kept where the next line opens with a capital: a noun reading that looks back
    ('hồ sơ đề nghị cấp …') does not reach over a heading's end ('Về danh mục hồ sơ' over 'Đề nghị rà soát …')."""
    if flat != _flat(text):
        return flat
    marked = re.sub(r"\s*\n\s*(?=[^\W\d_])", lambda m: "\n" if m.string[m.end()].isupper() else " ", text.strip())
    return re.sub(r"[^\S\n]+", " ", marked) if len(marked) == len(flat) else flat


def _task_from_text(text: str, ordinal: str | None, offset: int, lead_in: dict[str, Any]) -> dict[str, Any] | None:
    flat = _item_flat(text)
    # under a heading that names its assignee, 'Chỉ đạo X …' is what the assignee does to X
    directs = bool(lead_in["assignees"]) and shape("directs_other").match(fold(flat)) is not None
    # 'Căn cứ quy định tại …; giao Sở X rà soát …', 'Nhất trí chủ trương …; Giao UBND phường X chủ trì …', 'Trong thời
    # gian chưa …, giao các sở …': an item that opens with grounds, a decision or a circumstance assigns at its opener
    # ('Giao' as printed: 'giáo viên' folds alike; a later 'đề nghị' only after grounds, else it closes the item)
    grounds = shape("adverbial").match(fold(flat)) is not None
    if not directs and (grounds or not named_assignees(flat)[0]):
        later = next((g for g in shape("giao").finditer(fold(flat)) if flat[:g.start()].rstrip().endswith((";", ","))
                      and flat[g.start():g.end()].strip().lower() in (("giao", "đề nghị") if grounds else ("giao",))
                      and starts_with_head(flat[g.end():])), None)
        flat = flat[later.start():] if later else after_grounds(flat) if grounds or shape("circumstance").match(fold(flat)) else flat
    assignees, action = ([], flat) if directs else named_assignees(flat)
    rule = "tasks.item-names-assignee" if ordinal else "tasks.unnumbered"
    # an adverbial between the name and its action goes ('Sở X, trong phạm vi …, có kế hoạch'); one that
    # opens the item or the text after its colon is the task's own wording ('… Đảng ủy: Theo chức năng, …')
    at = flat.rfind(action) if action else -1
    named = bool(assignees) and not (at > 0 and flat[:at].rstrip().endswith(":"))
    ask = shape("ask").search(fold(_sentence_breaks(text, flat))) if not assignees and lead_in.get("opinion") else None
    if ask:  # an answer's item that asks: of the body it asks, else of the recipients
        assignees, action = named_assignees(flat[ask.start():])
        assignees, action = (assignees, action) if assignees else (list(lead_in.get("to", [])), flat[ask.start():])
        rule = "tasks.answer-asks"
    elif not assignees:
        if not lead_in["directive"]:
            return None
        assignees = list(lead_in["assignees"])
        action = flat
        rule = lead_in.get("rule", "tasks.lead-in")  # the sentence or heading above named the assignee
    action = action.lstrip(BULLETS + " ")
    if assignees and at > 0 and flat[:at].rstrip().endswith(":") and shape("not_duty").match(fold(action)):
        return None  # '1. Trường THPT Quốc Học: 450 học sinh': a quantity, a time or a place for the body, no duty
    action = after_supporters(strip_role_phrases(action) if named else action.strip())
    assignees = [{**a, "name": unclassed(a["name"])} for a in assignees] if named else assignees
    supports = supporters(flat, {a["name"] for a in assignees})
    return {
        "ordinal": ordinal,
        "assignees": assignees + supports,
        "text": action[:600].strip(" ;."),
        "deadline": parse_deadline(flat),
        "assigned_by": None,
        "start": offset, "end": offset + len(text), "rule": rule,
    }
