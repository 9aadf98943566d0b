"""`congvan serve` in a real browser: headless Chromium (Debian's chromium, scripts/setup.sh) driven
by Playwright, as an archivist and a reader use it. Every page is photographed at 1366×768 and at a
phone's width into data/processed/screenshots/ (or $CONGVAN_SCREENSHOTS) to be looked at.

Without a Chromium the tests are skipped, unless CONGVAN_REQUIRE_BROWSER is set (CI): then it is a failure.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models import Source
from pipeline.ingest import run
from pipeline.storage import accounts
from pipeline.storage.db import open_engine
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CONGVAN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# As root on a closed network: no sandbox, and none of the background connections Chromium makes.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
GOLD = ROOT / "tests" / "regression" / "gold"
SCAN = ROOT / "tests" / "regression" / "corpus" / "02_cv_tinh_uy__clean.png"
TEXTS = ["01_kh_bcd_tinh__multipage", "02_cv_tinh_uy__clean", "03_cv_ubnd_tinh__skewed", "07_qd_ubnd_tinh__fax"]
PASSWORD = "a browser's password"
SHOTS = Path(os.environ.get("CONGVAN_SCREENSHOTS") or ROOT / "data" / "processed" / "screenshots")
WIDE, PHONE = {"width": 1366, "height": 768}, {"width": 390, "height": 844}


def _playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    return sync_playwright


def _missing() -> str | None:
    if _playwright() is None:
        return "playwright is not installed"
    if not Path(CHROMIUM).is_file():
        return f"no Chromium at {CHROMIUM} (apt-get install --no-install-recommends chromium)"
    return None


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    """`congvan serve` over a small archive on a free localhost port: (base URL, database URL, files)."""
    why = _missing()
    if why:
        if os.environ.get("CONGVAN_REQUIRE_BROWSER"):
            pytest.fail(why)
        pytest.skip(why)
    import uvicorn

    from pipeline.web.app import create_app

    folder = tmp_path_factory.mktemp("browser")
    files = folder / "in"
    files.mkdir()
    for stem in TEXTS:
        shutil.copy(GOLD / f"{stem}.txt", files / f"{stem}.txt")
    shutil.copy(SCAN, files / SCAN.name)
    url = f"sqlite:///{folder / 'web.db'}"
    assert not run([files], url, workers=1).failed
    engine = open_engine(url, create=False)
    with Session(engine) as s:
        accounts.add(s, "lan", "archivist", PASSWORD)
        accounts.add(s, "minh", "reader", PASSWORD)
        s.commit()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(engine), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "the server did not start"
    yield f"http://127.0.0.1:{port}", url, files
    srv.should_exit = True
    thread.join(10)
    engine.dispose()


@pytest.fixture(scope="module")
def browser(server: tuple[str, str, Path]) -> Iterator[Any]:
    with _playwright()() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()


def page_as(browser: Any, base: str, name: str, photograph: bool = False) -> Any:
    """A new browser window logged in as `name`, through the login form."""
    context = browser.new_context(viewport=WIDE, base_url=base, accept_downloads=True)
    page = context.new_page()
    page.goto("/documents")
    assert "/login" in page.url                                    # nothing without a session
    if photograph:
        shoot(page, "login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Log in')")
    page.wait_for_url("**/documents")
    return page


def shoot(page: Any, name: str) -> None:
    """This page at 1366×768 and at a phone's width (390 px), whole."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("wide", WIDE), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(WIDE)


