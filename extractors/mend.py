"""An OCR'd phrase mended word by word from a better reading of the same document.

A dispatch received twice, as a scan and as text, is one document; often only the scan has the
header (the text copy starts at Kính gửi), so the issuer and the trích yếu come from OCR, restored
without the context the body had ("đổi MG1 sáng tạo" read as "với MG1 sáng tạo"), while the text
copy says the same words right ("đổi mới sáng tạo"). The phrase is aligned with the stretch of the
better text that shares most of its words (folded, OCR look-alikes read as letters); a word the two
spell alike, or a misread word standing where the text has one of its own, takes the text's
spelling. Words only one side has stay as they were: the OCR'd phrase keeps its own extent and
meaning ("Ban Chỉ đạo về …" does not become the body's "Ban Chỉ đạo tỉnh Quảng Ngãi về …").
A phrase without such a stretch is left alone.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from rapidfuzz.distance import Levenshtein

from .structure.markers import letters_of
from .text import fold

_WORD = re.compile(r"\S+")
_EDGE = re.compile(r"^\W*(.*?)\W*$", re.S)
SHARED = 0.6  # share of the phrase's words the stretch must spell alike
LIKE = 0.3  # a misread word and the text's word standing for it: at least this alike (folded)
UNEVEN = 0.5  # ... in a stretch where one side has more words than the other
SLACK = 3  # the stretch may be this many words longer than the phrase (words the OCR lost)


_EDGES = frozenset(',;:.()[]"“”«»!?')  # the phrase's punctuation kept around a mended word; an apostrophe is OCR's speck


def _kept(edge: str) -> str:
    return "".join(c for c in edge if c in _EDGES)


def _core(word: str) -> str:
    m = _EDGE.match(word)
    return m[1] if m else word


def _key(word: str) -> str:
    return letters_of(fold(_core(word)))


def _cased(word: str, like: str | None, capitals: bool) -> str:
    """The text's word in the phrase's case: all capitals when the phrase is (a header printed in
    capitals), the first word's initial as the phrase has it (`like`), otherwise as the text writes
    it (an OCR'd 'MG1' says nothing about the case of the word it stands for)."""
    if capitals:
        return word.upper()
    if like:
        return (word[:1].upper() if like[:1].isupper() else word[:1].lower()) + word[1:]
    return word


def mend(phrase: str, text: str) -> str | None:
    """`phrase` with its words spelled as `text` spells them, or None when no stretch of `text`
    holds most of its words (nothing to mend from) or nothing changes."""
    words = phrase.split()
    if len(words) < 3:
        return None
    tokens = _WORD.findall(text)
    mine, theirs = [_key(w) for w in words], [_key(t) for t in tokens]
    known = {k for k in mine if k}
    best: tuple[float, int] | None = None
    for start, key in enumerate(theirs):
        if key not in known:
            continue
        window = theirs[start:start + len(words) + SLACK]
        ratio = SequenceMatcher(None, mine, window, autojunk=False).ratio()
        if best is None or ratio > best[0]:
            best = (ratio, start)
    if best is None:
        return None
    start = best[1]
    window = theirs[start:start + len(words) + SLACK]
    matcher = SequenceMatcher(None, mine, window, autojunk=False)
    shared = sum(b.size for b in matcher.get_matching_blocks())
    if shared < SHARED * len(words):
        return None
    out, capitals = list(words), phrase.isupper()
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("equal", "replace"):  # a replaced stretch pairs its words in order, from its start
            for i, j in zip(range(i1, i2), range(start + j1, start + j2), strict=False):
                like = LIKE if i2 - i1 == j2 - j1 else UNEVEN
                if op == "replace" and Levenshtein.normalized_similarity(mine[i], theirs[j]) < like:
                    continue
                core = _core(words[i])
                if not core:
                    continue  # no letters of its own: the phrase's mark as it is
                at = words[i].find(core)  # its brackets, quotes and commas stay; an OCR speck goes
                lead, trail = _kept(words[i][:at]), _kept(words[i][at + len(core):])
                out[i] = lead + _cased(_core(tokens[j]), core if i == 0 else None, capitals) + trail
    mended = " ".join(out)
    return mended if mended != phrase else None
