"""`congvan serve`: the archive in a browser, over the CLI's own queries.

Every page reads through pipeline/queries (lookup, browse) and every write goes through
pipeline/storage/corrections, so the browser and the shell give the same answers. Pages are
Jinja2 templates and plain HTML forms (no JavaScript build); the trace is an SVG drawn on the
server by Graphviz. Bad input (a malformed parameter, an unknown id, an oversized form, a
correction that breaks the record's format) gets an error page with its HTTP status and
changes nothing. Who may see and change what is pipeline/web/auth.py's: every page but the
login needs a session, every write an archivist's account and the form's CSRF token, and the
account is the author of every correction it makes.
"""
from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import Depends, FastAPI, Form, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware

from models import Document, Page, Source

from ..errors import CongvanError, ExternalToolError, InputError, NotFound, UsageError
from ..queries import browse, lookup, render
from ..storage import accounts, corrections, register
from . import auth, graph, pages
from .auth import Refused, Writer

log = logging.getLogger(__name__)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_FORM_BYTES = 64_000
REGISTER_PAGE = 200  # lines of the register a page shows (the downloads hold the whole year)  # a correction is a few lines; a larger body is refused before it is read
TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.filters["cut"] = render.cut
# a value as a person reads it: JSON with its letters (tojson writes \u1edf for ở); autoescape keeps it HTML-safe
TEMPLATES.env.filters["json"] = lambda v: json.dumps(v, ensure_ascii=False)


def href(path: str, params: dict[str, Any], changes: dict[str, Any] | None = None) -> str:
    """A page's URL with these parameters (and changes to them; None drops one), in a stable order."""
    merged = {**params, "page": None, **(changes or {})}
    query = urlencode(sorted((k, v) for k, v in merged.items() if v not in (None, "")))
    return path + ("?" + query if query else "")


TEMPLATES.env.globals["href"] = href
TEMPLATES.env.globals["value_at"] = corrections.value_at


def create_app(engine: Engine, secret: str | None = None, https_only: bool = False,
               login_limit: auth.LoginLimit | None = None) -> FastAPI:
    """The application over one database (opened, migrated, by the caller). `secret` signs the
    session cookies (default auth.secret_key()); `https_only` marks them Secure."""
    app = FastAPI(title="congvan", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.engine = engine
    app.state.login_limit = login_limit or auth.LoginLimit()
    _errors(app)

    @app.middleware("http")
    async def gate(request: Request, call_next: Any) -> Response:
        """A form's size and origin first, then the session's account (one middleware: each costs a task)."""
        if request.method == "POST":
            size = request.headers.get("content-length")
            if size is None or not size.isdigit():
                return _error_page(request, 411, "A form must say how long it is (Content-Length).")
            if int(size) > MAX_FORM_BYTES:
                return _error_page(request, 413, f"A form may be {MAX_FORM_BYTES:,} bytes at most.")
            origin = request.headers.get("origin") or request.headers.get("referer")
            if origin and urlsplit(origin).netloc != request.headers.get("host"):
                return _error_page(request, 403, "A form sent from another site is refused.")
        with Session(engine) as s:
            request.state.account = auth.account_of(request, s)
        if request.state.account is None and request.url.path not in auth.OPEN_PATHS:
            if request.method in ("GET", "HEAD"):
                wanted = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                return RedirectResponse("/login?" + urlencode({"next": wanted}), status_code=303)
            return _error_page(request, 401, "Log in first: this server answers nothing without a session.")
        response: Response = await call_next(request)
        return response

    # outermost, so the gate sees the session
    app.add_middleware(SessionMiddleware, secret_key=secret or auth.secret_key(), session_cookie="congvan_session",
                       max_age=auth.SESSION_HOURS * 3600, same_site="lax", https_only=https_only)
    app.include_router(_routes())
    return app


def _session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as s:
        yield s


Db = Annotated[Session, Depends(_session)]


def _page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    account = getattr(request.state, "account", None)
    context = {"account": account, "can_write": account is not None and account.role in accounts.WRITERS,
               "csrf": auth.csrf_token(request) if "session" in request.scope else "", **context}
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status_code)


