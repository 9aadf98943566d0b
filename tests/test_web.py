"""The archive in a browser (`congvan serve`), page by page, as an analyst and an archivist use it.

One small archive for the module: the regression dispatches' source texts (no OCR), a blank
draft of another (its number left empty, so the review queue has an abstained value), and
the clean scan of 118-CV/TU read through recorded OCR, which merges with its text into one
document with page images.
"""
from __future__ import annotations

import csv
import html
import io
import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models import Correction, Document, Source
from pipeline.ingest import run
from pipeline.storage import accounts
from pipeline.storage.db import open_engine
from tests.conftest import ROOT

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from pipeline.web.app import create_app  # noqa: E402
from pipeline.web.pages import boxes  # noqa: E402

GOLD = ROOT / "tests" / "regression" / "gold"
TEXTS = ["01_kh_bcd_tinh__multipage", "02_cv_tinh_uy__clean", "03_cv_ubnd_tinh__skewed", "07_qd_ubnd_tinh__fax"]
SCAN = ROOT / "tests" / "regression" / "corpus" / "02_cv_tinh_uy__clean.png"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("archive")
    files = folder / "in"
    files.mkdir()
    for stem in TEXTS:
        shutil.copy(GOLD / f"{stem}.txt", files / f"{stem}.txt")
    draft = (GOLD / "08_bc_so_khcn__lowres.txt").read_text(encoding="utf-8")
    (files / "09_draft.txt").write_text(draft.replace("Số: 95/BC-SKHCN", "Số:      /BC-SKHCN"), encoding="utf-8")
    shutil.copy(SCAN, files / SCAN.name)
    url = f"sqlite:///{folder / 'web.db'}"
    summary = run([files], url, workers=1)
    assert not summary.failed, summary.failed
    add_account(url, "lan", "archivist")  # every test that logs in as 'lan', on whichever worker it runs
    yield url, files


PASSWORD = "correct horse battery"


def add_account(url: str, name: str, role: str) -> None:
    engine = open_engine(url, create=False)
    with Session(engine) as s:
        accounts.add(s, name, role, PASSWORD, replace=True)
        s.commit()
    engine.dispose()


def csrf(client: TestClient) -> str:
    """The session's CSRF token, as every page carries it for its forms."""
    found = re.search(r'<meta name="csrf-token" content="([^"]+)">', client.get("/login").text)
    assert found is not None
    return found.group(1)


def log_in(client: TestClient, name: str, password: str = PASSWORD) -> Any:
    return client.post("/login", data={"name": name, "password": password, "csrf": csrf(client), "next": "/documents"},
                       follow_redirects=False)


@pytest.fixture(scope="module")
def client(archive: tuple[str, Path]) -> Iterator[TestClient]:
    """An archivist's browser, logged in."""
    engine = open_engine(archive[0], create=False)
    with TestClient(create_app(engine, secret="test"), base_url="http://127.0.0.1:8000") as c:
        assert log_in(c, "lan").status_code == 303
        c.headers["x-test-csrf"] = csrf(c)
        yield c
    engine.dispose()


def doc_id(url: str, number: str) -> int:
    engine = open_engine(url, create=False)
    with Session(engine) as s:
        found = s.scalar(select(Document.id).where(Document.number == number, Document.is_stub.is_(False)))
    engine.dispose()
    assert found is not None, number
    return found


