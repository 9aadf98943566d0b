"""The item tree of a zone: Roman sections, '1.', '1.1.', 'a)', '-', '+', and 'Điều N.' with its khoản
and điểm, each with its parent, children, heading and lead-in, built once per zone.

The markers' shapes are data (`data/item_markers.tsv`). Ordinals are mended from their sequence here and
nowhere else: a marker OCR loosened ('1,', 'ở)') is an item only where its list expects that very item,
a look-alike letter takes the place the sequence gives it, a sub-item never steps back ('5.1 … 3.2' is
5.2), and an item under a Roman section takes its numeral ('IV.1').
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from .. import vocab
from ..base import DocText, Line
from ..text import fold
from .sentences import Sentence, sentence_before, split

NUMBERED = frozenset({"number", "subnumber", "letter", "khoan", "diem"})
BULLETED = frozenset({"dash", "plus"})
_IN_ARTICLE = {"number": "khoan", "subnumber": "khoan", "letter": "diem"}
LETTERS = "abcdđeghiklmnopqrstuvxy"  # the Vietnamese alphabet that letters items
_LOOKALIKE = {"đ": "d", "d": "đ", "e": "c", "c": "e"}  # OCR's confusions between letters of the sequence


@dataclass(frozen=True)
class Shape:
    kind: str
    folded: bool  # matched over the folded line
    loose: bool  # what OCR makes of a marker: kept where the sequence expects it
    pattern: re.Pattern[str]
    ordinal: str  # the record's form of the printed ordinal, '{}' standing for it
    example: str
    counter_example: str


@cache
def shapes() -> tuple[Shape, ...]:
    return tuple(Shape(kind, over == "folded", loose == "loose", re.compile(pattern), ordinal, example, counter)
                 for kind, over, loose, pattern, ordinal, example, counter in vocab.rows("item_markers.tsv"))


def match(shape: Shape, line: str) -> re.Match[str] | None:
    """The shape's marker opening `line` (as printed; folded here when the shape reads folded text)."""
    return shape.pattern.match(fold(line) if shape.folded else line)


@dataclass(frozen=True)
class Item:
    """One item. `ordinal` is as the record writes it ('2.a', 'IV.1', 'Điều 2.1.a'; None for a dash);
    `start` is the marker's, `body_start` where its words begin, `end` the end of it with its children
    (whose lines are among its `lines`).
    `heading` is the words of the marker's line up to ':'; `lead_in` the sentence above its list (or its
    parent's lead-in, when the sentence there is a title rather than one ending in ':'); `above` the words
    right above its marker, from the last sentence closed within its parent (structure/sentences.py);
    `sentences` are the zone's sentences that open within it (its children's too), linked as the tree is built."""

    kind: str
    marker: str
    ordinal: str | None
    start: int
    body_start: int
    end: int
    page: int
    lines: tuple[Line, ...]
    heading: str
    lead_in: str
    above: str = ""
    children: tuple[Item, ...] = ()
    parent: Item | None = field(default=None, repr=False, compare=False)
    sentences: tuple[Sentence, ...] = field(default=(), repr=False, compare=False)

    def text(self, doc: DocText) -> str:
        return doc.text[self.body_start:self.end]

    def own_end(self, kinds: frozenset[str] = NUMBERED) -> int:
        """Where the item's own words end: at its first child of `kinds`, else its end."""
        return next((c.start for c in self.children if c.kind in kinds), self.end)

    def walk(self) -> Iterator[Item]:
        yield self
        for c in self.children:
            yield from c.walk()


def walk(items: tuple[Item, ...]) -> Iterator[Item]:
    for it in items:
        yield from it.walk()


_QUOTE_OPENS = re.compile(r":[ \t]*\n?[ \t]*[“\"]")  # 'Khoản 1 Điều 12 Nghị định số … quy định: “1. …'
_QUOTE_CLOSES = re.compile(r"[”\"]")
_QUOTE_REACH = 4000  # a quoted article or clause runs a page or so


def quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans a zone quotes after a colon (the law it cites, its articles and items): their words are the
    law's, and their markers are the law's list, not the zone's."""
    out = []
    for m in _QUOTE_OPENS.finditer(text, start, end):
        close = _QUOTE_CLOSES.search(text, m.end(), min(end, m.end() + _QUOTE_REACH))
        if close:
            out.append((m.end(), close.start()))
    return out


