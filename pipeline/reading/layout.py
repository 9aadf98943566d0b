"""Word boxes -> text: in reading order (the zones of `extractors/structure/words.py`, emitted
column by column) or where the words stand on the page (`congvan read --layout`)."""
from __future__ import annotations

import statistics

from extractors.structure.words import Word, lines, page_layout, words_to_text

__all__ = ["page_layout", "words_to_grid", "words_to_text"]


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
