"""A fake Discord REST API for the REST client's tests.

:class:`FakeDiscord` is a plain ASGI app. It answers the routes ikit calls with
plausible bodies, keeps per-route rate limits the way Discord describes them (real
``X-RateLimit-*`` headers, buckets split by major parameter, the global limit for
bot-authorized routes), injects failures on request, and records every request it
receives. It also notes every *violation*: a request that a correct client would not
have sent (into a full bucket, before a ``Retry-After`` passed, over the global limit).

Drive it in-process with ``httpx.AsyncClient(transport=fake.transport())``, or serve it
on loopback with ``async with serve(fake) as base_url``.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import socket
import time
import zlib
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Literal, cast
from urllib.parse import parse_qs

import anyio
import httpx
import sniffio
from hypercorn.config import Config
from hypercorn.typing import ASGIFramework

from ikit.rest import RestClient, RetryPolicy

BOT_TOKEN = "fake-bot-token"
APPLICATION_ID = 100000000000000001
API_PREFIX = "/api/v10"
BASE_URL = "http://discord.test" + API_PREFIX
FAST_RETRY = RetryPolicy(backoff=0.01, max_backoff=0.05)

Scope = Mapping[str, Any]
Receive = Callable[[], Awaitable[Mapping[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
Body = Any  # a JSON value, or None for 204

# -- what the fake records -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a multipart body."""

    name: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass(frozen=True, slots=True)
class Recorded:
    """One request as the fake received it."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    time: float
    """``anyio.current_time()`` when it arrived."""
    route: str
    """``METHOD /template`` of the route it matched, or ``METHOD ?``."""

    def json(self) -> Any:
        return json.loads(self.body)

    def parts(self) -> dict[str, Part]:
        """The parts of a multipart body, by name."""
        return {part.name: part for part in _split_multipart(self)}

    def payload(self) -> Any:
        """The JSON body, whether sent plain or as ``payload_json``."""
        if self.headers.get("content-type", "").startswith("multipart/form-data"):
            return json.loads(self.parts()["payload_json"].data)

        return self.json() if self.body else None


def _split_multipart(request: Recorded) -> list[Part]:
    match = re.search(r"boundary=([^;]+)", request.headers["content-type"])
    if match is None:
        raise AssertionError("multipart request without a boundary")

    delimiter = b"--" + match.group(1).strip('"').encode()
    chunks = request.body.split(delimiter)[1:-1]
    return [
        _part(chunk.removeprefix(b"\r\n").removesuffix(b"\r\n")) for chunk in chunks
    ]


def _part(chunk: bytes) -> Part:
    head, _, data = chunk.partition(b"\r\n\r\n")
    lines = (line.partition(":") for line in head.decode().split("\r\n"))
    headers = {key.strip().lower(): value.strip() for key, _, value in lines}
    disposition = headers.get("content-disposition", "")
    name = re.search(r'\bname="([^"]*)"', disposition)
    filename = re.search(r'\bfilename="([^"]*)"', disposition)
    return Part(
        name=name.group(1) if name else "",
        filename=filename.group(1) if filename else None,
        content_type=headers.get("content-type"),
        data=data,
    )


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


# -- the routes it knows ---------------------------------------------------------------

Handler = Callable[["FakeDiscord", Recorded, dict[str, str]], tuple[int, Body]]

_MAJORS = (
    ("webhook_id", "webhook_token"),
    ("application_id", "interaction_token"),
    ("interaction_id", "interaction_token"),
    ("channel_id",),
    ("guild_id",),
)


@dataclass(frozen=True, slots=True)
class _Route:
    method: str
    template: str
    handler: Handler
    pattern: re.Pattern[str] = field(compare=False)

    @property
    def name(self) -> str:
        return f"{self.method} {self.template}"

    @property
    def token_in_path(self) -> bool:
        return "_token}" in self.template

    def major(self, params: dict[str, str]) -> str:
        for group in _MAJORS:
            if all(name in params for name in group):
                return ",".join(params[name] for name in group)

        return ""


def _compile(template: str) -> re.Pattern[str]:
    pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
    return re.compile(f"^{pattern}$")


# -- the app ---------------------------------------------------------------------------


class FakeDiscord:
    """Plays Discord's REST API; see the module docstring."""

    def __init__(
        self,
        *,
        token: str = BOT_TOKEN,
        global_limit: int = 50,
        global_period: float = 1.0,
        default_limit: int = 1000,
    ) -> None:
        self.token = token
        self.requests: list[Recorded] = []
        self.violations: list[str] = []
        self.refused: list[str] = []
        self.expired_tokens: set[str] = set()
        self.messages: dict[str, dict[str, Any]] = {}
        self.commands: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        self.application: dict[str, Any] = {
            "id": str(APPLICATION_ID),
            "name": "ikit test app",
            "description": "",
        }
        self._ids = itertools.count(200000000000000000)
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
        self._find_route(route)
        self._limits[route] = Limit(limit, period, bucket or _bucket_name(route))

    def inject(self, route: str, *faults: Fault) -> None:
        """Make the next requests to ``route`` fail, one fault per request."""
        self._find_route(route)
        self._faults[route].extend(faults)

    def transport(self) -> httpx.AsyncBaseTransport:
        return _Transport(self)

    # -- inspection

    def requests_to(self, route: str) -> list[Recorded]:
        return [request for request in self.requests if request.route == route]

    def next_id(self) -> str:
        return str(next(self._ids))

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
    ) -> tuple[Recorded, _Route | None, dict[str, str]]:
        body = await _read_body(receive)
        method: str = scope["method"]
        path: str = scope["path"].removeprefix(API_PREFIX)
        route, params = self.match(method, path)
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

    def match(self, method: str, path: str) -> tuple[_Route | None, dict[str, str]]:
        for route in ROUTES:
            if route.method == method:
                found = route.pattern.match(path)
                if found:
                    return route, found.groupdict()

        return None, {}

    async def _answer(
        self, request: Recorded, route: _Route | None, params: dict[str, str]
    ) -> tuple[int, Body, dict[str, str]]:
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

        status, body = self._handle(request, route, params)
        if fault and fault.kind == "drop":
            raise ConnectionDropped(route.name)

        return status, body, window.headers(anyio.current_time())

    def _handle(
        self, request: Recorded, route: _Route, params: dict[str, str]
    ) -> tuple[int, Body]:
        token = params.get("interaction_token")
        if token in self.expired_tokens:
            return 404, {"code": 10015, "message": "Unknown Webhook"}

        return route.handler(self, request, params)

    def _check_auth(
        self, request: Recorded, route: _Route
    ) -> tuple[int, Body, dict[str, str]] | None:
        if route.token_in_path:
            return None

        if request.headers.get("authorization") != f"Bot {self.token}":
            return 401, {"code": 0, "message": "401: Unauthorized"}, {}

        return None

    def _check_global(
        self, request: Recorded, route: _Route
    ) -> tuple[int, Body, dict[str, str]] | None:
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
        self, route: _Route, window: _Window, now: float, fault: Fault | None
    ) -> tuple[int, Body, dict[str, str]] | None:
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

    def _inject_429(
        self, window: _Window, now: float, fault: Fault
    ) -> tuple[int, Body, dict[str, str]]:
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

    def _window(self, route: _Route, params: dict[str, str]) -> _Window:
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
        route, _ = self.match(method, path)
        faults = self._faults.get(route.name) if route else None
        if not faults or faults[0].kind != "refuse":
            return False

        faults.popleft()
        self.refused.append(f"{method} {path}")
        return True

    def _find_route(self, name: str) -> _Route:
        for route in ROUTES:
            if route.name == name:
                return route

        raise KeyError(f"the fake has no route {name!r}")


