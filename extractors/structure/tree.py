"""The dispatch tree: the form's zones, found once, with their spans; every extractor reads these.

NĐ 30/2020 Phụ lục I lays a dispatch out as: two header blocks (issuing body, Số, V/v on the
left; Quốc hiệu, motto, place and date on the right), a type heading or V/v, Kính gửi, the body,
and a foot with Nơi nhận on the left and the signature on the right.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..base import DocText, Line
from .items import Item
from .markers import Hit
from .sentences import Sentence
from .tables import Table

# Where a line stands on its page: (page, x0, top, x1, bottom) in the page's pixels or points.
PageBox = tuple[int, float, float, float, float]


@dataclass(frozen=True)
class Zone:
    """A run of the document's lines, [start, end) in its text; `marker` is the fixed word that opened
    it; `boxes`, when the zone was built from word boxes, holds each line's box (one per line)."""

    name: str
    start: int
    end: int
    lines: tuple[Line, ...]
    marker: Hit | None = None
    boxes: tuple[PageBox, ...] = ()

    @property
    def page(self) -> int:
        return self.lines[0].page if self.lines else 1

    def text(self, doc: DocText) -> str:
        return doc.text[self.start:self.end]


@dataclass(frozen=True)
class Dispatch:
    """One document's form. `header` holds both header columns as the document's lines (text layers
    interleave them; `header_left` and `header_right` hold them apart); `national_end` is the line
    index just below the Quốc hiệu and motto (or the Party heading), 0 when there is none; `salutation` runs from
    after 'Kính gửi' to the body; `body` from the end of the salutation marker (else the top)
    to Nơi nhận; `copies` from after the last 'Nơi nhận' to the signature block (else its page's
    end); `foot_end` is where the dispatch ends and its `attachments` begin (an attached Quy định
    or Phụ lục, another issuer's document on a later page, a form after the foot: its articles,
    Kính gửi, Nơi nhận and signer are its own; no zone of the dispatch reaches past it). `header_left` (issuing body, Số,
    V/v) and `header_right` (Quốc hiệu, motto, place and date) are the header's two blocks, a line
    that holds both cut where the right one's words start, `heading` the type heading (its first
    line) and trích yếu below them (to the body's first line), `signature`
    the foot's right block (authority, title, seal-covered lines, name). `body_items` is the body's
    item tree and `attachment_items` each attachment's, built once (structure/items.py) for every
    rule that reads items. `tables` holds the tables the reader saw as tables (a .docx's) or the word
    builder rebuilt from a scan's boxes (structure/word_tables.py), in the document's offsets, wherever
    they stand (body or attachment): the table component reads them.
    `stamps` are the stamps printed onto the pages (structure/stamps.py), whose text `doc` holds
    as blanks: no other zone reads them. `unheaded_copies` is the Nơi nhận list when its heading was not
    read (`copies` is None): the dashed lines over its last line, 'Lưu: VT…'; only the copies' reader reads it.
    `sentences` are the body's (structure/sentences.py), split once and cut at its items' markers, each with
    the item that holds it: every rule that reads the body's sentences reads these; `attachment_sentences` each
    attachment's, built alike."""

    doc: DocText
    header: Zone
    national_end: int
    salutation: Zone | None
    body: Zone
    copies: Zone | None
    foot_end: int
    attachments: tuple[Zone, ...]
    body_items: tuple[Item, ...] = ()
    attachment_items: tuple[tuple[Item, ...], ...] = ()
    header_left: Zone | None = None
    header_right: Zone | None = None
    heading: Zone | None = None
    signature: Zone | None = None
    tables: tuple[Table, ...] = ()
    stamps: tuple[Zone, ...] = ()
    unheaded_copies: Zone | None = None
    sentences: tuple[Sentence, ...] = ()
    attachment_sentences: tuple[tuple[Sentence, ...], ...] = ()

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def folded(self) -> str:
        return self.doc.folded

    def columns(self) -> dict[str, tuple[Line, ...]]:
        """The lines of the header's and the foot's blocks, and the body between them, by zone name
        (`header.left`, `header.right`, `heading`, `body`, `foot.copies` with its Nơi nhận line, `foot.signature`):
        what the two builders must agree on."""
        out: dict[str, tuple[Line, ...]] = {}
        for name, zone in (("header.left", self.header_left), ("header.right", self.header_right),
                           ("heading", self.heading),
                           ("foot.copies", self.copies), ("foot.signature", self.signature)):
            lines = zone.lines if zone else ()
            if name == "foot.copies" and zone and zone.marker:  # the 'Nơi nhận' line is the block's
                lines = tuple(ln for ln in self.doc.lines if ln.start <= zone.marker.start < ln.end) + tuple(
                    ln for ln in lines if ln.start > zone.marker.start)
            if lines:
                out[name] = lines
        head = [ln.end for z in ("header.left", "header.right", "heading") for ln in out.get(z, ())]
        foot = [ln.start for z in ("foot.copies", "foot.signature") for ln in out.get(z, ())]
        top, bottom = max(head, default=0), min(foot, default=self.foot_end)
        body = tuple(ln for ln in self.doc.lines if ln.start >= top and ln.end <= bottom)
        if body:
            out["body"] = body
        return out
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
