"""Serving an App on granian, the fast path: ``ikit serve bot:app --server granian``.

granian is a Rust HTTP server with its own runtime. It runs the app as a plain ASGI
application, lifespan included, so everything ikit does on hypercorn happens the same
way here: background work lives in the lifespan's task group, the deadline and the
auto-deferral run on the worker's asyncio loop, and a SIGINT or SIGTERM lets the
lifespan drain that work (bounded by the app's ``shutdown_timeout``) before the
worker exits. Unlike hypercorn, granian puts no bound of its own on that: it waits
for the lifespan's shutdown and for its workers without a limit (its
``workers_kill_timeout`` is off unless set), so the app's ``shutdown_timeout`` is
the only one and nothing needs passing through.

granian starts its workers as processes of its own and imports the app in each of
them by its ``module:attribute`` path, so it cannot serve an App object built in the
calling process; the CLI hands it the path it was given.
"""

from __future__ import annotations

import logging
from typing import Any

__all__ = ["LOOPS", "run"]

logger = logging.getLogger("ikit.server")

#: The event loops granian offers an ASGI app (it has no trio worker).
LOOPS = ("auto", "asyncio", "uvloop")


def run(
    application_path: str,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    backlog: int = 1024,
    reload: bool = False,
    root_path: str = "",
    loop: str = "auto",
) -> int:
    """Serve the app at ``application_path`` (``module:attribute``) on granian until
    a signal stops it; returns the exit status."""
    if loop not in LOOPS:
        raise ValueError(
            f"loop must be one of {', '.join(LOOPS)} (granian runs asyncio event "
            f"loops only), got {loop!r}"
        )

    granian = _granian()
    from granian.constants import Interfaces, Loops

    server = granian.Granian(
        application_path,
        address=host,
        port=port,
        interface=Interfaces.ASGI,
        workers=workers,
        # granian refuses a backlog below 128.
        backlog=max(128, backlog),
        reload=reload,
        url_path_prefix=root_path or None,
        loop=Loops(loop),
        # As on hypercorn: no access log; ikit logs one line a request.
        log_access=False,
    )
    server.serve()
    return 0


def _granian() -> Any:
    try:
        import granian
    except ImportError:
        raise SystemExit(
            "ikit: --server granian needs granian; install it with "
            "pip install 'ikit[granian]'"
        ) from None
    return granian
