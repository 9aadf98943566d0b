"""The development corpus is what SOURCES.md says it is: every input real bytes from a named
repository, path and commit, none taken twice or from the development set, each with a gold record
in the spec's shape, and the blind third a list of documents that exist. A collector who takes the
same file twice (it happened: two collectors at once) or forgets a source row fails here, before a
figure is computed on a corpus that is not the one described."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from tests.conftest import ROOT, SHARED

CORPUS = ROOT / "tests" / "corpus"
SPEC_KEYS = {"doc_type", "number", "symbol", "issue_date", "place", "issuer", "subject", "recipients", "cc",
             "signer", "references", "tasks"}
_SOURCE_ROW = re.compile(r"^\| (?P<file>[\w.]+) \| (?P<repo>[\w.-]+/[\w.-]+) \| `?(?P<path>[^`|]+)`? \| (?P<commit>[0-9a-f]{40}) \|")
_STEM_ROW = re.compile(r"^\| (?P<stem>\w+) \| (?P<type>[^|]+) \| (?P<tasks>\d+) \| (?P<blind>yes|) \|$")


def _inputs() -> dict[str, Path]:
    return {p.name: p for p in (CORPUS / "inputs").iterdir() if p.is_file()}


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _blind() -> set[str]:
    return {ln.strip() for ln in (CORPUS / "BLIND").read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")}


def test_every_input_has_its_source_row_and_a_gold_record_in_the_spec_shape() -> None:
    text = (CORPUS / "SOURCES.md").read_text(encoding="utf-8").splitlines()
    rows = {m["file"]: m for ln in text if (m := _SOURCE_ROW.match(ln))}
    for name, path in _inputs().items():
        assert name in rows, f"{name}: no row (repository, path, commit) in SOURCES.md"
        gold = CORPUS / "gold" / f"{path.stem}.json"
        assert gold.is_file(), f"{name}: no gold record"
        missing = SPEC_KEYS - set(json.loads(gold.read_text(encoding="utf-8")))
        assert not missing, f"{gold.name}: lacks {sorted(missing)}"
    assert {p.stem for p in (CORPUS / "gold").glob("*.json")} == {p.stem for p in _inputs().values()}


def test_no_file_is_taken_twice_or_from_the_development_set() -> None:
    seen: dict[str, str] = {}
    for name, path in sorted(_inputs().items()):
        sha = _sha(path)
        assert sha not in seen, f"{name} is the same file as {seen[sha]}"
        seen[sha] = name
    for other in [*(ROOT / "tests" / "regression" / "corpus").rglob("*"), *(SHARED / "corpus").rglob("*")]:
        if other.is_file() and other.suffix not in {".md", ".json"}:
            assert _sha(other) not in seen, f"{seen.get(_sha(other))} is {other}"


def test_the_stem_table_agrees_with_the_gold_and_the_blind_list() -> None:
    """The table a reader consults says how many tasks each record holds and which are blind."""
    lines = (CORPUS / "SOURCES.md").read_text(encoding="utf-8").splitlines()
    table = {m["stem"]: m for ln in lines if (m := _STEM_ROW.match(ln))}
    blind = _blind()
    assert blind <= set(table), sorted(blind - set(table))
    for stem, row in table.items():
        tasks = len(json.loads((CORPUS / "gold" / f"{stem}.json").read_text(encoding="utf-8"))["tasks"] or [])
        assert int(row["tasks"]) == tasks, stem  # only counts in the message: blind records stay unread
        assert (row["blind"] == "yes") == (stem in blind), stem
