"""Serving an App on hypercorn, on whichever event loop is running (asyncio or trio)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ikit.app import App

__all__ = ["apply_shutdown_timeout", "serve", "shutdown_timeout_of"]

logger = logging.getLogger("ikit.server")

#: Seconds the lifespan's shutdown may take past the app's grace period: cancelling
#: what is left and closing the REST client.
_CLOSE_MARGIN = 5.0


async def serve(
    app: App,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    root_path: str = "",
    shutdown_trigger: Callable[[], Awaitable[Any]] | None = None,
    graceful_timeout: float | None = None,
) -> None:
    """Serve ``app`` on hypercorn until ``shutdown_trigger`` returns (or a signal).

    Runs on the current event loop: hypercorn's asyncio worker under asyncio, its
    trio worker under trio. On shutdown, requests in flight get ``graceful_timeout``
    seconds (the app's ``shutdown_timeout`` unless given), then the background work
    gets the app's ``shutdown_timeout``.
    """
    from hypercorn.config import Config

    config = Config()
    config.bind = [f"{host}:{port}"]
    config.root_path = root_path
    config.accesslog = None
    apply_shutdown_timeout(config, shutdown_timeout_of(app))
    if graceful_timeout is not None:
        config.graceful_timeout = graceful_timeout
    kwargs: dict[str, Any] = {}
    if shutdown_trigger is not None:
        kwargs["shutdown_trigger"] = shutdown_trigger

    if _running_trio():
        from hypercorn.trio import serve as serve_trio

        await serve_trio(app, config, **kwargs)
    else:
        from hypercorn.asyncio import serve as serve_asyncio

        await serve_asyncio(app, config, **kwargs)


def shutdown_timeout_of(app: object) -> float | None:
    """The ``shutdown_timeout`` of an ikit App, or None for another ASGI app."""
    from ikit.app import App

    if not isinstance(app, App):
        return None
    return app.shutdown_timeout


def apply_shutdown_timeout(config: Any, shutdown_timeout: float | None) -> None:
    """Let hypercorn wait as long as the app does on shutdown.

    hypercorn bounds a shutdown twice, on its own terms: requests in flight get
    ``graceful_timeout`` (3 s by default), then the lifespan's shutdown gets
    ``shutdown_timeout`` (60 s). Either would cut short the app's grace period, so
    both follow it.
    """
    if shutdown_timeout is None:
        return
    config.graceful_timeout = shutdown_timeout
    config.shutdown_timeout = shutdown_timeout + _CLOSE_MARGIN


def _running_trio() -> bool:
    trio = sys.modules.get("trio")
    if trio is None:
        return False
    try:
        trio.lowlevel.current_root_task()
    except RuntimeError:
        return False
    return True
