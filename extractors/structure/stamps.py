"""Stamps printed onto the page: their zones, found once, and the text every other zone is read from without them.

A scanned or printed copy carries stamps that are not the dispatch's text: an e-signature's box
('Ký bởi: … Cơ quan: … Thời gian ký: …'), the Government portal's ('Người ký: CỔNG THÔNG TIN
ĐIỆN TỬ CHÍNH PHỦ / Email / Cơ quan / Thời gian ký') and an incoming-document stamp ('CÔNG
THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ / ĐẾN / Số / Giờ / Ngày: 03.01.2025'). Their figures look like a
number, a date, a body's line; OCR puts them among the header's lines. A stamp line is told by
its words (data/markers.tsv: each kind's own words mark one anywhere, its `_near` words only a
few lines from one and never in a line holding a ký hiệu, as alone each is common prose); from
the column gap before the word (the line's start when there is none) to the line's end is the
stamp's. Those characters become blanks (base.MASK) in the text the tree is built from, offsets
unchanged, so no zone and no extractor reads them, while the stamp zones keep their lines (the
e-signature's day is read there: extractors/signature.py).
"""
from __future__ import annotations

from ..base import COLUMN_GAP, MASK, DocText, Line
from ..patterns import NUMBER_RE
from ..text import fold
from . import markers
from .tree import Zone

# Each kind of stamp: its own words, the words that are its only near one of those, and how near (lines).
KINDS: tuple[tuple[tuple[str, ...], tuple[str, ...], int], ...] = (
    (("stamp", "signed_at"), ("stamp_near",), 2),  # an e-signature's box, the Government portal's
    (("incoming",), ("incoming_near",), 2),  # an incoming-document stamp: ĐẾN, Số, Giờ, Ngày
)
E_SIGNATURE = KINDS[0][0] + KINDS[0][1]  # its words are never a dispatch's, wherever they stand


def stamp_at(folded_line: str, ids: tuple[str, ...] = E_SIGNATURE) -> int | None:
    """Where the first stamp word of a line begins, or None."""
    hits = [h.start for i in ids if (h := markers.in_line(i, folded_line))]
    return min(hits) if hits else None


def _stamp_from(folded_line: str, ids: tuple[str, ...]) -> int | None:
    """Where a stamp line's stamp begins: a stamp is a box, so from the column gap before its
    word (a text layer's other column stays the page's), or the line's start when there is none
    (OCR runs the box's words into one line: 'CHINHPHU. VNThời Cơ quan: gian VĂN ký')."""
    at = stamp_at(folded_line, ids)
    if at is None:
        return None
    gaps = [m.end() for m in COLUMN_GAP.finditer(folded_line, 0, at)]
    return gaps[-1] if gaps else 0


def masked(doc: DocText) -> tuple[DocText, tuple[Zone, ...]]:
    """The document with its stamps' text blanked (same length, same offsets), and the stamps' zones."""
    lines = doc.lines
    folded = [fold(ln.text) for ln in lines]
    cut: dict[int, int] = {}
    for own, near_ids, near in KINDS:
        mine = {i: at for i, f in enumerate(folded) if (at := _stamp_from(f, own)) is not None}
        for i, f in enumerate(folded):
            if i not in mine and any(abs(i - j) <= near and lines[j].page == lines[i].page for j in mine) \
                    and not _holds_symbol(lines[i].text) and (at := _stamp_from(f, near_ids)) is not None:
                mine[i] = at
        for i, at in mine.items():
            cut[i] = min(at, cut.get(i, at))
    if not cut:
        return doc, ()
    text = list(doc.text)
    pieces: list[Line] = []
    for i in sorted(cut):
        ln = lines[i]
        start = ln.start + cut[i]
        pieces.append(Line(ln.text[cut[i]:], start, ln.end, ln.page))
        text[start:ln.end] = MASK * (ln.end - start)
    return DocText("".join(text), doc.page_starts, doc.page_words), _zones(pieces, lines)


def printed_signatures(zones: tuple[Zone, ...]) -> list[dict[str, object]]:
    """The e-signature stamps printed on the pages ('Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ /
    Email: … / Cơ quan: … / Thời gian ký: …'), one entry each as source.signatures lists them: a
    printed stamp is what a copy says of its signing, not a signature anyone checked. The value of
    each label is the text up to the next label; who signed is the first label's, the time the
    signed_at label's."""
    out: list[dict[str, object]] = []
    for zone in zones:
        text = " ".join(ln.text for ln in zone.lines)
        found = markers.labels(E_SIGNATURE, fold(text))
        if not found:
            continue  # an incoming-document stamp: the receiving office's, not a signature
        ends = [h.start for _, h in found[1:]] + [len(text)]
        values = [(m, text[h.end:end].strip(" .,;:")) for (m, h), end in zip(found, ends, strict=True)]

        out.append({"kind": "printed stamp", "page": zone.lines[0].page, "trust": "not verified: printed on the page",
                    "fields": {m.phrase.rstrip(":"): v for m, v in values},
                    "signer": {"cn": _first(values, "stamp"), "email": next((v for _, v in values if "@" in v), None),
                               "o": _first(values, "stamp_near")},
                    "signing_time": _first(values, "signed_at")})
    return out


def _first(values: list[tuple[markers.Marker, str]], marker_id: str) -> str | None:
    """The first non-empty value of a label of this id that is no e-mail address."""
    return next((v for m, v in values if m.id == marker_id and v and "@" not in v), None)


def _holds_symbol(text: str) -> bool:
    """A line with a ký hiệu ('Số: 01/2025/QĐ-TTg') is the dispatch's, whatever stamp stands next to it."""
    m = NUMBER_RE.search(text)
    return m is not None and any(c.isalpha() for c in m.group("sym"))


def _zones(pieces: list[Line], lines: list[Line]) -> tuple[Zone, ...]:
    """Stamp lines within two lines of each other on a page, one zone each run."""
    index = {ln.end: i for i, ln in enumerate(lines)}
    runs: list[list[Line]] = []
    for p in pieces:
        if runs and runs[-1][-1].page == p.page and index[p.end] - index[runs[-1][-1].end] <= 2:
            runs[-1].append(p)
        else:
            runs.append([p])
    return tuple(Zone("stamp", run[0].start, run[-1].end, tuple(run)) for run in runs)
