"""The one place tesseract is called: version probe, one logged call per page, typed errors.

Single-threaded (OMP_THREAD_LIMIT=1): with Tesseract's own threading a page takes several
times longer on a shared 2-core machine, and pages are parallelised across processes instead.
"""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from ..errors import ExternalToolError, OcrNotRecorded
from ..types import Word
from . import ocr_cache

if TYPE_CHECKING:
    from PIL.Image import Image

log = logging.getLogger(__name__)
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
# One Tesseract at a time in a process: a worker's second thread prepares the next file meanwhile
# (pipeline.ingest), so one worker keeps one Tesseract busy and no more.
_ONE_AT_A_TIME = threading.RLock()


def one_at_a_time() -> AbstractContextManager[bool]:
    """Held while a page is read (its OCR, an orientation check, a picture read again), so that the
    page's timing leaves out the wait for the other thread's page."""
    return _ONE_AT_A_TIME


MAX_SIDE = 32767  # pixels: Tesseract refuses a wider or taller image ("Image too large")
PICTURE_PSM = 6  # a picture's box is read again as one block of text
PICTURE_MIN_AREA = 0.005  # share of the page: smaller pictures are rules, stars and dots
PICTURE_MIN_CONF = 0.85  # seal rings and signature strokes read as words below this
PICTURE_WORD_CONF = 0.7  # ... and a printed line touching the seal above this, one word at least 0.85
PICTURE_LINE_WORD_CONF = 0.5  # ... and a kept line's other words above this


@dataclass
class OcrPage:
    text: str
    words: list[Word]
    confidence: float | None


@cache
def version() -> str:
    folder = ocr_cache.active()
    if folder and not ocr_cache.recording():
        return str(ocr_cache.manifest(folder)["version"])
    exe = shutil.which("tesseract")
    if not exe:
        raise ExternalToolError("tesseract", "not installed (run ./scripts/setup.sh)")
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False)
    return (out.stdout or out.stderr).splitlines()[0].strip()


@cache
def languages() -> frozenset[str]:
    folder = ocr_cache.active()
    if folder and not ocr_cache.recording():
        return frozenset(ocr_cache.manifest(folder)["languages"])
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False)
    return frozenset(ln.strip() for ln in out.stdout.splitlines()[1:])


class TesseractEngine:
    """OCR engine protocol implementation: image -> text with word boxes and confidences."""

    def __init__(self, lang: str = "vie", psm: int = 3, timeout: float = 120.0) -> None:
        self.lang = lang
        self.psm = psm
        self.timeout = timeout

    def ocr(self, image: Image) -> OcrPage:
        if self.lang not in languages():
            raise ExternalToolError("tesseract", f"language data '{self.lang}' missing (apt-get install tesseract-ocr-{self.lang})")
        t0 = time.perf_counter()
        data = self._data(image, self.psm)
        words = _words(data)
        for box in _pictures(data, image.width * image.height):
            words += _recovered(self._data(image.crop(box), PICTURE_PSM), box, words)
        seconds = time.perf_counter() - t0
        log.debug("tesseract -l %s --psm %s: %.2f s", self.lang, self.psm, seconds)
        return _to_page(words)

    def _data(self, image: Image, psm: int) -> dict[str, list[Any]]:
        import pytesseract

        return self._call(image, f"data-{self.lang}-{psm}", lambda path: pytesseract.image_to_data(
            path, lang=self.lang, config=f"--psm {psm}", output_type=pytesseract.Output.DICT, timeout=self.timeout))

    def lines(self, image: Image, psm: int) -> list[str]:
        """The image's text as Tesseract's own lines, top to bottom, read with page segmentation mode
        `psm` (a signature block's crop: 4, one column of lines; 11, sparse text around a seal)."""
        groups: dict[tuple[int, int, int], list[Word]] = {}
        for key, w in _lined_words(self._data(image, psm), (0, 0)):
            groups.setdefault(key, []).append(w)
        ordered = sorted(groups.values(), key=lambda ws: min(w.top for w in ws))
        return [" ".join(w.text for w in sorted(ws, key=lambda w: w.x0)) for ws in ordered]

    def block(self, image: Image, box: tuple[int, int, int, int], psm: int = PICTURE_PSM,
              lang: str | None = None) -> list[Word]:
        """The words of the image's `box` read as one block of text (--psm 6: a ruled table's column,
        its rules whitened; --psm 7, one line: a cell), in the image's coordinates; `lang` another
        language's model when it is installed ('eng' for a cell of figures and Roman numerals,
        which the Vietnamese model reads as '|' and 'H')."""
        engine = self
        if lang and lang != self.lang and lang in languages():
            engine = TesseractEngine(lang, self.psm, self.timeout)
        return [w for _, w in _lined_words(engine._data(image.crop(box), psm), box[:2])]

    def orientation(self, image: Image) -> int:
        """Degrees the page must be turned clockwise to stand upright (Tesseract's OSD, --psm 0);
        0 when OSD cannot tell (a page with too little text) or its data is not installed."""
        import pytesseract

        if "osd" not in languages():
            return 0
        try:
            osd = self._call(image, "osd", lambda path: pytesseract.image_to_osd(
                path, output_type=pytesseract.Output.DICT, timeout=self.timeout))
        except ExternalToolError as e:
            if "timed out" in e.reason or isinstance(e, OcrNotRecorded):
                raise
            log.debug("tesseract --psm 0: %s", e.reason)
            return 0
        log.debug("tesseract --psm 0: rotate %s (confidence %s)", osd["rotate"], osd["orientation_conf"])
        return int(osd["rotate"]) % 360

    def _call(self, image: Image, kind: str, run: Callable[[str], Any]) -> Any:
        """One tesseract run on the image, given as an uncompressed TIFF without a resolution (Tesseract
        estimates it from the text, as it does for pytesseract's PNG). pytesseract's own PNG
        encoding cost about 15% of the OCR time; Leptonica reads a PGM about 10% slower than the
        TIFF, with the same words read."""
        plain = _plain(image)
        folder = ocr_cache.active()
        if folder:  # tests: the answer recorded for these pixels (pipeline.tools.ocr_cache)
            return ocr_cache.call(folder, ocr_cache.key(kind, self.lang, self.psm, plain),
                                  lambda: self._live(plain, run), _probe)
        return self._live(plain, run)

    def _live(self, plain: Image, run: Callable[[str], Any]) -> Any:
        import pytesseract

        version()
        try:
            with tempfile.NamedTemporaryFile(suffix=".tif") as tmp:
                plain.save(tmp, "TIFF", compression="raw")
                tmp.flush()
                with _ONE_AT_A_TIME:
                    return run(tmp.name)
        except pytesseract.TesseractError as e:  # before RuntimeError, which it subclasses
            raise ExternalToolError("tesseract", f"failed (exit status {e.status}): {_message(e.message)}") from e
        except RuntimeError as e:
            if "timeout" in str(e):  # pytesseract's own RuntimeError when it kills the process
                raise ExternalToolError("tesseract", f"timed out after {self.timeout:.0f} s") from e
            raise ExternalToolError("tesseract", f"failed: {_message(str(e))}") from e
        except OSError as e:  # the temporary TIFF cannot be written, or tesseract cannot be started
            raise ExternalToolError("tesseract", f"cannot run: {e.strerror or e}") from e


