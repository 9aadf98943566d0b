"""Where an assignee's name ends when no verb of data/task_verbs.txt does: at the first lower-case verb a
part-of-speech tagger finds after a run of name words ('Sở Tài chính thống kê …', 'Thủ trưởng các đơn vị cử
…'). The list is closed and real dispatches use many more verbs than it holds, so a sentence whose verb is
not listed would lose its assignee; the tagger is asked only then. It is underthesea's CRF tagger, imported
on first use, behind the `Tagger` protocol. A run that breaks before a verb (a preposition, a
stop) names no one, and the answer is None: the caller abstains.
"""
from __future__ import annotations

import threading
from functools import lru_cache
from typing import Protocol

from .ner import continues_name
from .supporters import name_phrase_re
from .text import fold

_REACH = 240  # characters of the sentence the tagger reads: a name and its verb are well inside it
_RUN_TAGS = frozenset({"N", "Np", "Nc", "Nu", "Ny", "L", "M", "A"})  # nouns, determiners ('các'), numbers
_RUN_MARKS = frozenset({",", "-", "–", "&", "/"})
_MIN_WORDS = 2  # 'Sở X' at least: a head alone is no name


class Tagger(Protocol):
    def tags(self, text: str) -> list[tuple[str, str]]: ...


class UndertheseaTagger:
    """underthesea's part-of-speech tagger (VLSP 2013 tags: V verb, N noun, E preposition, C conjunction …).
    Its models load lazily into module globals that a second thread may see half made, so calls take turns."""

    _turns = threading.Lock()

    def tags(self, text: str) -> list[tuple[str, str]]:
        with self._turns:
            from underthesea import pos_tag

            return [(w, t) for w, t in pos_tag(text)]


_ENGINE: Tagger = UndertheseaTagger()


def load() -> None:
    """Load the tagger's models now (about 0.9 s of CPU: underthesea's imports, then its word and
    part-of-speech models on first use). A pool loads them once before it forks its workers
    (pipeline/pool.py), since a third of real dispatches ask the tagger: otherwise each worker
    would load them again on its first such document."""
    _ENGINE.tags("Sở Nội vụ thống kê")
_CACHED = 4096  # sentences: one document asks about the same few again; a batch of thousands must not grow it


@lru_cache(maxsize=_CACHED)
def verb_after_name(text: str) -> int | None:
    """Where the action begins in `text` (a name, then what it does), or None when the words before the
    first lower-case verb are not all a name's (capitalised words, name words, nouns, 'các', commas)."""
    clip = text[:_REACH]
    phrases = [m.span() for m in name_phrase_re().finditer(fold(clip))]  # 'các đơn vị trực thuộc'
    at, words = 0, 0
    for word, tag in _ENGINE.tags(clip):
        found = clip.find(word, at)
        if found < 0:
            return None
        at = found + len(word)
        named = continues_name(word.split()[0]) or any(a <= found < b for a, b in phrases)
        if tag == "V" and word[:1].islower() and words >= _MIN_WORDS and not named:
            return found
        if word in _RUN_MARKS or named or tag in _RUN_TAGS or fold(word) == "va":
            words += len(word.split()) if word not in _RUN_MARKS else 0
            continue
        return None  # a preposition, a stop, a verb too early: not a name and its action
    return None