def build(doc: DocText, start: int, end: int, sentences: tuple[Sentence, ...] | None = None) -> tuple[Item, ...]:
    """The items of the zone [start, end): its articles when it has two or more (a lone 'Điều 5.'
    opening a line is a cited article, not the zone's form), else its lists. A quoted passage's lines
    open no item: they are words of the item that quotes them. `sentences` are the zone's (split once by
    the tree's builder), which lead-ins are read from."""
    said = split(doc, start, end) if sentences is None else sentences
    quoted = quoted_spans(doc.text, start, end)
    lines = [ln for ln in doc.lines if start <= ln.start < end and not any(a <= ln.start < b for a, b in quoted)]
    arts = _articles(lines)
    if len(arts) < 2:
        return _freeze_all(_List(doc, said, lines, start, end).nodes())
    article = next(s for s in shapes() if s.kind == "article")
    nodes = _List(doc, said, lines[:arts[0][0]], start, lines[arts[0][0]].start).nodes()
    for k, (i, number, at) in enumerate(arts):
        j = arts[k + 1][0] if k + 1 < len(arts) else len(lines)
        ln = lines[i]
        node = _Node("article", ln.text[:at], article.ordinal.format(number), ln.start, ln.start + at, ln, i, lines)
        node.end, node.last_line = lines[j].start if j < len(lines) else end, j - 1
        node.children = _List(doc, said, lines[i + 1:j], node.body_start, node.end, node).nodes()
        nodes.append(node)
    return _freeze_all(nodes)


def _articles(lines: list[Line]) -> list[tuple[int, int, int]]:
    """(line, number, where its words begin) of each article: the strict markers, and a loose one (what OCR made
    of 'Điều 3.') where the sequence expects its number, read through the digits its look-alike letters stand for
    (data/ocr_confusions.tsv)."""
    found: list[tuple[int, str, int, bool]] = []
    for i, ln in enumerate(lines):
        for s in shapes():
            if s.kind == "article" and (m := match(s, ln.text)):
                found.append((i, m.group("ord"), m.end(), s.loose))
                break
    strict = [(i, int(o)) for i, o, _, loose in found if not loose]
    out: list[tuple[int, int, int]] = []
    for i, printed, at, loose in found:
        if not loose:
            out.append((i, int(printed), at))
            continue
        before = out[-1][1] if out else 0
        after = next((n for j, n in strict if j > i), None)
        expected = {before + 1} if after is None else {before + 1} & {after - 1}
        readings = _digit_readings(printed)
        if before and expected & readings:
            out.append((i, min(expected & readings), at))
    return out


def _digit_readings(printed: str) -> set[int]:
    """The numbers a numeral OCR read with look-alike letters can stand for ('1l' is 11, 'i2' 12)."""
    digits = {letter: {seen for seen, ls, _ in vocab.ocr_confusions() if seen.isdigit() and ls == letter}
              for letter in set(printed) if not letter.isdigit()}
    readings = [""]
    for ch in printed:
        readings = [r + d for r in readings for d in (digits.get(ch) or ({ch} if ch.isdigit() else set()))]
    return {int(r) for r in readings if r}


@dataclass(eq=False)
class _Node:
    kind: str
    marker: str
    ordinal: str | None
    start: int
    body_start: int
    line: Line
    index: int  # of its line in `src`
    src: list[Line]
    end: int = 0
    last_line: int = 0
    lead_in: str = ""
    above: str = ""
    children: list[_Node] = field(default_factory=list)
    parent: _Node | None = None
    letter: str = ""  # the last letter of the items right under it


