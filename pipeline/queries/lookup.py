"""Analyst queries over the graph: who assigned what to whom, by when, on whose authority.

Each query is a fixed number of SQL statements whatever the size of the answer (the reference
chain is one recursive query, tasks and their assignees are loaded in bulk), so the times that
`scripts/bench_queries.py` measures on 100,000 documents hold for a real archive.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Literal

from sqlalchemy import Integer, String, literal, select
from sqlalchemy.orm import Session, aliased, joinedload, selectinload

from models import (
    Document,
    Organization,
    Provenance,
    Recipient,
    Reference,
    Signature,
    Source,
    Task,
    TaskAssignee,
)

from ..errors import UsageError
from ..storage import corrections
from .listing import (  # noqa: F401  (tasks and search live there, in SQL text; re-exported for callers)
    MAX_QUERY_CHARS,
    MAX_QUERY_WORDS,
    PG_SEARCH_VECTOR,
    SEARCH_CANDIDATES,
    hits,
    iter_tasks,
    search,
    search_ranked,
    shown_number,
    snippet,
    tasks,
)
from .listing import check_length as _check_length
from .shown import abstentions, number_key, signature_shown  # noqa: F401  (the ORM's `show` and the standard library's share them)


def forgiven_numbers(session: Session, number: str) -> list[str]:
    """The stored numbers other than `number` itself that equal it by number_key: what a lookup
    tries when the exact number missed (a scan of the distinct numbers, so only then)."""
    key = number_key(number)
    return [n for n in _stored_numbers(session) if n != number and number_key(n) == key]


def nearest_numbers(session: Session, number: str, n: int = 5) -> list[str]:
    """Stored numbers that look most like `number`, best first (what to suggest on a miss)."""
    from rapidfuzz import fuzz, process

    stored = _stored_numbers(session)
    keys = [number_key(s) for s in stored]
    found = process.extract(number_key(number), keys, scorer=fuzz.ratio, limit=n, score_cutoff=60)
    return [stored[i] for _, _, i in found]


def _stored_numbers(session: Session) -> list[str]:
    return list(session.scalars(select(Document.number).where(Document.number.is_not(None)).distinct()
                                .order_by(Document.number)))


def show(session: Session, number: str) -> list[dict[str, Any]]:
    """Every document with that number (as matching_numbers forgives it), each with its sources,
    fields, references both ways, tasks."""
    _check_length("the number", number)

    def lookup(numbers: list[str]) -> list[Document]:
        return list(session.scalars(select(Document).where(Document.number.in_(numbers)).order_by(Document.id)
                                    .options(*_SHOWN)).unique().all())

    docs = lookup([number]) or lookup(forgiven_numbers(session, number))
    return [_document(session, d) for d in docs]


# What a shown document reads: its sources with their signatures, its issuer, its tasks with their assignees.
_SHOWN = (selectinload(Document.sources).selectinload(Source.signature_rows), joinedload(Document.issuer),
          selectinload(Document.tasks).selectinload(Task.assignees))


def show_id(session: Session, doc_id: int) -> dict[str, Any] | None:
    """The document with this id, as `show` gives each (a web page names a document by id)."""
    d = session.scalar(select(Document).where(Document.id == doc_id).options(*_SHOWN))
    return _document(session, d) if d is not None else None


def _document(session: Session, d: Document) -> dict[str, Any]:
    sig = session.scalar(select(Signature).where(Signature.document_id == d.id).options(joinedload(Signature.person)))
    paths = {s.id: s.path for s in d.sources}
    recipients = session.scalars(select(Recipient).where(Recipient.document_id == d.id)).all()
    provenance = session.scalars(select(Provenance).where(Provenance.document_id == d.id)).all()
    history = corrections.history(session, d.id)
    live = {c.id for c in corrections.in_force(history)}
    return {
        "id": d.id, "number": d.number, "doc_type": d.doc_type, "issue_date": d.issue_date, "place": d.place,
        "issuer": d.issuer.name if d.issuer else d.issuer_text, "subject": d.subject, "stub": d.is_stub,
        "sources": [s.path for s in d.sources],
        "read_as": {s.path: s.text_source for s in d.sources},
        "signer": {"name": sig.person.name if sig.person else None, "title": sig.title,
                   "authority": sig.authority} if sig else None,
        "recipients": [r.text for r in recipients if r.kind == "to"],
        "cc": [r.text for r in recipients if r.kind == "cc"],
        "cites": _neighbours(session, d.id, "cites"), "cited_by": _neighbours(session, d.id, "cited_by"),
        "tasks": [{"index": i, "ordinal": t.ordinal, "assignees": [{"name": a.printed, "role": a.role} for a in t.assignees],
                   "task": t.text, "deadline": t.deadline} for i, t in enumerate(d.tasks)],
        "value_sources": {p.field: {"source": paths.get(p.source_id), "rule": p.rule, "page": p.page,
                                    "start": p.start, "end": p.end} for p in provenance},
        "corrections": [{"id": c.id, "path": c.path, "old": c.old_value, "new": c.new_value, "author": c.author,
                         "at": c.created_at.isoformat(sep=" ", timespec="seconds") if c.created_at else None,
                         "note": c.note, "reverts": c.reverts, "in_force": c.id in live} for c in history],
        "abstained": _abstained(d),
        "digital_signatures": [signature_shown(s.path, g) for s in d.sources for g in s.signature_rows],
        "archive_copies": [{"source": s.path, "copy": s.archive_path, "sha256": s.archive_sha256}
                           for s in d.sources if s.archive_path],
    }


def _abstained(d: Document) -> dict[str, dict[str, Any]]:
    """The fields left null because their evidence was weak (shown.abstentions over the ORM's sources)."""
    return abstentions(((s.path, s.record) for s in d.sources), lambda field: getattr(d, field, None))



def _neighbours(session: Session, doc_id: int, way: Literal["cites", "cited_by"]) -> list[dict[str, Any]]:
    near, far = (Reference.from_id, Reference.to_id) if way == "cites" else (Reference.to_id, Reference.from_id)
    rows = session.execute(select(Document, Reference.relation).join(Reference, far == Document.id)
                           .where(near == doc_id).order_by(Reference.id))
    return [{"id": d.id, "number": shown_number(d.number, d.symbol), "date": d.issue_date, "relation": rel,
             "stub": d.is_stub} for d, rel in rows]


def trace(session: Session, number: str, direction: Literal["up", "down"] = "down", depth: int = 5) -> list[dict[str, Any]]:
    """The reference chain from every document with `number`, as nested nodes.

    Down: the documents that implement or cite it, and theirs, with each one's tasks (how a
    directive travelled down the hierarchy). Up: what it cites, and what those cite. One
    recursive query for the chain, one for the tasks of every node. A document reached by two
    paths (or round a cycle) is shown in full once (see _nodes); elsewhere it is a node with
    "repeat": true, "see": "above" or "below", and no tasks or children.
    """
    if depth < 0:
        raise UsageError(f"--depth must be 0 or more, not {depth}")
    _check_length("the number", number)
    rows = _chain(session, [number], direction, depth) or _chain(session, forgiven_numbers(session, number), direction, depth)
    node_tasks = _tasks_of(session, {r.id for r in rows}) if direction == "down" else {}
    return _nodes(rows, node_tasks, depth)


def _chain(session: Session, numbers: list[str], direction: Literal["up", "down"], depth: int) -> list[Any]:
    """Every (document, parent, depth) the chain from `numbers` reaches, in one recursive query."""
    child_col, parent_col = (Reference.from_id, Reference.to_id) if direction == "down" else (Reference.to_id, Reference.from_id)
    seed = select(Document.id.label("id"), literal(None, Integer).label("parent"), literal(0).label("depth"),
                  literal(None, String).label("relation"))
    seed = seed.where(Document.number.in_(numbers))
    tree = seed.cte("tree", recursive=True)
    step = select(child_col, tree.c.id, tree.c.depth + 1, Reference.relation) \
        .join(tree, parent_col == tree.c.id).where(tree.c.depth < depth)
    # UNION, not UNION ALL: a document reached by many paths is one row per (parent, depth),
    # so the rows grow with the edges, not with the number of paths.
    tree = tree.union(step)
    org = aliased(Organization)
    rows = session.connection().execute(
        select(tree.c.id, tree.c.parent, tree.c.depth, tree.c.relation, Document.number, Document.symbol,
               Document.doc_type, Document.issue_date, Document.subject, Document.is_stub, org.name, Document.issuer_text)
        .join(Document, Document.id == tree.c.id).outerjoin(org, org.id == Document.issuer_id)
        .order_by(tree.c.depth, Document.issue_date, Document.id)).all()
    return list(rows)


def _nodes(rows: list[Any], node_tasks: dict[int, list[dict[str, Any]]], depth: int) -> list[dict[str, Any]]:
    """The chain's rows as a tree, each document in full once and referred to wherever else it is reached.

    A document is shown in full at the end of the longest chain that reaches it (a dispatch that
    cites the plan and also implements the plan's follow-up sits under the follow-up, how the
    directive travelled down); edges that close a cycle do not count. The chain's documents are
    those within `depth` steps; the longest chain may nest them deeper than that.
    """
    about = {r.id: r for r in rows}
    roots: list[int] = []
    below: dict[int, list[tuple[int, str]]] = defaultdict(list)  # document -> (next document, relation), by date
    edges: set[tuple[int, int]] = set()
    for r in rows:
        if r.parent is None:
            roots += [r.id] if r.id not in roots else []
        elif (r.parent, r.id) not in edges:
            edges.add((r.parent, r.id))
            below[r.parent].append((r.id, r.relation))
    level = _longest_chain(roots, below)
    out: list[dict[str, Any]] = []
    shown: set[int] = set()
    todo: list[tuple[int, str | None, int, list[dict[str, Any]]]] = [(i, None, 0, out) for i in reversed(roots)]
    while todo:  # depth first, in the order printed
        doc_id, relation, at, siblings = todo.pop()
        r = about[doc_id]
        full = doc_id not in shown and at == level[doc_id]
        node = {"id": doc_id, "number": r.number, "symbol": r.symbol, "doc_type": r.doc_type, "date": r.issue_date,
                "issuer": r.name or r.issuer_text, "subject": r.subject, "stub": r.is_stub, "relation": relation,
                "depth": at, "repeat": not full, "see": None if full else "above" if doc_id in shown else "below",
                "tasks": [], "children": []}
        siblings.append(node)
        if full:
            shown.add(doc_id)
            node["tasks"] = node_tasks.get(doc_id, [])
            todo += [(c, rel, at + 1, node["children"]) for c, rel in reversed(below[doc_id])]
    return out


def _longest_chain(roots: list[int], below: dict[int, list[tuple[int, str]]]) -> dict[int, int]:
    """Each document's level: 0 for a root, else the longest chain from a root without closing a cycle
    (a depth-first search drops the edges back to a document on its own path)."""
    state: dict[int, int] = {}  # 1 on the current path, 2 finished
    finished: list[int] = []
    back: set[tuple[int, int]] = set()
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        path = [(root, iter(below[root]))]
        while path:
            v, nexts = path[-1]
            for c, _ in nexts:
                if state.get(c) == 1:
                    back.add((v, c))
                elif c not in state:
                    state[c] = 1
                    path.append((c, iter(below[c])))
                    break
            else:
                state[v] = 2
                finished.append(v)
                path.pop()
    level = dict.fromkeys(roots, 0)
    for v in reversed(finished):  # a topological order of the edges that remain
        for c, _ in below[v]:
            if (v, c) not in back and c not in roots:
                level[c] = max(level.get(c, 0), level[v] + 1)
    return level


def _tasks_of(session: Session, doc_ids: set[int]) -> dict[int, list[dict[str, Any]]]:
    """The tasks of these documents with their assignees, in one query (a list of every task's id
    cost more to compile and bind than the query took)."""
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if not doc_ids:
        return out
    # on the connection: plain rows, without the ORM's result layer (a thousand tasks a trace)
    rows = session.connection().execute(select(Task.id, Task.document_id, Task.ordinal, Task.deadline, Task.text,
                                               TaskAssignee.id.label("assignee"), TaskAssignee.printed, TaskAssignee.role)
                                        .outerjoin(TaskAssignee, TaskAssignee.task_id == Task.id)
                                        .where(Task.document_id.in_(doc_ids)).order_by(Task.id, TaskAssignee.id)).all()
    last: int | None = None
    for task_id, doc_id, ordinal, deadline, task, assignee, printed, role in rows:
        if task_id != last:
            last = task_id
            people: list[dict[str, str]] = []
            out[doc_id].append({"ordinal": ordinal, "deadline": deadline, "task": task, "assignees": people})
        if assignee is not None:
            people.append({"name": printed, "role": role})
    return out
