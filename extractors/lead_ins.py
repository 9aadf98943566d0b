"""The sentence above a list (an item's lead-in, structure/items.py): whether it directs, and the bodies it names as
the list's assignees ('Sở Y tế đề nghị các phòng:', 'Sở Y tế gửi các TTYT huyện để triển khai …'), or, when it asks
an opinion ('… có ý kiến như sau:'), that the items answer. tasks.py gives each item of the list what it says.
"""
from __future__ import annotations

from typing import Any

from .aliases import spelled_out
from .articles import shape
from .orgs import capitalised, split_coordinated, starts_with_head
from .task_names import name_until_verb
from .text import fold


def read_lead_in(sentence: str) -> dict[str, Any]:
    """The sentence above a list: is it a directive, and does it name the assignee?"""
    f = fold(sentence)
    directive = any(m.start() == 0 or sentence[m.start()].islower() for m in shape("directive").finditer(f))
    info: dict[str, Any] = {"directive": directive, "assignees": [],
                            "opinion": not directive and shape("opinion").search(f) is not None}
    # the opener that names a body; an earlier 'giao' may be the word of 'an toàn giao thông'
    m = next((m for m in shape("lead_in_opener").finditer(f) if starts_with_head(spelled_out(sentence[m.end():]))), None)
    if m:
        rest = spelled_out(sentence[m.end():])
        name, _ = name_until_verb(rest)  # 'đề nghị DNTN Thành Hương …' in full
        if not name and rest.rstrip().endswith(":"):
            name = rest.rstrip().rstrip(":").strip()  # 'đề nghị Công ty X:': the items below are X's, their verbs its
        units = split_coordinated(name) if name else []
        # one name, as long as an item's may be ('các tổ chức, doanh nghiệp có hoạt động liên quan đến … trên địa bàn'),
        # or a long list of bodies, each a name
        if units and (len(units) == 1 and len(name.split()) <= 20 or all(len(u.split()) <= 16 for u in units)):
            info["assignees"] = [{"name": n, "role": "lead"} for n in units]
    elif directive and any(shape("addressed").match(f[o.end():]) for o in shape("lead_in_opener").finditer(f)):
        info["sent"] = True  # '… đề nghị Quý Công ty thực hiện …': the body the courtesy names is the recipient
    elif directive and (s := shape("sent_to").search(f)) and starts_with_head(sentence[s.end():]):
        info["sent"] = True  # 'Sở Y tế gửi các TTYT huyện để triển khai …': the bodies it is sent to act
        name, _ = name_until_verb(sentence[s.end():])
        if name and (p := shape("purpose").search(f"{fold(name)} ")):
            name = name[:p.start()].strip(" ,")  # its words up to one of purpose ('… huyện để triển khai')
        units = split_coordinated(name) if name else []
        if units and all(len(u.split()) <= 12 for u in units):
            info["assignees"] = [{"name": capitalised(n), "role": "lead"} for n in units]
    return info
