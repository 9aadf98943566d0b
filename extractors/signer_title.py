"""The vocabulary of titles (data/person_heads.txt, data/deputy_titles.tsv, data/title_joins.txt) as a signature block's
title lines are matched against it: as read, cased as the vocabulary writes it, or, for a line
that lost or changed letters under the seal ('PHÓ :.GUÁM ĐỜI', 'HÓ CHỦ TỊCH'), the one title its
letters are nearest to (rapidfuzz over folded letters), within a distance bound and clearly
nearer than any other. extractors/signature.py reads the block.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from . import vocab
from .signer_name import MARKS
from .structure.markers import letters_of
from .text import fold, sentence_case


def title_like(text: str) -> str | None:
    """The known title an OCR'd title line is nearest to ('PHÓ :.GUÁM ĐỜI' -> 'Phó Giám đốc'), over its
    letters alone (the digits and symbols OCR writes for letters read as those: data/ocr_confusions.tsv);
    only when one title is clearly nearest. A line that holds a known title as read is that title
    with more words, unless it is nearer still to a longer title that holds it: the deputy's, whose
    'PHÓ' the seal left one or two letters of, before it ('HÓ CHỦ TỊCH', 'EHO GIAM ĐỌC')."""
    letters = letters_key(letters_of(fold(text)))
    if len(letters) < 4:
        return None
    scored = sorted(((fuzz.ratio(letters, fh), fh, h) for fh, h in heads_letters().items()), reverse=True)
    if not scored or scored[0][0] < 75 or len(scored) > 1 and scored[0][0] - scored[1][0] < 8:
        return None
    inside = [fh for fh in heads_letters() if f" {fh} " in f" {letters} "]
    if inside and (scored[0][0] < LONGER or not all(_lost_before(letters, scored[0][1], fh) for fh in inside)):
        return None  # a known title as read, perhaps with more words ('PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH')
    return scored[0][2]


def letters_key(text: str) -> str:
    """How titles are compared: the text's letters alone, folded, one blank between its words
    ('PHÓ :.GIÁM ĐỐC' -> 'pho giam doc')."""
    return " ".join(re.sub(r"[^a-z ]", " ", fold(text)).split())


def spaceless_key(text: str) -> str:
    """The text's folded letters without its blanks ('PHOGLAMDOC' -> 'phoglamdoc'): a title a reader set
    without spaces is compared so."""
    return re.sub(r"[^a-z]", "", fold(text))


def _lost_before(letters: str, longer: str, inner: str) -> bool:
    """`letters` is `inner` after what OCR left of the words `longer` puts before it: one letter lost
    or changed at most ('ho', 'eho' for 'pho'; 'hoi' or 'kt' is another word)."""
    if not (letters.endswith(inner) and longer.endswith(" " + inner)):
        return False
    return Levenshtein.distance(letters[:-len(inner)].strip(), longer[:-len(inner)].strip()) <= 1


# How near a line holding a known title must be to a longer title that holds it, to be read as that
# one: 'HÓ CHỦ TỊCH' (the 'P' lost under the seal) is 96 of 'Phó Chủ tịch', 84 of 'Chủ tịch'.
LONGER = 85


@cache
def heads_letters() -> dict[str, str]:
    """Each title's letters-only folded form, for titles whose form no other title shares."""
    return unique_by(letters_key)


def unique_by(key: Callable[[str], str]) -> dict[str, str]:
    """The known titles by a key that loses letters or accents, for the keys only one title has."""
    by: dict[str, set[str]] = {}
    for h in vocab.person_heads():
        by.setdefault(key(h), set()).add(h)
    return {k: next(iter(hs)) for k, hs in by.items() if len(hs) == 1}


def known_title(text: str) -> str | None:
    return heads_letters().get(letters_key(text))


def title_case(title: str) -> str:
    words = sentence_case(re.sub(r"\s+", " ", title).strip(MARKS + " ")).split()  # '-GIÁM ĐỐC,'
    out = []
    for i, w in enumerate(words):
        if i > 0 and words[i - 1].lower() in _before_title():
            w = w.capitalize()
        out.append(w)
    text = " ".join(out)
    # a known title as read, else the one title its accent-free form fits ('Pho giam đọc'); where two
    # titles share it ('thu truong': Thủ trưởng, Thứ trưởng) the accents read decide
    return heads_by_lower().get(text.lower()) or heads_by_fold().get(fold(text), text)


@cache
def heads_by_lower() -> dict[str, str]:
    return {h.lower(): h for h in vocab.person_heads()}


@cache
def heads_by_fold() -> dict[str, str]:
    """'PHO CHANH VAN PHONG' read without accents is the known title 'Phó Chánh Văn phòng'; an
    accent-free form two titles share ('thu truong': Thủ trưởng, Thứ trưởng) restores neither."""
    return unique_by(fold)


@cache
def heads_spaceless() -> dict[str, str]:
    """Each title's folded letters without spaces, for titles whose form no other title shares."""
    return unique_by(spaceless_key)


@cache
def shared_spaceless() -> frozenset[str]:
    """The letters-without-spaces forms that two titles share."""
    keys = [spaceless_key(h) for h in vocab.person_heads()]
    return frozenset(k for k in keys if keys.count(k) > 1)


@cache
def _deputy_table() -> tuple[dict[str, str], str]:
    """data/deputy_titles.tsv: the heads whose deputy has a title of its own, by folded head, and the
    rule for every other head (its `*` row: 'Phó *')."""
    table: dict[str, str] = {}
    rule = ""
    for head, deputy in vocab.rows("deputy_titles.tsv"):
        if head == "*":
            rule = deputy
        else:
            table[fold(head)] = deputy
    return table, rule


def deputy_of(head: str) -> str:
    """The title of the deputy who signs KT. for `head` ('Giám đốc' -> 'Phó Giám đốc', 'Bộ trưởng' -> 'Thứ trưởng')."""
    table, rule = _deputy_table()
    return table.get(fold(head)) or rule.replace("*", head)


@cache
def deputy_word() -> str:
    """The word a deputy's title puts before its head's ('Phó'; data/deputy_titles.tsv's `*` row)."""
    return _deputy_table()[1].replace("*", "").strip()


def is_deputy(title: str | None) -> bool:
    """A deputy's title: one that opens with the deputy word, or a deputy title of its own ('Thứ trưởng')."""
    return title is not None and (title.split()[0] == deputy_word() or title in _deputy_table()[0].values())


@cache
def title_joins() -> frozenset[str]:
    """The folded words that join two titles of one signer ('kiem'; data/title_joins.txt)."""
    return frozenset(fold(w) for w in vocab.lines("title_joins.txt"))


@cache
def _before_title() -> frozenset[str]:
    """The words after which a title's word is capitalised: the joining words as printed, and the deputy word."""
    return frozenset(w.lower() for w in (*vocab.lines("title_joins.txt"), deputy_word()))
