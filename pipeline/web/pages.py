"""Page images of a source, and the boxes of the values extracted from each page.

Provenance keeps a value's span in the source's text; the page keeps where its words stand.
The page text is the words after normalisation and diacritic repair, so a span is not a run of
words by offset: its words are found in the page's words by likeness of their folded forms
(the same OCR noise the text went through), starting where the offset says, and boxed line by
line. Drawn as rectangles over the page in the words' own units (PDF points or scan pixels).
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from extractors.text import fold

from ..errors import InputError

MAX_WIDTH = 1100  # pixels of a page image sent to the browser
PDF_DPI = 110
_MATCH = 60  # rapidfuzz ratio of folded words: below it a page word is not the span's word


@dataclass(frozen=True)
class Box:
    field: str
    x: float
    y: float
    w: float
    h: float


def boxes(page_text: str, words: dict[str, Any] | None, spans: list[tuple[str, int, int]]) -> list[Box]:
    """The boxes of each (field, start, end) span of `page_text` (offsets within the page)."""
    if not words or not words.get("words"):
        return []
    from rapidfuzz import fuzz

    stored = words["words"]
    folded = [_bare(w[4]) for w in stored]
    out: list[Box] = []
    for field, start, end in spans:
        tokens = [_bare(t) for t in re.findall(r"\S+", page_text[start:end])]
        if not tokens or start < 0 or end > len(page_text):
            continue
        before = len(re.findall(r"\S+", page_text[:start]))
        probe = tokens[:4]

        def score(i: int, probe: list[str] = probe, before: int = before) -> float:
            got = [fuzz.ratio(a, b) for a, b in zip(probe, folded[i:i + len(probe)], strict=False)]
            return sum(got) / len(probe) - abs(i - before) / 50

        at = max(range(len(folded)), key=score, default=None)
        if at is None or score(at) + abs(at - before) / 50 < _MATCH:
            continue
        out += _line_boxes(field, stored[at:at + len(tokens)])
    return out


def _bare(word: str) -> str:
    """A word as matched: folded, without the punctuation around it ('An,' is 'an')."""
    return fold(word).strip(".,;:()[]\"'“”")


def _line_boxes(field: str, run: list[list[Any]]) -> list[Box]:
    """One box per line of the run (a new line where a word starts left of the last)."""
    lines: list[list[list[Any]]] = []
    for w in run:
        if lines and w[0] >= lines[-1][-1][0] and abs(w[1] - lines[-1][-1][1]) < (w[3] - w[1]):
            lines[-1].append(w)
        else:
            lines.append([w])
    return [Box(field, min(w[0] for w in ln), min(w[1] for w in ln), max(w[2] for w in ln) - min(w[0] for w in ln),
                max(w[3] for w in ln) - min(w[1] for w in ln)) for ln in lines]


def has_images(media_type: str) -> bool:
    return media_type.startswith("image/") or media_type == "application/pdf"


@lru_cache(maxsize=32)
def image_png(path: str, media_type: str, page: int, sha256: str) -> bytes:
    """Page `page` (from 1) of the source file as a PNG at most MAX_WIDTH wide (the last few kept:
    a document page asks for its images right after it is shown; `sha256` keys the file's bytes)."""
    from PIL import Image, ImageSequence

    if not Path(path).is_file():
        raise InputError(path, "the file is no longer there")
    if media_type == "application/pdf":
        from ..tools.rasterize import render_page

        img = render_page(path, page, dpi=PDF_DPI)
    else:
        with Image.open(path) as opened:
            frames = ImageSequence.Iterator(opened)
            try:
                img = frames[page - 1].convert("RGB")
            except (IndexError, EOFError):
                raise InputError(path, f"has no page {page}") from None
    img.thumbnail((MAX_WIDTH, MAX_WIDTH * 4))
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=False)
    return buf.getvalue()


def aspects(path: str, media_type: str) -> list[float | None]:
    """Height over width of each page, read from the file's header (no decoding); [] when the
    file cannot be opened (gone, damaged): its pages are then shown without boxes."""
    try:
        if media_type == "application/pdf":
            import pdfplumber
            from pdfminer.psexceptions import PSException
            from pdfplumber.utils.exceptions import PdfminerException

            try:
                with pdfplumber.open(path) as pdf:
                    return [float(p.height) / float(p.width) if p.width else None for p in pdf.pages]
            except (PSException, PdfminerException):
                return []
        from PIL import Image, ImageSequence

        with Image.open(path) as opened:
            return [f.height / f.width if f.width else None for f in ImageSequence.Iterator(opened)]
    except (OSError, ValueError, EOFError):
        return []
