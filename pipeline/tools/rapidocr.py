"""The one place rapidocr is called: version probe, one logged call per crop, typed errors.

rapidocr (PP-OCR's ONNX models, run by onnxruntime on the CPU) reads what Tesseract cannot: the
sequence number and day a văn thư writes by hand into the printed header. It reads tight crops
of one gap each (pipeline/handwritten.py, recognition only) and a scanned signature block's crop,
whose lines it finds itself (pipeline/signature_block.py: the title lines a red seal covers), never a page. Its
models ship inside its wheel and nothing is fetched at run time: the engine is built from the
packaged files only, single-threaded as Tesseract is (pages are parallelised across processes).
Under recorded OCR (tests) each crop's answer is replayed from the cache by the crop's pixels.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from typing import TYPE_CHECKING, Any

from ..errors import ExternalToolError
from . import ocr_cache

if TYPE_CHECKING:
    from PIL.Image import Image

log = logging.getLogger(__name__)
NAME = "rapidocr"
MANIFEST_KEY = "rapidocr"  # its version in the recorded OCR's manifest


@dataclass(frozen=True)
class LineReading:
    """What a line recogniser read in one crop, with its confidence (0..1)."""

    text: str
    score: float


@cache
def version() -> str:
    """'rapidocr 3.10.0 (onnxruntime 1.32.0)', from the installed distributions (or the recording)."""
    folder = ocr_cache.active()
    if folder and not ocr_cache.recording():
        recorded = ocr_cache.manifest(folder).get(MANIFEST_KEY)
        if recorded:
            return str(recorded)
    try:
        return f"rapidocr {metadata.version('rapidocr')} (onnxruntime {metadata.version('onnxruntime')})"
    except metadata.PackageNotFoundError as e:
        raise ExternalToolError(NAME, f"not installed: {e.name} (run ./scripts/setup.sh)") from None


@cache
def _engine(detect: bool = False) -> Any:
    """The recogniser, built once per process (its models load in about a second); with `detect`,
    with its text detector too, for a crop of several lines (a signature block)."""
    version()
    try:
        from rapidocr import RapidOCR
    except ImportError as e:
        raise ExternalToolError(NAME, f"cannot be imported: {e}") from e
    only_rec = {} if detect else {"Global.use_det": False, "Global.use_rec": True}
    return RapidOCR(params={
        **only_rec, "Global.use_cls": False, "Global.log_level": "error",
        "EngineConfig.onnxruntime.intra_op_num_threads": 1,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    })


class RapidOcrReader:
    """Line reader protocol implementation: one crop -> its text (recognition only, no detection)."""

    name = NAME

    def read(self, image: Image) -> LineReading:
        plain = image if image.mode == "RGB" else image.convert("RGB")
        folder = ocr_cache.active()
        if folder:  # tests: the answer recorded for these pixels (pipeline.tools.ocr_cache)
            answer = ocr_cache.call(folder, ocr_cache.key("rapidocr-rec", "", 0, plain),
                                    lambda: self._live(plain), _probe, tool=NAME)
        else:
            answer = self._live(plain)
        return LineReading(str(answer["text"]), float(answer["score"]))

    def lines(self, image: Image) -> list[LineReading]:
        """The lines its detector finds in a crop of several lines, top to bottom."""
        plain = image if image.mode == "RGB" else image.convert("RGB")
        folder = ocr_cache.active()
        if folder:
            answer = ocr_cache.call(folder, ocr_cache.key("rapidocr-det-boxes", "", 0, plain),
                                    lambda: self._live_boxes(plain), _probe, tool=NAME)
        else:
            answer = self._live_boxes(plain)
        found = sorted(tuple(b) for b in answer)
        return [LineReading(str(r["text"]), float(r["score"])) for r in _rows(found)]

    def _live_boxes(self, image: Image) -> list[list[Any]]:
        """The detected boxes as (top, left, text, score, height, right), as recorded."""
        import numpy as np

        t0 = time.perf_counter()
        try:
            out = _engine(detect=True)(np.asarray(image)[:, :, ::-1], use_cls=False)
        except Exception as e:
            raise ExternalToolError(NAME, f"failed on a {image.width}x{image.height} crop: {str(e)[:200]}") from e
        boxes = out.boxes if out.txts else ()
        found = [[round(float(min(p[1] for p in b)), 1), round(float(min(p[0] for p in b)), 1), str(t),
                  round(float(sc), 4), round(float(max(p[1] for p in b) - min(p[1] for p in b)), 1),
                  round(float(max(p[0] for p in b)), 1)]
                 for b, t, sc in zip(boxes, out.txts or (), out.scores or (), strict=True)]
        log.debug("rapidocr det+rec %dx%d: %d boxes (%.3f s)", image.width, image.height, len(found),
                  time.perf_counter() - t0)
        return found

    def _live(self, image: Image) -> dict[str, Any]:
        import numpy as np

        engine = _engine()
        t0 = time.perf_counter()
        try:
            out = engine(np.asarray(image)[:, :, ::-1], use_det=False, use_cls=False, use_rec=True)  # BGR, as cv2
        except Exception as e:  # onnxruntime and rapidocr raise many kinds; the tool's failure is one
            raise ExternalToolError(NAME, f"failed on a {image.width}x{image.height} crop: {str(e)[:200]}") from e
        text = "".join(out.txts or ())
        score = float(out.scores[0]) if out.txts else 0.0
        log.debug("rapidocr rec %dx%d: %r %.2f (%.3f s)", image.width, image.height, text, score,
                  time.perf_counter() - t0)
        return {"text": text, "score": round(score, 4)}


def _rows(found: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Detected boxes (top, left, text, score, height, right) as lines top to bottom: boxes side by
    side whose tops lie within half a line of each other are one line, read left to right ('KT.'
    apart from 'GIÁM ĐỐC'); two boxes one over the other are two lines, however tight the leading."""
    rows: list[list[tuple[Any, ...]]] = []
    for box in found:
        if rows and box[0] - rows[-1][0][0] < 0.5 * max(box[4], rows[-1][0][4]) \
                and all(box[1] >= b[5] or box[5] <= b[1] for b in rows[-1]):
            rows[-1].append(box)
        else:
            rows.append([box])
    return [{"text": " ".join(b[2] for b in sorted(r, key=lambda b: b[1])),
             "score": round(min(b[3] for b in r), 4)} for r in rows]


def _probe() -> dict[str, Any]:
    return {MANIFEST_KEY: version()}
