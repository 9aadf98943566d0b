"""The signature block: authority prefix, the signer's title, and the name under them.

Double prefixes ('TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG') keep the outer
prefix as authority; the title is the line(s) under the innermost prefix. On scans the seal and
the handwritten signature sit over the block: the title lines may be lost and debris lines
separate the block from the name, which OCR reads with a speck or a dropped capital
('Trân À Ngọc Căng', 'hạm Trường Thọ'). The zone is the tree's (foot.signature, found by the tree
alone); here its first block of title lines is read, and under it a name is accepted with those
faults mended against the surname list (extractors/signer_lines.py finds the name's line,
extractors/signer_name.py reads it). A title line that lost or changed letters is the nearest title of
the vocabulary (extractors/signer_title.py); the prefix is inferred only from titles (a deputy's under
its head's: KT.), and a title read as marks is the deputy of 'KT. <head>' or else null, with the reason.
"""
from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from . import vocab
from .base import Candidate, Line
from .patterns import find_dates
from .signer_lines import lone_name, name_under
from .signer_name import MARKS, folded_person_heads, person_head_like, read_name
from .signer_title import (
    deputy_of,
    deputy_word,
    heads_by_lower,
    heads_letters,
    heads_spaceless,
    is_deputy,
    known_title,
    letters_key,
    shared_spaceless,
    spaceless_key,
    title_case,
    title_joins,
    title_like,
)
from .structure import markers
from .structure.from_text import mostly_upper
from .structure.tree import Dispatch
from .text import fold

# A prefix as OCR may read it under the seal ('KÍ.GIÁM ĐỐC'): one to three letters and a stop before a title.
# A speck of the seal may stand inside it ('V*T. GIÁM ĐỌC'): the prefix is its letters.
_PREFIX_LIKE = re.compile(r"^[^\w\s]{0,2}\s*([^\W\d_](?:[*'`^\"]?[^\W\d_]){0,2})\s*[.,:;]\s*(?=\S)")


