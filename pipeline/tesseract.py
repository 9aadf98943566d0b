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
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from .errors import ExternalToolError
from .types import Word

if TYPE_CHECKING:
    from PIL.Image import Image

log = logging.getLogger(__name__)
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@dataclass
class OcrPage:
    text: str
    words: list[Word]
    confidence: float | None
    seconds: float


@cache
def version() -> str:
    exe = shutil.which("tesseract")
    if not exe:
        raise ExternalToolError("tesseract", "not installed (run ./scripts/setup.sh)")
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False)
    return (out.stdout or out.stderr).splitlines()[0].strip()


@cache
def languages() -> frozenset[str]:
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False)
    return frozenset(ln.strip() for ln in out.stdout.splitlines()[1:])


class TesseractEngine:
    """OCR engine protocol implementation: image -> text with word boxes and confidences."""

    def __init__(self, lang: str = "vie", psm: int = 3, timeout: float = 120.0) -> None:
        self.lang = lang
        self.psm = psm
        self.timeout = timeout

    def ocr(self, image: Image) -> OcrPage:
        import pytesseract

        if self.lang not in languages():
            raise ExternalToolError("tesseract", f"language data '{self.lang}' missing (apt-get install tesseract-ocr-{self.lang})")
        t0 = time.perf_counter()
        data = self._call(image, lambda path: pytesseract.image_to_data(
            path, lang=self.lang, config=f"--psm {self.psm}", output_type=pytesseract.Output.DICT, timeout=self.timeout))
        seconds = time.perf_counter() - t0
        log.debug("tesseract -l %s --psm %s: %.2f s", self.lang, self.psm, seconds)
        return _to_page(data, seconds)

    def orientation(self, image: Image) -> int:
        """Degrees the page must be turned clockwise to stand upright (Tesseract's OSD, --psm 0);
        0 when OSD cannot tell (a page with too little text) or its data is not installed."""
        import pytesseract

        if "osd" not in languages():
            return 0
        try:
            osd = self._call(image, lambda path: pytesseract.image_to_osd(
                path, output_type=pytesseract.Output.DICT, timeout=self.timeout))
        except ExternalToolError as e:
            if "timed out" in e.reason:
                raise
            log.debug("tesseract --psm 0: %s", e.reason)
            return 0
        log.debug("tesseract --psm 0: rotate %s (confidence %s)", osd["rotate"], osd["orientation_conf"])
        return int(osd["rotate"]) % 360

    def _call(self, image: Image, run: Callable[[str], Any]) -> Any:
        """One tesseract run on the image, given as an uncompressed PGM/PPM: pytesseract's own PNG
        encoding of a 300 dpi page cost about 15% of the OCR time."""
        import pytesseract

        version()
        try:
            with tempfile.NamedTemporaryFile(suffix=".pnm") as tmp:
                (image if image.mode in ("1", "L", "RGB") else image.convert("RGB")).save(tmp, "PPM")
                tmp.flush()
                return run(tmp.name)
        except RuntimeError as e:  # pytesseract raises RuntimeError on timeout
            raise ExternalToolError("tesseract", f"timed out after {self.timeout:.0f} s") from e
        except pytesseract.TesseractError as e:
            raise ExternalToolError("tesseract", str(e).strip()[:200]) from e


def _to_page(data: dict[str, list], seconds: float) -> OcrPage:
    words: list[Word] = []
    lines: dict[tuple[int, int, int], list[str]] = {}
    confs = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        left, top, w, h = (data[k][i] for k in ("left", "top", "width", "height"))
        words.append(Word(text, left, top, left + w, top + h, conf / 100.0))
        confs.append(conf / 100.0)
        lines.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(text)
    text = "\n".join(" ".join(ws) for ws in lines.values())
    return OcrPage(text, words, sum(confs) / len(confs) if confs else None, seconds)
