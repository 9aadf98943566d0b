"""Tasks in sentences outside the numbered items: 'Giao Sở X chủ trì …', 'Đề nghị Sở X …', a named body in
directive mood ('Sở X chủ động …'), a body a document is forwarded to for action, and where the sentence that
closes a list begins inside its last item (that sentence is the document's, not the item's)."""
from __future__ import annotations

import re
from typing import Any

from .articles import shape
from .base import DocText
from .dash_lists import Make
from .orgs import _title_re, capitalised, same_issuer, split_coordinated, starts_with_head
from .patterns import parse_deadline
from .structure.from_text import mostly_upper
from .structure.items import Item
from .structure.sentences import Sentence
from .supporters import verb_re
from .text import CAPITALS, fold, normalize_text

_CLOSING = " \t\n\"”’»"  # white space and the closing marks of a quote
_WORD = re.compile(r"(?<!\S)\S")  # where a word begins


def closing_at(doc: DocText, item: Item) -> int:
    """Where the sentence that closes a list begins inside its last item: a sentence of the tree's that opens a line
    after a full stop with a named body in directive mood ('… với Thủ tướng Chính phủ.' then 'Bộ Kế hoạch và Đầu tư
    chịu trách nhiệm hướng dẫn, theo dõi …'), with a clause before its subject's request ('Để …, Sở Y tế yêu
    cầu …') or with an opener that assigns to the body it names ('Giao Phòng Nghiệp vụ Y theo dõi …', 'Đề nghị Sở X
    …'), which is the document's, not the item's."""
    opens = {ln.start for ln in item.lines}
    # an item titled to its colon ('1. Về thẩm quyền thẩm định dự án:') goes on below it, its request with it
    titled = item.lines[0].text.rstrip().endswith(":") if item.lines else False
    for above, sent in zip(item.sentences, item.sentences[1:], strict=False):
        words = re.sub(r"\s+", " ", sent.text(doc))
        if sent.start >= item.body_start and sent.start in opens and above.stop == "." \
                and (starts_with_head(words) and shape("sentence_body_acts").match(fold(words)) or _clause_opens(words)
                     or not titled and _opener_assigns(words)):
            return sent.start
    return item.own_end()


