"""Serving an App on hypercorn, on whichever event loop is running (asyncio or trio)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ikit.app import App

__all__ = ["serve"]

logger = logging.getLogger("ikit.server")


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
    trio worker under trio.
    """
    from hypercorn.config import Config

    config = Config()
    config.bind = [f"{host}:{port}"]
    config.root_path = root_path
    config.accesslog = None
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


def _running_trio() -> bool:
    trio = sys.modules.get("trio")
    if trio is None:
        return False
    try:
        trio.lowlevel.current_root_task()
    except RuntimeError:
        return False
    return True
