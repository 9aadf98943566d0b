"""The signature block of a scanned dispatch read again from its own crop, where the page's OCR lost it.

On a scan the seal and the handwritten signature sit over the block: Tesseract, reading the whole
page, takes the block for a picture or reads the seal's ring into its lines, and the title or the
name is lost. Some issuers also stamp the title and the name in red ink, which the page's seal
dropout (pipeline/reading/preprocess.py) clears with the seal. This stage crops the foot's right
block (the tree's `foot.signature`, by its word boxes) from the page, reads it again as one block of
text (Tesseract, --psm 6) in two versions where the scan has colour: with the seal's red dropped
(black print under the seal) and with only the signature's blue strokes dropped (red stamped title
and name); and hands the lines to the signature component's reader (extractors.signature). A version
is taken only when it reads more of the block than the page did and all that the page read, alike
(the same name, the page's title inside its title, a known title); provenance names the rule, the version and the
reader. Nothing is guessed: a crop read as debris leaves the record as it was.
"""
from __future__ import annotations

import logging
import statistics
import time
from functools import cache
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from extractors import vocab
from extractors.base import DocText
from extractors.signature import is_joint, is_title_line, prefix_lost, signature_of_lines, title_as_read
from extractors.signer_name import complete, names_in, read_name, read_name_tail
from extractors.structure.tree import Dispatch, Zone
from extractors.text import fold, normalize_text, unglue

from .tools.rapidocr import RapidOcrReader
from .types import ReadResult

if TYPE_CHECKING:
    from PIL.Image import Image

log = logging.getLogger(__name__)
RULE = "signature.reread"
FIELDS = ("authority", "title", "name")
BLOCK_HEIGHT = 0.2  # of the page: a signature block (prefix, title, seal, name) is about 6 cm of A4
LINES_ABOVE = 1.0  # line heights kept above the block's first line
BLUE = 25  # how far blue stands over red and green in a signature's ink
PSMS = (4, 11)  # one column of lines; sparse text (the seal's ring apart from the lines)
SAME_NAME = 85  # rapidfuzz similarity of two readings of one name


def fill_signature(read: ReadResult, tree: Dispatch, record: dict[str, Any], engine: Any = None,
                   reader: Any = None) -> dict[str, Any]:
    """The record with its signer completed from the signature block read again, when the page's
    reading of the block lacks a field."""
    zone = tree.signature
    signer = record.get("signer") or {}
    if zone is None or not zone.boxes or all(signer.get(f) for f in FIELDS):
        return record
    page_no = zone.boxes[0][0]
    page = read.pages[page_no - 1] if page_no <= len(read.pages) else None
    if page is None or page.method != "ocr":
        return record
    t0 = time.perf_counter()
    try:
        versions = _versions(read, page_no, page.rotation)
    except Exception as e:  # a page that cannot be rendered again keeps the page's reading
        log.warning("signature block of %s: page %d not rendered again (%s)", read.path, page_no, e)
        return record
    if versions is None:
        return record
    from .tools.tesseract import TesseractEngine

    engine = engine or TesseractEngine()
    box = _crop_box(zone.boxes, versions[0][1])
    best: tuple[str, dict[str, Any], list[Any]] | None = None
    readings = [(name, image.crop(box), psm) for name, image in versions for psm in PSMS]
    for name, crop, psm in readings:
        cands = _read(engine, crop, psm)
        got = {c.field.split(".")[1]: c.value for c in cands if c.field.startswith("signer.")}
        if got.get("title") not in _known_titles():
            got.pop("title", None)  # a title read from a crop is taken only as a known one
        if _agrees(signer, got) and _count(got) > max(_count(signer), _count(best[1]) if best else 0):
            best = (f"{name}, --psm {psm}", got, cands)
        if best and _count(best[1]) == len(FIELDS):
            break  # the whole block read: the other readings would add nothing
    if best is not None:
        _take(record, signer, best[0], best[1], {c.field: c.rule for c in best[2]}, page_no, box)
    signer = record.get("signer") or {}
    if signer.get("title") and not signer.get("name") and not is_joint(list(zone.lines)):
        _name_under(record, engine, versions, zone, page_no, _names_elsewhere(read, tree))
    signer = record.get("signer") or {}
    joint = is_joint(list(zone.lines))
    if signer.get("name") and not (signer.get("title") and signer.get("authority")) and not joint:
        _second_reader(record, reader or RapidOcrReader(), versions[0][1], zone, page_no)
    elif not signer.get("name") and not signer.get("title") and not joint and (
            tails := [t for ln in zone.lines if (t := read_name_tail(ln.text))]):
        # the page read only the end of a name in the block ('Trúc Giang'): the block is under the seal
        _second_reader(record, reader or RapidOcrReader(), versions[0][1], zone, page_no,
                       (_names_elsewhere(read, tree), tails))
    log.debug("signature block read again: %.2f s", time.perf_counter() - t0)
    return record