def is_title_line(text: str) -> bool:
    t = _without_specks(text).strip(MARKS + " ")  # "'GIÁM ĐỐC,": a speck of the seal at either end
    if _authority(t):
        return True
    if not t or len(t) > 60:
        return False
    letters = [c for c in t if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return False
    f = fold(t)
    return any(f.startswith(h) or f.endswith(h) for h in folded_person_heads())


def _title_or_like(text: str) -> bool:
    """A title line, or one in capitals that is the nearest to one title ('PHÓ :.GUÁM ĐỜI'): such a line
    goes on a block, never opens one ('4.HIỆU TRƯỜN NG:' alone may be a prefix and a head or a deputy)."""
    t = _without_specks(text)
    return is_title_line(text) or len(t) <= 60 and mostly_upper(t) and title_like(t) is not None


def _without_specks(text: str) -> str:
    """A title line with the seal's and signature's specks taken out ('CHANH , VAN v PHONG `'): marks,
    and lone lower-case letters between capitals."""
    words = text.split()
    if sum(w.isupper() for w in words) < 2:
        return text.strip()
    return " ".join(w for w in words if any(c.isalnum() for c in w) and not (len(w) == 1 and w.islower()))


def is_name_line(text: str) -> bool:
    return read_name(text, mend=False) is not None and not is_title_line(text)


def extract_signature(tree: Dispatch) -> list[Candidate]:
    """Reads the dispatch's tail (before any attachment), below the header's Quốc hiệu and motto."""
    zone = tree.signature  # the tree's, before any attachment (an attachment's signer is its own)
    block = [ln for ln in zone.lines if ln.start < tree.foot_end] if zone else []
    cands = signature_of_lines(block) if block else []
    for c in cands:
        c.zone = "foot.signature"
    return cands + _signed_at([ln for z in tree.stamps for ln in z.lines])


def _signed_at(stamp_lines: list[Line]) -> list[Candidate]:
    """The day of the e-signature's stamp ('Ký bởi: … Thời gian ký: 08.04.2026 17:35'), wherever the
    signing system put it (the tree's stamp zones): the issue date is the day of signing, never after it."""
    for ln in stamp_lines:
        hit = markers.in_line("signed_at", fold(ln.text))
        if hit is None:
            continue
        dates = find_dates(fold(ln.text), hit.end, hit.end + 16)
        if dates and len(dates[0][2]) == 10:
            s, e, value = dates[0]
            return [Candidate("signed_date", value, ln.start + s, ln.start + e, "signature.e-signature-time",
                              zone="stamp")]
    return []


def signature_of_lines(lines: list[Line]) -> list[Candidate]:
    """The signer read from the lines of a signature block, top down: its first run of title lines
    (an issuing body's name over its printed rule is a header, not a block) and the first name under
    it, however many lines of the seal's and the signature's debris stand between."""
    lines = _rows_in_order(lines)
    block_at = _first_block(lines)
    if block_at is None:
        return lone_name(lines)
    first, last = block_at
    cands = _block_fields(lines[first:last + 1])
    if _side_by_side(lines[first].text):
        return _joint(cands, lines[first].text)
    found = name_under(lines[last + 1:])
    if found:
        name, ln = found
        cands.append(Candidate("signer.name", name, ln.start, ln.end, "signature.name-under-title"))
    return cands


def _first_block(lines: list[Line]) -> tuple[int, int] | None:
    """(first, last) line of the first run of title lines, seal debris allowed between two of them."""
    i = 0
    while i < len(lines):
        if not is_title_line(lines[i].text) and not _deputy_like(lines[i].text):
            i += 1
            continue
        last, j = i, i + 1
        while j < len(lines):
            text = lines[j].text
            if _title_or_like(text) or fold(text) in title_joins():
                last = j
            elif not (is_debris(text) and not _is_rule(text) and j + 1 < len(lines) and is_title_line(lines[j + 1].text)):
                break
            j += 1
        if j < len(lines) and _is_rule(lines[j].text):
            i = j + 1  # 'THỦ TƯỚNG CHÍNH PHỦ' over '_____': the issuing body of a text that follows
            continue
        if any(enacting().match(fold(ln.text)) for ln in lines[last + 1: last + 6]):
            return None
        return i, last
    return None


@cache
def enacting() -> re.Pattern[str]:
    """The formulas of data/enacting_formulas.tsv at a folded line's start: the enacting authority of a
    Quyết định ('GIÁM ĐỐC SỞ …' above 'Căn cứ …') is not a signature block."""
    return re.compile("^(?:" + "|".join(cue for _id, cue, *_ in vocab.rows("enacting_formulas.tsv")) + ")")


def _deputy_like(text: str) -> bool:
    """A line in capitals nearest to one deputy's title ('Hó GIÁM BÓC' for PHÓ GIÁM ĐỐC: the seal took a
    letter of each word) opens a block as a title line does; a head's title so read ('4.HIỆU TRƯỜN
    NG:') may be what is left of a prefix's line, and opens none."""
    t = _without_specks(text)
    return len(t) <= 60 and mostly_upper(t) and is_deputy(title_like(t))


def is_joint(lines: list[Line]) -> bool:
    """A joint text's signature blocks, side by side (whose name is under which title is not known)."""
    return any(_side_by_side(ln.text) for ln in lines)


def _side_by_side(text: str) -> bool:
    """'KT. VIỆN TRƯỞNG KT. CHÁNH ÁN': a joint text's two signature blocks read as one line."""
    return len(_columns(text)) >= 2


def _columns(text: str) -> list[str]:
    """The blocks' prefix lines of a line that holds several ('KT. VIỆN TRƯỞNG', 'KT. CHÁNH ÁN')."""
    f = fold(text)
    starts = [s for m in re.finditer(r"(?:^|\s)\S", f)
              if markers.at_start("authority", f[(s := m.start()):].lstrip())]
    return [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=False)]


def _joint(cands: list[Candidate], text: str) -> list[Candidate]:
    """A joint text's blocks read side by side: whose name is under which title is not known, and the
    record's signer is one of them. What every block shares stays (the prefix of 'KT. BỘ TRƯỞNG KT.
    BỘ TRƯỞNG', its deputy's title); what the first block alone says (its 'Phó Viện trưởng' beside
    a 'Phó Chánh án') abstains."""
    cols = [(a[0], _person_head(c[a[1]:]) or person_head_like(c[a[1]:])) if (a := _authority(c)) else None
            for c in _columns(text)]
    same_code = None not in cols and len({c[0] for c in cols if c}) == 1
    same_head = same_code and len({c[1] for c in cols if c}) == 1 and cols[0] is not None and cols[0][1] is not None
    out = [c for c in cands if c.field == "signer.authority" and same_code]
    for c in cands:
        if c.field == "signer.title" and same_head and (title := _one_title(c.value, len(cols))):
            out.append(Candidate(c.field, title, c.start, c.end, c.rule, c.score, c.extra))
    return out


