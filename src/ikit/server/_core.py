"""One interaction request, from bytes to bytes, with no web framework.

The path: cap the body, verify the Ed25519 signature and timestamp, decode, refuse a
replayed id, answer PING, then let the App answer within the deadline. Every refusal is
an :class:`ikit.errors.RequestRejected` turned into its status with a short text body;
nothing here ever answers a bare 500.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import anyio
import anyio.abc

from ikit.context import ResponseWithFiles, _asyncio_loop
from ikit.errors import PayloadTooLarge, ReplayedInteraction, RequestRejected
from ikit.models import (
    ApplicationCommandInteraction,
    AutocompleteInteraction,
    Interaction,
    MessageFlags,
    MessagePayload,
    MessageResponse,
    decode_interaction,
    encode,
)
from ikit.server._eager import EagerStarter
from ikit.server.verify import MemoryReplayGuard, ReplayGuard, Verifier

if TYPE_CHECKING:
    from ikit.app import App

__all__ = ["Background", "HTTPResult", "InteractionHandler", "background"]

logger = logging.getLogger("ikit.server")

JSON_HEADERS = (("content-type", "application/json"),)
_TEXT = (("content-type", "text/plain; charset=utf-8"),)


@dataclass(frozen=True, slots=True)
class HTTPResult:
    """What to answer over HTTP: a status, headers and a body."""

    status: int
    body: bytes
    headers: tuple[tuple[str, str], ...] = field(default=JSON_HEADERS)

    @classmethod
    def text(cls, status: int, message: str) -> HTTPResult:
        return cls(status, message.encode(), _TEXT)


def too_large(cap: int) -> HTTPResult:
    """The 413 answer to a body of more than ``cap`` bytes (ASGI and app.handle)."""
    error = PayloadTooLarge(
        f"the body is larger than {cap} bytes, the most this endpoint accepts"
    )
    return HTTPResult.text(error.status, str(error))


class Background:
    """The work that outlives HTTP answers, counted.

    Shutdown waits for it to finish (bounded), then cancels and logs what was left.
    Make one with :func:`background`, which waits for the work when its block ends.

    On asyncio each piece of work is a plain asyncio task, started eagerly
    (:mod:`ikit.server._eager`): its first step runs inside :meth:`start_soon`, so
    a handler that answers without waiting costs no trip through the event loop. A
    task group would make a cancel scope and an event for every task, and one starts
    for every interaction; anyio's cancel scopes work inside such tasks all the same.
    On trio the work runs in the task group.
    """

    def __init__(self, task_group: anyio.abc.TaskGroup) -> None:
        self._task_group = task_group
        self._running = 0
        self._idle: anyio.Event | None = None
        loop = _asyncio_loop()
        self._starter = EagerStarter(loop) if loop is not None else None
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def running(self) -> int:
        return self._running

    def start_soon(self, func: Callable[..., Awaitable[Any]], *args: Any) -> None:
        self._running += 1
        if self._starter is None:  # trio
            self._task_group.start_soon(self._run, func, args)
            return

        # Eagerly: a handler that answers without waiting has answered on return.
        task = self._starter.start(self._run(func, args))
        if task is not None:
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _run(
        self, func: Callable[..., Awaitable[Any]], args: tuple[Any, ...]
    ) -> None:
        try:
            await func(*args)
        except Exception:
            # A task group would cancel the server for it; log it instead.
            logger.exception("background work failed")
        finally:
            self._running -= 1
            if self._running == 0 and self._idle is not None:
                self._idle.set()

    async def wait(self, grace: float) -> bool:
        """Wait until no work runs, at most ``grace`` seconds; True if it all ended."""
        if self._running:
            self._idle = anyio.Event()
            with anyio.move_on_after(grace):
                await self._idle.wait()
        return self._running == 0

    def cancel(self) -> None:
        if self._running:
            logger.warning(
                "shutdown cancelled %d handler(s) still running after the grace "
                "period; raise shutdown_timeout to give them longer",
                self._running,
            )
        for task in self._tasks:
            task.cancel()
        self._task_group.cancel_scope.cancel()

    async def join(self) -> None:
        """Wait for the asyncio tasks to end (the task group waits for its own)."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)


@contextlib.asynccontextmanager
async def background() -> AsyncIterator[Background]:
    """A :class:`Background` for the block, which waits for its work on the way out
    (cancel it first to stop sooner)."""
    async with anyio.create_task_group() as task_group:
        work = Background(task_group)
        try:
            yield work
        finally:
            await work.join()


