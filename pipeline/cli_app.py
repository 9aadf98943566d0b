"""The `congvan` command line as a typer application: every command, its help and its usage errors.

pipeline/cli.py runs it (and answers plain `tasks` and `search` calls without it, see
pipeline/cli_query.py). Errors become `congvan: FILE: reason` and an exit code; tracebacks only with -v."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from . import cli_query
from .cli import _state, _verbosity
from .errors import UsageError
from .types import Limits

app = typer.Typer(
    add_completion=False, no_args_is_help=True, rich_markup_mode="markdown", pretty_exceptions_enable=False,
    help="Turn Vietnamese administrative dispatches into a record of who assigned what to whom.\n\n"
         "Example: `congvan ingest data/raw && congvan tasks --assignee 'phong kinh te'`",
)
db_app = typer.Typer(help="Database maintenance.\n\nExample: `congvan db upgrade --db sqlite:///archive.db`")
app.add_typer(db_app, name="db")

DbOpt = Annotated[str | None, typer.Option("--db", help="SQLAlchemy URL (default $CONGVAN_DB or sqlite:///data/processed/congvan.db)")]
OcrOpt = Annotated[str, typer.Option("--ocr", help="auto: OCR pages without a usable text layer; force; off")]
FormatOpt = Annotated[str, typer.Option("--format", help="table | json | csv")]
MaxPagesOpt = Annotated[int, typer.Option("--max-pages", help="Refuse files with more pages or frames")]
MaxPixelsOpt = Annotated[int, typer.Option("--max-pixels", help="Refuse images or PDF pages (at 300 dpi) larger "
                                           "than this (decompression-bomb guard)")]
OcrSecondsOpt = Annotated[float, typer.Option("--ocr-timeout", help="Seconds of OCR allowed per page")]
FileSecondsOpt = Annotated[float, typer.Option("--file-timeout", help="Seconds allowed for all of one file's work "
                                               "(reading, OCR, extraction); over it the file fails. 0: no limit")]
MaxTextOpt = Annotated[int, typer.Option("--max-text-bytes", help="Refuse a text file, or the text read from a "
                                         "file, larger than this")]
TrustRootOpt = Annotated[list[Path] | None, typer.Option(
    "--trust-root", help="A PEM or DER file of root certificates to judge digital signatures' trust by "
                         "(repeatable); without one, trust is 'not checked'")]
OutputTypeOpt = Annotated[str, typer.Option("--output-type", help="auto: PDF/A-2b for scans, a born-digital PDF as "
                                            "it is; pdfa: PDF/A-2b for every PDF; pdf: no PDF/A")]


@app.callback()
def _main(verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Log details and show tracebacks")] = False) -> None:
    _verbosity(verbose)


def _fail(path: str, reason: str) -> None:
    typer.echo(f"congvan: {path}: {reason}", err=True)


def _check_ocr(ocr: str) -> Any:
    if ocr not in ("auto", "force", "off"):
        raise typer.BadParameter("--ocr takes auto, force or off")
    return ocr


@app.command()
def extract(files: list[Path], out: Annotated[Path | None, typer.Option(
                "--out", help="Write DIR/STEM.json (DIR/NAME.json, the whole file name, when another file has that stem)")] = None,
            as_json: Annotated[bool, typer.Option("--json", help="Print the records")] = False, ocr: OcrOpt = "auto",
            max_pages: MaxPagesOpt = Limits.max_pages, max_pixels: MaxPixelsOpt = Limits.max_pixels,
            ocr_timeout: OcrSecondsOpt = Limits.ocr_seconds, file_timeout: FileSecondsOpt = Limits.file_seconds,
            max_text_bytes: MaxTextOpt = Limits.max_text_bytes, trust_root: TrustRootOpt = None) -> None:
    """Read each file and write its record (../shared/spec/record.md).

    Example: `congvan extract scan.pdf letter.txt --out records/ --trust-root rootca-g2.pem`
    """
    from .extract import record_name
    from .ingest import process_all
    from .reading.signatures import load_trust_roots

    failed = 0
    taken: set[str] = set()
    limits = _limits(max_pages, max_pixels, ocr_timeout, file_timeout, max_text_bytes)
    roots = load_trust_roots(trust_root or [])
    for f, res in zip(files, process_all(files, 1, _check_ocr(ocr), limits, trust_roots=roots), strict=True):
        if res.error:
            _fail(str(f), res.error)
            failed += 1
            continue
        text = json.dumps(res.record, ensure_ascii=False, indent=1)
        if out:
            out.mkdir(parents=True, exist_ok=True)
            name = record_name(out, f, files, taken)
            taken.add(name)
            (out / name).write_text(text, encoding="utf-8")
        if as_json or not out:
            typer.echo(text)
    raise typer.Exit(1 if failed else 0)


@app.command()
def ingest(paths: list[Path], db: DbOpt = None,
           workers: Annotated[int, typer.Option(help="Worker processes (default: the number of cores)")] = 0,
           ocr: OcrOpt = "auto",
           reprocess: Annotated[bool, typer.Option("--reprocess", help="Read and extract stored files again; "
                                                   "replace what changed")] = False,
           max_pages: MaxPagesOpt = Limits.max_pages, max_pixels: MaxPixelsOpt = Limits.max_pixels,
           ocr_timeout: OcrSecondsOpt = Limits.ocr_seconds, file_timeout: FileSecondsOpt = Limits.file_seconds,
           max_text_bytes: MaxTextOpt = Limits.max_text_bytes,
           scheduler: Annotated[str | None, typer.Option(
               help="Run the per-file work on this Dask cluster (tcp://HOST:8786); the files must be "
                    "at the same path on its workers")] = None, trust_root: TrustRootOpt = None,
           archive: Annotated[Path | None, typer.Option(
               "--archive", help="Also write each PDF's or image's archive copy here (see `congvan archive`)")] = None,
           output_type: OutputTypeOpt = "auto",
           arrived: Annotated[str | None, typer.Option(help="Ngày đến (YYYY-MM-DD) of the new documents in the "
                                                       "incoming register; default each file's modification day")] = None,
           register: Annotated[str | None, typer.Option(help="The incoming register they are entered in")] = None) -> None:
    """Ingest files and folders into the database (files whose bytes are stored are skipped).

    Example: `congvan ingest data/raw --workers 2`, or `congvan ingest /shared/archive --scheduler tcp://10.0.0.5:8786`
    """
    import os
    import time

    from .pool import start_pool, stop_pool

    workers = workers or os.cpu_count() or 1
    # The workers first: their server loads the models while this process imports the database's
    # library and opens the database (pipeline/pool.py; run stops them)
    pool = start_pool(workers, sign=True, early=True) if not scheduler and any(p.exists() for p in paths) else None
    try:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        from .ingest import Archive, run
        from .reading.signatures import load_trust_roots
        from .storage.register import DEFAULT_REGISTER, Arrival, check_day

        roots = load_trust_roots(trust_root or [])  # a bad file is refused before the batch starts
        arrival = Arrival(register or DEFAULT_REGISTER, check_day(arrived, "--arrived") if arrived else None)
    except BaseException:
        if pool is not None:
            stop_pool(pool)
        raise
    console = Console(stderr=True)
    progress = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
                        TextColumn("{task.fields[pages]} pages, {task.fields[rate]:.2f} pages/s"),
                        TimeRemainingColumn(), console=console, transient=True)
    bar = progress.add_task("ingest", total=None, pages=0, rate=0.0)
    started = time.perf_counter()
    pages = 0

    def plan(todo: int, known: int) -> None:
        progress.update(bar, total=todo)
        if known:
            console.print(f"{known} files already stored, skipped")
        for path, reason in summary_skipped:
            console.print(f"congvan: {path}: {reason}", style="red", markup=False, highlight=False, soft_wrap=True)

    def done(res: Any, outcome: str) -> None:
        nonlocal pages
        pages += len(res.read.pages) if res.read else 0
        progress.update(bar, advance=1, pages=pages, rate=pages / max(time.perf_counter() - started, 1e-6))
        if outcome == "failed":
            progress.console.print(f"congvan: {res.path}: {res.error}", style="red", markup=False, highlight=False,
                                   soft_wrap=True)
        elif _state["verbose"]:
            progress.console.print(f"{outcome}: {res.path}", markup=False, highlight=False)

    summary_skipped: list[tuple[str, str]] = []
    with progress:
        summary = run(paths, db, workers=workers, ocr=_check_ocr(ocr), pool=pool,
                      on_done=done, on_plan=plan, reprocess=reprocess,
                      limits=_limits(max_pages, max_pixels, ocr_timeout, file_timeout, max_text_bytes),
                      scheduler=scheduler, skipped=summary_skipped, trust_roots=roots,
                      archive=Archive(archive, _check_output_type(output_type)) if archive else None,
                      arrival=arrival)
    again = f"reprocessed {len(summary.reprocessed)}, unchanged {len(summary.unchanged)}, " if reprocess else ""
    console.print(f"stored {len(summary.stored)}, merged into existing documents {len(summary.merged)}, "
                  f"replaced (edited in place) {len(summary.replaced)}, {again}"
                  f"already stored {len(summary.duplicates)}, failed {len(summary.failed)}, "
                  f"skipped {len(summary.skipped)} "
                  f"({pages} pages in {time.perf_counter() - started:.1f} s, "
                  f"storing {summary.writer_cpu:.2f} s of CPU)", soft_wrap=True)
    for path, reason in summary.failed:
        console.print(f"  failed: {path}: {reason}", markup=False, highlight=False, soft_wrap=True)
    for path, reason in summary.skipped:
        console.print(f"  skipped: {path}: {reason}", markup=False, highlight=False, soft_wrap=True)
    if archive:
        console.print(f"archive copies written {len(summary.archived)}, failed {len(summary.archive_failed)}")
        for path, reason in summary.archive_failed:
            console.print(f"  archive copy failed: {path}: {reason}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(1 if summary.failed or summary.skipped or summary.archive_failed else 0)


def _check_output_type(value: str) -> Any:
    if value not in ("auto", "pdfa", "pdf"):
        raise typer.BadParameter("--output-type takes auto, pdfa or pdf")
    return value


@app.command()
def tasks(db: DbOpt = None, assignee: Annotated[str | None, typer.Option(help="Assignee, accents and case ignored")] = None,
          issuer: Annotated[str | None, typer.Option(help="Issuing body of the assigning document")] = None,
          due_before: Annotated[str | None, typer.Option("--due-before", help="YYYY-MM-DD")] = None,
          overdue: Annotated[bool, typer.Option(help="Deadline before today")] = False,
          limit: Annotated[int | None, typer.Option(help="At most this many rows; 0 means no limit (the table "
                                                      "shows 50 unless told, json and csv all)")] = None,
          fmt: FormatOpt = "table") -> None:
    """Who assigned what to whom, by when.

    Example: `congvan tasks --assignee "phong kinh te" --format csv`
    """
    cli_query.tasks(db, assignee, issuer, due_before, overdue, limit, fmt)


@app.command()
def show(number: str, db: DbOpt = None, fmt: FormatOpt = "table") -> None:
    """Every document with that number: sources, fields, references both ways, tasks, signer.

    Case, spaces, accents and Đ/D are forgiven (`show 410/qd-ubnd`); on a miss the nearest numbers are named.
    Example: `congvan show 03-CV/BCĐ`
    """
    cli_query.show(number, db, fmt)


@app.command()
def trace(number: str, db: DbOpt = None,
          up: Annotated[bool, typer.Option("--up", help="What it cites, and what those cite")] = False,
          down: Annotated[bool, typer.Option("--down", help="What implements or cites it (default)")] = False,
          depth: Annotated[int, typer.Option(help="Levels to follow")] = 5, fmt: FormatOpt = "table") -> None:
    """The reference chain of a document as a tree, with the tasks assigned on the way down.

    A document reached by two paths is shown in full once, at the end of the longer chain, and
    elsewhere as "→ see above" (or below).
    The number is forgiven as `show` forgives it. Example: `congvan trace 02-KH/BCĐTW --down`
    """
    cli_query.trace(number, db, up, down, depth, fmt)


@app.command()
def search(query: str, db: DbOpt = None,
           limit: Annotated[int, typer.Option(help="At most this many hits; 0 means no limit")] = 20,
           fmt: FormatOpt = "table") -> None:
    """Full-text search over every document, accents and case ignored, best match first.

    Example: `congvan search "chuyen doi so"`
    """
    cli_query.search(query, db, limit, fmt)


@app.command()
def export(directory: Annotated[Path | None, typer.Argument(help="With --format gold: the folder for the records")] = None,
           db: DbOpt = None, fmt: Annotated[str, typer.Option("--format", help="json | csv | graphml | gold")] = "json",
           out: Annotated[Path | None, typer.Option("--out", help="Write here instead of stdout")] = None,
           corrected: Annotated[bool, typer.Option("--corrected", help="With --format gold: only the documents "
                                                   "an archivist corrected")] = False) -> None:
    """The whole graph (documents, bodies, people; citations, tasks, signatures) for other tools,
    or (`--format gold DIR`) each document as a gold record that `congvan eval --gold DIR` scores against.

    Example: `congvan export --format graphml --out archive.graphml`   (opens in Gephi or networkx);
    `congvan export --corrected --format gold gold/`   (every correction becomes regression data)
    """
    from .queries.export import export as write

    if fmt == "gold":
        _export_gold(db, directory or out, corrected)
        return
    if fmt not in ("json", "csv", "graphml"):
        raise UsageError(f"--format must be json, csv, graphml or gold, not {fmt!r}")
    if directory is not None or corrected:
        raise UsageError("a folder and --corrected go with --format gold")
    with _session(db) as s:
        if out is None:
            write(s, fmt, sys.stdout)  # type: ignore[arg-type]
        else:
            with out.open("w", encoding="utf-8", newline="") as f:
                write(s, fmt, f)  # type: ignore[arg-type]


def _export_gold(db: str | None, directory: Path | None, corrected: bool) -> None:
    from .queries.export import gold

    if directory is None:
        raise UsageError("--format gold writes one record per file: give the folder (congvan export --format gold DIR)")
    with _session(db) as s:
        written, clashes = gold(s, directory, corrected)
    for stem in clashes:
        _fail(stem, "two documents have a source of this name; the first one's record was written")
    typer.echo(f"{len(written)} gold records written to {directory}")


@app.command()
def read(file: Path, ocr: OcrOpt = "auto",
         layout: Annotated[bool, typer.Option("--layout", help="Words where they stand on the page "
                                              "(header and signature blocks side by side), as pdftotext -layout")] = False
         ) -> None:
    """Print the text as the pipeline read it (normalised, diacritics corrected), page by page.

    Example: `congvan read scan.pdf --ocr force`, `congvan read dispatch.pdf --layout`
    """
    from .reading.files import page_grid, read_file

    res = read_file(file, ocr=_check_ocr(ocr))
    for p in res.pages:
        conf = f", confidence {p.confidence:.2f}" if p.confidence is not None else ""
        restored = ", diacritics restored" if p.restored else ""
        legacy = f", converted from {p.encoding}" if p.encoding else ""
        turned = f", turned {p.rotation}°" if p.rotation else ""
        typer.echo(f"--- page {p.number} ({p.method}{turned}{conf}{restored}{legacy}, {p.seconds:.2f} s)")
        typer.echo(page_grid(p) if layout else p.text)


@app.command()
def restore(file: Path, condition: Annotated[str, typer.Option(
        help="auto | intact (repair invalid words only) | stripped | garbled (OCR without Vietnamese data)")] = "auto",
        ocr: OcrOpt = "auto", quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No change report")] = False,
        ) -> None:
    """Print FILE's text with its diacritics restored; what changed goes to stderr.

    Valid accented text stays as it is unless the text as a whole lost its marks.
    Example: `congvan restore ocr-output.txt > restored.txt`
    """
    from .reading.diacritics import restore as restore_text
    from .reading.files import read_file

    if condition not in ("auto", "intact", "stripped", "garbled"):
        raise UsageError(f"--condition must be auto, intact, stripped or garbled, not {condition!r}")
    res = read_file(file, ocr=_check_ocr(ocr), restorer=False)
    for p in res.pages:
        r = restore_text(p.text, None if condition == "auto" else condition, ocr=p.method == "ocr")  # type: ignore[arg-type]
        typer.echo(r.text)
        if not quiet:
            typer.echo(f"page {p.number}: {r.condition} text, {len(r.changes)} words changed", err=True)
            for c in r.changes:
                line = p.text.count("\n", 0, c.start) + 1
                typer.echo(f"  line {line}: {c.old} -> {c.new}", err=True)


def _stems(listing: Path) -> list[str]:
    try:
        lines = listing.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise UsageError(f"{listing}: {e.strerror}") from None
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


@app.command("eval")
def eval_(corpus: Path, gold: Annotated[Path, typer.Option(help="Directory of STEM.json gold records "
                                                           "(and optional STEM.txt reference texts)")],
          baseline: Annotated[Path | None, typer.Option(help="Fail when a figure is worse than this")] = None,
          update_baseline: Annotated[bool, typer.Option("--update-baseline", help="Write the figures to --baseline")] = False,
          report: Annotated[Path | None, typer.Option(help="Write an HTML report here")] = None,
          workers: Annotated[int, typer.Option(help="Worker processes")] = 1, ocr: OcrOpt = "auto",
          skip: Annotated[Path | None, typer.Option(help="Leave out the stems listed in this file (a blind set, "
                                                    "e.g. tests/corpus/BLIND)")] = None,
          only: Annotated[Path | None, typer.Option(help="Score only the stems listed in this file")] = None) -> None:
    """Score extraction on every CORPUS document that has a gold record.

    Prints precision, recall and F1 per field (the judge's definitions), OCR CER and syllable
    accuracy where a reference text exists. Exit 1 when --baseline is given and a figure fell.
    Example: `congvan eval tests/regression/corpus --gold tests/regression/gold --baseline tests/regression/baseline.json`
    """
    from .evaluation.evaluate import evaluate, print_table, regressions, write_report

    if update_baseline and baseline is None:
        raise UsageError("--update-baseline needs --baseline FILE")
    left_out = frozenset(_stems(skip)) if skip else frozenset()
    if only:
        wanted = set(_stems(only))
        left_out |= {p.stem for p in gold.glob("*.json") if p.stem not in wanted}
    ev = evaluate(corpus, gold, workers, _check_ocr(ocr), skip=left_out)
    if not ev.docs:
        raise UsageError(f"no document in {corpus} has a gold record in {gold}")
    typer.echo("\n".join(print_table(ev)))
    if report:
        write_report(ev, report)
        typer.echo(f"report: {report}")
    figures = ev.figures()
    if baseline and update_baseline:
        baseline.write_text(json.dumps(figures, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        typer.echo(f"baseline written: {baseline}")
    elif baseline:
        lost = regressions(figures, json.loads(baseline.read_text(encoding="utf-8")))
        for line in lost:
            typer.echo(f"REGRESSION {line}", err=True)
        if lost:
            raise typer.Exit(1)
        typer.echo(f"no figure fell below {baseline} (tolerance {figures['tolerance']})")


@db_app.command("upgrade")
def db_upgrade(db: DbOpt = None) -> None:
    """Apply the Alembic migrations (ingest also does this on a new database).

    Example: `congvan db upgrade --db postgresql+psycopg://localhost/congvan`
    """
    from .storage.db import open_engine

    open_engine(db)
    typer.echo("database is at the newest schema")


def _limits(max_pages: int, max_pixels: int, ocr_seconds: float, file_seconds: float, max_text_bytes: int) -> Limits:
    return Limits(max_pages=max_pages, max_pixels=max_pixels, ocr_seconds=ocr_seconds, file_seconds=file_seconds,
                  max_text_bytes=max_text_bytes)


def _session(db: str | None) -> Any:
    """A session on an existing database: a query never creates one (only ingest and db upgrade do)."""
    from sqlalchemy.orm import Session

    from .storage.db import open_engine

    return Session(open_engine(db, create=False))


from . import cli_archive  # noqa: E402,F401  (registers serve, register, user, verify and archive on the app)