def sentence_tasks(doc: DocText, sentences: tuple[Sentence, ...], items: list[tuple[int, int]], make: Make,
                   issuer: str | None = None) -> list[dict[str, Any]]:
    """Sentences outside numbered items that assign work: 'Giao Sở X chủ trì …', 'Đề nghị Sở X …', and
    a named body that acts ('Sở X chủ động …'), a body a document is forwarded to for action ('chuyển … đến Sở X
    để xem xét …'; shapes sentence_opener, sentence_body_acts, forwarded_to). Each clause of the tree's
    sentences (to its ';' or ':') is read; one that ends in ':' leads in the items below it, and a quoted one
    cites; neither is a task itself."""
    out = []
    for s0, e in ((cs, ce) for sent in sentences for cs, ce, _ in sent.clauses):
        words = doc.text[s0:e].lstrip(_CLOSING)  # a quote's closing mark after its full stop is the quote's
        title, nl, below = words.partition("\n")
        if nl and below.strip()[:1].isupper() and mostly_upper(title):
            words = below  # a section's title on its line above ('IV. TỔ CHỨC THỰC HIỆN' / 'Giao Sở X …') is not the sentence's
        s = e - len(words)  # where its words begin
        if any(a - 8 < e and s < b for a, b in items) or not words.strip():
            continue
        sentence = re.sub(r"\s+", " ", words).strip()
        f = fold(sentence)
        ct = shape("chu_tri").search(f)
        openers = [g for g in shape("giao").finditer(f) if ct and g.start() < ct.start()]
        at, rule, goes_on = None, "tasks.giao-chu-tri", ""
        given: dict[str, Any] = {"directive": False, "assignees": []}
        if openers and not _narrated(sentence[:openers[-1].start()]):
            at = openers[-1].start()  # the opener that governs 'chủ trì', not an earlier 'Theo đề nghị của …'
        elif (doc.text[e:e + 1] != ":" or (goes_on := _colon_goes_on(doc, e, f))) and not any(q in sentence for q in '"“”'):
            if (asked := _issuer_request(sentence, f, issuer)) is not None:
                at, rule = asked, "tasks.issuer-request"
            elif (o := shape("sentence_opener").match(f)) and starts_with_head(sentence[o.end():]) \
                    and not _narrated(sentence[:o.start("at")]) and not (o.group("clause") and _lower_object(sentence[o.end():])):
                at, rule = o.start("at"), "tasks.sentence-opener"
            elif starts_with_head(sentence) and shape("sentence_body_acts").match(f):
                at, rule = 0, "tasks.sentence-body-acts"
            elif (o := shape("forwarded_to").match(f)) and starts_with_head(sentence[o.end():]):
                # '… chuyển Văn bản … đến Sở X để xem xét …': Sở X, named up to 'để', does what it is sent for
                names = [{"name": capitalised(n), "role": "lead"} for n in split_coordinated(sentence[o.end():o.start("for")])]
                given = {"directive": True, "assignees": names}
                at, rule = o.end("for"), "tasks.forwarded"
        if goes_on and rule not in ("tasks.issuer-request", "tasks.sentence-opener"):
            at = None  # only a request runs on past its colon; a named body before a colon is a label
        if at is None and doc.text[e:e + 1] == ":" and (labelled := _named_label(doc, s, e, sentence)):
            sentence, at, rule, goes_on = labelled, 0, "tasks.named-label", ""
        if at is None:
            continue
        task = make(sentence[at:], None, s, given)
        task = task and {**task, "rule": rule}
        if task and goes_on and task["text"]:  # '… một số bệnh dịch: SXHD, tay chân miệng …': the colon is the sentence's own
            task = {**task, "text": f"{task['text']}: {goes_on}", "end": e + 1 + len(goes_on)}
        if not task or not task["assignees"] or not task["text"]:
            continue
        if shape("carry_out").match(fold(task["text"])) and (not shape("giao_word").match(f, at or 0)
                                                             or all(_generic(a["name"]) for a in task["assignees"])):
            continue  # 'UBND tỉnh yêu cầu các sở, ngành nghiêm túc triển khai thực hiện./.': the closing formula
        if shape("attend_request").match(fold(task["text"])):
            continue  # 'Đề nghị các đại biểu sắp xếp thời gian tham dự đúng giờ': an invitation's logistics
        if rule == "tasks.sentence-body-acts" and issuer and any(same_issuer(a["name"], issuer) for a in task["assignees"]):
            continue  # the issuer saying what it does assigns nothing
        tail = doc.text[e:e + 200]
        task["deadline"] = task["deadline"] or parse_deadline(tail.split(".")[0])
        out.append(task)
    return out


def _clause_opens(sentence: str) -> bool:
    """A sentence of the document's own that opens with a clause of purpose or grounds before its subject and request
    ('Để khắc phục tồn tại trên, Sở Y tế yêu cầu Thủ trưởng các đơn vị …'; sentence_opener's clause), or with the
    named issuer's request ('Bộ Giáo dục và Đào tạo đề nghị các trường …')."""
    f = fold(sentence)
    o = shape("sentence_opener").match(f)
    if o is None or not starts_with_head(sentence[o.end():]):
        return False
    return bool(o.group("clause")) or o.start("at") > 0 and starts_with_head(sentence) and not _carries_out(f, o.end())


def _opener_assigns(sentence: str) -> bool:
    """A sentence that opens with the word that assigns and the body it names ('Giao Phòng Nghiệp vụ Y theo dõi …',
    'Đề nghị Sở Y tế …', 'Yêu cầu Thanh tra tỉnh … khẩn trương triển khai thực hiện./.'; shape sentence_opener with no
    clause before it)."""
    o = shape("sentence_opener").match(fold(sentence))
    return o is not None and o.start("at") == 0 and starts_with_head(sentence[o.end():])


def _lower_object(words: str) -> bool:
    """The object of a request after an opening clause is a class in lower case ('các cơ quan, đơn vị …'), the
    letter's addressees at large; 'các Trung tâm Y tế huyện', 'các Sở, ngành' name bodies by a capitalised head."""
    plural = shape("plural_head").match(fold(words))
    return words[plural.end() if plural else 0:][:1].islower()


def _carries_out(folded: str, start: int) -> bool:
    """The request ends in the closing formula ('… các huyện triển khai thực hiện nghiêm túc Chỉ thị này'; shape carry_out)."""
    return any(shape("carry_out").match(folded[w.start():]) for w in _WORD.finditer(folded, start))


