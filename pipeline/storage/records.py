"""A document's record from its sources' records, and both as the JSON columns hold them: what a
worker works out for the one writer, so it needs no database library (pipeline/work.py).
"""
from __future__ import annotations

import json
from typing import Any


def merged(*records: dict[str, Any]) -> dict[str, Any]:
    """A document's record from its sources' (best read first): each field from the first that has it."""
    out: dict[str, Any] = {}
    for r in records:
        for k, v in r.items():
            if k not in ("provenance", "source") and v and not out.get(k):
                out[k] = v
    return out


def encode(record: dict[str, Any]) -> tuple[str, str]:
    """A file's record and the record of a document made from it alone, as the JSON columns hold
    them (SQLAlchemy's own serializer, json.dumps): worked out by the worker, not the one writer."""
    return json.dumps(record), json.dumps(merged(record))
