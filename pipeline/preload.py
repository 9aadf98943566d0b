"""Imported by the forkserver of `congvan ingest`'s workers (pipeline/pool.py): the pipeline, with
what every file needs loaded (`warm`, with MinHash and the tagger), so each worker forked from the
server has them.
A failure here is left to the first file, which reports it as that file's error."""
from __future__ import annotations

import logging

try:
    from .work import warm

    warm(sign=True, tagger=True)
except Exception:
    logging.getLogger(__name__).debug("loading the models failed; the files will say why", exc_info=True)
