"""A throw-away PostgreSQL server on loopback for the storage and query tests.

Uses $CONGVAN_TEST_PG when set (an existing server the tests may create databases on); else
starts Debian's PostgreSQL from /usr/lib/postgresql in a temporary directory, so `pytest`
alone exercises PostgreSQL wherever the set-up installed it. With $CONGVAN_REQUIRE_PG set (CI),
a missing server fails the run instead of skipping those tests.
"""
from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_counter = itertools.count()


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_owner(cmd: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; CI runs as root, so run it as the package's own user.
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextmanager
def server() -> Iterator[str | None]:
    """Yields a base URL (no database name) or None when no PostgreSQL is available."""
    if os.environ.get("CONGVAN_TEST_PG"):
        yield os.environ["CONGVAN_TEST_PG"].rstrip("/")
        return
    bindir = _bindir()
    if bindir is None:
        yield None
        return
    root = Path(tempfile.mkdtemp(prefix="congvan-pg-"))
    data, port = root / "data", _free_port()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    run = dict(check=True, capture_output=True, timeout=120)
    subprocess.run(_as_owner([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "congvan",
                              "-E", "UTF8", "--locale=C.UTF-8"]), **run)  # type: ignore[call-overload]
    opts = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -F -c fsync=off"
    subprocess.run(_as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-w", "-l",
                              str(root / "log"), "start"]), **run)  # type: ignore[call-overload]
    try:
        yield f"postgresql+psycopg://congvan@127.0.0.1:{port}"
    finally:
        subprocess.run(_as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


def new_database(base: str) -> str:
    """A fresh, empty database on the server, so each test starts from nothing."""
    import psycopg

    name = f"t{os.getpid()}_{next(_counter)}"
    with psycopg.connect(base.replace("postgresql+psycopg", "postgresql") + "/postgres", autocommit=True) as c:
        c.execute(f"CREATE DATABASE {name}")
    return f"{base}/{name}"
