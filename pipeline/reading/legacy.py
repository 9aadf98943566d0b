"""Legacy Vietnamese 8-bit encodings -> Unicode: TCVN3 (ABC) and VNI.

Documents typed before Unicode (fonts .VnTime, VNI-Times) still arrive as old .txt and .doc
files and as PDF text layers; read as Windows-1252 they look like 'Céng hoµ x· héi chñ nghÜa'
(TCVN3) or 'Coäng hoøa xaõ hoäi' (VNI). Text is converted only when the conversion makes many
more of its words real Vietnamese syllables: a Unicode text already reads as Vietnamese and
stays as it is, so the check is safe on any input.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extractors.text import tone_style

from .diacritics import default_restorer

TABLES = Path(__file__).parent.parent / "data" / "legacy_encodings.json"
MIN_WORDS = 8  # fewer words than this say too little about an encoding
CAPITAL_LINE = 0.8  # share of a line's plain letters in capitals for the line to be a heading
GAIN = 0.25  # share of words that must become Vietnamese syllables for a conversion to be taken
_WORD = re.compile(r"[^\s\d.,;:!?()\[\]\"'“”/\\\-–=+*&%#@<>|_~^`]+")
# Characters outside the Vietnamese alphabet that both encodings put inside words.
_SUSPECT = re.compile(r"[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de\u00df"
                      r"\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]")


@dataclass(frozen=True)
class Converted:
    text: str
    encoding: str | None  # "TCVN3" or "VNI" when the text was converted, None when it was left as it was


def to_unicode(text: str) -> Converted:
    """The text in Unicode: converted from TCVN3 or VNI when it was read in one of them."""
    return _best(text)[0]


def decode_bytes(data: bytes) -> Converted:
    """Bytes that are not UTF-8: Windows-1258 (Vietnamese Windows), or TCVN3 or VNI bytes, by
    which of them reads most as Vietnamese."""
    cp1258 = data.decode("cp1258", errors="replace")
    latin, score = _best(data.decode("latin-1"))
    if latin.encoding and score > _vietnamese_share(_WORD.findall(cp1258)):
        return latin
    return Converted(cp1258, None)


def _best(text: str) -> tuple[Converted, float]:
    """The text, or its TCVN3 or VNI conversion when that makes GAIN more of its words Vietnamese
    syllables; with the share of them that are."""
    if not _SUSPECT.search(text):
        return Converted(text, None), 0.0
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS:
        return Converted(text, None), 0.0
    as_is = _vietnamese_share(words)
    candidates = [Converted(convert(text, name), name) for name in ("TCVN3", "VNI")]
    scored = [(c, _vietnamese_share(_WORD.findall(c.text))) for c in candidates]
    best = max(scored, key=lambda cs: cs[1])
    return best if best[1] >= as_is + GAIN else (Converted(text, None), as_is)


def convert(text: str, encoding: str) -> str:
    pattern, table = _compiled(encoding)
    out = unicodedata.normalize("NFC", pattern.sub(lambda m: table[m.group(0)], text))
    return "\n".join(map(_capital_line, out.split("\n"))) if encoding == "TCVN3" else out


def _capital_line(line: str) -> str:
    """TCVN3 has no capitals with tone marks: headings are typed in a capitals font on the
    lower-case codes ('CéNG HOµ' -> 'CộNG HOà'), so a line whose plain letters are capitals is
    all capitals ('Tù do' stays 'Tự do': one capital says nothing; symbols such as UBND-VX
    do not count)."""
    plain = [c for w in line.split() if not re.search(r"[\d/]", w) for c in w if c.isascii() and c.isalpha()]
    capitals = sum(c.isupper() for c in plain)
    return line.upper() if capitals >= 3 and capitals >= CAPITAL_LINE * len(plain) else line


def _vietnamese_share(words: list[str]) -> float:
    """Share of the words that are Vietnamese syllables (ASCII-only words are left out: they read
    the same in every encoding)."""
    marked = [w for w in words if not w.isascii()]
    if not marked:
        return 0.0
    return sum(_is_vietnamese(w) for w in marked) / len(marked)


def _is_vietnamese(word: str) -> bool:
    return tone_style(unicodedata.normalize("NFC", word.lower())) in _syllables()


@cache
def _syllables() -> frozenset[str]:
    """The syllables of the diacritic model's vocabulary (real Vietnamese syllables, not merely
    syllable-shaped strings: 'coọng', TCVN3 read into VNI text, has the shape of one)."""
    return frozenset(default_restorer().model.index)


@cache
def _compiled(encoding: str) -> tuple[re.Pattern[str], dict[str, str]]:
    table: dict[str, str] = json.loads(TABLES.read_text(encoding="utf-8"))[encoding]
    keys = sorted(table, key=len, reverse=True)  # VNI: 'oâ' (ô) before 'ô' (ơ)
    return re.compile("|".join(map(re.escape, keys))), table
