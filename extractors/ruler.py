"""Token patterns over a list of tokens, as spaCy's EntityRuler applies them, in plain Python.

spaCy cost every process half a second of CPU to import (a worker's start, `congvan ingest` on a
few files) and its Matcher a fifth of a text document's extraction, for four shapes of token
pattern. This matcher takes the same patterns (`ORTH`/`TEXT`, `LOWER`, `NORM`, `IS_TITLE`,
`{"IN": [...]}`, the `OP`s `? * + {n,m}`) and gives what the EntityRuler gave: every match of
every pattern at every length, then the longest first (the leftmost of equal length), each kept
unless an earlier kept one holds its first or last token. tests/test_ruler.py checks it against
spaCy's EntityRuler where spaCy is installed.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

Predicate = Callable[[int], bool]


@dataclass(frozen=True)
class Tokens:
    """A text's tokens and the attributes patterns read, one list each."""

    text: list[str]
    lower: list[str]
    norm: list[str]

    def __len__(self) -> int:
        return len(self.text)


@dataclass(frozen=True)
class Match:
    label: str
    id: str
    start: int  # token offsets, end exclusive
    end: int


_STEP = re.compile(r"\{(\d*),(\d*)\}|\{(\d+)\}")


class Ruler:
    """Patterns in the EntityRuler's form: {"label", "id", "pattern": [token spec, ...]}."""

    def __init__(self, patterns: Sequence[dict[str, Any]]) -> None:
        self._keys: list[tuple[str, str]] = []
        self._ids: list[int] = []  # spaCy's string hash of each key, which orders two matches of one span
        self._patterns: list[tuple[int, list[tuple[dict[str, Any], str]]]] = []
        # patterns whose first token is an exact set of TEXT or LOWER values are tried only where one occurs
        self._by_first: dict[tuple[str, str], list[int]] = {}
        self._anywhere: list[int] = []
        for p in patterns:
            key = (p["label"], p.get("id", ""))
            if key not in self._keys:
                self._keys.append(key)
                self._ids.append(murmur64a(f"{key[0]}||{key[1]}".encode()))
            steps = _expand(p["pattern"])
            n = len(self._patterns)
            self._patterns.append((self._keys.index(key), steps))
            spec, kind = steps[0]
            first = _exact_set(spec) if kind == "1" else None
            if first is None:
                self._anywhere.append(n)
            else:
                attr, values = first
                for v in values:
                    self._by_first.setdefault((attr, v), []).append(n)

    def matches(self, tokens: Tokens) -> list[Match]:
        """The kept matches, in text order."""
        preds = _Predicates(tokens)
        compiled: dict[int, tuple[list[Predicate], list[str]]] = {}
        found: list[tuple[int, int, int]] = []
        size = len(tokens)
        for i in range(size):
            tried = self._by_first.get(("TEXT", tokens.text[i]), []) + self._by_first.get(("LOWER", tokens.lower[i]), [])
            for n in (*tried, *self._anywhere):
                key, steps = self._patterns[n]
                made = compiled.get(n)
                if made is None:
                    made = compiled[n] = ([preds(spec) for spec, _ in steps], [kind for _, kind in steps])
                if made[1][0] == "1" and not made[0][0](i):
                    continue  # the first token does not match: no end to look for
                found += ((self._ids[key], i, end) for end in _ends(*made, i, size) if end > i)
        # As the EntityRuler orders them: the matches (in the Matcher's order, by their end) as a set of
        # (spaCy's hash of 'LABEL||id', start, end), sorted longest first, then leftmost; two patterns
        # on one span take the set's order, which the hash decides (a Python set of ints is not salted).
        unique = set(sorted(found, key=lambda m: (m[2], m[1])))
        ordered = sorted(unique, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
        seen: set[int] = set()
        kept: list[tuple[int, int, int]] = []
        for key, start, end in ordered:
            if start not in seen and end - 1 not in seen:
                kept.append((key, start, end))
                seen.update(range(start, end))
        by_id = {h: k for k, h in enumerate(self._ids)}
        return [Match(*self._keys[by_id[h]], start, end) for h, start, end in sorted(kept, key=lambda m: m[1])]


def _expand(pattern: Sequence[dict[str, Any]]) -> list[tuple[dict[str, Any], str]]:
    """Each token spec with its quantifier as steps: '1' (once), '?' (maybe) or '*' (any number)."""
    out: list[tuple[dict[str, Any], str]] = []
    for spec in pattern:
        op = spec.get("OP", "1")
        spec = {k: v for k, v in spec.items() if k != "OP"}
        if op == "1":
            out.append((spec, "1"))
        elif op == "?":
            out.append((spec, "?"))
        elif op == "*":
            out.append((spec, "*"))
        elif op == "+":
            out += [(spec, "1"), (spec, "*")]
        elif m := _STEP.fullmatch(op):
            if m[3] is not None:
                low = high = int(m[3])
            else:
                low = int(m[1] or 0)
                high = int(m[2]) if m[2] else -1
            out += [(spec, "1")] * low
            out += [(spec, "*")] if high < 0 else [(spec, "?")] * (high - low)
        else:
            raise ValueError(f"operator {op!r} is not supported")
    return out


def _exact_set(spec: dict[str, Any]) -> tuple[str, list[str]] | None:
    if len(spec) != 1:
        return None
    attr, want = next(iter(spec.items()))
    attr = "TEXT" if attr == "ORTH" else attr
    if attr not in ("TEXT", "LOWER"):
        return None
    if isinstance(want, dict):
        return (attr, list(want["IN"])) if set(want) == {"IN"} else None
    return attr, [want]


class _Predicates:
    """Each token spec as a test of token i, built once per spec and text."""

    def __init__(self, tokens: Tokens) -> None:
        self.tokens = tokens
        self._made: dict[int, Predicate] = {}

    def __call__(self, spec: dict[str, Any]) -> Predicate:
        made = self._made.get(id(spec))
        if made is None:
            tests = [self._test(attr, want) for attr, want in spec.items()]
            made = self._made[id(spec)] = tests[0] if len(tests) == 1 else (lambda i: all(t(i) for t in tests))
        return made

    def _test(self, attr: str, want: Any) -> Predicate:
        t = self.tokens
        if attr == "IS_TITLE":
            return lambda i: t.text[i].istitle() == bool(want)
        column = {"ORTH": t.text, "TEXT": t.text, "LOWER": t.lower, "NORM": t.norm}.get(attr)
        if column is None:
            raise ValueError(f"attribute {attr!r} is not supported")
        if isinstance(want, dict):
            if set(want) != {"IN"}:
                raise ValueError(f"{want!r}: only IN is supported")
            values = frozenset(want["IN"])
            return lambda i: column[i] in values
        return lambda i: column[i] == want


def _ends(tests: list[Predicate], kinds: list[str], start: int, n: int) -> set[int]:
    """Every end e such that tokens[start:e] match the steps (an NFA over the steps' positions)."""
    last = len(tests)

    def closure(states: set[int]) -> set[int]:
        out, todo = set(states), list(states)
        while todo:
            s = todo.pop()
            if s < last and kinds[s] != "1" and s + 1 not in out:
                out.add(s + 1)
                todo.append(s + 1)
        return out

    ends: set[int] = set()
    states = closure({0})
    i = start
    while True:
        if last in states:
            ends.add(i)
        if i >= n:
            break
        nxt: set[int] = set()
        for s in states:
            if s < last and tests[s](i):
                nxt.add(s if kinds[s] == "*" else s + 1)
        if not nxt:
            break
        states = closure(nxt)
        i += 1
    return ends


def murmur64a(data: bytes, seed: int = 1) -> int:
    """MurmurHash64A, spaCy's hash of a string (StringStore): it decides which of two patterns
    matching one span the EntityRuler kept, and so which this ruler keeps."""
    m, r, mask = 0xC6A4A7935BD1E995, 47, (1 << 64) - 1
    h = (seed ^ (len(data) * m)) & mask
    n = len(data) // 8
    for i in range(n):
        k = (int.from_bytes(data[8 * i:8 * i + 8], "little") * m) & mask
        k = ((k ^ (k >> r)) * m) & mask
        h = ((h ^ k) * m) & mask
    if len(data) % 8:
        h = ((h ^ int.from_bytes(data[8 * n:], "little")) * m) & mask
    h = ((h ^ (h >> r)) * m) & mask
    return h ^ (h >> r)
