"""The browser and the archivist's commands: `congvan serve`, the incoming register (`congvan register`),
accounts (`congvan user`), the signatures checked on receipt (`congvan verify`) and the archive
copies (`congvan archive`).

Kept apart from pipeline/cli_app.py, which registers them on the same application.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .cli_app import (
    DbOpt,
    FormatOpt,
    OcrOpt,
    OutputTypeOpt,
    TrustRootOpt,
    _check_ocr,
    _check_output_type,
    _fail,
    _session,
    _state,
    app,
)
from .errors import CongvanError, UsageError
from .queries import render

user_app = typer.Typer(help="Accounts of `congvan serve`.\n\nExample: `congvan user add lan --role archivist`")
app.add_typer(user_app, name="user")


@app.command()
def serve(db: DbOpt = None, host: Annotated[str, typer.Option(help="Address to listen on (localhost unless told)")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
          https: Annotated[bool, typer.Option("--https", help="Behind an HTTPS proxy: the session cookie is "
                                              "marked Secure")] = False) -> None:
    """The archive in a browser: documents, a document with its page images, tasks, trace, review, register, corrections.

    Example: `congvan serve --db sqlite:///archive.db`, then open http://127.0.0.1:8000
    """
    import uvicorn

    from .storage.db import display_url, open_engine
    from .web.app import create_app

    engine = open_engine(db, create=False)  # migrated: the corrections table may be new
    typer.echo(f"congvan: serving {display_url(str(engine.url))} on http://{host}:{port}", err=True)
    if not _has_accounts(engine):
        typer.echo("congvan: no account yet; make one with `congvan user add NAME --role admin`", err=True)
    uvicorn.run(create_app(engine, https_only=https), host=host, port=port, log_level="debug" if _state["verbose"] else "warning")


def _has_accounts(engine: Any) -> bool:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from models import Account

    with Session(engine) as s:
        return s.scalar(select(Account.id).limit(1)) is not None


@app.command("register")
def register_(year: Annotated[int, typer.Option(help="The register's year (số đến restarts each year)")],
              db: DbOpt = None,
              fmt: Annotated[str, typer.Option("--format", help="xlsx | csv")] = "csv",
              out: Annotated[Path | None, typer.Option("--out", help="Write here (xlsx: required unless stdout "
                                                       "is not a terminal)")] = None,
              name: Annotated[str | None, typer.Option("--register", help="Which register (default: the general one)")]
              = None) -> None:
    """The incoming register (sổ đăng ký văn bản đến) of a year, with the columns of NĐ 30/2020 Phụ lục IV.

    Example: `congvan register --year 2025 --format xlsx --out so-den-2025.xlsx`
    """
    from .storage import register

    if fmt not in ("xlsx", "csv"):
        raise UsageError(f"--format must be xlsx or csv, not {fmt!r}")
    if not 1900 <= year <= 9999:
        raise UsageError(f"--year must be a year, not {year}")
    which = name or register.DEFAULT_REGISTER
    with _session(db) as s:
        rows = register.lines(s, year, which)
    data = register.to_xlsx(rows, year, which) if fmt == "xlsx" else register.to_csv(rows).encode("utf-8")
    if out is not None:
        out.write_bytes(data)
        typer.echo(f"{len(rows)} lines of the {year} register written to {out}", err=True)
    elif fmt == "xlsx" and sys.stdout.isatty():
        raise UsageError("an xlsx register is a binary file: give --out FILE (or redirect stdout)")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


@user_app.command("add")
def user_add(name: str, role: Annotated[str, typer.Option(help="reader | archivist | admin")] = "reader",
             db: DbOpt = None,
             password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from "
                                                          "the first line of stdin instead of asking")] = False,
             replace: Annotated[bool, typer.Option("--replace", help="Give an existing account this role "
                                                   "and a new password")] = False) -> None:
    """Make an account: readers read, archivists also correct, admins too.

    Example: `congvan user add lan --role archivist` (asks for the password twice)
    """
    from .storage import accounts
    from .storage.db import open_engine

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    from sqlalchemy.orm import Session

    with Session(open_engine(db)) as s:  # a new database may be made here: the first account comes first
        account = accounts.add(s, name, role, password, replace)
        s.commit()
        typer.echo(f"account {account.name!r} ({account.role}) {'updated' if replace else 'made'}", err=True)


@user_app.command("list")
def user_list(db: DbOpt = None) -> None:
    """The accounts and their roles.

    Example: `congvan user list`
    """
    from .queries import render
    from .storage import accounts

    with _session(db) as s:
        render.emit(accounts.listed(s), "table", "Accounts", ["name", "role", "created"])


@app.command()
def archive(files: list[Path], out: Annotated[Path, typer.Option("--out", help="Folder for the copies")],
            output_type: OutputTypeOpt = "auto", ocr: OcrOpt = "auto") -> None:
    """Write each scan's searchable archive copy: PDF/A-2b whose invisible text is congvan's corrected words.

    Made by OCRmyPDF from the words congvan read (Tesseract is not run twice); a born-digital PDF keeps
    its text layer and, unless `--output-type pdfa`, its bytes. Each copy is checked before it is kept.
    Example: `congvan archive scans/*.pdf --out archive/`
    """
    from .archive import write_copy
    from .ingest import process_all

    failed = 0
    for f, res in zip(files, process_all(files, 1, _check_ocr(ocr)), strict=True):
        try:
            if res.error or res.read is None or res.record is None:
                raise CongvanError(res.error or "not read")
            copy = write_copy(res.read, res.record, out, _check_output_type(output_type))
        except CongvanError as e:
            _fail(str(f), getattr(e, "reason", str(e)))
            failed += 1
            continue
        typer.echo(f"{f} -> {copy.path} ({copy.kind}, {copy.pages} pages, sha256 {copy.sha256[:16]}…)"
                   + (f"; {copy.note}" if copy.note else ""))
    raise typer.Exit(1 if failed else 0)


@app.command()
def verify(files: list[Path], trust_root: TrustRootOpt = None, fmt: FormatOpt = "table") -> None:
    """Check every digital signature of each PDF: signer, time, whether it covers the whole file, intact, trust.

    Exits 1 when a signature is broken or cannot be checked, or a file was modified after its last
    signature. Example: `congvan verify incoming/*.pdf --trust-root rootca-g2.pem`
    """
    from .reading.signatures import load_trust_roots, verify_file

    roots = load_trust_roots(trust_root or [])
    rows: list[dict[str, Any]] = []
    failed = False
    for f in files:
        try:
            found, ok = verify_file(f, roots)
        except CongvanError as e:
            _fail(str(f), getattr(e, "reason", str(e)))
            failed = True
            continue
        rows += found
        failed |= not ok
        for row in found:
            if row["intact"].startswith("cannot be checked"):
                _fail(str(f), f"signature {row['field'] or '?'} {row['intact']}")
    render.emit(rows, fmt, "Digital signatures", ["file", "field", "signer", "time", "covers", "intact", "trust"])
    raise typer.Exit(1 if failed else 0)
