"""The dispatch tree from normalised text: the zones by the form's markers and line order.

The reader keeps the header's two blocks as lines (a text layer interleaves the columns, the
layout stage puts them one above the other) and the foot's Nơi nhận before the signature, so the
zones follow from where the markers stand.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from rapidfuzz.distance import Levenshtein

from .. import vocab
from ..base import BULLETS, DocText, Line
from ..signer_name import folded_person_heads, read_name
from ..text import fold
from . import items, markers, sentences, stamps
from .tree import Dispatch, Zone

HEADER_LINES = 30  # the header is within the first lines
NATIONAL_LINES = 20  # ... and the Quốc hiệu and motto within these
TITLE_LETTERS = 5  # a title in the signature block has this many letters at least
FOOT_LINES = 60  # a foot without its Nơi nhận is within the last lines
# The place-and-date line's 'ngày … tháng' (the day handwritten, blank or debris), or a line ending
# in 'ngày' (the day stands apart); matched without blanks, as a text layer splits words.
_DATE_LINE = re.compile(r"ngay\S{0,4}thang|ngay$")


def build(doc: DocText) -> Dispatch:
    doc, printed = stamps.masked(doc)  # a stamp's figures and words are no zone's
    lines = doc.lines
    spans = [(ln.start, ln.end) for ln in lines]
    header_end = _header_end(doc, lines[:HEADER_LINES])
    header = _zone("header", lines[:header_end])
    nn, attached_at = _foot(doc, lines)
    after_foot = [ln for ln in lines if ln.start > nn.end] if nn else [
        ln for ln in lines if attached_at is not None and ln.start >= attached_at]
    attachments = _attachments(doc, after_foot, _opened_after(doc, after_foot, nn, attached_at))
    foot_end = attachments[0].start if attachments else len(doc.text)
    # an attached text's Kính gửi (a form's, an appendix's quoted one) is its own
    kg = markers.find("kinh_gui", doc.folded, [s for s in spans if s[1] <= foot_end]) or _telegram(doc, lines, header_end)
    salutation = None
    if kg:
        end = nn.start if nn and nn.start > kg.end else len(doc.text)
        salutation = Zone("salutation", kg.end, end, tuple(ln for ln in lines if kg.end < ln.end <= end), kg)
    body_start = kg.end if kg else 0  # a Quyết định's items may stand among lines the header took
    body_end = nn.start if nn and nn.start >= body_start else foot_end
    body = Zone("body", body_start, body_end, tuple(ln for ln in lines if ln.end > body_start and ln.start < body_end))
    signature = _signature(doc, [ln for ln in lines if ln.start < foot_end], nn)
    copies = None
    if nn:
        # to the signature, else to the end of the page (a text that follows is not a list of copies)
        page = [ln for ln in lines if nn.end < ln.end <= foot_end and ln.page == doc.page_of(nn.start)]
        end = signature.start if signature and signature.start > nn.end else page[-1].end if page else nn.end
        copies = Zone("foot.copies", nn.end, end, tuple(ln for ln in page if ln.end <= end), nn)
    left, right, heading = _columns(doc, header.lines)
    unheaded = None if nn else _list_above_luu(doc, foot_end)
    body_items, body_sentences = _items_and_sentences(doc, body)
    attached = [_items_and_sentences(doc, z) for z in attachments]
    return Dispatch(doc, header, _national_end(doc, lines[:NATIONAL_LINES]), salutation, body, copies,
                    foot_end, attachments, body_items=body_items,
                    attachment_items=tuple(its for its, _ in attached),
                    header_left=left, header_right=right, heading=heading, signature=signature, stamps=printed,
                    unheaded_copies=unheaded, sentences=body_sentences,
                    attachment_sentences=tuple(said for _, said in attached))


def _items_and_sentences(doc: DocText, zone: Zone) -> tuple[tuple[items.Item, ...], tuple[sentences.Sentence, ...]]:
    """A zone's items and sentences (the body's, each attachment's): split once, cut at the items' markers."""
    said = sentences.split(doc, zone.start, zone.end)
    built = items.build(doc, zone.start, zone.end, said)
    return built, sentences.at_items(doc, said, items.walk(built))


def _telegram(doc: DocText, lines: Sequence[Line], header_end: int) -> markers.Hit | None:
    """A Công điện's salutation: the line that opens its body ends with the sender's 'điện:' ('THỦ TƯỚNG
    CHÍNH PHỦ điện:', marker dien_gui) and its addressees follow, as a Kính gửi's do. Only there: a line
    of the body may end so ('… các dự án thủy điện:')."""
    if header_end >= len(lines):
        return None
    ln = lines[header_end]
    hit = markers.find("dien_gui", doc.folded, [(ln.start, ln.end)])
    return hit if hit and _sender_line("dien_gui", doc.folded[ln.start:ln.end], ln.text) else None


def _columns(doc: DocText, lines: tuple[Line, ...]) -> tuple[Zone | None, Zone | None, Zone | None]:
    """The header's left block (issuing body, Số, V/v), its right block (Quốc hiệu or Party heading,
    motto, place and date) and the heading below them (the type heading and trích yếu, to the body).
    A line holding the right block's fixed words is cut where they (or the date line's place) start
    (`split`). Where the reader set the blocks apart (an empty line above the right block's first
    line: a page laid out from its word boxes), every line from there to its date line is the right
    block's, and the lines below it (not cut: a date there is cited) are the heading from the type
    heading on. Otherwise the text interleaves the columns line by line (a text layer, a .docx
    table): only the lines holding those words are the right block's, the heading opens at the type
    heading, and every other line is the left block's."""
    first = next((i for i, ln in enumerate(lines) if right_block_at(fold(ln.text)) is not None), None)
    titled = next((i for i, ln in enumerate(lines) if _heads(ln.text)), len(lines))
    if first is None or titled < first:  # no right block above the heading: an appendix, a bare text
        return (_zone("header.left", lines[:titled]) if lines[:titled] else None, None,
                _zone("heading", lines[titled:]) if lines[titled:] else None)
    opens = first
    while opens > 0 and not doc.paragraph_between(lines[opens - 1].end, lines[opens].start):
        opens -= 1
    left: list[Line] = []
    right: list[Line] = []
    if opens > 0 and _one_block(doc, lines[opens:]):
        end = right_block_end([ln.text for ln in lines[opens:]]) + 1
        left = list(lines[:opens])
        for ln in lines[opens:opens + end]:
            head, tail = split(ln)
            left += [head] if head and tail else []
            right += [tail or ln]
        right += lines[opens + end:]  # below the date line no line is cut: a date there is cited
        below = right[end:]
        at = heading_at([ln.text for ln in below])
        left += below[:at]
        return (_zone("header.left", left) if left else None, _zone("header.right", right[:end]) if end else None,
                _zone("heading", below[at:]) if below[at:] else None)
    for ln in lines[:titled]:
        head, tail = split(ln)
        left += [head] if head else []
        right += [tail] if tail else []
    return (_zone("header.left", left) if left else None, _zone("header.right", right) if right else None,
            _zone("heading", lines[titled:]) if lines[titled:] else None)


