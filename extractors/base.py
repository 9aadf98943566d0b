"""What every extractor shares: the document view, candidates, and overlap resolution."""
from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from functools import cached_property
from typing import Any

from .text import fold

# The dashes and bullets that open a list item, as OCR reads them ('=' a doubled dash, '—' an em dash).
BULLETS = "-–—•+="


@dataclass(frozen=True)
class Line:
    text: str
    start: int
    end: int
    page: int = 1


@dataclass
class Candidate:
    """One value an extractor proposes, with the span it came from and the rule that found it."""

    field: str
    value: Any
    start: int
    end: int
    rule: str
    score: float = 1.0
    extra: dict[str, Any] = dc_field(default_factory=dict)

    def provenance(self, doc: DocText) -> dict[str, Any]:
        return {"page": doc.page_of(self.start), "start": self.start, "end": self.end, "rule": self.rule}


class DocText:
    """The normalised text with its non-empty lines, a folded copy for matching, and page offsets."""

    def __init__(self, text: str, page_starts: list[int] | None = None) -> None:
        self.text = text
        self.page_starts = page_starts or [0]

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    @cached_property
    def lines(self) -> list[Line]:
        out = []
        for m in re.finditer(r"[^\n]+", self.text):
            raw = m.group(0)
            stripped = raw.strip()
            if not stripped:
                continue
            start = m.start() + (len(raw) - len(raw.lstrip()))
            out.append(Line(stripped, start, start + len(stripped), self.page_of(start)))
        return out

    def paragraph_between(self, end: int, start: int) -> bool:
        """An empty line between two lines, where the reader marks paragraphs and blocks so; text
        with an empty line after most lines (some converters' output) marks nothing."""
        return self.text.count("\n", end, start) >= 2 and not self.double_spaced

    @cached_property
    def double_spaced(self) -> bool:
        gaps = [self.text.count("\n", a.end, b.start) for a, b in zip(self.lines, self.lines[1:], strict=False)]
        return sum(g >= 2 for g in gaps) > len(gaps) / 2

    def page_of(self, offset: int) -> int:
        page = 1
        for i, s in enumerate(self.page_starts):
            if offset >= s:
                page = i + 1
        return page

    def line_index_at(self, offset: int) -> int:
        for i, ln in enumerate(self.lines):
            if ln.end >= offset:
                return i
        return len(self.lines) - 1


def resolve(cands: list[Candidate]) -> dict[str, Candidate]:
    """Best candidate per scalar field: highest score, then earliest span; overlaps across fields
    are settled in favour of the higher score so one span never feeds two fields."""
    chosen: dict[str, Candidate] = {}
    taken: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-c.score, c.start)):
        if c.field in chosen:
            continue
        if any(t.start < c.end and c.start < t.end and t.field != c.field and t.extra.get("exclusive")
               for t in taken):
            continue
        chosen[c.field] = c
        taken.append(c)
    return chosen
