"""Short names a dispatch defines for a body ('Doanh nghiệp tư nhân (DNTN) Thành Hương', 'Ủy ban nhân dân
(UBND) tỉnh'): an acronym in brackets after the words whose initials spell it. Later the letter names the body
by it ('đề nghị DNTN Thành Hương Nghĩa Lộ rà soát …'); the record gives the name in full, as the letter first
printed it. A letter also names a body by a short name it defines ('Chi nhánh số 1 - Công ty X (sau đây gọi tắt
là Chi nhánh)') or by the bare head of the one body it is sent to ('Kính gửi: Công ty cổ phần Y' … 'đề nghị Công
ty rà soát'); a task's assignee is given in full then too (`in_full`). The short names of one document are set
while its tasks are read (`defined`), so every reader of names sees them without passing them down.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .articles import shape
from .base import BULLETS, Candidate
from .orgs import canonical, org_kind, plural_head, starts_with_head
from .text import fold

_DEFINED = re.compile(r"\(([A-ZĐ]{2,8})\)")
_WORD = re.compile(r"[^\W\d_]+")
_ACTIVE: ContextVar[tuple[dict[str, str], str]] = ContextVar("acronyms", default=({}, ""))
# the short names a letter defines (folded short -> full), the bodies it is sent to and its issuer's folded name
_SHORT: ContextVar[tuple[dict[str, str], tuple[str, ...], str]] = ContextVar("short_names", default=({}, (), ""))
_BEFORE = 200  # characters before a definition the full name must start within
_AFTER = 2  # words of the name after the acronym that the full name must be printed with


def find(text: str) -> dict[str, str]:
    """Each acronym defined in `text` with the words before it whose initials spell it ('Doanh nghiệp tư nhân')."""
    out: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        acr = m.group(1)
        words = [w for w in _WORD.finditer(text, max(0, m.start() - 120), m.start())][-len(acr):]
        if len(words) == len(acr) and "".join(fold(w.group(0))[0] for w in words).upper() == fold(acr).upper() \
                and words[0].group(0)[:1].isupper():
            out.setdefault(acr, text[words[0].start():words[-1].end()])
    return out


def short_names(text: str, folded: str) -> dict[str, str]:
    """Each short name `text` defines (shape short_name: '(sau đây gọi tắt là Chi nhánh)'), folded, with the full
    name printed before it: from the short name's last mention there, which opens the full name ('Chi nhánh số 1 -
    Công ty cổ phần X'). A definition whose full name does not open with its short name is left alone."""
    out: dict[str, str] = {}
    for m in shape("short_name").finditer(folded):
        short = " ".join(folded[m.start("short"):m.end("short")].split())
        lo = max(0, m.start() - _BEFORE)
        at = [w.start() for w in re.finditer(r"(?<![^\W\d_])" + r"\s+".join(map(re.escape, short.split())), folded[lo:m.start()])]
        full = " ".join(text[lo + at[-1]:m.start()].split()).strip(" ,;") if at else ""
        if full[:1].isupper() and len(full.split()) > len(short.split()) and starts_with_head(full):
            out.setdefault(short, full)
    return out


@contextmanager
def defined(text: str, folded: str, recipients: tuple[str, ...] = (), issuer: str = "") -> Iterator[None]:
    """The acronyms and short names of `text` (`folded`: its folded copy, where the full names are looked up)
    and the bodies it is sent to, in force for the names read inside the block."""
    token = _ACTIVE.set((find(text), " ".join(folded.split())))
    short = _SHORT.set((short_names(text, folded), recipients, " ".join(fold(issuer).split())))
    try:
        yield
    finally:
        _SHORT.reset(short)
        _ACTIVE.reset(token)


def in_full(name: str) -> str:
    """A task's assignee as the letter names it in full: a short name it defined ('Chi nhánh' -> 'Chi nhánh số 1 -
    Công ty cổ phần X'), or a body's bare head ('Công ty', 'Chi nhánh', not 'Các đơn vị') when exactly one body it
    is sent to opens with that head; else `name` as it is (several such bodies: which one is not known)."""
    shorts, recipients, issuer = _SHORT.get()
    key = " ".join(fold(name).split())
    if key in shorts:
        return shorts[key]
    kind = org_kind(name)
    if not kind or " ".join(fold(canonical(name)).split()) != fold(kind) or plural_head(key) \
            or issuer.startswith(key + " "):
        return name  # the issuer's own head ('Sở' in a Sở's letter) may be the issuer itself
    bodies = {b for r in recipients if (b := r.strip(BULLETS + " .~_")) and fold(b).startswith(key + " ")
              and b[:1].isupper() and not re.search(r"[,;]", b)}
    return bodies.pop() if len(bodies) == 1 else name


def spelled_out(name: str) -> str:
    """`name` with a leading acronym the document defined written in full ('DNTN Thành Hương' -> 'Doanh
    nghiệp tư nhân Thành Hương'), when the letter prints that full name too (its Kính gửi, its first mention);
    a standing abbreviation it only uses ('UBND huyện') and other names as they are."""
    acronyms, flat = _ACTIVE.get()
    head, _, rest = name.partition(" ")
    full = acronyms.get(head)
    if not full or not rest:
        return name
    said = " ".join([full, *rest.split()[:_AFTER]])
    return f"{full} {rest}" if fold(said) in flat else name


def assigned_in_full(c: Candidate) -> Candidate:
    """A task candidate whose assignees are named in full (`in_full`), each once."""
    if c.field != "tasks" or not c.value.get("assignees"):
        return c
    out: list[dict[str, str]] = []
    for a in c.value["assignees"]:
        full = {**a, "name": in_full(a["name"])}
        if all(o["name"] != full["name"] for o in out):
            out.append(full)
    c.value["assignees"] = out
    return c