class InteractionHandler:
    """Verifies, decodes and answers interaction requests for one App."""

    def __init__(
        self,
        app: App,
        *,
        window: float | None,
        replay_guard: ReplayGuard | None = None,
    ) -> None:
        if not app.public_key:
            raise ValueError(
                "The app has no public key, so it cannot verify Discord's requests: "
                "set DISCORD_PUBLIC_KEY (from the Developer Portal's General "
                "Information page), or pass public_key= to App()."
            )
        self.app = app
        self.verifier = Verifier(app.public_key, window=window)
        self.window = window if window is not None else 300.0
        self.replay_guard = replay_guard or MemoryReplayGuard()

    async def handle(
        self,
        body: bytes,
        headers: Mapping[str, str],
        task_group: Background,
        *,
        received_at: float | None = None,
        defer: bool = True,
    ) -> HTTPResult:
        """Answer one request whose body has been read in full (``defer``: see
        :meth:`ikit.App.respond`)."""
        started = time.perf_counter()
        arrival = received_at if received_at is not None else time.time()
        try:
            result, what = await self._answer(body, headers, task_group, arrival, defer)
        except RequestRejected as rejected:
            logger.info("rejected request: %s (%d)", rejected, rejected.status)
            return HTTPResult.text(rejected.status, str(rejected))
        except Exception:
            # A verified interaction still deserves an answer the user can read.
            logger.exception("failed to answer an interaction; sent the error message")
            return HTTPResult(200, encode(_error_answer(self.app.error_message)))
        if logger.isEnabledFor(logging.INFO):
            took = (time.perf_counter() - started) * 1000
            logger.info("%s -> %d in %.1f ms", what, result.status, took)
        return result

    async def _answer(
        self,
        body: bytes,
        headers: Mapping[str, str],
        task_group: Background,
        arrival: float,
        defer: bool,
    ) -> tuple[HTTPResult, _Described]:
        self.verifier.verify_headers(headers, body, now=arrival)
        interaction = decode_interaction(body)
        # A timestamp may be up to one window ahead and still valid for one more,
        # so an id must be remembered for two windows to refuse every replay.
        expires = arrival + 2 * self.window
        if await self.replay_guard.seen(int(interaction.id), expires):
            raise ReplayedInteraction(
                f"interaction {interaction.id} was already received; Discord never "
                "sends one twice, so this is a replay"
            )
        what = _Described(interaction)
        logger.debug("received %s", what)
        response = await self.app.respond(
            interaction, task_group, received_at=arrival, defer=defer
        )
        if isinstance(response, ResponseWithFiles):
            return await _multipart(response), what
        return HTTPResult(200, encode(response)), what


def _error_answer(message: str) -> MessageResponse:
    payload = MessagePayload(content=message, flags=MessageFlags.EPHEMERAL)
    return MessageResponse(data=payload)


async def _multipart(answer: ResponseWithFiles) -> HTTPResult:
    """The answer as ``multipart/form-data``: ``payload_json`` plus ``files[n]``."""
    from ikit.rest import File
    from ikit.rest._multipart import build_multipart

    files = [f for f in answer.files if isinstance(f, File)]
    if len(files) != len(answer.files):
        raise TypeError("files to upload must be ikit.rest.File objects")
    parts = await build_multipart(answer.response, files, in_data=True)
    boundary = secrets.token_hex(16)
    chunks: list[bytes] = []
    for name, (filename, data, content_type) in parts:
        disposition = f'form-data; name="{name}"'
        if filename is not None:
            disposition += f'; filename="{_quoted(filename)}"'
        head = (
            f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
            f"Content-Type: {content_type}\r\n\r\n"
        )
        chunks += [head.encode(), data, b"\r\n"]
    chunks.append(f"--{boundary}--\r\n".encode())
    content_type = f"multipart/form-data; boundary={boundary}"
    return HTTPResult(200, b"".join(chunks), (("content-type", content_type),))


def _quoted(filename: str) -> str:
    # A filename is a quoted-string in the header: escape what would end it.
    return filename.replace("\\", "\\\\").replace('"', '\\"').replace("\r\n", " ")


class _Described:
    """An interaction as log lines name it, worded only if a line is written."""

    __slots__ = ("interaction",)

    def __init__(self, interaction: Interaction) -> None:
        self.interaction = interaction

    def __str__(self) -> str:
        return _describe(self.interaction)


def _describe(interaction: Interaction) -> str:
    kind = interaction.type.name.lower()
    if isinstance(interaction, ApplicationCommandInteraction | AutocompleteInteraction):
        return f"{kind} /{' '.join(interaction.data.path())}"
    custom_id = getattr(getattr(interaction, "data", None), "custom_id", None)
    return f"{kind} {custom_id}" if custom_id else kind
