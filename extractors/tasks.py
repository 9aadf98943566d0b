"""placeholder"""
from __future__ import annotations
from typing import Any
from .base import DocText
def extract_tasks(doc: DocText, record: dict[str, Any]) -> list[dict[str, Any]]:
    return []
