"""The dispatch tree from normalised text: the zones by the form's markers and line order.

The reader keeps the header's two blocks as lines (a text layer interleaves the columns, the
layout stage puts them one above the other) and the foot's Nơi nhận before the signature, so the
zones follow from where the markers stand.
"""
from __future__ import annotations

import re
from functools import cache

from .. import vocab
from ..base import DocText, Line
from ..text import fold
from . import items, markers
from .tree import Dispatch, Zone

HEADER_LINES = 30  # the header is within the first lines
NATIONAL_LINES = 20  # ... and the Quốc hiệu and motto within these
# A line that opens the body or the foot, after the header's blocks: a salutation, a formula that
# opens a dispatch's first sentence, a numbered item or an article.
_BODY_START = re.compile(
    r"^(?:kinh\s*g|thuc\s*hien|can\s*cu|theo\s|trien\s*khai|de\s|ngay\s+\d|nham\s|tra\s*loi|phuc\s*dap|"
    r"[ivx]+\s*[.-]\s|\d+\s*[.)]\s|[a-z]\)\s|dieu\s+\d|noi\s*nhan)"
)
# The 'Số:' line (read by the header component too); it opens no body ('Số: 12' read as an item '12.').
SO = re.compile(r"^(?:[^\w\s]{1,3}\s*|[a-z]\)\s*)?s[o0-9]?\s*(?:[:;.]\s*|\s+(?=[\dOo/-])|(?=[\d/-])|$)")


def build(doc: DocText) -> Dispatch:
    lines = doc.lines
    spans = [(ln.start, ln.end) for ln in lines]
    header_end = _header_end(doc, lines[:HEADER_LINES])
    header = _zone("header", doc, lines[:header_end])
    kg = markers.find("kinh_gui", doc.folded, spans)
    nn = markers.find("noi_nhan", doc.folded, spans, last=True)
    salutation = None
    if kg:
        end = nn.start if nn and nn.start > kg.end else len(doc.text)
        salutation = Zone("salutation", kg.end, end, tuple(ln for ln in lines if kg.end < ln.end <= end), kg)
    body_start = kg.end if kg else 0  # a Quyết định's items may stand among lines the header took
    body_end = nn.start if nn and nn.start >= body_start else len(doc.text)
    body = Zone("body", body_start, body_end, tuple(ln for ln in lines if ln.end > body_start and ln.start < body_end))
    attachments = _attachments(doc, [ln for ln in lines if ln.start > nn.end] if nn else [])
    foot_end = attachments[0].start if attachments else len(doc.text)
    copies = None
    if nn:
        copies = Zone("foot.copies", nn.end, foot_end, tuple(ln for ln in lines if nn.end < ln.end <= foot_end), nn)
    return Dispatch(doc, header, _national_end(doc, lines[:NATIONAL_LINES]), salutation, body, copies,
                    foot_end, attachments, items.build(doc, body.start, body.end),
                    tuple(items.build(doc, z.start, z.end) for z in attachments))


def _attachments(doc: DocText, after_foot: list[Line]) -> tuple[Zone, ...]:
    """What follows the foot under a type heading of its own ('QUY ĐỊNH', 'PHỤ LỤC', 'KẾ HOẠCH'):
    a text issued with the dispatch, each running to the next such heading."""
    heads = [i for i, ln in enumerate(after_foot) if (t := type_heading(ln.text)) and t != "Văn bản"]
    out = []
    for k, i in enumerate(heads):
        j = heads[k + 1] if k + 1 < len(heads) else len(after_foot)
        out.append(_zone("attachment", doc, after_foot[i:j]))
    return tuple(out)


def _zone(name: str, doc: DocText, lines: list[Line]) -> Zone:
    if not lines:
        return Zone(name, 0, 0, ())
    return Zone(name, lines[0].start, lines[-1].end, tuple(lines))


def _header_end(doc: DocText, lines: list[Line]) -> int:
    """Index of the first line that opens the body (capitalised: a lower-case 'theo …' goes on with
    the trích yếu)."""
    for i, ln in enumerate(lines):
        f = doc.folded[ln.start:ln.end]
        if _BODY_START.match(f) and not SO.match(f) and not ln.text[:1].islower():
            return i
    return len(lines)


def vv_end(folded_line: str) -> int | None:
    """Where the trích yếu starts after a line's 'V/v' / 'Về việc' (and its ':'), or None."""
    hit = markers.at_start("vv", folded_line)
    if hit is None:
        return None
    end = hit.end
    while end < len(folded_line) and folded_line[end] in " \t:":
        end += 1
    return end


def national(folded_line: str) -> markers.Hit | None:
    """The Quốc hiệu, the Party heading or the motto in a header line."""
    hits = [h for m in ("quoc_hieu", "party_heading", "motto") if (h := markers.in_line(m, folded_line))]
    return min(hits, key=lambda h: h.start) if hits else None


def mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def is_type_heading(text: str) -> bool:
    return type_heading(text) is not None


def type_heading(text: str) -> str | None:
    """'KẾ HOẠCH', 'PHỤ LỤC 03', 'THÔNG BÁO KẾT LUẬN' -> the type name; upper case only."""
    t = text.strip()
    if not mostly_upper(t):
        return None
    f = fold(t).rstrip(" :")
    for name, pattern in _heading_patterns():
        if pattern.fullmatch(f):
            return name if name not in ("Thông báo kết luận", "Kế hoạch hành động", "Chương trình công tác") \
                else name.split()[0] + " " + name.split()[1]
    return None


@cache
def _heading_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    # OCR may glue a heading's words ('QUYẾTĐỊNH'): the blanks between them are optional
    return tuple((d.name, re.compile(r"\s*".join(map(re.escape, fold(d.name).split())) + r"\s*(?:so\s*)?[\dIVX]{0,4}"))
                 for d in vocab.doc_types())


def _national_end(doc: DocText, lines: list[Line]) -> int:
    for i, ln in enumerate(lines):
        f = doc.folded[ln.start:ln.end]
        if markers.in_line("motto", f) or markers.in_line("party_heading", f):
            return i + 1
    return 0
