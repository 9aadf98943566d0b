"""Start-up as a user meets it: whole `congvan` query runs from the shell, and a worker's readiness.

Whole runs (scripts/timing.py: a program of its own, repeated, the sides interleaved, median and
spread, CPU beside) on the synthetic archive of scripts/bench_queries.py (100,000 documents,
500,000 tasks; build it with that script, or give --db a copy), against the interpreter's own
start (`python -c pass`, the floor no command goes under) measured in the same rounds:

- `congvan tasks` (a table of the first 200), `tasks --format csv` of those 200 (what the table
  costs to draw is the difference), `search WORDS` and `search --format csv`: target 0.25 s each;
- `congvan show NUMBER` and `congvan --help` (typer and SQLAlchemy, for comparison: no target);
- a worker ready, target 0.5 s: a fresh process importing the pipeline and loading what every
  file needs (`pipeline.work.warm`: what a Dask worker pays on its first file, and what
  `congvan ingest`'s forkserver does while the writer starts, pipeline/pool.py), a worker forked
  from a process that did (a library caller's pool: its start to its first result), and
  `congvan ingest`'s pool: its server's start to the first result (printed, no target: it
  overlaps the writer's own start), then a worker forked from that server (what a worker
  replaced after `--file-timeout` waits for).

Then where a `congvan tasks` run's CPU goes, stage by stage, in a fresh interpreter.

    python scripts/bench_start.py [--db data/processed/bench_queries.db] [--runs 10]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from timing import Runs, Verdict, congvan_command, interleaved, load, run_program  # noqa: E402

QUERY_TARGET = 0.25
WORKER_TARGET = 0.5

# A library caller's pool (pipeline/pool.py): forked from a process that warmed; its start to its first result, in seconds.
FORKED = """
import os, sys, time
from pebble import ProcessPool
from pipeline.work import warm
warm()
for _ in range(int(sys.argv[1])):
    t = time.perf_counter()
    pool = ProcessPool(max_workers=1)
    pool.schedule(os.getpid).result()
    print(time.perf_counter() - t)
    pool.stop()
    pool.join()
"""

# `congvan ingest`'s pool (pipeline/pool.py, early=True): from its start, in a fresh interpreter, to
# its first result (the forkserver loading the models: what overlaps the writer's own start), then
# a second pool's first worker from the same server (a worker forked ready: one replaced, say).
INGEST_POOL = """
import os, sys, time
from pipeline.pool import start_pool, stop_pool
t = time.perf_counter()
pool = start_pool(1, sign=True, early=True)
pool.schedule(os.getpid).result()
first = time.perf_counter() - t
pool.stop(); pool.join()  # the server stays up for the next pool
t = time.perf_counter()
again = start_pool(1, sign=True, early=True)
again.schedule(os.getpid).result()
print(first, time.perf_counter() - t)
stop_pool(again)
"""

# One `congvan tasks` in stages, each stage's CPU in ms (imports are cold: a fresh interpreter).
STAGES = """
import io, json, sys, time
from contextlib import redirect_stdout
t = [time.process_time()]
def mark(): t.append(time.process_time())
from pipeline import cli_query
from pipeline.queries import listing, render; mark()
from pipeline.storage import direct
conn = direct.connect(sys.argv[1]); mark()
rows = [cli_query.flat_task(r) for r in listing.iter_tasks(conn, limit=200)]; mark()
with redirect_stdout(io.StringIO()):
    render.emit(rows, "table", "Who assigned what to whom", list(cli_query.TASK_COLUMNS))
mark()
names = ["congvan modules", "open + schema check", "query (200 tasks)", "draw the table (render.draw)"]
print(json.dumps({n: (b - a) * 1000 for n, a, b in zip(names, t, t[1:])}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=ROOT / "data" / "processed" / "bench_queries.db")
    ap.add_argument("--runs", type=int, default=10, help="whole runs of each side, interleaved (3 at least)")
    ap.add_argument("--words", default="chuyen doi so")
    ap.add_argument("--number", default="1-KH/TW")
    args = ap.parse_args()
    if not args.db.is_file():
        raise SystemExit(f"no archive at {args.db}: build it with scripts/bench_queries.py (or give --db)")
    url = f"sqlite:///{args.db.resolve()}"
    sides = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "tasks": congvan_command("tasks", "--db", url),
        "tasks --format csv --limit 200": congvan_command("tasks", "--format", "csv", "--limit", "200", "--db", url),
        f"search {args.words!r}": congvan_command("search", args.words, "--db", url),
        f"search {args.words!r} --format csv": congvan_command("search", args.words, "--format", "csv", "--db", url),
        f"show {args.number}": congvan_command("show", args.number, "--db", url),
        "--help": congvan_command("--help"),
        "worker ready (imports + warm)": [sys.executable, "-c", "from pipeline.work import warm; warm()"],
    }
    cpu: dict[str, list[float]] = {k: [] for k in sides}

    def side(name: str) -> float:
        done = run_program(sides[name])
        cpu[name].append(done.total_cpu)
        return done.wall

    runs: dict[str, Runs] = interleaved({k: (lambda _, k=k: side(k)) for k in sides}, max(3, args.runs))
    verdict = Verdict()
    floor = runs["python -c pass"].median
    print(f"whole runs from the shell on {args.db.name} ({load()}): median (spread), CPU, and against "
          f"`python -c pass` ({floor:.3f} s)")
    for name, r in runs.items():
        if name == "python -c pass":
            mark = ""
        elif name.startswith("worker"):
            mark = verdict.target(name, r.median, WORKER_TARGET, at_least=False)
        elif name.startswith(("tasks", "search")):
            mark = verdict.target(name, r.median, QUERY_TARGET, at_least=False)
        else:
            mark = "(no target)"
        print(f"  {name:36} {r.s_text()}  CPU {statistics.median(cpu[name]):.3f} s  {r.median / floor:5.1f}x the "
              f"interpreter  {mark}")
    forked = Runs([float(x) for x in run_program([sys.executable, "-c", FORKED, str(max(3, args.runs))]).stdout.split()])
    print(f"  {'worker forked from a warmed process':36} {forked.s_text()}  "
          f"{verdict.target('worker forked', forked.median, WORKER_TARGET, at_least=False)}")
    pools = [[float(x) for x in run_program([sys.executable, "-c", INGEST_POOL]).stdout.split()]
             for _ in range(max(3, args.runs // 2))]
    first, again = Runs([p[0] for p in pools]), Runs([p[1] for p in pools])
    print(f"  {'ingest pool: its server warm (overlaps)':36} {first.s_text()}  (no target: the writer starts meanwhile)")
    print(f"  {'ingest pool: a worker from its server':36} {again.s_text()}  "
          f"{verdict.target('worker from the ingest pool', again.median, WORKER_TARGET, at_least=False)}")
    stages = [json.loads(run_program([sys.executable, "-c", STAGES, url]).stdout) for _ in range(max(3, args.runs // 2))]
    print("one `congvan tasks`, CPU by stage (median ms, fresh interpreter; the interpreter's own start not included):")
    for name in stages[0]:
        print(f"  {name:24} {statistics.median(s[name] for s in stages):7.1f} ms")
    verdict.finish()


if __name__ == "__main__":
    main()
