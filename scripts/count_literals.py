"""Count the knowledge written in code (issue 25, 'knowledge is data').

    python scripts/count_literals.py [--list] [--json]

Over the Python files of extractors/ and pipeline/ (docstrings left out):

- regexes: every call of re.compile, re.search, re.match, re.fullmatch, re.sub, re.subn, re.split,
  re.findall, re.finditer whose pattern is written in the call, in whole or in part (a string
  literal, an f-string, or a concatenation holding one); a pattern passed by name is not inline
  at the call (the literal it names is counted where it is written, as a phrase when it is one).
- phrases: string literals that hold Vietnamese, either with its letters ('Phó', 'kiêm') or folded
  ('cac ', 'ubnd', r'luu\\s*:'): a literal counts when one of its pieces (the literal, or for a regex
  each alternative with its escapes, classes and groups read as the letters they stand for) has a
  Vietnamese letter or is a run of words of the data files' folded vocabulary (one word of two
  letters alone is not enough: 'so', 'to', 'do' are ids and English too).
- repeats: the phrases one of whose pieces, folded, is an entry of a data file (extractors/data/*.txt|tsv|json,
  pipeline/data/*.txt|tsv|json: a line, a tab-separated cell or a comma-separated part of one, a JSON
  string; markers.tsv's ids are names of entries, not entries, and a literal that is such a name
  (`"luu"`, `"so"`) is no phrase). Editing that file changes only part of
  the behaviour while the code keeps its own copy: issue 25 calls each such literal a bug.

`--list` prints each literal with its place; `--json` prints the figures as JSON.
"""
from __future__ import annotations

import argparse
import ast
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = ("extractors", "pipeline")
DATA = ("extractors/data", "pipeline/data")
SKIP_DATA = frozenset({"legacy_encodings.json", "admin_vocabulary.txt"})  # character maps; the diacritic model's corpus
ID_COLUMNS = ("markers.tsv", "task_shapes.tsv", "item_markers.tsv")  # files whose first column names each row
RE_CALLS = frozenset({"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"})
# letters only Vietnamese (or another language with diacritics) writes: any letter with a combining mark, and đ
_VIETNAMESE = re.compile(r"[đĐ]|[^\W\d_](?=[\u0300-\u036f])")


def fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def words_of(text: str) -> str:
    """Folded text as words of letters and digits, one blank between them."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def regexy(text: str) -> bool:
    return bool(re.search(r"\\[sbdwSBDW]|[\[(|]|\\.", text))


def de_regex(pattern: str) -> list[str]:
    """The plain pieces of a pattern: the whole and each alternative, groups read in their place,
    classes as their first letter, escapes of blanks as a blank, quantifiers and anchors gone."""
    p = re.sub(r"\(\?P<\w+>|\(\?[:=!]|\(\?<[=!]|\(\?[aiLmsux]+\)", "(", pattern)
    p = re.sub(r"\\[sbBAZ]|\\n|\\t", " ", p)
    p = re.sub(r"\\[dwDWS]", " ", p)
    p = re.sub(r"\[\^[^\]]*\]", " ", p)
    p = re.sub(r"\[([^\]\\]|\\.)[^\]]*\]", lambda m: m.group(1).lstrip("\\") if m.group(1).isalpha() else " ", p)
    p = re.sub(r"\{\d*,?\d*\}|[?*+^$]", "", p)
    p = re.sub(r"\\(.)", r"\1", p)
    p = p.replace("(", " ").replace(")", " ")
    return [s for s in (x.strip(" .,:;") for x in [p, *p.split("|")]) if s]


def pieces(text: str) -> list[str]:
    return de_regex(text) if regexy(text) else [text]


def has_vietnamese_letter(text: str) -> bool:
    return bool(_VIETNAMESE.search(unicodedata.normalize("NFD", text)))


_SYLLABLE = re.compile(r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?")


def syllables(words: str) -> bool:
    """Every word reads as a Vietnamese syllable (the test of extractors/text.py, is_syllable_like)."""
    return bool(words) and all(_SYLLABLE.fullmatch(w) for w in words.split())


@dataclass(frozen=True)
class Literal:
    path: str
    line: int
    text: str
    regex: bool  # the pattern of an inline re call


def data_entries() -> dict[str, str]:
    """Every Vietnamese entry of the data files, as its folded words -> the file that holds it."""
    entries: dict[str, str] = {}

    def add(value: str, source: str) -> None:
        for piece in dict.fromkeys([value, *value.split(",")]):
            for sub in pieces(piece.strip()):
                w = words_of(sub)
                if regexy(piece) and " " not in w:
                    continue  # one word of a data pattern's alternatives ('cac', 'va') is no entry of its own
                if len(w.replace(" ", "")) >= 2 and (has_vietnamese_letter(sub) or syllables(w)
                                                     or source.endswith(".txt") and sub.isupper()):
                    entries.setdefault(w, source)

    def walk(obj: object, source: str) -> None:
        if isinstance(obj, str):
            add(obj, source)
        elif isinstance(obj, dict):
            for k, v in obj.items():
                if not k.startswith("_"):
                    walk(v, source)
        elif isinstance(obj, list):
            for v in obj:
                walk(v, source)

    for folder in DATA:
        for f in sorted((ROOT / folder).iterdir()):
            source = f"{folder}/{f.name}"
            if f.name in SKIP_DATA:
                continue
            if f.suffix == ".json":
                walk(json.loads(f.read_text("utf-8")), source)
            elif f.suffix in (".txt", ".tsv"):
                for ln in f.read_text("utf-8").splitlines():
                    if not ln.strip() or ln.lstrip().startswith("#"):
                        continue
                    cells = ln.split("\t")
                    if f.name == "markers.tsv":
                        cells = cells[1:]  # the id names the entry
                    for c in cells:
                        add(c.strip(), source)
    return entries


def _literal_text(node: ast.AST) -> str | None:
    """The literal parts of a pattern written in place ({…} of an f-string as a blank)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else " " for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal_text(node.left), _literal_text(node.right)
        if left is None and right is None:
            return None
        return (left or " ") + (right or " ")
    return None


