"""File -> pages of normalised text: text layers when usable, OCR when not.

One predicate decides per page whether a PDF text layer is usable: enough text, mostly
valid Vietnamese syllables, and diacritics present (an old OCR layer such as
'SO GIAO DVC vA DA° TAO' has none). `ocr` overrides it: auto | force | off.
"""
from __future__ import annotations

import dataclasses
import errno
import hashlib
import io
import os
import re
import stat
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from extractors.text import is_syllable_like, normalize_text, unglue

from ..errors import InputError, LimitError
from ..tools import antiword
from ..tools.tesseract import MAX_SIDE, OcrPage, TesseractEngine, one_at_a_time
from ..types import Limits, Page, ReadMethod, ReadResult, Word
from . import read_cache, ruled
from .annotations import annotations_drawn, merged
from .diacritics import DiacriticRestorer, default_restorer
from .docx import DocxLayout, place_tables, read_docx
from .layout import grid_to_words, laid_out, words_to_grid, words_to_text
from .legacy import Converted, convert, decode_bytes, to_unicode
from .signatures import verify_pdf

if TYPE_CHECKING:
    from PIL.Image import Image

    from extractors.structure.tables import Grid

OcrMode = Literal["auto", "force", "off"]
# Pillow warns on stderr about damaged metadata (corrupt EXIF) of images it then reads or refuses:
# the file's own error says what matters, once.
warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.")


MIN_SIDE = 16  # pixels: a narrower image holds no line of text (and breaks deskewing)
TURN_MIN_WORDS = 40  # fewer words than this: a blank back or a seal, which no turn will mend
TURN_BELOW_CONFIDENCE = 0.6  # upright pages of the development scans read at 0.88-0.95
TURN_SLACK = 0.1  # a page whose words stood on end is turned even if it then reads a little less confidently


class OcrEngine(Protocol):
    def ocr(self, image): ...  # type: ignore[no-untyped-def]  # noqa: ANN201
    def orientation(self, image) -> int: ...  # type: ignore[no-untyped-def]  # noqa: ANN001


def read_file(path: str | Path, ocr: OcrMode = "auto", engine: OcrEngine | None = None,
              limits: Limits | None = None, restorer: DiacriticRestorer | None | Literal[False] = None,
              trust_roots: tuple[bytes, ...] = ()) -> ReadResult:
    """Read every page; lost or garbled diacritics are restored unless `restorer` is False; a PDF's
    signatures are checked, their trust against `trust_roots` (DER certificates, `--trust-root`)."""
    path = Path(path)
    limits = limits or Limits()
    data = _bytes(path, limits)
    folder = read_cache.active()
    if folder is not None and engine is None and restorer is None:
        return read_cache.cached(folder, path, data, ocr, limits, trust_roots,
                                 lambda: _read(path, data, ocr, None, limits, None, trust_roots))
    return _read(path, data, ocr, engine, limits, restorer, trust_roots)


def _read(path: Path, data: bytes, ocr: OcrMode, engine: OcrEngine | None, limits: Limits,
          restorer: DiacriticRestorer | None | Literal[False], trust_roots: tuple[bytes, ...]) -> ReadResult:
    media = sniff(path, data)
    engine = engine or TesseractEngine(timeout=limits.ocr_seconds)
    layout: DocxLayout | None = None
    if media == "application/pdf":
        pages = _read_pdf(path, data, ocr, engine, limits)
    elif media.startswith("image/"):
        pages = _read_image(path, engine, limits)
    elif media.endswith("wordprocessingml.document"):
        raw, layout = read_docx(path)
        pages = [_text_page(to_unicode(raw), "word")]
    elif media == "application/msword":
        pages = [_text_page(to_unicode(antiword.doc_to_text(path)), "word")]
    else:
        pages = _plain_pages(decode_text(data))
    for page in pages:  # a PDF text layer or a Word file may hold NULs, which PostgreSQL refuses
        if "\x00" in page.text:
            page.text = page.text.replace("\x00", "")
            page.words = [dataclasses.replace(w, text=w.text.replace("\x00", "")) for w in page.words]
    if not any(p.text.strip() for p in pages):
        raise InputError(path, "no text could be read from it")
    size = sum(len(p.text.encode("utf-8", "surrogatepass")) + 1 for p in pages)
    if size > limits.max_text_bytes:
        raise LimitError(path, f"{size} bytes of text is over the {limits.max_text_bytes}-byte text limit "
                         "(--max-text-bytes)")
    if restorer is not False:
        for page in pages:
            _restore(page, restorer or default_restorer())
    if layout:  # over the final text: a cell's text is its stretch of the page
        pages[0].tables = place_tables(pages[0].text, layout)
    signatures = verify_pdf(path, data, trust_roots) if media == "application/pdf" else []
    return ReadResult(str(path), hashlib.sha256(data).hexdigest(), media, pages, signatures)


