"""Recorded Tesseract output (and rapidocr's readings of header crops), replayed by image hash, so
tests of layout and extraction do not depend on the binary being installed, or on which CPU it
runs (Tesseract's LSTM takes different SIMD paths on different processors and reads hard lines
differently).

`CONGVAN_OCR_CACHE=DIR` turns it on; `CONGVAN_OCR_CACHE_MODE` is `replay` (the default: a page
that was never recorded is an error naming how to record it) or `record` (read by the real
binary what is missing, and keep it). DIR holds one gzipped JSON per call, named by the sha256
of what Tesseract was given (the call's kind, language, page segmentation mode and the pixels),
and `manifest.json` with the Tesseract version and languages (and the rapidocr version) they were
recorded with.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import OcrNotRecorded

if TYPE_CHECKING:
    from PIL.Image import Image

ENV_DIR = "CONGVAN_OCR_CACHE"
ENV_MODE = "CONGVAN_OCR_CACHE_MODE"
MANIFEST = "manifest.json"


def active() -> Path | None:
    """The cache folder when recorded OCR is on, else None."""
    folder = os.environ.get(ENV_DIR)
    return Path(folder) if folder else None


def recording() -> bool:
    return os.environ.get(ENV_MODE, "replay") == "record"


def key(kind: str, lang: str, psm: int, image: Image) -> str:
    h = hashlib.sha256(f"{kind}|{lang}|{psm}|{image.mode}|{image.width}x{image.height}|".encode())
    h.update(image.tobytes())
    return h.hexdigest()


def manifest(folder: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OcrNotRecorded("tesseract", f"no recorded OCR in {folder} (record it: pytest --record-ocr)") from None
    return data


def call(folder: Path, name: str, run: Callable[[], Any], probe: Callable[[], dict[str, Any]],
         tool: str = "tesseract") -> Any:
    """The recorded answer of one call of `tool`; in record mode a missing one is made by `run`
    and kept, with what `probe()` says (version, languages) added to the manifest where missing."""
    path = folder / f"{name}.json.gz"
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as f:
            return json.load(f)
    if not recording():
        raise OcrNotRecorded(
            tool, f"no recorded OCR for image {name[:12]} in {folder}: the image given to {tool} "
            f"changed; record it again with {tool} installed (pytest --record-ocr)")
    answer = run()
    folder.mkdir(parents=True, exist_ok=True)
    held = json.loads((folder / MANIFEST).read_text(encoding="utf-8")) if (folder / MANIFEST).exists() else {}
    probed = probe()
    if not probed.keys() <= held.keys():
        held = {**held, **{k: v for k, v in probed.items() if k not in held}}
        (folder / MANIFEST).write_text(json.dumps(held, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    # mtime 0: the same answer gives the same bytes, so re-recording changes nothing in git
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write(json.dumps(answer, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return answer
