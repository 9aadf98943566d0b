"""What the query commands print and refuse, as a user meets it: document text that looks like
markup or control codes, a database that is missing or has a password, filters that match
everything, numbers typed loosely, and a reference graph with two paths to one document."""
from __future__ import annotations

import csv
import json
import socket
from pathlib import Path

from sqlalchemy.orm import Session

from pipeline.queries.export import xml_text
from pipeline.queries.lookup import number_key, search, show, trace
from tests.cli import congvan, congvan_process
from tests.test_storage import cite, put

# Rich markup, a terminal escape, the C0 controls XML forbids, XML and CSV specials, a bidi override.
HOSTILE = ("[red]Đỏ[/] [link=http://evil.example]bấm[/link] [/] \x1b[31mESC\x01\x08\x0b\x0c\x1f "
           "<b>&amp;</b> \"q\", 'a'\r\nhết\u202e")


def body(words: str) -> str:
    return f"Ủy ban nhân dân tỉnh Bình An về {words}, chuyển đổi số trong cơ quan nhà nước. " * 6


def test_hostile_text_prints_as_itself_and_every_export_reads_back(session: Session, db_url: str,
                                                                     tmp_path: Path) -> None:
    import networkx as nx

    put(session, "a.txt", body("kế hoạch gốc"), number="1-KH/TW", subject="Kế hoạch gốc")
    put(session, "h.txt", body("văn bản lạ") + HOSTILE, number="7/UBND", subject=HOSTILE, doc_type="Công văn",
        references=[cite("1-KH/TW")],
        tasks=[{"ordinal": "1", "text": HOSTILE, "assignees": [{"name": "[bold]Phòng[/] Kinh tế", "role": "lead"}]}])
    seen = {
        "show": congvan("show", "7/UBND", db=db_url), "search": congvan("search", "van ban la", db=db_url),
        "tasks": congvan("tasks", db=db_url), "trace": congvan("trace", "1-KH/TW", db=db_url),
    }
    for name, res in seen.items():
        assert res.returncode == 0 and "Traceback" not in res.stderr, (name, res.stderr)
        assert "\x1b" not in res.stdout and "\u202e" not in res.stdout, name   # no terminal control reaches it
    assert "[red]Đỏ[/]" in seen["show"].stdout and "[link=http://evil.example]bấm[/link]" in seen["show"].stdout
    assert "[/]" in seen["search"].stdout
    assert "[bold]Phòng[/] Kinh tế" in seen["tasks"].stdout and "[bold]Phòng[/] Kinh tế" in seen["trace"].stdout

    graphml, edges = tmp_path / "g.graphml", tmp_path / "g.csv"
    for fmt, out in (("graphml", graphml), ("csv", edges)):
        assert congvan("export", "--format", fmt, "--out", str(out), db=db_url).returncode == 0
    g = nx.read_graphml(graphml)
    assert [d["subject"] for _, d in g.nodes(data=True) if d.get("number") == "7/UBND"] == [xml_text(HOSTILE)]
    assert [d["task"] for _, _, d in g.edges(data=True) if d["type"] == "assigns"] == [xml_text(HOSTILE)]
    with edges.open(encoding="utf-8", newline="") as f:
        assert [r["task"] for r in csv.DictReader(f) if r["type"] == "assigns"] == [HOSTILE]
    graph = json.loads(congvan("export", "--format", "json", db=db_url).stdout)
    assert [n["subject"] for n in graph["nodes"] if n.get("number") == "7/UBND"] == [HOSTILE]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_database_error_does_not_print_the_password() -> None:
    url = f"postgresql+psycopg://congvan:pa55-s3cret@127.0.0.1:{_closed_port()}/archive"
    for verbose in ((), ("-v",)):               # the one-line error, and -v's logs and traceback
        res = congvan_process(*verbose, "tasks", db=url)
        assert res.returncode == (1 if verbose else 4)      # -v raises: Python's own exit code
        assert "pa55-s3cret" not in res.stdout + res.stderr
        assert "congvan:***@127.0.0.1" in res.stderr


def test_a_query_never_creates_a_database(tmp_path: Path) -> None:
    for args in (("tasks",), ("show", "1/UBND"), ("trace", "1/UBND"), ("search", "so"), ("export",)):
        res = congvan(*args, cwd=tmp_path)      # the default sqlite:///data/processed/congvan.db, not there
        assert res.returncode == 4 and "no database at" in res.stderr, args
        assert "congvan.db" in res.stderr and not (tmp_path / "data").exists(), args
    assert congvan("db", "upgrade", cwd=tmp_path).returncode == 0
    empty = congvan("tasks", "--format", "csv", cwd=tmp_path)
    assert empty.returncode == 0 and empty.stdout.splitlines() == ["document,issuer,assignee,task,deadline,assigned_by"]
    hits = congvan("search", "so", "--format", "csv", cwd=tmp_path)
    assert hits.stdout.splitlines() == ["number,doc_type,date,issuer,subject,score,snippet,source"]


