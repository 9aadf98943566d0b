"""The external programs, one module each (Tesseract, antiword, poppler, Graphviz, rapidocr), and recorded OCR."""
from __future__ import annotations

import shutil
import subprocess

from ..errors import ExternalToolError


def probe(program: str, flag: str | None, package: str) -> str:
    """The first line `program flag` prints about its version (on stderr or stdout), or the typed
    error a missing program is: the one check every wrapper makes before its first call."""
    if not shutil.which(program):
        raise ExternalToolError(program, f"not installed (apt-get install {package})")
    if flag is None:
        return program
    out = subprocess.run([program, flag], capture_output=True, text=True, check=False)
    return ((out.stderr or out.stdout).strip().splitlines() or [program])[0].strip()
