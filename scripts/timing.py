"""Timing shared by the benchmarks (scripts/bench_*.py): what a user gets, measured honestly.

The primary figure of a benchmark is a whole run of the `congvan` command as a program of its
own (interpreter start, imports, model loads, every worker's start, the database's commits),
repeated, with the sides being compared interleaved run by run so that a machine's load shifts
them alike, printed as the median and the spread (min-max). A ratio the hardware cannot give (two
workers more than twice as fast as one on this many cores) is a broken measurement: `Verdict`
fails the benchmark on it instead of printing it as a result.
"""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Runs:
    """Seconds of repeated runs of one thing, each doing `units` (documents, pages, queries)."""

    seconds: list[float] = field(default_factory=list)
    units: int = 1

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def rate(self) -> float:
        """Units per second of the median run."""
        return self.units / self.median

    def rate_text(self, unit: str = "/s") -> str:
        lo, hi = self.units / max(self.seconds), self.units / min(self.seconds)
        digits = 1 if lo >= 10 else 3
        return f"{self.rate:8.{digits}f}{unit} (spread {lo:.{digits}f}-{hi:.{digits}f}, {len(self.seconds)} runs)"

    def ms_text(self) -> str:
        return (f"{self.median * 1000:8.1f} ms (spread {min(self.seconds) * 1000:.1f}-"
                f"{max(self.seconds) * 1000:.1f}, {len(self.seconds)} runs)")

    def s_text(self) -> str:
        return f"{self.median:7.3f} s (spread {min(self.seconds):.3f}-{max(self.seconds):.3f}, {len(self.seconds)} runs)"


@dataclass
class Process:
    """One finished program: wall seconds, CPU seconds of the program itself and of everything it
    started (its workers), and the peak RSS of the program and its workers together."""

    wall: float
    own_cpu: float
    total_cpu: float
    peak_rss_mb: float
    stdout: str
    stderr: str

    @property
    def children_cpu(self) -> float:
        return max(0.0, self.total_cpu - self.own_cpu)


def congvan_command(*args: str) -> list[str]:
    """`congvan ARGS` as the console script runs it, from this tree."""
    return [sys.executable, "-c", "from pipeline.cli import entry; entry()", *args]


def run_program(cmd: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None,
                sample: float = 0.05) -> Process:
    """Run `cmd` to its end; fail loudly on a non-zero exit. While it runs its own CPU (utime +
    stime in /proc, the last sample before it ends) and its process group's RSS are sampled."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd, env=env,
                            start_new_session=True)
    own, peak = [0.0], [0]

    def watch() -> None:
        while proc.poll() is None:
            own[0] = max(own[0], _cpu_seconds(proc.pid))
            peak[0] = max(peak[0], _group_rss_kb(proc.pid))
            time.sleep(sample)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t
    watcher.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd[3:] if cmd[:1] == [sys.executable] else cmd)} failed "
                         f"(exit {proc.returncode}): {err.strip()[-400:]}")
    total = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Process(wall, own[0], total, peak[0] / 1024, out, err)


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def _group_rss_kb(pgid: int) -> int:
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            if os.getpgid(int(pid)) != pgid:
                continue
            status = Path(f"/proc/{pid}/status").read_text()
        except (OSError, ProcessLookupError):
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def interleaved(sides: dict[str, Callable[[int], float]], runs: int, units: dict[str, int] | None = None) -> dict[str, Runs]:
    """Each side's `run(i) -> seconds` for i in range(runs), the sides taking turns (A B C A B C …),
    so that a burst of load on a shared machine falls on every side alike."""
    out = {name: Runs(units=(units or {}).get(name, 1)) for name in sides}
    for i in range(runs):
        for name, run in sides.items():
            out[name].seconds.append(run(i))
    return out


def repeat(fn: Callable[[Any], Any], args: Sequence[Any], warm: bool = True) -> Runs:
    """`fn(a)` timed once for each argument (in process; a first untimed call warms caches)."""
    if warm and args:
        fn(args[0])
    runs = Runs()
    for a in args:
        t = time.perf_counter()
        fn(a)
        runs.seconds.append(time.perf_counter() - t)
    return runs


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (5 min {five:.1f}) on {os.cpu_count()} cores"


@dataclass
class Verdict:
    """Targets met or missed, and measurements that cannot be right (they fail the benchmark)."""

    missed: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)

    def target(self, name: str, value: float, bound: float, at_least: bool = True) -> str:
        ok = value >= bound if at_least else value <= bound
        if not ok:
            self.missed.append(name)
        return f"{'met' if ok else 'MISSED'} ({'>=' if at_least else '<='} {bound:g})"

    def ratio(self, name: str, value: float, workers: int, bound: float | None = None) -> str:
        """A speed-up of `workers` over one: above `workers`x (or above the cores) it is impossible."""
        limit = min(workers, os.cpu_count() or workers)
        if value > limit:
            self.broken.append(f"{name}: {value:.2f}x is more than {limit} workers on {os.cpu_count()} cores can give")
            return f"IMPOSSIBLE (> {limit:.1f}x): the measurement is broken"
        return self.target(name, value, bound) if bound is not None else ""

    def finish(self) -> None:
        for line in self.broken:
            print(f"BROKEN MEASUREMENT: {line}", file=sys.stderr)
        if self.missed:
            print(f"targets missed: {', '.join(self.missed)}")
        elif not self.broken:
            print("every target met")
        if self.broken:
            raise SystemExit(2)


@dataclass
class Rate:
    """Items per second over a whole run (start-up included) and at the margin: how much faster a
    run of n items goes than one of n/2, (n - n/2) / (T(n) - T(n/2)). A secondary figure, always
    labelled "steady": a worker's one-time start cancels out, which a user does not see."""

    wall: float
    steady: float
    units: int  # done by the whole run

    @classmethod
    def marginal(cls, measure: Callable[[int], tuple[int, float]], n: int) -> Rate:
        """`measure(k)`: run the first k items; (units done, e.g. pages, and seconds taken)."""
        units_half, half = measure(n // 2)
        units, full = measure(n)
        return cls(units / full, (units - units_half) / (full - half), units)

    def __str__(self) -> str:
        return f"{self.steady:7.3f}/s steady ({self.wall:7.3f}/s with start-up)"