def _error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return _page(request, "error.html", status, status=status, message=message)


def _errors(app: FastAPI) -> None:
    @app.exception_handler(Refused)
    async def refused(request: Request, e: Refused) -> HTMLResponse:
        page = _error_page(request, e.status, e.message)
        if e.retry_after:
            page.headers["Retry-After"] = str(e.retry_after)
        return page

    @app.exception_handler(NotFound)
    async def not_found(request: Request, e: NotFound) -> HTMLResponse:
        return _error_page(request, 404, str(e))

    @app.exception_handler(UsageError)
    async def bad_request(request: Request, e: UsageError) -> HTMLResponse:
        return _error_page(request, 422 if request.method == "POST" else 400, str(e))

    @app.exception_handler(InputError)
    async def unreadable(request: Request, e: InputError) -> HTMLResponse:
        return _error_page(request, 404, str(e))

    @app.exception_handler(ExternalToolError)
    async def tool(request: Request, e: ExternalToolError) -> HTMLResponse:
        return _error_page(request, 503, str(e))

    @app.exception_handler(CongvanError)
    async def other(request: Request, e: CongvanError) -> HTMLResponse:
        return _error_page(request, 500, str(e))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, e: RequestValidationError) -> HTMLResponse:
        what = "; ".join(f"{'.'.join(str(x) for x in err['loc'][1:])}: {err['msg']}" for err in e.errors())
        return _error_page(request, 400 if request.method == "GET" else 422, f"Bad parameter: {what}")

    @app.exception_handler(HTTPException)
    async def http(request: Request, e: HTTPException) -> HTMLResponse:
        return _error_page(request, e.status_code, str(e.detail))


def _view(session: Session, doc: Document) -> dict[str, Any]:
    """The document's corrected record, and its line in the incoming register under "register"."""
    return {**corrections.current(session, doc), "register": register.view(register.entry_of(session, doc.id))}


def _ascii(text: str) -> str:
    from extractors.text import fold

    return "".join(c if c.isalnum() or c in "-_" else "-" for c in fold(text))


def _document(session: Session, doc_id: int) -> Document:
    doc = session.get(Document, doc_id)
    if doc is None:
        raise NotFound(f"no document #{doc_id}")
    return doc


