"""One file's work, as a worker does it: the recipe up to the record, and what the one writer would
otherwise compute (the body's MinHash, the record as JSON). Nothing here needs the database, so a
worker (a Dask worker, a pool's process) imports neither SQLAlchemy nor the schema: its start is
the pipeline's imports and `warm`. Scheduling and the writer are pipeline/ingest.py's.
"""
from __future__ import annotations

import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import CongvanError, ExternalToolError
from .reading.files import OcrMode
from .storage import neardup
from .storage.records import encode
from .types import Limits, ReadResult

log = logging.getLogger(__name__)


@dataclass
class Processed:
    path: str
    read: ReadResult | None = None
    record: dict[str, Any] | None = None
    signature: bytes | None = None  # MinHash of the body, computed here rather than in the one writer
    encoded: tuple[str, str] | None = None  # the record and a new document's record as JSON, likewise (rows.encode)
    error: str | None = None
    seconds: float = 0.0  # the file's own work, in its worker


def process(path: str | Path, ocr: OcrMode = "auto", limits: Limits | None = None, sign: bool = False,
            trust_roots: tuple[bytes, ...] = ()) -> Processed:
    """One file through every stage up to the record; never raises for bad input.

    `sign`: also compute the body's MinHash, so the one writer does not have to (ingest only).
    `trust_roots`: the DER certificates signatures' trust is judged by (none: "not checked").
    """
    os.environ["OMP_THREAD_LIMIT"] = "1"
    t0 = time.perf_counter()
    try:
        from . import recipe  # here, not at the top: the writer imports this module for `Processed` alone

        read, record = recipe.run(path, ocr, limits, trust_roots)
        return Processed(str(path), read, record, neardup.signature(read.text) if sign else None,
                         encode(record) if sign else None, seconds=time.perf_counter() - t0)
    except CongvanError as e:  # a tool's error names the tool; an input error is the file's own
        reason = str(e) if isinstance(e, ExternalToolError) else getattr(e, "reason", str(e))
        return Processed(str(path), error=reason, seconds=time.perf_counter() - t0)
    except MemoryError:
        return Processed(str(path), error="out of memory while reading it", seconds=time.perf_counter() - t0)
    except Exception as e:  # a bug must not stop the batch; it is reported with the file
        log.debug("unexpected error on %s", path, exc_info=True)  # the traceback with -v only
        return Processed(str(path), error=f"internal error: {type(e).__name__}: {str(e)[:200]}",
                         seconds=time.perf_counter() - t0)


def _process_chunk(files: list[Path], ocr: OcrMode, limits: Limits | None, sign: bool,
                   trust_roots: tuple[bytes, ...] = ()) -> list[Processed]:
    """A worker's few files (here, not in ingest, so a worker that imports this to run it loads no
    database library) on two threads: while one file is in Tesseract (one at a time per
    process, see pipeline.tools.tesseract) the other is decoded, deskewed and extracted, which would
    otherwise leave Tesseract idle for a tenth of each page."""
    if len(files) == 1:
        return [process(files[0], ocr, limits, sign, trust_roots)]
    with ThreadPoolExecutor(max_workers=2) as threads:
        return list(threads.map(lambda f: process(f, ocr, limits, sign, trust_roots), files))


def warm(sign: bool = False, tagger: bool = False) -> None:
    """Load what every file needs (the diacritic model's vocabulary, spaCy's entity ruler, MinHash when
    signing): a pool's worker does it as it starts (pipeline/pool.py), a process that reads files itself
    before it reads the first. `tagger`: also underthesea's tagger (a name no listed verb ends), which
    a third of dispatches ask: a pool loads it once before it forks, rather than each worker on its
    first such file. What only some files need loads where one does: the diacritic model's
    probabilities (a text that lost its marks), OpenCV, rapidocr."""
    from extractors.entities import default_engine

    from . import recipe  # noqa: F401  (every file's stages: imported here, so a warmed worker has them)
    from .reading.diacritics import default_restorer

    default_restorer()
    default_engine().entities("Sở Nội vụ")  # the engine builds its pipeline on first use
    if sign:
        neardup.load()
    if tagger:
        from extractors import verbs

        try:
            verbs.load()
        except Exception as e:  # only the files that ask for it need it: they load it, or fail, themselves
            log.warning("underthesea's tagger not preloaded (%s: %s)", type(e).__name__, e)