def _name_under(record: dict[str, Any], engine: Any, versions: list[tuple[str, Image]], zone: Zone,
                page_no: int, elsewhere: list[str]) -> None:
    """The name under a block whose title the page read: the seal and the signature stand between them
    and Tesseract, reading the block whole, may lose the name or the title lines in them. The part of the
    page under the block's title lines, down a signature block's height, holds nothing but the seal, the
    signature and the name, so a name read there is the signer's. A name read there without its first
    letters ('n Trúc Giang') is the one name read elsewhere in the document that it ends, else none: the
    tail is kept in provenance (an archive may know whom it ends: pipeline/storage/signers.py)."""
    box = _under_box(zone, versions[0][1])
    if box is None:
        return
    tails: list[tuple[str, tuple[str, ...]]] = []
    for version, image in versions:
        crop = image.crop(box)
        for psm in PSMS:
            lines = unglue(normalize_text("\n".join(engine.lines(crop, psm)))).splitlines()
            lines = [ln for ln in lines if not is_title_line(ln)]
            found = [n for ln in lines if (n := read_name(ln, mend=True))]
            how = {"page": page_no, "rule": RULE, "reader": "tesseract",
                   "version": f"{version}, --psm {psm}, under the title lines", "crop": list(box)}
            if found:
                record["signer"] = {**record["signer"], "name": found[-1]}  # the lowest: debris stands above
                record.setdefault("provenance", {})["signer.name"] = {**how, "block_rule": "signature.name-under-block"}
                return
            tails += [t for ln in lines if (t := read_name_tail(ln)) and t not in tails]
            named = {n for t in tails if (n := complete(t, elsewhere))}
            if len(named) == 1:
                record["signer"] = {**record["signer"], "name": named.pop()}
                record.setdefault("provenance", {})["signer.name"] = {**how, "block_rule": "signature.name-in-document"}
                return
    if tails:
        lost, words = tails[0]
        record.setdefault("provenance", {})["signer.name"] = {
            "page": page_no, "rule": RULE, "abstained": "the name under the seal lost its first letters and ends no "
            "name read elsewhere in the document", "check": "name-tail", "candidate": f"{lost}… {' '.join(words)}",
            "tail": {"lost": lost, "words": list(words)}, "crop": list(box)}


