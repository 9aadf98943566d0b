"""The one place Graphviz's `dot` is called: a graph in the DOT language to an SVG drawing."""
from __future__ import annotations

import logging
import subprocess
from functools import cache

from ..errors import ExternalToolError
from . import probe

log = logging.getLogger(__name__)


@cache
def version() -> str:
    return probe("dot", "-V", "graphviz")


def svg(source: str, timeout: float = 20.0) -> str:
    """`source` (DOT) laid out by dot as an SVG document (without the XML prologue, to inline it)."""
    version()
    log.debug("dot -Tsvg (%d bytes of DOT)", len(source))
    try:
        out = subprocess.run(["dot", "-Tsvg"], input=source.encode("utf-8"), capture_output=True,
                             timeout=timeout, check=False)
    except subprocess.TimeoutExpired as e:
        raise ExternalToolError("dot", f"timed out after {timeout:.0f} s") from e
    if out.returncode != 0:
        raise ExternalToolError("dot", out.stderr.decode(errors="replace").strip()[:200] or f"exit {out.returncode}")
    text = out.stdout.decode("utf-8")
    return text[text.find("<svg"):]
