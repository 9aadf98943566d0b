"""Assigned tasks: numbered items, unnumbered 'Giao X chủ trì …' sentences, and task tables.

The assignee is the body before the colon ('1. Ủy ban nhân dân đặc khu: Rà soát …'), the
body that opens the item ('Phòng Kinh tế khẩn trương …', its name ending where an action
verb begins), or the object of Giao / Đề nghị / Yêu cầu; 'phối hợp (với)' names supporters.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, partial
from typing import Any

from . import vocab
from .articles import _shapes, article_tasks, duty_heading
from .base import BULLETS, DocText
from .dash_lists import dash_tasks
from .orgs import capitalised, joins_bodies, same_issuer, split_coordinated, starts_with_head
from .patterns import parse_deadline
from .structure.tree import Dispatch
from .tables import extract_table_tasks
from .text import fold

_ITEM = re.compile(r"(?m)^[ \t]*(?P<ord>\d{1,2}(?:\.\d{1,2})*|[a-zđ])(?:\.|\))[ \t]+(?=\S)")
# What OCR makes of an item's marker: '1,' for '1.', '- 1,' with a speck read as a dash, 'ở)' for 'b)'. Such a
# marker is an item only where its list expects that very item (_numbered_items).
_LOOSE_ITEM = re.compile(r"(?m)^[ \t]*(?:[-–—~.'`]\s*)?(?:(?P<num>\d{1,2}),|(?P<let>[^\W\d_A-ZĐ])\))[ \t]+(?=[^\W\d_])")
_ROMAN = re.compile(r"(?m)^[ \t]*([IVX]{1,4})\.[ \t]+")
# The lead-in sentence assigns when its verb does ('… yêu cầu:', 'có ý kiến như sau:', 'thực hiện một số nội
# dung sau:'); 'ban hành Kế hoạch … như sau:', 'mời … như sau:' and a noun 'với các yêu cầu:' do not.
# A capitalised one is a name ('Ban Chỉ đạo'), and 'giao' opens compounds ('giáo dục', 'giao thông').
_DIRECTIVE = re.compile(r"(?<!cac )(?<!nhung )\b(?:yeu cau|de nghi|giao(?!\s+(?:duc|thong|dich|luu|tiep|nhan))"
                        r"|chi thi|chi dao|phan cong|co y kien)\b"
                        r"|\b(?:thuc hien|trien khai)\s+(?:mot so|cac)\s+(?:noi dung|nhiem vu)")
_OPENERS = re.compile(r"^(?:giao(?:\s+cho)?|de nghi|yeu cau|chi dao|doi voi)\s+")
_SUPPORT = re.compile(r"\bphoi(?:\s+hop)?(?:\s+(?:voi|cung))?\s+")
_ACRONYM = re.compile(r"[A-ZĐ]{3,}\s+[A-ZĐ]")  # 'VNPT Quảng Ngãi': a body named by its acronym
_DUTY = re.compile(r"(?:co|chiu) trach nhiem|co nhiem vu|thuc hien")  # ends a heading that names the assignee
_PURPOSE = re.compile(r"\s(?:de|nham)\s")
_PLURAL_BEFORE = re.compile(r"\b(?:cac|nhung)\s+$")  # a verb after it is a noun: 'các tổ chức'
_LEAD_SUPPORT = re.compile(r"^(?:chu tri\s*,?\s*)?phoi hop\s+(?:(?:voi|cung)\s+)?")
_CITATION_START = re.compile(r"^(?:" + vocab.doc_type_regex() + r")\s+(?:so\s+)?\d")


@cache
def _verb_re() -> re.Pattern[str]:
    return re.compile(r"(?<![^\W\d_])(?:" + vocab.folded_alternation("verb") + r")(?![^\W\d_])")


def extract_tasks(tree: Dispatch, record: dict[str, Any]) -> list[dict[str, Any]]:
    """Reads the body zone (from the salutation to Nơi nhận)."""
    doc = tree.doc
    table = extract_table_tasks(doc)
    if table:
        return table
    start, end = tree.body.start, tree.body.end
    in_articles = article_tasks(doc, start, end, _article_items)
    if in_articles is None and record.get("doc_type") in vocab.upward_types():
        return []  # a report or a proposal to a superior: its items describe and propose, they assign nothing
    # the responsibility articles of a Quy định or Quy chế the document issues
    attached = [t for z in tree.attachments
                for t in article_tasks(doc, z.start, z.end, partial(_article_items, named_only=True)) or []]
    if in_articles is not None:  # a Quyết định or Nghị quyết: its articles
        return in_articles + attached
    items = _numbered_items(doc, start, end)
    lead_in = _lead_in(doc, start, doc.text.rfind("\n", 0, items[0][1]) + 1 if items else end)  # before '1. '
    unnumbered = _unnumbered(doc, start, end, items, (record.get("issuer") or {}).get("name"))
    dashed = [t for t in dash_tasks(doc, start, end, items, _lead_in, _task_from_text)
              if not any(u["start"] <= t["start"] < u["end"] for u in unnumbered)
              and not any(_is_clause(a["name"]) for a in t["assignees"])]
    return _item_tasks(doc, items, lead_in) + unnumbered + dashed + attached


def _item_tasks(doc: DocText, items: list[tuple[str, int, int]], lead_in: dict[str, Any]) -> list[dict[str, Any]]:
    tasks = []
    taken: set[int] = set()  # lettered items a heading took as its own task
    for i, (ordinal, s, e) in enumerate(items):
        if i in taken:
            continue
        kids = list(_children(items, i))
        label = _label(doc.text[s:e]) if kids else []
        if label:  # '1. Sở Công Thương' over 'a) Rà soát …', 'b) …': each item is the body's task
            heading = {"directive": True, "assignees": label, "rule": "tasks.label-heading"}
            tasks += [t for j in kids if (t := _task_from_text(doc.text[items[j][1]:items[j][2]], items[j][0],
                                                              items[j][1], heading))]
            taken.update(kids)
            continue
        if kids:
            task, folded = _parent_task(doc, items, i, kids)
            taken.update(folded)
        else:
            task = _task_from_text(doc.text[s:e], ordinal, s, lead_in)
        if task:
            tasks.append(task)
    return tasks


def _article_items(doc: DocText, start: int, end: int, ordinal: str, named_only: bool = False) -> list[dict[str, Any]]:
    """An article's khoản and điểm as 'Điều 2.1', 'Điều 2.1.a'; an article without them is one task
    when it names its assignee ('Điều 2. Giao Sở Tài chính …'). A heading that names a body ('Điều 7.
    Sở Thông tin và Truyền thông', 'Điều 5. Trách nhiệm của Chủ tịch UBND cấp tỉnh') gives its
    khoản their assignee; with `named_only` (an attached Quy định, whose other articles state
    rules for whole classes of people) only those khoản are tasks."""
    items = [(f"{ordinal}.{o}", s, e) for o, s, e in _numbered_items(doc, start, end)]
    if not items:
        task = _task_from_text(doc.text[start:end], ordinal, start, {"directive": False, "assignees": []})
        return [task] if task else []
    heading_end = doc.text.rfind("\n", 0, items[0][1]) + 1
    heading = _flat(doc.text[start:heading_end])
    duty = duty_heading(heading)
    names = [{"name": capitalised(n), "role": "lead"} for n in split_coordinated(duty)] if duty else _label(heading)
    if names:
        rule = "tasks.duty-heading" if duty else "tasks.label-heading"
        return _item_tasks(doc, items, {"directive": True, "assignees": names, "rule": rule})
    if named_only:
        return []
    return _item_tasks(doc, items, _lead_in(doc, start, heading_end))


def _label(text: str) -> list[dict[str, str]]:
    """The bodies a heading item names when it is a name and nothing more ('1. Sở Công Thương',
    '2. UBND các huyện, thị xã, thành phố:'): no verb, no sentence."""
    flat = _flat(text).rstrip(" :")
    if not flat or len(flat.split()) > 15 or flat.endswith((".", ";")) or not starts_with_head(flat):
        return []
    name, _rest = _name_until_verb(flat + " ")
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


def _children(items: list[tuple[str, int, int]], i: int) -> Iterator[int]:
    """The items right after item i that nest under it ('2.a', '2.b' or '3.1' under '2' / '3')."""
    prefix = items[i][0] + "."
    for j in range(i + 1, len(items)):
        if not items[j][0].startswith(prefix):
            return
        yield j


def _parent_task(doc: DocText, items: list[tuple[str, int, int]], i: int,
                 kids: list[int]) -> tuple[dict[str, Any] | None, list[int]]:
    """A numbered heading over lettered items, and the items it takes. When it names the assignee
    ('1. Thủ trưởng các sở … có trách nhiệm:'), the items that name none are its task, and are not
    tasks of their own; a heading that names none ('2. Trách nhiệm cụ thể:') is no task, and its
    items stand alone."""
    def text(j: int) -> str:
        return doc.text[items[j][1]:items[j][2]]

    def names_assignee(j: int) -> bool:
        return bool(_assignees(_item_flat(text(j)))[0])

    orphans = [j for j in kids if not names_assignee(j)] if names_assignee(i) else []
    if not orphans:
        return None, []
    ordinal, start, _ = items[i]
    body = " ".join(text(j) for j in [i, *orphans])
    task = _task_from_text(body, ordinal, start, {"directive": False, "assignees": []})
    return (task and {**task, "rule": "tasks.heading-takes-items"}), orphans


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _item_flat(text: str) -> str:
    """The item on one line; a first line that heads a list of bullets ('5.1. Trung tâm Quản lý chất
    lượng' over '- Là đơn vị đầu mối …') is a label, as if it ended with a colon."""
    first, _, rest = text.strip().partition("\n")
    bullet = rest.lstrip()[:1]
    if bullet and bullet in BULLETS and first[-1:] not in ".;:," and len(first.split()) <= 15:
        return _flat(first + ": " + rest)
    return _flat(text)


def _numbered_items(doc: DocText, start: int, end: int) -> list[tuple[str, int, int]]:
    """(ordinal, start, end) of each item; lettered items nest under the last number ('2.a')."""
    marks: list[tuple[str, int, int]] = []
    parent = None
    letter = ""
    for m in _markers(doc, start, end):
        o = _ord(m)
        if o.isalpha():
            if parent is None:
                continue
            letter = _in_sequence(o, letter)
            o = f"{parent}.{letter}"
        else:
            o = _decimal_in_sequence(o, marks[-1][0] if marks else "")
            parent, letter = o, ""
        body = fold(doc.text[m.end():m.end() + 60])
        if _CITATION_START.match(body):
            continue  # a footnote citation, not an item
        marks.append((o, m.start(), m.end()))
    out = []
    for i, (o, _, body_start) in enumerate(marks):
        e = marks[i + 1][1] if i + 1 < len(marks) else end
        roman = _ROMAN.search(doc.text, body_start, e)
        out.append((o, body_start, roman.start() if roman else e))
    return _in_sections(doc, start, out)


def _in_sections(doc: DocText, start: int, items: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Items under Roman sections whose numbering starts again in each ('II. … 1. 2.', 'IV. … 1. 2.') are
    told apart by their section, 'IV.1'; a numbering that runs on through the sections needs none."""
    sections = [(m.group(1), m.start()) for m in _ROMAN.finditer(doc.text, start, items[-1][1] if items else start)]
    if len(sections) < 2:
        return items

    def section(pos: int) -> str | None:
        return next((r for r, at in reversed(sections) if at < pos), None)

    seen: dict[str, str | None] = {}
    restarts = False
    for o, s, _ in items:
        top = o.split(".")[0]
        if top in seen and seen[top] != section(s):
            restarts = True
        seen.setdefault(top, section(s))
    if not restarts:
        return items
    return [(f"{r}.{o}" if (r := section(s)) else o, s, e) for o, s, e in items]


def _ord(m: re.Match[str]) -> str:
    g = m.groupdict()
    return g.get("ord") or g.get("num") or g.get("let") or ""


def _markers(doc: DocText, start: int, end: int) -> list[re.Match[str]]:
    """The items' markers in order; a misread one ('1,', 'ở)') is kept only where the list expects
    exactly that item: the number before the next one, the letter between its neighbours."""
    strict = list(_ITEM.finditer(doc.text, start, end))
    at = {m.start() for m in strict}
    loose = [m for m in _LOOSE_ITEM.finditer(doc.text, start, end) if m.start() not in at]
    if not loose:
        return strict
    out = sorted(strict + loose, key=lambda m: m.start())
    kept: list[re.Match[str]] = []
    for i, m in enumerate(out):
        if m.start() in at:
            kept.append(m)
            continue
        nxt = next((_ord(x) for x in out[i + 1:] if x.start() in at), "")
        prev = _ord(kept[-1]) if kept else ""
        if m.group("num"):
            n = int(m.group("num"))
            ok = nxt.isdigit() and int(nxt) == n + 1 and (not prev.isdigit() or int(prev) == n - 1)
        else:
            before, after = prev, nxt
            ok = before in _LETTERS and after in _LETTERS and _LETTERS.find(after) - _LETTERS.find(before) == 2
        if ok:
            kept.append(m)
    return kept


_LETTERS = "abcdđeghiklmnopqrstuvxy"  # the Vietnamese alphabet that letters items
_LOOKALIKE = {"đ": "d", "d": "đ", "e": "c", "c": "e"}  # OCR's confusions between letters of the sequence


def _in_sequence(letter: str, previous: str) -> str:
    """An item's letter, mended when OCR read a look-alike of the one the sequence expects ('c) … đ)' is d),
    or a letter no list uses ('ở)' between a) and c) is b)."""
    i = _LETTERS.find(previous) + 1 if previous else 0
    expected = _LETTERS[i] if i < len(_LETTERS) else ""
    return expected if _LOOKALIKE.get(letter) == expected or letter not in _LETTERS else letter


def _decimal_in_sequence(ordinal: str, previous: str) -> str:
    """'5.1 … 3.2': a sub-item follows its elder sibling, and a list never steps back, so OCR misread the 5."""
    head, _, tail = ordinal.rpartition(".")
    p_head, _, p_tail = previous.rpartition(".")
    if head and p_head and tail.isdigit() and p_tail.isdigit() and int(tail) == int(p_tail) + 1 \
            and head.isdigit() and p_head.isdigit() and int(head) < int(p_head):
        return f"{p_head}.{tail}"
    return ordinal


def _lead_in(doc: DocText, start: int, first_item: int) -> dict[str, Any]:
    """The sentence before the list: is it a directive, and does it name the assignee?"""
    lo = max(start, first_item - 400)
    seg = doc.text[lo:first_item].rstrip()
    # an earlier, closed sentence or paragraph (the heading above) is not the lead-in
    ends = [m.end() for m in re.finditer(r"\.\s", seg)]
    ends += [m.end() for m in re.finditer(r"\n[ \t]*\n", seg) if doc.paragraph_between(lo + m.start(), lo + m.end())]
    sentence = _flat(seg[max(ends):] if ends else seg)  # a name may wrap ('Thủ' / 'trưởng các đơn vị')
    f = fold(sentence)
    directive = any(m.start() == 0 or sentence[m.start()].islower() for m in _DIRECTIVE.finditer(f))
    info: dict[str, Any] = {"directive": directive, "assignees": []}
    # the opener that names a body; an earlier 'giao' may be the word of 'an toàn giao thông'
    m = next((m for m in re.finditer(r"\b(?:yeu cau|de nghi|giao)\s+", f) if starts_with_head(sentence[m.end():])), None)
    if m:
        name, _ = _name_until_verb(sentence[m.end():])
        units = split_coordinated(name) if name else []
        if units and all(len(u.split()) <= 16 for u in units):  # a long list of bodies, each a name
            info["assignees"] = [{"name": n, "role": "lead"} for n in units]
    return info


def _task_from_text(text: str, ordinal: str | None, offset: int, lead_in: dict[str, Any]) -> dict[str, Any] | None:
    flat = _item_flat(text)
    assignees, action = _assignees(flat)
    rule = "tasks.item-names-assignee" if ordinal else "tasks.unnumbered"
    # an adverbial between the name and its action goes ('Sở X, trong phạm vi …, có kế hoạch'); one that
    # opens the item or the text after its colon is the task's own wording ('… Đảng ủy: Theo chức năng, …')
    at = flat.rfind(action) if action else -1
    named = bool(assignees) and not (at > 0 and flat[:at].rstrip().endswith(":"))
    if not assignees:
        if not lead_in["directive"]:
            return None
        assignees = list(lead_in["assignees"])
        action = flat
        rule = lead_in.get("rule", "tasks.lead-in")  # the sentence or heading above named the assignee
    action = action.lstrip(BULLETS + " ")
    action = _after_supporters(_strip_role_phrases(action) if named else action.strip())
    supports = _supporters(flat, {a["name"] for a in assignees})
    return {
        "ordinal": ordinal,
        "assignees": assignees + supports,
        "text": action[:600].strip(" ;."),
        "deadline": parse_deadline(flat),
        "assigned_by": None,
        "start": offset, "end": offset + len(text), "rule": rule,
    }


def _assignees(flat: str) -> tuple[list[dict[str, str]], str]:
    body = flat
    f = fold(body)
    opener = _OPENERS.match(f)
    if opener:
        body = body[opener.end():]
    colon = body.find(":")
    if colon > 0 and len(body[:colon].split()) <= 4 and not starts_with_head(body[:colon]):
        labelled = _assignees(body[colon + 1:].lstrip(BULLETS + " "))  # a label: 'Phân công nhiệm vụ: - Các cơ quan …'
        if labelled[0]:
            return labelled
    if 0 < colon < 160 and starts_with_head(body[:colon]) and len(body[:colon].split()) <= 25:
        named, verb = _name_until_verb(body[:colon] + " ")
        # '… thành phố có trách nhiệm:' ends in a duty; 'Các cơ quan tham mưu, giúp việc Đảng ủy:' is a name
        names = split_coordinated(named if named and _DUTY.fullmatch(fold(verb).strip()) else body[:colon])
        return [{"name": capitalised(n), "role": "lead"} for n in names], body[colon + 1:].strip()
    if starts_with_head(body) or _ACRONYM.match(body):
        name, rest = _name_until_verb(body)
        if name and len(name.split()) <= 20:
            return [{"name": capitalised(n), "role": "lead"} for n in split_coordinated(name)], rest
    return [], flat


def _name_until_verb(text: str) -> tuple[str, str]:
    f = fold(text)
    ends = sorted([*_verb_re().finditer(f), *_name_end_re().finditer(f)],
                  key=lambda m: m.start())
    for m in ends:
        if m.start() == 0 or _PLURAL_BEFORE.search(f, 0, m.start()) or _title_case_runs_on(text, m.end()) \
                and text[m.start()].isupper():
            continue  # 'các tổ chức, đoàn thể' names bodies; 'Công ty … Xây dựng, Thương mại' is a name
        head_len = len(f[: m.start()].split())
        if head_len < 2 and not f[: m.start()].strip().startswith(("so ", "phong ", "cuc ", "bo ")):
            continue
        name = text[: m.start()].strip(" ,;")
        return name, text[m.start():]
    return "", text


def _title_case_runs_on(text: str, at: int) -> bool:
    """After a capitalised verb, a comma or another capitalised word: the verb is a word of a name
    ('… Xây dựng, Thương mại và Dịch vụ Bình An'), not the action ('Cục Thuế tỉnh Chủ trì xây dựng')."""
    rest = text[at:].lstrip().removeprefix(",").lstrip()
    return rest[:1].isupper()


@cache
def _name_end_re() -> re.Pattern[str]:
    """The adverbials that end a body's name before its action (data/name_ends.txt)."""
    ends = sorted({fold(e) for e in vocab.lines("name_ends.txt")}, key=len, reverse=True)
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, ends)) + r")\b")