def _one_block(doc: DocText, lines: tuple[Line, ...]) -> bool:
    """Whether the lines from the right block's first to its date line are one run of the right
    column: no empty line among them, and no line of the left block's own (Số, V/v). A .docx table
    puts an empty line between a row's cells, so its left cells fall among the right block's."""
    end = right_block_end([ln.text for ln in lines]) + 1
    run = lines[:end]
    return not any(doc.paragraph_between(a.end, b.start) for a, b in zip(run, run[1:], strict=False)) and not any(
        so_end(f := fold(ln.text)) is not None or vv_end(f) is not None for ln in run)


def heading_at(texts: list[str]) -> int:
    """Index of the type heading among the lines below the header's right block (their count: none).
    What stands above it there is the left block's, printed lower than the date line (a V/v below
    it, or a heading the vocabulary does not name, with its 'Về việc' under it)."""
    return next((i for i, t in enumerate(texts) if _heads(t)), len(texts))


def split(ln: Line) -> tuple[Line | None, Line | None]:
    """A header line as its left block's part and its right block's (None: no such part): the right
    block's part starts at its fixed words, or at the place before a date line's 'ngày' (`place_start`);
    a line without them is the left block's. Blanks at the cut are dropped."""
    at = right_block_at(fold(ln.text))
    cut = len(ln.text) if at is None else place_start(ln.text, at)
    head, tail = ln.text[:cut].rstrip(), ln.text[cut:].lstrip()
    return (Line(head, ln.start, ln.start + len(head), ln.page) if head else None,
            Line(tail, ln.end - len(tail), ln.end, ln.page) if tail else None)


