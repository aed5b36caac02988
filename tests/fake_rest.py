"""A fake Discord REST API for the REST client's tests.

:class:`FakeDiscord` is a plain ASGI app. It answers the routes ikit calls with
plausible bodies, keeps per-route rate limits the way Discord describes them (real
``X-RateLimit-*`` headers, buckets split by major parameter, the global limit for
bot-authorized routes), injects failures on request, and records every request it
receives. It also notes every *violation*: a request that a correct client would not
have sent (into a full bucket, before a ``Retry-After`` passed, over the global limit).

Drive it in-process with ``rest_client(fake)`` (or any httpx client on
``fake.transport()``), or serve it on loopback with ``async with serve(fake) as url``.
The routes it knows and how it answers them are in :mod:`tests.fake_rest_routes`.
"""

from __future__ import annotations

import json
import math
import socket
import time
import zlib
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Literal, cast
from urllib.parse import parse_qs

import anyio
import httpx
import sniffio
from hypercorn.config import Config
from hypercorn.typing import ASGIFramework

from ikit.rest import RestClient, RetryPolicy
from tests.fake_rest_routes import (
    APPLICATION_ID,
    Body,
    FakeRoute,
    Params,
    Part,
    Recorded,
    State,
    find_route,
    match,
)

__all__ = [
    "API_PREFIX",
    "APPLICATION_ID",
    "BASE_URL",
    "BOT_TOKEN",
    "FAST_RETRY",
    "FakeDiscord",
    "Fault",
    "Part",
    "Recorded",
    "rest_client",
    "serve",
]

BOT_TOKEN = "fake-bot-token"
API_PREFIX = "/api/v10"
BASE_URL = "http://discord.test" + API_PREFIX
FAST_RETRY = RetryPolicy(backoff=0.01, max_backoff=0.05)

