"""The entity patterns' matcher (extractors/ruler.py) gives what spaCy's EntityRuler gave: the
quantifiers, longest-then-leftmost, and which of two patterns matching one span is kept."""
from __future__ import annotations

import random
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from extractors import ner
from extractors.ruler import Ruler, Tokens, murmur64a

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"


def _tokens(words: list[str]) -> Tokens:
    return Tokens(words, [w.lower() for w in words], [w.lower() for w in words])


def test_quantifiers_and_longest_first() -> None:
    ruler = Ruler([{"label": "A", "id": "a", "pattern": [{"LOWER": "sở"}, {"IS_TITLE": True, "OP": "{1,2}"}]},
                   {"label": "B", "id": "b", "pattern": [{"TEXT": {"IN": ["Nội"]}}, {"LOWER": "vụ", "OP": "?"}]}])
    found = ruler.matches(_tokens(["sở", "Nội", "Vụ", "Tư", "x", "Nội", "vụ"]))
    assert [(m.label, m.start, m.end) for m in found] == [("A", 0, 3), ("B", 5, 7)]
    assert not Ruler([{"label": "A", "pattern": [{"LOWER": "a"}, {"LOWER": "b", "OP": "+"}]}]).matches(_tokens(["a"]))


def test_the_hash_is_spacys() -> None:
    """spaCy's StringStore hash of the key decides between two patterns on one span (a set's order)."""
    assert murmur64a(b"ORG||ner.org-head+name") == 6564160928646092635


@cache
def _spacy() -> Any:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("entity_ruler", config={"validate": True}).add_patterns(ner.patterns())  # type: ignore[attr-defined]
    return nlp


def _spacy_matches(text: str) -> list[tuple[str, str, int, int]]:
    from spacy.tokens import Doc

    nlp = _spacy()
    words = [m.group() for m in ner._TOKEN.finditer(text)]
    doc = Doc(nlp.vocab, words=words)
    for token in doc:
        if ner.continues_name(token.text):
            token.norm_ = ner.TAIL
    doc = nlp.get_pipe("entity_ruler")(doc)
    return [(s.label_, s.ent_id_, s.start, s.end) for s in doc.ents]


def _ours(text: str) -> list[tuple[str, str, int, int]]:
    words = [m.group() for m in ner._TOKEN.finditer(text)]
    lower = [w.lower() for w in words]
    tokens = Tokens(words, lower, [ner.TAIL if ner.continues_name(w) else w.lower() for w in words])
    return [(m.label, m.id, m.start, m.end) for m in ner._ruler().matches(tokens)]


def test_the_same_spans_as_spacys_entity_ruler() -> None:
    """On the bundled dispatches and on word soups of them (names of bodies, people and places run
    together, ties of two shapes on one span: 'Thành phố Hà Nội' is a level+place and a head+name)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))]
    words = " ".join(texts).split()
    rng = random.Random(20)
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(3, 30))) for _ in range(300)]
    texts += ["Thành phố Hà Nội, ngày 5", "Văn Phúc và Sở Nội vụ", "ông Nguyễn Văn An"]
    for text in texts:
        assert _ours(text) == _spacy_matches(text), text
