"""The sentences of a zone, split once as the tree is built; every rule that reads sentences reads these.

A sentence ends at a full stop, '!' or '?' before white space, at a ';' or ':' that ends its line, at a
paragraph's end and, once the item tree is known, where an item's marker opens a line. A dot ends none where
it closes an abbreviation that opens a name or a title ('TP. Huế', 'Q. Giám đốc': data/sentence_abbreviations.txt
with the authority prefixes of markers.tsv, the place words of places.txt and the degrees of degrees.txt) or an
item's marker ('1.', 'I.'), nor inside '1.5' or 'gmail.com'; no stop ends one before a word in lower case on its
line (a sentence opens with a capital: 'gmail. com' is a split address). A line wrapped before a capital goes on
('… phối hợp với Sở' over 'Tài chính'): text layers wrap before names. Inside a sentence, a ';' or ':' within
its line closes a clause.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

from .. import vocab
from ..base import DocText, Line
from . import markers

if TYPE_CHECKING:
    from .items import Item

FULL = frozenset(".!?¶")  # the stops that close a sentence outright ('¶': a paragraph's end)
# a stop (the closing formula's './.' one), its closing quotes with it; a ';' or ':' that ends its line
_STOP = re.compile(r"([.!?])(?:/\.)?[”\"’»)]*(?=\s|$)|([;:])(?=[ \t]*(?:\n|$))")
_CLAUSE = re.compile(r"[;:]")
_TOKEN = re.compile(r"(?:^|(?<=[\s(\"“]))\S+$")  # the word a dot closes
_LEAD_IN_REACH = 400  # a lead-in sentence is within these characters above its list


@dataclass(frozen=True)
class Sentence:
    """One sentence: its words are text[start:end]; `stop` is the mark that closed it ('.', '!', '?', ';',
    ':'), '¶' for a paragraph's end and '' for an item's marker or the zone's end; `clauses` its parts between
    the ';' and ':' within its lines ((start, end, mark) each, the last one's mark the sentence's stop); `item` the
    innermost item of the tree that holds it (None outside the items)."""

    start: int
    end: int
    page: int
    stop: str
    clauses: tuple[tuple[int, int, str], ...]
    item: Item | None = field(default=None, compare=False, repr=False)

    @property
    def close(self) -> int:
        """Just after its stop mark."""
        return self.end + (len(self.stop) if self.stop not in ("", "¶") else 0)

    def text(self, doc: DocText) -> str:
        return doc.text[self.start:self.end]


@cache
def abbreviations() -> frozenset[str]:
    """Words that end in a dot and do not end a sentence: the authority prefixes (markers.tsv), the place words
    written so (places.txt 'TP.'), the degrees before a name (degrees.txt, any case) and the others of
    data/sentence_abbreviations.txt."""
    out = {m.phrase for m in markers.markers() if m.id == "authority" and m.phrase.endswith(".")}
    out |= {p for p in vocab.lines("places.txt") if p.endswith(".")}
    out |= set(vocab.lines("sentence_abbreviations.txt"))
    return frozenset(out)


def _goes_on(text: str, at: int, end: int) -> bool:
    """The words after a stop go on in lower case on its line ('… qua địa chỉ gmail. com trước ngày …'): a sentence
    opens with a capital, so the stop was no end."""
    rest = text[at:min(end, at + 40)].lstrip(" \t")
    return rest[:1].islower()


def _abbreviated(text: str, dot: int) -> bool:
    m = _TOKEN.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group(0).lstrip("(\"“")
    return f"{word}." in abbreviations() or word.lower() in vocab.degrees()


def split(doc: DocText, start: int, end: int) -> tuple[Sentence, ...]:
    """The sentences of [start, end) by the text's stops and paragraphs (the item tree's markers not yet)."""
    text = doc.text
    lines = [ln for ln in doc.lines if ln.end > start and ln.start < end]  # the first may open before the zone
    markers_at = _markers(lines)
    cuts: list[tuple[int, int, str]] = []  # (end of words, where the next may begin, stop)
    for m in _STOP.finditer(text, start, end):
        mark = m.group(1) or m.group(2)
        if mark in ".!?" and _goes_on(text, m.end(), end) or mark == "." and (
                _abbreviated(text, m.start()) or m.start() in markers_at):
            continue
        cuts.append((m.start(), m.end(), mark))
    for above, ln in zip(lines, lines[1:], strict=False):
        if doc.paragraph_between(above.end, ln.start):
            cuts.append((above.end, ln.start, "¶"))
    cuts.sort()
    out: list[Sentence] = []
    at = start
    for e, nxt, stop in [*cuts, (end, end, "")]:
        if e < at:
            continue
        _add(doc, out, at, e, stop)  # nothing when a stop closed the paragraph's last sentence
        at = nxt
    return tuple(out)


def _markers(lines: list[Line]) -> set[int]:
    """The offsets of the marks inside the item markers that open lines ('1.', 'I.', 'Điều 3.'; data/item_markers.tsv):
    a marker's dot ends no sentence."""
    from . import items  # noqa: PLC0415  (items reads its lead-ins from this module's sentences)
    out: set[int] = set()
    for ln in lines:
        m = next((m for s in items.shapes() if (m := items.match(s, ln.text))), None)
        if m:
            out.update(range(ln.start, ln.start + m.end()))
    return out


