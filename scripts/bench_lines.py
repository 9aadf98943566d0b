#!/usr/bin/env python3
"""Line readers compared on the scanned lines whose truth the gold gives: does a second recogniser
read the lines Tesseract reads with low confidence (seal-covered signature lines, faint or
photographed header lines) with fewer word errors, after diacritic restoration? (issue 23)

For each development scan with gold (/work/shared/corpus with /work/shared/gold, tests/regression,
the non-blind scans of tests/corpus), the pages are read as the pipeline reads them (recorded OCR
replayed from tests/ocr_cache, which is what live Tesseract returned) and the tree is built. The
lines of `header.left`, `heading` and `foot.signature` are cropped from the page as OCR saw it
(pipeline/signature_block._versions: prepared, seal dropped) by the lines' word boxes, and read:

  tesseract   the pipeline's own reading of the line (the tree's text, restored as the page was)
  tess-line   Tesseract again on the crop alone (--psm 7, live), restored (ocr=True)
  rapidocr    rapidocr recognition only (pipeline/tools/rapidocr.py, live), restored
  asterocr    asterocr (ONNX weights inside its wheel), restored

A line belongs to a kind when some reader's reading of it is close to that kind's gold value
(symmetric in the readers): signature title (authority + title), signer name, header issuer (name +
parent), subject. A unit is one document's lines of one kind; its word error is the bag-of-words
error of /work/shared/eval/bag_wer.py (reference words missing from the reading); its class is the
lowest Tesseract confidence (mean of the words' confidences) of its lines: low < 60, else other.

Usage: PYTHONPATH=$PWD /work/main/.venv/bin/python scripts/bench_lines.py [--json OUT] [--limit N]
One process, crops only; nothing is recorded.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CONGVAN_SHARED", "/work/shared"))
SCAN_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
KINDS = ("signature title", "signer name", "header issuer", "subject")
LOW = 60.0  # Tesseract line confidence (0-100) below which a line is 'low'
SIMILAR = 70  # rapidfuzz partial ratio of a reading to a gold value for the line to be that kind's
PAD_Y, PAD_X = 0.2, 0.4  # of the line's height, around its word boxes
ASPECT = 28  # widest piece asterocr reads, in heights
INK = 128
SPACE = 0.15  # blank columns, in crop heights, that part two words
READERS = ("tesseract", "tess-line", "rapidocr", "asterocr")


def words(text: str) -> Counter[str]:
    """As /work/shared/eval/bag_wer.py: NFC, casefold, U+00D0 -> U+0110, runs of letters and digits."""
    t = unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").casefold()
    return Counter(re.findall(r"\w+", t))


def missing(ref: str, hyp: str) -> tuple[int, int]:
    r, h = words(ref), words(hyp)
    return sum(r.values()) - sum((r & h).values()), sum(r.values())


def documents() -> list[tuple[str, Path, Path]]:
    """(set, input, gold) of every development file with gold; the blind stems never."""
    blind = set((ROOT / "tests/corpus/BLIND").read_text().split())
    out: list[tuple[str, Path, Path]] = []
    sets = (("dev", SHARED / "corpus/external", SHARED / "gold"),
            ("regression", ROOT / "tests/regression/corpus", ROOT / "tests/regression/gold"),
            ("open", ROOT / "tests/corpus/inputs", ROOT / "tests/corpus/gold"))
    for name, inputs, gold in sets:
        for f in sorted(inputs.iterdir()):
            g = gold / f"{f.stem}.json"
            if f.suffix.lower() in SCAN_SUFFIXES and g.exists() and f.stem not in blind:
                out.append((name, f, g))
    return out


def references(gold: dict[str, Any]) -> dict[str, str]:
    signer = gold.get("signer") or {}
    issuer = gold.get("issuer") or {}
    refs = {"signature title": " ".join(filter(None, [signer.get("authority"), signer.get("title")])),
            "signer name": signer.get("name") or "",
            "header issuer": " ".join(filter(None, [issuer.get("parent"), issuer.get("name")])),
            "subject": gold.get("subject") or ""}
    return {k: v for k, v in refs.items() if words(v)}


class Readers:
    """The line readers, built once (their models load in about a second each)."""

    def __init__(self) -> None:
        from asterocr import AsterOCR

        from pipeline.reading.diacritics import restore
        from pipeline.tools.rapidocr import RapidOcrReader
        from pipeline.tools.tesseract import TesseractEngine

        self.tess = TesseractEngine()
        self.rapid = RapidOcrReader()
        self.aster = AsterOCR(enable_telemetry=False)
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = opts.inter_op_num_threads = 1  # one core, as Tesseract
        self.aster.session = ort.InferenceSession(self.aster.model_path, opts, providers=["CPUExecutionProvider"])
        self.restore = restore
        self.seconds: dict[str, float] = defaultdict(float)
        from PIL import Image

        blank = Image.new("RGB", (200, 40), "white")
        self.rapid.read(blank), self.aster.predict(blank)  # models loaded before the clock runs

    def _restored(self, text: str) -> str:
        from pipeline.reading.diacritics import has_marks

        toks = [t for t in text.split() if len(t) > 1 and t.isalpha()]
        marked = sum(has_marks(t) for t in toks)
        if toks and marked / len(toks) < 0.35:  # read without marks (or few): garbled, as Tesseract without vie
            return self.restore(text, condition="garbled").text
        return self.restore(text, ocr=True).text

    def read(self, crop: Any) -> dict[str, str]:
        from extractors.text import fold

        out: dict[str, str] = {}
        t0 = time.perf_counter()
        out["tess-line"] = self._restored(" ".join(self.tess.lines(crop, 7)))
        t1 = time.perf_counter()
        # its Chinese-and-Latin model prints some marks, unreliably: they are dropped, then restored
        out["rapidocr"] = self.restore(fold(self.rapid.read(crop).text), condition="garbled").text
        t2 = time.perf_counter()
        out["asterocr"] = self._restored(" ".join(self.aster.predict(piece) for piece in pieces(crop.convert("RGB"))))
        t3 = time.perf_counter()
        self.seconds["tess-line"] += t1 - t0
        self.seconds["rapidocr"] += t2 - t1
        self.seconds["asterocr"] += t3 - t2
        return out


def pieces(crop: Any) -> list[Any]:
    """The crop cut at blank columns into pieces asterocr takes whole: its model reads at most
    ASPECT times the line's height (256 steps of its positional encoding at 32 pixels high)."""
    import numpy as np

    w, h = crop.size
    if w <= ASPECT * h:
        return [crop]
    ink = (np.asarray(crop.convert("L")) < INK).sum(axis=0)
    out, start = [], 0
    while w - start > ASPECT * h:
        limit = start + int(ASPECT * h)
        run, cut = 0, limit
        for x in range(start + int(ASPECT * h / 3), limit):  # the middle of the last word space
            run = run + 1 if ink[x] == 0 else 0
            if run >= SPACE * h:
                cut = x - run // 2
        if cut <= start:
            cut = limit
        out.append(crop.crop((start, 0, cut, h)))
        start = cut
    out.append(crop.crop((start, 0, w, h)))
    return out


