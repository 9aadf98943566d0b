"""Who a task's words name: the assignee at the head of an item or a sentence, where the name ends (the verb
that opens the action, an adverbial, a topic), classes and their members, a body named by an acronym the letter
defined, and the adverbials between a name and its action. tasks.py reads items and sentences; this reads names."""
from __future__ import annotations

import re
from functools import cache

from . import vocab
from .aliases import spelled_out
from .articles import shape
from .base import BULLETS
from .orgs import capitalised, class_head, class_words, plural_head, split_coordinated, starts_with_head
from .supporters import ACRONYM, after_supporters, name_phrase_re, verb_re
from .text import fold
from .verbs import verb_after_name

_DUTY_WORDS = 3  # what a person's label stands over is a duty of a few words, not a roster's role ('Thành viên')


def unclassed(name: str) -> str:
    """'Các đơn vị Trung tâm y tế dự phòng, …': the class word before a named body is not its name."""
    m = shape("classifier").match(fold(name))
    return name[m.end():] if m and name[m.end():m.end() + 1].isupper() else name


def named_assignees(flat: str) -> tuple[list[dict[str, str]], str]:
    body = flat
    f = fold(body)
    opener = shape("opener").match(f)
    if opener:
        body = body[opener.end():]
    body = spelled_out(body)  # a body named by the acronym the letter defined for it
    colon = body.find(":")
    if colon > 0 and (who := shape("person_label").match(fold(body[:colon]))) and (person := _person(body[:colon], who.end())) \
            and len(re.findall(r"[^\W\d_]+", body[colon + 1:])) >= _DUTY_WORDS:  # a duty, not a roster's 'Ông X, Giám đốc Y: Thành viên'
        return [{"name": person, "role": "lead"}], body[colon + 1:].strip()
    if colon > 0 and (len(body[:colon].split()) <= 4 or shape("topic_label").match(fold(body[:colon]))) \
            and not starts_with_head(body[:colon]):
        labelled = named_assignees(body[colon + 1:].lstrip(BULLETS + " "))  # a label: 'Phân công nhiệm vụ: - Các cơ quan …'
        if labelled[0]:
            return labelled
    if colon > 0 and (listed := _class_list(body[:colon], body[colon + 1:])):
        return listed  # 'Các sở: Tư pháp, Nội vụ hướng dẫn …', 'Các hội: Hội A, Hiệp hội B hoàn thành …'
    cls = re.search(r"(?:các|những)\s+(\w+)\s*$", body[:colon]) if colon > 0 else None
    members = cls is not None and (cls.group(1)[:1].isupper() or _place_members(cls.group(1), body[colon + 1:]))
    # 'Giám đốc các Sở: Y tế, …', 'UBND các phường: Yên Bái, Văn Phú tăng cường …' (not 'UBND các huyện: rà soát …')
    if 0 < colon < 160 and not members and starts_with_head(body[:colon]) and len(body[:colon].split()) <= 25:
        after = re.split(r"[;.]", body[colon + 1:], maxsplit=1)[0]
        if starts_with_head(after.strip()) and not verb_re().search(fold(after)):
            return [], flat  # a roster ('- Sở Y tế: Giám đốc, Trưởng Phòng Nghiệp vụ Y;'), no duty
        named, verb = name_until_verb(body[:colon] + " ")
        # '… thành phố có trách nhiệm:' ends in a duty, 'Sở X chủ trì, phối hợp với Sở Y:' in a lead's (Sở Y is
        # a supporter); 'Các cơ quan tham mưu, giúp việc Đảng ủy:' is a name
        # … or in a lead-in of its own ('UBND các huyện khẩn trương triển khai các biện pháp sau:')
        duty = shape("duty_verb").fullmatch(fold(verb).strip()) or shape("lead_support").match(fold(verb)) \
            or shape("chu_tri").match(fold(verb)) or shape("list_ending").search(fold(verb))
        label = body[:colon]
        if not (named and duty) and (last := [d for d in shape("duty_verb").finditer(fold(label))
                                              if not fold(label)[d.end():].strip()]):
            label = label[:last[-1].start()]  # 'Các cấp ủy, tổ chức đảng, … các cấp có trách nhiệm:' (a verb inside the names)
        names = split_coordinated(named if named and duty else label)
        rest = body[colon + 1:].strip()
        said = after_supporters(verb.strip()) if named and duty else ""
        role_only = shape("duty_verb").fullmatch(fold(said).strip()) or shape("lead_support").match(fold(said)) \
            or shape("chu_tri").fullmatch(fold(said).strip())
        if said and not role_only:
            rest = f"{said}: {rest}"  # 'Sở X chủ trì, phối hợp với Sở Y thẩm định dự toán, trong đó: - …': the action begins before the colon
        return [{"name": capitalised(n), "role": "lead"} for n in names], rest
    if starts_with_head(body) or ACRONYM.match(body):
        name, rest = name_until_verb(body)
        if name and (m := shape("narrated").search(fold(name))) and name[m.start():m.end()].strip()[:1].islower() \
                and not any(p.end() == len(name) for p in name_phrase_re().finditer(fold(name))):  # '… cơ quan đảng'
            # the time word is printed in lower case: 'Sở Y tế đang …', not '… Văn phòng Trung ương Đảng'
            return [], flat  # 'Sở Y tế đã tổ chức …': the item reports what was done, it names no assignee
        units = [_unbracketed(u) for u in split_coordinated(name)] if name else []
        # one name, or a long list of them, each a name ('Bộ Công an, Bộ Quốc phòng, …, Tòa án nhân dân tối cao'; two
        # enterprises whose names hold commas and hyphens: 'Công ty TNHH MTV Xây dựng, Thương mại … và Công ty CP …')
        if name and (len(name.split()) <= 20 or len(units) > 1 and all(len(u.split()) <= 16 for u in units)):
            return [{"name": capitalised(n), "role": "lead"} for n in units], rest
    return [], flat