def _message(text: str) -> str:
    """Tesseract's stderr on one line: its last lines say what went wrong (the first are warnings)."""
    lines = [ln.strip() for ln in str(text).splitlines() if ln.strip()]
    return " / ".join(lines[-3:])[:300] or "no message"


def _probe() -> dict[str, Any]:
    return {"version": version(), "languages": sorted(languages())}


def _plain(image: Image) -> Image:
    """The pixels alone: a TIFF frame of the input would pass on its own resolution tags (and a fax
    its Group 4 compression), which changes how Tesseract reads the page."""
    if image.mode not in ("1", "L", "RGB"):
        return image.convert("RGB")
    return image.copy() if hasattr(image, "tag_v2") else image


def _words(data: dict[str, list[Any]]) -> list[Word]:
    return [w for _, w in _lined_words(data, (0, 0))]


def _lined_words(data: dict[str, list[Any]], origin: tuple[int, int]) -> Iterator[tuple[tuple[int, int, int], Word]]:
    """Each word with Tesseract's key of its line (block, paragraph, line), its box moved by
    `origin` (the corner of the crop that was read)."""
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        left, top = data["left"][i] + origin[0], data["top"][i] + origin[1]
        word = Word(text, left, top, left + data["width"][i], top + data["height"][i], conf / 100.0)
        yield (data["block_num"][i], data["par_num"][i], data["line_num"][i]), word


def _pictures(data: dict[str, list[Any]], page_area: int) -> list[tuple[int, int, int, int]]:
    """Boxes Tesseract's layout analysis took for pictures: a seal or a signature over the signer's
    printed name makes one, and the name inside it is never read (a grey scan, where the red seal
    cannot be dropped)."""
    boxes = []
    for i, text in enumerate(data["text"]):
        w, h = data["width"][i], data["height"][i]
        if data["level"][i] == 5 and not (text or "").strip() and w * h >= PICTURE_MIN_AREA * page_area:
            boxes.append((data["left"][i], data["top"][i], data["left"][i] + w, data["top"][i] + h))
    return boxes


def _recovered(data: dict[str, list[Any]], box: tuple[int, int, int, int], page_words: list[Word]) -> list[Word]:
    """Words read again inside a picture's box that are capitalised and made of letters, as a
    signer's name, title and authority prefix ('KT.') are (seal rings, signature strokes and the
    small print of e-signature boxes are not), not where the page already has a word (the
    picture's box may reach over lines read the first time). A line is kept when at least two of
    its words read at 0.7 or more and one at 0.85 (a title line touching the seal reads at 0.7-0.8,
    'KT. GLAM ĐỌC'); then its other such words down to 0.5 are kept with it: the seal's ink over
    one syllable of a name ('Phùng Tô Long', 'Long' at 0.54) costs that syllable's confidence,
    by an amount that differs between CPUs."""
    def overlaps(a: Word, b: Word) -> bool:
        return min(a.x1, b.x1) > max(a.x0, b.x0) and min(a.bottom, b.bottom) > max(a.top, b.top)

    def printed(w: Word) -> bool:
        letters = w.text[:-1] if w.text.endswith(".") and w.text.isupper() else w.text
        return w.conf >= PICTURE_LINE_WORD_CONF and letters.isalpha() and len(letters) >= 2 and w.text[0].isupper()

    lines: dict[tuple[int, int, int], list[Word]] = {}
    for key, w in _lined_words(data, box[:2]):
        if printed(w) and not any(overlaps(w, p) for p in page_words):
            lines.setdefault(key, []).append(w)
    return [w for line in lines.values()
            if sum(w.conf >= PICTURE_WORD_CONF for w in line) >= 2 and max(w.conf for w in line) >= PICTURE_MIN_CONF
            for w in line]


def _to_page(words: list[Word]) -> OcrPage:
    text = "\n".join(w.text for w in words)  # reading uses the words' positions; this is a fallback
    confs = [w.conf for w in words]
    return OcrPage(text, words, sum(confs) / len(confs) if confs else None)
