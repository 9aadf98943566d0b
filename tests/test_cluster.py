"""Ingest on a Dask cluster: a LocalCluster of 2 worker processes gives the same records as a local run."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Source
from pipeline.errors import ClusterError
from pipeline.ingest import run
from pipeline.storage.db import open_engine
from tests.conftest import RAW

distributed = pytest.importorskip("dask.distributed")


def _records(url: str) -> dict[str, dict]:
    with Session(open_engine(url)) as s:
        out = {}
        for src in s.scalars(select(Source)):
            rec = dict(src.record)
            rec.pop("source", None)  # timings differ run to run
            out[Path(src.path).name] = rec
        return out


@pytest.mark.slow  # whole ingests as the CLI runs them: CI (scripts/test.sh --slow), not the quick run
def test_cluster_ingest_matches_a_local_run(tmp_path: Path) -> None:
    files = sorted(RAW.glob("*.txt"))
    local, remote = f"sqlite:///{tmp_path / 'local.db'}", f"sqlite:///{tmp_path / 'cluster.db'}"
    run(files, local, workers=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        summary = run(files, remote, scheduler=cluster.scheduler_address)
    assert len(summary.stored) + len(summary.merged) == len(files) and not summary.failed
    assert _records(remote) == _records(local)


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}), \
            pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
        run(sorted(RAW.glob("*.txt"))[:1], f"sqlite:///{tmp_path / 'x.db'}", scheduler="tcp://127.0.0.1:9")
