"""Analyst queries on a synthetic archive of 100,000 documents and 500,000 tasks.

In process: the median (and spread) of every query the README shows (`tasks --assignee` for one
body and for a broad kind of body, `trace --down --depth 5`, `search`), against the 100 ms target,
each beside a naive way of giving the same answer run in the same process (a Python scan of every
assignee's keys for tasks, a per-node walk for trace, a scan of every text for search;
tests/test_bench_baselines.py checks that each gives the same answer as the query). From the
shell: whole runs of the `congvan` command on the archive (interpreter start, imports, schema
check, query, output), against the 0.25 s target for a query command.

The archive is a hierarchy as directives travel: 1,000 central plans, each implemented by
about three documents of the next tier, down five tiers; every document assigns five tasks to
bodies drawn from 3,000 organisations, and its text is as long as a real dispatch's (about
4,000 characters of administrative phrases). Bodies are the project's administrative vocabulary.

    python scripts/bench_queries.py [--docs 100000] [--rebuild] [--runs 15]
"""
from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from sqlalchemy import select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402
from timing import Runs, Verdict, congvan_command, interleaved, load, repeat, run_program  # noqa: E402

from extractors.orgs import folded_key  # noqa: E402
from extractors.text import fold, name_key  # noqa: E402
from models import Document, Reference, Task  # noqa: E402
from pipeline.queries import lookup as queries  # noqa: E402
from pipeline.storage.db import open_engine  # noqa: E402

TASKS_PER_DOC = 5
DEPARTMENTS = ["Phòng Kinh tế", "Phòng Nội vụ", "Phòng Tài chính - Kế hoạch", "Phòng Văn hóa - Xã hội",
               "Phòng Tài nguyên và Môi trường", "Sở Khoa học và Công nghệ", "Sở Nội vụ", "Sở Tài chính",
               "Sở Y tế", "Sở Giáo dục và Đào tạo", "Ủy ban nhân dân", "Văn phòng Ủy ban nhân dân",
               "Trung tâm Phục vụ hành chính công", "Công an", "Ban Tuyên giáo"]
PLACES = ["Bình An", "Hòa Phú", "Tân Lập", "Phước Sơn", "Quảng Điền", "Đông Hưng", "Yên Thành", "Lạc Long",
          "Kim Sơn", "Hải Châu", "Thanh Bình", "Nam Trực", "Phú Lộc", "An Nhơn", "Cẩm Giàng", "Gia Lâm",
          "Vĩnh Tường", "Lục Ngạn", "Tiên Du", "Mỹ Hào"]
LEVELS = ["tỉnh", "huyện", "xã", "thành phố", "đặc khu", "phường", "thị xã", "quận", "thị trấn", "khu"]
TIERS = [0.01, 0.03, 0.09, 0.27, 0.60]
PHRASES_PER_TEXT = (40, 140)  # about 4,000 characters a text, as long as a real dispatch


def phrases() -> list[str]:
    lines = (ROOT / "pipeline" / "data" / "admin_vocabulary.txt").read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln and not ln.startswith("#")]


def organisations() -> list[str]:
    return [f"{d} {lv} {p}" for d in DEPARTMENTS for p in PLACES for lv in LEVELS][:3000]