def open_regular(path: Path) -> int:
    """A descriptor of `path`, refused unless it is a regular file: a FIFO or a device (a link to
    /dev/zero) would block or never end. Opened without blocking, then checked, so a FIFO put in
    the file's place meanwhile is refused too."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as e:
        raise InputError(path, unreadable(path, e)) from e
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise InputError(path, f"not a regular file ({kind_of(mode)})")
    os.set_blocking(fd, True)
    return fd


def kind_of(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))
    return next((name for test, name in kinds if test(mode)), "a special file")


def unreadable(path: Path, e: OSError) -> str:
    """Why a path cannot be opened, in the words a user would look for."""
    if e.errno == errno.ELOOP:
        return "a symbolic link loop"
    if e.errno == errno.ENOENT and path.is_symlink():
        return f"a dangling symbolic link (to {os.readlink(path)})"
    return f"cannot be opened: {e.strerror or e}"


def _bytes(path: Path, limits: Limits) -> bytes:
    with os.fdopen(open_regular(path), "rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size == 0:
            raise InputError(path, "empty file (0 bytes)")
        if size > limits.max_bytes:
            raise LimitError(path, f"{size} bytes is over the {limits.max_bytes}-byte limit")
        head = f.read(8)
        if size > limits.max_text_bytes and _text_like(path, head):  # refused before it is read whole
            raise LimitError(path, f"{size}-byte text file is over the {limits.max_text_bytes}-byte text limit "
                             "(--max-text-bytes)")
        return head + f.read()


def _text_like(path: Path, head: bytes) -> bool:
    try:
        return sniff(path, head) == "text/plain"
    except InputError:
        return False


PDF_HEADER_WITHIN = 1024  # readers (Acrobat, poppler, pdfminer) find '%PDF-' anywhere in a file's first KB


def is_pdf(path: Path, data: bytes) -> bool:
    """'%PDF' opens the file, or, in a file named .pdf, follows a few bytes of something else (a
    download or upload step's prefix) within its first kilobyte, as PDF readers accept."""
    return data.startswith(b"%PDF") or path.suffix.lower() == ".pdf" and b"%PDF-" in data[:PDF_HEADER_WITHIN]


def pdf_from_header(path: Path, data: bytes) -> Path | io.BytesIO:
    """The PDF as its readers see it: from its '%PDF-' on. The offsets of its cross-reference table count from
    there, so a file with bytes before the header (is_pdf) is read from a copy without them: pdfminer, reading the
    file as it is, misses what an incremental update added (an e-office system's stamped number and day)."""
    at = data.find(b"%PDF-", 0, PDF_HEADER_WITHIN)
    return io.BytesIO(data[at:]) if at > 0 else path


def sniff(path: Path, data: bytes) -> str:
    head = data[:8]
    if is_pdf(path, data):
        return "application/pdf"
    if head.startswith(b"\x89PNG"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    if head.startswith(b"PK\x03\x04"):
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "application/msword"
    suffix = path.suffix.lower()
    if suffix in (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".docx", ".doc"):
        raise InputError(path, f"has a {suffix} extension but is not a {suffix[1:].upper()} file")
    nul = -1 if data.startswith((b"\xff\xfe", b"\xfe\xff")) else data.find(b"\x00")  # the whole file: memchr
    if nul >= 0:
        raise InputError(path, f"binary file that is not a known document format (a NUL byte at offset {nul})")
    return "text/plain"


def decode_text(data: bytes) -> Converted:
    """UTF-8 or UTF-16 by their marks, else UTF-8 when it decodes, else the 8-bit encoding
    (Windows-1258, TCVN3, VNI) that reads most as Vietnamese; TCVN3 or VNI text saved as UTF-8
    without conversion is converted too."""
    if data.startswith(b"\xef\xbb\xbf"):
        return to_unicode(data[3:].decode("utf-8", errors="replace"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return to_unicode(data.decode("utf-16", errors="replace"))
    try:
        return to_unicode(data.decode("utf-8"))
    except UnicodeDecodeError:
        return decode_bytes(data)


def _text_page(text: Converted, method: ReadMethod) -> Page:
    return Page(1, normalize_text(text.text), method, encoding=text.encoding)


def _plain_pages(text: Converted) -> list[Page]:
    """A plain text as one page; laid out as its pages (form feeds part them), each page as its words at
    their columns, read in the order the two blocks are printed (a PDF text layer's reading)."""
    if not laid_out(text.text):
        return [_text_page(text, "plain-text")]
    pages: list[Page] = []
    for i, part in enumerate(text.text.split("\f"), start=1):
        if part.strip() or i == 1:
            words, width = grid_to_words(part)
            pages.append(Page(len(pages) + 1, normalize_text(words_to_text(words, width)), "plain-text", width, words,
                              encoding=text.encoding))
    return pages


def usable_text_layer(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text)
    if len(words) < 15:
        return False
    valid = sum(is_syllable_like(w) for w in words) / len(words)
    accented = sum(any(ord(c) > 127 for c in w) for w in words) / len(words)
    return valid >= 0.75 and accented >= 0.2


def page_grid(page: Page) -> str:
    """The page's words where they stand on it, normalised and corrected as its text was
    (`congvan read --layout`); a page without word positions (plain text, Word) as its text."""
    if not page.words:
        return page.text
    text = normalize_text(words_to_grid(page.words))
    return default_restorer().restore(text, ocr=page.method == "ocr").text if page.restored else text


def _restore(page: Page, restorer: DiacriticRestorer) -> None:
    result = restorer.restore(page.text, ocr=page.method == "ocr")
    if result.changes:
        page.text, page.restored = result.text, True


def _read_pdf(path: Path, data: bytes, ocr: OcrMode, engine: OcrEngine, limits: Limits) -> list[Page]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    pages: list[Page] = []
    try:
        with pdfplumber.open(pdf_from_header(path, data)) as pdf:
            if len(pdf.pages) > limits.max_pages:
                raise LimitError(path, f"{len(pdf.pages)} pages is over the {limits.max_pages}-page limit")
            open_table: list[Grid | None] = [None]
            for i, pg in enumerate(pdf.pages, start=1):
                t0 = time.perf_counter()
                words = [Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"]) for w in pg.extract_words()]
                drawn = annotations_drawn(pg)
                words = merged(words, drawn.words)  # a signature widget's number and day, free-text notes
                layer = to_unicode(words_to_text(words, float(pg.width)))
                text = normalize_text(layer.text)
                if ocr == "off" or (ocr == "auto" and usable_text_layer(text)):
                    open_table[0] = None
                    pages.append(Page(i, text, "text-layer", float(pg.width), _converted(words, layer.encoding), None,
                                      False, time.perf_counter() - t0, encoding=layer.encoding,
                                      shows_image=drawn.image or bool(pg.images)))
                else:
                    if float(pg.width) * float(pg.height) * (300 / 72) ** 2 > limits.max_pixels:
                        raise LimitError(path, f"page {i} ({pg.width:.0f}x{pg.height:.0f} pt) would rasterise "
                                         f"over the {limits.max_pixels}-pixel limit")
                    pages.append(_ocr_page(i, _render(path, i), engine, path, limits, open_table))
    except PDFSyntaxError as e:
        raise InputError(path, f"PDF cannot be opened ({type(e).__name__})") from e
    except Exception as e:  # pdfminer raises many kinds on damaged files, pdfplumber wraps them
        if isinstance(e, InputError | LimitError) or e.__class__.__module__.startswith("pipeline"):
            raise
        if isinstance(e, PDFPasswordIncorrect) or any(isinstance(a, PDFPasswordIncorrect) for a in e.args):
            raise InputError(path, "encrypted PDF: it needs a password to be read") from e
        raise InputError(path, f"damaged PDF ({type(e).__name__}: {str(e)[:80]})") from e
    return pages


def _converted(words: list[Word], encoding: str | None) -> list[Word]:
    """The words of a text layer typed in a TCVN3 or VNI font, converted as its text was (the boxes stay)."""
    return [dataclasses.replace(w, text=convert(w.text, encoding)) for w in words] if encoding else words


def ocr_pdf_page(path: Path, number: int, engine: OcrEngine | None = None) -> Page:
    """One PDF page through the OCR path, whatever its text layer holds."""
    page = _ocr_page(number, _render(path, number), engine or TesseractEngine(), path, Limits())
    _restore(page, default_restorer())
    return page


def _render(path: Path, page: int):  # type: ignore[no-untyped-def]  # noqa: ANN202
    from ..tools.rasterize import render_page

    return render_page(path, page)


def _read_image(path: Path, engine: OcrEngine, limits: Limits) -> list[Page]:
    open_table: list[Grid | None] = [None]
    return [_ocr_page(i, frame, engine, path, limits, open_table)
            for i, frame in enumerate(_frames(path, limits), start=1)]


def _frames(path: Path, limits: Limits) -> Iterator[Image]:
    """Each frame decoded only when its turn comes (a long TIFF is never whole in memory) and
    handed on without a copy; only decoding errors are the image's fault."""
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError

    PILImage.MAX_IMAGE_PIXELS = limits.max_pixels
    try:
        with PILImage.open(path) as im:  # reads the header only: a bomb is refused before it is decoded
            frame_count = int(getattr(im, "n_frames", 1))
            if frame_count > limits.max_pages:
                raise LimitError(path, f"{frame_count} frames is over the {limits.max_pages}-page limit")
            for i in range(frame_count):
                im.seek(i)
                if im.width * im.height > limits.max_pixels:
                    raise LimitError(path, f"{im.width}x{im.height} image is over the {limits.max_pixels}-pixel limit")
                im.load()
                yield im
    except PILImage.DecompressionBombError as e:
        raise LimitError(path, f"image over the {limits.max_pixels}-pixel limit") from e
    except (UnidentifiedImageError, OSError, SyntaxError) as e:
        raise InputError(path, f"image cannot be decoded ({str(e)[:100]})") from e


def _ocr_page(number: int, image, engine: OcrEngine, path: Path, limits: Limits,  # type: ignore[no-untyped-def]
              open_table: list[Grid | None] | None = None) -> Page:
    """One page through preparation and OCR; the limits are checked on what Tesseract is given. A
    ruled task table's columns are read again (`ruled.reread`); `open_table` holds the grid of the
    previous page's task table that this page may continue, and is updated."""
    from extractors.tables import task_columns

    from .preprocess import prepare

    if min(image.width, image.height) < MIN_SIDE:
        raise InputError(path, f"page {number} is {image.width}x{image.height} pixels: under {MIN_SIDE} pixels "
                         "across, it cannot hold a line of text")
    prepared = prepare(image, limits.max_pixels, MAX_SIDE)
    if max(prepared.width, prepared.height) > MAX_SIDE:
        raise LimitError(path, f"page {number} is {prepared.width}x{prepared.height} pixels: Tesseract reads "
                         f"no side over {MAX_SIDE} pixels")
    if prepared.width * prepared.height > limits.max_pixels:
        raise LimitError(path, f"page {number} is {prepared.width}x{prepared.height} pixels once prepared: "
                         f"over the {limits.max_pixels}-pixel limit")
    with one_at_a_time():
        t0 = time.perf_counter()
        prepared, result, turn = _upright(prepared, engine.ocr(prepared), engine)
        carried = open_table[0] if open_table else None
        words, grids, still_open = ruled.reread(prepared, result.words, engine, carried, task_columns)
        if open_table:
            open_table[0] = still_open
        seconds = time.perf_counter() - t0
    text = words_to_text(words, float(prepared.width)) if words else result.text
    return Page(number, unglue(normalize_text(text)), "ocr", float(prepared.width), words, result.confidence,
                False, seconds, rotation=turn, image=prepared if number == 1 else None, grids=grids)


def _upright(image, result: OcrPage, engine: OcrEngine):  # type: ignore[no-untyped-def]  # noqa: ANN001, ANN202
    """A page fed in sideways or upside down reads as many words of low confidence, or (turned one
    way) as confident words standing on end, in a scrambled order. Tesseract's OSD says how to turn
    it, and the turned page is kept when it reads better: more confident, or level where the first
    reading stood on end. Upright pages (and blank backs, which read as a few words of noise) cost
    nothing more."""
    on_end = _on_end(result.words)
    if len(result.words) < TURN_MIN_WORDS or ((result.confidence or 0.0) >= TURN_BELOW_CONFIDENCE and not on_end):
        return image, result, 0
    turn = engine.orientation(image)
    if not turn:
        return image, result, 0
    turned = image.rotate(-turn, expand=True)
    again: OcrPage = engine.ocr(turned)
    confidence, before = again.confidence or 0.0, result.confidence or 0.0
    if not (confidence > before or on_end and not _on_end(again.words) and confidence >= before - TURN_SLACK):
        return image, result, 0
    return turned, again, turn


def _on_end(words: list[Word]) -> bool:
    """Most words of three letters or more taller than they are wide: the lines run down the page."""
    long = [w for w in words if len(w.text) >= 3]
    return bool(long) and sum(w.bottom - w.top > w.x1 - w.x0 for w in long) > len(long) / 2
