"""Plain data passed between stages and returned by workers (picklable, no engines)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from extractors.structure.tables import Cell, Grid, Table  # the readers' tables, as the tree keeps them
    from extractors.structure.words import Word  # the word-zone builder's type, kept here for the readers

__all__ = ["Cell", "Grid", "Limits", "Page", "ReadMethod", "ReadResult", "Table", "Word"]

ReadMethod = Literal["text-layer", "ocr", "plain-text", "word"]


def __getattr__(name: str) -> Any:
    """Cell, Table and Word on first use: the query commands import Limits through the CLI, and
    the structure builders behind these types cost a tenth of a second they never need."""
    if name in ("Cell", "Grid", "Table"):
        from extractors.structure import tables

        return getattr(tables, name)
    if name == "Word":
        from extractors.structure.words import Word

        return Word
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class Page:
    number: int
    text: str
    method: ReadMethod
    width: float = 0.0
    words: list[Word] = field(default_factory=list)
    confidence: float | None = None
    restored: bool = False
    seconds: float = 0.0
    rotation: int = 0  # degrees the page was turned clockwise before OCR (Tesseract OSD)
    encoding: str | None = None  # the legacy 8-bit encoding (TCVN3, VNI) the text was converted from
    # The first page's image as Tesseract read it (its words' coordinates), kept while the file's
    # stages run so the handwritten number and day can be looked at again (pipeline/handwritten.py);
    # recipe.run drops it before the result leaves the worker.
    image: Any = field(default=None, repr=False, compare=False)
    tables: list[Table] = field(default_factory=list)  # the tables the file drew, spans in this page's text
    # A text-layer page that also shows a picture (in its content or an annotation's appearance),
    # noted while it is read: a number or day stamped as an image is only there (pipeline/stamped.py).
    shows_image: bool = False
    # The ruled task tables of a scanned page (pipeline/reading/ruled.py), their columns read again:
    # the task table builder takes their rows and cells from the rules.
    grids: list[Grid] = field(default_factory=list)


@dataclass
class ReadResult:
    path: str
    sha256: str
    media_type: str
    pages: list[Page]
    # each digital signature of a PDF as pipeline/reading/signatures.py reports it (record: source.signatures)
    signatures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages)

    @property
    def text_source(self) -> str:
        methods = {p.method for p in self.pages}
        if methods <= {"plain-text", "word"}:
            return "plain-text"
        if len(methods) == 1:
            return next(iter(methods))
        return "mixed"


@dataclass(frozen=True)
class Limits:
    """What one file may cost; over a limit the file fails with LimitError and the batch goes on."""

    max_pages: int = 500
    max_pixels: int = 120_000_000  # per page or image, also when a PDF page is rasterised at 300 dpi
    max_bytes: int = 500_000_000
    # Text read from a file (a text file by its size, before it is read): a dispatch is some tens
    # of kilobytes, and extraction takes about 10 s a megabyte.
    max_text_bytes: int = 2_000_000
    ocr_seconds: float = 120.0     # per page
    # All of one file's work (reading, OCR of every page, extraction) in a worker process; over it
    # the worker is replaced and the file reported. 0: no budget.
    file_seconds: float = 1800.0