def _one_title(value: str, n: int) -> str | None:
    """The title every column printed: 'Thứ trưởng thứ trưởng' (two columns' title lines read as one) is 'Thứ trưởng'."""
    words = value.split()
    if len(words) % n == 0:
        k = len(words) // n
        chunks = {fold(" ".join(words[i:i + k])) for i in range(0, len(words), k)}
        if len(chunks) == 1:
            return title_case(" ".join(words[:k]))
    return None


def _rows_in_order(lines: list[Line]) -> list[Line]:
    """A title printed on one line that a skewed scan split into two rows read out of order ('ĐOÀN'
    over 'TRƯỞNG' for 'TRƯỞNG ĐOÀN'): the two rows joined as printed, when that order alone is a
    known title and the upper row alone is none, or is one word under which the lower row is no title
    and the two make a deputy's title ('TRƯỞNG' over 'PHÓ HIỆU' for 'PHÓ HIỆU TRƯỞNG': the signature's
    stroke crosses the deputy's line; a seal's 'TRƯỜNG' over 'HIỆU' makes no deputy)."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        a = lines[i]
        b = lines[i + 1] if i + 1 < len(lines) else None
        upper_alone = b is not None and (not is_title_line(a.text) or (
            len(a.text.strip(MARKS + " ").split()) == 1 and not is_title_line(b.text)
            and is_deputy(known_title(f"{b.text} {a.text}"))))
        if (b is not None and upper_alone and all(_short_caps(ln.text) for ln in (a, b))
                and known_title(f"{b.text} {a.text}") and not known_title(f"{a.text} {b.text}")):
            out.append(Line(f"{b.text.strip()} {a.text.strip()}", a.start, b.end, a.page))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _short_caps(text: str) -> bool:
    t = text.strip(MARKS + " ")
    return 0 < len(t.split()) <= 2 and mostly_upper(t)


def _is_rule(text: str) -> bool:
    """A printed rule ('_________'): the line under an issuing body's name, never in a signature block."""
    t = text.strip()
    return len(t) >= 5 and set(t) <= set("_-–—=")


def is_debris(text: str) -> bool:
    """A line of the seal or the signature read as marks ('ˆ 4', 'xé: :')."""
    return sum(c.isalpha() for c in text) < 3


def _authority(text: str) -> tuple[str, int] | None:
    """The authority prefix opening a line and where its title starts: as printed ('KT. ', 'T/M'), or a
    prefix OCR misread by one letter ('KÍ.GIÁM ĐỐC') when one prefix is nearest and a title follows."""
    f = fold(text)
    words = f.split(maxsplit=1)
    # the prefix as printed (data/markers.tsv), perhaps after a speck or stamp fragment ('TH TL. CHỦ TỊCH')
    skips = [0] + ([len(f) - len(words[1])] if len(words) == 2 and len(words[0]) <= 3 else [])
    for skip in skips:
        hit = markers.at_start("authority", f[skip:])
        code = _code(f[skip + hit.start:skip + hit.end]) if hit else ""
        if hit and text[skip + hit.end:].strip() and code in _authorities():  # not 'T1.' (a figure read for a letter)
            end = skip + hit.end
            return code, end + len(text[end:]) - len(text[end:].lstrip(" .:"))
    m = _PREFIX_LIKE.match(text)
    rest = text[m.end():] if m else ""
    if not m or not (_person_head(rest) or person_head_like(rest) or title_like(rest)):
        return None
    token = spaceless_key(m.group(1)).upper()
    near = [(Levenshtein.distance(token, a), a) for a in _authorities() if len(a) > 1]
    best = min(d for d, _ in near)
    nearest = [a for d, a in near if d == best]
    return (nearest[0], m.end()) if best == 1 and len(nearest) == 1 and len(token) >= 2 else None


def _code(prefix: str) -> str:
    """'kt.', 'k/t', 'KT' -> 'KT': an authority prefix as the record's authority writes it (before its dot)."""
    return prefix.upper().replace(".", "").replace("/", "")


@cache
def _authorities() -> frozenset[str]:
    """The authority prefixes of data/markers.tsv (NĐ 30/2020 Điều 13: TM., KT., TL., TUQ., Q.)."""
    return frozenset(_code(fold(m.phrase)) for m in markers.markers() if m.id == "authority")


