"""Rule and NER extractors: text in, candidates with spans and rules out."""
from __future__ import annotations
