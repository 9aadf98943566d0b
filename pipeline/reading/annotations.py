"""The words that a PDF page shows through its annotations: signature widgets, form fields, free text.

An e-office system writes a dispatch's number and day into the page as the appearance of a
signature widget (`Số: /TB-UBND` in the page's content, `11` in the widget's `/AP /N` form
XObject), and a free-text annotation is text on the page too; pdfplumber reads neither. Each
visible annotation's normal appearance is placed where the PDF says it is drawn (its form's
BBox, through its Matrix, mapped onto the annotation's Rect: ISO 32000 12.5.5) and handed to
pdfminer's own interpreter as a page of its own, so the words come out as the page's words do,
in page coordinates, ready to be merged with them and put in reading order by the layout.

A signature widget's appearance is kept only when it is figures (the number, the day): the
other kind is the signer's stamp ('Ký bởi: … Cơ quan: … Thời gian ký: …', the signer's name,
e-mail and time), whose facts the signature itself holds and source.signatures reports from
the certificate; read as page text it would become the issuer, the subject or the signer.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..types import Word

if TYPE_CHECKING:
    from pdfplumber.page import Page as PlumberPage

log = logging.getLogger(__name__)
HIDDEN, NO_VIEW = 2, 32  # annotation flags (ISO 32000 12.5.3): never drawn on screen


@dataclass(frozen=True)
class Drawn:
    """What a page's annotations draw: their words, and whether an appearance draws a picture (a
    number or day stamped as an image, which only OCR can read: pipeline/stamped.py)."""

    words: list[Word] = field(default_factory=list)
    image: bool = False


def annotations_drawn(page: PlumberPage) -> Drawn:
    """The words of every visible annotation appearance on `page` (none when it has none), read in
    the same pass that notes its pictures. An annotation is decoration next to the page's own text:
    a damaged one is left out with a log line, never failing the page (pdfplumber's own `annots`
    resolves objects recursively and can overflow the stack on a looped structure, so the raw
    dictionaries are read here)."""
    try:
        return _drawn(page)
    except Exception as e:  # noqa: BLE001 - pdfminer raises many kinds on damaged objects
        log.info("annotations of page %d left out: %s", page.page_number, e)
        return Drawn()


def _drawn(page: PlumberPage) -> Drawn:
    words: list[Word] = []
    image = False
    annots = [_resolve(a) for a in _resolve(page.page_obj.annots) or []]
    for i, annot in enumerate(annots):
        try:
            placed = _placement(annot)
            if placed is None:
                continue
            shadow = _shadow(page, i, *placed)
            drawn = [Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"]) for w in shadow.extract_words()]
            image = image or bool(shadow.images)
        except Exception as e:  # noqa: BLE001 - a malformed annotation or stream draws nothing
            log.info("annotation %d on page %d left out: %s", i, page.page_number, e)
            continue
        if drawn and (not _is_signature(annot) or all(_figure(w.text) for w in drawn)):
            words += drawn
    return Drawn(words + _free_text_without_appearance(page, annots), image)


def _shadow(page: PlumberPage, i: int, form: Any, matrix: tuple[float, ...]) -> PlumberPage:
    """One appearance form drawn where the annotation stands: a page of its own with the page's
    boxes and rotation, whose content is that form placed by `matrix`, read by pdfplumber."""
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import PDFStream
    from pdfplumber.page import Page

    attrs = dict(page.page_obj.attrs)
    attrs["Resources"] = {"XObject": {"CongvanAnnot": form}}
    contents = PDFStream({}, "q {} cm /CongvanAnnot Do Q".format(" ".join(f"{v:.6f}" for v in matrix)).encode())
    contents.set_objid(-1 - i, 0)  # pdfminer runs only numbered streams; no real object is negative
    attrs["Contents"] = contents
    attrs.pop("Annots", None)
    return Page(page.pdf, PDFPage(page.page_obj.doc, page.page_obj.pageid, attrs, None), page.page_number)


def _is_signature(annot: dict[str, Any]) -> bool:
    """A signature field's widget (its /FT is /Sig, on the widget or the field it belongs to)."""
    node, depth = annot, 0
    while isinstance(node, dict) and depth < 8:
        ft = _resolve(node.get("FT"))
        if ft is not None:
            return getattr(ft, "name", ft) == "Sig"
        node, depth = _resolve(node.get("Parent")), depth + 1
    return False


