"""The one place OCRmyPDF is called (as a library): version probe, one logged call per copy, typed
errors; and the OCR engine plugin it is given for an archive copy.

The engine hands back the words congvan already read for each page (corrected, at their boxes)
as OCRmyPDF's own OCR element tree, so OCRmyPDF rasterises, grafts the text layer, converts to
PDF/A and writes the metadata while Tesseract is not run again. OCRmyPDF loads this module as a
plugin (`plugins=[__name__]`, `ocr_engine="congvan"`); the pages travel in
`options.extra_attrs["congvan_pages"]` ({page number from 1: PageText}), so OCRmyPDF runs with
jobs=1 on threads of the calling process. PDF/A is made and checked by OCRmyPDF's internal backend
(pikepdf) and pages are rasterised by pypdfium2: no Ghostscript, whose Debian 12 build (10.0.0)
OCRmyPDF refuses for pages with text, and whose fonts would change how the corpus' PDFs render.
"""
from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ocrmypdf import hookimpl
from ocrmypdf.models.ocr_element import BoundingBox, OcrClass, OcrElement
from ocrmypdf.pluginspec import OcrEngine, OrientationConfidence

from ..errors import ExternalToolError

if TYPE_CHECKING:
    from ocrmypdf._options import OcrOptions

log = logging.getLogger(__name__)
Mode = Literal["default", "force", "skip"]

NAME = "congvan"
OCR_DPI = 100  # the canvas OCRmyPDF hands the engine: only its size is used, to place the words
Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass(frozen=True)
class PageText:
    """One page's lines of (word, box), boxes in the pixels of the image congvan read, `width` pixels
    wide; `rotation`: degrees clockwise congvan turned the page before reading it."""

    width: float
    lines: list[list[tuple[str, Box]]] = field(default_factory=list)
    rotation: int = 0


def _pages(options: OcrOptions) -> dict[int, PageText]:
    pages: dict[int, PageText] = options.extra_attrs.get("congvan_pages") or {}
    return pages


class CongvanEngine(OcrEngine):
    """congvan's words for a page, placed on the image OCRmyPDF rasterised (scaled by its width)."""

    @staticmethod
    def version() -> str:
        from .. import __version__

        return __version__

    @staticmethod
    def creator_tag(options: OcrOptions) -> str:
        return f"congvan {CongvanEngine.version()} (text read, corrected and placed by congvan)"

    def __str__(self) -> str:
        return f"congvan {self.version()}"

    @staticmethod
    def languages(options: OcrOptions) -> set[str]:
        return {"vie"}

    @staticmethod
    def get_orientation(input_file: Path, options: OcrOptions) -> OrientationConfidence:
        # OCRmyPDF names a page's files after its number (000003_…): the turn congvan read the page at
        page = _pages(options).get(_page_of(input_file))
        return OrientationConfidence(angle=page.rotation if page else 0, confidence=100.0)

    @staticmethod
    def get_deskew(input_file: Path, options: OcrOptions) -> float:
        return 0.0

    @staticmethod
    def supports_generate_ocr() -> bool:
        return True

    @staticmethod
    def generate_ocr(input_file: Path, options: OcrOptions, page_number: int = 0) -> tuple[OcrElement, str]:
        from PIL import Image

        with Image.open(input_file) as im:
            width, height = im.size
            dpi = float((im.info.get("dpi") or (300, 300))[0])
        root = OcrElement(ocr_class=OcrClass.PAGE, bbox=BoundingBox(left=0, top=0, right=width, bottom=height),
                          dpi=dpi, page_number=page_number)
        page = _pages(options).get(page_number + 1)
        if page is None or not page.width:
            return root, ""
        scale = width / page.width
        texts = []
        for line in page.lines:
            words = [OcrElement(ocr_class=OcrClass.WORD, text=text, bbox=_scaled(box, scale, width, height))
                     for text, box in line if text]
            if not words:
                continue
            line_box = BoundingBox(left=min(w.bbox.left for w in words if w.bbox),
                                   top=min(w.bbox.top for w in words if w.bbox),
                                   right=max(w.bbox.right for w in words if w.bbox),
                                   bottom=max(w.bbox.bottom for w in words if w.bbox))
            root.children.append(OcrElement(ocr_class=OcrClass.LINE, bbox=line_box, children=words, language="vie"))
            texts.append(" ".join(w.text for w in words))
        return root, "\n".join(texts) + "\n"

    @staticmethod
    def generate_hocr(input_file: Path, output_hocr: Path, output_text: Path, options: OcrOptions) -> None:
        raise NotImplementedError("congvan hands OCRmyPDF its OCR element tree (generate_ocr)")

    @staticmethod
    def generate_pdf(input_file: Path, output_pdf: Path, output_text: Path, options: OcrOptions) -> None:
        raise NotImplementedError("congvan hands OCRmyPDF its OCR element tree (generate_ocr)")