def test_filters_that_cannot_work_are_usage_errors(session: Session, db_url: str) -> None:
    put(session, "a.txt", body("rà soát"), number="1/UBND",
        tasks=[{"ordinal": None, "text": "rà soát", "assignees": [{"name": "Phòng Kinh tế", "role": "lead"}]}])
    refused = [("tasks", "--assignee", "%"), ("tasks", "--issuer", ""), ("tasks", "--limit", "-1"),
               ("search", "[/]"), ("search", "chuyen doi so " * 100), ("search", " ".join(f"w{i}" for i in range(100))),
               ("show", "1" * 5000), ("trace", "1/UBND", "--depth", "-1")]
    for args in refused:
        res = congvan(*args, db=db_url)
        assert res.returncode == 64 and res.stderr.startswith("congvan: ") and "internal error" not in res.stderr, \
            (args[:2], res.stderr)
    assert "limit is" in congvan("search", "chuyen doi so " * 100, db=db_url).stderr


def test_limit_zero_means_no_limit(session: Session, db_url: str) -> None:
    for i in range(25):
        put(session, f"{i}.txt", body(f"việc số {i} " + "lẻ " * i), number=f"{i + 1}/UBND",
            tasks=[{"ordinal": None, "text": f"việc {i}", "assignees": [{"name": "Sở Nội vụ", "role": "lead"}]}])
    assert len(search(session, "chuyen doi so")) == 20 and len(search(session, "chuyen doi so", None)) == 25
    assert len(json.loads(congvan("search", "chuyen doi so", "--limit", "0", "--format", "json", db=db_url).stdout)) == 25
    assert len(json.loads(congvan("tasks", "--limit", "0", "--format", "json", db=db_url).stdout)) == 25
    table = congvan("tasks", "--limit", "0", db=db_url)
    assert "the first" not in table.stderr and table.stdout.count("Sở Nội vụ") == 25


def test_numbers_are_found_as_users_type_them(session: Session, db_url: str) -> None:
    put(session, "q.txt", body("quyết định thành lập"), number="410/QĐ-UBND", doc_type="Quyết định")
    put(session, "c.txt", body("công văn triển khai"), number="845/UBND-KGVX", references=[cite("410/QĐ-UBND")])
    for typed in ("410/QD-UBND", "410/qđ-ubnd", " 410 / QĐ - UBND ", "410/QĐ–UBND", "410/qd-ubnd"):
        assert [d["number"] for d in show(session, typed)] == ["410/QĐ-UBND"], typed
        assert [r["number"] for r in trace(session, typed)] == ["410/QĐ-UBND"], typed
    assert number_key("12/KH-HOÀ") == number_key("12/kh-hòa") == number_key("12/KH-HOA")
    res = congvan("show", "410/QĐ-UBNX", db=db_url)
    assert res.returncode == 1 and "nearest: 410/QĐ-UBND" in res.stderr
    assert "nearest: 845/UBND-KGVX" in congvan("trace", "854/UBND-KGVX", db=db_url).stderr
    assert congvan("show", "410/qd-ubnd", "--format", "json", db=db_url).returncode == 0