def text_of(html: str) -> str:
    """What a reader sees: the page's text without tags, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.split("<main>", 1)[-1]))


def correct(client: TestClient, doc: int, path: str, value: str = "", **extra: str) -> Any:
    return client.post(f"/documents/{doc}/corrections",
                       data={"path": path, "value": value, "csrf": client.headers["x-test-csrf"], **extra},
                       follow_redirects=False)


def test_a_search_without_accents_finds_the_accented_title(client: TestClient) -> None:
    plain = text_of(client.get("/documents", params={"q": "trien khai ke hoach so 04"}).text)
    assert "118-CV/TU" in plain and "triển khai Kế hoạch số 04-KH/BCĐ" in plain
    accented = text_of(client.get("/documents", params={"q": "triển khai kế hoạch số 04"}).text)
    assert "118-CV/TU" in accented


def test_the_facets_narrow_the_list_and_make_a_stable_url(client: TestClient) -> None:
    page = client.get("/documents").text
    assert 'href="/documents?type=Quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh"' in page   # the facet links a shareable URL
    only = text_of(client.get("/documents", params={"type": "Quyết định"}).text)
    assert "410/QĐ-UBND" in only and "118-CV/TU" not in only
    read = text_of(client.get("/documents", params={"read": "ocr"}).text)
    assert "118-CV/TU" in read and "410/QĐ-UBND" not in read                 # only the scan was OCR'd


def test_a_document_shows_each_value_with_its_rule_and_source_and_boxes_it_on_the_page(
        client: TestClient, archive: tuple[str, Path]) -> None:
    doc = doc_id(archive[0], "118-CV/TU")
    page = client.get(f"/documents/{doc}").text
    seen = text_of(page)
    assert "header.so-line" in seen and "02_cv_tinh_uy__clean" in seen
    assert "04-KH/BCĐ" in seen and "implements" in seen                        # its reference, as a link
    assert re.search(r'<a href="/documents/\d+">04-KH/BCĐ</a>', page)
    assert 'data-field="number"' in page and 'data-field="issue_date"' in page  # boxes drawn on the scan
    src = re.search(r'href="/sources/(\d+)/pages/1.png"', page)
    assert src is not None
    image = client.get(f"/sources/{src.group(1)}/pages/1.png")
    assert image.status_code == 200 and image.headers["content-type"] == "image/png" and image.content[:4] == b"\x89PNG"


def test_a_value_is_boxed_where_its_words_stand() -> None:
    page = "TỈNH ỦY BÌNH AN\nSố 118-CV/TU\nBình An, ngày 16 tháng 3 năm 2026"
    words = {"width": 1000, "words": [[10, 10, 60, 30, "TỈNH"], [70, 10, 100, 30, "ỦY"], [110, 10, 170, 30, "BÌNH"],
                                      [180, 10, 210, 30, "AN"], [10, 50, 40, 70, "Số"], [50, 50, 160, 70, "118-CV/TU"],
                                      [600, 10, 650, 30, "Bình"], [660, 10, 690, 30, "An,"], [700, 10, 750, 30, "ngày"]]}
    start = page.index("118")
    (number,) = boxes(page, words, [("number", start, start + len("118-CV/TU"))])
    assert (number.x, number.y, number.w) == (50, 50, 110)
    start = page.index("Bình An")
    (place,) = boxes(page, words, [("place", start, start + len("Bình An"))])
    assert place.x == 600                                                      # the date line's, not the header's


def test_a_correction_shows_in_provenance_and_survives_reprocess(client: TestClient, archive: tuple[str, Path]) -> None:
    url, files = archive
    doc = doc_id(url, "845/UBND-KGVX")
    before = client.get(f"/documents/{doc}/correct", params={"path": "tasks.0.assignees"})
    assert before.status_code == 200
    res = correct(client, doc, "tasks.0.assignees", "Sở Thông tin và Truyền thông\nsupport: Sở Tài chính",
                  note="the scan names it")
    assert res.status_code == 303
    page = text_of(client.get(f"/documents/{doc}").text)
    assert "Sở Thông tin và Truyền thông" in page and "corrected #" in page and "the scan names it" in page
    # A re-extraction that reads the document differently rebuilds it: the correction still wins.
    engine = open_engine(url, create=False)
    with Session(engine) as s:
        s.execute(update(Source).where(Source.document_id == doc).values(record={"source": {}, "tasks": []}))
        s.commit()
    summary = run([files], url, workers=1, reprocess=True)
    assert any(p.endswith("03_cv_ubnd_tinh__skewed.txt") for p in summary.reprocessed)
    engine.dispose()
    tasks = client.get("/tasks", params={"assignee": "so thong tin va truyen thong"}).text
    assert "845/UBND-KGVX" in text_of(tasks)


def test_a_correction_can_be_reverted(client: TestClient, archive: tuple[str, Path]) -> None:
    doc = doc_id(archive[0], "410/QĐ-UBND")
    original = client.get(f"/documents/{doc}/correct", params={"path": "issue_date"}).text
    assert correct(client, doc, "issue_date", "2026-04-02").status_code == 303
    assert "2026-04-02" in text_of(client.get(f"/documents/{doc}").text)
    engine = open_engine(archive[0], create=False)
    with Session(engine) as s:
        row = s.scalar(select(Correction).where(Correction.document_id == doc, Correction.path == "issue_date"))
        assert row is not None
        old = row.old_value
    engine.dispose()
    assert old and f"Now: {old}" in original
    assert client.post(f"/corrections/{row.id}/revert", data={"csrf": client.headers["x-test-csrf"]}, follow_redirects=False).status_code == 303
    page = text_of(client.get(f"/documents/{doc}").text)
    assert f"Date {old}" in page and f"reverts #{row.id}" in page
    again = client.post(f"/corrections/{row.id}/revert", data={"csrf": client.headers["x-test-csrf"]})
    assert again.status_code == 422


def test_tasks_filter_and_export_as_csv(client: TestClient) -> None:
    page = text_of(client.get("/tasks", params={"issuer": "ubnd tinh"}).text)
    assert "845/UBND-KGVX" in page and "118-CV/TU" not in page
    res = client.get("/tasks", params={"issuer": "ubnd tinh", "format": "csv"})
    assert res.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(res.text)))
    assert rows and {r["document"] for r in rows} >= {"845/UBND-KGVX"}
    assert all(r["assignee"] for r in rows if r["document"] == "845/UBND-KGVX")


def test_the_review_queue_lists_an_abstained_value_until_it_is_corrected(
        client: TestClient, archive: tuple[str, Path]) -> None:
    queue = client.get("/review").text
    row = re.search(r'href="/documents/(\d+)/correct\?path=number"', queue)
    assert row is not None and "abstained" in queue                           # the draft's blank number
    doc = int(row.group(1))
    assert correct(client, doc, "number", "95/BC-SKHCN").status_code == 303
    assert f'href="/documents/{doc}/correct?path=number"' not in client.get("/review").text


def test_trace_is_drawn_as_a_graph_with_the_tasks_on_each_node(client: TestClient) -> None:
    res = client.get("/trace", params={"number": "04-KH/BCĐ", "way": "down"})
    assert res.status_code == 200 and "<svg" in res.text
    drawn = html.unescape(res.text)
    assert "118-CV/TU" in drawn and "845/UBND-KGVX" in drawn and 'href="/documents/' in drawn
    assert "• Sở Nội vụ: rà soát" in drawn                                   # a task on 845's node


def test_bad_input_gets_an_error_page_with_its_status_and_changes_nothing(
        client: TestClient, archive: tuple[str, Path]) -> None:
    doc = doc_id(archive[0], "118-CV/TU")
    assert client.get("/documents", params={"page": "two"}).status_code == 400
    assert client.get("/documents", params={"year": "20x6"}).status_code == 400
    assert client.get("/documents/987654").status_code == 404
    assert client.get("/trace", params={"number": "999/XYZ"}).status_code == 404
    bad = correct(client, doc, "issue_date", "31/02/2026")
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.text
    assert correct(client, doc, "tasks.0.assignees", "lead:").status_code == 422
    assert correct(client, doc, "no_such_field", "x").status_code == 422
    token = client.headers["x-test-csrf"]
    assert client.post(f"/documents/{doc}/corrections", data={"path": "subject", "value": "x" * 70_000,
                                                              "csrf": token}).status_code == 413
    assert client.post(f"/documents/{doc}/corrections", data={"path": "subject", "value": "x", "csrf": token},
                       headers={"origin": "http://evil.example"}).status_code == 403
    engine = open_engine(archive[0], create=False)
    with Session(engine) as s:
        assert s.scalar(select(Correction.id).where(Correction.document_id == doc)) is None
    engine.dispose()


def test_corrections_export_as_gold_that_eval_scores_against(client: TestClient, archive: tuple[str, Path],
                                                             tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app
    from pipeline.evaluation.evaluate import evaluate

    url, files = archive
    doc = doc_id(url, "118-CV/TU")
    assert correct(client, doc, "subject", "triển khai Kế hoạch số 04-KH/BCĐ của Ban Chỉ đạo tỉnh").status_code == 303
    # the scan's dispatch corrected too, here and not only by an earlier test (pytest-xdist may run this one alone)
    correct(client, doc_id(url, "845/UBND-KGVX"), "tasks.0.assignees", "Sở Thông tin và Truyền thông")
    out = tmp_path / "gold"
    res = CliRunner().invoke(app, ["export", "--corrected", "--format", "gold", str(out), "--db", url])
    assert res.exit_code == 0, res.output
    written = {p.stem for p in out.glob("*.json")}
    assert {"02_cv_tinh_uy__clean", "03_cv_ubnd_tinh__skewed"} <= written    # the scan's name too (same dispatch)
    assert "01_kh_bcd_tinh__multipage" not in written                        # never corrected
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(files / "02_cv_tinh_uy__clean.txt", corpus)
    ev = evaluate(corpus, out)
    (scored,) = ev.docs
    table = ev.tally().table()
    assert table["subject"]["f1"] == 0.0 and table["number"]["f1"] == 1.0    # extraction vs the archivist's subject


def fresh_client(url: str) -> TestClient:
    return TestClient(create_app(open_engine(url, create=False), secret="test"), base_url="http://127.0.0.1:8000")


def test_nothing_but_the_login_page_is_served_without_a_session(archive: tuple[str, Path]) -> None:
    with fresh_client(archive[0]) as c:
        for path in ("/documents", "/documents/1", "/tasks?format=csv", "/register?format=xlsx", "/review",
                     "/sources/1/pages/1.png", "/trace?number=04-KH/BCĐ"):
            res = c.get(path, follow_redirects=False)
            assert res.status_code == 303 and res.headers["location"].startswith("/login?next="), path
        assert c.get("/login").status_code == 200
        assert c.post("/documents/1/corrections", data={"path": "subject", "value": "x"}).status_code == 401
        # a forged cookie is no session
        c.cookies.set("congvan_session", "eyJhY2NvdW50IjogMX0=.forged.sig")
        assert c.get("/documents", follow_redirects=False).status_code == 303


def test_the_session_cookie_is_signed_httponly_and_samesite(archive: tuple[str, Path]) -> None:
    with fresh_client(archive[0]) as c:
        res = log_in(c, "lan")
        assert res.status_code == 303 and res.headers["location"] == "/documents"
        cookie = res.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie and "congvan_session=" in cookie


def test_a_reader_reads_but_cannot_write(archive: tuple[str, Path]) -> None:
    url = archive[0]
    add_account(url, "minh", "reader")
    doc = doc_id(url, "410/QĐ-UBND")
    with fresh_client(url) as c:
        assert log_in(c, "minh").status_code == 303
        page = c.get(f"/documents/{doc}")
        assert page.status_code == 200 and "/correct?path=" not in page.text     # no way to correct shown
        assert c.get(f"/documents/{doc}/correct", params={"path": "subject"}).status_code == 403
        res = c.post(f"/documents/{doc}/corrections", data={"path": "subject", "value": "x", "csrf": csrf(c)})
        assert res.status_code == 403 and "reader" in res.text
    engine = open_engine(url, create=False)
    with Session(engine) as s:
        assert s.scalar(select(Correction.id).where(Correction.author == "minh")) is None
    engine.dispose()


def test_every_form_needs_its_csrf_token_and_the_account_is_the_author(
        client: TestClient, archive: tuple[str, Path]) -> None:
    doc = doc_id(archive[0], "410/QĐ-UBND")
    res = client.post(f"/documents/{doc}/corrections", data={"path": "place", "value": "Hà Nội"})
    assert res.status_code == 403 and "CSRF" in res.text
    res = client.post(f"/documents/{doc}/corrections", data={"path": "place", "value": "Hà Nội", "csrf": "guess"})
    assert res.status_code == 403
    assert correct(client, doc, "place", "Bình An", author="someone else").status_code == 303
    engine = open_engine(archive[0], create=False)
    with Session(engine) as s:
        row = s.scalar(select(Correction).where(Correction.document_id == doc, Correction.path == "place"))
        assert row is not None and row.author == "lan"                          # the session's account, not the form's
    engine.dispose()


def test_failed_logins_are_rate_limited(archive: tuple[str, Path]) -> None:
    with fresh_client(archive[0]) as c:
        for _ in range(5):
            assert log_in(c, "lan", "wrong password").status_code == 401
        res = log_in(c, "lan")                                                   # the right one, too late
        assert res.status_code == 429 and "Retry-After" in res.headers
        assert c.get("/documents", follow_redirects=False).status_code == 303


def test_the_register_page_lists_the_lines_and_an_archivist_corrects_one(
        client: TestClient, archive: tuple[str, Path]) -> None:
    from openpyxl import load_workbook

    doc = doc_id(archive[0], "118-CV/TU")
    page = client.get(f"/documents/{doc}").text
    assert "Incoming register" in page and 'correct?path=register.recipient' in page
    assert correct(client, doc, "register.recipient", "Phòng Tổng hợp").status_code == 303
    before = client.get(f"/documents/{doc}").text.split('id="register"', 1)[1].split("</table>", 1)[0]
    bad = correct(client, doc, "register.arrived", "31/12/2025")
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.text
    assert correct(client, doc, "register.number", "-3").status_code == 422
    assert correct(client, doc, "register.signature", "x").status_code == 422
    after = client.get(f"/documents/{doc}").text.split('id="register"', 1)[1].split("</table>", 1)[0]
    assert after == before                                                     # nothing changed
    year = date.today().year
    listed = text_of(client.get("/register", params={"year": year}).text)
    assert "Số đến" in listed and "Phòng Tổng hợp" in listed and "118-CV/TU" in listed
    book = client.get("/register", params={"year": year, "format": "xlsx"})
    assert book.status_code == 200 and "spreadsheetml" in book.headers["content-type"]
    rows = list(load_workbook(io.BytesIO(book.content)).active.iter_rows(values_only=True))
    assert any(r[3] == "118-CV/TU" and r[6] == "Phòng Tổng hợp" for r in rows[6:])
    assert client.get("/register", params={"year": "twenty"}).status_code == 400
    assert client.get("/register", params={"format": "pdf"}).status_code == 400


def test_user_add_keeps_an_argon2_hash_and_refuses_a_second_account_of_that_name(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from models import Account
    from pipeline.cli import app

    url = f"sqlite:///{tmp_path / 'users.db'}"
    run_cli = CliRunner().invoke
    res = run_cli(app, ["user", "add", "lan", "--role", "archivist", "--password-stdin", "--db", url],
                  input=PASSWORD + "\n")
    assert res.exit_code == 0, res.output
    assert run_cli(app, ["user", "add", "lan", "--password-stdin", "--db", url], input=PASSWORD + "\n").exit_code != 0
    assert run_cli(app, ["user", "add", "an", "--role", "boss", "--password-stdin", "--db", url],
                   input=PASSWORD + "\n").exit_code != 0
    assert run_cli(app, ["user", "add", "an", "--password-stdin", "--db", url], input="short\n").exit_code != 0
    engine = open_engine(url, create=False)
    with Session(engine) as s:
        (account,) = s.scalars(select(Account)).all()
        assert account.role == "archivist" and account.password_hash.startswith("$argon2id$")
        assert PASSWORD not in account.password_hash
        assert accounts.check(s, "lan", PASSWORD) is not None and accounts.check(s, "lan", "wrong") is None
    engine.dispose()
    listed = run_cli(app, ["user", "list", "--db", url])
    assert "lan" in listed.output and "archivist" in listed.output


def test_the_register_page_shows_a_year_page_by_page(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.web.app as web

    monkeypatch.setattr(web, "REGISTER_PAGE", 2)
    year = date.today().year
    second = client.get("/register", params={"year": year, "page": 2}).text
    numbers = re.findall(r'data-label="Số đến"><a href="/documents/\d+#register">(\d+)</a>', second)
    assert numbers == ["3", "4"] and "page 2 of 3" in text_of(second) and "5 lines" in text_of(second)
    book = client.get("/register", params={"year": year, "format": "csv"})
    assert len(list(csv.reader(io.StringIO(book.text)))) == 1 + 5                # the download holds the whole year
