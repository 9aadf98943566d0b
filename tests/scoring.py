"""The scorer's normalisation, so golden-record tests compare values the way ../shared/eval does."""
from __future__ import annotations

import difflib
import re
import unicodedata

from pipeline.normalize import tone_style


def norm(s: object) -> str:
    if s is None:
        return ""
    t = tone_style(unicodedata.normalize("NFC", str(s))).casefold()
    t = re.sub(r"[\u2010-\u2015\u2212]", "-", t)
    return re.sub(r"\s+", " ", t).strip().strip(" .,;:")


def similar(a: object, b: object, threshold: float = 0.85) -> bool:
    x, y = norm(a), norm(b)
    return bool(x and y) and (x == y or difflib.SequenceMatcher(None, x, y).ratio() >= threshold)
