"""The dispatch tree from word boxes, for pages that have them (OCR and text-layer words).

The reader's page text is `PageLayout.text` of the page's words, normalised and restored; each
zone of the layout is mapped back onto the document's lines, so the header's and the foot's
blocks are the columns the boxes show, not a guess from the line order, and each of their lines
keeps its box. What the form's words decide (Kính gửi, the body the extractors read, Nơi nhận's
place, attachments) is the text builder's, so a tree built either way feeds the extractors alike.
"""
from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from ..base import DocText, Line
from ..text import fold
from . import from_text, stamps, word_tables
from .tables import Cell, Table
from .tree import Dispatch, PageBox, Zone
from .words import Word, lines, page_layout


class WordPage(Protocol):
    """What the builder reads of a page: its words and its width (the reader's Page)."""

    @property
    def words(self) -> list[Word]: ...
    @property
    def width(self) -> float: ...


Placed = tuple[Line, PageBox]


def build(doc: DocText, pages: Sequence[WordPage]) -> Dispatch:
    """The tree of a document whose pages (in order, one per `doc.page_starts`) may have words; the
    header's blocks come from the first page's boxes and the foot's from the page that holds the
    text's Nơi nhận (else the last page with a signature block)."""
    tree = from_text.build(doc)
    doc = tree.doc  # without its stamps' text
    at: dict[int, Line] = {}
    placed = [_placed(doc, i, p, at) if p.words else {} for i, p in enumerate(pages)]
    tables = _tables(pages, at)
    if tables:
        tree = replace(tree, tables=tables)
    if placed and placed[0]:
        tree = _header(tree, placed[0])
    foot = _foot_page(tree, placed)
    if foot is not None:
        zones = placed[foot]
        copies = tree.copies
        if copies and zones.get("foot.copies"):
            rows = [(ln, box) for ln, box in zones["foot.copies"] if ln.end > copies.start]
            copies = replace(_zone("foot.copies", rows) or copies, start=copies.start, marker=copies.marker)
        # the layout's right block of the foot; the text's when the layout has none (signers above Nơi nhận)
        signature = _zone("foot.signature", zones.get("foot.signature", [])) or tree.signature
        tree = replace(tree, copies=copies, signature=signature)
    return tree


def _header(tree: Dispatch, zones: dict[str, list[Placed]]) -> Dispatch:
    """The first page's header blocks, a line that holds both columns cut as the text builder cuts it
    (`from_text.split`: the page text may join a row of one column to the other's); the right
    column's rows below its fixed words (a type heading set in that column) and the running lines
    above the body's first line (the text's: it is told by the form's words) are the heading from
    its type heading on, the left block's above it."""
    left: list[Placed] = []
    right: list[Placed] = []
    seen: set[Line] = set()
    placed_left, placed_right = zones.get("header.left", []), zones.get("header.right", [])
    in_left = {ln for ln, _ in placed_left}
    dated = from_text.right_block_end([ln.text for ln, _ in placed_right])
    cut_to = placed_right[dated][0].start if dated >= 0 else len(tree.doc.text)  # no line below the date line is cut
    for ln, box in sorted(placed_left + placed_right, key=lambda r: r[0].start):
        if ln in seen:  # a line the page text did not split, placed in both columns
            continue
        seen.add(ln)
        head, tail = from_text.split(ln) if ln.start <= cut_to else (ln, None)
        if tail is None:  # no fixed word of the right block: where the boxes put it
            (left if ln in in_left else right).append((ln, box))
            continue
        left += [(head, box)] if head else []
        right.append((tail, box))
    last = from_text.right_block_end([ln.text for ln, _ in right])
    below = right[last + 1:] + [(ln, box) for ln, box in zones.get("body", [])
                                if ln.end <= tree.header.end and ln not in seen]
    titled = from_text.heading_at([ln.text for ln, _ in below])  # above the type heading: the left block's
    return replace(tree, header_left=_zone("header.left", left + below[:titled]),
                   header_right=_zone("header.right", right[:last + 1]), heading=_zone("heading", below[titled:]))


def _foot_page(tree: Dispatch, placed: list[dict[str, list[Placed]]]) -> int | None:
    if tree.copies and tree.copies.marker:
        at = tree.copies.marker.start
        return next((i for i, z in enumerate(placed)
                     if any(ln.start <= at < ln.end for ln, _ in z.get("foot.copies", []))), None)
    last = tree.doc.page_of(tree.foot_end - 1) if tree.foot_end else 1  # an attachment's foot is its own
    return next((i for i in range(min(last, len(placed)) - 1, -1, -1) if placed[i].get("foot.signature")), None)


