"""The record's entities: ORG, PER, LOC from the NER engine (extractors/ner.py), DATE from the
date rules; each with its span over the normalised text and the rule that found it.

An organisation also gets its canonical name (UBND -> Ủy ban nhân dân, one tone placement),
and a relative name ("Ủy ban nhân dân đặc khu", "Sở", "UBND tỉnh") is resolved to the issuing
body or its parent when that is the body it names; the printed text is kept as it is.
"""
from __future__ import annotations

from functools import cache
from typing import Any

from .base import Candidate, DocText
from .ner import NerEngine, RulerEngine
from .orgs import canonical, org_case, org_kind
from .patterns import find_dates
from .text import fold, name_key


@cache
def default_engine() -> NerEngine:
    return RulerEngine()


def extract_entities(doc: DocText, issuer: dict[str, Any] | None = None,
                     engine: NerEngine | None = None) -> list[dict[str, Any]]:
    bodies = issuing_bodies(issuer)
    return [with_resolution(c.value, bodies) for c in entity_candidates(doc, engine)]


def entity_candidates(doc: DocText, engine: NerEngine | None = None, zone_at: Any = None) -> list[Candidate]:
    """Every span, in text order; an organisation named relative to the issuer is resolved once the
    issuer is chosen (`with_resolution`, in the resolve step)."""
    out: list[dict[str, Any]] = [{"label": "DATE", "text": doc.text[s:e], "start": s, "end": e, "rule": "date"}
                                 for s, e, _ in find_dates(doc.folded)]
    for ent in (engine or default_engine()).entities(doc.text):
        item: dict[str, Any] = {"label": ent.label, "text": doc.text[ent.start:ent.end], "start": ent.start,
                                "end": ent.end, "rule": ent.rule}
        if ent.label == "ORG":
            item["canonical"] = _canonical(item["text"])
        out.append(item)
    return [Candidate("entities", x, x["start"], x["end"], x["rule"], zone=zone_at(x["start"]) if zone_at else "")
            for x in sorted(out, key=lambda x: x["start"])]


def issuing_bodies(issuer: dict[str, Any] | None) -> list[str]:
    return [b for b in ((issuer or {}).get("name"), (issuer or {}).get("parent")) if b]


def with_resolution(item: dict[str, Any], bodies: list[str]) -> dict[str, Any]:
    """The entity, and for an organisation the issuing body it stands for, if any."""
    resolved = resolve_relative(item["canonical"], bodies) if item["label"] == "ORG" else None
    return {**item, "resolved": resolved} if resolved else item


@cache
def _canonical(text: str) -> str:
    return canonical(org_case(text))


def resolve_relative(name: str, bodies: list[str]) -> str | None:
    """The issuing body (or its parent) a relative name stands for: every word of the name begins
    that body's name ('Ủy ban nhân dân đặc khu' -> 'Ủy ban nhân dân đặc khu Lý Sơn'), and the body
    says more (a name that is already whole resolves to nothing)."""
    if _has_proper_name(name):
        return None
    key = name_key(name)
    return next((b for b in bodies if name_key(canonical(b)).startswith(key + " ")), None)


def _has_proper_name(name: str) -> bool:
    """A capitalised word after the head's own words: 'Sở Tài chính' is whole, 'Sở' is not."""
    head = org_kind(name) or ""
    rest = name[len(head):] if fold(name).startswith(fold(head)) else name
    return any(w[:1].isupper() for w in rest.split())