def test_a_document_reached_twice_is_shown_once_and_referred_to(session: Session, db_url: str) -> None:
    # the demo's shape: a plan, a dispatch implementing it, and a department's dispatch citing both
    put(session, "p.txt", body("kế hoạch tỉnh"), number="04-KH/BCĐ")
    put(session, "u.txt", body("ủy ban triển khai"), number="845/UBND-KGVX", issue_date="2026-03-20",
        references=[cite("04-KH/BCĐ")])
    put(session, "s.txt", body("sở thực hiện"), number="312/SKHCN-QLCN", issue_date="2026-03-25",
        references=[cite("845/UBND-KGVX"), cite("04-KH/BCĐ", relation="cites")],
        tasks=[{"ordinal": "1", "text": "xây dựng phương án", "assignees": [{"name": "Phòng Quản lý", "role": "lead"}]}])
    (root,) = trace(session, "04-KH/BCĐ")
    ubnd, again = root["children"]
    assert (ubnd["number"], ubnd["repeat"]) == ("845/UBND-KGVX", False)
    (sở,) = ubnd["children"]
    assert (sở["number"], sở["repeat"], len(sở["tasks"])) == ("312/SKHCN-QLCN", False, 1)
    assert (again["number"], again["see"], again["tasks"], again["children"]) == ("312/SKHCN-QLCN", "above", [], [])
    table = congvan("trace", "04-KH/BCĐ", db=db_url).stdout
    assert table.count("xây dựng phương án") == 1 and table.count("→ see above") == 1
    # one dated before the follow-up it implements, citing the plan too: in full at the end of the longer chain
    put(session, "d.txt", body("huyện thực hiện"), number="56/TB-UBND", issue_date="2026-03-01",
        references=[cite("04-KH/BCĐ", relation="cites"), cite("845/UBND-KGVX")])
    (root,) = trace(session, "04-KH/BCĐ")
    assert [(c["number"], c["see"]) for c in root["children"]] == \
        [("56/TB-UBND", "below"), ("845/UBND-KGVX", None), ("312/SKHCN-QLCN", "above")]
    assert [(c["number"], c["see"]) for c in root["children"][1]["children"]] == \
        [("56/TB-UBND", None), ("312/SKHCN-QLCN", None)]
    # a cycle ends at the document it started from
    put(session, "x.txt", body("văn bản x"), number="1/X", references=[cite("2/X")])
    put(session, "y.txt", body("văn bản y"), number="2/X", references=[cite("1/X")])
    (x,) = trace(session, "1/X", depth=50)
    assert [(n["number"], n["repeat"]) for n in (x, x["children"][0], x["children"][0]["children"][0])] == \
        [("1/X", False), ("2/X", False), ("1/X", True)]


def test_the_tasks_table_shows_assigned_by_only_when_a_task_has_it(session: Session, db_url: str) -> None:
    put(session, "a.txt", body("kế hoạch"), number="1-KH/TW",
        tasks=[{"ordinal": "1", "text": "việc riêng", "assignees": [{"name": "Sở Nội vụ", "role": "lead"}]}])
    assert "assigned_by" not in congvan("tasks", db=db_url).stdout
    put(session, "b.txt", body("phụ lục"), number="2/PL-UBND",
        tasks=[{"ordinal": "1", "text": "việc theo bảng", "assignees": [{"name": "Sở Tài chính", "role": "lead"}],
                "assigned_by": {"number": "1-KH/TW", "doc_type": "Kế hoạch", "date": None}}])
    rows = json.loads(congvan("tasks", "--format", "json", db=db_url).stdout)
    assert [r["assigned_by"] for r in rows] == [None, "1-KH/TW"]
    assert "assigned_by" in congvan("tasks", db=db_url).stdout


def test_a_query_command_loads_neither_alembic_nor_the_extractors(tmp_path: Path) -> None:
    """A query on a database at the newest schema starts quickly: the schema is checked with one
    SELECT (Alembic is imported only to migrate) and reading and extraction are never imported;
    no query command loads typer (with pydantic), and on a SQLite file none loads SQLAlchemy (`tasks` and `search` not rich either)."""
    import subprocess
    import sys

    from pipeline.storage.db import open_engine
    from tests.conftest import ROOT

    url = f"sqlite:///{tmp_path / 'q.db'}"
    open_engine(url).dispose()
    probe = ("import sys\nfrom pipeline.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
             "print(sorted({m.split('.')[0] + '.' + m.split('.')[1] if m.startswith(('extractors.', 'pipeline.')) "
             "else m.split('.')[0] for m in sys.modules}), file=sys.stderr)")
    for args in (["tasks"], ["search", "chuyen doi so"], ["show", "1/UBND"]):
        res = subprocess.run([sys.executable, "-c", probe, *args, "--db", url], capture_output=True, text=True,
                             cwd=tmp_path, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)
        loaded = res.stderr.splitlines()[-1]
        assert "'pipeline.queries'" in loaded, res.stderr      # the probe ran the command
        assert "'sqlalchemy'" not in loaded, args   # show too: pipeline/queries/shown.py
        for framework in ("typer", "pydantic"):
            assert f"'{framework}'" not in loaded, (args, framework)
        assert ("'rich'" in loaded) <= (args[0] == "show"), args   # the tables of tasks and search: render.draw
        for heavy in ("alembic", "spacy", "datasketch", "extractors.structure", "pipeline.reading", "pipeline.ingest"):
            assert f"'{heavy}'" not in loaded, (args, heavy)
