"""The one place antiword is called: legacy Word .doc to UTF-8 text."""
from __future__ import annotations

import logging
import subprocess
from functools import cache
from pathlib import Path

from ..errors import ExternalToolError, InputError
from . import probe

log = logging.getLogger(__name__)


@cache
def version() -> str:
    return probe("antiword", None, "antiword")


def doc_to_text(path: str | Path, timeout: float = 60.0) -> str:
    version()
    log.debug("antiword -m UTF-8.txt %s", path)
    try:
        out = subprocess.run(["antiword", "-m", "UTF-8.txt", "-w", "0", str(path)], capture_output=True,
                             timeout=timeout, check=False)
    except subprocess.TimeoutExpired as e:
        raise ExternalToolError("antiword", f"timed out on {path}") from e
    if out.returncode != 0:
        raise InputError(path, f"not a readable Word document ({out.stderr.decode(errors='replace').strip()[:120]})")
    return untable(out.stdout.decode("utf-8", errors="replace"))


def untable(text: str) -> str:
    """antiword prints a table row by row ('|Nơi nhận:   |KT. CHỦ TỊCH |'); a dispatch's header and foot are
    two-column tables, so each table is given column by column (the left block's lines, then the
    right's), as a reader takes them, and a cell's text loses its padding."""
    out: list[str] = []
    rows: list[list[str]] = []

    def flush() -> None:
        width = max((len(r) for r in rows), default=0)
        for c in range(width):
            out.extend(r[c].strip() for r in rows if c < len(r) and r[c].strip())
        rows.clear()

    for line in text.splitlines():
        bare = line.strip()
        if bare.startswith("|") and bare.endswith("|") and len(bare) > 1:
            rows.append(bare[1:-1].split("|"))
            continue
        if rows:
            flush()
        out.append(line)
    if rows:
        flush()
    return "\n".join(out)