def _strip_role_phrases(action: str) -> str:
    """Drop an opening adverbial ('trên cơ sở …, khẩn trương …', 'căn cứ … được giao tổ chức …', 'trong phạm vi
    chức năng, nhiệm vụ được giao có kế hoạch …', 'theo chức năng, nhiệm vụ chỉ đạo …')."""
    f = fold(action)
    if not _name_end_re().match(f):
        return action.strip()
    for v in _verb_re().finditer(f):
        before = f[: v.start()].rstrip()
        if before.endswith((",", "duoc giao")) or before.endswith("nhiem vu") and not f.startswith("duoc", v.start()):
            return action[v.start():].strip()
    return action.strip()


def _first_verb(text: str, folded: str, start: int) -> int | None:
    """Where the first action verb after `start` begins; a capitalised one names a body ('Sở Xây dựng')."""
    return next((v.start() for v in _verb_re().finditer(folded, start)
                 if v.start() > start and text[v.start()].islower() and not _PLURAL_BEFORE.search(folded, 0, v.start())),
                None)


def _after_supporters(action: str) -> str:
    """'chủ trì, phối hợp với A, B xây dựng …': the task is what follows the named supporters, who
    are assignees of their own. With only a generic group ('… với các cơ quan liên quan tham gia')
    or none ('phối hợp cung cấp …'), the clause is the task's own wording and stays."""
    f = fold(action)
    m = _LEAD_SUPPORT.match(f)
    verb = _first_verb(action, f, m.end()) if m else None
    if m is None or verb is None or not _support_units(action[m.end():verb]):  # named ones only
        return action
    return action[verb:].strip()


