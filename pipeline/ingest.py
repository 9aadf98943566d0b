"""Scheduling the recipe (`pipeline/recipe.py`) over a batch, and the one writer.

Workers return plain results (records or error strings); one process writes the database: the
results the workers finished together in one transaction, so a killed run leaves no half-stored
document; a document the database refuses is rolled back and the others are stored without it.
"""
from __future__ import annotations

import hashlib
import itertools
import logging
import os
import random
import stat
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent import futures
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pebble import ProcessExpired, ProcessPool
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from models import Source, SourcePath

from .errors import CongvanError, StorageError
from .pool import start_pool, stop_pool
from .reading.files import OcrMode, kind_of, open_regular, unreadable
from .storage import batch, rows
from .storage.db import is_locked, open_engine
from .storage.register import Arrival
from .storage.store import claim_path, forget_known, store
from .types import Limits
from .work import Processed, _process_chunk, process, warm

if TYPE_CHECKING:
    from .archive import OutputType  # a type only: the archive's imports load with the first copy made

__all__ = ["Processed", "_process_chunk", "process", "warm"]  # a worker's own, pipeline/work.py; scheduled and stored here

log = logging.getLogger(__name__)
CHUNK = 4  # files a worker takes at once, two in flight (one in Tesseract)
# The writer stores up to GATHER files in one transaction, waiting up to LINGER seconds for the
# workers to finish more before it stores fewer: a transaction's own cost (the run's lookups, the
# commit, an INSERT per table) spread over 16 text files instead of one chunk's 4 took the writer's
# CPU per document from 4.2-5.1 ms to 2.5-3.2 ms. Waiting costs nothing: the workers go on meanwhile,
# and results already done are never waited for.
GATHER = 16
LINGER = 0.3
SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".txt", ".docx", ".doc"}


@dataclass
class Summary:
    stored: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # edited in place: the new bytes replaced the old source
    duplicates: list[str] = field(default_factory=list)
    reprocessed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # found in a folder, not a file that can be read
    # CPU seconds of this process (the one writer) from the first result to the last stored: what
    # storing costs beside the workers, which bounds the rate however many workers there are
    writer_cpu: float = 0.0
    archived: list[tuple[str, str]] = field(default_factory=list)  # (source, its archive copy) with --archive
    archive_failed: list[tuple[str, str]] = field(default_factory=list)  # the document is stored, its copy is not


def discover(paths: Iterable[str | Path], skipped: list[tuple[str, str]] | None = None) -> Iterator[Path]:
    """The document files named or found in the folders named, in order. What a folder holds that
    is no file (a FIFO, a device, a dangling link, a link loop) goes to `skipped` with the reason;
    files named are yielded whatever they are, and reading refuses them."""
    skipped = skipped if skipped is not None else []
    for p in map(Path, paths):
        if p.is_dir():
            yield from _walk(p, skipped)
        else:
            yield p


def _walk(top: Path, skipped: list[tuple[str, str]]) -> Iterator[Path]:
    seen: set[tuple[int, int]] = set()
    for root, dirs, names in os.walk(top, followlinks=True):
        st = os.stat(root)
        if (st.st_dev, st.st_ino) in seen:  # a link back up the tree, or a second link to a folder
            skipped.append((root, "a folder already read (a symbolic link loop or a second link to it)"))
            dirs.clear()
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs.sort()
        for name in sorted(names):
            path = Path(root, name)
            try:
                mode = os.stat(path).st_mode
            except OSError as e:
                skipped.append((str(path), unreadable(path, e)))
                continue
            if not stat.S_ISREG(mode):
                skipped.append((str(path), f"not a regular file ({kind_of(mode)})"))
            elif path.suffix.lower() in SUFFIXES:
                yield path


