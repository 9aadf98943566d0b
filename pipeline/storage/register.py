"""The incoming register (sổ đăng ký văn bản đến): a số đến and a ngày đến for each ingested document.

NĐ 30/2020/NĐ-CP, Phụ lục IV mục VI ("Mẫu sổ đăng ký văn bản đến") lays the register out: a cover
naming the year, the first and last day and number, then one line per document with at least ten
columns: (1) Ngày đến, (2) Số đến, (3) Tác giả, (4) Số, ký hiệu, (5) Ngày tháng, (6) Tên loại và
trích yếu nội dung, (7) Đơn vị hoặc người nhận, (8) Ngày chuyển, (9) Ký nhận, (10) Ghi chú (their
words are in pipeline/data/register.tsv). Số đến runs from 1 each year, per register.

A document gets its line once, when it first arrives (a merged second source, a re-ingest or a
`--reprocess` keep it); the line of a file edited in place passes to the document its new bytes
make. Ngày đến is given (`ingest --arrived`), else the file's modification time (when it was put
in the incoming folder), else today. The archivist's changes are corrections like any other
(path `register.<part>`), stored in the correction table, so they are audited and can be reverted.
"""
from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from models import Document, RegisterEntry, SourcePath

from ..errors import UsageError
from . import batch
from .rows import add, flush_pending

DEFAULT_REGISTER = "chung"
COLUMNS = ("arrived", "number", "author", "symbol", "issued", "subject", "recipient", "forwarded", "receipt", "note")
PARTS = ("arrived", "number", "recipient", "forwarded", "note")  # what an archivist may correct
_DATA = Path(__file__).resolve().parent.parent / "data" / "register.tsv"


@dataclass(frozen=True)
class Arrival:
    """How the documents of one ingest are entered: the register, and ngày đến when given."""

    register: str = DEFAULT_REGISTER
    day: str | None = None  # YYYY-MM-DD for every file of the batch; None: each file's own time

    def day_of(self, path: str) -> str:
        if self.day:
            return self.day
        try:
            return date.fromtimestamp(os.stat(path).st_mtime).isoformat()
        except (OSError, ValueError, OverflowError):
            return date.today().isoformat()


@lru_cache(maxsize=1)
def words() -> dict[str, str]:
    """The register's headings and cover words, by key."""
    out = {}
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, text = line.split("\t", 1)
            out[key] = text
    return out


def check_day(value: str, what: str) -> str:
    """`value` as YYYY-MM-DD when it is a real day written so, else UsageError."""
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise UsageError(f"{what} is a day as YYYY-MM-DD, not {value!r}")


# --- entering ---------------------------------------------------------------------------------------

def entry_of(session: Session, doc_id: int) -> RegisterEntry | None:
    return session.scalar(select(RegisterEntry).where(RegisterEntry.document_id == doc_id))


def entry_of_path(session: Session, path: str) -> RegisterEntry | None:
    """The line of the document whose source this path names now (before an edit in place drops it)."""
    from models import Source

    doc_id = session.scalar(select(Source.document_id).join(SourcePath, SourcePath.source_id == Source.id)
                            .where(SourcePath.path == path))
    return entry_of(session, doc_id) if doc_id is not None else None


def enter(session: Session, doc: Document, path: str, arrival: Arrival, prior: RegisterEntry | None = None,
          fresh: bool = False) -> None:
    """Give `doc` its line unless it has one: the line `prior` left free (its document was dropped
    when this file replaced it), else the register's next number for the year of arrival.
    `fresh`: the document was made just now, so it has no line yet."""
    if doc.is_stub or doc.id is None or (not fresh and entry_of(session, doc.id) is not None):
        return
    if prior is not None and prior.document_id is None:
        prior.document_id = doc.id
        session.flush()
        return
    day = arrival.day_of(path)
    year = int(day[:4])
    pre = batch.of(session)  # a run stored together asks for the year's last number once
    last = pre.last_number.get((arrival.register, year)) if pre is not None else None
    if last is None:  # on the session's connection: only this table's kept rows need to be in (rows.defer)
        flush_pending(session, RegisterEntry)
        last = session.connection().scalar(select(func.max(RegisterEntry.number)).where(
            RegisterEntry.register == arrival.register, RegisterEntry.year == year)) or 0
    # Two ingests numbering at once: the unique key refuses the second, whose transaction runs again.
    # A row nothing in this session holds as an object: one INSERT (rows.add), not a flush of the unit of work.
    add(session, RegisterEntry, [{"register": arrival.register, "year": year, "number": last + 1, "arrived": day,
                                  "document_id": doc.id}])
    if pre is not None:
        pre.last_number[(arrival.register, year)] = last + 1


