"""The archive copy of a source: a PDF/A (or PDF) whose invisible text layer is congvan's corrected
words at their boxes, made by OCRmyPDF (pipeline/tools/ocrmypdf.py) and checked before it is kept.

A scan's page text is Tesseract's words after normalisation, unglueing and diacritic repair; the
words' boxes are Tesseract's. Each corrected token is given the box of the raw word(s) it came
from (an alignment of the two token sequences, accents and case ignored; a raw word that became
two tokens is split by their lengths, two raw words that became one are joined), so the copy's
text is the page text congvan extracted from, placed where it is printed.

Born-digital PDFs keep their own text layer: the copy is the file's bytes unless PDF/A is asked
for. Converting a signed PDF breaks its signatures; that is said in the copy's note and the
original is kept beside the copy. A copy is written under a temporary name, checked (it opens, its
page count, `pdftotext` of it holds the record's number and subject, OCRmyPDF's PDF/A check),
and only then renamed into place: a copy that fails leaves nothing behind.
"""
from __future__ import annotations

import contextlib
import difflib
import hashlib
import itertools
import re
import shutil
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from extractors.structure.words import page_layout
from extractors.text import fold

from .errors import ArchiveError, CongvanError
from .types import Page, ReadResult, Word

OutputType = Literal["auto", "pdfa", "pdf"]
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class ArchiveCopy:
    path: str
    sha256: str
    kind: str  # pdfa-2b | pdf | original (the source's own bytes)
    pages: int
    seconds: float = 0.0
    note: str | None = None  # e.g. that conversion broke the source's signatures, and where the original is


def archivable(read: ReadResult) -> bool:
    """Scans, mixed PDFs and born-digital PDFs get a copy; text and Word files are no page images."""
    return read.media_type == "application/pdf" or read.media_type.startswith("image/")


def corrected_lines(page: Page) -> list[list[tuple[str, Box]]]:
    """The page text's tokens with boxes, line by printed line; nothing for a page without word boxes."""
    if not page.words or not page.width:
        return []
    rows = [row.words for _, row in page_layout(page.words, page.width).lines() if row]
    row_of = {id(w): i for i, row in enumerate(rows) for w in row}
    given, reach = _assign([w for row in rows for w in row], page.text.split(), row_of)
    out = []
    for row in rows:
        line = [(t, b) for w in row for t, b in _split(w, given.get(id(w), []), reach.get(id(w), w.x1))]
        if line:
            out.append(_apart(line))
    return out


def _apart(line: list[tuple[str, Box]]) -> list[tuple[str, Box]]:
    """Tesseract's boxes of neighbouring words often touch ('bh' 440-521, 'Thành' 520-647): drawn so,
    a viewer's search reads them as one word. A word's right edge is pulled back to leave a fifth of
    the line's height before the next (the invisible text is stretched to its box, so nothing moves).
    Boxes that overlap more (a detached accent read as a word of its own, a box over three words)
    are left as Tesseract drew them."""
    out = list(line)
    for i in range(len(out) - 1):
        (t, (x0, top, x1, bottom)), nxt = out[i], out[i + 1][1]
        gap = 0.2 * (bottom - top)
        if -gap < nxt[0] - x1 < gap:
            out[i] = (t, (x0, top, max(x0 + 0.5 * (x1 - x0), nxt[0] - gap), bottom))
    return out


def _key(text: str) -> str:
    return re.sub(r"\W+", "", fold(unicodedata.normalize("NFC", text)))


