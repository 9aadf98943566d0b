"""What every extractor shares: the document view and candidates (extractors/resolve.py chooses among them)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from functools import cached_property
from typing import Any

from .text import fold

# The dashes and bullets that open a list item, as OCR reads them ('=' a doubled dash, '—' an em dash).
BULLETS = "-–—•+="
# What a stamp's characters become in the text the tree is built from (structure/stamps.py): a
# blank no line holds and no paragraph is told by, offsets unchanged.
MASK = "\u00a0"
_MASKED_LINE = re.compile(rf"\n[ \t]*{MASK}")
# Two blanks or a tab within a line: the gap between a two-column line's columns.
COLUMN_GAP = re.compile(r"[ ]{2,}|\t")


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
    zone: str = ""  # the tree's zone the value was read in: 'header.left', 'body', 'foot.copies' …

    def provenance(self, doc: DocText) -> dict[str, Any]:
        out = {"page": doc.page_of(self.start), "start": self.start, "end": self.end, "rule": self.rule}
        return {**out, "zone": self.zone} if self.zone else out


class DocText:
    """The normalised text with its non-empty lines, a folded copy for matching, and page offsets."""

    def __init__(self, text: str, page_starts: list[int] | None = None,
                 page_words: list[list[tuple[str, float, float]]] | None = None) -> None:
        self.text = text
        self.page_starts = page_starts or [0]
        # per page, the OCR engine's words in its order: (text, confidence 0..1, box height); [] for a page not OCR'd
        self.page_words = page_words or []

    def read_by_ocr(self, offset: int) -> bool:
        """Whether the page holding `offset` was OCR'd (its words are kept), not a text layer or a file's text."""
        page = self.page_of(offset)
        return page <= len(self.page_words) and bool(self.page_words[page - 1])

    def confidence(self, start: int, end: int, within: tuple[int, int] | None = None) -> float | None:
        """The lowest OCR confidence of the words that printed text[start:end]; None when the page was
        not OCR'd or its words do not spell that text (the words are found by their folded letters,
        so restored accents and re-spacing do not hide them; `within`, a longer span around it, is
        found first, so that a short figure is not found elsewhere on the page)."""
        words = self._words_under(start, end, within)
        return min(w[1] for w in words) if words else None

    def height(self, start: int, end: int, within: tuple[int, int] | None = None) -> float | None:
        """How tall the words that printed text[start:end] stand against the page's median word: a
        figure written by hand into the blank of a printed form stands well above the print."""
        words = self._words_under(start, end, within)
        if not words:
            return None
        heights = sorted(w[2] for w in self.page_words[self.page_of(start) - 1])
        median = heights[len(heights) // 2]
        return max(w[2] for w in words) / median if median > 0 else None

    def _words_under(self, start: int, end: int, within: tuple[int, int] | None) -> list[tuple[str, float, float]]:
        page = self.page_of(start)
        if page > len(self.page_words) or not self.page_words[page - 1]:
            return []
        letters, owner = self._page_letters(page)
        s0, e0 = within or (start, end)
        around = self._compact(s0, e0)
        want = self._compact(start, end)
        at = letters.find(around) if want and s0 <= start and end <= e0 else -1
        if at < 0:
            return []
        at += len(self._compact(s0, start))
        words = self.page_words[page - 1]
        return [words[i] for i in sorted(set(owner[at:at + len(want)]))]

    def _compact(self, start: int, end: int) -> str:
        return "".join(fold(self.text[start:end]).split())

    def _page_letters(self, page: int) -> tuple[str, list[int]]:
        cached = self._letters.get(page)
        if cached is None:
            chars: list[str] = []
            owner: list[int] = []
            for i, (text, _, _) in enumerate(self.page_words[page - 1]):
                w = "".join(fold(text).split())
                chars.append(w)
                owner += [i] * len(w)
            cached = self._letters[page] = ("".join(chars), owner)
        return cached

    @cached_property
    def _letters(self) -> dict[int, tuple[str, list[int]]]:
        return {}

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
        return self._breaks(end, start) >= 2 and not self.double_spaced

    @cached_property
    def double_spaced(self) -> bool:
        gaps = [self._breaks(a.end, b.start) for a, b in zip(self.lines, self.lines[1:], strict=False)]
        return sum(g >= 2 for g in gaps) > len(gaps) / 2

    def _breaks(self, end: int, start: int) -> int:
        """Line breaks between two lines, a stamp's blanked line not counted (it was a line, not a gap)."""
        gap = self.text[end:start]
        return gap.count("\n") - (len(_MASKED_LINE.findall(gap)) if MASK in gap else 0)

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
