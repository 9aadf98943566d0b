"""The signature block: authority prefix, the signer's title, and the name on the last line.

Double prefixes ('TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG') keep the
outer prefix as authority; the title is the line(s) under the innermost prefix.
"""
from __future__ import annotations

import re

from pipeline.normalize import fold, sentence_case

from . import vocab
from .base import Candidate, DocText, Line

_AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\s*[.:]?\s+(?=\S)")
_NORMAL_AUTH = {"T/M": "TM.", "K/T": "KT.", "T/L": "TL."}


def is_title_line(text: str) -> bool:
    t = text.strip()
    if _AUTHORITY.match(t):
        return True
    if not t or len(t) > 60:
        return False
    letters = [c for c in t if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return False
    f = fold(t)
    return any(f.startswith(fold(h)) or f.endswith(fold(h)) for h in vocab.person_heads())


def is_name_line(text: str) -> bool:
    words = _strip_rank(text.strip()).split()
    if not 2 <= len(words) <= 5:
        return False
    if not all(w[:1].isupper() and w.isalpha() for w in words):
        return False
    first = words[0] if not words[0].isupper() else words[0].capitalize()
    return first in vocab.surnames() and not is_title_line(text)


def _strip_rank(text: str) -> str:
    for r in vocab.ranks():
        if fold(text).startswith(fold(r) + " "):
            return text[len(r):].strip()
    return text


def extract_signature(doc: DocText) -> list[Candidate]:
    lines = doc.lines
    name_idx = _find_name(lines)
    if name_idx is None:
        return []
    block = _title_block(lines, name_idx)
    if not block:
        return []
    name_line = lines[name_idx]
    name = _strip_rank(name_line.text)
    if name.isupper():
        name = " ".join(w.capitalize() for w in name.split())
    cands = [Candidate("signer.name", name, name_line.start, name_line.end, "signature.name-under-title")]
    auth_idx = [i for i, ln in enumerate(block) if _AUTHORITY.match(ln.text)]
    outer = block[auth_idx[0]] if auth_idx else None
    if outer:
        raw = _AUTHORITY.match(outer.text).group(1)  # type: ignore[union-attr]
        auth = _NORMAL_AUTH.get(raw, raw + ".")
        cands.append(Candidate("signer.authority", auth, outer.start, outer.end, "signature.prefix"))
    title_lines = block[auth_idx[-1] + 1:] if auth_idx else block
    if not title_lines and auth_idx:  # 'TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH' has the title below; 'KT. X' alone: X
        title_lines = [block[auth_idx[-1]]]
    title = " ".join(_AUTHORITY.sub("", ln.text) for ln in title_lines)
    if title:
        cands.append(Candidate("signer.title", _title_case(title), title_lines[0].start, title_lines[-1].end,
                               "signature.title-lines"))
    return cands


def _find_name(lines: list[Line]) -> int | None:
    for i in range(len(lines) - 1, max(-1, len(lines) - 40), -1):
        if is_name_line(lines[i].text) and _title_block(lines, i):
            return i
    return None


def _title_block(lines: list[Line], name_idx: int) -> list[Line]:
    """Title lines directly above the name (the gap for the signature is already gone)."""
    block: list[Line] = []
    for j in range(name_idx - 1, max(-1, name_idx - 8), -1):
        t = lines[j].text
        if is_title_line(t) or (block and fold(t) in ("kiem",)):
            block.insert(0, lines[j])
        elif block or j < name_idx - 3:
            break
    return block


def _title_case(title: str) -> str:
    words = sentence_case(re.sub(r"\s+", " ", title).strip()).split()
    out = []
    for i, w in enumerate(words):
        if i > 0 and words[i - 1].lower() in ("kiêm", "phó"):
            w = w.capitalize()
        out.append(w)
    return " ".join(out)