def overflows(page: Any) -> bool:
    """The page is wider than the window (a sideways scroll a reader has to make)."""
    return bool(page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"))


def test_an_archivist_logs_in_searches_with_and_without_accents_and_sees_the_values_boxed(
        server: tuple[str, str, Path], browser: Any) -> None:
    base, _, _ = server
    page = page_as(browser, base, "lan", photograph=True)
    shoot(page, "documents")
    for query in ("trien khai ke hoach so 04", "triển khai kế hoạch số 04"):
        page.fill("header input[type=search]", query)
        page.press("header input[type=search]", "Enter")
        page.wait_for_load_state()
        assert page.locator("main a", has_text="118-CV/TU").count() >= 1, query
    shoot(page, "search")
    page.locator("main a", has_text="118-CV/TU").first.click()
    page.wait_for_load_state()
    assert page.locator("rect[data-field=number]").count() >= 1
    assert page.locator("rect[data-field=issue_date]").count() >= 1
    loaded = page.evaluate("""async () => { const img = document.querySelector('.pageimg image');
        const r = await fetch(img.getAttribute('href')); return [r.status, r.headers.get('content-type')]; }""")
    assert loaded == [200, "image/png"]
    box = page.locator("rect[data-field=number]").first.bounding_box()
    assert box and box["width"] > 10 and box["height"] > 5                     # drawn where it can be seen
    shoot(page, "document")
    page.set_viewport_size(PHONE)
    assert not overflows(page), "the document page scrolls sideways on a phone"
    page.set_viewport_size(WIDE)
    for name, path in (("tasks", "/tasks"), ("trace", "/trace?number=04-KH/BC%C4%90&way=down"), ("review", "/review"),
                       ("register", "/register")):
        page.goto(path)
        shoot(page, name)
        page.set_viewport_size(PHONE)
        assert not overflows(page) or name == "trace", f"the {name} page scrolls sideways on a phone"
        page.set_viewport_size(WIDE)
    page.context.close()


def test_an_archivist_corrects_an_assignee_and_a_reprocess_keeps_it(server: tuple[str, str, Path], browser: Any) -> None:
    base, url, files = server
    page = page_as(browser, base, "lan")
    page.fill("header input[type=search]", "845/UBND-KGVX")
    page.press("header input[type=search]", "Enter")
    page.locator("main a", has_text="845/UBND-KGVX").first.click()
    page.wait_for_load_state()
    page.locator("a[href*='path=tasks.0.assignees']").click()
    page.wait_for_load_state()
    shoot(page, "correct")
    page.fill("textarea[name=value]", "Sở Thông tin và Truyền thông\nsupport: Sở Tài chính")
    page.fill("input[name=note]", "tờ trình bản gốc ghi rõ")
    page.click("button:has-text('Save the correction')")
    page.wait_for_load_state()
    tasks = page.locator("h2:has-text('Tasks') + table")
    assert "Sở Thông tin và Truyền thông" in tasks.inner_text()
    assert "lan" in page.locator("#corrections + table").inner_text()
    doc_url = page.url.split("#")[0]
    # extraction reads the document differently (its records emptied), then --reprocess rebuilds it
    engine = open_engine(url, create=False)
    with Session(engine) as s:
        doc = int(doc_url.rsplit("/", 1)[1])
        s.execute(update(Source).where(Source.document_id == doc).values(record={"source": {}, "tasks": []}))
        s.commit()
        assert s.scalar(select(Source.id).where(Source.document_id == doc)) is not None
    engine.dispose()
    assert run([files], url, workers=1, reprocess=True).reprocessed
    page.goto(doc_url)
    assert "Sở Thông tin và Truyền thông" in page.locator("h2:has-text('Tasks') + table").inner_text()
    shoot(page, "corrected")
    page.context.close()


def test_the_register_exports_as_a_workbook_openpyxl_reads(server: tuple[str, str, Path], browser: Any,
                                                           tmp_path: Path) -> None:
    from openpyxl import load_workbook

    base, _, _ = server
    page = page_as(browser, base, "lan")
    page.goto("/register")
    assert page.locator("table.register tbody tr").count() >= 4
    with page.expect_download() as info:
        page.click("a:has-text('Excel (xlsx)')")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name.startswith("so-den-") and saved.suffix == ".xlsx"
    rows = list(load_workbook(saved).active.iter_rows(values_only=True))
    assert rows[4][:3] == ("Ngày đến", "Số đến", "Tác giả")
    assert {r[3] for r in rows[6:]} >= {"118-CV/TU", "845/UBND-KGVX", "410/QĐ-UBND"}
    assert [r[1] for r in rows[6:]] == list(range(1, len(rows) - 5))
    page.context.close()


def test_a_reader_is_refused_every_write(server: tuple[str, str, Path], browser: Any) -> None:
    base, _, _ = server
    page = page_as(browser, base, "minh")
    page.locator("main a", has_text="410/QĐ-UBND").first.click()
    page.wait_for_load_state()
    assert page.locator("a[href*='/correct?path=']").count() == 0               # no way to correct is shown
    response = page.goto(page.url.split("#")[0] + "/correct?path=subject")
    assert response is not None and response.status == 403
    assert "reader" in page.locator("main").inner_text()
    shoot(page, "refused")
    page.context.close()
