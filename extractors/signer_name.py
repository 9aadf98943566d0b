"""The signer's name under a signature block, as OCR reads it through the seal and the signature.

A name is two to five capitalised words opening with a known surname (data/surnames.txt), after a
military rank or academic titles (data/ranks.txt, data/degrees.txt). Mended, a line may hold the
seal's specks and a glued or misread surname ('š Hoàng Văn Thuận', 'Lê HoàngAnh', 'hạm Trường Thọ');
a line that reads as a title is never a name. extractors/signature.py reads the block around it.
"""
from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from . import vocab
from .text import fold


@cache
def folded_person_heads() -> tuple[str, ...]:
    return tuple(fold(h) for h in vocab.person_heads())


@cache
def _folded_ranks() -> tuple[tuple[str, int], ...]:
    return tuple((fold(r) + " ", len(r)) for r in vocab.ranks())


def person_head_like(text: str) -> str | None:
    """The title a line reads as with a letter misread ('GLAM ĐỌC'): the closest known head."""
    f = fold(text.strip())
    score, head = max(((fuzz.ratio(f, fh), h) for h, fh in zip(vocab.person_heads(), folded_person_heads(), strict=True)),
                      default=(0.0, ""))
    return head if score >= 85 else None


def read_name(text: str, mend: bool) -> str | None:
    """The personal name a line holds, or None. With `mend`, specks are dropped and the surname may be
    misread by one letter (both only in names of three words or more)."""
    words = _strip_rank(text.strip()).split()
    if mend:
        kept = _name_run(words)
        if len(kept) < len(words) and len(kept) < 3:
            return None
        words = kept
    if not 2 <= len(words) <= 5 or not all(w.isalpha() for w in words):
        return None
    if all(w.isupper() for w in words):
        words = [w.capitalize() for w in words]
    if not all(w[:1].isupper() and (len(w) == 1 or w[1:].islower()) for w in words[1:]):
        return None
    surname = words[0] if words[0] in vocab.surnames() else None
    if surname is None and mend and len(words) >= 3:  # two words with a misread surname could be anything
        surname = _mended_surname(words[0])
    if surname is None or (mend and _looks_like_title(text)):
        return None
    return " ".join([surname, *words[1:]])


def _name_run(words: list[str]) -> list[str]:
    """The words of a name on a line OCR read through a seal and a signature: one-character specks
    before it and inside it dropped ('š Hoàng Văn Thuận', 'Trân À Ngọc Căng'), a blank it lost put
    back ('Lê HoàngAnh'); it ends at a mark ('Nguyễn Văn Hải: th“'). A line that opens with other
    marks ('__ TƯ NUNG ẨM') holds no name."""
    out: list[str] = []
    for raw in words:
        if len(raw) == 1:
            continue
        core = raw.rstrip(MARKS)
        bare = re.sub(r"^[^\w\s]+", "", core)
        if not out and bare.isalpha() and len(bare) > 1:
            core = bare  # '==Hoảng Văn Thuân': the signature's stroke glued to the name's first word
        if not core.isalpha():
            if not out:
                return []
            break
        out += [w for w in _unglued(core) if len(w) > 1]  # 'bD': two specks, no word
        if raw.rstrip(MARKS) != raw:
            break
    return out


MARKS = ".,:;!?\"'“”‘’`^ˆ˜~*|()[]{}<>/\\-–—_"


def _unglued(word: str) -> list[str]:
    """'HoàngAnh' -> ['Hoàng', 'Anh']: a capital after a small letter opens a word OCR glued on."""
    cuts = [i for i in range(1, len(word)) if word[i].isupper() and word[i - 1].islower()]
    return [word[a:b] for a, b in zip([0, *cuts], [*cuts, len(word)], strict=True)]


def _looks_like_title(text: str) -> bool:
    return person_head_like(text) is not None


@cache
def _surname_by_fold() -> dict[str, str]:
    out: dict[str, str] = {}
    for s in vocab.surnames():
        out.setdefault(fold(s), s)
    return out