def _unbracketed(name: str) -> str:
    """A body's name without the role or the channel a bracket after it gives ('Công an tỉnh (Cơ quan Thường trực Ban An
    toàn giao thông tỉnh)', 'Sở Tài chính (qua Phòng Ngân sách)'): the body is the name before it."""
    m = _TRAILING_BRACKET.search(name)
    return name[:m.start()].rstrip() if m and starts_with_head(name[:m.start()]) else name


_TRAILING_BRACKET = re.compile(r"\s*\([^()]*\)$")


def _person(label: str, honorific_end: int) -> str | None:
    """Whom a person's label names: a name, its role after it kept and the honorific left out ('Ông Nguyễn Văn A -
    Phó Trưởng đoàn' -> 'Nguyễn Văn A - Phó Trưởng đoàn'; 'Đồng chí Trần Thị B, Phó Chủ tịch UBND xã'), or a title
    and role, the honorific kept as the gold writes an office ('Đồng chí Phó Trưởng ban Tuyên giáo - Ủy viên'); None
    for neither."""
    person = label[honorific_end:].strip(" .")
    name = re.split(r"\s+[-–]\s+|\s*,\s*", person)[0].split()
    if 2 <= len(name) <= 5 and all(w[:1].isupper() for w in name) and not starts_with_head(person):  # noqa: PLR2004
        return person
    return label.strip(" .") if starts_with_head(person) and len(person.split()) <= 25 else None  # noqa: PLR2004


def _class_list(label: str, after: str) -> tuple[list[dict[str, str]], str] | None:
    """A class of bodies named by its head alone, in any case, over its members before the action ('Các sở: Tư pháp,
    Nội vụ, Xây dựng hướng dẫn …' -> Sở Tư pháp, Sở Nội vụ, Sở Xây dựng; 'Các hội: Hội Nông dân, Hiệp hội Du lịch
    hoàn thành …'): the members, each a capitalised name, end at the first action verb printed in lower case; a
    member that names its own head keeps it. Not a label over its duty ('Các sở: rà soát …', 'Các đơn vị: Từ ngày …')."""
    head = class_head(label)
    if head is None:
        return None
    in_names = [p.span() for p in name_phrase_re().finditer(fold(after))]  # 'Hiệp hội Nhà thầu xây dựng' is a name
    verb = next((v for v in verb_re().finditer(fold(after)) if after[v.start()].islower()
                 and not any(a <= v.start() < b for a, b in in_names)), None)
    if verb is None:
        return None
    members = [m.strip() for m in after[:verb.start()].split(",")]
    if not members or any(not m[:1].isupper() or any(c.isdigit() for c in m) or len(m.split()) > 12 for m in members):
        return None
    own = fold(head).split()[-1]  # 'Hiệp hội Du lịch' under 'các hội' names its own head

    def named(member: str) -> list[str]:
        if not starts_with_head(member) and own not in fold(member).split():
            return [f"{head} {member}"]
        pair = re.split(r"\s+và\s+", member)  # 'Hội Tin học và Hiệp hội Nhà thầu': two, each with the head
        return pair if all(own in fold(b).split() for b in pair) else split_coordinated(member)
    names = [n for m in members for n in named(m)]
    return [{"name": capitalised(n), "role": "lead"} for n in names], after[verb.start():].strip()


def _place_members(level: str, after: str) -> bool:
    """'… các phường: Yên Bái, Văn Phú tăng cường …': a place level's members, the places' capitalised names, before the
    action; not a label over its duty ('UBND các huyện: rà soát …')."""
    if fold(level) not in {fold(lv) for lv in vocab.place_levels()}:
        return False
    verb = verb_re().search(fold(after))
    words = after[:verb.start()].replace(",", " ").split() if verb else []
    return bool(words) and all(w[:1].isupper() or w == "và" for w in words)