def literals(path: Path) -> tuple[list[Literal], list[Literal]]:
    """(inline regex patterns, every other string literal) of one file, docstrings left out."""
    tree = ast.parse(path.read_text("utf-8"))
    rel = str(path.relative_to(ROOT))
    docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    regexes: list[Literal] = []
    in_patterns: set[int] = set()
    for n in ast.walk(tree):
        if (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in RE_CALLS
                and isinstance(n.func.value, ast.Name) and n.func.value.id == "re" and n.args):
            text = _literal_text(n.args[0])
            if text is not None:
                regexes.append(Literal(rel, n.lineno, text, True))
                in_patterns.update(id(x) for x in ast.walk(n.args[0]))
    others = []
    for n in ast.walk(tree):
        if isinstance(n, ast.JoinedStr) and id(n) not in in_patterns:
            others.append(Literal(rel, n.lineno, _literal_text(n) or "", False))
            in_patterns.update(id(x) for x in ast.walk(n))
    for n in ast.walk(tree):
        if (isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
                and id(n) not in in_patterns):
            others.append(Literal(rel, n.lineno, n.value, False))
    return regexes, others


_NAME = re.compile(r"[a-z]+(?:_[a-z]+)+")  # an id ('kinh_gui', 'chu_tri'): a name for data, not a phrase


@cache
def data_ids() -> frozenset[str]:
    """The names data files give their entries (markers.tsv's `so`, `luu`; task_shapes.tsv's `and`): a
    literal that is one names an entry, it does not repeat it."""
    out: set[str] = set()
    for name in ID_COLUMNS:
        for ln in (ROOT / "extractors" / "data" / name).read_text("utf-8").splitlines():
            if ln.strip() and not ln.startswith("#"):
                out.add(ln.split("\t")[0].strip())
    return frozenset(out)


def vietnamese(lit: Literal, entries: dict[str, str], vocabulary: set[str]) -> bool:
    if _NAME.fullmatch(lit.text) or lit.text in data_ids():
        return False
    for piece in pieces(lit.text):
        if has_vietnamese_letter(piece):
            return True
        w = " ".join(x for x in words_of(piece).split() if not x.isdigit())
        if w in entries:
            return True
        if (syllables(w) and all(x in vocabulary for x in w.split())
                and (" " in w or len(w) > 2 or lit.text.endswith(" ")) and not piece.isupper()):
            return True
    return False


def repeated(lit: Literal, entries: dict[str, str]) -> tuple[str, str] | None:
    """(the data entry the literal repeats, its file), if one of its pieces is one."""
    for piece in pieces(lit.text):
        w = words_of(piece)
        if w in entries and (len(w) > 2 or has_vietnamese_letter(piece) or lit.text.endswith(" ")):
            return w, entries[w]
    return None


def count() -> dict[str, object]:
    entries = data_entries()
    vocabulary = {w for e in entries for w in e.split()}
    regexes: list[Literal] = []
    strings: list[Literal] = []
    for folder in CODE:
        for f in sorted((ROOT / folder).rglob("*.py")):
            r, s = literals(f)
            regexes += r
            strings += s
    phrases = [lit for lit in regexes + strings if vietnamese(lit, entries, vocabulary)]
    repeats = [(lit, e) for lit in phrases if (e := repeated(lit, entries))]
    return {"regexes_inline": regexes, "phrases": phrases, "repeats": repeats}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="print each literal with its place")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    figures = count()
    regexes = figures["regexes_inline"]
    phrases = figures["phrases"]
    repeats = figures["repeats"]
    assert isinstance(regexes, list) and isinstance(phrases, list) and isinstance(repeats, list)
    out = {"regexes_inline": len(regexes), "regexes_inline_vietnamese": sum(1 for p in phrases if p.regex),
           "phrases": len(phrases), "phrases_repeating_data": len(repeats)}
    if args.list:
        for lit in regexes:
            print(f"regex   {lit.path}:{lit.line}: {lit.text!r}")
        for lit in phrases:
            print(f"phrase  {lit.path}:{lit.line}: {lit.text!r}")
        for lit, (entry, source) in repeats:
            print(f"repeat  {lit.path}:{lit.line}: {lit.text!r} = {entry!r} of {source}")
    if args.json:
        print(json.dumps(out))
    else:
        print(f"regexes written inline: {out['regexes_inline']} ({out['regexes_inline_vietnamese']} of them Vietnamese)")
        print(f"Vietnamese phrases in code: {out['phrases']}, of which repeat a data entry: {out['phrases_repeating_data']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
