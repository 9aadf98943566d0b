"""Vocabularies loaded once from extractors/data (patterns live in data files, not in code)."""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .text import fold, normalize_text


def lines(name: str) -> list[str]:
    """The entries of a vocabulary file in extractors/data (comments and blanks dropped)."""
    text = resources.files("extractors").joinpath("data", name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(normalize_text(line))
    return out


def rows(name: str) -> list[list[str]]:
    """The entries of a tab-separated file in extractors/data, as their columns."""
    return [ln.split("\t") for ln in lines(name)]


@cache
def ocr_confusions() -> tuple[tuple[str, str, float], ...]:
    """(what OCR wrote, the accent-free letters it stands for, cost in nats): the measured table
    that the diacritic restorer and the marker matcher both read."""
    return tuple((seen, letters, float(cost)) for seen, letters, cost in rows("ocr_confusions.tsv"))


@dataclass(frozen=True)
class DocType:
    name: str
    abbreviations: tuple[str, ...]
    typed: bool
    upward: bool = False  # sent to a superior: a report or a proposal assigns nothing
    rules: bool = False  # a text of rules: only its responsibility articles assign
    recorded: str = ""  # the record's type for a qualified heading ('Thông báo kết luận' -> 'Thông báo')
    joint: bool = False  # issued by several bodies together (a liên tịch): its issuer names them all


@cache
def doc_types() -> tuple[DocType, ...]:
    out = []
    for parts in rows("doc_types.tsv"):
        abbr = tuple(a for a in (parts[1].split(",") if len(parts) > 1 else []) if a)
        out.append(DocType(parts[0], abbr, (parts[2] if len(parts) > 2 else "typed") == "typed",
                           len(parts) > 3 and parts[3] == "up", len(parts) > 3 and parts[3] == "rule",
                           (parts[4] if len(parts) > 4 else "") or parts[0], len(parts) > 5 and parts[5] == "joint"))
    # longest names first so "Kế hoạch hành động" wins over "Kế hoạch"
    return tuple(sorted(out, key=lambda d: -len(d.name)))


@cache
def upward_types() -> frozenset[str]:
    return frozenset(d.recorded for d in doc_types() if d.upward)


@cache
def joint_types() -> frozenset[str]:
    """The types several bodies issue together, by name and by abbreviation ('Thông tư liên tịch', 'TTLT')."""
    return frozenset(n for d in doc_types() if d.joint for n in (d.name, *d.abbreviations))


@cache
def rule_types() -> frozenset[str]:
    return frozenset(d.recorded for d in doc_types() if d.rules)


@cache
def doc_type_by_abbr() -> dict[str, str]:
    out: dict[str, str] = {}
    for d in sorted(doc_types(), key=lambda d: len(d.name)):
        for a in d.abbreviations:
            out.setdefault(a.upper(), d.recorded)
    return out


def untyped_dispatch() -> str:
    """The type of a dispatch without a type heading ('V/v' and 'Kính gửi'; a number without the
    type's ký hiệu): NĐ 30/2020's công văn, whose abbreviation is CV in doc_types.tsv."""
    return doc_type_by_abbr()["CV"]


def generic_document() -> str:
    """The type of a document cited by the word 'Văn bản' alone or by a type word not in the list: the untyped type
    without an abbreviation in doc_types.tsv."""
    generic = next((d.recorded for d in doc_types() if not d.typed and not d.abbreviations), None)
    if generic is None:
        raise ValueError("data/doc_types.tsv has no untyped type without an abbreviation (the generic 'Văn bản')")
    return generic


def appendix_type() -> str:
    """The type of an appendix ('PHỤ LỤC' as a heading: a part of another document, whose abbreviation is PL)."""
    return doc_type_by_abbr()["PL"]


@cache
def _doc_type_by_folded() -> dict[str, str]:
    return {fold(d.name): d.name for d in doc_types()}


def doc_type_from_folded(folded_type: str) -> str | None:
    """The type name a folded match of doc_type_regex() stands for ('ke hoach' -> 'Kế hoạch')."""
    return _doc_type_by_folded().get(folded_type)


@cache
def doc_type_regex() -> str:
    """Alternation of type names on folded text, longest first."""
    generic = generic_type()  # last: a named type wins over the bare word
    return "|".join(re.escape(fold(d.name)) for d in doc_types() if d.name != generic) + "|" + re.escape(fold(generic))


@cache
def generic_type() -> str:
    """The type of a text whose heading names no kind ('Văn bản'): data/doc_types.tsv's untyped row
    without an abbreviation."""
    return next(d.name for d in doc_types() if not d.typed and not d.abbreviations)


def _words_set(name: str) -> tuple[str, ...]:
    return tuple(sorted(set(lines(name)), key=lambda s: (-len(s), s)))  # the same order in every process


@cache
def org_heads() -> tuple[str, ...]:
    return _words_set("org_heads.txt")


@cache
def honorifics() -> frozenset[str]:
    """Words of address before a name or a title ('ông', 'bà', 'đồng chí'; data/entity_shapes.json)."""
    return frozenset(entity_shapes()["honorifics"])


@cache
def entity_shapes() -> dict[str, Any]:
    """The entity ruler's shapes and word lists (data/entity_shapes.json)."""
    return json.loads(resources.files("extractors").joinpath("data", "entity_shapes.json").read_text("utf-8"))


@cache
def person_heads() -> tuple[str, ...]:
    return _words_set("person_heads.txt")


@cache
def place_levels() -> tuple[str, ...]:
    return _words_set("places.txt")


@cache
def surnames() -> frozenset[str]:
    return frozenset(lines("surnames.txt"))


@cache
def ranks() -> tuple[str, ...]:
    return _words_set("ranks.txt")


@cache
def degrees() -> frozenset[str]:
    """Abbreviated academic titles and degrees before a name ('PGS', 'TS'), folded to lower case."""
    return frozenset(d.lower() for d in lines("degrees.txt"))


@cache
def task_verbs() -> tuple[str, ...]:
    return _words_set("task_verbs.txt")


@cache
def citation_verbs() -> tuple[str, ...]:
    return _words_set("citation_verbs.txt")


def _verbs_after_issuer() -> tuple[str, ...]:
    return task_verbs() + citation_verbs()


@cache
def standard_codes() -> dict[str, str]:
    """Codes of technical regulations and standards ('QCVN') and the document type each names."""
    return {code: doc_type for code, doc_type, *_ in rows("standard_codes.tsv")}


@cache
def central_bodies() -> dict[str, str]:
    """Abbreviation in a state ký hiệu -> the one central body it names."""
    return {abbr: name for abbr, _, name in (line.partition("\t") for line in lines("central_bodies.tsv"))}


@cache
def symbol_parts() -> frozenset[str]:
    return frozenset(lines("symbol_parts.txt"))


@cache
def abbreviations() -> frozenset[str]:
    """Symbol parts and the other abbreviations of administrative text (GĐ, TTĐT)."""
    return symbol_parts() | frozenset(lines("abbreviations.txt"))


@cache
def relation_triggers() -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for line in lines("relations.tsv"):
        rel, _, phrases = line.partition("\t")
        out.extend((p.strip(), rel) for p in phrases.split(",") if p.strip())
    return tuple(sorted(out, key=lambda t: -len(t[0])))


def relation_phrases(relation: str) -> tuple[str, ...]:
    """The trigger phrases of one relation (data/relations.tsv), longest first."""
    return tuple(t for t, rel in relation_triggers() if rel == relation)


@cache
def folded_alternation(name: str) -> str:
    """Regex alternation over the folded entries of one vocabulary file, longest first."""
    sources: dict[str, Callable[[], Iterable[str]]] = {
        "org": org_heads, "person": person_heads, "verb": task_verbs, "place": place_levels,
        "citation-verb": _verbs_after_issuer}
    entries = sources[name]()
    folded = sorted({fold(e) for e in entries}, key=len, reverse=True)
    return "|".join(re.escape(f) for f in folded)