def _heads(text: str) -> bool:
    """A type heading that names the text ('KẾ HOẠCH'; not the bare 'VĂN BẢN')."""
    name = type_heading(text)
    return name is not None and name != vocab.generic_type()


# OCR marks after the place's comma ('Minh, lu ngày')
MARKS_BEFORE_NGAY = re.compile(r",(?:\s+[^\W\d_A-ZĐ]{1,2})+\s*$")


_GAP = re.compile(r"  |\t")


def place_start(text: str, at: int) -> int:
    """Where the right block starts in a line whose right block starts at `at`: before a place-and-date
    line's 'ngày', the start of its place name (capitalised words back to a comma or a column gap)."""
    if date_line(fold(text)) != at:
        return at
    head = MARKS_BEFORE_NGAY.sub("", text[:at]).rstrip(" ,")
    start = len(head)
    for w in reversed(list(re.finditer(r"\S+", head))):
        token = w.group(0)
        if token.endswith(",") and start != len(head) or start != len(head) and _GAP.search(head, w.end(), start):
            break  # the place's words stand together: a column gap parts them from the left block
        bare = token.strip(",")
        if len(bare) == 1 and not bare.isupper():  # a speck read as a letter
            continue
        if not (bare[:1].isupper() or fold(bare) in ("pho", "tp.")) or (len(bare) > 3 and bare.isupper()):
            break
        start = w.start()
        if token.endswith(","):
            break
    return start


def right_block_end(texts: list[str]) -> int:
    """Index of the header's right block's last line among lines from its first: its place-and-date
    line, else its last line with the Quốc hiệu, the Party heading or the motto (-1: none)."""
    folded = [fold(t) for t in texts]
    at = next((i for i, f in enumerate(folded) if date_line(f) is not None), None)
    if at is not None:
        return at
    return max((i for i, f in enumerate(folded) if right_block_at(f) is not None), default=-1)


def _signature(doc: DocText, lines: list[Line], nn: markers.Hit | None) -> Zone | None:
    """The foot's signature block, to the end of its page: after the Nơi nhận list, from the first
    line that opens with an authority prefix (TM., KT. …), stands after an empty line (the reader puts
    one between the foot's blocks) or is a title in capitals, unless the line above goes on to it (ends in ','). Without a Nơi nhận, or with none of
    those after it (a joint text's signers stand above its Nơi nhận), from the last authority prefix
    among the last lines above."""
    at = None
    if nn:
        after = [ln for ln in lines if ln.start >= nn.end and ln.page == doc.page_of(nn.start)]
        at = next((i for i, ln in enumerate(after) if i and (
            markers.at_start("authority", fold(ln.text))
            or (doc.paragraph_between(after[i - 1].end, ln.start) or _title(ln.text)) and not _kept_copy(ln.text)
            and not after[i - 1].text.rstrip().endswith(","))), None)  # a list item ending in ',' goes on ('… Bình,' / 'các Vụ: …')
        if at is None:  # the seal hid the titles: the block is the name left under the list
            at = next((i for i, ln in enumerate(after) if i and _name_like(ln.text)), None)
    if at is None:
        after = [ln for ln in lines if not nn or ln.end <= nn.start][-FOOT_LINES:]
        at = next((i for i in range(len(after) - 1, -1, -1) if markers.at_start("authority", fold(after[i].text))),
                  None)
    if at is None:
        return None
    return _zone("foot.signature", [ln for ln in after[at:] if ln.page == after[at].page])