class _List:
    """The items of one run of lines (a zone, or an article's body): the sequence read, mended,
    nested and measured."""

    def __init__(self, doc: DocText, sentences: tuple[Sentence, ...], lines: list[Line], start: int, end: int,
                 within: _Node | None = None) -> None:
        self.doc, self.sentences, self.lines, self.start, self.end, self.within = doc, sentences, lines, start, end, within
        self.letter = ""  # the last letter of items under no number
        self.marked: set[int] = set()  # the lines that open an item

    def nodes(self) -> list[_Node]:
        marks = self._kept(self._marks())
        top: list[_Node] = []
        roman: _Node | None = None
        numbers: list[_Node] = []  # the open numbered items, outermost first
        letter: _Node | None = None
        dash: _Node | None = None  # the open dash, which a '+' goes under
        previous = ""  # the last numbered item's ordinal
        wrapping = False
        for i, ln in enumerate(self.lines):
            if i not in marks:
                wrapping = wrapping and self._wraps(i)
                dash = dash if wrapping else None
                continue
            kind, m = marks[i]
            node = _Node(kind, ln.text[:m.end()].rstrip(), m.groupdict().get("ord"), ln.start, ln.start + m.end(),
                         ln, i, self.lines)
            parent: _Node | None
            if kind == "roman":
                node.ordinal = _roman_in_sequence(_unlook(node.ordinal or ""), (roman.ordinal or "") if roman else "",
                                                  self._next_roman(marks, i))
                parent, roman, numbers, letter, dash = None, node, [], None, None
            elif kind in ("number", "subnumber"):
                node.ordinal = _decimal_in_sequence(node.ordinal or "", previous)
                while numbers and not (node.ordinal or "").startswith(f"{numbers[-1].ordinal}."):
                    numbers.pop()
                parent = numbers[-1] if numbers else roman
                numbers.append(node)
                letter, dash, previous = None, None, node.ordinal or ""
            elif kind == "letter":
                parent = numbers[-1] if numbers else roman
                node.ordinal = self._letter_of(parent, node.ordinal or "")
                if numbers:
                    node.ordinal = f"{numbers[-1].ordinal}.{node.ordinal}"
                letter, dash, previous = node, None, node.ordinal
            elif kind == "plus" and dash:
                parent, node.ordinal = dash, None
            else:  # a dash, or a '+' under no dash
                parent, node.ordinal = letter or (numbers[-1] if numbers else roman), None
                dash = node if kind == "dash" else None
            wrapping = kind in BULLETED
            node.parent = parent or self.within
            (parent.children if parent else top).append(node)
        self.marked = set(marks)
        self._measure(top, self.end, len(self.lines) - 1)
        self._sections(top)
        self._lead_ins(top, self.within)
        return top

    def _next_roman(self, marks: dict[int, tuple[str, re.Match[str]]], i: int) -> str:
        return next((m.group("ord") for j, (k, m) in sorted(marks.items()) if j > i and k == "roman"), "")

    def _letter_of(self, parent: _Node | None, letter: str) -> str:
        holder = parent or self.within
        mended = _in_sequence(letter, holder.letter if holder else self.letter)
        if holder:
            holder.letter = mended
        else:
            self.letter = mended
        return mended

    def _marks(self) -> list[tuple[int, str, re.Match[str], bool]]:
        """(line, kind, match, loose) of each line's markers: the first strict one, or the loose ones and
        the bullet after them."""
        out = []
        for i, ln in enumerate(self.lines):
            for s in shapes():
                if s.kind == "article":
                    continue
                m = match(s, ln.text)
                if m and ln.start + m.end() <= self.end:
                    out.append((i, s.kind, m, s.loose))
                    if not s.loose:
                        break
        return out

    def _kept(self, marks: list[tuple[int, str, re.Match[str], bool]]) -> dict[int, tuple[str, re.Match[str]]]:
        """The first choice of each line, a loose marker only where the list expects exactly that item (the
        number before the next one, the letter between its neighbours), else the line's bullet; an item
        that opens with a citation is a footnote's, not the list's."""
        first: dict[int, tuple[str, re.Match[str], bool]] = {}
        bullet: dict[int, tuple[str, re.Match[str]]] = {}
        for i, kind, m, loose in marks:
            if i not in first:
                first[i] = (kind, m, loose)
            elif kind in BULLETED:
                bullet.setdefault(i, (kind, m))
        strict = [(i, m.group("ord")) for i, (k, m, loose) in sorted(first.items()) if not loose and k in _ORDINALS]
        romans = [(i, m.group("ord")) for i, (k, m, loose) in sorted(first.items()) if not loose and k == "roman"]
        kept: dict[int, tuple[str, re.Match[str]]] = {}
        last = ""  # the ordinal of the last numbered marker kept
        section = ""  # the numeral of the last Roman section kept
        for i, (kind, m, loose) in sorted(first.items()):
            before, after = (section, romans) if kind == "roman" else (last, strict)
            if loose and not _expected(kind, _unlook(m.group("ord")) if kind == "roman" else m.group("ord"), before,
                                       next((o for j, o in after if j > i), "")):
                if i in bullet:
                    kept[i] = bullet[i]
                continue
            if kind == "roman":
                section = _unlook(m.group("ord"))
            if kind in _ORDINALS:
                last = m.group("ord")
                at = self.lines[i].start + m.end()
                if _citation_start().match(self.doc.folded[at:at + 60]):
                    continue  # a footnote citation, not an item
            kept[i] = (kind, m)
        return kept

    def _wraps(self, i: int) -> bool:
        """Line i goes on with the bullet above it: no ':' ends it, no paragraph is before it, and the
        line above closes no sentence."""
        ln, above = self.lines[i], self.lines[i - 1]
        return not ln.text.endswith(":") and not self.doc.paragraph_between(above.end, ln.start) \
            and not above.text.endswith((".", ";"))

    def _measure(self, nodes: list[_Node], end: int, last_line: int) -> None:
        """Each item runs to its next sibling, or its parent's end; a bullet only over the lines that
        wrap it and its own bullets."""
        for k, n in enumerate(nodes):
            bound = (nodes[k + 1].start, nodes[k + 1].index - 1) if k + 1 < len(nodes) else (end, last_line)
            self._measure(n.children, *bound)
            n.end, n.last_line = bound
            if n.kind in BULLETED:
                j = n.index
                while j < n.last_line and j + 1 not in self.marked and self._wraps(j + 1):
                    j += 1
                n.last_line = max([j, *(c.last_line for c in n.children)])
                n.end = self.lines[n.last_line].end

    def _sections(self, top: list[_Node]) -> None:
        """An item under a Roman section takes the section's numeral, its ordinal the path from the top of the
        tree ('III.1', 'III.1.a'; a printed '1.1' is a path already: 'II.1.1'), whether the numbering starts
        again in each section or runs on: the spec's nested path, the one way a reader and the gold write it.
        A sub-number that prints the section's number as its first part ('3.1' under 'III') is a path already.
        A lone Roman numeral is no sequence of sections ('I.' alone may be a misread) and prefixes nothing."""
        if sum(1 for n in top if n.kind == "roman") < 2:  # noqa: PLR2004
            return
        for n in top:
            if n.kind != "roman" or not n.ordinal:
                continue
            for c in n.children:
                if c.kind == "subnumber" and (c.ordinal or "").split(".")[0] == str(_roman(n.ordinal)):
                    continue
                for it in _numbered(c):
                    it.ordinal = f"{n.ordinal}.{it.ordinal}"

    def _lead_ins(self, nodes: list[_Node], parent: _Node | None) -> None:
        """The sentence above a list leads each of its items in; above a list under a title (a Roman
        section's 'MỤC ĐÍCH') the title's own lead-in does. An article is led in by nothing."""
        prev: _Node | None = None
        for n in nodes:
            if n.kind != "article":
                n.above = sentence_before(self.doc, self.sentences, parent.body_start if parent else self.start, n.line.start)
            if n.kind == "article":
                n.lead_in = ""
            elif prev and prev.kind == n.kind and (n.kind not in BULLETED or prev.last_line + 1 == n.index):
                n.lead_in = prev.lead_in  # the same list
            else:
                sentence = n.above
                n.lead_in = parent.lead_in if parent and parent.lead_in and not sentence.endswith(":") else sentence
            prev = n
            self._lead_ins(n.children, n)