def build(url: str, n_docs: int, rng: random.Random) -> None:
    engine = open_engine(url)
    orgs = organisations()
    vocab = phrases()
    folded_vocab = [fold(p) for p in vocab]
    conn = engine.raw_connection()
    cur = conn.cursor()
    cur.executemany("INSERT INTO organization (id, name, key) VALUES (?, ?, ?)",
                    [(i + 1, o, folded_key(o)) for i, o in enumerate(orgs)])
    cur.executemany("INSERT INTO organization_alias (organization_id, alias, key) VALUES (?, ?, ?)",
                    [(i + 1, o, name_key(o)) for i, o in enumerate(orgs)])
    tiers, start = [], 1
    for share in TIERS:
        size = round(n_docs * share)
        tiers.append(range(start, start + size))
        start += size
    task_id = 0
    for level, ids in enumerate(tiers):
        docs, texts, refs, tasks, assignees = [], [], [], [], []
        for i in ids:
            year = 2016 + i % 10
            number = f"{i}-KH/TW" if level == 0 else f"{i}/UBND-VP"
            docs.append((i, number, number.split("/")[-1], "Kế hoạch" if level == 0 else "Công văn",
                         f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}", rng.randrange(len(orgs)) + 1, False))
            picks = [rng.randrange(len(vocab)) for _ in range(rng.randint(*PHRASES_PER_TEXT))]
            texts.append((i, ". ".join(vocab[k] for k in picks), ". ".join(folded_vocab[k] for k in picks)))
            if level:
                refs.append((i, rng.choice(tiers[level - 1]), "implements"))
                if rng.random() < 0.3:
                    refs.append((i, rng.randrange(1, ids.start), "cites"))
            for k in range(TASKS_PER_DOC):
                task_id += 1
                tasks.append((task_id, i, str(k + 1), vocab[rng.randrange(len(vocab))],
                              f"{year}-{1 + k * 2:02d}-15" if k % 2 else None))
                lead = rng.randrange(len(orgs))
                assignees.append((task_id, lead + 1, "lead", orgs[lead]))
                if k % 3 == 0:
                    sup = rng.randrange(len(orgs))
                    assignees.append((task_id, sup + 1, "support", orgs[sup]))
        cur.executemany("INSERT INTO document (id, number, symbol, doc_type, issue_date, issuer_id, is_stub) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)", docs)
        cur.executemany("INSERT INTO document_text (document_id, body, folded) VALUES (?, ?, ?)", texts)
        cur.executemany("INSERT INTO reference (from_id, to_id, relation) VALUES (?, ?, ?)", refs)
        cur.executemany("INSERT INTO task (id, document_id, ordinal, text, deadline) VALUES (?, ?, ?, ?, ?)", tasks)
        cur.executemany("INSERT INTO task_assignee (task_id, organization_id, role, printed) VALUES (?, ?, ?, ?)",
                        assignees)
        conn.commit()
    cur.execute("ANALYZE")
    conn.close()


def naive_tasks(session: Session, assignee: str, limit: int | None = None) -> list[tuple[str, str]]:
    """(document, ordinal) of every task whose assignee's name or alias key holds the folded filter,
    earliest document first: a Python scan of every assignee row, what the indexed query replaces."""
    key = name_key(assignee)
    keys: dict[int, list[str]] = {}
    for org_id, k in session.execute(text("SELECT id, key FROM organization UNION ALL "
                                          "SELECT organization_id, key FROM organization_alias")):
        keys.setdefault(org_id, []).append(k)
    tasks = {task_id for task_id, org_id in session.execute(text("SELECT task_id, organization_id FROM task_assignee"))
             if any(key in k for k in keys.get(org_id, ()))}
    rows = session.execute(text("SELECT t.id, d.number, t.ordinal FROM task t JOIN document d ON d.id = t.document_id "
                                "ORDER BY d.issue_date, t.id")).all()
    return [(number, ordinal) for task_id, number, ordinal in rows if task_id in tasks][:limit]


def naive_trace(session: Session, number: str, depth: int = 5) -> set[int]:
    """The documents reached down from `number` within `depth` steps, one query per node: what the
    recursive query replaces."""
    frontier = set(session.scalars(select(Document.id).where(Document.number == number)))
    seen = set(frontier)
    for _ in range(depth):
        nxt = set()
        for doc_id in frontier:
            nxt |= set(session.scalars(select(Reference.from_id).where(Reference.to_id == doc_id)))
            session.scalars(select(Task.id).where(Task.document_id == doc_id)).all()  # its tasks, as trace shows them
        frontier = nxt - seen
        seen |= nxt
    return seen


def naive_search(session: Session, query: str) -> set[int]:
    """The documents whose folded text holds every word of `query` as a word: a scan of every text."""
    words = re.findall(r"[a-z0-9]+", fold(query))
    found = set()
    for doc_id, folded in session.execute(text("SELECT document_id, folded FROM document_text")):
        tokens = set(re.findall(r"[a-z0-9]+", folded))
        if all(w in tokens for w in words):
            found.add(doc_id)
    return found


def tasks_answer(session: Session, assignee: str, limit: int | None = None) -> list[tuple[str, str]]:
    """What `congvan tasks --assignee` answers, as naive_tasks gives it."""
    return [(r["document"], r["ordinal"]) for r in queries.tasks(session, assignee=assignee, limit=limit)]


def trace_answer(session: Session, number: str, depth: int = 5) -> set[int]:
    """The documents `congvan trace --down` shows, as naive_trace gives them."""
    out: set[int] = set()
    todo = queries.trace(session, number, "down", depth)
    while todo:
        node = todo.pop()
        out.add(node["id"])
        todo += node["children"]
    return out


def search_answer(session: Session, query: str) -> set[int]:
    """Every document `congvan search --limit 0` finds, as naive_search gives them."""
    return {doc_id for doc_id, _ in queries.search_ranked(session, query, None)[1]}


def archive(runs: int) -> tuple[argparse.Namespace, str]:
    """The benchmark's options and the URL of its synthetic archive, built when missing or asked
    (`--rebuild`): the archive this benchmark and scripts/bench_web.py both time."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=ROOT / "data" / "processed" / "bench_queries.db")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--runs", type=int, default=runs)
    ap.add_argument("--shell-runs", type=int, default=5, help="whole runs of each command from the shell (3 at least)")
    args = ap.parse_args()
    url = f"sqlite:///{args.db}"
    if args.rebuild or not args.db.exists():
        args.db.unlink(missing_ok=True)
        t = time.perf_counter()
        build(url, args.docs, random.Random(7))
        print(f"built {args.db} in {time.perf_counter() - t:.0f} s")
    return args, url


def main() -> None:
    args, url = archive(runs=15)
    rng = random.Random(11)  # the same queries whether or not the archive was just built
    verdict = Verdict()
    with Session(open_engine(url)) as s:
        n_docs = s.scalar(text("SELECT count(*) FROM document"))
        n_tasks = s.scalar(text("SELECT count(*) FROM task"))
        chars = s.scalar(text("SELECT avg(length(body)) FROM document_text"))
        print(f"archive: {n_docs} documents, {n_tasks} tasks, texts of {chars:.0f} characters on average ({load()})")
        orgs = organisations()
        names = [fold(rng.choice(orgs)) for _ in range(args.runs)]
        # every body of a kind ("phong kinh te": 200 bodies, ~45,000 tasks), the first 200 as the table shows them
        kinds = [fold(rng.choice(DEPARTMENTS)) for _ in range(args.runs)]
        roots = [f"{rng.randrange(1, round(n_docs * TIERS[0]))}-KH/TW" for _ in range(args.runs)]
        words = [w for p in phrases() for w in fold(p).split() if len(w) > 3]
        searches = [" ".join(rng.sample(words, 2)) for _ in range(args.runs)]
        sizes = [len(trace_answer(s, r)) for r in roots]
        naive_runs = max(3, args.runs // 5)  # the naive ways take seconds each
        figures = [
            ("tasks --assignee BODY", repeat(lambda a: queries.tasks(s, assignee=a, limit=200), names),
             repeat(lambda a: naive_tasks(s, a, 200), names[:naive_runs])),
            ("tasks --assignee KIND", repeat(lambda a: queries.tasks(s, assignee=a, limit=200), kinds),
             repeat(lambda a: naive_tasks(s, a, 200), kinds[:naive_runs])),
            ("trace --down --depth 5", repeat(lambda r: queries.trace(s, r, "down", 5), roots),
             repeat(lambda r: naive_trace(s, r), roots[:naive_runs])),
            ("search (first 20)", repeat(lambda q: queries.search(s, q), searches), None),
            ("search --limit 0", repeat(lambda q: search_answer(s, q), searches),
             repeat(lambda q: naive_search(s, q), searches[:naive_runs])),
        ]
    print(f"trace trees: median {statistics.median(sizes):.0f} documents (max {max(sizes)})")
    print(f"in process, {args.runs} queries each: median ms (spread) of 100 ms; naive way, same answer")
    for name, runs, naive in figures:
        vs = f"naive {naive.median * 1000:9.1f} ms, {runs.median / naive.median:6.3f}x" if naive else ""
        print(f"  {name:24} {runs.ms_text()}  {verdict.target(name, runs.median * 1000, 100, at_least=False):16} {vs}")
    shell(args, url, names[0], kinds[0], roots[0], searches[0], verdict)
    verdict.finish()


def shell(args: argparse.Namespace, url: str, name: str, kind: str, root: str, words: str, verdict: Verdict) -> None:
    """Whole `congvan` runs on the archive, as a user types them, interleaved."""
    commands = {
        "tasks": ["tasks"], f"tasks --assignee {name!r}": ["tasks", "--assignee", name],
        f"tasks --assignee {kind!r}": ["tasks", "--assignee", kind], f"search {words!r}": ["search", words],
        f"show {root}": ["show", root], f"trace {root} --down": ["trace", root, "--down"],
        "tasks --format csv (every task)": ["tasks", "--format", "csv"],
    }
    cpu: dict[str, list[float]] = {k: [] for k in commands}

    def run(name: str, argv: list[str]) -> float:
        done = run_program(congvan_command(*argv, "--db", url))
        cpu[name].append(done.total_cpu)
        return done.wall

    runs: dict[str, Runs] = interleaved({k: (lambda _, k=k, c=c: run(k, c)) for k, c in commands.items()},
                                        max(3, args.shell_runs))
    print(f"from the shell, whole `congvan` runs ({load()}): median (spread) of 0.25 s; CPU seconds beside")
    for k, r in runs.items():
        mark = verdict.target(k, r.median, 0.25, at_least=False) if "csv" not in k and "trace" not in k else ""
        print(f"  {k:44} {r.s_text()}  CPU {statistics.median(cpu[k]):.3f} s  {mark}")


def _count(node: dict[str, Any]) -> int:
    return 1 + sum(_count(c) for c in node["children"])


if __name__ == "__main__":
    main()