def line_conf(page: Any, box: tuple[int, float, float, float, float]) -> float:
    _, x0, top, x1, bottom = box
    confs = [w.conf for w in page.words
             if x0 <= (w.x0 + w.x1) / 2 <= x1 and top <= (w.top + w.bottom) / 2 <= bottom]
    return 100 * statistics.mean(confs) if confs else 0.0


def kind_of(readings: dict[str, str], refs: dict[str, str], zone: str) -> str | None:
    from rapidfuzz import fuzz

    from extractors.text import fold

    allowed = {"foot.signature": ("signature title", "signer name"),
               "header.left": ("header issuer", "subject"), "heading": ("subject",)}[zone]
    best, score = None, 0.0
    for kind in allowed:
        if kind not in refs:
            continue
        ref = fold(refs[kind])
        for text in readings.values():
            t = fold(text).strip()
            if len(t) < 3:
                continue
            s = fuzz.partial_ratio(t, ref) if len(t) <= len(ref) else fuzz.partial_ratio(ref, t)
            if s > score:
                best, score = kind, s
    return best if score >= SIMILAR else None


def bench(limit: int | None) -> list[dict[str, Any]]:
    from pipeline.extract import structure
    from pipeline.reading.files import read_file
    from pipeline.signature_block import _versions

    units: list[dict[str, Any]] = []
    readers: Readers | None = None
    cache = str(ROOT / "tests/ocr_cache")
    for n, (name, path, gold_path) in enumerate(documents()):
        if limit is not None and n >= limit:
            break
        os.environ["CONGVAN_OCR_CACHE"] = cache  # the pipeline's reading, replayed
        try:
            read = read_file(path)
        except Exception as e:  # a page never recorded: skipped, and said
            print(f"skip {path.name}: {type(e).__name__}: {str(e)[:80]}", file=sys.stderr)
            continue
        finally:
            os.environ.pop("CONGVAN_OCR_CACHE", None)  # the crops are read live
        tree = structure(read)
        refs = references(json.loads(gold_path.read_text(encoding="utf-8")))
        readers = readers or Readers()
        images: dict[int, Any] = {}
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for zone_name, zone in (("header.left", tree.header_left), ("heading", tree.heading),
                                ("foot.signature", tree.signature)):
            if zone is None or not zone.boxes:
                continue
            for line, box in zip(zone.lines, zone.boxes, strict=False):
                page_no = box[0]
                page = read.pages[page_no - 1]
                if page.method != "ocr":
                    continue
                if page_no not in images:
                    versions = _versions(read, page_no, page.rotation)
                    images[page_no] = versions[0][1] if versions else None
                image = images[page_no]
                if image is None:
                    continue
                h = box[4] - box[2]
                crop_box = (max(0, round(box[1] - PAD_X * h)), max(0, round(box[2] - PAD_Y * h)),
                            min(image.width, round(box[3] + PAD_X * h)), min(image.height, round(box[4] + PAD_Y * h)))
                if crop_box[2] - crop_box[0] < 8 or crop_box[3] - crop_box[1] < 8:
                    continue
                readings = {"tesseract": line.text, **readers.read(image.crop(crop_box))}
                kind = kind_of(readings, refs, zone_name)
                if kind is None:
                    continue
                grouped[kind].append({"conf": line_conf(page, box), "readings": readings, "at": (page_no, box[2])})
        for kind, lines in grouped.items():
            conf = min(ln["conf"] for ln in lines)
            unit = {"at": [ln["at"] for ln in lines], "set": name, "doc": path.name, "kind": kind, "lines": len(lines), "conf": round(conf, 1),
                    "class": "low" if conf < LOW else "other", "ref": refs[kind], "readings": {},
                    "signer": json.loads(gold_path.read_text(encoding="utf-8")).get("signer") or {}}
            for r in READERS:
                hyp = " ".join(ln["readings"][r] for ln in lines)
                miss, total = missing(refs[kind], hyp)
                unit["readings"][r] = {"text": hyp, "missing": miss, "lines": [ln["readings"][r] for ln in lines]}
                unit["ref_words"] = total
            units.append(unit)
        print(f"{path.name}: {sum(len(v) for v in grouped.values())} lines", file=sys.stderr)
    if readers:
        lines = sum(u["lines"] for u in units)
        units.append({"seconds": {r: s / max(lines, 1) for r, s in readers.seconds.items()}})
    return units


