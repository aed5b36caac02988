"""The ASGI 3 adapter: lifespan owns the background work, http serves interactions.

POST on the interactions path is verified and answered; other methods there get 405,
other paths 404, and an optional health path answers GET with 200. Paths are matched
below the scope's ``root_path`` (``--root-path /bot`` serves ``/bot/``). The body is
capped (413 past the cap, without reading the rest).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from typing import TYPE_CHECKING, Any

from ikit.server._core import (
    JSON_HEADERS,
    Background,
    HTTPResult,
    InteractionHandler,
    background,
    too_large,
)
from ikit.server.verify import ReplayGuard

if TYPE_CHECKING:
    from ikit.app import App

__all__ = ["ASGIApp"]

logger = logging.getLogger("ikit.server")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class ASGIApp:
    """Serves one App over ASGI."""

    def __init__(
        self,
        app: App,
        *,
        path: str = "/",
        health_path: str | None = None,
        max_body_size: int = 1 << 20,
        timestamp_window: float | None = 300.0,
        replay_guard: ReplayGuard | None = None,
        shutdown_timeout: float = 10.0,
    ) -> None:
        self.app = app
        self.path = path
        self.health_path = health_path
        self.max_body_size = max_body_size
        self.shutdown_timeout = shutdown_timeout
        self.handler = InteractionHandler(
            app, window=timestamp_window, replay_guard=replay_guard
        )
        self.background: Background | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        elif scope["type"] == "lifespan":
            await self._lifespan(receive, send)

    # -- lifespan --------------------------------------------------------------------

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        await receive()  # lifespan.startup
        async with self.lifespan():
            await send({"type": "lifespan.startup.complete"})
            await receive()  # lifespan.shutdown
        await send({"type": "lifespan.shutdown.complete"})

    @contextlib.asynccontextmanager
    async def lifespan(self) -> AsyncIterator[None]:
        """Where handlers' work after their answers runs, for the block; on exit,
        drain it (see :meth:`drain`), then close the REST client the app made."""
        try:
            async with background() as work:
                self.background = work
                try:
                    yield
                finally:
                    await self.drain()
                    self.background = None
        finally:
            await self.app._close_rest()

    async def drain(self) -> None:
        """Wait for background work (bounded by shutdown_timeout), then cancel what
        is left (which closes the task group when nothing is)."""
        background = self.background
        if background is None:
            return
        await background.wait(self.shutdown_timeout)
        background.cancel()

    # -- http ------------------------------------------------------------------------

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        # An interaction's reads and writes are awaited here rather than in helpers:
        # an await of the server's receive() or send() that suspends goes through
        # every coroutine between the request's task and the awaitable, twice, and
        # a request makes four of them (granian hands the body over in two
        # messages). The rest of the work is in the handler and in _messages().
        received_at = time.time()
        path = _route_path(scope)
        method = scope.get("method", "GET")
        if path != self.path or method != "POST":
            await self._elsewhere(path, method, send)
            return

        headers = _headers(scope)
        cap = self.max_body_size
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            await _reply(send, too_large(cap))
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > cap:
                await _reply(send, too_large(cap))
                return
            if chunk:
                chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = chunks[0] if len(chunks) == 1 else b"".join(chunks)

        background = self.background
        if background is None:
            await self._without_lifespan(body, headers, send, received_at)
            return
        result = await self.handler.handle(
            body, headers, background, received_at=received_at
        )
        start, end = _messages(result)
        await send(start)
        await send(end)

    async def _elsewhere(self, path: str | None, method: str, send: Send) -> None:
        """Answer what is not an interaction: the health check, 404 and 405."""
        if path is not None and method in ("GET", "HEAD") and path == self.health_path:
            await _reply(send, HTTPResult.text(200, "ok"))
        elif path != self.path:  # None (outside the mount point) included
            await _reply(send, HTTPResult.text(404, "not found"))
        else:
            result = HTTPResult.text(405, "interactions are POSTed")
            await _reply(send, result, extra=(("allow", "POST"),))

    async def _without_lifespan(
        self, body: bytes, headers: dict[str, str], send: Send, received_at: float
    ) -> None:
        # No lifespan (the server does not run it): the work that follows the answer
        # has nowhere to live, so the request waits for it.
        async with background() as work:
            result = await self.handler.handle(
                body, headers, work, received_at=received_at
            )
            await _reply(send, result)


def _route_path(scope: Scope) -> str | None:
    """The path below the app's mount point, or None for a path outside it.

    ASGI servers pass the full path, with the mount point (``root_path``) beside it,
    so the mount point is stripped before matching; ``/bot`` itself counts as
    ``/bot/``.
    """
    path: str = scope.get("path", "")
    root: str = scope.get("root_path", "").rstrip("/")
    if not root:
        return path

    below = path.removeprefix(root)
    if below == path:
        return None
    if not below:
        return "/"
    # "/bot" is the mount point of "/bot/x", not of "/botany".
    return below if below.startswith("/") else None


_JSON_TYPE = (b"content-type", b"application/json")

#: The request headers ikit reads: the body's size and Discord's signature.
_READ = frozenset((b"content-length", b"x-signature-ed25519", b"x-signature-timestamp"))


def _headers(scope: Scope) -> dict[str, str]:
    """The headers ikit reads, decoded; the rest (a proxy's, say) are left alone."""
    found: dict[str, str] = {}
    for name, value in scope.get("headers", ()):
        lowered = name.lower()  # ASGI servers send them lowercased; not all do
        if lowered in _READ:
            found[lowered.decode("latin-1")] = value.decode("latin-1")
    return found


def _messages(
    result: HTTPResult, extra: tuple[tuple[str, str], ...] = ()
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The ASGI messages that start and end the answer."""
    if result.headers is JSON_HEADERS and not extra:
        headers = [_JSON_TYPE]  # nearly every answer: no encoding to do
    else:
        pairs = (*result.headers, *extra)
        headers = [(name.encode(), value.encode()) for name, value in pairs]
    headers.append((b"content-length", str(len(result.body)).encode()))
    start = {"type": "http.response.start", "status": result.status, "headers": headers}
    return start, {"type": "http.response.body", "body": result.body}


async def _reply(
    send: Send, result: HTTPResult, extra: tuple[tuple[str, str], ...] = ()
) -> None:
    start, end = _messages(result, extra)
    await send(start)
    await send(end)
