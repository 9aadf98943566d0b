"""Organisations, people and places: a spaCy EntityRuler over the normalised text.

A blank Vietnamese pipeline without pyvi (no segmenter model, no network). Words and
punctuation are cut here and each token keeps its offset, so the spans are the text's own;
a line break is a token of its own, so a name never runs across lines. The patterns are the
shapes of extractors/data/entity_shapes.json filled from the vocabularies beside it (heads of
bodies, surnames, level words): classes of names, never one name. spaCy is imported on first
use, once per process. Any engine with `entities(text)` can stand in (tests, underthesea's CRF).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Protocol

from . import vocab
from .orgs import starts_with_head

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
    """The default engine: spaCy's EntityRuler with the project's patterns."""

    def entities(self, text: str) -> list[Entity]:
        from spacy.tokens import Doc

        nlp = _pipeline()
        found = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        if not found:
            return []
        # A word that may continue a body's name is marked in its NORM (a built-in attribute, so the
        # matcher stays fast).
        words = [text[s:e] for s, e in found]
        doc = Doc(nlp.vocab, words=words)
        for i, word in enumerate(words):  # by index: a Token object only for the words marked
            if continues_name(word):
                doc[i].norm_ = TAIL
        doc = nlp.get_pipe("entity_ruler")(doc)
        out = []
        for span in doc.ents:
            for tokens in _pieces(span):
                out.append(Entity(span.label_, found[tokens[0].i][0], found[tokens[-1].i][1], span.ent_id_))
        return out


def _pieces(span) -> list[list[Any]]:  # type: ignore[no-untyped-def]
    """A matched span as entities: a connective before another head starts a new body ("Sở Nội vụ
    và Phòng Tư pháp"), trailing connectives go ("Sở Nội vụ và"), an honorific is not a name."""
    tokens = list(span)
    if span.label_ == "LOC":
        cut = next((i for i, t in enumerate(tokens) if t.is_punct), len(tokens))
        return [tokens[:cut]] if cut else []
    if span.label_ == "ORG" and _in_capitals(span):
        return []
    if span.label_ == "PER":
        for n in (2, 1):  # "đồng chí", "ông"
            if len(tokens) > n + 1 and " ".join(t.lower_ for t in tokens[:n]) in _honorifics():
                return [tokens[n:]]
        return [tokens]
    pieces, cur = [], [tokens[0]]
    for i, t in enumerate(tokens[1:], start=1):
        if t.lower_ in _CONNECTIVES and i + 1 < len(tokens) and _opens_body(tokens[i + 1:]):
            pieces.append(cur)
            cur = []
        elif cur or t.lower_ not in _CONNECTIVES:
            cur.append(t)
    pieces.append(cur)
    for p in pieces:
        while len(p) > 1 and p[-1].lower_ in _CONNECTIVES:
            p.pop()
    return [p for p in pieces if p]


def _in_capitals(span) -> bool:  # type: ignore[no-untyped-def]
    """A head inside a line of capitals is a word of it ('CỘNG HÒA XÃ HỘI …'), not a body."""
    doc, i = span.doc, span.start
    return i > 0 and span[0].is_upper and doc[i - 1].is_upper and doc[i - 1].is_alpha


def _opens_body(tokens: list[Any]) -> bool:
    return starts_with_head(" ".join(t.text for t in tokens[:6]))


@lru_cache(maxsize=65536)
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
def _pipeline():  # type: ignore[no-untyped-def]  # noqa: ANN202
    import spacy

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    ruler = nlp.add_pipe("entity_ruler", config={"validate": True})
    ruler.add_patterns(patterns())  # type: ignore[attr-defined]
    return nlp


def patterns() -> list[dict[str, Any]]:
    """The EntityRuler patterns: each shape with its vocabulary item expanded. An entry whose
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
