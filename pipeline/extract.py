"""Normalised text -> record: runs the extractors and resolves their candidates.

The record follows ../shared/spec/record.md; every value also gets a provenance entry
(page, span, rule) under `provenance` so an archivist can check where it came from.
"""
from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from extractors.base import Candidate, DocText
from extractors.components import BY_ID
from extractors.resolve import choose, resolve
from extractors.structure import from_text, from_words, stamps
from extractors.structure.tree import Dispatch

from .types import ReadResult

# A stage of the pipeline that offers more candidates once the components have offered theirs
# (the number and day stamped as a picture: pipeline/stamped.py), for the same resolve step.
Stage = Callable[[list[Candidate]], list[Candidate]]


def doc_text(read: ReadResult) -> DocText:
    """The pages' normalised text as one document, with the offset where each page starts."""
    starts, pos = [], 0
    for p in read.pages:
        starts.append(pos)
        pos += len(p.text) + 1
    return DocText(read.text, starts, [[(w.text, w.conf, w.bottom - w.top) for w in p.words] if p.method == "ocr" else []
                                       for p in read.pages])


def structure(read: ReadResult) -> Dispatch:
    """The dispatch tree of what was read: its zones, found once; from the word boxes when the pages
    have them (OCR, text layers), from the text otherwise."""
    doc = doc_text(read)
    tree = from_words.build(doc, read.pages) if any(p.words for p in read.pages) else from_text.build(doc)
    tables = tuple(t.shifted(start) for p, start in zip(read.pages, doc.page_starts, strict=True) for t in p.tables)
    return dataclasses.replace(tree, tables=tables) if tables else tree


def extract_record(read: ReadResult, tree: Dispatch | None = None, more: Stage | None = None) -> dict[str, Any]:
    """The record of what was read, from its tree (built here when not given); `more` adds its
    candidates to the components' before they are resolved."""
    tree = tree or structure(read)
    record = build_record(tree.doc, tree=tree, more=more)
    confs = [p.confidence for p in read.pages if p.confidence is not None]
    record["source"] = {
        "path": read.path, "sha256": read.sha256, "media_type": read.media_type, "pages": len(read.pages),
        "text_source": read.text_source, "diacritics_restored": any(p.restored for p in read.pages),
        "mean_ocr_confidence": round(sum(confs) / len(confs), 3) if confs else None,
        "page_methods": [p.method for p in read.pages],
        "legacy_encoding": next((p.encoding for p in read.pages if p.encoding), None),
        "signatures": read.signatures + stamps.printed_signatures(tree.stamps),
    }
    return {"source": record.pop("source"), **record}


def build_record(doc: DocText, today: date | None = None, tree: Dispatch | None = None,
                 more: Stage | None = None) -> dict[str, Any]:
    tree = tree or from_text.build(doc)
    # the components of extractors/components.py, each reading its zones and yielding candidates
    cands: list[Candidate] = [c for cid in ("header", "signature", "addressees", "references")
                              for c in BY_ID[cid].run(tree)]
    chosen = choose([c for c in cands if c.field in ("doc_type", "issuer")])
    known = {"doc_type": chosen["doc_type"].value if "doc_type" in chosen else None,
             "issuer": {"name": chosen["issuer"].value} if "issuer" in chosen else None,
             "recipients": [c.value for c in cands if c.field == "recipients"]}
    cands += BY_ID["tasks"].run(tree, known)
    cands += BY_ID["entities"].run(tree)
    if more is not None:
        cands += more(cands)
    return resolve(doc, cands, today)


def record_name(out: Path, path: Path, batch: Sequence[Path], taken: set[str]) -> str:
    """The record's file name in `out`: <stem>.json, or <name>.json when another file of the batch
    has the same stem (scan.png and scan.txt), numbered past names taken in this run or holding
    another file's record from an earlier one: one record never overwrites another's."""
    same_stem = any(p.stem == path.stem and p != path for p in batch)
    base = path.name if same_stem else path.stem
    for i in itertools.count(1):
        name = f"{base}.json" if i == 1 else f"{base}-{i}.json"
        if name not in taken and _free_for(out / name, path):
            return name
    raise AssertionError("unreachable")


def _free_for(target: Path, path: Path) -> bool:
    """No file there, or the record there is this file's own (an earlier run's)."""
    try:
        held = json.loads(target.read_text(encoding="utf-8"))["source"]["path"]
    except FileNotFoundError:
        return True
    except (OSError, ValueError, KeyError, TypeError):
        return False  # not a record of ours: left alone
    return isinstance(held, str) and Path(held).resolve() == path.resolve()
