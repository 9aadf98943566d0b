"""Text normalisation: one Unicode form for everything downstream.

NFC, one tone-mark placement (hòa, thủy), U+00D0 (which Tesseract emits) as Đ,
document numbers broken across line ends rejoined, trailing blanks dropped.
Line structure is kept because the layout-aware extractors depend on it.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below
# oa/oe/uy with the tone on the second vowel and nothing after: move it to the first
# ("hoà" -> "hòa", "Uỷ" -> "Ủy"), except after q where u belongs to the onset ("quý").
_OLD_TONE = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])([" + _TONES + r"])(?![^\W\d_]|[\u0300-\u036f])")
_BROKEN_NUMBER = re.compile(r"(?<=[0-9A-ZĐ])([-/])[ \t]*\n[ \t\n]*(?=[A-ZĐ])")
_TRAILING = re.compile(r"[ \t\u00a0]+$", re.M)
# A word glued to digits before or after it.
_GLUED = re.compile(r"(?<![^\W\d_])[^\W\d_]{3,}(?=\d)|(?<=\d)[^\W\d_]{3,}(?![^\W\d_])")
# A syllable hyphenated across a line end ('thực hi-' / 'ện'): joined only when the two halves
# make one syllable, so a real dash ('kinh tế-' / 'xã hội', 'Văn hóa -' / 'Xã hội') stays.
_HYPHENATED = re.compile(r"(?<![^\W\d_])([^\W\d_]+)-[ \t]*\n[ \t]*([^\W\d_A-ZĐ][^\W\d_]*)[ \t]*")


_SLASHES = {0x2044: "/", 0x2215: "/", 0xFF0F: "/"}  # fraction slash, division slash, fullwidth solidus
# The Latin letter OI, which some PDF producers' font maps give for ư and Ư ('Thƣơng', 'THƢƠNG');
# Vietnamese never writes OI, so it is always the horned u.
_GLYPHS = {0x01A3: "ư", 0x01A2: "Ư"}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def tone_style(text: str) -> str:
    """New-style tone placement, computed on NFD so every precomposed form is covered."""
    d = unicodedata.normalize("NFD", text)
    d = _OLD_TONE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), d)
    return unicodedata.normalize("NFC", d)


def plain_slashes(text: str) -> str:
    """A typographic slash in a number ('1105⁄KH-ĐKT') is the ký hiệu's '/'."""
    return text.translate(_SLASHES)


def normalize_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00d0", "Đ").replace("\ufeff", "")
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    text = plain_slashes(text)
    text = text.translate(_GLYPHS)
    text = tone_style(nfc(text))
    text = _BROKEN_NUMBER.sub(r"\1", text)
    text = _HYPHENATED.sub(_mend, text)
    return _TRAILING.sub("", text)


def unglue(text: str) -> str:
    """OCR drops the spaces around handwritten or stamped figures: 'ngày24tháng 01' -> 'ngày 24
    tháng 01'. Only lower-case syllables of three letters or more are parted from digits, so
    symbols (PA83, QĐ-UBND) and units (10ha, 5m2) stay as they are."""
    def part(m: re.Match[str]) -> str:
        word = m.group(0)
        if not (word.islower() and is_syllable_like(word)):
            return word
        before = " " if m.start() and m.string[m.start() - 1].isdigit() else ""
        after = " " if m.string[m.end():m.end() + 1].isdigit() else ""
        return before + word + after

    return _GLUED.sub(part, text)


def _mend(m: re.Match[str]) -> str:
    """'hi-' / 'ện nhiệm vụ' -> 'hiện' / 'nhiệm vụ': the syllable joins the first line and the
    second keeps the rest, so the number of lines stays."""
    word = m.group(1) + m.group(2)
    return word + "\n" if is_syllable_like(word) else m.group(0)


def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", c)[0]
    return base.lower() if len(base.lower()) == 1 else c


class _FoldTable(dict[int, str]):
    """str.translate's table for fold, filled as characters are first met: building it for every
    Latin and Vietnamese character at import cost 0.1 s of each command's start."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower-case, accent-free, same length as the input so spans map back one to one."""
    return text.translate(_FOLD_TABLE)


def name_key(text: str) -> str:
    """How names are compared and looked up: accent-free, lower-case, words of letters and digits
    separated by one space ("Phòng Văn hóa – Xã hội" -> "phong van hoa xa hoi")."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def sentence_case(text: str, keep: frozenset[str] = frozenset()) -> str:
    """'ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI' -> 'Ủy ban nhân dân tỉnh Quảng Ngãi' is done by callers
    that know the proper-noun parts; this lowers everything but abbreviations and the first letter."""
    words = text.split()
    out = []
    for i, w in enumerate(words):
        if w in keep or (w.isupper() and not is_syllable_like(w)):
            out.append(w)
        else:
            lw = w.lower()
            out.append(lw[:1].upper() + lw[1:] if i == 0 else lw)
    return " ".join(out)


_VOWELS = set("aăâeêioôơuưy")
# Marks Vietnamese letters carry (tones, circumflex, breve, horn); any other (ï, š, ñ) is OCR debris.
_VIETNAMESE_MARKS = frozenset(_TONES + "\u0302\u0306\u031b")


def foreign_marks(word: str) -> bool:
    """True for a word with a letter no Vietnamese text has: 'I`sïš' beside a seal is debris."""
    return any(unicodedata.combining(c) and c not in _VIETNAMESE_MARKS for c in unicodedata.normalize("NFD", word)) \
        or "`" in word


_SHAPED = {"\u0302": "AEO", "\u0306": "A", "\u031b": "OU"}  # â ê ô, ă, ơ ư


def _capitals() -> str:
    """A regex class body of the capitals Vietnamese writes: `[A-ZĐÀ-Ỹ]` is not one, since the range
    À-Ỹ also spans the lower-case letters between (à…ÿ, đ, ơ, ư, ạ…ỹ)."""
    caps = ["A-Z", "Đ"]
    for c in map(chr, range(0xC0, 0x1EFA)):
        d = unicodedata.normalize("NFD", c)
        tones, shapes = [m for m in d[1:] if m in _TONES], [m for m in d[1:] if m not in _TONES]
        if (c.isupper() and len(d) > 1 and d[0] in "AEIOUY" and len(tones) <= 1 and len(shapes) <= 1
                and all(d[0] in _SHAPED.get(m, "") for m in shapes)):
            caps.append(c)
    return "".join(caps)


CAPITALS = _capitals()


@lru_cache(maxsize=65536)
def is_syllable_like(word: str) -> bool:
    """True for words that read as one Vietnamese syllable; False for abbreviations like UBND, GD&ĐT."""
    w = fold(re.sub(r"[^\w]", "", word))
    if not w or not w.isalpha():
        return False
    return bool(re.fullmatch(r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?", w))
