"""The `congvan` program. A plain `tasks` or `search` is answered without loading typer (see
pipeline/cli_query.py: a query from the shell in under 0.25 s); everything else, help and usage
errors included, goes to the typer application in pipeline/cli_app.py.

Errors become `congvan: FILE: reason` and an exit code; tracebacks only with -v.
"""
from __future__ import annotations

import sys
from typing import Any

from .errors import CongvanError

_state = {"verbose": False}


def __getattr__(name: str) -> Any:
    """`pipeline.cli.app`, the typer application, loaded when asked for."""
    if name == "app":
        from .cli_app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def entry() -> None:
    """The console script: `main`, then the exit handlers and the streams flushed, and out without
    tearing the interpreter down (freeing every object of SQLAlchemy, the models and the pool one by
    one took a whole `congvan ingest` of 50 files 0.2 s after its work was done). The database's
    connections are closed by the commands themselves before they return."""
    import atexit
    import os

    try:
        main()
        code = 0
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            code = e.code or 0
        else:
            print(e.code, file=sys.stderr)
            code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # the reader went away, or the stream is closed
            code = code or 1
    os._exit(code)


def main() -> None:
    try:
        _run(sys.argv[1:])
    except CongvanError as e:
        if _state["verbose"]:
            raise
        print(f"congvan: {e}", file=sys.stderr, flush=True)
        sys.exit(e.exit_code)
    except Exception as e:
        if _state["verbose"]:
            raise
        print(f"congvan: internal error: {type(e).__name__}: {e} (run with -v for the traceback)", file=sys.stderr,
              flush=True)
        sys.exit(70)


def _run(argv: list[str]) -> None:
    from . import cli_query

    quick = cli_query.parse(argv)
    if quick is None:
        from .cli_app import app

        app()
        return
    verbose, command, kwargs = quick
    _verbosity(verbose)
    try:
        getattr(cli_query, command)(**kwargs)
    except KeyboardInterrupt:
        sys.exit(130)  # as typer exits on Ctrl-C
    except BrokenPipeError:
        # the reader went away (`congvan tasks --format csv | head`): quietly, exit 1, as typer does
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    sys.exit(0)


def _verbosity(verbose: bool) -> None:
    """-v: log details and show tracebacks (the typer application's callback calls this too)."""
    import logging

    _state["verbose"] = verbose
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
