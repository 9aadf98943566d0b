"""The project's exception hierarchy.

The CLI maps each class to an exit code and a one-line message; a file-level
error names the file and the reason so a batch can report it and go on.
"""
from __future__ import annotations

from pathlib import Path


class CongvanError(Exception):
    """Base class: everything the CLI reports without a traceback."""

    exit_code = 1


class InputError(CongvanError):
    """A file that cannot be read as a document (empty, truncated, encrypted, unknown)."""

    exit_code = 2

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class LimitError(InputError):
    """A file over a configured page, pixel or size limit."""


class ArchiveError(InputError):
    """An archive copy could not be made or failed its check: that copy's error, the batch goes on."""


class ExternalToolError(CongvanError):
    """tesseract, pdftoppm or antiword is missing, failed or timed out."""

    exit_code = 3

    def __init__(self, tool: str, reason: str) -> None:
        self.tool = tool
        self.reason = reason
        super().__init__(f"{tool}: {reason}")


class OcrNotRecorded(ExternalToolError):
    """Recorded OCR is on (tests) and these pixels were never recorded: never read as 'no text'."""


class StorageError(CongvanError):
    """The database could not be opened, migrated or written."""

    exit_code = 4


class ClusterError(CongvanError):
    """The Dask scheduler cannot be reached, or it has no workers."""

    exit_code = 5


class NotFound(CongvanError):
    """A query named something the database does not hold (a number, a document)."""

    exit_code = 1


class UsageError(CongvanError):
    """A command was called with arguments that cannot work."""

    exit_code = 64