Scope = Mapping[str, Any]
Receive = Callable[[], Awaitable[Mapping[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
Answer = tuple[int, Body, dict[str, str]]

# -- what can go wrong -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fault:
    """A failure to inject into the next request to a route."""

    kind: Literal["error", "reply", "rate_limit", "drop", "refuse", "stall"]
    status: int = 500
    scope: str = "user"
    retry_after: float = 0.0
    seconds: float = 0.0
    body: Body = None

    @classmethod
    def error(cls, status: int = 500) -> Fault:
        """Answer ``status`` (no rate-limit headers, the request has no effect)."""
        return cls("error", status=status)

    @classmethod
    def reply(cls, status: int, body: Body) -> Fault:
        """Answer ``status`` and ``body`` (rate-limit headers too), not the handler."""
        return cls("reply", status=status, body=body)

    @classmethod
    def rate_limit(cls, scope: str, retry_after: float) -> Fault:
        """Answer 429 with this scope; the limit then holds for ``retry_after``."""
        return cls("rate_limit", status=429, scope=scope, retry_after=retry_after)

    @classmethod
    def drop(cls) -> Fault:
        """Handle the request, then close the connection without answering."""
        return cls("drop")

    @classmethod
    def refuse(cls) -> Fault:
        """Refuse the connection: the request never arrives (in-process only)."""
        return cls("refuse")

    @classmethod
    def stall(cls, seconds: float) -> Fault:
        """Wait ``seconds`` before handling the request."""
        return cls("stall", seconds=seconds)


class ConnectionDropped(Exception):
    """Raised by the app to make the in-process transport drop the connection."""


# -- rate limits -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Limit:
    limit: int
    period: float
    bucket: str


@dataclass(slots=True)
class _Window:
    limit: Limit
    count: int = 0
    ends: float = -math.inf
    reset_epoch: float = 0.0
    blocked_until: float = -math.inf

    def roll(self, now: float) -> None:
        if now >= self.ends:
            self.count = 0
            self.set_end(now, now + self.limit.period)

    def set_end(self, now: float, ends: float) -> None:
        self.ends = ends
        self.reset_epoch = round(time.time() + (ends - now), 3)

    def headers(self, now: float) -> dict[str, str]:
        remaining = max(self.limit.limit - self.count, 0)
        return {
            "x-ratelimit-limit": str(self.limit.limit),
            "x-ratelimit-remaining": str(remaining),
            "x-ratelimit-reset": f"{self.reset_epoch:.3f}",
            "x-ratelimit-reset-after": _seconds_up(self.ends - now),
            "x-ratelimit-bucket": self.limit.bucket,
        }


def _seconds_up(seconds: float) -> str:
    # Rounded up to the millisecond: a client that waits this long is never early.
    return f"{math.ceil(seconds * 1000) / 1000:.3f}"


# -- the app ---------------------------------------------------------------------------


class FakeDiscord(State):
    """Plays Discord's REST API; see the module docstring."""

    def __init__(
        self,
        *,
        token: str = BOT_TOKEN,
        global_limit: int = 50,
        global_period: float = 1.0,
        default_limit: int = 1000,
    ) -> None:
        super().__init__()
        self.token = token
        self.requests: list[Recorded] = []
        self.violations: list[str] = []
        self.refused: list[str] = []
        self._global_limit = global_limit
        self._global_period = global_period
        self._global_times: deque[float] = deque()
        self._global_blocked_until = -math.inf
        self._default_limit = default_limit
        self._limits: dict[str, Limit] = {}
        self._windows: dict[tuple[str, str], _Window] = {}
        self._faults: dict[str, deque[Fault]] = defaultdict(deque)

    # -- configuration

    def limit(self, route: str, *, limit: int, period: float, bucket: str = "") -> None:
        """Give ``route`` (``METHOD /template``) its own limit, or share ``bucket``."""
        find_route(route)
        self._limits[route] = Limit(limit, period, bucket or _bucket_name(route))

    def inject(self, route: str, *faults: Fault) -> None:
        """Make the next requests to ``route`` fail, one fault per request."""
        find_route(route)
        self._faults[route].extend(faults)

    def transport(self) -> httpx.AsyncBaseTransport:
        return _Transport(self)

    # -- inspection

    def requests_to(self, route: str) -> list[Recorded]:
        return [request for request in self.requests if request.route == route]

    # -- ASGI

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return

        request, route, params = await self._receive(scope, receive)
        status, body, headers = await self._answer(request, route, params)
        await _respond(send, status, body, headers)

    async def _receive(
        self, scope: Scope, receive: Receive
    ) -> tuple[Recorded, FakeRoute | None, Params]:
        body = await _read_body(receive)
        method: str = scope["method"]
        path: str = scope["path"].removeprefix(API_PREFIX)
        route, params = match(method, path)
        request = Recorded(
            method=method,
            path=path,
            query=parse_qs(scope["query_string"].decode()),
            headers={k.decode().lower(): v.decode() for k, v in scope["headers"]},
            body=body,
            time=anyio.current_time(),
            route=route.name if route else f"{method} ?",
        )
        self.requests.append(request)
        return request, route, params

    async def _answer(
        self, request: Recorded, route: FakeRoute | None, params: Params
    ) -> Answer:
        if route is None:
            return 404, {"code": 0, "message": "404: Not Found"}, {}

        now = request.time
        refusal = self._check_auth(request, route) or self._check_global(request, route)
        if refusal:
            return refusal

        window = self._window(route, params)
        fault = self._next_fault(route.name)
        limited = self._check_bucket(route, window, now, fault)
        if limited:
            return limited

        if fault and fault.kind == "error":
            return fault.status, {"code": 0, "message": "Internal Server Error"}, {}

        if fault and fault.kind == "reply":
            return fault.status, fault.body, window.headers(now)

        if fault and fault.kind == "stall":
            await anyio.sleep(fault.seconds)

        status, body = self.handle(request, route, params)
        if fault and fault.kind == "drop":
            raise ConnectionDropped(route.name)

        return status, body, window.headers(anyio.current_time())

    def _check_auth(self, request: Recorded, route: FakeRoute) -> Answer | None:
        if route.token_in_path:
            return None

        if request.headers.get("authorization") != f"Bot {self.token}":
            return 401, {"code": 0, "message": "401: Unauthorized"}, {}

        return None

    def _check_global(self, request: Recorded, route: FakeRoute) -> Answer | None:
        if route.token_in_path or "authorization" not in request.headers:
            return None

        now = request.time
        times = self._global_times
        while times and times[0] <= now - self._global_period:
            times.popleft()

        times.append(now)
        if now < self._global_blocked_until:
            self.violations.append(f"{route.name}: sent during a global 429")
            return _too_many("global", self._global_blocked_until - now)

        if len(times) > self._global_limit:
            self.violations.append(f"{route.name}: over the global limit")
            return _too_many("global", self._global_period)

        return None

    def _check_bucket(
        self, route: FakeRoute, window: _Window, now: float, fault: Fault | None
    ) -> Answer | None:
        window.roll(now)
        if now < window.blocked_until:
            self.violations.append(f"{route.name}: sent during a shared 429")
            return _too_many("shared", window.blocked_until - now, window.headers(now))

        if fault and fault.kind == "rate_limit":
            return self._inject_429(window, now, fault)

        window.count += 1
        if window.count > window.limit.limit:
            self.violations.append(
                f"{route.name}: bucket {window.limit.bucket} exceeded"
            )
            return _too_many("user", window.ends - now, window.headers(now))

        return None

    def _inject_429(self, window: _Window, now: float, fault: Fault) -> Answer:
        until = now + fault.retry_after
        if fault.scope == "global":
            self._global_blocked_until = until
            return _too_many("global", fault.retry_after)

        if fault.scope == "shared":
            window.blocked_until = until
        else:
            # The bucket is spent until then: later requests would exceed it.
            window.count = window.limit.limit
            window.set_end(now, until)

        return _too_many(fault.scope, fault.retry_after, window.headers(now))

    def _window(self, route: FakeRoute, params: Params) -> _Window:
        limit = self._limits.get(route.name) or Limit(
            self._default_limit, 1.0, _bucket_name(route.name)
        )
        key = (limit.bucket, route.major(params))
        window = self._windows.get(key)
        if window is None:
            window = self._windows[key] = _Window(limit)

        return window

    def _next_fault(self, route: str) -> Fault | None:
        faults = self._faults.get(route)
        return faults.popleft() if faults else None

    def take_refusal(self, method: str, path: str) -> bool:
        """Pop a ``refuse`` fault for this request, if one is next in line."""
        route, _ = match(method, path)
        faults = self._faults.get(route.name) if route else None
        if not faults or faults[0].kind != "refuse":
            return False

        faults.popleft()
        self.refused.append(f"{method} {path}")
        return True


def _bucket_name(route: str) -> str:
    return f"{zlib.crc32(route.encode()):08x}"


def _too_many(
    scope: str, retry_after: float, headers: Mapping[str, str] | None = None
) -> Answer:
    retry_after = round(max(retry_after, 0.001), 3)
    out = dict(headers or {})
    out["retry-after"] = str(math.ceil(retry_after))
    out["x-ratelimit-scope"] = scope
    if scope == "global":
        out["x-ratelimit-global"] = "true"

    body = {
        "message": "You are being rate limited.",
        "retry_after": retry_after,
        "global": scope == "global",
    }
    return 429, body, out


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


async def _respond(
    send: Send, status: int, body: Body, headers: dict[str, str]
) -> None:
    content = b"" if body is None else json.dumps(body).encode()
    raw = [(k.encode(), v.encode()) for k, v in headers.items()]
    if body is not None:
        raw.append((b"content-type", b"application/json"))

    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": content})


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def rest_client(fake: FakeDiscord, **options: Any) -> RestClient:
    """A RestClient that talks to ``fake`` in-process, with quick retries."""
    options.setdefault("token", BOT_TOKEN)
    options.setdefault("retry", FAST_RETRY)
    return RestClient(base_url=BASE_URL, transport=fake.transport(), **options)


# -- driving it ------------------------------------------------------------------------


class _Transport(httpx.AsyncBaseTransport):
    """ASGITransport, plus the network failures the fake asks for.

    ASGITransport has no timeouts and no connections: this adds the read timeout the
    request carries, and turns ``refuse`` and ``drop`` faults into httpx's errors.
    """

    def __init__(self, fake: FakeDiscord) -> None:
        self._fake = fake
        self._asgi = httpx.ASGITransport(app=fake)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix(API_PREFIX)
        if self._fake.take_refusal(request.method, path):
            raise httpx.ConnectError("fake: connection refused", request=request)

        timeout = request.extensions.get("timeout", {}).get("read")
        try:
            with anyio.fail_after(timeout):
                return await self._asgi.handle_async_request(request)
        except TimeoutError:
            raise httpx.ReadTimeout(
                "fake: no answer in time", request=request
            ) from None
        except ConnectionDropped:
            message = "fake: server disconnected without sending a response"
            raise httpx.RemoteProtocolError(message, request=request) from None


@asynccontextmanager
async def serve(app: FakeDiscord) -> AsyncIterator[str]:
    """Serve ``app`` with hypercorn on a free loopback port; yield its base URL."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    port = listener.getsockname()[1]
    config = Config()
    # Hand hypercorn the listening socket itself: no window for another process to
    # take the port, and connections queue until it accepts.
    config.bind = [f"fd://{listener.detach()}"]
    config.graceful_timeout = 1.0
    config.accesslog = None
    stop = anyio.Event()
    async with anyio.create_task_group() as group:
        group.start_soon(_hypercorn, app, config, stop.wait)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            stop.set()


async def _hypercorn(
    app: FakeDiscord, config: Config, trigger: Callable[[], Awaitable[None]]
) -> None:
    asgi = cast(ASGIFramework, app)
    if sniffio.current_async_library() == "trio":
        from hypercorn.trio import serve as serve_trio

        await serve_trio(asgi, config, shutdown_trigger=trigger)
    else:
        from hypercorn.asyncio import serve as serve_asyncio

        await serve_asyncio(asgi, config, shutdown_trigger=trigger)
