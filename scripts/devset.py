#!/usr/bin/env python3
"""Extract every development-set document the project can read and print ../shared/eval/score.py's table.

Usage: scripts/devset.py [--ocr] [--verbose]   (--ocr also reads the scanned documents; slow)
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.ingest import process
from pipeline.reading import usable_text_layer

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TEXT = ["000_2b851b36b2217f7d.txt", "001_a9c2ef82d2e2cb63.txt", "002_adbdce90201e4d92.txt",
        "003_05a0722aff00194c.txt", "004_edc881980a9edaaf.txt"]


def main() -> int:
    with_ocr = "--ocr" in sys.argv
    gold_dir = SHARED / "gold"
    files = [SHARED / "corpus" / "seeds" / n for n in TEXT]
    for g in sorted(gold_dir.glob("*.json")):
        for ext in (".pdf", ".png", ".jpg", ".doc"):
            f = SHARED / "corpus" / "external" / f"{g.stem}{ext}"
            if f.exists():
                files.append(f)
    with tempfile.TemporaryDirectory() as pred, tempfile.TemporaryDirectory() as gold:
        for f in files:
            res = process(f, "auto" if with_ocr else "off")
            if res.record is None or res.read is None:
                continue
            if not with_ocr and res.read.text_source == "ocr":
                continue
            if not with_ocr and res.read.text_source == "text-layer" and not all(
                    usable_text_layer(p.text) for p in res.read.pages):
                continue  # a scan or a garbled OCR layer: only with --ocr
            Path(pred, f"{f.stem}.json").write_text(json.dumps(res.record, ensure_ascii=False), encoding="utf-8")
            Path(gold, f"{f.stem}.json").write_text((gold_dir / f"{f.stem}.json").read_text(encoding="utf-8"))
        print("documents:", ", ".join(sorted(p.stem for p in Path(pred).glob("*.json"))))
        cmd = [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", gold, "--pred", pred]
        if "--verbose" in sys.argv:
            cmd.append("--verbose")
        return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