def _bucket_name(route: str) -> str:
    return f"{zlib.crc32(route.encode()):08x}"


def _too_many(
    scope: str, retry_after: float, headers: Mapping[str, str] | None = None
) -> tuple[int, Body, dict[str, str]]:
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


# -- route handlers: plausible answers -------------------------------------------------


def _timestamp() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())


def _message(
    fake: FakeDiscord,
    payload: dict[str, Any],
    files: list[Part],
    channel_id: str,
    message_id: str | None = None,
) -> dict[str, Any]:
    return {
        "id": message_id or fake.next_id(),
        "channel_id": channel_id,
        "type": 0,
        "content": payload.get("content") or "",
        "author": {"id": str(APPLICATION_ID), "username": "ikit test", "bot": True},
        "timestamp": _timestamp(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [_attachment(fake, part) for part in files],
        "embeds": payload.get("embeds") or [],
        "components": payload.get("components") or [],
        "pinned": False,
        "flags": payload.get("flags") or 0,
        "application_id": str(APPLICATION_ID),
    }


def _message_from(
    fake: FakeDiscord, request: Recorded, channel_id: str, message_id: str | None = None
) -> dict[str, Any]:
    payload = request.payload() or {}
    return _message(fake, payload, _files(request), channel_id, message_id)


def _files(request: Recorded) -> list[Part]:
    if not _is_form(request):
        return []

    return [part for part in request.parts().values() if part.filename]


def _is_form(request: Recorded) -> bool:
    return request.headers.get("content-type", "").startswith("multipart/form-data")


def _attachment(fake: FakeDiscord, part: Part) -> dict[str, Any]:
    url = f"https://cdn.example/{part.filename}"
    return {
        "id": fake.next_id(),
        "filename": part.filename,
        "size": len(part.data),
        "url": url,
        "proxy_url": url,
        "content_type": part.content_type,
    }


def _unknown_message() -> tuple[int, Body]:
    return 404, {"code": 10008, "message": "Unknown Message"}


def _callback(
    fake: FakeDiscord, request: Recorded, params: dict[str, str]
) -> tuple[int, Body]:
    if request.query.get("with_response") != ["true"]:
        return 204, None

    body = request.payload()
    resource: dict[str, Any] = {"type": body["type"]}
    if body["type"] in (4, 7):
        data = body.get("data") or {}
        resource["message"] = _message(fake, data, _files(request), "300")

    interaction = {"id": params["interaction_id"], "type": 2}
    return 200, {"interaction": interaction, "resource": resource}


def _followup_create(
    fake: FakeDiscord, request: Recorded, params: dict[str, str]
) -> tuple[int, Body]:
    message = _message_from(fake, request, "300")
    fake.messages[f"{params['interaction_token']}/{message['id']}"] = message
    return 200, message


def _original_get(
    fake: FakeDiscord, request: Recorded, params: dict[str, str]
) -> tuple[int, Body]:
    key = f"{params['interaction_token']}/@original"
    if key not in fake.messages:
        fake.messages[key] = _message_from(fake, request, "300")

    return 200, fake.messages[key]


def _webhook_message_get(
    fake: FakeDiscord, request: Recorded, params: dict[str, str]
) -> tuple[int, Body]:
    key = f"{params['interaction_token']}/{params['message_id']}"
    found = fake.messages.get(key)
    return (200, found) if found else _unknown_message()


def _webhook_message_edit(
    fake: FakeDiscord, request: Recorded, params: dict[str, str]
) -> tuple[int, Body]:
    message_id = params.get("message_id", "@original")
    key = f"{params['interaction_token']}/{message_id}"
    if message_id != "@original" and key not in fake.messages:
        return _unknown_message()

    edited = _message_from(
        fake, request, "300", None if message_id == "@original" else message_id
    )
    fake.messages[key] = edited
    return 200, edited


def _webhook_message_delete(
    fake: FakeDiscord, request: Recorded, params: dict[str, str]
) -> tuple[int, Body]:
    key = f"{params['interaction_token']}/{params.get('message_id', '@original')}"
    fake.messages.pop(key, None)
    return 204, None


def _channel_message_create(
    fake: FakeDiscord, request: Recorded, params: dict[str, str]
) -> tuple[int, Body]:
    message = _message_from(fake, request, params["channel_id"])
    fake.messages[f"{params['channel_id']}/{message['id']}"] = message
    return 200, message


def _channel_message_get(
    fake: FakeDiscord, request: Recorded, params: dict[str, str]
) -> tuple[int, Body]:
    found = fake.messages.get(f"{params['channel_id']}/{params['message_id']}")
    return (200, found) if found else _unknown_message()


def _channel_message_edit(
    fake: FakeDiscord, request: Recorded, params: dict[str, str]
) -> tuple[int, Body]:
    key = f"{params['channel_id']}/{params['message_id']}"
    if key not in fake.messages:
        return _unknown_message()

    fake.messages[key] = _message_from(
        fake, request, params["channel_id"], params["message_id"]
    )
    return 200, fake.messages[key]


def _channel_message_delete(
    fake: FakeDiscord, request: Recorded, params: dict[str, str]
) -> tuple[int, Body]:
    found = fake.messages.pop(f"{params['channel_id']}/{params['message_id']}", None)
    return (204, None) if found else _unknown_message()


def _scope(params: dict[str, str]) -> str:
    return params.get("guild_id", "global")


def _command(
    fake: FakeDiscord, body: dict[str, Any], params: dict[str, str]
) -> dict[str, Any]:
    command = {
        "type": 1,
        "description": "",
        **body,
        "id": body.get("id") or fake.next_id(),
        "application_id": params["application_id"],
        "version": fake.next_id(),
    }
    if "guild_id" in params:
        command["guild_id"] = params["guild_id"]

    return command


def _commands_get(
    fake: FakeDiscord, request: Recorded, params: dict[str, str]
) -> tuple[int, Body]:
    return 200, list(fake.commands[_scope(params)].values())


def _commands_create(
    fake: FakeDiscord, request: Recorded, params: dict[str, str]
) -> tuple[int, Body]:
    commands = fake.commands[_scope(params)]
    body = request.json()
    existing = next((c for c in commands.values() if c["name"] == body["name"]), None)
    command = _command(
        fake, {**body, "id": existing["id"] if existing else None}, params
    )
    commands[command["id"]] = command
    return (200 if existing else 201), command


def _commands_overwrite(
    fake: FakeDiscord, request: Recorded, params: dict[str, str]
) -> tuple[int, Body]:
    created = [_command(fake, body, params) for body in request.json()]
    fake.commands[_scope(params)] = {command["id"]: command for command in created}
    return 200, created


def _command_edit(
    fake: FakeDiscord, request: Recorded, params: dict[str, str]
) -> tuple[int, Body]:
    commands = fake.commands[_scope(params)]
    found = commands.get(params["command_id"])
    if found is None:
        return 404, {"code": 10063, "message": "Unknown application command"}

    found.update(request.json())
    return 200, found


def _command_delete(
    fake: FakeDiscord, request: Recorded, params: dict[str, str]
) -> tuple[int, Body]:
    found = fake.commands[_scope(params)].pop(params["command_id"], None)
    if found is None:
        return 404, {"code": 10063, "message": "Unknown application command"}

    return 204, None


def _application_get(
    fake: FakeDiscord, request: Recorded, params: dict[str, str]
) -> tuple[int, Body]:
    return 200, fake.application


def _application_edit(
    fake: FakeDiscord, request: Recorded, params: dict[str, str]
) -> tuple[int, Body]:
    fake.application.update(request.json())
    return 200, fake.application


def _member_get(
    fake: FakeDiscord, request: Recorded, params: dict[str, str]
) -> tuple[int, Body]:
    user = {"id": params["user_id"], "username": "member"}
    return 200, {
        "user": user,
        "roles": [],
        "joined_at": _timestamp(),
        "deaf": False,
        "mute": False,
    }


def _roles_get(
    fake: FakeDiscord, request: Recorded, params: dict[str, str]
) -> tuple[int, Body]:
    everyone = {
        "id": params["guild_id"],
        "name": "@everyone",
        "color": 0,
        "hoist": False,
        "position": 0,
        "permissions": "104324673",
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }
    return 200, [everyone]


def _dm_create(
    fake: FakeDiscord, request: Recorded, params: dict[str, str]
) -> tuple[int, Body]:
    recipient = request.json()["recipient_id"]
    channel_id = str(int(recipient) + 1)
    recipients = [{"id": recipient, "username": "someone"}]
    return 200, {"id": channel_id, "type": 1, "recipients": recipients}


_WEBHOOK = "/webhooks/{application_id}/{interaction_token}"
_COMMANDS = "/applications/{application_id}/commands"
_GUILD_COMMANDS = "/applications/{application_id}/guilds/{guild_id}/commands"
_MESSAGES = "/channels/{channel_id}/messages"

_TABLE: list[tuple[str, str, Handler]] = [
    ("POST", "/interactions/{interaction_id}/{interaction_token}/callback", _callback),
    ("POST", _WEBHOOK, _followup_create),
    ("GET", _WEBHOOK + "/messages/@original", _original_get),
    ("PATCH", _WEBHOOK + "/messages/@original", _webhook_message_edit),
    ("DELETE", _WEBHOOK + "/messages/@original", _webhook_message_delete),
    ("GET", _WEBHOOK + "/messages/{message_id}", _webhook_message_get),
    ("PATCH", _WEBHOOK + "/messages/{message_id}", _webhook_message_edit),
    ("DELETE", _WEBHOOK + "/messages/{message_id}", _webhook_message_delete),
    ("GET", "/applications/@me", _application_get),
    ("PATCH", "/applications/@me", _application_edit),
    *(
        entry
        for base in (_COMMANDS, _GUILD_COMMANDS)
        for entry in (
            ("GET", base, _commands_get),
            ("POST", base, _commands_create),
            ("PUT", base, _commands_overwrite),
            ("PATCH", base + "/{command_id}", _command_edit),
            ("DELETE", base + "/{command_id}", _command_delete),
        )
    ),
    ("POST", _MESSAGES, _channel_message_create),
    ("GET", _MESSAGES + "/{message_id}", _channel_message_get),
    ("PATCH", _MESSAGES + "/{message_id}", _channel_message_edit),
    ("DELETE", _MESSAGES + "/{message_id}", _channel_message_delete),
    ("GET", "/guilds/{guild_id}/members/{user_id}", _member_get),
    ("GET", "/guilds/{guild_id}/roles", _roles_get),
    ("POST", "/users/@me/channels", _dm_create),
]

ROUTES = [
    _Route(method, template, handler, _compile(template))
    for method, template, handler in _TABLE
]


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
