#!/usr/bin/env python3
"""Collect running administrative text for the diacritic model from a repository snapshot.

Every .docx of the snapshot (a git directory, read at one commit with `git show`) is read with
congvan's own .docx reader and kept unless it is, or overlaps, a document the project is scored on:

  * its sha256 is that of a file in tests/corpus/inputs or ../shared/corpus (any depth);
  * its text shares more than MAX_SHARED of its folded syllable 8-grams with one such document,
    or holds more than MAX_SHARED of one such document's 8-grams (a draft of a scored dispatch,
    a copy under another name);
  * and of what is kept, a paragraph is dropped when half its 8-grams occur in a scored document
    (a passage quoted from one).

The scored documents are read as text only (PDF text layers with pdfplumber, .docx, .doc with
antiword, .txt); nothing of them is printed but their names when they match. The text goes to
OUT (gzip, one paragraph a line, documents separated by a blank line) and the list of sources,
with the decision for each file, to OUT's directory as SOURCES.tsv.

Usage: scripts/collect_diacritic_text.py GITDIR --repo OWNER/NAME [--commit HEAD] --out data/diacritic_text/NAME.txt.gz
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.text import fold, normalize_text  # noqa: E402
from pipeline.reading.docx import read_docx  # noqa: E402
from pipeline.reading.files import read_file, usable_text_layer  # noqa: E402

N = 8
MAX_SHARED = 0.2
PARAGRAPH_SHARED = 0.5
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    words = [fold(w) for w in _WORD.findall(normalize_text(text).lower())]
    return {hash(tuple(words[i:i + N])) for i in range(len(words) - N + 1)}


def scored_files(shared: Path) -> Iterator[Path]:
    for top in (ROOT / "tests/corpus/inputs", shared / "corpus"):
        yield from (p for p in sorted(top.rglob("*")) if p.is_file())


def file_text(path: Path, data: bytes, scored: bool = False) -> str:
    """The text of a file; a scored PDF whose text layer is unusable (a scan, a broken font
    encoding) and a scored image are read as congvan reads them (OCR, recorded when
    CONGVAN_OCR_CACHE is set), so a draft of a scanned dispatch is caught too."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            import pdfplumber

            with pdfplumber.open(io.BytesIO(data)) as doc:
                text = "\n".join(p.extract_text() or "" for p in doc.pages)
            return text if not scored or usable_text_layer(text) else read_file(path).text
        if scored and suffix in (".png", ".jpg", ".jpeg", ".tif", ".tiff"):
            return read_file(path).text
        if suffix == ".docx":
            with tempfile.NamedTemporaryFile(suffix=".docx") as f:
                f.write(data)
                f.flush()
                return read_docx(Path(f.name))[0]
        if suffix == ".doc":
            return subprocess.run(["antiword", "-m", "UTF-8.txt", "-"], input=data, capture_output=True,
                                  check=False).stdout.decode("utf-8", "replace")
        if suffix in (".txt", ".md"):
            return data.decode("utf-8", "replace")
    except Exception:  # noqa: BLE001  an unreadable scored file has no text to overlap with
        return ""
    return ""


def git(gitdir: Path, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(gitdir), *args], capture_output=True, check=True).stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gitdir", type=Path)
    ap.add_argument("--repo", required=True, help="owner/name, recorded in SOURCES.tsv")
    ap.add_argument("--commit", default="HEAD")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    commit = git(args.gitdir, "rev-parse", args.commit).decode().strip()

    scored_sha: set[str] = set()
    scored: list[tuple[str, set[int]]] = []
    every: set[int] = set()
    for p in scored_files(args.shared):
        data = p.read_bytes()
        scored_sha.add(hashlib.sha256(data).hexdigest())
        sh = shingles(file_text(p, data, scored=True))
        if sh:
            scored.append((str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else f"../shared/{p.relative_to(args.shared)}", sh))
            every |= sh
    print(f"{len(scored_sha)} scored files, {len(scored)} with text, {len(every)} 8-grams", file=sys.stderr)

    names = [n for n in git(args.gitdir, "ls-tree", "-r", "-z", "--name-only", commit).decode().split("\0")
             if n.lower().endswith(".docx")]
    rows = ["path\tsha256\tdecision"]
    seen_sha: set[str] = set()
    seen_para: set[str] = set()
    out = io.StringIO()
    kept = 0
    for name in sorted(names):
        try:
            data = git(args.gitdir, "show", f"{commit}:{name}")
        except subprocess.CalledProcessError:
            rows.append(f"{name}\t\tleft out: not in the snapshot (a large file listed but absent)")
            continue
        sha = hashlib.sha256(data).hexdigest()
        if sha in scored_sha:
            rows.append(f"{name}\t{sha}\tleft out: same bytes as a scored document")
            continue
        if sha in seen_sha:
            rows.append(f"{name}\t{sha}\tleft out: same bytes as another file here")
            continue
        seen_sha.add(sha)
        text = file_text(Path(name), data)
        sh = shingles(text)
        if not sh:
            rows.append(f"{name}\t{sha}\tleft out: no text")
            continue
        hit = next((f"{doc} ({len(sh & s) / len(sh):.2f} of this, {len(sh & s) / len(s):.2f} of it)"
                    for doc, s in scored if len(sh & s) > MAX_SHARED * min(len(sh), len(s))), None)
        if hit:
            rows.append(f"{name}\t{sha}\tleft out: overlaps {hit}")
            continue
        paras, dropped = [], 0
        for line in normalize_text(text).splitlines():
            line = " ".join(line.split())
            if not line:
                continue
            ps = shingles(line)
            if (ps and len(ps & every) >= PARAGRAPH_SHARED * len(ps)) or (len(line) > 60 and line in seen_para):
                dropped += 1
                continue
            seen_para.add(line)
            paras.append(line)
        kept += 1
        rows.append(f"{name}\t{sha}\tkept: {len(paras)} paragraphs" + (f", {dropped} dropped" if dropped else ""))
        out.write("\n".join(paras) + "\n\n")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(args.out, "wb", mtime=0) as f:
        f.write(out.getvalue().encode())
    (args.out.parent / "SOURCES.tsv").write_text(
        f"# {args.repo} at {commit}: every .docx, and why each was kept or left out (scripts/collect_diacritic_text.py)\n"
        + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{args.out}: {kept} of {len(names)} files kept, {len(out.getvalue()) / 1e6:.1f} MB of text, "
          f"{args.out.stat().st_size / 1e6:.1f} MB gzipped", file=sys.stderr)


if __name__ == "__main__":
    main()
