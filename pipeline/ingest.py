"""The recipe: file -> pages -> text -> normalised text -> record -> rows.

Workers return plain results (records or error strings); one process writes the database,
one transaction per document, so a killed run leaves no half-stored document.
"""
from __future__ import annotations

import hashlib
import itertools
import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from models import Source

from . import neardup
from .db import is_locked, open_engine
from .errors import CongvanError
from .extract import extract_record
from .reading import OcrMode, read_file
from .stamped import fill_stamped
from .storage import store
from .types import Limits, ReadResult

log = logging.getLogger(__name__)
CHUNK = 4  # files a worker takes at once, two in flight (one in Tesseract)
SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".txt", ".docx", ".doc"}


@dataclass
class Processed:
    path: str
    read: ReadResult | None = None
    record: dict[str, Any] | None = None
    signature: bytes | None = None  # MinHash of the body, computed here rather than in the one writer
    error: str | None = None


@dataclass
class Summary:
    stored: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    reprocessed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def discover(paths: Iterable[str | Path]) -> Iterator[Path]:
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(x for x in p.rglob("*") if x.is_file() and x.suffix.lower() in SUFFIXES)
        else:
            yield p


def process(path: str | Path, ocr: OcrMode = "auto", limits: Limits | None = None, sign: bool = False) -> Processed:
    """One file through every stage up to the record; never raises for bad input.

    `sign`: also compute the body's MinHash, so the one writer does not have to (ingest only).
    """
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        read = read_file(path, ocr=ocr, limits=limits)
        record = fill_stamped(read, extract_record(read), ocr)
        return Processed(str(path), read, record, neardup.signature(read.text) if sign else None)
    except CongvanError as e:
        return Processed(str(path), error=getattr(e, "reason", str(e)))
    except Exception as e:  # a bug must not stop the batch; it is reported with the file
        log.exception("unexpected error on %s", path)
        return Processed(str(path), error=f"internal error: {type(e).__name__}: {e}")


def process_all(files: Iterable[Path], workers: int = 1, ocr: OcrMode = "auto",
                limits: Limits | None = None, sign: bool = False, scheduler: str | None = None) -> Iterator[Processed]:
    """Every file through `process`, in order, on a pool of `workers` processes (0: in this
    process, for debugging) or on the Dask cluster at `scheduler`.

    Even one worker is a process of its own, so the caller (the one writer) stores a document
    while the next is read. At most a few files per worker are in flight, so memory stays flat
    however long the batch.
    """
    if scheduler:
        from .cluster import process_on_cluster

        yield from process_on_cluster(files, scheduler, ocr, limits, sign)
        return
    if workers <= 0:
        yield from (process(f, ocr, limits, sign) for f in files)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        chunks = _chunks(files, workers)
        for done in in_order(lambda c: pool.submit(_process_chunk, c, ocr, limits, sign), chunks, 3 * workers):
            yield from done


def _chunks(files: Iterable[Path], workers: int) -> Iterator[list[Path]]:
    """Files in batches for the workers, guided self-scheduling: CHUNK at a time while the batch
    goes on, fewer towards its end, so no worker is left reading a batch while the others idle."""
    it = iter(files)
    ahead = deque(itertools.islice(it, 2 * CHUNK * workers))
    while ahead:
        size = max(1, min(CHUNK, len(ahead) // (2 * workers)))
        chunk = [ahead.popleft() for _ in range(size)]
        ahead.extend(itertools.islice(it, size))
        yield chunk


def _process_chunk(files: list[Path], ocr: OcrMode, limits: Limits | None, sign: bool) -> list[Processed]:
    """A worker's few files on two threads: while one file is in Tesseract (one at a time per
    process, see pipeline.tesseract) the other is decoded, deskewed and extracted, which would
    otherwise leave Tesseract idle for a tenth of each page."""
    if len(files) == 1:
        return [process(files[0], ocr, limits, sign)]
    with ThreadPoolExecutor(max_workers=2) as threads:
        return list(threads.map(lambda f: process(f, ocr, limits, sign), files))


def in_order(submit: Callable[[Any], Any], items: Iterable[Any], window: int) -> Iterator[Any]:
    """`submit(item).result()` for every item, in the items' order, with at most `window` in flight
    (a local process pool's futures and a Dask cluster's alike), so memory stays flat."""
    todo = iter(items)
    pending = deque(submit(x) for x in itertools.islice(todo, window))
    for nxt in todo:
        result = pending.popleft().result()
        pending.append(submit(nxt))
        yield result
    while pending:
        yield pending.popleft().result()


def file_sha256(path: Path) -> str | None:
    try:
        with path.open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None  # reading it reports the reason


def run(paths: Iterable[str | Path], db_url: str | None = None, workers: int = 1, ocr: OcrMode = "auto",
        on_done: Callable[[Processed, str], None] | None = None,
        on_plan: Callable[[int, int], None] | None = None, reprocess: bool = False,
        limits: Limits | None = None, scheduler: str | None = None) -> Summary:
    """Ingest files; `on_plan(to_do, already_stored)` is called once the batch is known.

    Files whose bytes are already stored are skipped, unless `reprocess`: then every file is
    read and extracted again and its document rebuilt where the record changed.
    """
    engine = open_engine(db_url)
    summary = Summary()
    files = list(discover(paths))
    todo = files
    if not reprocess:
        with Session(engine) as session:
            known = set(session.scalars(select(Source.sha256)))
        fresh = {f: file_sha256(f) not in known for f in files}
        todo = [f for f in files if fresh[f]]
        summary.duplicates += [str(f) for f in files if not fresh[f]]
    if on_plan:
        on_plan(len(todo), len(summary.duplicates))
    for res in process_all(todo, workers, ocr, limits, sign=True, scheduler=scheduler):
        outcome = _write(engine, res, summary, reprocess)
        if on_done:
            on_done(res, outcome)
    return summary


_SUMMARY = {"stored": "stored", "merged": "merged", "duplicate-file": "duplicates", "reprocessed": "reprocessed",
            "unchanged": "unchanged"}


def _write(engine, res: Processed, summary: Summary, reprocess: bool) -> str:  # type: ignore[no-untyped-def]
    if res.error or res.read is None or res.record is None:
        summary.failed.append((res.path, res.error or "unknown error"))
        return "failed"
    outcome = _store_retrying(engine, res, reprocess)
    getattr(summary, _SUMMARY[outcome]).append(res.path)
    return outcome


def _store_retrying(engine, res: Processed, reprocess: bool, attempts: int = 5) -> str:  # type: ignore[no-untyped-def]
    """One transaction per document. Another ingest writing to the same database may commit the same
    file or the same dispatch between our read and our write (a unique key fails), or hold SQLite's
    write lock past the busy timeout: the transaction is then run again and sees what it committed."""
    assert res.read is not None and res.record is not None
    for attempt in range(1, attempts + 1):
        try:
            with Session(engine) as session, session.begin():
                return store(session, res.read, res.record, reprocess, res.signature).outcome
        except (IntegrityError, OperationalError) as e:
            retriable = isinstance(e, IntegrityError) or is_locked(e)
            if not retriable or attempt == attempts:
                raise
            log.info("%s: concurrent write (%s), trying again", res.path, type(e.orig).__name__)
            time.sleep(0.1 * attempt)
    raise AssertionError("unreachable")
