"""The dispatch tree: the form's zones, found once, with their spans; every extractor reads these.

NĐ 30/2020 Phụ lục I lays a dispatch out as: two header blocks (issuing body, Số, V/v on the
left; Quốc hiệu, motto, place and date on the right), a type heading or V/v, Kính gửi, the body,
and a foot with Nơi nhận on the left and the signature on the right.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..base import DocText, Line
from .markers import Hit


@dataclass(frozen=True)
class Zone:
    """A run of the document's lines, [start, end) in its text; `marker` is the fixed word that opened it."""

    name: str
    start: int
    end: int
    lines: tuple[Line, ...]
    marker: Hit | None = None

    @property
    def page(self) -> int:
        return self.lines[0].page if self.lines else 1

    def text(self, doc: DocText) -> str:
        return doc.text[self.start:self.end]


@dataclass(frozen=True)
class Dispatch:
    """One document's form. `header` holds both header columns (the header component splits them
    line by line, as text layers interleave them); `national_end` is the line index just below the
    Quốc hiệu and motto (or the Party heading), 0 when there is none; `salutation` runs from
    after 'Kính gửi' to the body; `body` from the end of the salutation marker (else the top)
    to Nơi nhận; `copies` from after the last 'Nơi nhận' to `foot_end`, where the dispatch ends and
    its `attachments` begin (an attached Quy định or Phụ lục: its articles, Kính gửi and signer are
    its own)."""

    doc: DocText
    header: Zone
    national_end: int
    salutation: Zone | None
    body: Zone
    copies: Zone | None
    foot_end: int
    attachments: tuple[Zone, ...]

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def folded(self) -> str:
        return self.doc.folded

    def zone_at(self, offset: int) -> str:
        """The zone path of a character offset, as provenance names it."""
        if offset >= self.foot_end:
            return "attachments"
        if self.copies and offset >= self.copies.start:
            return "foot.copies"
        if self.salutation and self.salutation.start <= offset < self.salutation.end:
            return "salutation"
        if offset < self.header.end:
            return "header"
        return "body" if offset >= self.body.start else "heading"