_ORDINALS = ("number", "subnumber", "letter")


def _numbered(n: _Node) -> Iterator[_Node]:
    if n.kind in _ORDINALS:
        yield n
    for c in n.children:
        yield from _numbered(c)


def _freeze_all(nodes: list[_Node]) -> tuple[Item, ...]:
    return tuple(_freeze(n, None) for n in nodes)


def _freeze(n: _Node, parent: Item | None) -> Item:
    kind, ordinal = n.kind, n.ordinal
    article = _article(n)
    if article is not n and article.kind == "article":
        kind = _IN_ARTICLE.get(kind, kind)
        number = (article.ordinal or "").rpartition(" ")[2]
        if n.kind == "subnumber" and ordinal and number and ordinal.startswith(f"{number}."):
            ordinal = ordinal[len(number) + 1:]  # '15.1.' under 'Điều 15' is its khoản 1 ('Điều 15.1')
        ordinal = f"{article.ordinal}.{ordinal}" if ordinal else None
    item = Item(kind, n.marker, ordinal, n.start, n.body_start, n.end, n.line.page,
                tuple(n.src[n.index:n.last_line + 1]), n.line.text[n.body_start - n.line.start:].split(":")[0].strip(),
                n.lead_in, n.above)
    object.__setattr__(item, "parent", parent)  # the tree is linked both ways once, as it is frozen
    object.__setattr__(item, "children", tuple(_freeze(c, item) for c in n.children))
    return item


