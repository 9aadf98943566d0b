"""Diacritic restoration: lexicon candidates, an OCR confusion model, a syllable LM, Viterbi.

Text read without Vietnamese data loses or garbles its marks ("PANG UY" for "ĐẢNG ỦY",
"S6" for "Số"). Each token gets candidates from a syllable lexicon keyed by its
accent-free form, widened by OCR glyph confusions and edit distance; a bigram model
with absolute discounting picks the best sequence. When a text still carries its marks
(a usable text layer, Tesseract with `vie`), only tokens that are not known syllables
are re-decided, so valid accented text stays exactly as it was.

The model is built by scripts/build_diacritic_model.py from general sources and loaded
once per process (see `default_restorer`).
"""
from __future__ import annotations

import gzip
import json
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Protocol

from extractors import vocab
from extractors.text import fold, is_syllable_like, tone_style

MODEL_VERSION = "1"
DATA = Path(__file__).parent.parent / "data"
MODEL_PATH = DATA / "diacritics.json.gz"

_DISCOUNT = 0.9
_TOP_K = 6
_EDIT_COST = 2.0  # nats per edit for a near miss found by edit distance
_MARK_COST = 0.6  # nats for overriding marks the OCR did print (they are weak evidence)
_LOST_RATIO = 0.35  # below this share of marked syllables a text has lost its accents
_STRIPPED_RATIO = 0.02  # ... and below this, with few invalid words, it was stripped cleanly
_INVALID_RATIO = 0.05
_MIN_WORDS = 12  # too few words to tell a stripped text from a list of names
_GARBLED_TOP_K = 10
_CASE_WEIGHT = 0.5
_RETONE_COST = 6.0  # nats against changing the tone of a known syllable read by OCR
_RETONE_UNKNOWN_COST = 0.5
_CACHE_BONUS = 3.0  # nats for a pair of syllables the same text reads in another run

_CHUNK = re.compile(r"\S+")
_EDGE = re.compile(r"^([\W_]*)(.*?)([\W_]*)$", re.S)
_PROTECTED = re.compile(r"[/@\\]|://|\d[-.,]\d|^\d+$|[A-ZĐ]{2,}\d|\d[A-ZĐ]{2,}")
_NUMBER = re.compile(r"\d+(?:[.,/]\d+)*%?")
_SYMBOL = re.compile(r"(?:\d+[-/] ?)?[A-ZĐ][A-ZĐ0-9&]*(?:[-/][A-ZĐ0-9&]+)*")
NUM = "<num>"
ABBR = "<abbr>"
_SENTENCE_END = re.compile(r"[.!?:;\-–•]$")
_BOUNDARY_PUNCT = set(".,;:!?()[]{}\"“”")


_STOP_FINAL = re.compile(r"(c|ch|p|t)$")


def is_syllable(token: str) -> bool:
    """A token made only of Vietnamese letters in the shape of one syllable; a syllable ending
    in a stop (c, ch, p, t) carries the sắc or nặng tone (các, cập; never 'cac')."""
    if not (token.isalpha() and is_syllable_like(token)):
        return False
    if _STOP_FINAL.search(fold(token)):
        marks = unicodedata.normalize("NFD", token)
        return "\u0301" in marks or "\u0323" in marks
    return True


def has_marks(token: str) -> bool:
    return fold(token) != token.lower()


@dataclass(frozen=True)
class Change:
    start: int
    end: int
    old: str
    new: str


# intact: marks present, only invalid tokens are re-decided; stripped: marks removed cleanly,
# every syllable is re-accented; garbled: OCR without Vietnamese data, OCR confusions too.
# ocr: intact text from Tesseract, which drops tones on stacked vowels (bô sung, điêu, chuân):
# a known syllable may take another tone at a cost the context must outweigh.
Condition = Literal["intact", "ocr", "stripped", "garbled"]


@dataclass
class Restoration:
    text: str
    changes: list[Change] = field(default_factory=list)
    condition: Condition = "intact"


class DiacriticRestorer(Protocol):
    def restore(self, text: str, condition: Condition | None = None, ocr: bool = False) -> Restoration: ...