def _add(doc: DocText, out: list[Sentence], at: int, end: int, stop: str) -> None:
    chunk = doc.text[at:end]
    s = at + len(chunk) - len(chunk.lstrip())
    e = at + len(chunk.rstrip())
    if s < e:
        out.append(Sentence(s, e, doc.page_of(s), stop, _clauses(doc.text, s, e, stop)))


def _clauses(text: str, start: int, end: int, stop: str) -> tuple[tuple[int, int, str], ...]:
    out, at = [], start
    for m in _CLAUSE.finditer(text, start, end):
        out.append((at, m.start(), m.group(0)))
        at = m.end()
    out.append((at, end, stop))
    return tuple(out)


def at_items(doc: DocText, sentences: tuple[Sentence, ...], items: Iterable[Item]) -> tuple[Sentence, ...]:
    """`sentences` cut where an item's marker opens a line, each linked to the innermost item that holds it
    and each item to the sentences that open within it."""
    nodes = list(items)
    starts = sorted({it.start for it in nodes})
    out: list[Sentence] = []
    for sent in sentences:
        cuts = [i for i in starts if sent.start < i < sent.end]
        at = sent.start
        for i in cuts:
            _add(doc, out, at, i, "")
            at = i
        if cuts:
            _add(doc, out, at, sent.end, sent.stop)
        else:
            out.append(sent)
    linked = tuple(replace(s, item=_holder(nodes, s.start)) for s in out)
    for it in nodes:  # the tree is linked both ways once, as it is frozen
        object.__setattr__(it, "sentences", tuple(s for s in linked if it.start <= s.start < it.end))
    return linked


def _holder(items: list[Item], at: int) -> Item | None:
    """The innermost item that holds `at` (`items` walked parents first, so the last that holds it)."""
    return next((it for it in reversed(items) if it.start <= at < it.end), None)


def sentence_before(doc: DocText, sentences: tuple[Sentence, ...], lo: int, pos: int) -> str:
    """The sentence that ends at `pos` (a line's start), on one line: its words after the last sentence above
    that a full stop or a paragraph closed, and not before `lo` (nor further up than a lead-in reaches)."""
    lo = max(lo, pos - _LEAD_IN_REACH)
    at = lo
    for k in range(bisect_left(sentences, pos, key=lambda s: s.end) - 1, -1, -1):
        s = sentences[k]
        if s.close < lo:
            break
        if s.stop in FULL and s.close < pos and doc.text[s.close:pos].strip():
            at = s.close
            break
    seg = doc.text[at:pos]
    return re.sub(r"\s+", " ", seg).strip()