def _article(n: _Node) -> _Node:
    while n.parent is not None:
        n = n.parent
    return n


def _expected(kind: str, ordinal: str, before: str, after: str) -> bool:
    """A loose marker stands where its list expects it: the number between its neighbours, a letter
    between the letters before and after it, or a misread one after the last letter of its list."""
    if kind == "roman":  # 'I.MỤC ĐÍCH' before 'II. …'; 'III.KINH PHÍ' after 'II. …' with no section after it
        n, p, q = _roman(ordinal), _roman(before), _roman(after)
        return n > 0 and (q == n + 1 and p in (0, n - 1) or not after and p == n - 1 > 0)
    if kind == "subnumber":  # '6.1' right after '6', '6.2' right after '6.1'
        head, _, tail = ordinal.rpartition(".")
        return tail.isdigit() and (before == head and tail == "1" or before == f"{head}.{int(tail) - 1}")
    if kind == "number":
        n = int(ordinal)
        if not after:  # the last of its list: right after the number before it ('3. …' then '.4. …')
            return before.isdigit() and int(before) == n - 1 > 0
        return after.isdigit() and int(after) == n + 1 and (not before.isdigit() or int(before) == n - 1)
    if not before or before not in LETTERS:
        return False
    if after and after in LETTERS:
        return LETTERS.find(after) - LETTERS.find(before) == 2
    return not ordinal.isascii()  # the last of its list: what OCR made of a letter ('ở)' after 'a)', then '4.')


def _roman(numeral: str) -> int:
    """'IV' -> 4; 0 for what is no numeral of a section (I to XX)."""
    return next((k for k, r in enumerate(_ROMANS, 1) if r == numeral), 0)


_ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
           "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX")


_ROMAN_LOOKALIKES = str.maketrans({"H": "II", "l": "I", "1": "I"})  # OCR's strokes of a numeral: 'IH.' is III., '1X.' IX.


def _unlook(numeral: str) -> str:
    """A Roman numeral with OCR's look-alike strokes read back ('IH' -> 'III', '1X' -> 'IX'); the sequence then says
    whether it is the section expected there (a loose marker only)."""
    return numeral.translate(_ROMAN_LOOKALIKES)


def _roman_in_sequence(numeral: str, previous: str, following: str) -> str:
    """'II. … II. … IV.': a section that repeats the numeral before it, one short of the next or the last of its
    zone ('I. … II. … II. TỔ CHỨC THỰC HIỆN'), is the one after it (OCR lost a stroke of 'III')."""
    n, p, q = _roman(numeral), _roman(previous), _roman(following)
    return _ROMANS[p] if n and n == p and p < len(_ROMANS) and q in (p + 2, 0) else numeral


def _in_sequence(letter: str, previous: str) -> str:
    """An item's letter, mended when OCR read a look-alike of the one the sequence expects ('c) … đ)' is
    d), or a letter no alphabet has ('ở)' between a) and c) is b); 'f)', which some lists print, stays f)."""
    i = LETTERS.find(previous) + 1 if previous else 0
    expected = LETTERS[i] if i < len(LETTERS) else ""
    misread = letter not in LETTERS and not letter.isascii()  # 'f)' is printed so; 'ở)' is OCR's
    return expected if _LOOKALIKE.get(letter) == expected or misread else letter


def _decimal_in_sequence(ordinal: str, previous: str) -> str:
    """'5.1 … 3.2': a sub-item follows its elder sibling, and a list never steps back, so OCR misread the 5."""
    head, _, tail = ordinal.rpartition(".")
    p_head, _, p_tail = previous.rpartition(".")
    if head and p_head and tail.isdigit() and p_tail.isdigit() and int(tail) == int(p_tail) + 1 \
            and head.isdigit() and p_head.isdigit() and int(head) < int(p_head):
        return f"{p_head}.{tail}"
    return ordinal


@cache
def _citation_start() -> re.Pattern[str]:
    return re.compile(r"^(?:" + vocab.doc_type_regex() + r")\s+(?:so\s+)?\d")
