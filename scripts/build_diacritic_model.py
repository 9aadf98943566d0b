#!/usr/bin/env python3
"""Build the syllable lexicon and n-gram model the diacritic restorer loads.

Sources, all general (never the text of a document the project is scored on):
  * word lists: ../shared/corpus/external/lexicon/*.txt when present, and the
    Viet11K/22K/39K/74K lists and the word-segmentation dictionary in underthesea's wheel;
  * running text: the VLSP 2013 tagged test text in underthesea's wheel, and the syllable
    n-grams its CRF models name as features (observed in their training corpora);
  * place names: underthesea's administrative-unit mapping;
  * administrative vocabulary the project writes: pipeline/data/admin_vocabulary.txt,
    the extractor vocabularies in extractors/data/, and the project's own sample
    dispatches in data/raw/;
  * running administrative text: data/diacritic_text/*.txt.gz, real dispatches of public
    repositories that the project is not scored on (collected, and checked against every scored
    document, by scripts/collect_diacritic_text.py; sources in data/diacritic_text/README.md).

Usage: scripts/build_diacritic_model.py [--out pipeline/data/diacritics.json.gz]
"""
from __future__ import annotations

import argparse
import gzip
import json
import pickle
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.text import fold, normalize_text  # noqa: E402
from pipeline.reading.diacritics import _NUMBER, ABBR, MODEL_PATH, MODEL_VERSION, NUM, _acronym, is_syllable  # noqa: E402

# How much one occurrence in each kind of source counts. A word list counts each word
# once whatever its frequency, so it shapes the bigrams inside words but barely the unigrams.
W_WORDLIST = 1.0
W_WORDLIST_UNI = 0.1
W_RUNNING = 3.0
W_FEATURES = 2.0
W_FEATURES_UNI = 0.2
W_PLACES = 1.0
W_ADMIN = 12.0
W_BODIES = 2.0
W_SAMPLES = 4.0
W_DOCS = 0.5

_PIECES = re.compile(r"(\s+|\d+(?:[.,/]\d+)*%?|[^\w\s]+)")
_SENTENCE_END = re.compile(r"[.!?:;\-–•]$")


def syllable_runs(text: str, names: bool = False) -> Iterator[list[tuple[str, bool]]]:
    """Runs of (syllable, capitalised inside a sentence); punctuation and non-syllables end a run.
    In lists of names (`names`), a capital at the start of a line counts too."""
    for line in normalize_text(text).splitlines():
        run: list[tuple[str, bool]] = []
        initial = not names
        for tok in _PIECES.split(line):
            if not tok or tok.isspace():
                continue
            if is_syllable(tok):
                run.append((tok.lower(), tok[:1].isupper() and not initial and not tok.isupper()))
            elif _NUMBER.fullmatch(tok):
                run.append((NUM, False))
            elif tok.isalpha() and _acronym(tok):
                run.append((ABBR, False))
            else:
                if run:
                    yield run
                run = []
            initial = bool(_SENTENCE_END.search(tok))
        if run:
            yield run


class Counts:
    def __init__(self) -> None:
        self.uni: Counter[str] = Counter()
        self.cap: Counter[str] = Counter()
        self.bi: Counter[tuple[str, str]] = Counter()
        self.tri: Counter[tuple[str, str, str]] = Counter()

    def add(self, texts: Iterable[str], weight: float, trigrams: bool = True, uni_weight: float | None = None,
            caps: bool = True, names: bool = False) -> None:
        uw = weight if uni_weight is None else uni_weight
        for text in texts:
            for run in syllable_runs(text, names):
                syl = [s for s, _ in run]
                for i, (s, capital) in enumerate(run):
                    self.uni[s] += uw
                    if caps and capital:
                        self.cap[s] += uw
                    if i:
                        self.bi[(syl[i - 1], s)] += weight
                    if trigrams and i > 1:
                        self.tri[(syl[i - 2], syl[i - 1], s)] += weight


def underthesea_dir() -> Path | None:
    try:
        import underthesea
    except ImportError:
        return None
    return Path(underthesea.__file__).parent


def word_lists(shared: Path) -> Iterator[str]:
    paths = sorted((shared / "corpus/external/lexicon").glob("hongocduc_*.txt"))
    ut = underthesea_dir()
    if ut:
        paths += sorted((ut / "corpus/data").glob("Viet*.txt"))
    for p in paths:
        yield from p.read_text(encoding="utf-8").splitlines()
    if ut:
        for d in (ut / "pipeline/word_tokenize/models").glob("*/dictionary.bin"):
            words = pickle.loads(d.read_bytes())
            yield from (w for w in words if isinstance(w, str))


