"""Who supports a task: the bodies a 'phối hợp (với)' clause names, and where the action begins after them;
with the verbs and name phrases that tell where a body's name ends (data/task_verbs.txt, name_phrases.txt)."""
from __future__ import annotations

import re
from functools import cache

from . import vocab
from .articles import shape
from .orgs import (
    capitalised,
    class_head,
    class_words,
    group_words,
    joins_bodies,
    split_coordinated,
    starts_with_head,
)
from .text import fold

_LONGEST = 16  # words of a supporter's name at most
ACRONYM = re.compile(r"[A-ZĐ]{3,}\s+[A-ZĐ]")  # 'VNPT Quảng Ngãi': a body named by its acronym


@cache
def verb_re() -> re.Pattern[str]:
    return re.compile(r"(?<![^\W\d_])(?:" + vocab.folded_alternation("verb") + r")(?![^\W\d_])")


@cache
def name_phrase_re() -> re.Pattern[str]:
    phrases = sorted({fold(p) for p in vocab.lines("name_phrases.txt")}, key=len, reverse=True)
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![^\W\d_])")


def _first_verb(text: str, folded: str, start: int) -> int | None:
    """Where the first action verb after `start` begins; a capitalised one names a body ('Sở Xây dựng'), and
    one inside a name's phrase ('Công ty Tư vấn giám sát') is that name's."""
    in_names = [p.span() for p in name_phrase_re().finditer(folded)]
    return next((v.start() for v in verb_re().finditer(folded, start)
                 if v.start() > start and text[v.start()].islower() and not shape("plural_before").search(folded, 0, v.start())
                 and not any(a <= v.start() < b for a, b in in_names)),
                None)


def after_supporters(action: str) -> str:
    """'chủ trì, phối hợp với A, B xây dựng …': the task is what follows the named supporters, who
    are assignees of their own. With only a generic group ('… với các cơ quan liên quan tham gia')
    or none ('phối hợp cung cấp …'), the clause is the task's own wording and stays."""
    f = fold(action)
    m = shape("lead_support").match(f)
    verb = _first_verb(action, f, m.end()) if m else None
    if m is None or verb is None or not _support_units(action[m.end():verb]):  # named ones only
        return action
    return action[verb:].strip()


def supporters(flat: str, leads: set[str]) -> list[dict[str, str]]:
    """The named bodies every 'phối hợp (với)' clause of `flat` names; each ends where its action begins, or before a
    word of purpose or circumstance (shape purpose: 'để', 'nhằm', 'trong', 'khi', 'đối với')."""
    f = fold(flat)
    out: list[dict[str, str]] = []
    for m in shape("support").finditer(f):
        seg = flat[m.end():m.end() + 200]
        verb = _first_verb(seg, f[m.end():m.end() + 200], -1)  # 'phối hợp tổ chức …': no body, the verb at once
        stop = len(seg) if verb is None else verb
        purpose = next((p.start() for p in shape("purpose").finditer(f, m.end(), m.end() + stop)
                        if flat[p.start() + 1].islower()), None)  # '… với Cục Thuế tỉnh để triển khai'
        stop = purpose - m.end() if purpose is not None else stop
        for ch in (";", ".", ":"):
            i = seg.find(ch)
            if ch == ":" and class_head(seg[:i]):
                i = seg.find(":", i + 1)  # 'với các Sở: Công Thương, Tài chính …': the class's members follow its colon
            if 0 <= i < stop:
                stop = i
        for piece in (m for u in _support_units(seg[:stop]) for m in (split_coordinated(u) if ":" in u else [u])):
            if len(piece.split()) > _LONGEST:
                break  # the list ran on past its last body: what follows it is no supporter
            if piece not in leads and piece not in {o["name"] for o in out}:
                out.append({"name": piece, "role": "support"})
    return out


