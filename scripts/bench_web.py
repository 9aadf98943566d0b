"""The web pages on the synthetic archive of scripts/bench_queries.py (100,000 documents).

Prints the median server time of the documents page (unfiltered, by year, a search), a document
page, the tasks page for a broad assignee, a trace, the review queue and a year's incoming
register, each beside the CLI query it stands on, as a logged-in archivist (the session check
is part of each page's time), run in the same process (a loaded machine slows both alike), and against
the 300 ms target of issue 21 for the first three.

    python scripts/bench_web.py [--docs 100000] [--rebuild] [--runs 7]
"""
from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import bench_queries  # noqa: E402
from sqlalchemy import select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402
from timing import repeat  # noqa: E402

from models import Document, RegisterEntry  # noqa: E402
from pipeline.queries import lookup  # noqa: E402
from pipeline.storage import accounts, register  # noqa: E402
from pipeline.storage.db import open_engine  # noqa: E402

TARGET_MS = 300
PASSWORD = "bench password"


def numbered(session: Session) -> None:
    """The synthetic archive's documents in the incoming register (it is built without ingesting),
    numbered per year of their date, once."""
    if session.scalar(select(RegisterEntry.id).limit(1)) is not None:
        return
    session.execute(text(
        "INSERT INTO register_entry (register, year, number, arrived, document_id) "
        "SELECT :reg, CAST(substr(issue_date, 1, 4) AS INTEGER), "
        "ROW_NUMBER() OVER (PARTITION BY substr(issue_date, 1, 4) ORDER BY id), issue_date, id "
        "FROM document WHERE is_stub = 0 AND issue_date IS NOT NULL"), {"reg": register.DEFAULT_REGISTER})
    session.commit()


def median_ms(fn: Callable[[], Any], runs: int) -> float:
    """The median of `runs` calls, after one that warms templates and SQLite's page cache."""
    return repeat(lambda _: fn(), range(runs)).median * 1000


def main() -> None:
    args, url = bench_queries.archive(runs=7)
    from fastapi.testclient import TestClient

    from pipeline.web.app import create_app

    engine = open_engine(url)
    with Session(engine) as s:
        numbered(s)
        accounts.add(s, "bench", "archivist", PASSWORD, replace=True)
        s.commit()
    client = TestClient(create_app(engine), base_url="http://127.0.0.1:8000")
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/login").text)
    assert token is not None
    client.post("/login", data={"name": "bench", "password": PASSWORD, "csrf": token.group(1)}).raise_for_status()
    with Session(engine) as s:
        middle = s.scalars(select(Document).where(Document.is_stub.is_(False)).order_by(Document.id)
                           .offset(args.docs // 2).limit(1)).one()
        number = middle.number or ""
        cases: list[tuple[str, str, Callable[[], Any], bool]] = [
            ("documents page", "/documents", lambda: lookup.search(s, "chuyen doi so", 50), True),
            ("documents, one year", "/documents?year=2025", lambda: lookup.search(s, "chuyen doi so", 50), False),
            ("documents, a search", "/documents?q=chuyen+doi+so", lambda: lookup.search(s, "chuyen doi so", 50), False),
            ("a document page", f"/documents/{middle.id}", lambda: lookup.show(s, number), True),
            ("tasks page", "/tasks?assignee=phong+kinh+te", lambda: lookup.tasks(s, "phong kinh te", limit=500), True),
            ("trace page", f"/trace?number={number}", lambda: lookup.trace(s, number), False),
            ("review queue", "/review", lambda: lookup.tasks(s, limit=200), False),
            ("register, a page", "/register?year=2020&page=20", lambda: register.lines(s, 2020, 3800, 200), False),
        ]
        print(f"{'page':22} {'server':>9} {'CLI query':>10} {'ratio':>6}  target")
        for name, path, cli, targeted in cases:
            page = median_ms(lambda p=path: client.get(p).raise_for_status(), args.runs)
            query = median_ms(cli, args.runs)
            mark = ("ok" if page < TARGET_MS else "OVER") + f" {TARGET_MS} ms" if targeted else ""
            print(f"{name:22} {page:7.0f} ms {query:7.0f} ms {page / query:6.1f}  {mark}")
        # a year's register as a workbook: 10,000 lines, timed once (it takes seconds, not milliseconds)
        t = time.perf_counter()
        book = client.get("/register?year=2020&format=xlsx")
        book.raise_for_status()
        lines = register.count(s, 2020)
        print(f"register of 2020 as xlsx: {lines} lines, {len(book.content) // 1024} KiB in {time.perf_counter() - t:.1f} s")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
