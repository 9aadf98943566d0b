"""`congvan` as the tests run it: in this process (`congvan`), where what a test checks is what a
command prints and returns, or as a program of its own (`congvan_process`), where the test is about
the process itself (a traceback, Python's own exit code, a kill, two writers at once).

In this process a command skips the interpreter's start and the imports (SQLAlchemy, alembic,
spaCy, the diacritic model), about a second of CPU each, which a test calling it twenty times
paid twenty times; a pool the command starts is forked from here and inherits the loaded models.
"""
from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def _argv(args: tuple[str, ...], db: str | None) -> list[str]:
    return [*args, *(["--db", db] if db is not None else [])]


def congvan(*args: str, db: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`congvan ARGS [--db DB]` run by `pipeline.cli.main` here: its exit code, stdout and stderr,
    with $CONGVAN_DB unset (the default database is the one under `cwd`)."""
    from pipeline import cli

    out, err = io.StringIO(), io.StringIO()
    saved = sys.argv, os.getcwd(), os.environ.pop("CONGVAN_DB", None), dict(cli._state)
    code: int | str | None = 0
    try:
        sys.argv = ["congvan", *_argv(args, db)]
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                cli.main()
            except SystemExit as e:
                code = e.code
    finally:
        sys.argv = saved[0]
        os.chdir(saved[1])
        if saved[2] is not None:
            os.environ["CONGVAN_DB"] = saved[2]
        cli._state.update(saved[3])
    if isinstance(code, str):  # sys.exit("message"): printed, exit status 1
        err.write(code + "\n")
        code = 1
    return subprocess.CompletedProcess(["congvan", *args], code or 0, out.getvalue(), err.getvalue())


def congvan_process(*args: str, db: str | None = None, cwd: Path | None = None,
                    timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """`congvan ARGS [--db DB]` as a program of its own, with $CONGVAN_DB unset."""
    cmd = [sys.executable, "-c", "from pipeline.cli import main; main()", *_argv(args, db)]
    env = {k: v for k, v in os.environ.items() if k != "CONGVAN_DB"} | {"PYTHONPATH": str(ROOT)}
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env)