@dataclass
class _Token:
    start: int
    end: int
    text: str
    boundary_after: bool
    kind: str = "word"  # word | number | abbr | symbol
    shape: str = "other"  # title (capitalised inside a sentence) | lower | other


class Model:
    """Syllable vocabulary and its unigram, capitalisation, bigram and trigram log-probabilities."""

    _TABLES = frozenset({"log_cap", "log_lower", "log_uni", "log_cont", "log_backoff", "bigram", "trigram", "tri_backoff"})

    def __init__(self, data: dict) -> None:  # type: ignore[type-arg]
        if data.get("version") != MODEL_VERSION:
            raise ValueError(f"diacritic model version {data.get('version')} != {MODEL_VERSION}")
        self.vocab: list[str] = data["vocab"]
        self.index = {s: i for i, s in enumerate(self.vocab)}
        uni: list[float] = data["uni"]
        self.n = len(self.vocab)
        self.by_key: dict[str, list[int]] = {}
        for i, s in enumerate(self.vocab):
            self.by_key.setdefault(fold(s), []).append(i)
        for ids in self.by_key.values():
            ids.sort(key=lambda i: -uni[i])
        self._deletes: dict[str, list[str]] | None = None
        self._data: dict | None = data  # type: ignore[type-arg]

    def __getattr__(self, name: str) -> Any:
        """The probabilities, computed on first use: a text that kept its marks needs only the
        vocabulary (each word is its own reading), and so a worker's start does not pay for them."""
        if name not in Model._TABLES or self.__dict__.get("_data") is None:
            raise AttributeError(name)
        self._tables(self.__dict__["_data"])
        return self.__dict__[name]

    def _tables(self, data: dict) -> None:  # type: ignore[type-arg]
        uni: list[float] = data["uni"]
        total, v = sum(uni), len(uni)
        cap: list[float] = data["cap"]
        self.log_cap = [math.log((c + 0.2) / (u + 1.0)) for c, u in zip(cap, uni, strict=True)]
        self.log_lower = [math.log(1.0 - (c + 0.2) / (u + 1.0) + 1e-3) for c, u in zip(cap, uni, strict=True)]
        self.log_uni = [math.log((c + 0.5) / (total + 0.5 * v)) for c in uni]
        self._bigrams(data["bi"])
        self._trigrams(data["tri"])
        self._data = None

    def _bigrams(self, bi: list[int]) -> None:
        """log P(b | a) by absolute discounting: seen pairs are precomputed, unseen ones are
        backoff(a) * P_cont(b), a sum of two logs at decode time. Kneser-Ney continuation:
        below a known context a syllable is as likely as the number of different syllables
        it follows (tỉnh follows cấp, UBND, địa bàn ...), not as its count."""
        n = self.n
        ctx, followers, cont = [0] * n, [0] * n, [0] * n
        for k in range(0, len(bi), 3):
            ctx[bi[k]] += bi[k + 2]
            followers[bi[k]] += 1
            cont[bi[k + 1]] += 1
        types = len(bi) // 3
        self.log_cont = [math.log((c + 0.5) / (types + 0.5 * n)) for c in cont]
        self.log_backoff = [math.log(_DISCOUNT * f / c) if c else 0.0 for f, c in zip(followers, ctx, strict=True)]
        self.bigram: dict[int, float] = {}
        for k in range(0, len(bi), 3):
            a, b, c = bi[k], bi[k + 1], bi[k + 2]
            backoff = math.exp(self.log_backoff[a] + self.log_cont[b])
            self.bigram[a * n + b] = math.log(max(c - _DISCOUNT, 0.0) / ctx[a] + backoff)

    def log_p(self, a: int, b: int) -> float:
        """log P(b | a); a < 0 is the start of a run."""
        if a < 0:
            return self.log_uni[b]
        lp = self.bigram.get(a * self.n + b)
        return self.log_backoff[a] + self.log_cont[b] if lp is None else lp

    def _trigrams(self, tri: list[int]) -> None:
        n = self.n
        ctx: dict[int, int] = {}
        followers: dict[int, int] = {}
        for k in range(0, len(tri), 4):
            ab = tri[k] * n + tri[k + 1]
            ctx[ab] = ctx.get(ab, 0) + tri[k + 3]
            followers[ab] = followers.get(ab, 0) + 1
        # Witten-Bell: the trigram data are sparse, so an unseen trigram costs only log(1 - λ).
        self.tri_backoff = {ab: math.log(followers[ab] / (c + followers[ab])) for ab, c in ctx.items()}
        self.trigram: dict[int, float] = {}
        for k in range(0, len(tri), 4):
            a, b, c, cnt = tri[k:k + 4]
            ab = a * n + b
            total = ctx[ab] + followers[ab]
            self.trigram[ab * n + c] = math.log(cnt / total + followers[ab] / total * math.exp(self.log_p(b, c)))

    def near_keys(self, key: str, max_dist: int) -> list[tuple[str, int]]:
        """Lexicon keys within max_dist edits (symmetric deletes, checked by Levenshtein)."""
        from rapidfuzz.distance import Levenshtein

        if self._deletes is None:
            self._deletes = {}
            for k in self.by_key:
                for d in _deletes(k, 2):
                    self._deletes.setdefault(d, []).append(k)
        seen: dict[str, int] = {}
        for d in _deletes(key, max_dist):
            for k in self._deletes.get(d, ()):
                if k not in seen:
                    dist = Levenshtein.distance(key, k)
                    if dist <= max_dist:
                        seen[k] = dist
        return sorted(seen.items(), key=lambda kv: kv[1])