def table(units: list[dict[str, Any]]) -> str:
    secs = units[-1].get("seconds", {}) if units and "seconds" in units[-1] else {}
    units = [u for u in units if "kind" in u]
    rows = [f"{'kind':16} {'class':6} {'units':>5} {'lines':>5} {'words':>5}  " +
            "  ".join(f"{r:>16}" for r in READERS)]
    for kind in (*KINDS, "all"):
        for cls in ("low", "other", "all"):
            sel = [u for u in units if kind in ("all", u["kind"]) and cls in ("all", u["class"])]
            if not sel:
                continue
            total = sum(u["ref_words"] for u in sel)
            cells = []
            for r in READERS:
                miss = sum(u["readings"][r]["missing"] for u in sel)
                cells.append(f"{miss:>4} {100 * miss / total:5.1f}%".rjust(16))
            rows.append(f"{kind:16} {cls:6} {len(sel):>5} {sum(u['lines'] for u in sel):>5} {total:>5}  " +
                        "  ".join(cells))
    rows.append("cells: reference words missing, bag-of-words WER; seconds per line: " +
                ", ".join(f"{r} {s:.3f}" for r, s in secs.items()) + " (tesseract: the page's reading, no extra cost)")
    return "\n".join(rows)


def by_set(units: list[dict[str, Any]]) -> str:
    """Each corpus apart: word errors of every reader, all kinds of line."""
    units = [u for u in units if "kind" in u]
    rows = [f"{'set':16} {'units':>5} {'words':>5}  " + "  ".join(f"{r:>16}" for r in READERS)]
    for name in ("dev", "regression", "open"):
        sel = [u for u in units if u["set"] == name]
        total = sum(u["ref_words"] for u in sel)
        if total:
            rows.append(f"{name:16} {len(sel):>5} {total:>5}  " + "  ".join(
                f"{(m := sum(u['readings'][r]['missing'] for u in sel)):>4} {100 * m / total:5.1f}%".rjust(16)
                for r in READERS))
    return "\n".join(rows)


