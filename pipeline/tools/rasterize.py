"""The one place pdftoppm (through pdf2image) is called: PDF pages to images."""
from __future__ import annotations

import logging
import subprocess
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ExternalToolError, InputError
from . import probe

if TYPE_CHECKING:
    from PIL.Image import Image

log = logging.getLogger(__name__)


@cache
def version() -> str:
    return probe("pdftoppm", "-v", "poppler-utils")


def render_page(path: str | Path, page: int, dpi: int = 300, timeout: float = 120.0) -> Image:
    from pdf2image import convert_from_path
    from pdf2image.exceptions import PDFPageCountError, PDFSyntaxError

    version()
    log.debug("pdftoppm -r %d -f %d -l %d %s", dpi, page, page, path)
    try:
        images = convert_from_path(str(path), dpi=dpi, first_page=page, last_page=page,
                                   timeout=int(timeout))
    except (PDFPageCountError, PDFSyntaxError) as e:
        raise InputError(path, f"PDF cannot be rendered: {str(e).strip()[:160]}") from e
    except subprocess.TimeoutExpired as e:
        raise ExternalToolError("pdftoppm", f"timed out on page {page} of {path}") from e
    if not images:
        raise InputError(path, f"page {page} rendered to nothing")
    return images[0]
