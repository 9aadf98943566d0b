"""Word boxes -> text: in reading order (the zones of `extractors/structure/words.py`, emitted
column by column) or where the words stand on the page (`congvan read --layout`); and back: a
plain text laid out as its page (pdftotext -layout, `congvan read --layout`, a register's export)
as the words of that page, so its two-column header and foot are read as a PDF's are."""
from __future__ import annotations

import re
import statistics

from extractors.structure.words import Word, lines, page_layout, words_to_text

__all__ = ["grid_to_words", "laid_out", "page_layout", "words_to_grid", "words_to_text"]

# Two columns side by side: text, a run of blanks no sentence has, text
_COLUMN_GAP = re.compile(r"\S {3,}\S")
SIDE_BY_SIDE_LINES = 2  # lines of the header's and the foot's two blocks that show the text is laid out
HEAD_LINES, FOOT_LINES = 12, 40  # where the two blocks stand: the first and last non-empty lines
LINE_PITCH = 10.0  # a text line's height in the words' units (a character is 1 wide)
MIN_WIDTH = 60  # characters: a page narrower than this is not a page's width


def laid_out(text: str) -> bool:
    """A plain text whose header and foot show two blocks side by side (a laid-out page), not a text
    whose lines are the paragraphs (a Word export, a typed text): two such lines in each, or more in
    one (a blank number and day leave two gaps in a typed header's lines)."""
    rows = [ln for ln in text.splitlines() if ln.strip()]
    sides = [sum(bool(_COLUMN_GAP.search(ln.strip())) for ln in part) for part in (rows[:HEAD_LINES], rows[-FOOT_LINES:])]
    return min(sides) >= SIDE_BY_SIDE_LINES or max(sides) > SIDE_BY_SIDE_LINES


def grid_to_words(page: str) -> tuple[list[Word], float]:
    """A laid-out page's words, each at its column (a character is one unit wide) and its line (an empty
    line between two keeps its height, as a paragraph's space on the page), and the page's width: the
    widest line that holds two blocks (a running paragraph left unwrapped is wider than the page)."""
    words: list[Word] = []
    for i, line in enumerate(page.splitlines()):
        top = i * LINE_PITCH
        words += [Word(m.group(), m.start(), top, m.end(), top + 0.8 * LINE_PITCH) for m in re.finditer(r"\S+", line)]
    sides = [len(ln.rstrip()) for ln in page.splitlines() if _COLUMN_GAP.search(ln.strip())]
    return words, float(max([MIN_WIDTH, *sides]))


def words_to_grid(words: list[Word]) -> str:
    """The words where they stand on the page (`congvan read --layout`, as pdftotext -layout):
    one text line per line of words, each word at the column of its left edge, a column being
    the median width of a character, so the header's two blocks show side by side."""
    if not words:
        return ""
    char = statistics.median((w.x1 - w.x0) / len(w.text) for w in words if w.text and w.x1 > w.x0) or 1.0
    left = min(w.x0 for w in words)
    out = []
    for row in lines(words):
        line, end = "", left
        for w in row:
            near = line and w.x0 - end < 2 * char  # the next word of the same phrase: one space
            line += " " if near else " " * max(1 if line else 0, round((w.x0 - left) / char) - len(line))
            line, end = line + w.text, w.x1
        out.append(line)
    return "\n".join(out)