def signer_fields(units: list[dict[str, Any]]) -> str:
    """What the signature component (extractors.signature) reads from the block's title and name
    lines when a reader's lines stand in for Tesseract's: the record-level effect of a reader on the
    kinds 'signature title' and 'signer name', per field, as documents whose value equals the gold."""
    from extractors.base import DocText
    from extractors.signature import signature_of_lines
    from extractors.text import fold

    docs: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for u in units:
        if u.get("kind") in ("signature title", "signer name"):
            docs[u["doc"]][u["kind"]] = u
    variants = {"tesseract": {}, **{f"{r} titles": {"signature title": r} for r in READERS[1:]},
                **{f"{r} both": {"signature title": r, "signer name": r} for r in READERS[1:]}}
    rows = [f"{'lines read by':24} " + " ".join(f"{f:>10}" for f in ("title", "authority", "name")) +
            f"   (of {len(docs)} documents with a signature title or name line)"]
    for label, use in variants.items():
        right: Counter[str] = Counter()
        for kinds in docs.values():
            placed: list[tuple[Any, str]] = []
            for kind, u in kinds.items():
                reader = use.get(kind, "tesseract")
                placed += list(zip(map(tuple, u["at"]), u["readings"][reader]["lines"], strict=True))
            text = "\n".join(t for _, t in sorted(placed))
            got = {c.field.split(".")[1]: c.value for c in signature_of_lines(DocText(text).lines)
                   if c.field.startswith("signer.")}
            gold = next(iter(kinds.values()))["signer"]
            for f in ("title", "authority", "name"):
                right[f] += bool(gold.get(f)) and fold(str(got.get(f) or "")) == fold(gold[f])
        rows.append(f"{label:24} " + " ".join(f"{right[f]:>10}" for f in ("title", "authority", "name")))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=Path, help="write every unit's readings here")
    ap.add_argument("--limit", type=int, help="only the first N documents (a quick look)")
    ap.add_argument("--again", type=Path, help="print the tables of a run written by --json (no reading)")
    a = ap.parse_args(argv)
    units = json.loads(a.again.read_text(encoding="utf-8")) if a.again else bench(a.limit)
    if a.json:
        a.json.write_text(json.dumps(units, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(units))
    print()
    print(by_set(units))
    print()
    print(signer_fields(units))
    return 0


if __name__ == "__main__":
    sys.exit(main())
