"""Per-file work on an existing Dask distributed cluster; results come back to the one writer.

The workers run the same `work.process` as the local pool, so the records are the same.
Files are passed by path: every worker must see the batch at the same path (a shared volume),
and have the project and Tesseract installed. A worker per core with one thread each keeps
Tesseract single-threaded, as locally:

    dask scheduler --port 8786
    dask worker tcp://SCHEDULER:8786 --nworkers auto --nthreads 1
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ClusterError

if TYPE_CHECKING:
    from .reading.files import OcrMode
    from .types import Limits
    from .work import Processed


def process_on_cluster(files: Iterable[Path], scheduler: str, ocr: OcrMode, limits: Limits | None,
                       sign: bool, trust_roots: tuple[bytes, ...] = ()) -> Iterator[Processed]:
    """Every file through `process` on the cluster at `scheduler`, in order, a few per worker thread in flight."""
    try:
        from dask.distributed import Client
    except ImportError as e:
        raise ClusterError("--scheduler needs Dask: pip install 'congvan[distributed]'") from e
    from .ingest import in_order
    from .work import process  # what a worker imports to run it: no database library

    try:
        client = Client(scheduler)  # waits dask's distributed.comm.timeouts.connect
    except (OSError, TimeoutError) as e:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from e
    with client:
        threads = sum(client.nthreads().values())
        if not threads:
            raise ClusterError(f"the Dask scheduler at {scheduler} has no workers")
        yield from in_order(lambda path: client.submit(process, path, ocr, limits, sign, trust_roots, pure=False),
                            (str(f) for f in files), 3 * threads)