def _deletes(word: str, depth: int) -> set[str]:
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w)) if len(w) > 1}
        out |= frontier
    return out


def _confusions() -> list[tuple[str, str, float]]:
    return list(vocab.ocr_confusions())


class Restorer:
    def __init__(self, model: Model) -> None:
        self.model = model
        self.rules = _confusions()
        self._cache: dict[tuple[str, str, str], list[tuple[int, float]]] = {}

    def clear_cache(self) -> None:
        self._cache.clear()

    def restore(self, text: str, condition: Condition | None = None, ocr: bool = False) -> Restoration:
        """Restore `text`; `condition` overrides the one measured on the text itself, and an
        intact text that Tesseract read (`ocr`) is treated as such.

        The text is its own best lexicon: a second pass favours pairs of syllables that the first
        pass read elsewhere in the same text (a cache model), so a header line OCR garbled
        ("thwe hién") takes the reading its body prints ("thực hiện")."""
        tokens = _tokens(text)
        cond = condition or text_condition(t.text for t in tokens if t.kind == "word")
        if cond == "intact" and ocr:
            cond = "ocr"
        runs = _runs(tokens)
        paths = [self._path(run, cond) for run in runs]
        if cond != "intact" and len(runs) > 1:
            pairs = [self._pairs(p) for p in paths]
            seen: dict[int, int] = {}
            for own in pairs:
                for k, c in own.items():
                    seen[k] = seen.get(k, 0) + c
            paths = [self._path(run, cond, (seen, own)) if len(run) > 1 else p
                     for run, p, own in zip(runs, paths, pairs, strict=True)]
        out: list[str] = []
        changes: list[Change] = []
        pos = 0
        for run, ids in zip(runs, paths, strict=True):
            for t, new in zip(run, self._spell(run, ids, ocr), strict=True):
                if new != t.text:
                    out.append(text[pos:t.start])
                    out.append(new)
                    pos = t.end
                    changes.append(Change(t.start, t.end, t.text, new))
        out.append(text[pos:])
        return Restoration("".join(out), changes, cond)

    def _pairs(self, ids: list[int]) -> dict[int, int]:
        n = self.model.n
        out: dict[int, int] = {}
        for a, b in zip(ids, ids[1:], strict=False):
            if a >= 0 and b >= 0:
                out[a * n + b] = out.get(a * n + b, 0) + 1
        return out

    def _path(self, run: list[_Token], cond: Condition,
              cache: tuple[dict[int, int], dict[int, int]] | None = None) -> list[int]:
        """Viterbi over one run of tokens between boundaries: a syllable id per token (-1: kept as
        it is). `cache` is (pairs read in the whole text, pairs read in this run): a pair read in
        another run of the same text earns `_CACHE_BONUS`."""
        m = self.model
        lattice = [self._lattice_column(t, cond) for t in run]
        if all(len(c) <= 1 for c in lattice):  # one path (an intact text's valid words): nothing to search
            return [c[0][0] if c else -1 for c in lattice]
        seen, own = cache or ({}, {})
        # State: (syllable id, score, back-pointer, the id before it). The trigram uses each
        # state's best history, which keeps the search at bigram cost.
        prev: list[tuple[int, float, int, int]] = [(-1, 0.0, -1, -1)]
        back: list[list[tuple[int, float, int, int]]] = []
        n, tri, tri_bo, bi, bi_bo, cont, uni = m.n, m.trigram, m.tri_backoff, m.bigram, m.log_backoff, m.log_cont, m.log_uni
        for cands in lattice:
            if not cands:  # unknown token: pass through, and it cuts the context
                best = max(range(len(prev)), key=lambda k: prev[k][1])
                cur = [(-1, prev[best][1], best, -1)]
            else:
                # per previous state: (score, bigram row, its back-off, trigram row, its back-off)
                rows: list[tuple[float, int, float, int, float | None]] = []
                for pid, ps, _, ppid in prev:
                    if pid < 0:
                        rows.append((ps, -1, 0.0, -1, None))
                        continue
                    ab = ppid * n + pid if ppid >= 0 else -1
                    rows.append((ps, pid * n, bi_bo[pid], ab * n, tri_bo.get(ab) if ab >= 0 else None))
                cur = []
                for sid, cost in cands:
                    best_k, best_s = 0, -math.inf
                    for k, (ps, brow, bbo, trow, tbo) in enumerate(rows):
                        if brow < 0:
                            lp = uni[sid]
                        else:
                            lp2 = bi.get(brow + sid)
                            if lp2 is None:
                                lp2 = bbo + cont[sid]
                            if tbo is None:
                                lp = lp2
                            else:
                                lp3 = tri.get(trow + sid)
                                lp = tbo + lp2 if lp3 is None else lp3
                        if seen and brow >= 0 and seen.get(brow + sid, 0) > own.get(brow + sid, 0):
                            lp += _CACHE_BONUS
                        if ps + lp > best_s:
                            best_k, best_s = k, ps + lp
                    cur.append((sid, best_s - cost, best_k, prev[best_k][0]))
            back.append(cur)
            prev = cur
        k = max(range(len(prev)), key=lambda j: prev[j][1])
        ids: list[int] = []
        for col in reversed(back):
            sid, _, kb, _ = col[k]
            ids.append(sid)
            k = kb
        ids.reverse()
        return ids

    def _spell(self, run: list[_Token], ids: list[int], ocr: bool) -> list[str]:
        m = self.model
        return [_mend_symbol(t.text, t.kind, ocr) if t.kind in ("symbol", "abbr") else t.text if t.kind == "number" or sid < 0
                else _with_case(m.vocab[sid], t.text) for t, sid in zip(run, ids, strict=True)]

    def _lattice_column(self, tok: _Token, cond: Condition) -> list[tuple[int, float]]:
        if tok.kind in ("number", "abbr"):
            sid = self.model.index.get(NUM if tok.kind == "number" else ABBR)
            return [] if sid is None else [(sid, 0.0)]
        if tok.kind == "symbol":
            return []
        key = (tok.text, cond, tok.shape)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._with_shape(self.candidates(tok.text, cond), tok.shape)
        return hit

    def _with_shape(self, cands: list[tuple[int, float]], shape: str) -> list[tuple[int, float]]:
        """Capitalised inside a sentence favours names (Phan, Nguyễn, Bộ); lower case the rest."""
        if len(cands) < 2 or shape == "other":
            return cands
        table = self.model.log_cap if shape == "title" else self.model.log_lower
        return [(sid, cost - _CASE_WEIGHT * table[sid]) for sid, cost in cands]

    def candidates(self, token: str, cond: Condition) -> list[tuple[int, float]]:
        key = (token, cond, "")
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._candidates(token, cond)
        return hit

    def _candidates(self, token: str, cond: Condition) -> list[tuple[int, float]]:
        m = self.model
        low = tone_style(token.lower())
        known = m.index.get(low)
        if cond == "intact" and (known is not None or is_syllable(low)):
            return [] if known is None else [(known, 0.0)]  # a valid unknown syllable: a name, keep it
        if cond == "intact" and low.isascii() and low.isalpha():
            return []  # a typed text's Latin word that is no syllable is another language's ('khí Argon', 'axit')
        if cond == "ocr" and low.isalpha():
            return self._retone(low, known)
        marked = has_marks(low)
        base = fold(low)
        plain = base in m.by_key and base.isalpha()
        if cond == "stripped":
            variants = [(base, 0.0)] if plain else []
        else:
            variants = self._variants(base) if cond == "garbled" or not plain else [(base, 0.0)]
            if not plain and len(base) >= 3 and base.isalpha():
                variants += [(k, _EDIT_COST * d) for k, d in m.near_keys(base, 1 if len(base) < 5 else 2)]
        scored: dict[int, float] = {}
        for variant, cost in variants:
            for sid in m.by_key.get(variant, ()):
                c = cost + (_MARK_COST if marked and m.vocab[sid] != low else 0.0)
                if c < scored.get(sid, math.inf):
                    scored[sid] = c
        ranked = sorted(scored.items(), key=lambda kv: 3 * kv[1] - m.log_uni[kv[0]])
        return ranked[:_GARBLED_TOP_K if cond == "garbled" else _TOP_K]

    def _retone(self, low: str, known: int | None) -> list[tuple[int, float]]:
        """The observed syllable, or the same letters under another tone (Tesseract's usual misread)."""
        m = self.model
        if known is None and not is_syllable_like(low):
            return []
        toneless = _toneless(low)
        cands = [] if known is None else [(known, 0.0)]
        for sid in m.by_key.get(fold(low), ()):
            if sid != known and _toneless(m.vocab[sid]) == toneless:
                cands.append((sid, _RETONE_COST if known is not None else _RETONE_UNKNOWN_COST))
        return cands[:_TOP_K] if known is None else cands[: _TOP_K + 1]

    def _variants(self, base: str) -> list[tuple[str, float]]:
        """The folded token, and readings of it through up to two OCR confusions."""
        out = {base: 0.0}
        frontier = [(base, 0.0)]
        for _ in range(2):
            nxt = []
            for word, cost in frontier:
                for seen, letters, c in self.rules:
                    start = word.find(seen)
                    while start >= 0:
                        w = word[:start] + letters + word[start + len(seen):]
                        if cost + c < out.get(w, math.inf):
                            out[w] = cost + c
                            nxt.append((w, cost + c))
                        start = word.find(seen, start + 1)
            frontier = nxt
        return sorted(out.items(), key=lambda kv: kv[1])


