"""The graph for other tools: JSON (nodes + edges), CSV (one edge per row), GraphML (Gephi, networkx).

Nodes are documents (d<id>), organisations (o<id>) and people (p<id>); edges are a document
citing another (with its relation), a document issued by a body, a document assigning a task
to a body (lead or support, with the task and its deadline), a document sent to a body (to or
cc), a person signing a document and a body being part of another. Rows are streamed from the database in batches rather than loaded whole.

Values are document text: GraphML gets them escaped, with the characters XML 1.0 cannot hold at all
(most C0 controls, U+FFFE/U+FFFF, lone surrogates) replaced by U+FFFD, so the file always parses.
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, TextIO
from xml.sax.saxutils import escape, quoteattr

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Document, Organization, Person, Recipient, Reference, Signature, Task, TaskAssignee

Format = Literal["json", "csv", "graphml"]  # the graph; `gold` (below) writes records instead
_BATCH = 2000
_CR = {"\r": "&#13;"}  # a bare CR in element text would be read back as a newline
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# GraphML attribute keys: (name, applies to, type)
_KEYS = [("type", "all", "string"), ("label", "node", "string"), ("number", "node", "string"),
         ("date", "node", "string"), ("kind", "node", "string"), ("subject", "node", "string"), ("stub", "node", "boolean"),
         ("relation", "edge", "string"), ("role", "edge", "string"), ("task", "edge", "string"),
         ("deadline", "edge", "string"), ("title", "edge", "string")]


def nodes(session: Session) -> Iterator[dict[str, Any]]:
    for d in session.scalars(select(Document).order_by(Document.id).execution_options(yield_per=_BATCH)):
        yield {"id": f"d{d.id}", "type": "document", "label": f"{d.doc_type or 'Văn bản'} {d.number or '(no number)'}",
               "number": d.number, "date": d.issue_date, "subject": d.subject, "stub": d.is_stub}
    for o in session.scalars(select(Organization).order_by(Organization.id).execution_options(yield_per=_BATCH)):
        yield {"id": f"o{o.id}", "type": "organization", "label": o.name, "kind": o.kind}
    for p in session.scalars(select(Person).order_by(Person.id).execution_options(yield_per=_BATCH)):
        yield {"id": f"p{p.id}", "type": "person", "label": p.name}


def edges(session: Session) -> Iterator[dict[str, Any]]:
    def rows(q: Any) -> Any:
        return session.execute(q.execution_options(yield_per=_BATCH))

    for r in rows(select(Reference.from_id, Reference.to_id, Reference.relation).order_by(Reference.id)):
        yield {"source": f"d{r.from_id}", "target": f"d{r.to_id}", "type": "cites", "relation": r.relation}
    for r in rows(select(Document.id, Document.issuer_id).where(Document.issuer_id.is_not(None)).order_by(Document.id)):
        yield {"source": f"d{r.id}", "target": f"o{r.issuer_id}", "type": "issued_by"}
    for r in rows(select(Task.document_id, TaskAssignee.organization_id, TaskAssignee.role, Task.text, Task.deadline)
                  .join(TaskAssignee, TaskAssignee.task_id == Task.id).order_by(TaskAssignee.id)):
        yield {"source": f"d{r.document_id}", "target": f"o{r.organization_id}", "type": "assigns",
               "role": r.role, "task": r.text, "deadline": r.deadline}
    for r in rows(select(Signature.person_id, Signature.document_id, Signature.title)
                  .where(Signature.person_id.is_not(None)).order_by(Signature.id)):
        yield {"source": f"p{r.person_id}", "target": f"d{r.document_id}", "type": "signed", "title": r.title}
    for r in rows(select(Recipient.document_id, Recipient.organization_id, Recipient.kind)
                  .where(Recipient.organization_id.is_not(None)).order_by(Recipient.id)):
        yield {"source": f"d{r.document_id}", "target": f"o{r.organization_id}", "type": "sent_to", "role": r.kind}
    for r in rows(select(Organization.id, Organization.parent_id).where(Organization.parent_id.is_not(None))):
        yield {"source": f"o{r.id}", "target": f"o{r.parent_id}", "type": "part_of"}


def export(session: Session, fmt: Format, out: TextIO) -> None:
    {"json": _json, "csv": _csv, "graphml": _graphml}[fmt](session, out)


def _json(session: Session, out: TextIO) -> None:
    for part, items in (("nodes", nodes(session)), ("edges", edges(session))):
        out.write("{\n" if part == "nodes" else "],\n")
        out.write(f'"{part}": [\n')
        for i, item in enumerate(items):
            out.write(("," if i else "") + json.dumps(item, ensure_ascii=False) + "\n")
    out.write("]\n}\n")


def _csv(session: Session, out: TextIO) -> None:
    labels = {n["id"]: n["label"] for n in nodes(session)}
    w = csv.writer(out)
    w.writerow(["source", "source_label", "target", "target_label", "type", "relation", "role", "task", "deadline"])
    for e in edges(session):
        w.writerow([e["source"], labels.get(e["source"], ""), e["target"], labels.get(e["target"], ""), e["type"],
                    e.get("relation") or "", e.get("role") or "", e.get("task") or "", e.get("deadline") or ""])


def _graphml(session: Session, out: TextIO) -> None:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for name, scope, kind in _KEYS:
        out.write(f'  <key id="{name}" for="{scope}" attr.name="{name}" attr.type="{kind}"/>\n')
    out.write('  <graph id="congvan" edgedefault="directed">\n')
    for n in nodes(session):
        out.write(f"    <node id={quoteattr(n['id'])}>{_data(n, 'id')}</node>\n")
    for i, e in enumerate(edges(session)):
        out.write(f"    <edge id=\"e{i}\" source={quoteattr(e['source'])} target={quoteattr(e['target'])}>"
                  f"{_data(e, 'source', 'target')}</edge>\n")
    out.write("  </graph>\n</graphml>\n")


def xml_text(value: str) -> str:
    """`value` with the characters XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", value)