def _second_reader(record: dict[str, Any], reader: Any, image: Image, zone: Zone, page_no: int,
                   confirm: tuple[list[str], list[tuple[str, tuple[str, ...]]]] | None = None) -> None:
    """The block's title lines read by a second reader (rapidocr, which finds the lines itself) where
    Tesseract lost them: a title printed over the seal's ring ('PHÓ GIÁM ĐỐC' under 'KT. GIÁM ĐỐC').
    The crop is the block's, from a block's height above the name when the page read no title. Its
    lines are set again as the known title they are nearest to (the reader drops spaces: 'PHOGLAMDOC')
    and read as a block; a title and prefix are taken only when the crop also read the page's name and
    all the page read of the block, alike, and the title is a known one. Where the page read neither
    the name nor the title, only the end of a name (`confirm`: the names read elsewhere in the document,
    the ends of names the page read in the block, 'Trúc Giang'), the crop's name is taken with them
    only when it ends as the page read it or is one of those names; else nothing is."""
    signer = record.get("signer") or {}
    box = _block_box(zone, image)
    read = [ln.text for ln in reader.lines(image.crop(box))]
    lines = [title_as_read(t) or t for t in read]
    cands = [c for c in signature_of_lines(DocText("\n".join(lines)).lines) if c.field.startswith("signer.")]
    got = {c.field.split(".")[1]: c.value for c in cands}
    rules = {c.field: c.rule for c in cands}
    if not got.get("name") or got.get("title") not in _known_titles() or not _agrees(signer, got):
        return
    head = next((t for t in lines if is_title_line(t)), "")
    if not got.get("authority") and prefix_lost(head):
        return  # the prefix's line read as the title: the signer's title is under it, lost
    fields: tuple[str, ...] = ("title", "authority")
    check = None
    if confirm is not None:
        check = _confirmed(got["name"], *confirm)
        if check is None:
            return  # a name the document does not bear out may be another block's (a body's contact)
        fields = FIELDS
    taken = {f: got[f] for f in fields if got.get(f) and got[f] != signer.get(f)}
    prov = record.setdefault("provenance", {})
    for f in taken:
        prov[f"signer.{f}"] = {"page": page_no, "rule": RULE, "block_rule": rules.get(f"signer.{f}"), "reader": "rapidocr",
                               "version": "seal dropped", "read": read, "crop": list(box),
                               **({"check": check} if f == "name" and check else {})}
    record["signer"] = {f: taken.get(f, signer.get(f)) for f in ("name", "title", "authority")}


def _confirmed(name: str, elsewhere: list[str], tails: list[tuple[str, tuple[str, ...]]]) -> str | None:
    """How the document bears out a name read from the block's crop: read elsewhere in it (a 'Người
    ký' stamp, the body, a digital signature), or the page read its end in the block ('Trúc Giang'
    under the seal for 'Nguyễn Trúc Giang'); None when it does not."""
    if any(fuzz.ratio(fold(name), fold(n)) >= SAME_NAME for n in elsewhere):
        return "name-in-document"
    if any(complete(t, [name]) == name for t in tails):
        return "name-tail-on-page"
    return None


def _block_box(zone: Zone, image: Image) -> tuple[int, int, int, int]:
    """The block's crop; when the page read no title line in it (only the name), from a block's
    height above the name: the title lines the seal covered stand there."""
    if any(is_title_line(ln.text) for ln in zone.lines):
        return _crop_box(zone.boxes, image)
    h = statistics.median(b[4] - b[2] for b in zone.boxes)
    x0 = max(0.0, min(b[1] for b in zone.boxes) - 2 * h)
    top = max(0.0, min(b[2] for b in zone.boxes) - BLOCK_HEIGHT * image.height)
    return round(x0), round(top), image.width, round(min(float(image.height), max(b[4] for b in zone.boxes) + h))


def _names_elsewhere(read: ReadResult, tree: Dispatch) -> list[str]:
    """The personal names the document writes outside its signature block (a 'Người ký' or e-office
    stamp, 'đồng chí …' in the body) and its digital signatures' signers."""
    zone = tree.signature
    text = tree.text if zone is None else tree.text[:zone.start] + tree.text[zone.end:]
    stamps = "\n".join(ln.text for z in tree.stamps for ln in z.lines)  # blanked in the tree's text
    cns = [str((s.get("signer") or {}).get("cn") or "") for s in read.signatures]
    return names_in(f"{text}\n{stamps}") + [n for cn in cns if (n := read_name(cn, mend=False))]


def _under_box(zone: Zone, image: Image) -> tuple[int, int, int, int] | None:
    """From under the block's last title line, a title's width further left, to the page's right edge;
    down a signature block's height from the block's first line."""
    titled = [b for b, ln in zip(zone.boxes, zone.lines, strict=False) if is_title_line(ln.text)]
    if not titled:
        return None
    h = statistics.median(b[4] - b[2] for b in zone.boxes)
    top = max(b[4] for b in titled) + 0.25 * h
    bottom = min(float(image.height), min(b[2] for b in zone.boxes) + BLOCK_HEIGHT * image.height)
    x0 = max(0.0, min(b[1] for b in titled) - 2 * h)
    return (round(x0), round(top), image.width, round(bottom)) if bottom - top > 2 * h else None