def running_text() -> Iterator[str]:
    ut = underthesea_dir()
    if not ut:
        return
    for p in (ut / "pipeline/pos_tag/models").glob("*/test_output.txt"):
        sent: list[str] = []
        for line in p.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                if sent:
                    yield " ".join(sent)
                sent = []
                continue
            sent.append(line.split("\t")[0])
        if sent:
            yield " ".join(sent)


def crf_feature_ngrams() -> Iterator[str]:
    """Syllable n-grams observed in underthesea's training corpora, as its CRF models name them
    in features such as 'T[-1,0]=báo cáo' (each distinct n-gram once)."""
    ut = underthesea_dir()
    if not ut:
        return
    seen: set[str] = set()
    feature = re.compile(rb"T\[-?\d(?:,-?\d)*\](?:\.lower)?=([^\x00]{3,80})\x00")
    for p in sorted((ut / "pipeline").rglob("*.bin")):
        for m in feature.finditer(p.read_bytes()):
            try:
                text = m.group(1).decode("utf-8")
            except UnicodeDecodeError:
                continue
            # some features are computed on accent-free text ('to chuc'): keep marked n-grams only
            if " " in text and text.lower() not in seen and fold(text) != text.lower():
                seen.add(text.lower())
                yield text


def place_names() -> Iterator[str]:
    ut = underthesea_dir()
    if not ut:
        return
    data = json.loads((ut / "address/data/mapping.json").read_text(encoding="utf-8"))
    for key in ("province_names", "old_province_names"):
        for v in data.get(key, {}).values():
            yield v["name"]
    for row in data.get("ward_mapping", []):
        for k in ("old_province", "old_district", "old_ward", "new_ward"):
            if row.get(k):
                yield row[k]


def admin_texts() -> Iterator[str]:
    yield from _data_lines("pipeline/data/admin_vocabulary.txt")
    for p in sorted((ROOT / "extractors/data").glob("*")):
        for line in _data_lines(str(p.relative_to(ROOT))):
            yield from line.split("\t")


def _data_lines(name: str) -> list[str]:
    path = ROOT / name
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


def body_level_phrases() -> Iterator[str]:
    """Body names are a head, a field and a level ('Ban Dân tộc tỉnh', 'Sở Tài chính thành phố'):
    every body class and body name of the admin vocabulary, followed by every level word."""
    levels = [lv for lv in _data_lines("extractors/data/places.txt") if lv.islower()]
    heads = set(_data_lines("extractors/data/org_heads.txt"))
    bodies = {b.strip() for line in _data_lines("pipeline/data/admin_vocabulary.txt") for b in line.split(",")}
    bodies = {b for b in bodies if any(b.startswith(h + " ") for h in heads)} | heads
    for body in sorted(bodies):
        for level in levels:
            yield f"{body} {level}"


def samples() -> Iterator[str]:
    for p in sorted((ROOT / "data/raw").glob("*.txt")):
        yield p.read_text(encoding="utf-8")


def documents() -> Iterator[str]:
    for p in sorted((ROOT / "data/diacritic_text").glob("*.txt.gz")):
        with gzip.open(p, "rt", encoding="utf-8") as f:
            yield from f.read().split("\n\n")


def build(shared: Path) -> dict[str, object]:
    c = Counts()
    c.add(word_lists(shared), W_WORDLIST, trigrams=False, uni_weight=W_WORDLIST_UNI, caps=False)
    c.add(running_text(), W_RUNNING)
    c.add(crf_feature_ngrams(), W_FEATURES, uni_weight=W_FEATURES_UNI, caps=False)
    c.add(place_names(), W_PLACES, trigrams=False)
    c.add(_data_lines("extractors/data/surnames.txt"), W_ADMIN, names=True)
    c.add(admin_texts(), W_ADMIN)
    c.add(body_level_phrases(), W_BODIES, caps=False)
    c.add(samples(), W_SAMPLES)
    c.add(documents(), W_DOCS)
    vocab = sorted(c.uni)
    idx = {s: i for i, s in enumerate(vocab)}
    bi = [x for (a, b), n in sorted(c.bi.items()) for x in (idx[a], idx[b], round(n, 1))]
    tri = [x for (a, b, d), n in sorted(c.tri.items()) for x in (idx[a], idx[b], idx[d], round(n, 1))]
    return {"version": MODEL_VERSION, "vocab": vocab, "uni": [round(c.uni[s], 1) for s in vocab],
            "cap": [round(c.cap[s], 1) for s in vocab], "bi": bi, "tri": tri}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    model = build(args.shared)
    data = json.dumps(model, ensure_ascii=False, separators=(",", ":")).encode()
    with gzip.GzipFile(args.out, "wb", mtime=0) as f:
        f.write(data)
    print(f"{args.out}: {len(model['vocab'])} syllables, {len(model['bi']) // 3} bigrams, "  # type: ignore[arg-type]
          f"{len(model['tri']) // 4} trigrams, {args.out.stat().st_size / 1e6:.1f} MB")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