def _page_of(path: Path) -> int:
    head = path.name.split("_", 1)[0]
    return int(head) if head.isdigit() else 0


def _scaled(box: Box, scale: float, width: int, height: int) -> BoundingBox:
    x0, top, x1, bottom = (v * scale for v in box)
    x0, x1 = max(0.0, min(x0, width - 1.0)), max(1.0, min(x1, float(width)))
    top, bottom = max(0.0, min(top, height - 1.0)), max(1.0, min(bottom, float(height)))
    return BoundingBox(left=x0, top=top, right=max(x1, x0 + 1), bottom=max(bottom, top + 1))


@hookimpl
def rasterize_pdf_page(input_file: Path, output_file: Path, raster_device: str, raster_dpi: Any, pageno: int,
                       page_dpi: Any, rotation: int | None, filter_vector: bool, stop_on_soft_error: bool,
                       options: Any, use_cropbox: bool) -> Path | None:
    """The page image OCRmyPDF asks for only to hand it to this engine, which reads no pixels, only the
    image's size and resolution (to place the words): a blank canvas of the size OCRmyPDF's pypdfium2
    rasteriser would draw (its geometry: the page's size, turned by `rotation`), at OCR_DPI. Drawing
    the page meant decoding its full-resolution scan, a fifth of the copy's time. Not when the drawing
    becomes the visible page (forced OCR: a scan with an old text layer): OCRmyPDF then draws it."""
    if options is None or getattr(options, "ocr_engine", None) != NAME or not options.lossless_reconstruction:
        return None
    import pypdfium2 as pdfium
    from PIL import Image

    scale = min(1.0, OCR_DPI / max(float(raster_dpi.x), float(raster_dpi.y)))
    dpi = (float(raster_dpi.x) * scale, float(raster_dpi.y) * scale)
    pdf = pdfium.PdfDocument(input_file)
    try:
        width_pt, height_pt = pdf[pageno - 1].get_size()
    finally:
        pdf.close()
    size = (max(1, round(width_pt * dpi[0] / 72)), max(1, round(height_pt * dpi[1] / 72)))
    if rotation and rotation % 180 == 90:
        size = size[::-1]
    shown = (float(page_dpi.x) * scale, float(page_dpi.y) * scale) if page_dpi else dpi
    Image.new("L", size, 255).save(output_file, format="PNG", dpi=shown)
    return output_file


@hookimpl
def get_ocr_engine(options: Any) -> OcrEngine | None:
    if options is not None and getattr(options, "ocr_engine", None) != NAME:
        return None
    return CongvanEngine()


@cache
def version() -> str:
    import ocrmypdf

    return str(ocrmypdf.__version__)


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    author: str | None = None
    subject: str | None = None
    keywords: str | None = None
    date: str | None = None  # the document's own date (ISO): XMP dc:date, which OCRmyPDF has no option for