_TONE_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))


def _toneless(s: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", s).translate(_TONE_MARKS))


@lru_cache(maxsize=65536)
def _with_case(restored: str, original: str) -> str:
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return restored.upper()
    if letters and letters[0].isupper():
        return restored[:1].upper() + restored[1:]
    return restored


def _runs(tokens: list[_Token]) -> list[list[_Token]]:
    """The tokens cut at boundaries: each run is decoded as one sequence."""
    runs: list[list[_Token]] = []
    run: list[_Token] = []
    for i, tok in enumerate(tokens):
        run.append(tok)
        if tok.boundary_after or i == len(tokens) - 1:
            runs.append(run)
            run = []
    return runs


def _tokens(text: str) -> list[_Token]:
    """Word tokens with their offsets; numbers, symbols and URLs are left out and cut the context."""
    out: list[_Token] = []
    initial = True
    for chunk in _CHUNK.finditer(text):
        begin = chunk.start()
        if begin and text[begin - 1] == "\n":
            initial = True
            if out and _capital_line(text, out[-1].start):
                out[-1].boundary_after = True  # a header line in capitals is a field of its own
        lead, core, boundary, kind, shapes, ends = _chunk(chunk.group())
        if lead and out:
            out[-1].boundary_after = True
        start = begin + lead
        if kind == "cut":
            if out:
                out[-1].boundary_after = True
        elif kind == "word":
            out.append(_Token(start, start + len(core), core, boundary, "word", shapes[initial or bool(lead)]))
        else:
            out.append(_Token(start, start + len(core), core, boundary or kind == "symbol", kind))
        initial = ends
    return out


@lru_cache(maxsize=65536)
def _chunk(chunk: str) -> tuple[int, str, bool, str, tuple[str, str], bool]:
    """What `_tokens` reads of one chunk of text, which depends on the chunk alone (a text repeats
    most of its chunks): the length of its leading punctuation, its core, whether its trailing
    punctuation is a boundary, its kind (number | abbr | symbol | word, or cut: no token, a
    boundary), its shape when not / when starting a sentence, whether it ends one."""
    lead, core, trail = _EDGE.match(chunk).groups()  # type: ignore[union-attr]
    boundary = any(c in _BOUNDARY_PUNCT for c in trail)
    if _NUMBER.fullmatch(core):  # numbers stay, and are context: "ngày 30 tháng 10 năm"
        kind = "number"
    elif _SYMBOL.fullmatch(core) and _acronym(core) and not _PROTECTED.search(core):
        kind = "abbr"  # UBND tỉnh: context
    elif _SYMBOL.fullmatch(core) and _PROTECTED.search(core):
        kind = "symbol"
    elif not core or _PROTECTED.search(core) or not any(c.isalpha() for c in core) or _acronym(core):
        kind = "cut"
    else:
        kind = "word"
    shapes = (_shape(core, False), _shape(core, True)) if kind == "word" else ("", "")
    return len(lead), core, boundary, kind, shapes, bool(_SENTENCE_END.search(chunk))


def _capital_line(text: str, pos: int) -> bool:
    """The line holding `pos` is written in capitals ('ĐẢNG ỦY XÃ BÌNH AN', 'UBND TỈNH'): a header
    line, whose last word is not read as the start of the next line's ('BÌNH AN' over 'Số', not 'ẩn số')."""
    return _in_capitals(text[text.rfind("\n", 0, pos) + 1: (text.find("\n", pos) + 1 or len(text) + 1) - 1])


@lru_cache(maxsize=16384)
def _in_capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _shape(core: str, initial: bool) -> str:
    if core.islower():
        return "lower"
    if core[:1].isupper() and core[1:].islower() and not initial:
        return "title"
    return "other"


@lru_cache(maxsize=65536)
def _acronym(core: str) -> bool:
    """UBND, BCĐTW, KH: capitals that cannot be one syllable (ĐẢNG, PANG can)."""
    letters = re.sub(r"[^\w]", "", core)
    return len(letters) > 1 and letters.isupper() and not is_syllable_like(_readable(letters))


def _mend_symbol(core: str, kind: str, ocr: bool) -> str:
    """Symbols are mended only against the symbol vocabulary (BCD -> BCĐ), never guessed; a letter
    read twice only in what OCR read (a text layer's ĐCK-CTT is printed so)."""
    from extractors.patterns import mend_abbreviation, mend_symbol

    return mend_symbol(core, twice=ocr) if kind == "symbol" else mend_abbreviation(core, twice=ocr)


def _readable(letters: str) -> str:
    return letters.replace("6", "o").replace("0", "o")


def text_condition(words: Iterable[str]) -> Condition:
    """Whether a text kept its marks, lost them cleanly, or lost them to a garbling OCR."""
    total = marked = invalid = 0
    for w in words:
        if len(w) > 1:
            total += 1
            m, bad = _word_condition(w)
            marked += m
            invalid += bad
    if total < _MIN_WORDS or marked / total >= _LOST_RATIO:
        return "intact"
    if marked / total <= _STRIPPED_RATIO and invalid / total <= _INVALID_RATIO:
        return "stripped"
    return "garbled"


@lru_cache(maxsize=65536)
def _word_condition(w: str) -> tuple[bool, bool]:
    """Whether a word carries marks, and whether it is not shaped as a syllable (shape only:
    stripped "cac" is fine), for `text_condition`."""
    return has_marks(w), not (w.isalpha() and is_syllable_like(w))


@lru_cache(maxsize=1)
def default_restorer() -> Restorer:
    """The restorer over the bundled model, loaded once per process."""
    with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as f:
        return Restorer(Model(json.load(f)))


def restore(text: str, condition: Condition | None = None, ocr: bool = False) -> Restoration:
    return default_restorer().restore(unicodedata.normalize("NFC", text), condition, ocr)