def detach(session: Session, doc_id: int) -> None:
    """The document is gone (or only cited now): its line stays, its number is not given again."""
    session.execute(update(RegisterEntry).where(RegisterEntry.document_id == doc_id).values(document_id=None))


# --- correcting -------------------------------------------------------------------------------------

def view(entry: RegisterEntry | None) -> dict[str, Any] | None:
    if entry is None:
        return None
    return {"register": entry.register, "year": entry.year, "number": entry.number, "arrived": entry.arrived,
            "recipient": entry.recipient, "forwarded": entry.forwarded, "note": entry.note}


def check(part: str, value: Any) -> Any:
    """A register value in its stored form, or UsageError saying why it is not one."""
    if part not in PARTS:
        raise UsageError(f"register.{part} is not a column of the register an archivist fills "
                         f"(one of: {', '.join(PARTS)})")
    if value is not None and not isinstance(value, str | int):
        raise UsageError(f"register.{part} is text, not {type(value).__name__}")
    text = " ".join(str(value).split()) if value is not None else ""
    if part == "number":
        if not text.isdigit() or int(text) < 1:
            raise UsageError(f"số đến is a whole number from 1, not {text!r}")
        return int(text)
    if part in ("arrived", "forwarded"):
        if not text:
            if part == "arrived":
                raise UsageError("a line of the register has a ngày đến")
            return None
        return check_day(text, f"register.{part}")
    return text or None


def change(session: Session, doc: Document, part: str, value: Any) -> tuple[Any, Any]:
    """Set one column of the document's line; (old, new). The caller stores the correction and commits."""
    entry = entry_of(session, doc.id)
    if entry is None:
        raise UsageError(f"document #{doc.id} has no line in the register")
    return _set(session, entry, part, check(part, value))


def set_again(session: Session, doc_id: int, part: str, value: Any) -> None:
    """A revert: the column back to the value it had (checked again: the number may be taken since)."""
    entry = entry_of(session, doc_id)
    if entry is not None:
        _set(session, entry, part, check(part, value))


def _set(session: Session, entry: RegisterEntry, part: str, value: Any) -> tuple[Any, Any]:
    old = getattr(entry, part)
    if part == "arrived" and int(value[:4]) != entry.year:
        raise UsageError(f"số đến {entry.number} is in the register of {entry.year}: a ngày đến in another year "
                         "would need a number of that year's register")
    if part == "number" and value != old:
        taken = session.scalar(select(RegisterEntry.id).where(
            RegisterEntry.register == entry.register, RegisterEntry.year == entry.year, RegisterEntry.number == value))
        if taken is not None:
            raise UsageError(f"số đến {value} of {entry.year} is another document's")
    setattr(entry, part, value)
    session.flush()
    return old, value


# --- the register, as a table -----------------------------------------------------------------------

def registers(session: Session) -> list[tuple[str, int, int]]:
    """(register, year, lines) of every register kept, newest year first."""
    q = (select(RegisterEntry.register, RegisterEntry.year, func.count()).group_by(RegisterEntry.register, RegisterEntry.year)
         .order_by(RegisterEntry.year.desc(), RegisterEntry.register))
    return [(r, y, n) for r, y, n in session.execute(q)]