def _routes() -> Any:
    from fastapi import APIRouter

    r = APIRouter()

    @r.get("/")
    def home() -> RedirectResponse:
        return RedirectResponse("/documents", status_code=303)

    @r.get("/documents", response_class=HTMLResponse)
    def documents(request: Request, db: Db, q: Annotated[str | None, Query(max_length=lookup.MAX_QUERY_CHARS)] = None,
                  type: str | None = None, issuer: int | None = None,
                  year: Annotated[str | None, Query(pattern=r"^\d{4}$")] = None, read: str | None = None,
                  page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
        f = browse.Facets(q=(q or "").strip() or None, doc_type=type or None, issuer=issuer, year=year or None,
                          read=read or None, page=page)
        result = browse.documents(db, f)
        choices = {"q": f.q, "type": f.doc_type, "issuer": f.issuer, "year": f.year, "read": f.read}
        return _page(request, "documents.html", result=result, choices={k: v for k, v in choices.items() if v})

    @r.get("/documents/{doc_id}", response_class=HTMLResponse)
    def document(request: Request, db: Db, doc_id: int) -> HTMLResponse:
        doc = _document(db, doc_id)
        shown = lookup.show_id(db, doc_id)
        view = _view(db, doc) if doc.sources else {}
        targets = {c["number"]: c for c in shown["cites"]} if shown else {}
        return _page(request, "document.html", d=shown, view=view, images=_images(db, doc), fields=_FIELDS,
                     targets=targets, where=_where(shown or {}, doc))

    @r.get("/documents/{doc_id}/correct", response_class=HTMLResponse)
    def correct_form(request: Request, db: Db, doc_id: int, path: Annotated[str, Query(max_length=120)]) -> HTMLResponse:
        account = auth.current(request)
        if account.role not in accounts.WRITERS:
            raise Refused(403, f"{account.name} is a {account.role}: a reader may read the archive but not change it.")
        doc = _document(db, doc_id)
        if doc.is_stub:
            raise NotFound(f"document #{doc_id} is cited only, not ingested: it has no values to correct")
        view = _view(db, doc)
        if path not in corrections.paths_of(view):
            raise NotFound(f"document #{doc_id} has no value {path!r} to correct")
        value = corrections.value_at(view, path)
        return _page(request, "correct.html", doc=doc, path=path, value=value, shown=_as_form(path, value),
                     multiline=_multiline(path), delete=_is_item(path))

    @r.post("/documents/{doc_id}/corrections")
    def correct(db: Db, account: Writer, doc_id: int, path: Annotated[str, Form(max_length=120)],
                value: Annotated[str, Form()] = "", note: Annotated[str, Form(max_length=2000)] = "",
                delete: Annotated[str, Form()] = "") -> RedirectResponse:
        doc = _document(db, doc_id)
        new = None if delete else _from_form(path, value)
        corrections.correct(db, doc, path, new, account.name, note or None)
        db.commit()
        return RedirectResponse(f"/documents/{doc_id}#{'register' if path.startswith('register.') else 'corrections'}",
                                status_code=303)

    @r.post("/corrections/{correction_id}/revert")
    def revert(db: Db, account: Writer, correction_id: int,
               note: Annotated[str, Form(max_length=2000)] = "") -> RedirectResponse:
        row = corrections.revert(db, correction_id, account.name, note or None)
        db.commit()
        return RedirectResponse(f"/documents/{row.document_id}#corrections", status_code=303)

    @r.get("/register", response_model=None)
    def register_page(request: Request, db: Db, year: Annotated[int | None, Query(ge=1900, le=9999)] = None,
                      name: Annotated[str, Query(max_length=80)] = register.DEFAULT_REGISTER,
                      format: Annotated[str, Query(pattern="^(html|csv|xlsx)$")] = "html",
                      page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> Response:
        kept = register.registers(db)
        if year is None:
            year = next((y for n, y, _ in kept if n == name), date.today().year)
        if format == "html":
            total = register.count(db, year, name)
            rows = register.lines(db, year, name, (page - 1) * REGISTER_PAGE, REGISTER_PAGE)
            return _page(request, "register.html", rows=rows, year=year, register_name=name, kept=kept,
                         words=register.words(), columns=register.COLUMNS, day=register.day_vn, total=total, page=page,
                         pages=max(1, -(-total // REGISTER_PAGE)))
        rows = register.lines(db, year, name)
        stem = f"so-den-{year}" + ("" if name == register.DEFAULT_REGISTER else f"-{name}")
        if format == "csv":
            return Response(register.to_csv(rows), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="{_ascii(stem)}.csv"'})
        return Response(register.to_xlsx(rows, year, name), media_type=XLSX,
                        headers={"Content-Disposition": f'attachment; filename="{_ascii(stem)}.xlsx"'})

    @r.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, next: Annotated[str, Query(max_length=2000)] = "/documents") -> HTMLResponse:
        return _page(request, "login.html", next=auth.safe_next(next), login_name="")

    @r.post("/login", response_model=None)
    def login(request: Request, db: Db, name: Annotated[str, Form(max_length=120)],
              password: Annotated[str, Form(max_length=1000)], csrf: Annotated[str, Form(max_length=200)] = "",
              next: Annotated[str, Form(max_length=2000)] = "/documents") -> Response:
        auth.check_csrf(request, csrf)
        limit: auth.LoginLimit = request.app.state.login_limit
        address = request.client.host if request.client else "?"
        limit.check(name, address)
        account = accounts.check(db, name, password)
        if account is None:
            limit.failed(name, address)
            log.warning("failed login for %r from %s", name, address)
            return _page(request, "login.html", 401, next=auth.safe_next(next), login_name=name,
                         message="Wrong name or password.")
        db.commit()  # a rehashed password
        limit.succeeded(name)
        auth.log_in(request, account)
        log.info("%s logged in from %s", account.name, address)
        return RedirectResponse(auth.safe_next(next), status_code=303)

    @r.post("/logout")
    def logout(request: Request, csrf: Annotated[str, Form(max_length=200)] = "") -> RedirectResponse:
        auth.check_csrf(request, csrf)
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

    @r.get("/sources/{source_id}/pages/{number}.png")
    def page_image(db: Db, source_id: int, number: int) -> Response:
        src = db.get(Source, source_id)
        if src is None or not pages.has_images(src.media_type) or not 1 <= number <= src.pages:
            raise NotFound(f"no page {number} of source #{source_id} to show")
        return Response(pages.image_png(src.path, src.media_type, number, src.sha256), media_type="image/png",
                        headers={"Cache-Control": "private, max-age=600"})

    @r.get("/tasks", response_model=None)
    def tasks(request: Request, db: Db, assignee: Annotated[str | None, Query(max_length=lookup.MAX_QUERY_CHARS)] = None,
              issuer: Annotated[str | None, Query(max_length=lookup.MAX_QUERY_CHARS)] = None,
              due_before: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
              overdue: bool = False, format: Annotated[str, Query(pattern="^(html|csv)$")] = "html",
              limit: Annotated[int, Query(ge=0, le=100_000)] = 500) -> Response:
        rows = lookup.tasks(db, assignee or None, issuer or None, due_before or None, overdue,
                            None if format == "csv" else limit or None)
        if format == "csv":
            return _csv(rows)
        ids = _document_ids(db, rows)
        choices = {k: v for k, v in {"assignee": assignee, "issuer": issuer, "due_before": due_before,
                                     "overdue": "true" if overdue else None}.items() if v}
        return _page(request, "tasks.html", rows=rows, ids=ids, choices=choices, limit=limit)

    @r.get("/trace", response_class=HTMLResponse)
    def trace(request: Request, db: Db, number: Annotated[str, Query(min_length=1, max_length=200)],
              way: Annotated[str, Query(pattern="^(up|down)$")] = "down",
              depth: Annotated[int, Query(ge=0, le=12)] = 5) -> HTMLResponse:
        roots = lookup.trace(db, number, way, depth)  # type: ignore[arg-type]
        if not roots:
            near = lookup.nearest_numbers(db, number)
            raise NotFound(f"no document numbered {number}" + (f"; nearest: {', '.join(near)}" if near else ""))
        return _page(request, "trace.html", number=number, way=way, depth=depth, svg=graph.svg(roots))

    @r.get("/review", response_class=HTMLResponse)
    def review(request: Request, db: Db, limit: Annotated[int, Query(ge=1, le=5000)] = 200) -> HTMLResponse:
        return _page(request, "review.html", items=browse.review(db, limit), limit=limit)

    return r


# What the document page lists, in order: (path, label).
_FIELDS = [("doc_type", "Type"), ("number", "Number"), ("symbol", "Symbol"), ("issue_date", "Date"),
           ("place", "Place"), ("issuer.name", "Issuer"), ("issuer.parent", "Parent body"), ("subject", "Subject"),
           ("signer.name", "Signer"), ("signer.title", "Signer's title"), ("signer.authority", "Authority"),
           ("recipients", "Recipients"), ("cc", "Copies (Nơi nhận)")]


def _where(shown: dict[str, Any], doc: Document) -> dict[str, dict[str, Any]]:
    """Each listed field's rule, source and page: the stored provenance of the value, or for a
    signer's part (kept only in the records) the first source whose record names a rule for it."""
    out: dict[str, dict[str, Any]] = {}
    sources = sorted(doc.sources, key=Source.reading_rank)
    for path, _ in _FIELDS:
        stored = shown.get("value_sources", {}).get(path.split(".")[0] if path.startswith("issuer.") else path)
        if stored and not (stored.get("rule") or "").startswith("correction"):
            out[path] = stored
            continue
        for src in sources:
            prov = ((src.record or {}).get("provenance") or {}).get(path)
            if isinstance(prov, dict) and prov.get("rule"):
                out[path] = {"source": src.path, "rule": prov["rule"], "page": prov.get("page")}
                break
    return out


def _multiline(path: str) -> bool:
    return path in corrections.LISTS or path.endswith((".assignees", ".text")) or path == "subject"


def _is_item(path: str) -> bool:
    parts = path.split(".")
    return len(parts) == 2 and parts[0] in ("tasks", "references")


def _as_form(path: str, value: Any) -> str:
    """A value as the form shows it: lists one item a line, an assignee as 'support: name' when not the lead."""
    if path.endswith(".assignees"):
        return "\n".join(("support: " if a.get("role") == "support" else "") + a.get("name", "") for a in value or [])
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return "" if value is None else str(value)


def _from_form(path: str, text: str) -> Any:
    """What the form sent, as the record holds it (corrections.check then says whether it is well formed)."""
    if path.endswith(".assignees"):
        out = []
        for line in text.splitlines():
            role, sep, name = line.partition(":")
            if sep and role.strip().lower() in corrections.ROLES:
                out.append({"name": name.strip(), "role": role.strip().lower()})
            elif line.strip():
                out.append({"name": line.strip(), "role": "lead"})
        return out
    if path in corrections.LISTS:
        return [ln for ln in text.splitlines() if ln.strip()]
    return text.strip() or None


def _images(session: Session, doc: Document) -> list[dict[str, Any]]:
    """Each page of each source that has page images, with its value boxes in the words' units."""
    from sqlalchemy import select

    out = []
    for src in sorted(doc.sources, key=Source.reading_rank):
        if not pages.has_images(src.media_type):
            continue
        prov = (src.record or {}).get("provenance") or {}
        missing = not Path(src.path).is_file()
        ratios = [] if missing else pages.aspects(src.path, src.media_type)
        start = 0
        for p in session.scalars(select(Page).where(Page.source_id == src.id).order_by(Page.number)):
            spans = [(f, v["start"] - start, v["end"] - start) for f, v in prov.items()
                     if isinstance(v, dict) and v.get("page") == p.number and v.get("start") is not None
                     and (v.get("end") or 0) > v["start"]]
            width = (p.words or {}).get("width") or 0.0
            ratio = ratios[p.number - 1] if p.number <= len(ratios) else None
            out.append({"source": src, "page": p.number, "width": width, "height": width * ratio if ratio else 0.0,
                        "boxes": pages.boxes(p.text, p.words, spans) if width and ratio else [], "missing": missing})
            start += len(p.text) + 1
    return out


def _document_ids(session: Session, rows: list[dict[str, Any]]) -> dict[str, int]:
    """The id of each assigning document named in `rows` (to link them)."""
    from sqlalchemy import select

    numbers = {r["document"] for r in rows}
    found = session.execute(select(Document.number, Document.id).where(Document.number.in_(numbers),
                                                                        Document.is_stub.is_(False)))
    return {n: i for n, i in found if n is not None}


def _cell(value: Any) -> str:
    """A CSV cell a spreadsheet will not run: text opening with = + or @ gets a leading quote."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "@") else text


def _csv(rows: list[dict[str, Any]]) -> Response:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["document", "doc_type", "issued", "issuer", "ordinal", "assignee", "role", "task", "deadline",
                "assigned_by"])
    for r in rows:
        for a in r["assignees"] or [{"name": "", "role": ""}]:
            w.writerow([_cell(v) for v in (r["document"], r["doc_type"], r["issued"], r["issuer"], r["ordinal"],
                                           a["name"], a["role"], r["task"], r["deadline"], r["assigned_by"])])
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="tasks.csv"'})
