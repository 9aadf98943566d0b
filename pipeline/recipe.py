"""The recipe, one call per stage: file → pages → text → normalised text → tree → candidates → record.

`read` turns a file into pages of normalised text (the text layer when usable, OCR when not,
diacritics restored where they were lost: each page decides, so these steps run per page inside
it); `structure` finds the dispatch's zones once; `extract` runs the components over the tree and
resolves their candidates into the record, with the candidates of the stamp stage (what an
e-office system stamped onto a signed PDF as a picture, where the text layer left it blank:
pipeline/stamped.py); `handwritten` reads the number and day written by hand into a scanned
header again, with a second recogniser; `run` also reads a scanned signature block again from its
crop where the page's OCR lost part of it (`signature_block`). Storing is the
one writer's (`pipeline/storage/store.py`); scheduling and errors per file are `pipeline/ingest.py`'s.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from extractors.structure.tree import Dispatch

from . import stamped
from .extract import extract_record, structure
from .handwritten import fill_handwritten
from .reading.files import OcrMode, read_file
from .signature_block import fill_signature
from .types import Limits, ReadResult

__all__ = ["extract", "handwritten", "read", "run", "structure"]


def read(path: str | Path, ocr: OcrMode = "auto", limits: Limits | None = None,
         trust_roots: tuple[bytes, ...] = ()) -> ReadResult:
    return read_file(path, ocr=ocr, limits=limits, trust_roots=trust_roots)


def extract(read_result: ReadResult, tree: Dispatch, ocr: OcrMode = "auto") -> dict[str, Any]:
    return extract_record(read_result, tree, lambda cands: stamped.candidates(read_result, cands, ocr))


def handwritten(read_result: ReadResult, tree: Dispatch, record: dict[str, Any]) -> dict[str, Any]:
    return fill_handwritten(read_result, tree, record)


def run(path: str | Path, ocr: OcrMode = "auto", limits: Limits | None = None,
        trust_roots: tuple[bytes, ...] = ()) -> tuple[ReadResult, dict[str, Any]]:
    """One file through every stage up to its record; signatures' trust judged against `trust_roots`."""
    pages = read(path, ocr, limits, trust_roots)
    tree = structure(pages)
    record = fill_signature(pages, tree, handwritten(pages, tree, extract(pages, tree, ocr)))
    for page in pages.pages:  # the first page's image served the handwritten gaps; it stays in the worker
        page.image = None
    return pages, record