def _versions(read: ReadResult, page_no: int, rotation: int) -> list[tuple[str, Image]] | None:
    """The page as OCR saw it (seal dropped where it has colour) and, on a colour page, with only the
    signature's blue strokes dropped; both prepared as the page was, so the word boxes fall on them."""
    from .reading.preprocess import prepare

    raw = _page_image(read, page_no)
    if raw is None:
        return None
    out = [("seal dropped", prepare(raw))]
    if raw.mode in ("RGB", "RGBA", "P", "CMYK"):
        out.append(("red kept", prepare(_without_blue(raw))))
    return [(n, im.rotate(-rotation, expand=True) if rotation else im) for n, im in out]


def _page_image(read: ReadResult, page_no: int) -> Image | None:
    if read.media_type == "application/pdf":
        from .tools.rasterize import render_page

        return render_page(read.path, page_no)
    if read.media_type.startswith("image/"):
        from PIL import Image as PILImage

        with PILImage.open(read.path) as im:
            im.seek(page_no - 1)
            im.load()
            return im.copy()
    return None


def _without_blue(image: Image) -> Image:
    """Grayscale with the signature's blue strokes white and the red ink dark (a red stamped title)."""
    import numpy as np
    from PIL import Image as PILImage

    a = np.asarray(image.convert("RGB")).astype(np.int16)
    r, g, b = a[..., 0], a[..., 1], a[..., 2]
    gray = np.minimum(np.minimum(r, g), b)  # red ink as dark as black
    gray[(b - np.maximum(r, g)) > BLUE] = 255
    return PILImage.fromarray(gray.astype(np.uint8))


def _crop_box(boxes: tuple[tuple[int, float, float, float, float], ...], image: Image) -> tuple[int, int, int, int]:
    """The foot's right block from a line above its first line, across to the page's right edge, down
    a signature block's height or past its last line read, whichever is lower."""
    h = statistics.median(b[4] - b[2] for b in boxes)
    x0 = max(0.0, min(b[1] for b in boxes) - h)
    top = max(0.0, min(b[2] for b in boxes) - LINES_ABOVE * h)
    bottom = min(float(image.height), max(top + BLOCK_HEIGHT * image.height, max(b[4] for b in boxes) + h))
    return round(x0), round(top), image.width, round(bottom)


def _read(engine: Any, crop: Image, psm: int) -> list[Any]:
    text = unglue(normalize_text("\n".join(engine.lines(crop, psm))))
    return signature_of_lines(DocText(text).lines)


@cache
def _known_titles() -> frozenset[str]:
    return frozenset(vocab.person_heads())


def _count(signer: dict[str, Any]) -> int:
    return sum(bool(signer.get(f)) for f in FIELDS)


def _agrees(page: dict[str, Any], got: dict[str, Any]) -> bool:
    """The crop read the page's block again, whole: every field the page read, and the same (the
    same name, the page's title inside the crop's: 'Giám đốc' in 'Phó Giám đốc', the same authority);
    a crop that misses one read another block (a second signer's) or less of this one."""
    if any(page.get(f) and not got.get(f) for f in FIELDS):
        return False
    if page.get("name") and fuzz.ratio(fold(page["name"]), fold(got["name"])) < SAME_NAME:
        return False
    if page.get("title") and fold(page["title"]) not in fold(got["title"]):
        return False
    return not (page.get("authority") and page["authority"] != got["authority"])


def _take(record: dict[str, Any], page: dict[str, Any], version: str, got: dict[str, Any],
          rules: dict[str, str], page_no: int, box: tuple[int, int, int, int]) -> None:
    signer = {f: page.get(f) for f in FIELDS}
    prov = record.setdefault("provenance", {})
    if signer["name"] and len(got["name"].split()) <= len(signer["name"].split()):
        got = {**got, "name": signer["name"]}  # one name read alike twice: the page's stays ('Giang', not 'Glang')
    for f in FIELDS:
        if got.get(f) and got[f] != signer[f]:
            signer[f] = got[f]
            prov[f"signer.{f}"] = {"page": page_no, "rule": RULE, "block_rule": rules.get(f"signer.{f}"),
                                   "reader": "tesseract", "version": version, "crop": list(box)}
    record["signer"] = {"name": signer["name"], "title": signer["title"], "authority": signer["authority"]}