def copy(source: Path, output: Path, pages: dict[int, PageText], pdfa: bool, mode: Mode = "default",
         metadata: Metadata | None = None, image_dpi: int | None = None, signed: bool = False,
         only: list[int] | None = None) -> float:
    """`source` (a PDF or an image) to `output` with congvan's words as its text layer: PDF/A-2b when
    `pdfa`, else a plain PDF. `mode` is OCRmyPDF's: `skip` keeps pages that have text as they are,
    `force` rasterises every page (a scan whose old text layer congvan did not use). `signed`: the
    source's digital signatures may be broken (the caller keeps the original). `only`: the pages
    (from 1) OCRmyPDF works on; the others are copied as they are. Seconds taken."""
    # OCRmyPDF turns the pages congvan turned, as get_orientation says
    turned: dict[str, Any] = {"rotate_pages": True, "rotate_pages_threshold": 0.0} if any(
        p.rotation for p in pages.values()) else {}
    return _run(source, output, pdfa, metadata or Metadata(), image_dpi, mode=mode, ocr_engine=NAME,
                congvan_pages=pages, invalidate_digital_signatures=signed,
                **({"pages": ",".join(map(str, only))} if only else {}), **turned)


def tesseract_copy(source: Path, output: Path, language: str = "vie", image_dpi: int | None = None) -> float:
    """The copy OCRmyPDF makes by itself (Tesseract `-l language`): what the benchmark compares with."""
    return _run(source, output, True, Metadata(), image_dpi, mode="force", ocr_engine="tesseract",
                languages=[language])


def _run(source: Path, output: Path, pdfa: bool, metadata: Metadata, image_dpi: int | None, **kwargs: Any) -> float:
    import ocrmypdf

    version()
    # OCRmyPDF's warnings (a fillable form, a tagged PDF…) speak to its own command line; its error becomes ours
    logging.getLogger("ocrmypdf").setLevel(logging.NOTSET if log.isEnabledFor(logging.DEBUG) else logging.ERROR)
    log.debug("ocrmypdf %s -> %s (%s, %s)", source, output, "pdfa-2" if pdfa else "pdf", kwargs.get("mode"))
    t0 = time.perf_counter()
    streams = sys.stdout, sys.stderr
    try:
        code = ocrmypdf.ocr(source, output, plugins=[__name__], output_type="pdfa-2" if pdfa else "pdf",
                            pdfa_backend="internal", rasterizer="pypdfium", languages=kwargs.pop("languages", ["vie"]),
                            jobs=1, use_threads=True, progress_bar=False, image_dpi=image_dpi,
                            optimize=0, fast_web_view=1e6,  # an archive copy is not served page by page: no linearising
                            title=metadata.title, author=metadata.author, subject=metadata.subject,
                            keywords=metadata.keywords, **kwargs)
    except Exception as e:  # its own refusals, a damaged page or a bug inside OCRmyPDF: this copy's error
        log.debug("ocrmypdf failed on %s", source, exc_info=True)
        raise ExternalToolError("ocrmypdf", f"{type(e).__name__}: {' '.join(str(e).split())[:300]}") from e
    finally:
        # pikepdf's check_linearization (OCRmyPDF's final check) swaps sys.stderr for a StringIO and, when it
        # raises on a file that is not linearised, leaves it there: every later message would vanish
        sys.stdout, sys.stderr = streams
    if int(code) != 0:
        raise ExternalToolError("ocrmypdf", f"exit code {int(code)} ({code.name}) on {source}")
    if metadata.date:
        _set_date(output, metadata.date, pdfa)
    return time.perf_counter() - t0


def _set_date(path: Path, date: str, pdfa: bool) -> None:
    """dc:date in the copy's XMP, saved with the settings OCRmyPDF saves a PDF/A with (checked after)."""
    import pikepdf
    from ocrmypdf.pdfa import get_pdf_save_settings

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:date"] = [date]
        pdf.save(path, **get_pdf_save_settings("pdfa-2" if pdfa else "pdf"))


def pdfa_check(path: Path) -> str | None:
    """None when OCRmyPDF's own PDF/A check approves the file (its claim and pikepdf's validation of
    the written bytes, as OCRmyPDF runs on its own output), else what is wrong."""
    from ocrmypdf.pdfa import file_claims_pdfa
    from pikepdf.pdfa import validate_written

    claim = file_claims_pdfa(path)
    if not claim.get("pass"):
        return f"it does not claim PDF/A ({claim.get('conformance', 'no PDF/A metadata')})"
    part = str(claim["conformance"]).removeprefix("PDF/A-")[:1]  # PDF/A-2b: part 2; validated at level b
    report = validate_written(path, f"{part}b")
    return None if report.passed else f"PDF/A validation failed: {report.summary()[:300]}"