def _block_fields(block: list[Line]) -> list[Candidate]:
    block = [ln for ln in block if not is_debris(ln.text)]
    cands: list[Candidate] = []
    auth = [(i, a) for i, ln in enumerate(block) if (a := _authority(ln.text))]
    if auth:
        outer = block[auth[0][0]]
        cands.append(Candidate("signer.authority", auth[0][1][0] + ".", outer.start, outer.end, "signature.prefix"))
    title_lines = block[auth[-1][0] + 1:] if auth else block
    if not auth and (deputy := _deputy_under_head(title_lines)):
        return deputy
    if title_lines:
        title = " ".join(_without_prefix(_without_specks(ln.text)) for ln in title_lines)
        if auth and _deputy_lost(block[auth[-1][0]].text, title):
            return cands + _title_from_authority(block[auth[-1][0]])
        cased = title_case(title)
        known = cased in heads_by_lower().values()
        like = None if known else title_like(title)  # a title that lost or changed letters under the seal
        if not known and not like and _garbled(cased):
            inferred = _title_from_authority(block[auth[-1][0]]) if auth else []
            return cands + (inferred or [_abstain("signer.title", title_lines, cased,
                                                  "the title lines read as marks and letters of no title")])
        cands.append(Candidate("signer.title", like or cased, title_lines[0].start, title_lines[-1].end,
                               "signature.title-like" if like else "signature.title-lines"))
    elif auth:
        inner = block[auth[-1][0]]
        cands += _own_title(inner) or _title_from_authority(inner)
    return cands


def _garbled(title: str) -> bool:
    """A title as read that holds the seal's or the signature's marks ('V*T. giám đọc', 'Ốc ă PL] giám
    đóc'): no title of the vocabulary, and no title of any body, is written with them; or a head's
    title after the one or two letters a prefix left ('PL chủ tịch'): whose title is under it is lost."""
    return any(not (c.isalpha() or c.isspace() or c in "-,") for c in title.strip(MARKS + " ")) or prefix_lost(title)


def _abstain(field: str, lines: list[Line], read: str, reason: str) -> Candidate:
    """A field left null, with what was read and why in its provenance: under any candidate read."""
    return Candidate(field, None, lines[0].start, lines[-1].end, "signature.abstained", 0.1,
                     extra={"abstained": True, "reason": reason, "candidate": read})


def _without_prefix(text: str) -> str:
    a = _authority(text)
    return text[a[1]:] if a else text


def _own_title(line: Line) -> list[Candidate]:
    """'KT.CHÁNH VĂN PHÒNG PHÓ CHÁNH VĂN PHÒNG': the prefix's line and the title line run together."""
    a = _authority(line.text)
    assert a
    end = a[1]
    rest = line.text[end:]
    at = fold(rest).find(f" {_deputy_folded()} ")
    if at < 0 or not _person_head(rest[:at]) and not person_head_like(rest[:at]):
        return []
    return [Candidate("signer.title", title_case(rest[at + 1:]), line.start + end + at + 1, line.end,
                      "signature.title-on-prefix-line")]


def _deputy_lost(authority_line: str, title: str) -> bool:
    """'KT. GIÁM ĐỐC' over 'GIÁM ĐỐC': the one signing for the head is never the head, so the title
    line lost its 'PHÓ' under the seal (OCR may misread a letter of either line: 'KT. GLAM ĐỌC')."""
    a = _authority(authority_line)
    return bool(a and a[0] == "KT" and fuzz.ratio(fold(authority_line[a[1]:]), fold(title)) >= 85)


def _deputy_under_head(lines: list[Line]) -> list[Candidate]:
    """'GIÁM ĐỐC' over 'PHÓ GIÁM ĐỐC' with no prefix read: the deputy signs for the head, so the prefix
    the seal or the hand covered ('KT', often written by hand) is KT. (NĐ 30/2020 Điều 13). The head's
    title over itself ('-T, GIÁM ĐÓC' over 'GIÁM ĐỐC') is the same block with the 'PHÓ' lost too: only
    KT. stacks a head's title over a title of that head (TM. names a body, TL. another officer).
    Abstains unless the first line ends in a head's title and the lines under it are that head's
    deputy or that head."""
    if len(lines) < 2:
        return []
    head = _head_at_end(lines[0].text)
    if head is None:
        return []
    rest = " ".join(_without_specks(ln.text) for ln in lines[1:]).strip(MARKS + " ")
    cased = title_case(rest)
    title = cased if cased in heads_by_lower().values() else title_like(rest)
    deputy = deputy_of(head)
    if title is None or fold(title) not in (fold(deputy), fold(head)):
        return []
    first = lines[0]
    reason = ("a deputy's title under the head's: signed KT. (ký thay)" if fold(title) == fold(deputy) else
              f"the head's title twice: the lower lost its '{deputy_word()}' under the seal, signed KT. (ký thay)")
    return [Candidate("signer.authority", "KT.", first.start, first.end, "signature.deputy-under-head", 0.6,
                      extra={"inferred": True, "reason": reason}),
            Candidate("signer.title", deputy, lines[1].start, lines[-1].end, "signature.deputy-under-head",
                      extra={} if fold(title) == fold(deputy) else {"inferred": True, "reason": reason})]


