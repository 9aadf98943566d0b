"""Reads kept on disk, so the same bytes read by the same reading code are read once.

`CONGVAN_READ_CACHE=DIR` turns it on. Reading is most of a document's cost (rendering, OCR,
deskewing, pdfminer's parse, signature checks), and extraction is cheap: re-extracting a batch
after a rule change, repeating a benchmark, or a test session in which several tests read the
same corpora, would otherwise read every page again. A read is keyed by the file's bytes, the
options that change it (OCR mode, limits), the OCR source (recorded or live) and a fingerprint of
the reading code and data, so an edited reader never serves an old read. Only reads with the
default engines are kept; a caller that brings its own engine reads afresh.
"""
from __future__ import annotations

import functools
import hashlib
import io
import logging
import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

from ..tools import ocr_cache
from ..types import Limits, ReadResult

log = logging.getLogger(__name__)

ENV_DIR = "CONGVAN_READ_CACHE"
_PACKAGE = Path(__file__).resolve().parent.parent  # pipeline/
# What a read depends on besides the file: the readers, the tool wrappers, their data (the
# diacritic model, legacy encodings) and the text normalisation the readers call.
_CODE = ("reading", "tools", "data", "types.py", "../extractors/text.py", "../extractors/structure/words.py",
         # a ruled table's header is told by the table vocabulary (reading/ruled.py)
         "../extractors/tables.py", "../extractors/data/table_columns.tsv", "../extractors/structure/tables.py")


def active() -> Path | None:
    folder = os.environ.get(ENV_DIR)
    return Path(folder) if folder else None


@functools.cache
def _fingerprint() -> str:
    h = hashlib.sha256()
    for name in _CODE:
        root = (_PACKAGE / name).resolve()
        for f in sorted([root] if root.is_file() else root.rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts:
                h.update(f"{f.relative_to(_PACKAGE.parent)}|".encode())
                h.update(f.read_bytes())
    # recorded OCR replays one set of answers; live OCR depends on the binary found
    source = os.environ.get(ocr_cache.ENV_DIR) or str(shutil.which("tesseract"))
    h.update(f"|{source}|{os.environ.get(ocr_cache.ENV_MODE, '')}".encode())
    return h.hexdigest()


def _key(data: bytes, ocr: str, limits: Limits, trust_roots: tuple[bytes, ...]) -> str:
    h = hashlib.sha256(data)
    h.update(f"|{ocr}|{limits!r}|{_fingerprint()}|".encode())
    for root in trust_roots:  # a signature's trust is judged against them
        h.update(hashlib.sha256(root).digest())
    return h.hexdigest()


def cached(folder: Path, path: Path, data: bytes, ocr: str, limits: Limits, trust_roots: tuple[bytes, ...],
           read: Callable[[], ReadResult]) -> ReadResult:
    """`read()`, or the read kept for these bytes; the result names `path` either way."""
    entry = folder / f"{_key(data, ocr, limits, trust_roots)}.pickle"
    try:
        result: ReadResult = pickle.loads(entry.read_bytes())
    except Exception as e:  # noqa: BLE001  # none kept yet, or a damaged entry: read, not an error of the file
        if not isinstance(e, FileNotFoundError):
            log.debug("read cache entry %s unreadable (%s); reading %s again", entry, e, path)
        result = read()
        _keep(entry, result)
        return result
    for page in result.pages:
        if isinstance(page.image, bytes):
            from PIL import Image

            page.image = Image.open(io.BytesIO(page.image))
            page.image.load()
    result.path = str(path)
    return result


def _keep(entry: Path, result: ReadResult) -> None:
    """Written beside, then renamed: two processes reading the same file at once both keep a
    whole entry, and a reader never sees half of one."""
    images = [p.image for p in result.pages]
    try:
        for page in result.pages:  # a page image as PNG: a tenth of its raw pixels
            if page.image is not None:
                buf = io.BytesIO()
                page.image.save(buf, format="PNG", compress_level=1)
                page.image = buf.getvalue()
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(entry)
    except OSError as e:  # a full disk or a read-only folder costs speed, not the read
        log.debug("read cache: cannot keep %s (%s)", entry, e)
    finally:
        for page, image in zip(result.pages, images, strict=True):
            page.image = image
