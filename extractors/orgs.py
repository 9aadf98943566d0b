"""Organisation names: recognising heads, casing, canonical forms, coordinated lists.

Relative names ("Ủy ban nhân dân đặc khu") are kept as printed; canonical forms expand
abbreviations (UBND -> Ủy ban nhân dân) so aliases meet in the graph.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

from rapidfuzz import fuzz

from . import vocab
from .base import BULLETS
from .structure.from_text import mostly_upper
from .text import fold, name_key, normalize_text, sentence_case, tone_style


@cache
def _expansions() -> dict[str, str]:
    """Abbreviation -> the words it stands for (data/expansions.tsv)."""
    return {short: full for short, full in vocab.rows("expansions.tsv")}


@cache
def _head_exceptions() -> tuple[tuple[str, bool], ...]:
    """Each exception and whether it is written with its tones ('cực kỳ', extremely, is not 'Cục Kỹ
    thuật'): such an entry matches the text's lower case with its tones, an accent-free one its folded form."""
    return tuple((tone_style(e).lower(), fold(e) != e) for e in vocab.lines("head_exceptions.txt"))


@cache
def _kinds() -> tuple[tuple[str, str], ...]:
    """(folded canonical head, canonical head), longest first."""
    heads = {fold(canonical(h)): canonical(h) for h in vocab.org_heads()}
    return tuple(sorted(heads.items(), key=lambda kv: -len(kv[0])))


@lru_cache(maxsize=16384)  # a pure function of the name, asked of the same names by several extractors
def org_kind(name: str) -> str | None:
    """The class of body a name opens with ('Sở', 'Ủy ban nhân dân', 'Ban Chỉ đạo'), for grouping."""
    f = fold(canonical(name))
    for folded_head, head in _kinds():
        if f.startswith(folded_head) and (len(f) == len(folded_head) or not f[len(folded_head)].isalnum()):
            return head
    return None


@cache
def _head_re() -> re.Pattern[str]:
    return re.compile(r"(?:cac\s+)?(?:" + vocab.folded_alternation("org") + r"|" + vocab.folded_alternation("person") + r")(?![^\W\d_])")


@cache
def _title_re() -> re.Pattern[str]:
    """An official's title over lower-cased text, tone marks kept ('trưởng' is a title, 'trường' a school)."""
    titles = sorted({normalize_text(t).lower() for t in vocab.person_heads()}, key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(re.escape(t) for t in titles) + r")(?![^\W\d_])")


@lru_cache(maxsize=8192)  # the one writer asks it of every recipient; an archive names the same bodies again and again
def starts_with_head(text: str) -> bool:
    """True when text opens with the head of a body ("Sở …", "UBND …", "Các phòng …")."""
    f = fold(text.strip())
    toned = tone_style(text.strip()).lower()
    if any((toned if marked else f).startswith(e) for e, marked in _head_exceptions()):
        return False
    if not _head_re().match(f):
        return False
    # 'Số và ký hiệu', 'Phông chữ', 'Các số liệu' fold as 'Sở', 'Phòng', 'Các sở' do, and are no body
    words = [tone_style(w).lower().strip(",.;:") for w in text.split()[:2]]
    first = words[1] if len(words) > 1 and plural_head(fold(words[0])) else words[0] if words else ""
    return first not in _not_heads()


def plural_head(folded: str) -> re.Match[str] | None:
    """The 'các' that opens a class of bodies in folded text ('cac phong …'): the task shape plural_head of
    data/task_shapes.tsv, the one test of it."""
    from .articles import shape  # articles reads this module

    return shape("plural_head").match(folded)


@cache
def _not_heads() -> frozenset[str]:
    return frozenset(tone_style(w).lower() for w in vocab.lines("not_heads.txt"))


def as_printed_in(name: str, text: str, folded: str) -> str | None:
    """`name` as `text` prints it in running prose: a header line read in capitals or by OCR
    ('SỞ Y TẾ' cased 'Sở y tế', 'Sở y tẻ') is spelled in the body with its proper capitals and
    accents ('Sở Y tế'). The first whole-word match of its accent-free form that opens with a
    capital and is not itself in capitals; None when the text never prints it so."""
    words = fold(name).split()
    if len(words) < 2:
        return None
    for m in re.finditer(r"(?<![^\W_])" + r"\s+".join(map(re.escape, words)) + r"(?![^\W_])", folded):
        found = " ".join(text[m.start():m.end()].split())
        if found[:1].isupper() and not mostly_upper(found):
            return found
    return None


def org_case(text: str) -> str:
    """Sentence case for an upper-case header line, with heads and place names capitalised."""
    text = normalize_text(re.sub(r"\s+", " ", text).strip(" ,;:.*-–"))
    if sum(c.isupper() for c in text) < 0.6 * sum(c.isalpha() for c in text):
        return text
    out = sentence_case(text, keep=frozenset(_expansions()))
    out = _capitalise_heads(out)
    return _title_after_levels(out)


@cache
def _cased_heads() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The multi-word heads with a capital after their first word, longest first, each with its folded
    pattern (compiled once: a document's names are cased against every one)."""
    return tuple((head, re.compile(r"(?<![^\W\d_])" + re.escape(fold(head)) + r"(?![^\W\d_])"))
                 for head in sorted(vocab.org_heads(), key=len, reverse=True)
                 if " " in head and any(w[0].isupper() for w in head.split()[1:]))


def _capitalise_heads(text: str) -> str:
    """Give multi-word heads their printed casing ("Ban Chỉ đạo", "Ủy ban Mặt trận Tổ quốc")."""
    f = fold(text)
    covered: list[tuple[int, int]] = []
    for head, pattern in _cased_heads():
        for m in pattern.finditer(f):
            if any(a < m.end() and m.start() < b for a, b in covered):
                continue
            if text[m.start():m.end()].lower() == head.lower():
                text = text[:m.start()] + head + text[m.end():]
                covered.append((m.start(), m.end()))
    return text[:1].upper() + text[1:]


@cache
def _level_re() -> re.Pattern[str]:
    """A level word and the place name after it at the end of a name: the administrative levels of data/places.txt
    (its lower-case entries of one or two words) and the level Party committees of data/org_heads.txt ('Tỉnh ủy')."""
    levels = {p for p in vocab.lines("places.txt") if p[:1].islower() and len(p.split()) <= 2}
    committees = {h.lower() for h in vocab.lines("org_heads.txt") if len(h.split()) == 2 and fold(h).endswith(" uy")
                  and fold(h.split()[0]) in {fold(p) for p in levels} | {fold(p.split()[0]) for p in levels}}
    alternation = "|".join(map(re.escape, sorted(levels | committees, key=len, reverse=True)))
    return re.compile(r"(?<!\w)(" + alternation + r")\s+((?:[^\s,;()]+\s*){1,4})$", re.I)


def _title_after_levels(text: str) -> str:
    m = _level_re().search(text)
    if not m:
        return text
    words = m.group(2).split()
    if any(fold(w) in ("ve", "va", "cua", "thuoc") for w in words):
        return text
    titled = " ".join(w[:1].upper() + w[1:] for w in words)
    return text[: m.start(2)] + titled


@lru_cache(maxsize=16384)
def canonical(name: str) -> str:
    """Expanded, tone-normalised form used for identity and alias matching."""
    name = normalize_text(re.sub(r"\s+", " ", name).strip(" ,;:.-–"))
    words = [_expansions().get(w, w) for w in name.split()]
    return " ".join(words)


@lru_cache(maxsize=8192)  # a body's identity key, asked for the same few hundred names by every document stored
def folded_key(name: str) -> str:
    return name_key(canonical(name))


@cache
def _organ_prefixes() -> tuple[tuple[str, ...], ...]:
    keys = {tuple(folded_key(p).split()) for p in vocab.lines("organ_prefixes.txt")}
    return tuple(sorted(keys, key=len, reverse=True))


def _body_words(name: str) -> list[str]:
    words = folded_key(name).split()
    for prefix in _organ_prefixes():
        if tuple(words[:len(prefix)]) == prefix and len(words) > len(prefix):
            return words[len(prefix):]
    return words


def same_issuer(a: str, b: str, parent_a: str | None = None, parent_b: str | None = None) -> bool:
    """Can two printed issuer names be one body?

    A citation names a body shortly ("Ban Chỉ đạo tỉnh", "Ban Thường vụ Tỉnh ủy", "UBND tỉnh")
    where the header gives it whole, with its parent ("Ban Chỉ đạo về phát triển … " under
    "Đảng bộ tỉnh Bình An"). They can be one when both start with the same head word and every
    word of one occurs in the other or its parent, or when they differ only by reading noise.
    'UBND tỉnh Bình An' and 'UBND tỉnh Hòa Phú' cannot; nor 'Ủy ban nhân dân' and 'Văn phòng
    Ủy ban nhân dân tỉnh'.
    """
    wa, wb = _body_words(a), _body_words(b)
    if not wa or not wb:
        return True
    if wa[0] == wb[0]:
        ca = set(wa) | set(folded_key(parent_a).split() if parent_a else ())
        cb = set(wb) | set(folded_key(parent_b).split() if parent_b else ())
        if set(wa) <= cb or set(wb) <= ca:
            return True
    return fuzz.ratio(" ".join(wa), " ".join(wb)) >= 90


_PLACE_TAIL = re.compile(r"(?<!các)(?<!những)(?<!,)\s+((?:tỉnh|huyện|quận|thị xã|thành phố|xã|phường|đặc khu|Trung ương)(?:\s+[A-ZĐ][^\s,;]*)*)$")


@cache
def _joint_heads() -> tuple[str, ...]:
    return tuple(fold(h) + " " for h in vocab.lines("joint_heads.txt"))


def joins_bodies(unit: str) -> bool:
    """Whether the name goes on after 'và' ('Văn phòng HĐND và UBND huyện' is one office, and so is its head's title
    'Chánh Văn phòng HĐND và UBND phường'): the joint head, or an official's title ending in it, then the first of the
    bodies it serves, placed by the last ('Văn phòng UBND tỉnh và Sở Y tế', 'Chánh Văn phòng UBND tỉnh và Giám đốc
    Sở …' are two)."""
    words, folded = unit.split(), fold(unit).split()
    heads = [h.split() for h in _joint_heads()]
    at = 0
    if title := _title_re().match(normalize_text(unit).lower()):
        n = len(title.group(0).split())
        at = next((n - len(h) for h in heads if folded[max(0, n - len(h)):n] == h), 0)  # 'Chánh | Văn phòng'
    head = next((h for h in heads if folded[at:at + len(h)] == h), None)
    served = " ".join(words[at + len(head):]) if head else ""
    return bool(served) and not _placed().search(tone_style(served).lower())


@cache
def _placed() -> re.Pattern[str]:
    """A place level in lower-cased text, tones kept ('tỉnh', 'quận', not 'quản'): the body before it is placed."""
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(re.escape(tone_style(lv).lower()) for lv in vocab.place_levels())
                      + r")(?![^\W\d_])")


def capitalised(unit: str) -> str:
    """A body's name as a list item gives it: without its bullet, its first letter capital."""
    unit = unit.strip(BULLETS + " ")
    return unit[:1].upper() + unit[1:]


def split_coordinated(text: str) -> list[str]:
    """'Hội đồng nhân dân, Ủy ban nhân dân, Ủy ban MTTQ đặc khu' -> three bodies, each with the tail.

    Splits where the next conjunct opens with a capitalised head, so 'Sở Khoa học và Công nghệ' and
    'các sở, ban, ngành' stay whole, where a class follows 'và' ('… tỉnh và các tổ chức, đoàn thể')
    or a list of classes goes on ('Các phòng …, các trường …'), where a class named by a capitalised head
    follows a comma ('Thường trực HĐND tỉnh, các Ban của HĐND tỉnh'), and where an official's title follows
    a comma, capitalised or not ('Chánh Văn phòng, trưởng các phòng …'): no name goes on with one.
    """
    # 'Bộ Chỉ huy Quân sự tỉnh/Ban Chỉ huy Bộ đội Biên phòng tỉnh': a slash joins bodies too
    pieces = re.split(r"(\s*(?:,|;|\bvà\b|/(?=\s*[A-ZĐ]))\s*)", text.strip())
    units: list[str] = [pieces[0]]
    of_classes = plural_head(fold(text.strip())) is not None  # 'Các phòng …, các trường …': one class each
    for sep, p in zip(pieces[1::2], pieces[2::2], strict=False):
        if sep.strip() == "và" and joins_bodies(units[-1]):
            units[-1] += sep + p
        elif of_classes and "," in sep and _only_heads(p):
            units[-1] += sep + p  # 'Các Khoa, Phòng ban': heads alone go on with the class
        elif p and (p[0].isupper() and starts_with_head(p) or p.startswith("các ") and (of_classes or sep.strip() == "và"
                                                                                     or p[4:5].isupper() and starts_with_head(p[4:]))
                    or sep.strip() == "," and _title_re().match(normalize_text(p).lower()) and len(p.split()) > 2
                    or sep.strip() == "," and not of_classes and related_group(p) and not _ends_in_class(units[-1])):
            units.append(p[:1].upper() + p[1:])
        else:
            units[-1] += sep + p
    units = [u.strip(" ,;") for u in units if u.strip(" ,;")]
    if len(units) > 1:
        tail = _PLACE_TAIL.search(units[-1])
        if tail:
            units = [f"{u} {tail.group(1)}" if _bare_head(u) else u for u in units[:-1]] + [units[-1]]
    if len(units) > 1 and (tail := _CLASS_TAIL.search(units[-1])) and tail.group(1).islower() \
            and _title_re().match(normalize_text(units[-1]).lower()):
        units = [f"{u} {tail.group(1)}" if _unplaced_board(u) else u for u in units[:-1]] + [units[-1]]
    return [m for u in units for m in _class_members(u)]


# the class of bodies an official's title ends with ('Tổng giám đốc các tổ chức tín dụng')
_CLASS_TAIL = re.compile(r"\s((?:các|những)\s+[^\W\d_]+(?:\s+[^\W\d_]+){0,4})$")


def _unplaced_board(unit: str) -> bool:
    """An official's title over a board named by its head and lower-case words ('Chủ tịch Hội đồng quản trị'),
    which takes the class the list's last title ends with ('…, Tổng giám đốc các tổ chức tín dụng'): a board of each of
    them. A title alone ('Chánh Văn phòng'), over a bare head ('Chánh Văn phòng Sở') or a named body ('Giám đốc Sở Tài
    chính') is whole."""
    title = _title_re().match(normalize_text(unit).lower())
    rest = unit[title.end():].strip() if title else ""
    kind = org_kind(rest) if rest else None
    if not kind or plural_head(fold(rest)):
        return False
    words = rest.split()[len(canonical(kind).split()):]
    return bool(words) and all(w[:1].islower() and fold(w) not in ("cac", "nhung") for w in words) \
        and not _placed().search(tone_style(rest).lower())


@cache
def group_words() -> tuple[str, ...]:
    """Folded class words that name a group of bodies (data/group_words.txt: 'cơ quan', 'đơn vị', 'cá nhân' …)."""
    return tuple(fold(w) for w in vocab.lines("group_words.txt"))


@cache
def class_words() -> frozenset[str]:
    """Folded class words that stand bare in a list of classes ('các Sở, ban, ngành'): the group words and
    data/bare_class_words.txt ('ban', a head only with its name). Callers add the one-word heads they read."""
    return frozenset(set(group_words()) | {fold(w) for w in vocab.lines("bare_class_words.txt")})


def related_group(piece: str) -> bool:
    """'các đơn vị có liên quan', 'cá nhân có liên quan': a group of the bodies concerned, which a list names after
    its named ones ('Trưởng phòng Quản lý công nghiệp, cá nhân có liên quan' are two), never a part of their name."""
    f = fold(piece).strip()
    f = f[m.end():] if (m := plural_head(f)) else f
    return f.startswith(group_words()) and f.endswith("lien quan")


def _ends_in_class(unit: str) -> bool:
    """'Thủ trưởng các cơ quan', 'Tổ chức': a list of classes, which the next class word goes on ('…, đơn vị có liên
    quan'); 'Trưởng phòng Quản lý công nghiệp' ends in its own name."""
    f = fold(unit).strip()
    words = {h for h, _ in _kinds() if " " not in h} | class_words()
    if any(f == w or f" {f}".endswith(" cac " + w) for w in words):
        return True
    listed = f" {f}".rpartition(" cac ")  # 'các cơ quan, tổ chức, đơn vị': a list of class words after its 'các'
    return bool(listed[1]) and all(p.strip() in words for p in re.split(r",|\bva\b", listed[2]))


def _class_members(unit: str) -> list[str]:
    """'Giám đốc các Sở: Thông tin và Truyền thông, Tài chính' -> 'Giám đốc Sở Thông tin và Truyền
    thông', 'Giám đốc Sở Tài chính': a class named by its head, then its members after ':'. Members
    part at commas only ('Khoa học và Công nghệ' is one Sở)."""
    left, colon, members = unit.partition(":")
    words = _unaddressed(left).split()
    if not colon or len(words) < 2:
        return [unit]
    head = words[-1]  # a head ('các Sở: …') or a place level ('UBND các phường: Yên Bái, Văn Phú')
    if not any(fold(head) == h for h, _ in _kinds()) and fold(head) not in {fold(lv) for lv in vocab.place_levels()}:
        return [unit]
    if fold(words[-2]) in ("cac", "nhung"):
        pre = " ".join(words[:-2])
    elif _title_re().fullmatch(normalize_text(" ".join(words[:-1])).lower()) and not _names_person(members):
        pre = " ".join(words[:-1])  # an official's title over the bodies of a class ('Trưởng phòng: Tổ chức, Đào tạo')
    else:
        return [unit]
    out = [f"{pre} {head} {m.strip()}".strip() for m in members.split(",") if m.strip()]
    return [capitalised(m) for m in out] or [unit]


def _names_person(members: str) -> bool:
    """'Trưởng phòng: Nguyễn Văn A': a person holds the title, no class of bodies follows it."""
    words = members.split(",")[0].split()
    return len(words) >= 2 and words[0] in vocab.surnames() and all(w[:1].isupper() for w in words)  # noqa: PLR2004


def _unaddressed(text: str) -> str:
    """The words after a form of address ('Các Ông, Bà Trưởng phòng' is 'Trưởng phòng'; data: honorifics)."""
    words = text.split()
    k = 0
    while k < len(words) and fold(words[k].strip(",()/")) in {"cac", *map(fold, vocab.honorifics())}:
        k += 1
    return " ".join(words[k:]) if any(fold(w.strip(",()/")) in map(fold, vocab.honorifics()) for w in words[:k]) else text


def _only_heads(unit: str) -> bool:
    """Words that are each a one-word head and nothing more ('Phòng ban', 'Ngành'): a class, no body."""
    singles = {h for h, _ in _kinds() if " " not in h}
    words = fold(unit).split()
    return bool(words) and all(w in singles for w in words)


def _bare_head(unit: str) -> bool:
    """A body named by its head alone ('Hội đồng nhân dân, Ủy ban nhân dân … đặc khu'), which takes the
    place the list ends with; 'Sở Tài chính, Kho bạc Nhà nước tỉnh' names two whole bodies."""
    f = fold(canonical(unit))
    return f.split()[0] not in _level_words() and any(f == head for head, _ in _kinds())


@cache
def _level_words() -> frozenset[str]:
    """The first words of the place levels: 'Tỉnh đoàn' names its level already."""
    return frozenset(fold(lv).split()[0] for lv in vocab.place_levels())


CLASS_LABEL_WORDS = 6  # 'Các Chi nhánh cấp nước': 'các', a head and the words of its kind


def class_head(label: str) -> str | None:
    """The head a class label names its bodies by ('Các sở' -> 'Sở', 'Các Chi nhánh cấp nước'), capitalised, or None:
    the label over a class's members after its colon ('Các sở: Tư pháp, Nội vụ …')."""
    words = label.split()
    if not 2 <= len(words) <= CLASS_LABEL_WORDS or not plural_head(fold(words[0])):  # noqa: PLR2004
        return None
    head = capitalised(" ".join(words[1:]))
    return head if starts_with_head(head) else None
