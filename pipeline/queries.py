"""Analyst queries over the graph: who assigned what to whom, by when, on whose authority."""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from models import Document, Organization, OrganizationAlias, Reference, Task, TaskAssignee

from .normalize import fold


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", fold(text)).strip()


def tasks(session: Session, assignee: str | None = None, issuer: str | None = None,
          due_before: str | None = None, overdue: bool = False) -> list[dict[str, Any]]:
    q = select(Task).join(Document, Task.document_id == Document.id).order_by(Document.issue_date, Task.id)
    if assignee:
        k = f"%{_key(assignee)}%"
        orgs = select(TaskAssignee.task_id).join(Organization).outerjoin(OrganizationAlias).where(
            (Organization.key.like(k)) | (OrganizationAlias.key.like(k)))
        q = q.where(Task.id.in_(orgs))
    if issuer:
        k = f"%{_key(issuer)}%"
        iss = aliased(Organization)
        q = q.join(iss, Document.issuer_id == iss.id).where(iss.key.like(k))
    if due_before:
        q = q.where(Task.deadline.is_not(None), Task.deadline < due_before)
    if overdue:
        q = q.where(Task.deadline.is_not(None), Task.deadline < date.today().isoformat())
    out = []
    for t in session.scalars(q):
        d = t.document
        out.append({
            "document": d.number or "(no number)", "doc_type": d.doc_type, "issued": d.issue_date,
            "issuer": d.issuer.name if d.issuer else d.issuer_text,
            "assigned_by": t.assigned_by.number if t.assigned_by else None,
            "assignees": [{"name": a.printed, "role": a.role} for a in t.assignees],
            "task": t.text, "deadline": t.deadline, "ordinal": t.ordinal,
        })
    return out


def show(session: Session, number: str) -> list[dict[str, Any]]:
    out = []
    for d in session.scalars(select(Document).where(Document.number == number)):
        rec = dict(d.record or {})
        rec.pop("provenance", None)
        rec.pop("entities", None)
        out.append({
            "id": d.id, "number": d.number, "doc_type": d.doc_type, "issue_date": d.issue_date,
            "issuer": d.issuer.name if d.issuer else d.issuer_text, "subject": d.subject, "stub": d.is_stub,
            "sources": [s.path for s in d.sources],
            "cites": [_ref(session, r.to_id, r.relation) for r in session.scalars(select(Reference).where(Reference.from_id == d.id))],
            "cited_by": [_ref(session, r.from_id, r.relation) for r in session.scalars(select(Reference).where(Reference.to_id == d.id))],
            "signer": rec.get("signer"), "tasks": len(d.tasks),
        })
    return out


def _ref(session: Session, doc_id: int, relation: str) -> dict[str, Any]:
    d = session.get(Document, doc_id)
    assert d is not None
    return {"number": d.number, "date": d.issue_date, "relation": relation, "stub": d.is_stub}
