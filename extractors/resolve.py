"""The one resolve step: every component's candidates in, the record out.

Scalars: the best candidate per field (highest score, then earliest), then checked; a value whose
evidence is weak is left null and its provenance says why (`abstained`, `reason`, `candidate`, the
check's id), since a wrong value costs more than a null (a reader trusts it; the scorer counts it
against precision). Lists: recipients and copies deduplicated by name, references merged by cited
document, each item with its own provenance. Overlaps: a date or number inside a citation is the
cited document's, never this one's.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Any

from . import references, vocab
from .base import Candidate, DocText
from .entities import issuing_bodies, with_resolution
from .patterns import iso, mended_type_part, number_fault, split_type_part, symbol_fault, symbol_type
from .text import name_key

SCALARS = ("doc_type", "number", "symbol", "issue_date", "place", "subject")
LISTS = ("recipients", "cc", "references", "tasks", "entities")
_OWN_DATE_OR_NUMBER = ("issue_date", "number", "symbol")
ORDER = ("doc_type", "number", "symbol", "issue_date", "place", "issuer", "subject")


# The checks a scalar must pass to be taken, in the order they run: (id, fields, what fails it).
CHECKS: tuple[tuple[str, str, str], ...] = (
    ("citation", "issue_date, number, symbol", "the only value read lies inside a citation of another document"),
    ("grammar", "number, symbol", "the ký hiệu grammar of NĐ 30/2020 Phụ lục I/III and HD 36: `số/type-body`, "
     "`số/năm/type-body`, `số-type/body`, the type one of data/doc_types.tsv; a ký hiệu that goes on unread"),
    ("handwritten", "number, issue_date", "the figures' boxes stand the limit times the page's median word or more"),
    ("ocr-confidence", "number, issue_date", "an OCR word under the figures was read under the limit"),
    ("calendar", "issue_date", "no day of the calendar (31/02), or debris where the day or month is printed"),
    ("future", "issue_date", "after the day of the run"),
    ("signed", "issue_date", "after the e-signature's day, or more than the limit of days before it"),
    ("chronology", "issue_date", "before the date of a document it cites"),
    ("with-number", "symbol", "the number was refused for its type abbreviation"),
)


@dataclass(frozen=True)
class Abstention:
    field: str
    check: str
    reason: str
    candidate: Candidate

    def provenance(self, doc: DocText) -> dict[str, Any]:
        return {"abstained": True, "check": self.check, "reason": self.reason, "candidate": self.candidate.value,
                **self.candidate.provenance(doc)}


def choose(cands: list[Candidate]) -> dict[str, Candidate]:
    """Best candidate per scalar field: highest score, then earliest span; overlaps across fields
    are settled in favour of the higher score so one span never feeds two fields."""
    chosen: dict[str, Candidate] = {}
    taken: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-c.score, c.start)):
        if c.field in chosen:
            continue
        if any(t.start < c.end and c.start < t.end and t.field != c.field and t.extra.get("exclusive")
               for t in taken):
            continue
        chosen[c.field] = c
        taken.append(c)
    return chosen


def resolve(doc: DocText, cands: list[Candidate], today: date | None = None) -> dict[str, Any]:
    """The record (all but `source`) from every component's candidates; `today` is the run's date
    (a document is never dated after it)."""
    listed = {f: [c for c in cands if c.field == f] for f in LISTS}
    cites = listed["references"]
    cited = [c for c in cands if _inside_citation(c, cites)]
    chosen = choose([c for c in cands if c.field not in LISTS and c not in cited])
    doc_type = chosen["doc_type"].value if "doc_type" in chosen else None
    # An appendix is part of the document it is attached to: what it cites is the tasks' assigned_by.
    refs = [] if doc_type == vocab.appendix_type() else references.merge(cites)
    context = _Context(doc, chosen, [r for r, _ in refs], today or date.today())
    abstained = {c.field: Abstention(c.field, "citation", f"the only {c.field.replace('_', ' ')} read is a cited "
                                     "document's", c) for c in reversed(cited) if c.field not in chosen}
    notes: dict[str, str] = {}
    for fld in _OWN_DATE_OR_NUMBER:
        if fld in chosen:
            found = context.check(fld, abstained)
            if isinstance(found, Abstention):
                abstained[fld] = found
                del chosen[fld]
            elif found:
                notes[fld] = found

    for fld, (value, note) in context.mended().items():
        chosen[fld] = replace(chosen[fld], value=value)
        notes[fld] = note
    rec: dict[str, Any] = {f: (chosen[f].value if f in chosen else None) for f in SCALARS}
    prov: dict[str, Any] = {f: chosen[f].provenance(doc) for f in chosen}
    prov.update({f: a.provenance(doc) for f, a in abstained.items()})
    for f, c in chosen.items():  # a signer's field inferred from the block, or left null, says why
        if f.startswith("signer.") and "reason" in c.extra:
            prov[f].update({k: c.extra[k] for k in ("inferred", "abstained", "reason", "candidate") if k in c.extra})
    for f, note in notes.items():
        prov[f]["note"] = note
    issuer = chosen.get("issuer")
    rec["issuer"] = None if issuer is None else {
        "name": issuer.value, "parent": issuer.extra.get("parent"),
        **({"inferred": True, "reason": issuer.extra["reason"]} if issuer.extra.get("inferred") else {}),
    }
    rec = {k: rec.get(k) for k in ORDER}
    for f in ("recipients", "cc"):
        kept = _unique(listed[f])
        rec[f] = [c.value for c in kept]
        prov[f] = [c.provenance(doc) for c in kept]
    signer = {k: chosen[f"signer.{k}"].value if f"signer.{k}" in chosen else None for k in ("name", "title", "authority")}
    rec["signer"] = signer if any(signer.values()) else None  # a prefix read alone ('KT.' of joint blocks) is a fact
    if "attached_to" in chosen:
        rec["attached_to"] = chosen["attached_to"].value
    refs = [(r, c) for r, c in refs if not _itself(r, rec)]
    rec["references"] = [r for r, _ in refs]
    prov["references"] = [c.provenance(doc) for _, c in refs]
    rec["tasks"] = [c.value for c in listed["tasks"]]  # ordinals are the item tree's paths (structure.items)
    prov["tasks"] = [c.provenance(doc) for c in listed["tasks"]]
    bodies = issuing_bodies(rec["issuer"])
    rec["entities"] = [with_resolution(c.value, bodies) for c in listed["entities"]]
    rec["provenance"] = prov
    return rec


def _itself(ref: dict[str, Any], rec: dict[str, Any]) -> bool:
    """A citation of this very document, which is no reference (record.md: the *other* documents
    cited): an attached Quy định's 'kèm theo Quyết định số 1696/QĐ-UBND ngày 15/5/2026' names the
    decision it is part of. Same number and same day; a Party number alone repeats across issuers
    (a district's 03-CV/BCĐ implements the province's 03-CV/BCĐ of five days before)."""
    return bool(rec["number"]) and ref.get("number") == rec["number"] and ref.get("date") == rec["issue_date"]


def _inside_citation(c: Candidate, cites: list[Candidate]) -> bool:
    """A date or number read where the text cites another document ('thực hiện Nghị quyết số
    20-NQ/TW, ngày 25 tháng 10 năm 2017' under a heading) belongs to that document."""
    return (c.field in _OWN_DATE_OR_NUMBER and c.rule != "header.so-line"  # the own Số line cites nothing
            and any(r.start <= c.start and c.end <= r.end for r in cites))


def _unique(cands: list[Candidate]) -> list[Candidate]:
    """One item per name (the first span kept): a body listed twice is one recipient."""
    seen: set[str] = set()
    out = []
    for c in cands:
        key = name_key(str(c.value))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


@cache
def limits() -> dict[tuple[str, str], float]:
    """(check, field) -> limit, from data/abstain.tsv."""
    return {(check, fld): float(limit) for check, fld, limit in vocab.rows("abstain.tsv")}


@dataclass
class _Context:
    doc: DocText
    chosen: dict[str, Candidate]
    refs: list[dict[str, Any]]
    today: date

    def check(self, fld: str, abstained: dict[str, Abstention]) -> Abstention | str | None:
        """The first check the field's value fails, as an abstention, or a note, or None."""
        c = self.chosen[fld]
        checks: dict[str, tuple[tuple[str, Callable[[Candidate], str | None]], ...]] = {
            "number": (("grammar", lambda c: number_fault(c.value) or _printed_fault(c)), ("handwritten", self._handwritten),
                       ("ocr-confidence", self._confidence)),
            "symbol": (("grammar", lambda c: symbol_fault(c.value) or _printed_fault(c)), ("with-number", lambda _: self._number_fault(abstained))),
            "issue_date": (("calendar", _calendar), ("future", self._future), ("signed", self._signed),
                           ("chronology", self._chronology), ("handwritten", self._handwritten),
                           ("ocr-confidence", self._confidence)),
        }
        for check, test in checks[fld]:
            reason = test(c)
            if reason:
                return Abstention(fld, check, reason, c)
        return self._type_note(c) if fld in ("number", "symbol") else None

    def _confidence(self, c: Candidate) -> str | None:
        limit = limits().get(("ocr-confidence", c.field), 0.0)
        seen = [conf for s, e in _figures(c) if (conf := self.doc.confidence(s, e, (c.start, c.end))) is not None]
        if limit and seen and min(seen) < limit:
            return f"OCR read the {c.field.replace('_', ' ')}'s figures at confidence {min(seen):.2f}, under {limit:.2f}"
        return None

    def _handwritten(self, c: Candidate) -> str | None:
        """Figures written by hand into the printed form's blank ('Số: ..../KH-SYT') stand taller than the
        print, and OCR trained on print misreads them while reading them confidently."""
        limit = limits().get(("handwritten", c.field), 0.0)
        seen = [h for s, e in _figures(c) if (h := self.doc.height(s, e, (c.start, c.end))) is not None]
        if limit and seen and max(seen) >= limit:
            return (f"the {c.field.replace('_', ' ')}'s figures stand {max(seen):.1f} times as tall as the page's print: "
                    "written by hand, which OCR misreads")
        return None

    def _number_fault(self, abstained: dict[str, Abstention]) -> str | None:
        """The symbol goes with a number refused for its ký hiệu (not for its digits: the symbol is read apart)."""
        a = abstained.get("number")
        if a and a.check == "grammar" and "no type abbreviation" in a.reason:
            return a.reason
        return None

    def _future(self, c: Candidate) -> str | None:
        now = self.today.isoformat()
        return f"{c.value} is after the day of the run ({now})" if c.value > now[:len(c.value)] else None

    def _signed(self, c: Candidate) -> str | None:
        signed = self.chosen.get("signed_date")
        if signed is None or len(c.value) != 10:
            return None
        days = (date.fromisoformat(signed.value) - date.fromisoformat(c.value)).days
        if days < 0:
            return f"{c.value} is after the day of its e-signature ({signed.value})"
        most = limits().get(("signed", "issue_date"), 7.0)
        if days > most:
            return f"{c.value} is {days} days before its e-signature ({signed.value}); a dispatch is dated the day it is signed"
        return None

    def _chronology(self, c: Candidate) -> str | None:
        """A document cannot cite one issued after it (compared at the precision of a partial date)."""
        later = [r for r in self.refs if r.get("date") and r["date"][:len(c.value)] > c.value]
        if later:
            r = later[0]
            return f"{c.value} is before the date of the document it cites ({r['number']} of {r['date']})"
        return None

    def mended(self) -> dict[str, tuple[str, str]]:
        """The number and symbol whose type part OCR glued to the body's ('2016/TBSYT') or misread by one
        letter ('01/ĐĐL-BTC'), under a type heading whose abbreviation that part is one edit from or opens
        with: the heading's abbreviation, noted in provenance. A part that is another type's abbreviation
        is left as read (the heading and the number then disagree, which _type_note says)."""
        own = self._heading_abbreviations()
        out: dict[str, tuple[str, str]] = {}
        for fld in ("number", "symbol"):
            if fld not in self.chosen or not own:
                continue
            value = self.chosen[fld].value
            lead, first, rest = split_type_part(value)
            mend = next((a for a in own if first != a and mended_type_part(first, a)), None)
            if mend is None or first.upper() in vocab.doc_type_by_abbr():
                continue
            glued = first[len(mend):] if first.startswith(mend) and len(first) - len(mend) >= 2 else ""
            new = f"{lead}{mend}{'-' + glued if glued else ''}{rest}"
            out[fld] = (new, f"read {value!r}: its type part {first!r} mended to the heading's {mend!r}")
        return out

    def _heading_abbreviations(self) -> list[str]:
        heading = self.chosen.get("doc_type")
        if heading is None or heading.rule != "header.type-heading" or heading.value == vocab.appendix_type():
            return []
        return [a for d in vocab.doc_types() if d.recorded == heading.value for a in d.abbreviations]

    def _type_note(self, c: Candidate) -> str | None:
        """The ký hiệu's type abbreviation against the type heading: noted, not abstained on (measured:
        no document of the corpora has both and disagrees, so no rule could be shown to help)."""
        heading = self.chosen.get("doc_type")
        abbr = symbol_type(c.value)
        if heading is None or abbr is None or heading.rule != "header.type-heading" or heading.value == vocab.appendix_type():
            return None
        own = {a.upper() for d in vocab.doc_types() if d.recorded == heading.value for a in d.abbreviations}
        if own and abbr.upper() not in own:
            return f"the type abbreviation {abbr!r} is not the heading's {heading.value} ({', '.join(sorted(own))})"
        return None


def _printed_fault(c: Candidate) -> str | None:
    """The ký hiệu as printed, where the value was read from less of it ('24/HDLN-BCA-BYT-' goes on)."""
    printed = c.extra.get("as_printed")
    return symbol_fault(printed) if printed else None


def _figures(c: Candidate) -> tuple[tuple[int, int], ...]:
    """Where the value's own figures are printed (the sequence number, the day and month), else its span."""
    return tuple(c.extra.get("printed") or ((c.start, c.end),))


def _calendar(c: Candidate) -> str | None:
    """A date that is no day of the calendar ('31/02'), or debris where the day or month is printed."""
    value = str(c.value)
    parts = value.split("-")
    if not all(p.isdigit() for p in parts) or not 1 <= len(parts) <= 3:
        return f"the day or month of {value!r} is not read as figures"
    if iso(*parts) is None:
        return f"{value} is no day of the calendar"
    return None