def _assign(raw: list[Word], tokens: list[str], row_of: dict[int, int]) -> tuple[dict[int, list[str]], dict[int, float]]:
    """Each corrected token to the raw word it came from (by id): equal stretches one to one, a
    changed stretch by the raw words' characters each token's characters fall on. A token over
    most of several words of one line (pieces OCR split) takes the first and reaches to the last's
    right edge (the second dict)."""
    given: dict[int, list[str]] = {}
    reach: dict[int, float] = {}
    matcher = difflib.SequenceMatcher(None, [_key(w.text) for w in raw], [_key(t) for t in tokens], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for w, t in zip(raw[i1:i2], tokens[j1:j2], strict=True):
                given.setdefault(id(w), []).append(t)
        elif op in ("replace", "insert") and j2 > j1:
            words = raw[i1:i2] or raw[max(0, i1 - 1):i1] or raw[:1]
            if not words:
                continue
            ends = list(itertools.accumulate(len(w.text) or 1 for w in words))
            scale = ends[-1] / (sum(len(t) for t in tokens[j1:j2]) or 1)
            at = 0.0
            for t in tokens[j1:j2]:
                start, end = at * scale, (at + len(t)) * scale
                at += len(t)
                mid = (start + end) / 2
                k = next(i for i, e in enumerate(ends) if mid <= e or i == len(ends) - 1)
                covered = [i for i, e in enumerate(ends) if _overlap(start, end, e - (len(words[i].text) or 1), e) > 0.5]
                first, last = (covered[0], covered[-1]) if covered else (k, k)
                given.setdefault(id(words[first]), []).append(t)
                if last > first and row_of[id(words[first])] == row_of[id(words[last])]:
                    reach[id(words[first])] = words[last].x1
    return given, reach


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """The share of [b0, b1] that [a0, a1] covers."""
    return max(0.0, min(a1, b1) - max(a0, b0)) / ((b1 - b0) or 1)


def _split(word: Word, tokens: list[str], x1: float) -> list[tuple[str, Box]]:
    """The word's box (to `x1`) shared among its tokens by their lengths (a space's width between them)."""
    unit = (x1 - word.x0) / ((sum(len(t) for t in tokens) + len(tokens) - 1) or 1)
    out, x = [], word.x0
    for t in tokens:
        out.append((t, (x, word.top, x + len(t) * unit if len(tokens) > 1 else x1, word.bottom)))
        x += (len(t) + 1) * unit
    return out


def title(record: dict[str, Any]) -> str | None:
    """tên loại + số ký hiệu + trích yếu, as far as the record has them."""
    parts = [record.get("doc_type"), record.get("number")]
    head = " ".join(str(p) for p in parts if p)
    subject = record.get("subject")
    return " – ".join(p for p in (head, subject) if p) or None


def metadata(record: dict[str, Any]) -> Any:
    from .tools.ocrmypdf import Metadata

    issuer = (record.get("issuer") or {}).get("name")
    keywords = ", ".join(str(v) for v in (record.get("number"), record.get("issue_date"), issuer) if v)
    return Metadata(title=_clean(title(record)), author=_clean(issuer), subject=_clean(record.get("subject")),
                    keywords=_clean(keywords) or None, date=_iso_date(record.get("issue_date")))


def _iso_date(value: Any) -> str | None:
    return value if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


def _clean(text: str | None) -> str | None:
    """OCRmyPDF refuses metadata with private-use or astral characters."""
    if not text:
        return None
    return "".join(c for c in text if ord(c) < 0x10000 and unicodedata.category(c) != "Co") or None


def copy_name(read: ReadResult) -> str:
    return f"{Path(read.path).stem}-{read.sha256[:8]}.pdf"


def write_copy(read: ReadResult, record: dict[str, Any], out_dir: Path, output_type: OutputType = "auto") -> ArchiveCopy:
    """The source's archive copy in `out_dir`, checked; ArchiveError when it cannot be made or fails its check."""
    from .tools import ocrmypdf

    if not archivable(read):
        raise ArchiveError(read.path, f"no archive copy of a {read.media_type} file (only PDFs and images)")
    final = out_dir / copy_name(read)
    tmp = final.with_name(f".{final.name}.partial")
    source = Path(read.path)
    born_digital = read.media_type == "application/pdf" and all(p.method == "text-layer" for p in read.pages)
    pdfa = output_type == "pdfa" or (output_type == "auto" and not born_digital)
    note = None
    seconds = 0.0
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        if born_digital and not pdfa:  # its own text layer, its signatures intact
            shutil.copyfile(source, tmp)
            kind = "original"
        else:
            pages = {p.number: ocrmypdf.PageText(p.width, corrected_lines(p), p.rotation)
                     for p in read.pages if p.method == "ocr"}
            seconds = _ocrmypdf_copy(source, tmp, pages, pdfa, metadata(record), read)
            kind = "pdfa-2b" if pdfa else "pdf"
        check(tmp, read, record, kind)
        if read.signatures and kind != "original":
            original = final.with_name(f"{final.stem}.original{source.suffix}")
            shutil.copyfile(source, original)
            note = (f"converting it broke its {len(read.signatures)} digital signature(s); the signed original "
                    f"is kept as {original}")
        tmp.replace(final)
    except CongvanError as e:
        _discard(tmp)
        if isinstance(e, ArchiveError):
            raise
        raise ArchiveError(read.path, f"archive copy: {e}") from e
    except OSError as e:
        _discard(tmp)
        raise ArchiveError(read.path, f"archive copy cannot be written: {e.strerror or e}") from e
    digest = hashlib.sha256(final.read_bytes()).hexdigest()
    return ArchiveCopy(str(final), digest, kind, len(read.pages), seconds, note)


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _ocrmypdf_copy(source: Path, tmp: Path, pages: dict[int, Any], pdfa: bool, meta: Any,
                   read: ReadResult) -> float:
    """A scan: every page drawn with congvan's words. A PDF with pages whose text layer congvan read:
    those stay as they are, and only the pages it read by OCR are redrawn (one whose old layer it did
    not use among them, or that layer would stay under congvan's words)."""
    from .errors import ExternalToolError
    from .tools import ocrmypdf

    dpi = _missing_dpi(source) if read.media_type.startswith("image/") else None
    signed = bool(read.signatures)
    if any(p.method == "text-layer" for p in read.pages):
        only = sorted(pages)
        return ocrmypdf.copy(source, tmp, pages, pdfa, "force" if only else "skip", meta, dpi, signed, only)
    try:
        return ocrmypdf.copy(source, tmp, pages, pdfa, "default", meta, dpi, signed)
    except ExternalToolError as e:
        if "PriorOcrFound" not in e.reason:
            raise
    # a scan with an old text layer congvan did not use (garbled, without diacritics): rasterised anew
    return ocrmypdf.copy(source, tmp, pages, pdfa, "force", meta, dpi, signed)


def _missing_dpi(path: Path) -> int | None:
    """300 for an image that does not say its resolution (OCRmyPDF needs one to size the page)."""
    from PIL import Image

    with Image.open(path) as im:
        dpi = im.info.get("dpi")
    return None if dpi and float(dpi[0]) > 1 else 300


def check(path: Path, read: ReadResult, record: dict[str, Any], kind: str) -> None:
    """The copy opens, has the source's pages, holds the record's number and subject (at least as
    far as the source's own text layer did) and, for a PDF/A, passes OCRmyPDF's PDF/A check."""
    import pikepdf

    from .tools import ocrmypdf, pdftotext

    try:
        with pikepdf.open(path) as pdf:
            count = len(pdf.pages)
    except pikepdf.PdfError as e:
        raise ArchiveError(read.path, f"archive copy does not open: {str(e)[:200]}") from e
    if count != len(read.pages):
        raise ArchiveError(read.path, f"archive copy has {count} pages, the source {len(read.pages)}")
    text = pdftotext.text(path)
    before = pdftotext.text(Path(read.path)) if read.media_type == "application/pdf" else ""
    for field in ("number", "subject"):
        value = str(record.get(field) or "")
        # what congvan placed (a first page it read by OCR) or what the source's own layer held
        owed = kind != "original" and (read.pages[0].method == "ocr" or contains(before, value))
        if value and owed and not contains(text, value):
            raise ArchiveError(read.path, f"archive copy's text does not hold the record's {field} ({value!r})")
    if kind.startswith("pdfa") and (problem := ocrmypdf.pdfa_check(path)):
        raise ArchiveError(read.path, f"archive copy is not PDF/A: {problem}")


def words(text: str) -> Counter[str]:
    """Words as ../shared/eval/bag_wer.py counts them (NFC, case-folded, Ð as Đ)."""
    t = unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").casefold()
    return Counter(re.findall(r"\w+", t))


def contains(text: str, value: str) -> bool:
    """Every word of `value` is in `text`, diacritics included (reading order aside: a subject over
    two lines of the header's left column may come out between the right column's lines)."""
    want = words(value)
    return bool(want) and not want - words(text)
