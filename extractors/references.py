"""placeholder"""
from __future__ import annotations
from typing import Any
from .base import DocText
def extract_references(doc: DocText, own_number: str | None = None) -> list[dict[str, Any]]:
    return []
