"""The query commands read their own argv (pipeline/cli_query.py) so that they answer without
typer: that reading must take the options typer declares, give the same output, and leave to
typer every argv it does not read exactly as typer would (help, typing errors)."""
from __future__ import annotations

import inspect

import pytest
from sqlalchemy.orm import Session

from pipeline import cli_query
from tests.cli import congvan
from tests.test_storage import cite, put


def test_the_quick_options_are_the_typer_commands_options() -> None:
    import typer.main

    from pipeline.cli_app import app

    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    assert set(cli_query.QUICK) <= set(commands)
    for name, (positional, options) in cli_query.QUICK.items():
        params = commands[name].params
        assert [p.name for p in params if p.param_type_name == "argument"] == positional, name
        declared: dict[str, tuple[str, object]] = {}
        for p in params:
            if p.param_type_name != "option":
                continue
            if p.is_flag:
                declared |= {f: (p.name, True) for f in p.opts} | {f: (p.name, False) for f in p.secondary_opts}
            else:
                kind = p.bare_type()  # a name while the command's annotations are strings
                declared |= {f: (p.name, kind if isinstance(kind, str) else kind.__name__) for f in p.opts}
        assert declared == {f: (n, k if isinstance(k, bool) else k.__name__) for f, (n, k) in options.items()}, name
        defaults = {k: v.default for k, v in inspect.signature(getattr(cli_query, name)).parameters.items()}
        assert {p.name: p.default for p in params if not p.required} == {k: defaults[k] for k in
                                                                          (p.name for p in params if not p.required)}, name


@pytest.mark.parametrize("argv", [
    [], ["--help"], ["tasks", "--help"], ["search", "x", "--help"], ["tasks", "--bogus"], ["tasks", "--limit"],
    ["tasks", "--limit", "x"], ["tasks", "--limit", "-1"], ["tasks", "--overdue=1"], ["search"], ["search", "a", "b"],
    ["tasks", "-v"], ["tasks", "extra"], ["show"], ["trace", "1/UBND", "--no-up"], ["-x", "tasks"], ["search", "-a"],
    ["export"], ["ingest", "x"],
])
def test_what_the_quick_reader_leaves_to_typer(argv: list[str]) -> None:
    assert cli_query.parse(argv) is None


def test_what_the_quick_reader_takes() -> None:
    assert cli_query.parse(["-v", "tasks", "--limit=5", "--overdue", "--no-overdue", "--db", "sqlite:///a.db"]) == \
        (True, "tasks", {"limit": 5, "overdue": False, "db": "sqlite:///a.db"})
    assert cli_query.parse(["search", "--format", "csv", "--", "-x"]) == (False, "search", {"fmt": "csv", "query": "-x"})
    assert cli_query.parse(["search", "chuyen doi so", "--limit", "0"]) == \
        (False, "search", {"query": "chuyen doi so", "limit": 0})


def test_the_quick_path_prints_what_typer_prints(session: Session, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in (1, 2, 3):
        put(session, f"{i}.txt", f"Ủy ban nhân dân tỉnh về chuyển đổi số, văn bản {i}. " * 8, number=f"{i}/UBND",
            issue_date=f"2025-0{i}-01", subject=f"Văn bản {i}", references=[cite("1/UBND")] if i > 1 else [],
            tasks=[{"ordinal": "1", "text": f"Báo cáo việc {i}", "deadline": f"2025-0{i}-20",
                    "assignees": [{"name": "Phòng Kinh tế", "role": "lead"}, {"name": "Sở Nội vụ", "role": "support"}]}])
    calls = [("tasks",), ("tasks", "--format", "csv"), ("tasks", "--format", "json"), ("tasks", "--limit", "1"),
             ("tasks", "--assignee", "phong kinh te", "--due-before", "2025-03-01"), ("tasks", "--due-before", "soon"),
             ("tasks", "--format", "xml"), ("search", "chuyen doi so"), ("search", "chuyen doi so", "--limit", "0",
                                                                         "--format", "json"),
             ("search", "!!!"), ("-v", "tasks", "--overdue"), ("show", "2/UBND"), ("show", "2/ubnd", "--format", "json"),
             ("show", "9/UBND"), ("trace", "1/UBND"), ("trace", "1/UBND", "--up", "--down"),
             ("trace", "3/UBND", "--up", "--depth", "1", "--format", "csv")]
    quick = [congvan(*args, db=db_url) for args in calls]
    assert quick[0].returncode == 0 and "Phòng Kinh tế; Sở Nội vụ (support)" in quick[0].stdout
    assert quick[3].stderr.startswith("(the first 1 tasks")
    assert "2/UBND" in quick[-3].stdout and "3/UBND" in quick[-3].stdout     # the trace down from 1/UBND
    monkeypatch.setattr(cli_query, "parse", lambda argv: None)   # every call through typer
    for args, res in zip(calls, quick, strict=True):
        slow = congvan(*args, db=db_url)
        assert (res.returncode, res.stdout, res.stderr) == (slow.returncode, slow.stdout, slow.stderr), args