def _supporters(flat: str, leads: set[str]) -> list[dict[str, str]]:
    f = fold(flat)
    out: list[dict[str, str]] = []
    for m in _SUPPORT.finditer(f):
        seg = flat[m.end():m.end() + 200]
        verb = _first_verb(seg, f[m.end():m.end() + 200], 0)
        stop = len(seg) if verb is None else verb
        purpose = next((p.start() for p in _PURPOSE.finditer(f, m.end(), m.end() + stop)
                        if flat[p.start() + 1].islower()), None)  # '… với Cục Thuế tỉnh để triển khai'
        stop = purpose - m.end() if purpose is not None else stop
        for ch in (";", ".", ":"):
            i = seg.find(ch)
            if 0 <= i < stop:
                stop = i
        for piece in _support_units(seg[:stop]):
            if piece not in leads and len(piece.split()) <= 12:
                out.append({"name": piece, "role": "support"})
    return out


def _support_units(seg: str) -> list[str]:
    """Named bodies of a 'phối hợp với' list; generic groups ('các đơn vị có liên quan') are dropped."""
    units: list[str] = []
    pieces = re.split(r"(,\s*|\s+và\s+)", seg)  # 'và các …', 'và Ủy ban …' begin a unit; 'và Công nghệ' does not
    for sep, piece in zip(["", *pieces[1::2]], pieces[::2], strict=True):
        piece = piece.strip(" ,;")
        if not piece:
            continue
        joined = "," not in sep and units and joins_bodies(units[-1])
        if not units or not joined and (starts_with_head(piece) or fold(piece).startswith("cac ") or _ACRONYM.match(piece)):
            units.append(piece)
        else:
            units[-1] += (", " if "," in sep else " và ") + piece
    return [capitalised(u) for u in units if _named(u)]