def _data(item: dict[str, Any], *skip: str) -> str:
    parts = []
    for k, v in item.items():
        if k in skip or v is None:
            continue
        value = str(v).lower() if isinstance(v, bool) else str(v)
        parts.append(f'<data key="{k}">{escape(xml_text(value), _CR)}</data>')
    return "".join(parts)


GOLD_KEYS = ("doc_type", "number", "symbol", "issue_date", "place", "issuer", "subject", "recipients", "cc",
             "signer", "references", "tasks")


def gold(session: Session, out_dir: Path, corrected: bool = True) -> tuple[list[Path], list[str]]:
    """Each document's record as a gold record (`congvan eval --gold` reads them), one per name its
    sources were found under (<stem>.json, as eval pairs a corpus file with its gold); with
    `corrected`, only documents an archivist corrected, so every correction becomes regression
    data. Returns the files written and the names left out because two documents claim them."""
    from ..storage.corrections import corrected_ids, current

    ids = corrected_ids(session) if corrected else list(session.scalars(
        select(Document.id).where(Document.is_stub.is_(False)).order_by(Document.id)))
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    clashes: list[str] = []
    owner: dict[str, int] = {}
    for i in range(0, len(ids), _BATCH):
        for doc in session.scalars(select(Document).where(Document.id.in_(ids[i:i + _BATCH])).order_by(Document.id)):
            if doc.is_stub or not doc.sources:
                continue
            view = current(session, doc)
            record = {k: view.get(k) for k in GOLD_KEYS}
            text = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
            for stem in sorted({Path(p.path).stem for s in doc.sources for p in s.path_rows} or
                               {Path(s.path).stem for s in doc.sources}):
                if owner.setdefault(stem, doc.id) != doc.id:
                    clashes.append(stem)
                    continue
                target = out_dir / f"{stem}.json"
                target.write_text(text, encoding="utf-8")
                written.append(target)
    return written, clashes
