"""Word boxes -> text in reading order, with the two-column header and signature blocks apart.

A dispatch's header (issuing body | Quốc hiệu) and its foot (Nơi nhận | signature) are two
columns; read line by line they interleave. Lines are rebuilt from word positions, cut at
wide horizontal gaps, and in the header and foot zones the left segments are emitted
before the right ones, so each block reads as printed.
"""
from __future__ import annotations

import re
import statistics

from .normalize import fold
from .types import Word

_BODY_MARK = re.compile(r"^(k[i1]nh\s*g|thuc\s*hien|can\s*cu|\d+\s*[.)]\s|[ivx]+\.\s)")
_FOOT_MARK = re.compile(r"^n[o0]i\s*nh[a]n")


def words_to_text(words: list[Word], page_width: float) -> str:
    if not words:
        return ""
    lines = _lines(words)
    segs = [_segments(ln, page_width) for ln in lines]
    head_end = next((i for i, s in enumerate(segs) if _BODY_MARK.match(fold(_seg_text(s[0])))), min(len(segs), 12))
    foot_start = next((i for i, s in enumerate(segs) if _FOOT_MARK.match(fold(_seg_text(s[0])))), len(segs))
    out: list[str] = []
    out += _two_columns(segs[:head_end], page_width)
    out += [" ".join(_seg_text(s) for s in ss) for ss in segs[head_end:foot_start]]
    out += _two_columns(segs[foot_start:], page_width)
    return "\n".join(out)


def _lines(words: list[Word]) -> list[list[Word]]:
    heights = [w.bottom - w.top for w in words if w.bottom > w.top]
    tol = (statistics.median(heights) if heights else 10) * 0.5
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        mid = (w.top + w.bottom) / 2
        if rows and abs(mid - _mid(rows[-1])) <= tol:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [sorted(r, key=lambda w: w.x0) for r in rows]


def _mid(row: list[Word]) -> float:
    return sum((w.top + w.bottom) / 2 for w in row) / len(row)


def _segments(line: list[Word], page_width: float) -> list[list[Word]]:
    gap = page_width * 0.06
    segs = [[line[0]]]
    for prev, w in zip(line, line[1:], strict=False):
        if w.x0 - prev.x1 > gap:
            segs.append([w])
        else:
            segs[-1].append(w)
    return segs


def _seg_text(seg: list[Word]) -> str:
    return " ".join(w.text for w in seg)


def _two_columns(rows: list[list[list[Word]]], page_width: float) -> list[str]:
    split = page_width * 0.45
    left: list[str] = []
    right: list[str] = []
    for segs in rows:
        lpart = [s for s in segs if s[0].x0 < split]
        rpart = [s for s in segs if s[0].x0 >= split]
        if lpart:
            left.append(" ".join(_seg_text(s) for s in lpart))
        if rpart:
            right.append(" ".join(_seg_text(s) for s in rpart))
    return left + right
