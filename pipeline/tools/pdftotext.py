"""The one place pdftotext (poppler-utils) is called: the text a PDF viewer's search would find,
which is what an archive copy is checked by."""
from __future__ import annotations

import logging
import subprocess
from functools import cache
from pathlib import Path

from ..errors import ExternalToolError
from . import probe

log = logging.getLogger(__name__)


@cache
def version() -> str:
    return probe("pdftotext", "-v", "poppler-utils")


def text(path: str | Path, timeout: float = 120.0) -> str:
    version()
    log.debug("pdftotext -enc UTF-8 %s -", path)
    try:
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=timeout,
                             check=False)
    except subprocess.TimeoutExpired as e:
        raise ExternalToolError("pdftotext", f"timed out on {path}") from e
    if out.returncode != 0:
        raise ExternalToolError("pdftotext", f"exit code {out.returncode} on {path}: "
                                f"{out.stderr.decode('utf-8', 'replace').strip()[:200]}")
    return out.stdout.decode("utf-8", "replace")