def _mended_surname(word: str) -> str | None:
    f = fold(word)
    by_fold = _surname_by_fold()
    if f in by_fold:
        return by_fold[f]
    # OCR drops a letter far more often than it changes one: try a lost letter first.
    for tier in (1, 0):
        close = [s for k, s in by_fold.items()
                 if len(k) >= 3 and len(k) - len(f) == tier and Levenshtein.distance(k, f) == 1]
        if close:
            return close[0] if len(close) == 1 else None
    return None


def _strip_rank(text: str) -> str:
    f = fold(text)
    for prefix, n in _folded_ranks():
        if f.startswith(prefix):
            return text[n:].strip()
    return _strip_degrees(text)


def _strip_degrees(text: str) -> str:
    """The name after the abbreviated titles and degrees before it ('PGS.TS. Nguyễn Trung Kiên',
    'BS.CKII Lê Văn An', data/degrees.txt), which are no part of the name."""
    at = 0
    while m := re.match(r"\s*([^\W\d_]+)\s*\.?", text[at:]):
        if fold(m.group(1)) not in vocab.degrees():
            break
        at += m.end()
    return text[at:].strip() or text


def read_name_tail(text: str) -> tuple[str, tuple[str, ...]] | None:
    """The end of a name whose first letters OCR lost under the seal ('n Trúc Giang' for Nguyễn Trúc
    Giang, 'uy Nam Sơn', '¡ Tuyết Mai'): what is left of the lost word (lower-case letters, perhaps
    none) and the two to four capitalised words after it. None for a whole name or a title line: a
    tail is never a name by itself, only a key to one read elsewhere (`complete`)."""
    if read_name(text, mend=True) or _looks_like_title(text):
        return None
    words = [w.strip(MARKS) for w in text.split()]
    words = [w for w in words if w]
    if not words:
        return None
    lost = ""
    if words[0].isalpha() and words[0].islower() and len(words[0]) <= 3:
        lost, words = words[0], words[1:]
    elif len(words[0]) == 1 and not words[0].isalnum():
        words = words[1:]
    if not 2 <= len(words) <= 4 or not all(w.isalpha() and w[:1].isupper() and w[1:].islower() for w in words):
        return None
    return lost, tuple(words)


def complete(tail: tuple[str, tuple[str, ...]], names: list[str]) -> str | None:
    """The one name of `names` that `tail` is the end of (its words, one letter misread at most, and
    what is left of the word before them ending that word), or None when none or several are."""
    lost, words = tail
    n = len(words)
    found = set()
    for name in names:
        parts = name.split()
        if len(parts) <= n or fuzz.ratio(fold(" ".join(parts[-n:])), fold(" ".join(words))) < SAME_TAIL:
            continue
        if not lost or fold(parts[-n - 1]).endswith(fold(lost)):
            found.add(name)
    return found.pop() if len(found) == 1 else None


SAME_TAIL = 90  # rapidfuzz similarity of a tail's words and a name's last words: one letter in ten misread


def names_in(text: str) -> list[str]:
    """Every personal name written in a text ('đồng chí Nguyễn Trúc Giang, Phó Giám đốc'): runs of two
    to five capitalised words from a known surname (read_name, unmended)."""
    out: list[str] = []
    for m in re.finditer(r"[^\W\d_][^\W\d_]*(?:[ \t]+[^\W\d_]+){1,5}", text):
        words = m.group(0).split()
        for i, w in enumerate(words):
            if w in vocab.surnames():
                run = [w]
                for x in words[i + 1:i + 5]:
                    if not (x[:1].isupper() and x[1:].islower()):
                        break
                    run.append(x)
                name = read_name(" ".join(run), mend=False) if len(run) >= 2 else None
                if name and not any(fh.startswith(fold(name)) for fh in folded_person_heads()):  # 'Phó Giám đốc'
                    out.append(name)
                break
    return out