def _support_units(seg: str, groups: bool = False) -> list[str]:
    """The bodies of a 'phối hợp với' list: named ones, and with `groups` the groups of bodies too ('các cơ quan,
    đơn vị có liên quan'). A capitalised head begins a body ('và Ủy ban …', not 'và Công nghệ'); a lower-case piece goes
    on the group before it ('các Sở, ban, ngành và các địa phương liên quan' is one) unless that is a whole name
    ('Sở Công Thương, chính quyền địa phương …' are two)."""
    units: list[str] = []
    pieces = _split_and(seg)
    for sep, piece in zip(["", *pieces[1::2]], pieces[::2], strict=True):
        piece = piece.strip(" ,;")
        if not piece:
            continue
        joined = "," not in sep and units and joins_bodies(units[-1])
        if not units or not joined and (piece[:1].isupper() and starts_with_head(piece) or ACRONYM.match(piece)
                                        or shape("plural_head").match(fold(piece)) and (_named(piece) or not _bare_classes(units[-1]))
                                        or piece[:1].islower() and (_whole_name(units[-1]) or _next_group(sep, piece, units[-1]))):
            units.append(piece)
        else:
            units[-1] += (", " if "," in sep else f" {sep.strip()} ") + piece
    return [capitalised(u) for u in units if _named(u) or groups and _group(u)]


def _next_group(sep: str, piece: str, unit: str) -> bool:
    """'chính quyền địa phương và cơ quan liên quan', '…, cơ quan công an': a group of its own follows a group named in
    the singular; a plural class goes on through it ('các Bộ, ngành và các địa phương liên quan'), and so does a bare
    class word ('cơ quan, tổ chức liên quan')."""
    return sep.strip() in ("và", ",") and not shape("plural_head").match(fold(unit)) and not _bare_classes(unit) \
        and _group(piece)


def _group(unit: str) -> bool:
    """A group of bodies named by a class word ('các cơ quan liên quan', 'chính quyền địa phương', 'phòng CNTT'),
    not a clause the list ran into ('lồng ghép kiểm tra')."""
    words = fold(unit).split()
    if words and shape("plural_head").match(words[0]):
        words = words[1:]
    rest = " ".join(words)
    return bool(rest) and (starts_with_head(rest) or rest.startswith(group_words()))


def _bare_classes(unit: str) -> bool:
    """'các Bộ, ngành', 'các Sở, ban, ngành và các cơ quan, đơn vị': a list of bare class words, which a further class
    goes on ('… và các địa phương liên quan'); 'các Phòng chức năng Sở' is a group named whole, and 'và các cơ quan
    hữu quan' another."""
    words = re.split(shape("and").pattern + r"|\s+", fold(unit))  # the list's separators, and blanks
    words = [w for w in words if w and not shape("plural_head").match(w)]
    singles = {fold(h) for h in vocab.org_heads() if " " not in h} | class_words()
    return all(w in singles for w in words) or " ".join(words) in singles


def _whole_name(unit: str) -> bool:
    """A named body that a lower-case word after it does not go on ('Sở Công Thương, chính quyền địa
    phương …'); a class ('các huyện, thị xã') or a bare head ('Bộ, ngành liên quan') does."""
    words = unit.split()
    return len(words) >= 2 and _named(unit) and not any(shape("plural_head").match(fold(w)) for w in words)


def _split_and(seg: str) -> list[str]:
    """`seg` cut at its commas and its 'và', the separators kept between the pieces (as re.split does)."""
    out, at = [], 0
    for m in shape("and").finditer(fold(seg)):
        out += [seg[at:m.start()], seg[m.start():m.end()]]
        at = m.end()
    return [*out, seg[at:]]


def _named(unit: str) -> bool:
    """A body, or a class of bodies named by its capitalised head ('các Ngân hàng thương mại'); not a
    generic group ('các cơ quan, đơn vị có liên quan')."""
    words = unit.split()
    if shape("plural_head").match(fold(words[0])):
        return len(words) > 1 and words[1][:1].isupper()
    return unit[:1].isupper()