def _named(unit: str) -> bool:
    """A body, or a class of bodies named by its capitalised head ('các Ngân hàng thương mại'); not a
    generic group ('các cơ quan, đơn vị có liên quan')."""
    words = unit.split()
    if fold(words[0]) == "cac":
        return len(words) > 1 and words[1][:1].isupper()
    return unit[:1].isupper()


def _unnumbered(doc: DocText, start: int, end: int, items: list[tuple[str, int, int]],
                issuer: str | None = None) -> list[dict[str, Any]]:
    """Sentences outside numbered items that assign work: 'Giao Sở X chủ trì …', 'Đề nghị Sở X …', and
    a named body that acts ('Sở X chủ động …'; shapes sentence_opener, sentence_body_acts of
    data/task_shapes.tsv). A sentence that ends in ':' leads in the items below it and is not one."""
    out = []
    flat_body = doc.text[start:end]
    shape = _shapes()
    for m in re.finditer(r"[^.;:\n]*(?:\n(?![ \t]*\n)[^.;:\n]*)*", flat_body):
        s = start + m.start()
        e = s + len(m.group(0))
        if any(a - 8 < e and s < b for _, a, b in items) or not m.group(0).strip():
            continue
        sentence = re.sub(r"\s+", " ", m.group(0)).strip()
        f = fold(sentence)
        ct = f.find("chu tri")
        openers = [g for g in re.finditer(r"\b(?:giao|de nghi)\s+(?=\S)", f) if g.start() < ct]
        at, rule = None, "tasks.giao-chu-tri"
        if ct >= 0 and openers:
            at = openers[-1].start()  # the opener that governs 'chủ trì', not an earlier 'Theo đề nghị của …'
        elif doc.text[e:e + 1] != ":" and not any(q in sentence for q in '"“”'):  # a quoted law assigns nothing here
            if (o := shape["sentence_opener"].match(f)) and starts_with_head(sentence[o.end():]):
                at, rule = o.start("at"), "tasks.sentence-opener"
            elif starts_with_head(sentence) and shape["sentence_body_acts"].match(f):
                at, rule = 0, "tasks.sentence-body-acts"
        if at is None:
            continue
        task = _task_from_text(sentence[at:], None, s, {"directive": False, "assignees": []})
        task = task and {**task, "rule": rule}
        if not task or not task["assignees"] or not task["text"]:
            continue
        if rule == "tasks.sentence-body-acts" and issuer and any(same_issuer(a["name"], issuer) for a in task["assignees"]):
            continue  # the issuer saying what it does assigns nothing
        tail = doc.text[e:e + 200]
        task["deadline"] = task["deadline"] or parse_deadline(tail.split(".")[0])
        out.append(task)
    return out
