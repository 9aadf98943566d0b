"""What a worker loads (pipeline/work.py): the pipeline and its models (spaCy's entity ruler among
them), never the database's library, so a fresh worker (a Dask worker, a pool's process started anew)
is ready quickly."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_worker_imports_no_database_library(tmp_path: Path) -> None:
    probe = ("import sys\nfrom pipeline.work import process, warm\nwarm(True)\n"
             f"r = process({str(ROOT / 'data' / 'raw' / '03_cv_ubnd_tinh.txt')!r}, sign=True)\n"
             "assert r.error is None and r.encoded, r.error\n"
             "print(sorted({m.split('.')[0] for m in sys.modules}))")
    res = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert res.returncode == 0, res.stderr
    loaded = res.stdout.splitlines()[-1]
    for heavy in ("sqlalchemy", "alembic", "models"):  # spaCy brings typer itself
        assert f"'{heavy}'" not in loaded, heavy


def test_ingest_forks_its_workers_from_a_server_so_the_writer_never_loads_spacy(tmp_path: Path) -> None:
    """`congvan ingest` starts its workers first, from a forkserver that loads the models
    (pipeline/pool.py), while the writer opens the database: the file is stored, and the writer
    process itself has not imported spaCy (it did when it loaded the models before forking)."""
    probe = ("import atexit, sys\nfrom pipeline.cli import main\n"
             "atexit.register(lambda: print('writer loaded spacy:', 'spacy' in sys.modules))\n"
             f"sys.argv = ['congvan', 'ingest', {str(ROOT / 'data' / 'raw' / '03_cv_ubnd_tinh.txt')!r}, "
             f"'--db', 'sqlite:///{tmp_path / 'w.db'}', '--workers', '1']\nmain()")
    res = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=300)
    assert res.returncode == 0, res.stderr
    assert "stored 1," in res.stderr
    assert "writer loaded spacy: False" in res.stdout
