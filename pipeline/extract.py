"""Normalised text -> record: runs the extractors and resolves their candidates.

The record follows ../shared/spec/record.md; every value also gets a provenance entry
(page, span, rule) under `provenance` so an archivist can check where it came from.
"""
from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from extractors.base import Candidate, DocText
from extractors.components import BY_ID
from extractors.resolve import choose, resolve
from extractors.structure import from_text

from .types import ReadResult


def extract_record(read: ReadResult) -> dict[str, Any]:
    starts, pos = [], 0
    for p in read.pages:
        starts.append(pos)
        pos += len(p.text) + 1
    doc = DocText(read.text, starts, [[(w.text, w.conf, w.bottom - w.top) for w in p.words] if p.method == "ocr" else []
                                      for p in read.pages])
    record = build_record(doc)
    confs = [p.confidence for p in read.pages if p.confidence is not None]
    record["source"] = {
        "path": read.path, "sha256": read.sha256, "media_type": read.media_type, "pages": len(read.pages),
        "text_source": read.text_source, "diacritics_restored": any(p.restored for p in read.pages),
        "mean_ocr_confidence": round(sum(confs) / len(confs), 3) if confs else None,
        "page_methods": [p.method for p in read.pages],
        "legacy_encoding": next((p.encoding for p in read.pages if p.encoding), None),
    }
    return {"source": record.pop("source"), **record}


def build_record(doc: DocText, today: date | None = None) -> dict[str, Any]:
    tree = from_text.build(doc)
    # the components of extractors/components.py, each reading its zones and yielding candidates
    cands: list[Candidate] = [c for cid in ("header", "signature", "addressees", "references")
                              for c in BY_ID[cid].run(tree)]
    doc_type = choose([c for c in cands if c.field == "doc_type"]).get("doc_type")
    cands += BY_ID["tasks"].run(tree, doc_type.value if doc_type else None)
    cands += BY_ID["entities"].run(tree)
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