def process_all(files: Iterable[Path], workers: int = 1, ocr: OcrMode = "auto",
                limits: Limits | None = None, sign: bool = False, scheduler: str | None = None,
                trust_roots: tuple[bytes, ...] = ()) -> Iterator[Processed]:
    """Every file through `process`, in order, on a pool of `workers` processes (0: in this
    process, for debugging) or on the Dask cluster at `scheduler`.

    Even one worker is a process of its own, so the caller (the one writer) stores a document
    while the next is read. At most a few files per worker are in flight, so memory stays flat
    however long the batch. Each file has `limits.file_seconds` for all of its work: a worker
    over it is replaced (pebble) and the file reported.
    """
    for ready in process_ready(files, workers, ocr, limits, sign, scheduler, trust_roots):
        yield from ready


def process_ready(files: Iterable[Path], workers: int = 1, ocr: OcrMode = "auto",
                  limits: Limits | None = None, sign: bool = False,
                  scheduler: str | None = None, trust_roots: tuple[bytes, ...] = (),
                  pool: ProcessPool | None = None) -> Iterator[list[Processed]]:
    """`process_all`'s results, in order, as lists: each the next result and the ones after it
    that are done already, so the writer stores what the workers have finished in one go.
    `pool`: the workers, started already (`start_pool`, with `workers` processes); stopped here."""
    if scheduler:
        from .cluster import process_on_cluster

        yield from ([r] for r in process_on_cluster(files, scheduler, ocr, limits, sign, trust_roots))
        return
    if workers <= 0:
        yield from ([process(f, ocr, limits, sign, trust_roots)] for f in files)
        return
    files = iter(files)
    first = next(files, None)
    if first is None:
        if pool is not None:
            stop_pool(pool)
        return
    files = itertools.chain([first], files)
    args = (ocr, limits, sign, trust_roots)
    budget = (limits or Limits()).file_seconds
    pool = start_pool(workers, sign) if pool is None else pool  # the models loaded here, before it forks
    try:
        for chunks in in_order_ready(lambda c: _Budgeted(pool, c, args, budget), _chunks(files, workers), 3 * workers,
                                     gather=GATHER, linger=LINGER, size=lambda b: len(b.files)):
            yield [res for chunk in chunks for res in chunk]
    finally:
        stop_pool(pool)  # nothing of ours is left running: every result was taken or is no longer wanted


class _Budgeted:
    """A chunk of files on the pool, with the chunk's budget (the files' budgets added up, since
    the chunk reads them one after another, two at a time). A chunk over it, or whose worker died,
    is run again one file at a time, so that only the file at fault is reported."""

    def __init__(self, pool: ProcessPool, files: list[Path], args: tuple[Any, ...], budget: float) -> None:
        self.pool, self.files, self.args, self.budget = pool, files, args, budget
        self.future = self._schedule(files)

    def _schedule(self, files: list[Path]) -> Any:
        return self.pool.schedule(_process_chunk, args=(files, *self.args),
                                  timeout=self.budget * len(files) if self.budget > 0 else None)

    def done(self) -> bool:
        return bool(self.future.done())

    def wait(self, seconds: float) -> bool:
        """Done within `seconds`?"""
        futures.wait([self.future], timeout=seconds)
        return self.done()

    def result(self) -> list[Processed]:
        try:
            return list(self.future.result())
        except (TimeoutError, ProcessExpired) as e:
            if len(self.files) == 1:
                return [self._failed(self.files[0], e)]
            log.debug("chunk %s: %s; its files one at a time", [str(f) for f in self.files], e)
        out: list[Processed] = []
        for f, future in [(f, self._schedule([f])) for f in self.files]:
            try:
                out += future.result()
            except (TimeoutError, ProcessExpired) as e:
                out.append(self._failed(f, e))
        return out

    def _failed(self, path: Path, e: BaseException) -> Processed:
        if isinstance(e, TimeoutError):
            return Processed(str(path), error=f"took longer than its {self.budget:.0f} s budget (--file-timeout); "
                                              "its worker was stopped", seconds=self.budget)
        code = getattr(e, "exitcode", None)
        why = " (killed: out of memory?)" if code == -9 else ""
        return Processed(str(path), error=f"its worker process died (exit code {code}){why}")


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


