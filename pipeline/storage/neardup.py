"""Near-duplicate body text: MinHash over character shingles, banded for indexed lookup.

One dispatch arrives as a text-layer PDF and as a scan whose OCR splits, merges and misreads
words, so shingles are character 5-grams of the diacritic-folded text with everything but
letters and digits removed ("ngày24tháng" and "ngày 24 tháng" shingle alike). The signature's
bands are stored as indexed integers; a document shares a band with every document whose
estimated Jaccard similarity is high, so finding candidates is one indexed query at any archive
size. `scripts/measure_near_duplicates.py` measured the threshold.
"""
from __future__ import annotations

import hashlib
import re
import struct
from functools import lru_cache

from extractors.text import fold

BANDS, ROWS = 32, 6  # P(candidate) = 1 - (1 - J^6)^32: 0.9999 at J=0.79, 0.23 at 0.45, 0.02 at 0.3
NUM_PERM = BANDS * ROWS
# Estimated Jaccard at or above which two bodies are one dispatch. Measured by
# scripts/measure_near_duplicates.py: the same dispatch from text, PDF and scans of every
# quality scores 0.86-1.0 (lowest: a garbled OCR without Vietnamese data against its text
# layer); different dispatches at most 0.45 (a dispatch and the one implementing it, which
# quotes it), median 0.11.
THRESHOLD = 0.60
SHINGLE = 5
MIN_CHARS = 200      # shorter bodies (a cover page, a header alone) say nothing about identity


def body_chars(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", fold(text))


def signature(text: str) -> bytes | None:
    """The MinHash of a body text, or None when it is too short to compare."""
    import numpy as np

    chars = body_chars(text)
    if len(chars) < MIN_CHARS:
        return None
    shingles = {chars[i:i + SHINGLE].encode() for i in range(len(chars) - SHINGLE + 1)}
    hashed = np.fromiter((struct.unpack("<I", hashlib.sha1(s).digest()[:4])[0] for s in shingles),  # noqa: S324
                         dtype=np.uint32, count=len(shingles)).reshape(-1, 1)
    a, b = _permutations()
    values = (_fmix32(hashed) * a + b).min(axis=0)  # uint32 arithmetic: the wraparound is the modulo 2^32
    return bytes(values.astype("<u8").tobytes())


@lru_cache(maxsize=64)  # the writer asks twice per document: to look its bands up, then to store them
def buckets(sig: bytes) -> tuple[int, ...]:
    """One signed 63-bit integer per band (fits every SQL BIGINT)."""
    values = struct.unpack(f"<{NUM_PERM}Q", sig)
    out = []
    for b in range(BANDS):
        digest = hashlib.blake2b(struct.pack(f"<I{ROWS}Q", b, *values[b * ROWS:(b + 1) * ROWS]), digest_size=8).digest()
        out.append(struct.unpack("<q", digest)[0] >> 1)
    return tuple(out)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the shingle sets."""
    va, vb = struct.unpack(f"<{NUM_PERM}Q", a), struct.unpack(f"<{NUM_PERM}Q", b)
    return sum(x == y for x, y in zip(va, vb, strict=True)) / NUM_PERM


def exact_similarity(a: str, b: str) -> float:
    """Exact Jaccard of the shingle sets (for measuring the estimate)."""
    ca, cb = body_chars(a), body_chars(b)
    sa = {ca[i:i + SHINGLE] for i in range(len(ca) - SHINGLE + 1)}
    sb = {cb[i:i + SHINGLE] for i in range(len(cb) - SHINGLE + 1)}
    return len(sa & sb) / max(1, len(sa | sb))


def load() -> None:
    """Draw the permutations now rather than at the first signature."""
    _permutations()


# The MinHash of datasketch 2 (scheme "affine32", num_perm=NUM_PERM, seed=1, SHA-1 of each shingle),
# computed here: importing datasketch pulled in scipy, most of a second of every ingest's start.
# tests/test_storage.py checks the signatures against datasketch's, so stored ones stay comparable.

@lru_cache(maxsize=1)
def _permutations():  # type: ignore[no-untyped-def]  # noqa: ANN202
    import numpy as np

    gen = np.random.RandomState(1)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(h):  # type: ignore[no-untyped-def]  # noqa: ANN001, ANN202
    """MurmurHash3's 32-bit finalizer (a bijection), as datasketch mixes each hash before permuting."""
    import numpy as np

    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))
