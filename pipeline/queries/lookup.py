"""Analyst queries over the graph: who assigned what to whom, by when, on whose authority.

Each query is a fixed number of SQL statements whatever the size of the answer (the reference
chain is one recursive query, tasks and their assignees are loaded in bulk), so the times that
`scripts/bench_queries.py` measures on 100,000 documents hold for a real archive.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import Any, Literal

from sqlalchemy import Integer, String, exists, func, literal, select, text
from sqlalchemy.orm import Session, aliased, joinedload, selectinload

from extractors.text import fold, name_key
from models import (
    Document,
    DocumentText,
    Organization,
    OrganizationAlias,
    Provenance,
    Recipient,
    Reference,
    Signature,
    Source,
    SourceSignature,
    Task,
    TaskAssignee,
)

from ..errors import UsageError
from ..storage import corrections

# A query longer than this is refused as a usage error (PostgreSQL's text search parser runs
# out of stack near 10,000 words, long before an analyst types that many).
MAX_QUERY_CHARS = 1000
MAX_QUERY_WORDS = 64

def shown_number(number: str | None, symbol: str | None) -> str:
    """How a document is named when its number was left blank ("Số:    /UBND")."""
    return number or (f"…/{symbol}" if symbol else "(no number)")


def _check_length(what: str, value: str) -> None:
    if len(value) > MAX_QUERY_CHARS:
        raise UsageError(f"{what} is {len(value)} characters long; the limit is {MAX_QUERY_CHARS}")


def _filter_key(what: str, value: str) -> str:
    """The folded key a name filter matches on; one that folds to nothing would match every row."""
    _check_length(what, value)
    key = name_key(value)
    if not key:
        raise UsageError(f"{what} {value!r} has no letters or digits to match on")
    return key


def _orgs_like(key: str) -> Any:
    k = f"%{key}%"
    by_name = select(Organization.id).where(Organization.key.like(k))
    by_alias = select(OrganizationAlias.organization_id).where(OrganizationAlias.key.like(k))
    return by_name.union(by_alias)


def tasks(session: Session, assignee: str | None = None, issuer: str | None = None,
          due_before: str | None = None, overdue: bool = False, limit: int | None = None) -> list[dict[str, Any]]:
    """Tasks, earliest document first; assignee and issuer match names and aliases loosely."""
    return list(iter_tasks(session, assignee, issuer, due_before, overdue, limit))


def iter_tasks(session: Session, assignee: str | None = None, issuer: str | None = None,
               due_before: str | None = None, overdue: bool = False, limit: int | None = None,
               batch: int = 2000) -> Iterator[dict[str, Any]]:
    """`tasks` as a stream, `batch` rows at a time with their assignees, so that CSV and JSON of
    every task in a large archive start at once and hold one batch in memory.

    Plain rows, not ORM objects: a broad assignee ("phong") can match tens of thousands of tasks.
    """
    issuer_org, by = aliased(Organization), aliased(Document)
    q = (select(Task.id, Task.ordinal, Task.text, Task.deadline, Document.number, Document.symbol,
                Document.doc_type, Document.issue_date, Document.issuer_text, issuer_org.name.label("issuer"),
                by.number.label("assigned_by"))
         .join(Document, Task.document_id == Document.id).outerjoin(issuer_org, issuer_org.id == Document.issuer_id)
         .outerjoin(by, by.id == Task.assigned_by_id))
    if assignee is not None:
        by_assignee = _orgs_like(_filter_key("--assignee", assignee))
        if limit is not None and _broad(session, by_assignee, limit):
            # Walk the tasks in the order shown, keeping those with a matching assignee, until `limit`:
            # `+ 0` keeps the planner off the (organization, task) index, which would probe every
            # matched body for each task.
            q = q.where(exists().where(TaskAssignee.task_id == Task.id,
                                       (TaskAssignee.organization_id + 0).in_(by_assignee)))
        else:
            q = q.where(Task.id.in_(select(TaskAssignee.task_id).where(TaskAssignee.organization_id.in_(by_assignee))))
    if issuer is not None:
        q = q.where(Document.issuer_id.in_(_orgs_like(_filter_key("--issuer", issuer))))
    if due_before:
        q = q.where(Task.deadline.is_not(None), Task.deadline < due_before)
    if overdue:
        q = q.where(Task.deadline.is_not(None), Task.deadline < date.today().isoformat())
    result = session.execute(q.order_by(Document.issue_date, Task.id).limit(limit).execution_options(yield_per=batch))
    for rows in result.partitions():
        people = _assignees(session, [r.id for r in rows])
        yield from ({"document": shown_number(r.number, r.symbol), "doc_type": r.doc_type,
                     "issued": r.issue_date, "issuer": r.issuer or r.issuer_text, "assigned_by": r.assigned_by,
                     "assignees": people.get(r.id, []), "task": r.text, "deadline": r.deadline, "ordinal": r.ordinal}
                    for r in rows)


def _broad(session: Session, orgs: Any, limit: int) -> bool:
    """Whether so many tasks match that walking all tasks in date order finds `limit` of them sooner
    than sorting every match: the walk reads about limit x tasks / matched tasks, the sort `matched`
    (the broad "phong kinh te" matches 47,000 of 500,000 tasks; one body about 250)."""
    matched = session.scalar(select(func.count()).select_from(TaskAssignee).where(TaskAssignee.organization_id.in_(orgs))) or 0
    total = session.scalar(select(func.max(Task.id))) or 0
    return matched * matched >= 4 * limit * total


def _assignees(session: Session, task_ids: list[int]) -> dict[int, list[dict[str, str]]]:
    out: dict[int, list[dict[str, str]]] = defaultdict(list)
    for i in range(0, len(task_ids), 5000):
        chunk = task_ids[i:i + 5000]
        for a in session.execute(select(TaskAssignee.task_id, TaskAssignee.printed, TaskAssignee.role)
                                 .where(TaskAssignee.task_id.in_(chunk)).order_by(TaskAssignee.id)):
            out[a.task_id].append({"name": a.printed, "role": a.role})
    return out


def number_key(number: str) -> str:
    """How typed numbers are compared: accents, case, spaces and dash style ignored
    ("410/qd - ubnd" and "410/QĐ-UBND" are one key)."""
    return re.sub(r"\s+", "", fold(unicodedata.normalize("NFC", number))).translate(_DASHES)


_DASHES = str.maketrans("‐‑‒–—―−", "-------")


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
    """The fields left null because their evidence was weak, with the value not taken and why
    (from each source's own record; a field another source filled is not listed)."""
    out: dict[str, dict[str, Any]] = {}
    for s in d.sources:
        for field, prov in ((s.record or {}).get("provenance") or {}).items():
            if isinstance(prov, dict) and prov.get("abstained") and field not in out and not getattr(d, field, None):
                out[field] = {"candidate": prov.get("candidate"), "reason": prov.get("reason"), "check": prov.get("check"),
                              "source": s.path, "page": prov.get("page")}
    return out



def signature_shown(path: str, g: SourceSignature) -> dict[str, Any]:
    """One signature of a source as `show` lists it: who, when, what it covers, whether it holds."""
    if g.error:
        return {"source": path, "field": g.field_name, "result": g.error}
    if g.kind != "digital":  # a stamp printed on the page: what it says, with nothing checked
        return {"source": path, "kind": g.kind, "page": g.page,
                "signer": ", ".join(x for x in (g.signer_cn, g.signer_o, g.signer_email) if x),
                "signed": g.signing_time, "trust": g.trust}
    signer = ", ".join(x for x in (g.signer_cn, g.signer_o, g.signer_l, g.signer_email) if x)
    after = f" (then {g.added_after})" if g.added_after else ""
    return {"source": path, "field": g.field_name, "page": g.page, "signer": signer,
            "issuer": ", ".join(x for x in (g.issuer_cn, g.issuer_o) if x), "signed": g.signing_time,
            "M": g.dictionary_time, "app": g.application, "covers": f"{g.covers}{after}",
            "intact": "yes" if g.intact else "NO: the signed bytes changed",
            "digest": f"{g.digest} (weak)" if g.weak_digest else g.digest, "trust": g.trust}


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


def search(session: Session, query: str, limit: int | None = 20) -> list[dict[str, Any]]:
    """Full-text search, accents and case ignored; every word must occur, documents holding
    the words as a phrase come first, then by relevance (BM25 on SQLite). No limit when None."""
    words, ranked = search_ranked(session, query, limit)
    return _hits(session, ranked, words)


def search_ranked(session: Session, query: str, limit: int | None = 20) -> tuple[list[str], list[tuple[int, float]]]:
    """The folded words of `query` and the (document id, score) of its hits, best first."""
    _check_length("the search", query)
    words = re.findall(r"[a-z0-9]+", fold(query))
    if not words:
        raise UsageError(f"the search {query!r} has no letters or digits to match on")
    if len(words) > MAX_QUERY_WORDS:
        raise UsageError(f"the search has {len(words)} words; the limit is {MAX_QUERY_WORDS}")
    if session.get_bind().dialect.name == "sqlite":
        ranked: list[tuple[int, float]] = []
        every = " ".join(f'"{w}"' for w in words)
        # the phrase's matches are among every word's, so one bound serves both queries
        bound = 0 if limit is None else session.scalar(_FTS_NEWEST, {"q": every, "n": max(SEARCH_CANDIDATES, limit)}) or 0
        for match in ('"' + " ".join(words) + '"', every):
            hits = session.execute(_FTS_RANKED, {"q": match, "bound": bound, "n": -1 if limit is None else limit}).all()
            have = {i for i, _ in ranked}
            ranked += [(h.rowid, -h.score) for h in hits if h.rowid not in have]
            if len(words) == 1:
                break
        return words, ranked[:limit]
    return words, _pg_ranked(session, words, limit)


# A limited search ranks at most this many matches, the newest (highest document id): BM25 is
# computed for every row it ranks, and two common words match most of an archive (80,000 of
# 100,000 documents took 110 ms to rank; the newest 5,000 take 5). The scores are the same (FTS5
# takes each word's frequency from the whole index); `--limit 0` ranks every match.
SEARCH_CANDIDATES = 5000
# The rowid bound is a range FTS5 seeks to in each word's list, so the rows below it are never scored.
_FTS_RANKED = text("SELECT rowid, bm25(document_fts) AS score FROM document_fts "
                   "WHERE document_fts MATCH :q AND rowid >= :bound ORDER BY score LIMIT :n")
_FTS_NEWEST = text("SELECT rowid FROM document_fts WHERE document_fts MATCH :q ORDER BY rowid DESC LIMIT 1 OFFSET :n - 1")

# The expression of migration 0003's GIN index (the index is used only when this matches it).
PG_SEARCH_VECTOR = "to_tsvector('congvan', regexp_replace(body, '[-/.@_:]+', ' ', 'g'))"


def _pg_ranked(session: Session, words: list[str], limit: int | None) -> list[tuple[int, float]]:
    """PostgreSQL's own text search (unaccent configuration): all words, the phrase first
    (LIMIT NULL is no limit)."""
    sql = text(f"SELECT document_id, ts_rank_cd({PG_SEARCH_VECTOR}, q) + "
               f"CASE WHEN {PG_SEARCH_VECTOR} @@ to_tsquery('congvan', :phrase) THEN 1000 ELSE 0 END AS score "
               f"FROM document_text, to_tsquery('congvan', :all) AS q WHERE {PG_SEARCH_VECTOR} @@ q "
               "ORDER BY score DESC, document_id LIMIT :n")
    rows = session.execute(sql, {"all": " & ".join(words), "phrase": " <-> ".join(words), "n": limit}).all()
    return [(r.document_id, float(r.score)) for r in rows]


def hits(session: Session, ranked: list[tuple[int, float]], words: list[str]) -> list[dict[str, Any]]:
    """Search hits for these ranked ids: the document's fields and a snippet around the match."""
    return _hits(session, ranked, words)


def _hits(session: Session, ranked: list[tuple[int, float]], words: list[str]) -> list[dict[str, Any]]:
    ids = [i for i, _ in ranked]
    docs = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(ids)).options(
        joinedload(Document.issuer)))}
    texts = {t.document_id: t for t in session.scalars(select(DocumentText).where(DocumentText.document_id.in_(ids)))}
    paths = dict(session.execute(select(Source.document_id, Source.path).where(Source.document_id.in_(ids))).all())
    out = []
    for i, score in ranked:
        d, t = docs[i], texts.get(i)
        out.append({"id": i, "number": d.number, "doc_type": d.doc_type, "date": d.issue_date,
                    "issuer": d.issuer.name if d.issuer else d.issuer_text, "subject": d.subject,
                    "score": round(score, 6), "snippet": snippet(t.body, t.folded, words) if t else "",
                    "source": paths.get(i)})
    return out


def snippet(body: str, folded: str, words: list[str], width: int = 160) -> str:
    """The stretch of the original text around the first match (folded text aligns char for char)."""
    phrase = re.compile(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b")
    m = phrase.search(folded) or re.search(r"\b(" + "|".join(map(re.escape, words)) + r")\b", folded)
    at = m.start() if m else 0
    start = max(0, at - width // 3)
    piece = " ".join(body[start:start + width].split())
    return ("…" if start else "") + piece + ("…" if start + width < len(body) else "")