def _kept_copy(text: str) -> bool:
    """The list's 'Lưu: VT, …' line (marker luu), specks before it or not ('_~ Lưu: HC-TH, TC-CT.', in capitals
    like a title, or past an empty line): the copies' own."""
    return markers.at_start("luu", fold(text)) is not None


@cache
def _clerks_copy() -> re.Pattern[str]:
    """'- Lưu: VT, KGVX.': the copies' last line, the clerk's copy (văn thư, NĐ 30/2020 Phụ lục I), its colon
    perhaps lost; the word is the luu marker's (data/markers.tsv)."""
    word = next(m.folded for m in markers.markers() if m.id == "luu").rstrip(":")
    return re.compile(rf"^[{re.escape(BULLETS)}]?\s*{re.escape(word)}\s*:?\s*vt\b")


def kept_by_clerk(folded: str) -> bool:
    """A folded line that opens with 'Lưu: VT': the last item of a Nơi nhận list."""
    return _clerks_copy().match(folded) is not None


def _list_above_luu(doc: DocText, foot_end: int) -> Zone | None:
    """The Nơi nhận list when its heading was not read (small italics under a stamp): the list always ends
    with '- Lưu: VT…', and its items above are dashed. Only the dispatch's own lines (before `foot_end`)
    are read: an attached text's list is its own. The zone runs from its first item to the Lưu line."""
    lines = [ln for ln in doc.lines if ln.end <= foot_end][-FOOT_LINES:]
    end = next((i for i in range(len(lines) - 1, -1, -1) if kept_by_clerk(fold(lines[i].text))), None)
    if end is None:
        return None
    first = end
    while first > 0 and (lines[first - 1].text.startswith(tuple(BULLETS)) or first > 1 and _runs_on(lines[first - 2].text)):
        first -= 1
    return _zone("foot.copies", lines[first:end + 1]) if first < end else None


def _runs_on(text: str) -> bool:
    """A dashed item that goes on over the next line (it does not end as an item does: ';' or '.')."""
    return text.startswith(tuple(BULLETS)) and not text.rstrip().endswith((";", "."))