def in_order(submit: Callable[[Any], Any], items: Iterable[Any], window: int) -> Iterator[Any]:
    """`submit(item).result()` for every item, in the items' order, with at most `window` in flight
    (a local process pool's futures and a Dask cluster's alike), so memory stays flat."""
    for ready in in_order_ready(submit, items, window):
        yield from ready


def in_order_ready(submit: Callable[[Any], Any], items: Iterable[Any], window: int, gather: int = 1,
                   linger: float = 0.0, size: Callable[[Any], int] = lambda _: 1) -> Iterator[list[Any]]:
    """`in_order`'s results as lists: the next one (waited for) and those after it already done;
    then, while the list holds fewer than `gather` (its submitted items' `size` added up), those
    done within `linger` seconds of the first (a submitted item's `wait(seconds) -> done`). The
    window is kept full meanwhile."""
    todo = iter(items)
    pending = deque(submit(x) for x in itertools.islice(todo, window))
    while pending:
        first = pending.popleft()
        ready, count, until = [first.result()], size(first), time.monotonic() + linger
        pending.extend(submit(x) for x in itertools.islice(todo, window - len(pending)))
        while pending and (pending[0].done() or (count < gather and _done_within(pending[0], until))):
            count += size(pending[0])
            ready.append(pending.popleft().result())
            pending.extend(submit(x) for x in itertools.islice(todo, window - len(pending)))
        yield ready


def _done_within(submitted: Any, until: float) -> bool:
    left = until - time.monotonic()
    return left > 0 and bool(submitted.wait(left))


