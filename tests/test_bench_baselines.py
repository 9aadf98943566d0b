"""The naive ways scripts/bench_queries.py times the queries against give the same answers as the
queries, on a small archive built as the benchmark builds its 100,000 documents: a ratio to a
baseline that answers something else (SQLite's lower() folds ASCII only, so a LIKE over printed
names matched no Vietnamese name) compares with nothing."""
from __future__ import annotations

import random
import sys

import pytest
from sqlalchemy.orm import Session

from pipeline.storage.db import open_engine
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import bench_queries as bq  # noqa: E402


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Session:
    url = f"sqlite:///{tmp_path_factory.mktemp('bench') / 'archive.db'}"
    bq.build(url, 1500, random.Random(7))
    return Session(open_engine(url))


@pytest.mark.parametrize("assignee", ["phong kinh te", "so noi vu tinh binh an", "Sở Y tế huyện Hòa Phú"])
@pytest.mark.parametrize("limit", [None, 50, 5])  # 5: "phong kinh te" walks the tasks in order
def test_the_naive_tasks_scan_finds_the_tasks_the_query_finds(archive: Session, assignee: str, limit: int | None) -> None:
    answer = bq.tasks_answer(archive, assignee, limit)
    assert answer, "a filter that matches nothing proves nothing"
    assert bq.naive_tasks(archive, assignee, limit) == answer


def test_the_naive_walk_reaches_the_documents_trace_shows(archive: Session) -> None:
    for root in ("1-KH/TW", "7-KH/TW", "12-KH/TW"):
        shown = bq.trace_answer(archive, root)
        assert len(shown) > 1
        assert bq.naive_trace(archive, root) == shown


def test_the_naive_scan_finds_the_documents_search_finds(archive: Session) -> None:
    for query in ("chuyen doi so", "ke hoach", "bao cao ket qua"):
        found = bq.search_answer(archive, query)
        assert found
        assert bq.naive_search(archive, query) == found


def test_a_limited_search_ranks_as_the_full_one_while_its_matches_fit_the_candidates(archive: Session) -> None:
    # listing.SEARCH_CANDIDATES bounds what a limited search ranks; under it nothing may change
    for query in ("chuyen doi so", "ke hoach", "bao cao ket qua"):
        everything = bq.queries.search_ranked(archive, query, None)[1]
        assert len(everything) > 20
        assert bq.queries.search_ranked(archive, query, 20)[1] == everything[:20]


def test_a_search_matching_more_than_the_candidates_ranks_the_newest(archive: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.queries import listing

    monkeypatch.setattr(listing, "SEARCH_CANDIDATES", 100)  # where search_ranked reads it
    everything = bq.queries.search_ranked(archive, "ke hoach", None)[1]
    newest = {i for i, _ in everything if i >= sorted(i for i, _ in everything)[-100]}
    top = bq.queries.search_ranked(archive, "ke hoach", 20)[1]
    assert len(everything) > 100 and len(top) == 20
    assert [h for h in everything if h[0] in newest][:20] == top