def name_until_verb(text: str) -> tuple[str, str]:
    f = fold(text)
    ends = sorted([*verb_re().finditer(f), *shape("adverbial").finditer(f), *shape("about_topic").finditer(f)],
                  key=lambda m: m.start())
    in_names = [p.span() for p in name_phrase_re().finditer(f)]  # 'dự án đầu tư xây dựng': a name's words
    for m in ends:
        if any(a <= m.start() < b for a, b in in_names):
            continue
        if m.start() == 0 or shape("plural_before").search(f, 0, m.start()) or _class_in_list(f, m.start(), m.end()) \
                or text[m.start()].isupper() \
                and (_title_case_runs_on(text, m.end()) or _after_head().search(f, 0, m.start())
                     or _MEMBER_RUN.search(f, 0, m.start())):
            continue  # 'các tổ chức, đoàn thể' names bodies; 'Công ty … Xây dựng, Thương mại', 'Phòng Tổ chức cán bộ' are names
        if text[m.start()].isupper() and shape("this_document").search(f, m.start(), m.end() + _THIS_WORD):
            continue  # 'Báo Bình Thuận đăng Thông báo này …': the capitalised title of this document, no action
        head_len = len(f[: m.start()].split())
        if head_len < 2:
            continue
        name = text[: m.start()].strip(" ,;")
        if cut := shape("trailing_and").search(fold(name)):  # '… giáo dục và | tổ chức KĐCLGD nghiên cứu'
            name = name[:cut.start()]
        return name, text[m.start():]
    if (at := verb_after_name(text)) is not None:  # a verb the list lacks ('Sở Tài chính thống kê …')
        return text[:at].strip(" ,;"), text[at:]
    return "", text


def _class_in_list(f: str, start: int, end: int) -> bool:
    """'Các cấp ủy, tổ chức, cơ quan đảng có trách nhiệm …': a class word that is also a verb ('tổ chức'), between
    commas in a list of classes, another class word after it, names bodies; 'Sở Y tế tổ chức, chỉ đạo …' acts."""
    after = re.match(r"\s*,\s*(?:va\s+)?(?:cac\s+)?(\w+(?:\s+\w+)?)", f[end:])
    return bool(plural_head(f)) and f[:start].rstrip().endswith(",") and f[start:end] in class_words() \
        and after is not None and (after.group(1) in class_words() or after.group(1).split()[0] in class_words())


_THIS_WORD = len(" nay")  # '… Thông báo này': a document's title before 'này' (shape this_document)
# a class's members after its colon, the verb capitalised after a comma: a member ('Giám đốc các Sở: Công Thương, Xây dựng')
_MEMBER_RUN = re.compile(r"\b(?:cac|nhung)\s+\S+\s*:[^:;.]*,\s*$")


@cache
def _after_head() -> re.Pattern[str]:
    """A head word right before a capitalised verb: the verb opens the field of a name ('Phòng Tổ chức cán bộ',
    'Trung tâm Kiểm soát bệnh tật'), not the action ('Cục Thuế tỉnh Chủ trì, phối hợp')."""
    return re.compile(r"(?<![^\W\d_])(?:" + vocab.folded_alternation("org") + r")\s+$")


def _title_case_runs_on(text: str, at: int) -> bool:
    """After a capitalised verb, another capitalised word (a comma between): the verb is a word of a
    name ('… Xây dựng, Thương mại và Dịch vụ Bình An'), not the action ('Cục Thuế tỉnh Chủ trì, phối hợp')."""
    rest = text[at:].lstrip().removeprefix(",").lstrip()
    rest = re.sub(r"^(?:và|&|-|–)\s+", "", rest)  # '… Đầu tư, Xây dựng và Thương mại Phú Tài'
    return rest[:1].isupper()


def strip_role_phrases(action: str) -> str:
    """Drop an opening adverbial ('trên cơ sở …, khẩn trương …', 'căn cứ … được giao tổ chức …', 'trong phạm vi
    chức năng, nhiệm vụ được giao có kế hoạch …', 'theo chức năng, nhiệm vụ chỉ đạo …', 'căn cứ Kế hoạch này xây dựng …')."""
    f = fold(action)
    if not shape("adverbial").match(f):
        return action.strip()
    for v in verb_re().finditer(f):
        before = f[: v.start()].rstrip()
        if before.endswith(",") or shape("given_duty").search(before) or shape("this_document").search(before) \
                or before.endswith("nhiem vu") and not f.startswith("duoc", v.start()):
            return action[v.start():].strip()
    return action.strip()


def after_grounds(flat: str) -> str:
    """An item that opens with its grounds and names its body after them ('Căn cứ kết quả rà soát, Sở Tài chính có
    trách nhiệm tổng hợp …', 'Trên cơ sở đề xuất của các xã, Phòng Kinh tế tham mưu …'): its words from that body,
    the first clause after a comma that names one; `flat` itself when none does."""
    if any(flat[g.start():g.start() + 4].lower() == "giao" for g in shape("giao").finditer(fold(flat))):
        return flat  # '… , Bộ Quốc phòng giao Binh chủng X …': the body given the task is the one after 'giao'
    for m in re.finditer(r",\s+", flat):
        rest = flat[m.end():]
        if starts_with_head(rest) and named_assignees(rest)[0]:
            return rest
    return flat