def _generic(name: str) -> bool:
    """A class of bodies named by a plural and a lower-case word ('Các phòng, đơn vị trực thuộc Sở', 'Các đơn vị có liên
    quan'), no body in particular: 'Giao các đơn vị tổ chức thực hiện' is the formula, 'Giao Sở Y tế tổ chức thực hiện' a task."""
    m = shape("plural_head").match(fold(name))
    return m is not None and name[m.end():m.end() + 1].islower()


def _narrated(subject: str) -> bool:
    """The words before the opener end in past or ongoing time ('Ủy ban nhân dân tỉnh đã giao …'): the sentence
    tells what was assigned before, this letter assigns nothing by it (shape narrated)."""
    words = subject.rstrip(" ,")
    m = shape("narrated").search(fold(words))
    return m is not None and words[m.start():m.end()].strip()[:1].islower()  # 'đang', not the name's 'Đảng'


_DUTY_AFTER_LABEL = re.compile(rf"[^.;\n]*(?:\n(?=[ \t]*[^\W\d_{CAPITALS}])[^.;\n]*)*")  # on over lines that go on in lower case


def _named_label(doc: DocText, s: int, e: int, sentence: str) -> str | None:
    """A line that opens with a named body, or 'Đối với' one (shape opener), then a colon and its duty on the
    same line ('Đối với Ủy ban nhân dân các huyện: chỉ đạo các xã rà soát …', 'Công an tỉnh: tăng cường …'):
    the label and its duty as one sentence; None when the label is no bare name or no action verb follows."""
    if doc.text[doc.text.rfind("\n", 0, s) + 1:s].strip():
        return None  # the label opens its line
    opener = shape("opener").match(fold(sentence))
    name = sentence[opener.end():] if opener else sentence
    duty = re.sub(r"\s+", " ", _DUTY_AFTER_LABEL.match(doc.text, e + 1).group(0)).strip()  # type: ignore[union-attr]
    if not duty or not starts_with_head(name) or len(name.split()) > 16 or verb_re().search(fold(name)) \
            or not verb_re().match(fold(duty)):
        return None
    return f"{sentence}: {duty}"


def _issuer_request(sentence: str, folded: str, issuer: str | None) -> int | None:
    """Where a request begins whose subject, after an opening clause of any words, is the issuer or its head
    ('Trên cơ sở kế hoạch …, Sở Y tế đề nghị các đơn vị …', 'Giám đốc Sở Y tế đề nghị thủ trưởng các đơn vị …';
    shape issuer_request): the issuer asks the body it names. None when the subject is another body, the time
    narrated ('Sở Y tế đã đề nghị …'), the object names no body or is the addressees at large ('các cơ quan, đơn
    vị': shape catch_all)."""
    if not issuer:
        return None
    for m in reversed(list(shape("issuer_request").finditer(folded))):
        subj = sentence[m.start("subj"):m.end("subj")].strip()
        if _narrated(subj) or not starts_with_head(sentence[m.end():]) or shape("catch_all").match(folded[m.end():]):
            continue  # a lower-case object names a body too ('… yêu cầu thủ trưởng các đơn vị'), not a catch-all
        if t := _title_re().match(normalize_text(subj).lower()):
            subj = subj[t.end():].strip()
        if subj and starts_with_head(subj) and subj[:1].isupper() and same_issuer(subj, issuer):
            return m.start("at")
    return None


def _colon_goes_on(doc: DocText, e: int, folded: str) -> str:
    """The words after a colon inside a sentence ('… cử cán bộ tập huấn một số bệnh dịch: SXHD, tay chân miệng.'):
    the colon's line goes on and the sentence before it leads in no list (shape list_ending), so the colon is the
    sentence's own and its words up to the full stop are part of it; '' otherwise."""
    line = doc.text[e + 1:doc.text.find("\n", e + 1) if "\n" in doc.text[e + 1:] else len(doc.text)]
    words = re.sub(r"\s+", " ", re.split(r"[.;]", line)[0]).strip()
    lead = f"{folded} {fold(words).rstrip(' :')}"  # '… thực hiện một: số nội dung sau:' (a colon misread) leads in a list
    if not words or ":" in words or any(shape(s).search(x) for s in ("list_ending", "as_follows") for x in (folded, lead)):
        return ""
    return words