def lines(session: Session, year: int, register: str = DEFAULT_REGISTER, offset: int = 0,
          limit: int | None = None) -> list[dict[str, Any]]:
    """The register's lines for the year, by số đến, with the document's columns beside the
    archivist's (columns only: a document's stored record is not loaded for its line)."""
    q = (select(RegisterEntry.arrived, RegisterEntry.number, RegisterEntry.recipient, RegisterEntry.forwarded,
                RegisterEntry.note, Document.id, Document.issuer_text, Document.number, Document.issue_date,
                Document.doc_type, Document.subject)
         .outerjoin(Document, Document.id == RegisterEntry.document_id)
         .where(RegisterEntry.register == register, RegisterEntry.year == year)
         .order_by(RegisterEntry.number).offset(offset).limit(limit))
    out = []
    for arrived, number, recipient, forwarded, note, doc_id, author, symbol, issued, doc_type, subject in session.execute(q):
        out.append({"document_id": doc_id, "arrived": arrived, "number": number, "author": author, "symbol": symbol,
                    "issued": issued, "subject": " ".join(x for x in (doc_type, subject) if x) or None,
                    "recipient": recipient, "forwarded": forwarded, "receipt": None, "note": note})
    return out


def count(session: Session, year: int, register: str = DEFAULT_REGISTER) -> int:
    return session.scalar(select(func.count()).select_from(RegisterEntry).where(
        RegisterEntry.register == register, RegisterEntry.year == year)) or 0


def day_vn(iso: str | None) -> str:
    """A day as the register writes it: dd/mm/yyyy (a partial date as it is)."""
    if not iso or len(iso) != 10:
        return iso or ""
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"


def _cell(value: Any) -> str:
    """A CSV cell a spreadsheet will not run: text opening with = + - or @ gets a leading quote."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def to_csv(rows: list[dict[str, Any]]) -> str:
    w = words()
    buf = io.StringIO()
    out = csv.writer(buf)
    out.writerow([w[c] for c in COLUMNS])
    for r in rows:
        out.writerow([_cell(day_vn(r[c]) if c in ("arrived", "issued", "forwarded") else r[c]) for c in COLUMNS])
    return buf.getvalue()


def to_xlsx(rows: list[dict[str, Any]], year: int, register: str = DEFAULT_REGISTER) -> bytes:
    """The register as a workbook laid out as the decree's form: cover lines, the ten headings and
    their numbers (1)…(10), then a line per document; days are real dates shown dd/mm/yyyy.
    Written row by row (openpyxl's write-only mode)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    w = words()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(f"{year}"[:31])
    for col, width in zip("ABCDEFGHIJ", (12, 8, 28, 18, 12, 50, 24, 12, 12, 20), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A7"
    days = sorted(r["arrived"] for r in rows if r["arrived"])
    numbers = [r["number"] for r in rows]

    def cell(value: Any, **style: Any) -> Any:
        c = WriteOnlyCell(ws, value=value)
        for k, v in style.items():
            setattr(c, k, v)
        return c

    ws.append([cell(w["title"], font=Font(bold=True, size=14))])
    ws.append([f"{w['year']}: {year}" + (f" ({register})" if register != DEFAULT_REGISTER else "")])
    ws.append([f"{w['from_day']} {day_vn(days[0]) if days else '…'} {w['to_day']} {day_vn(days[-1]) if days else '…'}"])
    ws.append([f"{w['from_number']} {min(numbers) if numbers else '…'} {w['to_number']} {max(numbers) if numbers else '…'}"])
    head = Alignment(horizontal="center", vertical="center", wrap_text=True)
    bold = Font(bold=True)
    ws.append([cell(w[c], font=bold, alignment=head) for c in COLUMNS])
    ws.append([cell(f"({i})", font=bold, alignment=head) for i in range(1, len(COLUMNS) + 1)])
    # Lines carry no style but their days' format: a style on every cell took three times as long.
    for r in rows:
        line = [_xlsx_value(c, r[c]) for c in COLUMNS]
        ws.append([cell(v, number_format="dd/mm/yyyy") if isinstance(v, date) else v for v in line])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _xlsx_value(column: str, value: Any) -> Any:
    if column in ("arrived", "issued", "forwarded") and value and len(value) == 10:
        return date.fromisoformat(value)
    if isinstance(value, str) and value[:1] == "=":
        return "'" + value  # never a formula
    return value
