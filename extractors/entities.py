"""placeholder"""
from __future__ import annotations
from typing import Any
from .base import DocText
def extract_entities(doc: DocText) -> list[dict[str, Any]]:
    return []