def _zone(name: str, rows: list[Placed]) -> Zone | None:
    if not rows:
        return None
    return Zone(name, rows[0][0].start, rows[-1][0].end, tuple(ln for ln, _ in rows), boxes=tuple(b for _, b in rows))


def _tables(pages: Sequence[WordPage], at: dict[int, Line]) -> tuple[Table, ...]:
    """The task tables of the scanned pages (structure/word_tables.py), a table that runs to a page's
    end read on over the next page's first lines; each cell's span is its words' lines in the document.
    A page's ruled task tables (`grids`, the reader's) are read by their rules, and the page's other
    words as before."""
    out: list[Table] = []
    ruled: set[int] = set()  # the tables read from a grid's rules: their rows are the rules', not a guess
    carried = known = None
    grid_open: Table | None = None  # the previous page's last ruled task table, when it ran to the page's end
    for i, p in enumerate(pages):
        if not p.words or getattr(p, "method", "ocr") != "ocr":
            carried = grid_open = None
            continue
        grids = getattr(p, "grids", None) or []
        for g in grids:
            table = word_tables.grid_table(g, [w for w in p.words if g.holds(w)], lambda w: at.get(id(w)), i + 1,
                                           grid_open.rows[0] if grid_open is not None else None)
            if table is not None and grid_open is not None and _same_header(table.rows[0], grid_open.rows[0]):
                table = word_tables.joined(out.pop(), table, ruled=True)  # the previous page's table goes on
            grid_open = None
            if table is not None:
                out.append(table)
                ruled.add(id(table))
                grid_open = table
        words = [w for w in p.words if not any(g.holds(w) for g in grids)]
        if not words:
            continue
        layout = page_layout(words, p.width)
        foot = {id(w) for r in layout.copies + layout.signature for w in r.words}
        rows = lines(words)
        rows = rows[:next((k for k, r in enumerate(rows) if any(id(w) in foot for w in r)), len(rows))]
        was_open = carried is not None
        found, carried, known = word_tables.page_tables(rows, lambda w: at.get(id(w)), i + 1, carried, known)
        if was_open and found and out:
            out[-1] = word_tables.joined(out[-1], found.pop(0))
        if found:
            grid_open = None
        out += found
    return tuple(n for t in out
                 if (n := word_tables.counted(t) if id(t) in ruled else word_tables.numbered(t)) is not None)


def _same_header(row: tuple[Cell, ...], other: tuple[Cell, ...]) -> bool:
    """Two header rows of one table: as many columns, none named otherwise (a cell of one may be
    misread or lost: 'TT' over a page's first row)."""
    from ..tables import column_of

    if len(row) != len(other):
        return False
    named = [(column_of(a.text), column_of(b.text)) for a, b in zip(row, other, strict=True)]
    return all(a is None or b is None or a == b for a, b in named)


def _placed(doc: DocText, index: int, page: WordPage, at: dict[int, Line] | None = None) -> dict[str, list[Placed]]:
    """The page's zones as document lines with their boxes. The page text is the layout's text once
    normalised and restored, which may join or mend lines: the layout's lines are aligned with the
    page's by their letters."""
    rows = [(name, row) for name, row in page_layout(page.words, page.width).lines() if name and row]
    # the layout's stamp lines as the document's are: blanked by the same rule (the document has no line for them)
    kept = stamps.masked(DocText("\n".join(row.text for _, row in rows)))[0].text.split("\n")
    rows, texts = [r for r, t in zip(rows, kept, strict=True) if t.strip()], [t for t in kept if t.strip()]
    start = doc.page_starts[index]
    end = doc.page_starts[index + 1] - 1 if index + 1 < len(doc.page_starts) else len(doc.text)
    own = [ln for ln in doc.lines if start <= ln.start < end]
    out: dict[str, list[Placed]] = {}
    matcher = difflib.SequenceMatcher(None, [_key(t) for t in texts], [_key(ln.text) for ln in own],
                                      autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag in ("delete", "insert"):
            continue
        for k in range(a0, a1):  # equal: one to one; replace: each layout line to its share of the page's
            name, row = rows[k]
            line = own[b0 + (k - a0) * (b1 - b0) // (a1 - a0)]
            placed = out.setdefault(name, [])
            if at is not None:
                at.update((id(w), line) for w in row.words)
            if not placed or placed[-1][0] is not line:
                x0, top, x1, bottom = row.box
                placed.append((line, (index + 1, x0, top, x1, bottom)))
    return out


def _key(text: str) -> str:
    return "".join(c for c in fold(text) if c.isalnum())