def _name_like(text: str) -> bool:
    """Two to five capitalised words of letters, no list dash: a person's name ('Trân À Ngọc Căng')."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(w.isalpha() and w[0].isupper() for w in words)


def _title(text: str) -> bool:
    """A title line in capitals ('GIÁM ĐỐC'), not a dashed copy ('- UBND TỈNH') nor specks."""
    return sum(c.isalpha() for c in text) >= TITLE_LETTERS and mostly_upper(text) and not text.startswith(tuple(BULLETS))


def _foot(doc: DocText, lines: list[Line]) -> tuple[markers.Hit | None, int | None]:
    """The dispatch's Nơi nhận and where a text attached after its foot starts (None: where a type
    heading says). The foot is the last Nơi nhận, unless an earlier one stands under a signature block
    (a title or an authority line after it on its page) and the text goes on past that block with a
    type heading ('PHỤ LỤC 1') or on a later page to another Nơi nhận: an attached text (a plan, a
    Quy định, an appendix) has its own foot, and a Nơi nhận quoted inside it is its own."""
    opened = _new_document(doc, lines)
    hits = [h for ln in lines if (h := markers.find("noi_nhan", doc.folded, [(ln.start, ln.end)]))
            and (opened is None or h.start < opened)]
    if not hits:
        return None, opened
    for nn, after in zip(hits, hits[1:], strict=False):
        page = doc.page_of(nn.start)
        block = _signature(doc, [ln for ln in lines if ln.page == page], nn)
        if block is None or block.start > after.start or not any(markers.at_start("authority", fold(ln.text)) or _title(ln.text)
                                    for ln in block.lines[:FOOT_BLOCK_LINES]):
            continue
        between = [ln for ln in lines if block.start < ln.start < after.start]
        head = next((ln for ln in between if (t := type_heading(ln.text)) and t != vocab.generic_type()), None)
        if head is not None:
            return nn, head.start
        if doc.page_of(after.start) > page:
            return nn, next((ln.start for ln in between if ln.page > page), None)
    return hits[-1], opened


PAGE_HEAD_LINES = 8  # a page that opens another document has its Quốc hiệu within its first lines
# A form's blank to fill in: a run of leader dots ('……', '.........')
_LEADERS = re.compile(r"(?:\.\s?){6,}|…{2,}")


def blank_leaders(text: str) -> bool:
    """Nothing but the dots a form leaves to fill in ('……………', '.........')."""
    return _LEADERS.fullmatch(text.strip(" ;:")) is not None


def _new_document(doc: DocText, lines: list[Line]) -> int | None:
    """Where a later page opens a document of its own (its first lines hold a Quốc hiệu, a Party
    heading or a motto: another issuer's header, below the dispatch's own), or None: a text attached to the dispatch, whose
    Nơi nhận, Kính gửi and signer are its own. A page that goes on with the body has no header."""
    if not any(national(fold(ln.text)) for ln in lines[:NATIONAL_LINES] if ln.page == 1):  # its own header first
        return None
    for page in range(2, len(doc.page_starts) + 1):
        own = [ln for ln in lines if ln.page == page][:PAGE_HEAD_LINES]
        if any(national(fold(ln.text)) for ln in own):
            return own[0].start
    return None


def _opened_after(doc: DocText, after_foot: list[Line], nn: markers.Hit | None, at: int | None) -> int | None:
    """Where a text attached after the dispatch's complete foot (its Nơi nhận and a signature block
    under it) starts when no type heading says so: `at` (a later page's header), else the first
    line after the foot's block that holds a Quốc hiệu or a form's blanks ('Họ và tên:', '……'),
    from its page's first line when it stands on a later page than the foot."""
    if at is not None or nn is None:
        return at
    block = _signature(doc, [ln for ln in after_foot if ln.page == doc.page_of(nn.start)], nn)
    if block is None or not any(markers.at_start("authority", fold(ln.text)) or _title(ln.text)
                                for ln in block.lines[:FOOT_BLOCK_LINES]):
        return None
    named = False  # the block's signer read: dots or a form's field above the name are the signature's own
    for ln in after_foot:
        if ln.start <= block.start:
            continue
        if ln.start < block.end and not named:
            named = read_name(ln.text, mend=False) is not None
            continue
        f = fold(ln.text)
        if national(f) or markers.at_start("form_field", f) or _LEADERS.search(ln.text):
            if ln.page > doc.page_of(nn.start):
                return next(x.start for x in after_foot if x.page == ln.page)
            return ln.start
    return None


FOOT_BLOCK_LINES = 4  # a signature block's authority or title is within its first lines


def _attachments(doc: DocText, after_foot: list[Line], at: int | None = None) -> tuple[Zone, ...]:
    """What follows the foot under a type heading of its own ('QUY ĐỊNH', 'PHỤ LỤC', 'KẾ HOẠCH'):
    a text issued with the dispatch, each running to the next such heading; from `at` on (a text
    attached after the foot whose heading OCR lost), whatever heads it."""
    heads = [i for i, ln in enumerate(after_foot) if (t := type_heading(ln.text)) and t != vocab.generic_type()
             or at is not None and ln.start == at]
    heads = [i for i in heads if at is None or after_foot[i].start >= at]
    # a decision's enacting words ('QUYẾT ĐỊNH:' over its articles) go on with the decision headed above them
    heads = [i for k, i in enumerate(heads) if k == 0 or not _enacting_words().match(fold(after_foot[i].text).strip())]
    if heads and at is not None and after_foot[heads[0]].start == at:  # its header's own type heading heads it
        heads = [i for i in heads if i == heads[0] or i - heads[0] > 2 * PAGE_HEAD_LINES]
    out = []
    for k, i in enumerate(heads):
        j = heads[k + 1] if k + 1 < len(heads) else len(after_foot)
        out.append(_zone("attachment", after_foot[i:j]))
    return tuple(out)


@cache
def _enacting_words() -> re.Pattern[str]:
    """A line of a decision's enacting words alone ('QUYẾT ĐỊNH:', row quyet_dinh of data/enacting_formulas.tsv)."""
    cue = next(cue for rid, cue, *_ in vocab.rows("enacting_formulas.tsv") if rid == "quyet_dinh")
    return re.compile(f"(?:{cue})$")


def _zone(name: str, lines: list[Line] | tuple[Line, ...]) -> Zone:
    if not lines:
        return Zone(name, 0, 0, ())
    return Zone(name, lines[0].start, lines[-1].end, tuple(lines))


def _header_end(doc: DocText, lines: list[Line]) -> int:
    """Index of the first line that opens the body (capitalised: a lower-case 'theo …' goes on with
    the trích yếu). The line under a type heading is its trích yếu, which may open as a sentence does
    ('KẾ HOẠCH / Triển khai thực hiện Chỉ thị …'): only the form's words open the body there."""
    for i, ln in enumerate(lines):
        f = doc.folded[ln.start:ln.end]
        formulas = _OPENS_BODY_IN_CAPITALS if mostly_upper(ln.text) or (i and _heads(lines[i - 1].text)) else OPENS_BODY
        if opens_body(f, ln.text, formulas) and so_end(f) is None and not ln.text[:1].islower():
            return i
    return len(lines)


FORM_WORDS = ("kinh_gui", "dien_gui", "can_cu", "thuc_hien")  # the form's words that open a body (data/markers.tsv)
OPENS_BODY = (*FORM_WORDS, "opens_sentence", "noi_nhan")
# A sentence's opening formula in a header line in capitals goes on with the issuer's name ('ĐOÀN KIỂM TRA /
# THEO QUYẾT ĐỊNH / SỐ 1050/QĐ-SCT'); the form's words open the body however they are printed.
_OPENS_BODY_IN_CAPITALS = (*FORM_WORDS, "noi_nhan")
_BODY_ITEMS = ("roman", "number", "subnumber", "letter", "article")


def opens_body(folded: str, text: str, formulas: tuple[str, ...] = OPENS_BODY,
               item_kinds: tuple[str, ...] = _BODY_ITEMS) -> bool:
    """A line that opens the body or the foot after the header's blocks: one of the form's words
    (Kính gửi, Căn cứ, Thực hiện, a formula that opens the first sentence, Nơi nhận; data/markers.tsv)
    or the marker of a numbered item or an article (data/item_markers.tsv). The one test of where a
    header ends, for the text and the word-box builders and the end of a Kính gửi list."""
    if any(markers.at_start(m, folded) or _sender_line(m, folded, text) for m in formulas):
        return True
    return any(not s.loose and s.kind in item_kinds and items.match(s, text) for s in items.shapes())


def _sender_line(marker_id: str, folded: str, text: str) -> bool:
    """A line the marker ends whose words before it are in capitals or an official's title: a Công điện's sender
    ('THỦ TƯỚNG CHÍNH PHỦ điện:', 'Bộ trưởng Bộ Công Thương điện:'), not a body's name or heading that ends so
    ('Tổng công ty Thủy điện:')."""
    hit = markers.closing(marker_id, folded)
    if hit is None:
        return False
    sender = folded[:hit.start].strip()
    return mostly_upper(text[:hit.start]) or any(sender.startswith(h + " ") for h in folded_person_heads())



# Specks a scan leaves before the number line's 'Số' (marks, or one read as an item's letter 'z)')
_SPECKS_BEFORE_SO = re.compile(r"(?:[^\w\s]{1,3}\s*|[a-z]\)\s*)?")


def so_end(folded_line: str) -> int | None:
    """Where the number starts in a line opening with the number line's 'Số:' (marker `so`), past its
    colon and blanks, or None: the one test of a number line (header, tree, handwritten re-reading).
    Such a line opens no body ('Số: 12' read as an item '12.')."""
    lead = _SPECKS_BEFORE_SO.match(folded_line)
    hit = markers.at_start("so", folded_line[lead.end():]) if lead else None
    if hit is None:
        return None
    end = lead.end() + hit.end if lead else hit.end
    while end < len(folded_line) and folded_line[end] in " \t":
        end += 1
    if end < len(folded_line) and folded_line[end] in ":;.":
        end += 1
    while end < len(folded_line) and folded_line[end] in " \t":
        end += 1
    return end


def vv_end(folded_line: str) -> int | None:
    """Where the trích yếu starts after a line's 'V/v' / 'Về việc' (and its ':'), or None."""
    hit = markers.at_start("vv", folded_line)
    if hit is None:
        return None
    end = hit.end
    while end < len(folded_line) and folded_line[end] in " \t:":
        end += 1
    return end


@lru_cache(maxsize=8192)  # asked of the same header lines by several zones
def right_block_at(folded_line: str) -> int | None:
    """Where the header's right block (the Quốc hiệu, the Party heading, the motto or the place-and-date
    line) starts in a line, or None."""
    hits = [h.start for h in [national(folded_line), markers.in_line("right_block", folded_line)] if h]
    hits += [d for d in [date_line(folded_line)] if d is not None]
    return min(hits) if hits else None


def date_line(folded_line: str) -> int | None:
    """Where a place-and-date line's 'ngày' stands in the line, or None."""
    bare = [i for i, c in enumerate(folded_line) if c != " "]
    m = _DATE_LINE.search("".join(folded_line[i] for i in bare))
    return bare[m.start()] if m else None


def national(folded_line: str) -> markers.Hit | None:
    """The Quốc hiệu, the Party heading or the motto in a header line."""
    hits = [h for m in ("quoc_hieu", "party_heading", "motto") if (h := markers.in_line(m, folded_line))]
    return min(hits, key=lambda h: h.start) if hits else None


@lru_cache(maxsize=8192)
def mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def is_type_heading(text: str) -> bool:
    return type_heading(text) is not None


@lru_cache(maxsize=8192)  # asked of the same lines by the tree and by the header's extractor
def type_heading(text: str) -> str | None:
    """'KẾ HOẠCH', 'PHỤ LỤC 03', 'THÔNG BÁO KẾT LUẬN' -> the type name; upper case only."""
    t = text.strip().strip(_SPECKS_AROUND_HEADING)
    if not mostly_upper(t):
        return None
    f = fold(t).rstrip(" :")
    name = next((name for name, pattern in _heading_patterns() if pattern.fullmatch(f)), None) or _misread_heading(f)
    return None if name is None else _recorded()[name]  # 'THÔNG BÁO KẾT LUẬN' is a Thông báo


@cache
def _recorded() -> dict[str, str]:
    return {d.name: d.recorded for d in vocab.doc_types()}


_SPECKS_AROUND_HEADING = " .,;:'`\"*_-"  # 'THÔNG BÁO.', ',OUYẾT ĐỊNH'
HEADING_EDITS = 1  # letters OCR may misread in a type heading of HEADING_LETTERS letters or more
HEADING_LETTERS = 8


def _misread_heading(folded: str) -> str | None:
    """The one type name within HEADING_EDITS of a heading OCR misread ('KÉẺ HOẠCH', 'OUYẾT ĐỊNH'),
    or None when none is, or two are as near."""
    if len(folded) < HEADING_LETTERS:
        return None
    near = [(Levenshtein.distance(key, folded, score_cutoff=HEADING_EDITS), name) for key, name in _long_type_names()]
    near = sorted((d, n) for d, n in near if d <= HEADING_EDITS)
    if not near or (len(near) > 1 and near[1][0] == near[0][0]):
        return None
    return near[0][1]


@cache
def _long_type_names() -> tuple[tuple[str, str], ...]:
    """(folded, as listed) of the type names long enough to be matched within HEADING_EDITS, folded once."""
    return tuple((fold(d.name), d.name) for d in vocab.doc_types() if len(fold(d.name)) >= HEADING_LETTERS)


@cache
def _heading_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    # OCR may glue a heading's words ('QUYẾTĐỊNH'): the blanks between them are optional
    return tuple((d.name, re.compile(r"\s*".join(map(re.escape, fold(d.name).split())) + r"\s*(?:so\s*)?[\divx]{0,4}"))
                 for d in vocab.doc_types())


def _national_end(doc: DocText, lines: list[Line]) -> int:
    for i, ln in enumerate(lines):
        f = doc.folded[ln.start:ln.end]
        if markers.in_line("motto", f) or markers.in_line("party_heading", f):
            return i + 1
    return 0
