"""The signer's name in a signature block's lines: the first name under its title lines, however
many lines of the seal's and the signature's debris stand between, or, with no title read, a name
on one of its last lines (extractors/signature.py reads the block; extractors/signer_name.py a line).
"""
from __future__ import annotations

import re
from functools import cache

from . import vocab
from .base import Candidate, Line
from .orgs import starts_with_head
from .signer_name import person_head_like, read_name


def name_under(lines: list[Line]) -> tuple[str, Line] | None:
    """The name under the title: one read as printed wherever it stands (an e-signature's stamp may sit
    between, its body's name in capitals: 'TRUNG ƯƠNG ĐẢNG' is one letter from a surname), else the
    first that reads as a name once specks are dropped and a surname's letter mended."""
    for mend in (False, True):
        for ln in lines:
            name = read_name(ln.text, mend=mend)
            if name and not _body_head(name) and (mend or _whole_words(name, ln.text)):
                return name, ln
    return None


def _body_head(name: str) -> bool:
    """A name read that opens with a body's head word ('Trung Ương Đảng'), unless its first word is a
    surname as printed, accents and all, that no head word is ('Trương Thanh Hoài': 'Trường' is a
    school's, folded alike)."""
    first = name.split()[0]
    return starts_with_head(name) and (first not in vocab.surnames() or first.lower() in _head_words())


@cache
def _head_words() -> frozenset[str]:
    """The first word of each head of a body or of a person, lower-cased with its accents."""
    return frozenset(h.split()[0].lower() for h in (*vocab.org_heads(), *vocab.person_heads()))


def _whole_words(name: str, text: str) -> bool:
    """A name read as printed has no one-letter word ('PHÓ G': a title's first letters) and is no title's."""
    return all(len(w) > 1 for w in name.split()) and person_head_like(text) is None


def lone_name(lines: list[Line]) -> list[Candidate]:
    """A name on one of the last lines with no block above it (the seal hid the block); mended only
    when three words make it unmistakably a name."""
    last = lines[-12:]
    for i in reversed(range(len(last))):
        ln = last[i]
        if ln.text.lstrip().startswith(("-", "+", "•")):
            continue
        found = _with_stray_surname(last, i) or _read_line_name(ln)
        if found:
            name, start, end = found
            return [Candidate("signer.name", name, start, end, "signature.lone-name", 0.5)]
    return []


def _read_line_name(ln: Line) -> tuple[str, int, int] | None:
    name = read_name(ln.text, mend=False) or read_name(ln.text, mend=True)
    return (name, ln.start, ln.end) if name and not _in_sentence(name, ln.text) else None


def _in_sentence(name: str, text: str) -> bool:
    """A name that a line goes on after in words ('liên hệ BSCKI. Bùi Công Luận, Phòng Nghiệp vụ'): the
    body's contact, whose line the block's crop took in; a signer's name stands alone on its line, with
    the seal's or the signature's specks at most ('Nguyễn Văn Hải: th“')."""
    last = name.split()[-1]
    at = text.find(last)
    after = text[at + len(last):] if at >= 0 else ""
    return sum(len(w) > 1 and w.isalpha() for w in re.sub(r"[^\w\s]", " ", after).split()) >= 2


def _with_stray_surname(lines: list[Line], i: int) -> tuple[str, int, int] | None:
    """Two words of a name ('Văn Hải') whose surname OCR set on the line of its own just under them
    ('Nguyễn': the signature's stroke split the line, and the line under it was read later): the
    surname goes before them."""
    words, under = lines[i].text.split(), lines[i + 1] if i + 1 < len(lines) else None
    surname = under.text.strip() if under else ""
    if under is None or len(words) != 2 or surname not in vocab.surnames() or surname == words[0]:
        return None
    name = read_name(f"{surname} {lines[i].text.strip()}", mend=False)
    return (name, lines[i].start, under.end) if name else None
