from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
RAW = ROOT / "data" / "raw"


def needs_shared() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared development set not present")


def needs_tesseract() -> pytest.MarkDecorator:
    return pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")


def gold(stem: str) -> dict:
    return json.loads((SHARED / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
