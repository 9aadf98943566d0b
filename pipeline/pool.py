"""The local pool of worker processes for `pipeline.work.process`.

Either way the models every file needs (spaCy's entity ruler, the diacritic model's vocabulary,
MinHash, and underthesea's tagger that a third of dispatches ask: `pipeline.work.warm`) are loaded
once, and the workers forked from a process that has them, so a worker, the first or one replaced
after a file over its budget, is ready at once:

- `start_pool(n)`: this process loads them, then forks the pool (a library caller, `eval`, tests);
- `start_pool(n, early=True)`: what `congvan ingest` does before anything else. A forkserver (a fresh
  interpreter importing pipeline/preload.py, which loads them) forks the workers, started from a
  thread: the server loads the models while this process imports the database's library, opens the
  database and hashes the batch, so the two start-ups overlap instead of following each other, and
  the writer never loads spaCy. This module imports neither the pipeline nor pebble until asked.
"""
from __future__ import annotations

import logging
import os
import threading
from typing import Any

log = logging.getLogger(__name__)


def start_pool(workers: int, sign: bool = False, early: bool = False) -> Any:
    """A pebble ProcessPool of `workers` processes (see above); stop it with `stop_pool`."""
    from pebble import ProcessPool

    if not early:
        from .work import warm

        warm(sign, tagger=True)
        return ProcessPool(max_workers=workers)
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pebble", "pipeline.preload"])  # the server's own start: see preload.py
    pool = ProcessPool(max_workers=workers, context=context)
    threading.Thread(target=_start, args=(pool,), daemon=True, name="congvan-pool-start").start()
    return pool


def _start(pool: Any) -> None:
    """The pool's processes start with its first task, not when it is made; the forkserver's start
    (loading the models) is waited for here, in a thread, not by the caller."""
    try:
        pool.schedule(os.getpid)
    except Exception:  # the caller's first file meets the same error and reports it
        log.debug("starting the pool failed", exc_info=True)


def stop_pool(pool: Any) -> None:
    """Stop the workers, and a forkserver's own process with them: waited for, so its CPU (and its
    workers', which it waited for) is this process's children's, as a forked pool's is."""
    pool.stop()
    pool.join()
    import multiprocessing.forkserver as forkserver

    server: Any = getattr(forkserver, "_forkserver", None)
    if getattr(server, "_forkserver_pid", None) is not None:
        server._stop()  # the standard library's own way to stop it (its tests use it)
