"""Entity spans over the normalised text: ORG, PER, DATE.

Rule-based for now (organisation heads from the vocabulary, dates, personal names);
the spaCy EntityRuler pipeline of the NER issue replaces this behind the same function.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Any

from . import vocab
from .base import DocText
from .orgs import _head_re
from .patterns import find_dates
from .signature import is_name_line

_ORG_TAIL = re.compile(r"(?:[ \t]+(?:[A-ZĐÀ-Ỹ][^\s,;:.()]*|và|về|tỉnh|huyện|xã|phường|đặc khu|thành phố))*")


@cache
def _heads() -> set[str]:
    return {h.lower() for h in (*vocab.org_heads(), *vocab.person_heads())}


def extract_entities(doc: DocText) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for s, e, _ in find_dates(doc.folded):
        out.append({"label": "DATE", "text": doc.text[s:e], "start": s, "end": e})
    for m in _head_re().finditer(doc.folded):
        if m.start() > 0 and doc.folded[m.start() - 1].isalnum() or not doc.text[m.start()].isupper():
            continue
        if doc.text[m.start():m.end()].lower().removeprefix("các ") not in _heads():
            continue  # 'Số' folds like 'Sở': the head must match with its diacritics
        tail = _ORG_TAIL.match(doc.text, m.end())
        end = tail.end() if tail else m.end()
        text = re.sub(r"(?:\s+(?:và|về))+$", "", doc.text[m.start():end])
        out.append({"label": "ORG", "text": text, "start": m.start(), "end": m.start() + len(text)})
    for ln in doc.lines:
        if is_name_line(ln.text):
            out.append({"label": "PER", "text": ln.text, "start": ln.start, "end": ln.end})
    return sorted(out, key=lambda x: x["start"])
