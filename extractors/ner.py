"""Organisations, people and places: token patterns over the normalised text (extractors/ruler.py,
the semantics of spaCy's EntityRuler in plain Python, with no model to load).

Words and punctuation are cut here and each token keeps its offset, so the spans are the text's
own; a line break is a token of its own, so a name never runs across lines. The patterns are the
shapes of extractors/data/entity_shapes.json filled from the vocabularies beside it (heads of
bodies, surnames, level words): classes of names, never one name. Any engine with
`entities(text)` can stand in (tests, underthesea's CRF).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from . import vocab
from .orgs import starts_with_head
from .ruler import Match, Ruler, Tokens

_TOKEN = re.compile(r"\n|\w+(?:&\w+)*|[^\w\s]")
_CONNECTIVES = frozenset({"và", "-", "–", "&"})
TAIL = "_tail_"  # the NORM of a word that may continue a body's name


@dataclass(frozen=True)
class Entity:
    label: str  # ORG | PER | LOC
    start: int
    end: int
    rule: str


class NerEngine(Protocol):
    def entities(self, text: str) -> list[Entity]: ...


class RulerEngine:
    """The default engine: the project's patterns over the text's tokens."""

    def entities(self, text: str) -> list[Entity]:
        found = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        if not found:
            return []
        words = [text[s:e] for s, e in found]
        lower = [w.lower() for w in words]
        # a word that may continue a body's name is marked in its NORM, as the patterns' tail asks
        tokens = Tokens(words, lower, [TAIL if continues_name(w) else low for w, low in zip(words, lower, strict=True)])
        out = []
        for m in _ruler().matches(tokens):
            for piece in _pieces(tokens, m):
                out.append(Entity(m.label, found[piece[0]][0], found[piece[-1]][1], m.id))
        return out


def _pieces(tokens: Tokens, m: Match) -> list[list[int]]:
    """A match as entities (token offsets): a connective before another head starts a new body
    ("Sở Nội vụ và Phòng Tư pháp"), trailing connectives go ("Sở Nội vụ và"), an honorific is not a name."""
    idx = list(range(m.start, m.end))
    words, lower = tokens.text, tokens.lower
    if m.label == "LOC":
        cut = next((k for k, i in enumerate(idx) if _is_punct(words[i])), len(idx))
        return [idx[:cut]] if cut else []
    if m.label == "ORG" and _in_capitals(words, m.start):
        return []
    if m.label == "PER":
        for n in (2, 1):  # "đồng chí", "ông"
            if len(idx) > n + 1 and " ".join(lower[i] for i in idx[:n]) in _honorifics():
                return [idx[n:]]
        return [idx]
    pieces, cur = [], [idx[0]]
    for k, i in enumerate(idx[1:], start=1):
        if lower[i] in _CONNECTIVES and k + 1 < len(idx) and _opens_body([words[j] for j in idx[k + 1:k + 7]]):
            pieces.append(cur)
            cur = []
        elif cur or lower[i] not in _CONNECTIVES:
            cur.append(i)
    pieces.append(cur)
    for p in pieces:
        while len(p) > 1 and lower[p[-1]] in _CONNECTIVES:
            p.pop()
    return [p for p in pieces if p]


def _is_punct(word: str) -> bool:
    """Every character a punctuation mark (Unicode category P), as spaCy's is_punct."""
    return all(unicodedata.category(c).startswith("P") for c in word)


def _in_capitals(words: list[str], i: int) -> bool:
    """A head inside a line of capitals is a word of it ('CỘNG HÒA XÃ HỘI …'), not a body."""
    return i > 0 and words[i].isupper() and words[i - 1].isupper() and words[i - 1].isalpha()


def _opens_body(words: list[str]) -> bool:
    return starts_with_head(" ".join(words))


def continues_name(word: str) -> bool:
    """May this word continue a body's name: a capitalised word, a word of name_words.txt (học in
    Khoa học, level words), a connective."""
    return word[:1].isupper() or word.lower() in _tail_words()


@cache
def _tail_words() -> frozenset[str]:
    return frozenset(w.lower() for w in vocab.lines("name_words.txt")) | _CONNECTIVES


def _shapes() -> dict[str, Any]:
    return vocab.entity_shapes()


def _honorifics() -> frozenset[str]:
    return vocab.honorifics()


@cache
def _ruler() -> Ruler:
    return Ruler(patterns())


def patterns() -> list[dict[str, Any]]:
    """The patterns, in spaCy EntityRuler's form: each shape with its vocabulary item expanded. An entry whose
    later words the shape's tail would take anyway (Ban Chỉ đạo = Ban + tail) needs only its first
    word, and first words share one pattern: the matcher's cost grows with the number of patterns."""
    out: list[dict[str, Any]] = []
    for shape in _shapes()["shapes"]:
        pattern = shape["pattern"]
        at = next((i for i, item in enumerate(pattern) if "@" in item), None)
        if at is None:
            out.append({"label": shape["label"], "id": shape["id"], "pattern": pattern})
            continue
        item, rest = pattern[at], pattern[at + 1:]
        tails = bool(rest) and rest[0].get("NORM") == TAIL
        attr = "TEXT" if item.get("title") or item.get("cap") else "LOWER"
        by_length: dict[int, list[set[str]]] = {}  # word sets by position, per entry length
        for entry in set(vocab.lines(item["@"])):
            words = [w for w in _TOKEN.findall(entry) if w.strip()]
            if tails and all(continues_name(w) for w in words[1:]):
                words = words[:1]
            variants = [words[0]] if item.get("title") else [words[0].lower()]
            if item.get("cap"):  # as written (Sở, UBND) or in capitals (SỞ), never lower case
                variants = [words[0][:1].upper() + words[0][1:], words[0].upper()]
            sets = by_length.setdefault(len(words), [set() for _ in words])
            sets[0].update(variants)
            for i, w in enumerate(words[1:], start=1):
                sets[i].add(w.lower())
        for sets in by_length.values():  # one pattern per length (a mixed entry, "Hội ban nhân dân", never occurs)
            spec = [{attr: {"IN": sorted(sets[0])}}] + [{"LOWER": {"IN": sorted(x)}} for x in sets[1:]]
            out.append({"label": shape["label"], "id": shape["id"], "pattern": pattern[:at] + spec + rest})
    return out
