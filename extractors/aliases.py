"""Short names a dispatch defines for a body ('Doanh nghiệp tư nhân (DNTN) Thành Hương', 'Ủy ban nhân dân
(UBND) tỉnh'): an acronym in brackets after the words whose initials spell it. Later the letter names the body
by it ('đề nghị DNTN Thành Hương Nghĩa Lộ rà soát …'); the record gives the name in full, as the letter first
printed it. The acronyms of one document are set while its tasks are read (`defined`), so every reader of
names sees them without passing them down.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .text import fold

_DEFINED = re.compile(r"\(([A-ZĐ]{2,8})\)")
_WORD = re.compile(r"[^\W\d_]+")
_ACTIVE: ContextVar[tuple[dict[str, str], str]] = ContextVar("acronyms", default=({}, ""))
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


@contextmanager
def defined(text: str, folded: str) -> Iterator[None]:
    """The acronyms of `text` (`folded`: its folded copy, where the full names are looked up) in force for the
    names read inside the block."""
    token = _ACTIVE.set((find(text), " ".join(folded.split())))
    try:
        yield
    finally:
        _ACTIVE.reset(token)


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