def _head_at_end(text: str) -> str | None:
    """The head's title a line ends in, as printed or with a letter misread ('_R GIÁM ĐÓC', 'Kê L GIÁM ĐÓC')."""
    letters = letters_key(text)
    heads = [(fh, h) for fh, h in heads_letters().items() if not fh.startswith(_deputy_folded() + " ")]
    exact = [h for fh, h in heads if letters == fh or letters.endswith(" " + fh)]
    if exact:
        return max(exact, key=len)
    words = letters.split()
    for n in (3, 2):  # the line's last words, nearest to one head's
        if len(words) >= n and (h := person_head_like(" ".join(words[-n:]))) and not fold(h).startswith(_deputy_folded() + " "):
            return h
    return None


def _title_from_authority(line: Line) -> list[Candidate]:
    """No title line under the prefix (lost under the seal, or never printed). 'KT. CHỦ TỊCH' is signed by
    a deputy (NĐ 30/2020 Điều 13): Phó Chủ tịch; 'TM. …', 'TL. …' (signed by another officer) name none."""
    a = _authority(line.text)
    assert a
    head = _person_head(line.text[a[1]:]) or person_head_like(line.text[a[1]:])
    if a[0] == "KT" and head:
        return [Candidate("signer.title", title_case(deputy_of(head)), line.start, line.end,
                          "signature.deputy-of-prefix", 0.6, extra={"inferred": True,
                          "reason": "KT. (ký thay) is signed by the deputy of the named head"})]
    return []


@cache
def _deputy_folded() -> str:
    return fold(deputy_word())


def _person_head(text: str) -> str | None:
    f = fold(text.strip())
    heads = [h for h, fh in zip(vocab.person_heads(), folded_person_heads(), strict=True) if f.startswith(fh)]
    return max(heads, key=len) if heads else None


def title_as_read(text: str) -> str | None:
    """A title line in capitals that a reader set without its spaces or with a letter changed
    ('KGIÁMDÓC', 'PHOGLAMDOC', 'PHO CAM DOC'), set again as the one known title its letters are
    nearest to, after the one or two letters a hand-written prefix left ('K GIÁM ĐỐC'); None when
    the line is no such title or two titles are as near."""
    t = text.strip(MARKS + " ")
    if not t or len(t) > 40 or not mostly_upper(t) or is_title_line(t):
        return None
    letters = spaceless_key(t)
    if len(letters) < 5 or letters in shared_spaceless():
        return None  # 'THU TRUONG': Thủ trưởng or Thứ trưởng
    titles = heads_spaceless()
    for k, h in titles.items():  # the title whole at the line's end, after a prefix's letters
        if letters.endswith(k) and len(letters) - len(k) <= 2:
            lost = letters[:len(letters) - len(k)].upper()
            return f"{lost} {h.upper()}".strip() if len(k) >= 5 else None
    # a head's title with a letter misread at the line's end, after a prefix's two letters ('KTGIÁM DQC')
    ends = {h for k, h in titles.items() if len(k) >= 7 and not k.startswith(_deputy_folded()) and len(letters) - len(k) == 2
            and Levenshtein.distance(letters[-len(k):], k) == 1}
    if len(ends) == 1:
        h = ends.pop()
        return f"{letters[:2].upper()} {h.upper()}"
    scored = sorted(((fuzz.ratio(letters, k), h) for k, h in titles.items()), reverse=True)
    if scored[0][0] < 80 or len(scored) > 1 and scored[0][0] - scored[1][0] < 8:
        return None
    return scored[0][1].upper()


def prefix_lost(text: str) -> bool:
    """A head's title after one or two stray letters ('KGIÁM DÓC', 'C GIÁM ĐỐC'): what is left of a
    prefix written by hand ('KT.'), so the line is the prefix's, and whose title is under it is not known."""
    letters = spaceless_key(text)
    return _authority(text) is None and any(
        letters.endswith(k) and 1 <= len(letters) - len(k) <= 2 and not k.startswith(_deputy_folded())
        for k in heads_spaceless() if len(k) >= 5)
