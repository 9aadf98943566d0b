#!/usr/bin/env python3
"""How long `congvan serve` takes from launch to its first answered page (the 3 s target).

    scripts/time_serve.py --db sqlite:///data/processed/congvan.db [--runs 5] [--path /documents]

Starts the installed command (the venv's congvan, or `python -m` with this tree on the path) on
a free localhost port, polls the page until it answers 200, stops the server, and prints each
run's time, their median, and the CPU seconds the server used before it answered (the figure a
loaded machine does not inflate).
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def one_run(db: str, path: str, timeout: float) -> tuple[float, float]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    cmd = [sys.executable, "-c", "from pipeline.cli import main; main()", "serve", "--db", db, "--port", str(port)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"congvan serve exited: {proc.stderr.read().decode() if proc.stderr else ''}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as r:
                    if r.status == 200:
                        return time.perf_counter() - started, cpu_seconds(proc.pid)
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.perf_counter() - started > timeout:
                raise SystemExit(f"no answer within {timeout:.0f} s")
            time.sleep(0.02)
    finally:
        proc.terminate()
        proc.wait(10)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--path", default="/documents")
    ap.add_argument("--timeout", type=float, default=60.0)
    args = ap.parse_args()
    runs = [one_run(args.db, args.path, args.timeout) for _ in range(args.runs)]
    for i, (wall, cpu) in enumerate(runs, 1):
        print(f"run {i}: first answer after {wall:.2f} s (server CPU {cpu:.2f} s)")
    print(f"median {statistics.median(w for w, _ in runs):.2f} s wall, "
          f"{statistics.median(c for _, c in runs):.2f} s CPU; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
