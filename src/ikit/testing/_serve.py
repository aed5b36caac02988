"""Serving an ASGI app of the simulator on a loopback port, with hypercorn, on the
running event loop (asyncio or trio): for an app under test in another process."""

from __future__ import annotations

import contextlib
import socket
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import anyio

__all__ = ["serve"]


@contextlib.asynccontextmanager
async def serve(asgi: Any, host: str = "127.0.0.1") -> AsyncIterator[str]:
    """Serve ``asgi`` on a free port of ``host`` for the block; yield its URL."""
    from hypercorn.config import Config

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind((host, 0))
    listener.listen(128)
    port = listener.getsockname()[1]
    config = Config()
    # hypercorn takes the listening socket itself: connections queue until it
    # accepts, so the URL works at once, and no other process can take the port.
    config.bind = [f"fd://{listener.detach()}"]
    config.accesslog = None
    config.graceful_timeout = 1.0
    stop = anyio.Event()
    async with anyio.create_task_group() as task_group:
        task_group.start_soon(_hypercorn, asgi, config, stop.wait)
        try:
            yield f"http://{host}:{port}"
        finally:
            stop.set()


async def _hypercorn(
    asgi: Any, config: Any, trigger: Callable[[], Awaitable[None]]
) -> None:
    if _on_trio():
        from hypercorn.trio import serve as serve_trio

        await serve_trio(asgi, config, shutdown_trigger=trigger)
    else:
        from hypercorn.asyncio import serve as serve_asyncio

        await serve_asyncio(asgi, config, shutdown_trigger=trigger)


def _on_trio() -> bool:
    trio = sys.modules.get("trio")
    if trio is None:
        return False
    try:
        trio.lowlevel.current_root_task()
    except RuntimeError:
        return False
    return True