def _figure(text: str) -> bool:
    """A number or a day as an e-office system writes it into a signature widget ('507', '24', '08/01')."""
    return text.strip("./-").replace("/", "").replace(".", "").isdigit()


def _resolve(obj: Any) -> Any:
    from pdfminer.pdftypes import resolve1

    return resolve1(obj)


def _placement(annot: Any) -> tuple[Any, tuple[float, ...]] | None:
    """The annotation's normal appearance stream and the matrix that maps its form space onto the
    page (BBox through Matrix onto Rect), or None when nothing is drawn."""
    from pdfminer.pdftypes import PDFStream

    if not isinstance(annot, dict) or int(_resolve(annot.get("F")) or 0) & (HIDDEN | NO_VIEW):
        return None
    normal = _resolve((_resolve(annot.get("AP")) or {}).get("N"))
    if isinstance(normal, dict):  # one appearance per state (a check box): the state shown
        state = _resolve(annot.get("AS"))
        normal = _resolve(normal.get(getattr(state, "name", state))) if state is not None else None
    if not isinstance(normal, PDFStream):
        return None
    rect = [float(_resolve(v)) for v in _resolve(annot.get("Rect"))]
    bbox = [float(_resolve(v)) for v in _resolve(normal.attrs.get("BBox"))]
    matrix = [float(_resolve(v)) for v in _resolve(normal.attrs.get("Matrix")) or (1, 0, 0, 1, 0, 0)]
    x0, y0, x1, y1 = _transformed_box(bbox, matrix)
    rx0, ry0, rx1, ry1 = min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]), max(rect[1], rect[3])
    if x1 <= x0 or y1 <= y0:
        return None
    sx, sy = (rx1 - rx0) / (x1 - x0), (ry1 - ry0) / (y1 - y0)
    return normal, (sx, 0.0, 0.0, sy, rx0 - sx * x0, ry0 - sy * y0)


def _transformed_box(bbox: list[float], m: list[float]) -> tuple[float, float, float, float]:
    a, b, c, d, e, f = m
    corners = [(x * a + y * c + e, x * b + y * d + f) for x in (bbox[0], bbox[2]) for y in (bbox[1], bbox[3])]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return min(xs), min(ys), max(xs), max(ys)


def _free_text_without_appearance(page: PlumberPage, annots: list[Any]) -> list[Word]:
    """A free-text annotation without an appearance stream is still text on the page: its
    /Contents, one word after another across the top of its Rect (where a viewer draws it)."""
    from pdfminer.utils import decode_text

    words: list[Word] = []
    top_of_page = float(page.page_obj.mediabox[3])
    for annot in annots:
        if not isinstance(annot, dict) or getattr(_resolve(annot.get("Subtype")), "name", None) != "FreeText" \
                or _resolve(annot.get("AP")) or int(_resolve(annot.get("F")) or 0) & (HIDDEN | NO_VIEW):
            continue
        contents = _resolve(annot.get("Contents"))
        tokens = (decode_text(contents) if isinstance(contents, bytes) else str(contents or "")).split()
        x0, y0, x1, y1 = (float(_resolve(v)) for v in _resolve(annot.get("Rect")))
        x0, x1, top = min(x0, x1), max(x0, x1), top_of_page - max(y0, y1)
        step = (x1 - x0) / max(len(tokens), 1)
        words += [Word(t, x0 + k * step, top, x0 + (k + 1) * step, top + min(12.0, abs(y1 - y0)))
                  for k, t in enumerate(tokens)]
    return words


def merged(page_words: list[Word], drawn: list[Word]) -> list[Word]:
    """The page's words with the annotations' words: a figure a widget draws over a word of the
    page (the month '5' over a draft's '4') hides it, as it does on screen."""
    if not drawn:
        return page_words
    kept = [w for w in page_words if not any(_covers(d, w) for d in drawn)]
    return kept + drawn


def _covers(top: Word, below: Word) -> bool:
    """`top` lies over half or more of `below` (or `below` over half of `top`)."""
    w = min(top.x1, below.x1) - max(top.x0, below.x0)
    h = min(top.bottom, below.bottom) - max(top.top, below.top)
    if w <= 0 or h <= 0:
        return False
    smaller = min((top.x1 - top.x0) * (top.bottom - top.top), (below.x1 - below.x0) * (below.bottom - below.top))
    return smaller > 0 and w * h >= 0.5 * smaller