def file_sha256(path: Path) -> str | None:
    """The file's hash; None for what is not a regular file (a FIFO would block here)."""
    try:
        with os.fdopen(open_regular(path), "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except (OSError, CongvanError):
        return None  # reading it reports the reason


def run(paths: Iterable[str | Path], db_url: str | None = None, workers: int = 1, ocr: OcrMode = "auto",
        on_done: Callable[[Processed, str], None] | None = None,
        on_plan: Callable[[int, int], None] | None = None, reprocess: bool = False,
        limits: Limits | None = None, scheduler: str | None = None,
        skipped: list[tuple[str, str]] | None = None, trust_roots: tuple[bytes, ...] = (),
        archive: Archive | None = None, arrival: Arrival | None = None, pool: ProcessPool | None = None) -> Summary:
    """Ingest files; `on_plan(to_do, already_stored)` is called once the batch is known.
    `pool`: the `workers` processes, started already (pipeline/pool.py, as `congvan ingest` does
    before its imports); stopped here.
    A new document is entered in the incoming register as `arrival` says (its register, its day).

    Files whose bytes are already stored are skipped, unless `reprocess`: then every file is
    read and extracted again and its document rebuilt where the record changed. With `archive`,
    each stored PDF or image also gets its archive copy (pipeline/archive.py), written here by the
    one writer while the workers read the next files.
    """
    engine = None
    try:
        summary = Summary(skipped=skipped if skipped is not None else [])  # `skipped`: the caller sees them at once
        files = list(discover(paths, summary.skipped))
        engine = open_engine(db_url)
        todo = files
        if not reprocess:
            with Session(engine) as session:
                known = set(session.scalars(select(Source.sha256)))
                named = {(sha, path) for sha, path in session.execute(select(Source.sha256, SourcePath.path)
                                                                     .join(SourcePath.source))}
            hashes = {f: file_sha256(f) for f in files}
            todo = [f for f in files if hashes[f] not in known]
            for f in files:
                if (hashes[f], str(f)) in named:
                    summary.duplicates.append(str(f))
                elif hashes[f] in known:
                    _known_bytes(engine, f, hashes[f], summary)
        if on_plan:
            on_plan(len(todo), len(summary.duplicates))
        cpu = None
        ready_runs, pool = process_ready(todo, workers, ocr, limits, sign=True, scheduler=scheduler,
                                         trust_roots=trust_roots, pool=pool), None  # the pool is process_ready's now
        try:
            for ready in ready_runs:
                cpu = time.process_time() if cpu is None else cpu
                for res, outcome in _write_ready(engine, ready, summary, reprocess, arrival):
                    if archive and outcome != "failed":
                        _archive(engine, res, archive, summary)
                    if on_done:
                        on_done(res, outcome)
        finally:  # the pool stopped if this ends early
            getattr(ready_runs, "close", lambda: None)()  # a generator's; a test's stand-in may be a plain iterator
        summary.writer_cpu = time.process_time() - cpu if cpu is not None else 0.0
        return summary
    finally:
        if pool is not None:  # an error before the files were handed to it
            stop_pool(pool)
        if engine is not None:
            engine.dispose()  # its connections closed here (SQLite checkpoints its WAL), not at the interpreter's exit


@dataclass(frozen=True)
class Archive:
    """`ingest --archive DIR [--output-type auto|pdfa|pdf]`."""

    folder: Path
    output_type: OutputType = "auto"


def _archive(engine, res: Processed, target: Archive, summary: Summary) -> None:  # type: ignore[no-untyped-def]
    """The stored source's archive copy, then its path and hash on the source row. A copy that
    cannot be made or fails its check is that file's error; the database keeps no trace of it."""
    from .archive import archivable, write_copy
    from .errors import ArchiveError

    assert res.read is not None and res.record is not None
    if not archivable(res.read):
        return
    try:
        copy = write_copy(res.read, res.record, target.folder, target.output_type)
    except ArchiveError as e:
        summary.archive_failed.append((res.path, e.reason))
        return
    try:
        with Session(engine) as session, session.begin():
            source = session.scalar(select(Source).where(Source.sha256 == res.read.sha256))
            if source is not None:
                source.archive_path, source.archive_sha256 = copy.path, copy.sha256
    except SQLAlchemyError as e:
        _raise_if_database_gone(e)
        summary.archive_failed.append((res.path, f"archive copy not recorded ({type(e).__name__})"))
        return
    summary.archived.append((res.path, copy.path + (f" ({copy.note})" if copy.note else "")))


def _known_bytes(engine, path: Path, sha: str | None, summary: Summary) -> None:  # type: ignore[no-untyped-def]
    """A file whose bytes are stored is not read again; its path is noted as one of their names."""
    try:
        with Session(engine) as session, session.begin():
            source = session.scalar(select(Source).where(Source.sha256 == sha))
            if source is not None and claim_path(session, source, str(path)):
                summary.replaced.append(str(path))
                return
    except SQLAlchemyError as e:
        _raise_if_database_gone(e)
        log.debug("%s: its path not recorded", path, exc_info=True)
    summary.duplicates.append(str(path))


_SUMMARY = {"stored": "stored", "merged": "merged", "replaced": "replaced", "duplicate-file": "duplicates",
            "reprocessed": "reprocessed", "unchanged": "unchanged"}


def _write_ready(engine, results: list[Processed], summary: Summary,  # type: ignore[no-untyped-def]
                 reprocess: bool, arrival: Arrival | None = None) -> Iterator[tuple[Processed, str]]:
    """Store results the workers finished together, in order: a run of them in one transaction,
    rather than a session, a transaction and a commit per document. A result that fails
    or errs ends the run; it goes through `_write` alone (its own transaction, retried, its error
    reported) and the rest make the next run."""
    rest = list(results)
    while rest:
        outcomes = _store_together(engine, rest, reprocess, arrival)
        for res, outcome in zip(rest, outcomes, strict=False):
            getattr(summary, _SUMMARY[outcome]).append(res.path)
            yield res, outcome
        if not outcomes:
            yield rest[0], _write(engine, rest[0], summary, reprocess, arrival)
        rest = rest[max(1, len(outcomes)):]


def _store_together(engine, results: list[Processed], reprocess: bool,  # type: ignore[no-untyped-def]
                    arrival: Arrival | None = None) -> list[str]:
    """The outcomes of the leading results stored in one transaction, stopping before the first
    that has an error or fails to store; [] when fewer than two are ready to go together, or the
    first or the commit failed: the caller then takes the first on its own.

    No savepoint per document (two statements and a nested transaction each, on every document):
    a document that fails rolls the whole transaction back, and the ones before it are stored
    again together without it, which gives what a savepoint each gave, at a cost only on failure."""
    run = list(itertools.takewhile(lambda r: not r.error and r.read is not None and r.record is not None, results))
    if len(run) < 2:
        return []
    outcomes: list[str] = []
    try:
        with Session(engine) as session:
            rows.defer(session)  # each table's rows of the run in one INSERT
            batch.prefetch(session, [(res.read, res.record) for res in run])  # type: ignore[misc]
            for res in run:
                assert res.read is not None and res.record is not None
                try:
                    outcomes.append(store(session, res.read, res.record, reprocess, res.signature, arrival,
                                          res.encoded).outcome)
                except Exception:  # stored alone by the caller, which reports its error
                    log.debug("%s: not stored with the others; alone", res.path, exc_info=True)
                    session.rollback()
                    forget_known(engine)
                    return _store_together(engine, run[:len(outcomes)], reprocess, arrival)
            session.commit()
    except SQLAlchemyError as e:
        _raise_if_database_gone(e)
        log.debug("a run of %d documents not committed; one at a time", len(outcomes), exc_info=True)
        forget_known(engine)
        return []
    return outcomes


def _write(engine, res: Processed, summary: Summary, reprocess: bool,  # type: ignore[no-untyped-def]
           arrival: Arrival | None = None) -> str:
    """Store one result. A database error on it (a value the database refuses) is the file's
    error: its transaction is rolled back and the batch goes on; a database gone stops the batch."""
    if not res.error and res.read is not None and res.record is not None:
        try:
            outcome = _store_retrying(engine, res, reprocess, arrival)
            getattr(summary, _SUMMARY[outcome]).append(res.path)
            return outcome
        except SQLAlchemyError as e:
            _raise_if_database_gone(e)
            log.debug("%s: not stored", res.path, exc_info=True)
            orig = getattr(e, "orig", None) or e
            res.error = f"the database refused it ({type(orig).__name__}: {' '.join(str(orig).split())[:200]})"
        except Exception as e:  # a bug in storing one document: reported with it, the rest goes on
            log.debug("%s: not stored", res.path, exc_info=True)
            res.error = f"internal error while storing it: {type(e).__name__}: {str(e)[:200]}"
    summary.failed.append((res.path, res.error or "unknown error"))
    return "failed"


def _raise_if_database_gone(e: SQLAlchemyError) -> None:
    if getattr(e, "connection_invalidated", False):
        raise StorageError(f"lost the database connection: {type(e).__name__}") from e


def _store_retrying(engine, res: Processed, reprocess: bool,  # type: ignore[no-untyped-def]
                    arrival: Arrival | None = None, attempts: int = 10) -> str:
    """One transaction per document. Another ingest writing to the same database may commit the same
    file or the same dispatch between our read and our write (a unique key fails), or hold SQLite's
    write lock past the busy timeout, or PostgreSQL picks it as a deadlock's victim: the transaction is
    then run again, after a random pause (so two writers that collided do not collide again in step),
    and sees what the other committed. Each collision means the other writer made progress, so a file
    fails only when the other keeps winning every time."""
    assert res.read is not None and res.record is not None
    for attempt in range(1, attempts + 1):
        try:
            with Session(engine) as session, session.begin():
                batch.prefetch(session, [(res.read, res.record)])
                return store(session, res.read, res.record, reprocess, res.signature, arrival, res.encoded).outcome
        except (IntegrityError, OperationalError) as e:
            retriable = isinstance(e, IntegrityError) or is_locked(e)
            if not retriable or attempt == attempts:
                raise
            log.info("%s: concurrent write (%s), trying again", res.path, type(e.orig).__name__)
            forget_known(engine)  # the rolled-back transaction may have named bodies the cache now holds
            time.sleep(random.uniform(0.05, 0.15) * attempt)
    raise AssertionError("unreachable")
