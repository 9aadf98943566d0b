"""Recipients (Kính gửi) and copies (Nơi nhận).

Both are dash lists whose items wrap; in text extracted from two-column pages the
signature block's lines sit among the Nơi nhận items, so a line that reads as a
signature title or a personal name ends the list.
"""
from __future__ import annotations

import re
from functools import cache

from . import vocab
from .base import BULLETS, Candidate, DocText
from .signature import is_debris, is_name_line, is_title_line
from .structure.from_text import blank_leaders, kept_by_clerk, mostly_upper, opens_body
from .structure.tree import Dispatch
from .text import fold

_ITEM_END = (";", ",", ".")
# Up to four marks (a token with a symbol in it, or a lone letter), one at least with a symbol, before '- '.
# Or marks glued to the dash ('_- UBND TP. Đà Nẵng').
_MARKED_DASH = re.compile(r"^(?=\S*[^\s\w])(?:(?:\S*[^\s\w]\S*|\w)\s+){1,4}(?=-\s+\w)|^(?:[^\w\s-]|_){1,3}(?=-\s+\w)")


def extract_addressees(tree: Dispatch) -> list[Candidate]:
    """Reads the salutation (after 'Kính gửi') and the copies (after the last 'Nơi nhận', else the tree's
    list over its 'Lưu: VT' line)."""
    doc = tree.doc
    cands: list[Candidate] = []
    if tree.salutation:
        items = _collect(doc, tree.salutation.start, recipients=True)
        cands += [Candidate("recipients", t, s, e, "addressees.kinh-gui", zone="salutation") for t, s, e in items]
    if tree.copies:
        items = _collect(doc, tree.copies.start, recipients=False)
        cands += [Candidate("cc", t, s, e, "addressees.noi-nhan", zone="foot.copies") for t, s, e in items]
    elif tree.unheaded_copies:
        items = _collect(doc, tree.unheaded_copies.start, recipients=False)
        cands += [Candidate("cc", t, s, e, "addressees.list-above-luu", 0.6, zone="foot.copies") for t, s, e in items]
    return cands


def _collect(doc: DocText, start: int, recipients: bool) -> list[tuple[str, int, int]]:
    lines = [ln for ln in doc.lines if ln.end > start]
    if not lines:
        return []
    first = lines[0]
    rest_of_first = doc.text[start:first.end].strip()
    if recipients and blank_leaders(rest_of_first):
        return []  # 'Kính gửi: ……………': left blank to fill in, it names no one (the next line is the body)
    work: list[tuple[str, int]] = []
    if rest_of_first:
        work.append((rest_of_first, first.end - len(rest_of_first)))
    work += [(ln.text, ln.start) for ln in lines[1:40]]
    items: list[list[tuple[str, int]]] = []
    dashed = False
    for idx, (raw, raw_pos) in enumerate(work):
        if is_debris(raw) or dashed and _stray(raw, work[idx + 1][0] if idx + 1 < len(work) else ""):
            continue  # a line of seal or signature marks between items
        text, pos = _after_marks(raw, raw_pos)
        text = _without_other_column(text)
        f = fold(text)
        is_dash = text.startswith(tuple(BULLETS))
        if _ends_list(text, f, recipients, items, dashed, is_dash):
            break
        if is_dash or not items:
            dashed = dashed or is_dash
            items.append([(text.lstrip(BULLETS + " ").strip(), pos)])
        elif dashed and _continues(items[-1][-1][0]) or not dashed and not recipients:
            items[-1].append((text.strip(), pos))
        else:
            break
        if recipients and not dashed and idx == 0 and _closed(text):
            break
    return [_clean(it) for it in items if _clean(it)[0]]


def _stray(text: str, after: str) -> bool:
    """A line of a few letters between two dashed items ('Na h': the seal's or the signature's ink read
    in the left column): no word of three letters, and the next line is an item."""
    return not text.lstrip().startswith(tuple(BULLETS)) and _WORD.search(text) is None and \
        _after_marks(after, 0)[0].startswith(tuple(BULLETS))


_WORD = re.compile(r"[^\W\d_]{3}")


def _ends_list(text: str, f: str, recipients: bool, items: list, dashed: bool, is_dash: bool) -> bool:
    if is_title_line(text) or is_name_line(text):
        return True
    if items and kept_by_clerk(fold(items[-1][0][0])):  # 'Lưu: VT, <unit>, <copies>' is the last item (NĐ 30/2020)
        return True
    if recipients and items and not is_dash and (opens_body(f, text) or len(text) > 90):
        return True
    return bool(items and not is_dash and _closed(items[-1][-1][0]) and text.rstrip().endswith(".") is False
                and dashed and items[-1][-1][0].rstrip().endswith("."))


def _after_marks(text: str, pos: int) -> tuple[str, int]:
    """A dashed item with the marks a seal or an annotation left before it ('» _- - Sở Lao động…',
    '|... c - Đại học Đà Nẵng;'): only marks precede its dash."""
    m = _MARKED_DASH.match(text)
    return (text[m.end():], pos + m.end()) if m else (text, pos)


def _without_other_column(text: str) -> str:
    """An item closed by ';' and followed on its line by the signature block's words or a seal's marks
    ('- Như trên; GIÁM ĐỐC', '- Website SYT;-\' `'): the list's separator ends the item, the rest is the
    other column."""
    head, sep, rest = text.partition(";")
    rest = rest.strip()
    if not sep or not rest or kept_by_clerk(fold(text.lstrip(BULLETS + " "))):  # 'Lưu: VT; KHTC' names its units
        return text
    if is_debris(rest) or not rest.startswith(tuple(BULLETS)) and (
            is_title_line(rest) or (mostly_upper(rest) and " " not in rest)):
        return head + sep
    return text


def _continues(text: str) -> bool:
    """A dashed item ending in ',' goes on ('- Các Sở: Văn hóa, Thể thao và Du lịch,' / 'Tư pháp, …;')."""
    return not _closed(text) or text.rstrip().endswith(",")


def _closed(text: str) -> bool:
    return text.rstrip().endswith(_ITEM_END)


def _clean(parts: list[tuple[str, int]]) -> tuple[str, int, int]:
    text = re.sub(r"\s+", " ", " ".join(p for p, _ in parts)).strip()
    text = re.sub(r"\s*[;,.:]+$", "", text).replace("./", "").strip()  # ':' is OCR's ';' at an item's end
    phrase, lost_first = _as_above()
    text = phrase if lost_first.fullmatch(text) else text
    start = parts[0][1]
    end = parts[-1][1] + len(parts[-1][0])
    return text, start, end


@cache
def _as_above() -> tuple[str, re.Pattern[str]]:
    """The copies' entry for the addressees above (data/as_above.txt: 'Như trên'), and its last word after at most two
    short marks, in any case, its letters with or without their marks: the entry with its first word lost."""
    phrase = vocab.lines("as_above.txt")[0]
    letters = "".join(f"[{c}{fold(c)}]" if fold(c) != c else re.escape(c) for c in phrase.split()[-1].lower())
    return phrase, re.compile(r"(?:\S{1,3}\s+){0,2}" + letters, re.IGNORECASE)
