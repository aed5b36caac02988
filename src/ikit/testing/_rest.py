"""The simulated Discord's REST API: an ASGI app over the :class:`World`.

It answers the routes a bot uses while it handles interactions: the interaction
callback, the original response and followups (authorized by the interaction token in
the path), channel messages, DMs and command registration (authorized by the bot
token). Each request is recorded in ``requests``; a route it does not simulate gets a
404 that says so.

A webhook route waits for the interaction's first answer when it has not arrived yet:
the bot may send its first answer over HTTP and call REST at once (``ctx.send()``
then ``ctx.followup()``), and the simulator must not lose that race to the HTTP
answer it is about to hand over.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import anyio

from ikit.errors import Violation
from ikit.testing import _rules
from ikit.testing._objects import Payload, dm_channel, snowflake, user
from ikit.testing._world import (
    UNKNOWN_MESSAGE,
    UNKNOWN_WEBHOOK,
    Refusal,
    Tracked,
    Upload,
    World,
    invalid_form,
    message_problems,
)

__all__ = ["FakeRest", "RestCall"]

Scope = Mapping[str, Any]
Receive = Callable[[], Awaitable[Mapping[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
Reply = tuple[int, Any]
Params = dict[str, str]

_PREFIX = re.compile(r"^/api(/v\d+)?")


@dataclass(frozen=True, slots=True)
class RestCall:
    """One request the bot sent to the REST API."""

    method: str
    route: str
    """``METHOD /template``, or ``METHOD /path`` for a route not simulated."""
    path: str
    body: Any
    """The JSON body (``payload_json`` of a multipart one), or None."""
    files: tuple[Upload, ...] = ()


@dataclass(frozen=True, slots=True)
class _Request:
    method: str
    params: Params
    query: str
    body: Any
    files: tuple[Upload, ...]


_Handler = Callable[["FakeRest", _Request], Awaitable[Reply]]


class FakeRest:
    """Discord's REST API as the simulator plays it; an ASGI application."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.requests: list[RestCall] = []
        self.commands: dict[str, list[Payload]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return

        raw = await _read(receive)
        content_type = _header(scope, "content-type")
        body, files = _parse(raw, content_type)
        method = scope["method"]
        path = _PREFIX.sub("", scope["path"])
        found = _match(method, path)
        if found is None:
            self.requests.append(
                RestCall(method, f"{method} {path}", path, body, files)
            )
            reply: Reply = _not_simulated(method, path)
        else:
            template, handler, params = found
            query = scope.get("query_string", b"").decode()
            self.requests.append(RestCall(method, template, path, body, files))
            request = _Request(method, params, query, body, files)
            reply = await handler(self, request)
        await _respond(send, *reply)

    # -- the interaction's webhook -----------------------------------------------------

    async def _interaction(self, request: _Request, route: str) -> Tracked | Refusal:
        tracked = self.world.interactions.get(request.params["interaction_token"])
        app_id = request.params.get("application_id")
        if tracked is None or (app_id and int(app_id) != tracked.application_id):
            return UNKNOWN_WEBHOOK

        age = self.world.clock.now() - tracked.created
        if age > _rules.TOKEN_LIFETIME:
            invalid = Refusal(401, 50027, "Invalid Webhook Token")
            return self.world.broke(
                _rules.token_expired(tracked.label, age, route), invalid
            )
        return tracked

    async def _answered(self, request: _Request, route: str) -> Tracked | Refusal:
        found = await self._interaction(request, route)
        if isinstance(found, Refusal) or found.response is not None:
            return found

        with anyio.move_on_after(self._time_left(found)):
            await found.answered.wait()
        return found if found.response is not None else UNKNOWN_WEBHOOK

    def _time_left(self, tracked: Tracked) -> float:
        elapsed = self.world.clock.now() - tracked.created
        return max(0.0, _rules.ANSWER_DEADLINE - elapsed)

    async def callback(self, request: _Request) -> Reply:
        found = await self._interaction(request, "POST /interactions/.../callback")
        if isinstance(found, Refusal):
            return _error(found)
        if int(request.params["interaction_id"]) != found.id:
            return _error(Refusal(404, 10062, "Unknown interaction"))

        refusal = self.world.answer(found, request.body or {}, request.files)
        if refusal is not None:
            return _error(refusal)
        if "with_response=true" not in request.query.lower():
            return 204, None
        return 200, self._callback_response(found)

    def _callback_response(self, tracked: Tracked) -> Payload:
        created = self.world.find(tracked.original or 0)
        interaction: Payload = {"id": str(tracked.id), "type": int(tracked.kind)}
        resource: Payload = {"type": int(tracked.response or 0)}
        if created is not None:
            interaction["response_message_id"] = created["id"]
            interaction["response_message_loading"] = bool(created["flags"] & 128)
            interaction["response_message_ephemeral"] = bool(created["flags"] & 64)
            resource["message"] = created
        return {"interaction": interaction, "resource": resource}

    async def original(self, request: _Request) -> Reply:
        found = await self._answered(request, f"{request.method} @original")
        if isinstance(found, Refusal):
            return _error(found)

        target = self.world.find(found.original or 0)
        if target is None:
            return _error(UNKNOWN_MESSAGE)
        return self._act_on(found, target, request)

    async def followup(self, request: _Request) -> Reply:
        found = await self._answered(request, "POST followup")
        if isinstance(found, Refusal):
            return _error(found)

        problems = message_problems(request.body or {}, edit=False)
        if problems:
            what = f"a followup to {found.label}"
            return _error(
                self.world.broke(_rules.limits(what, problems), invalid_form(problems))
            )

        loading = self.world.find(found.original or 0)
        if loading is not None and loading["flags"] & 128:
            # Discord still fills a deferred answer with the first followup.
            return 200, self.world.edit(loading, request.body or {}, request.files)
        return self._new_followup(found, request)

    def _refuse_limits(self, what: str, problems: list[Violation | str]) -> Reply:
        rule = _rules.limits(what, problems)
        return _error(self.world.broke(rule, invalid_form(problems)))

    def _new_followup(self, tracked: Tracked, request: _Request) -> Reply:
        tracked.followups += 1
        limit = _rules.FOLLOWUPS_FOR_USER_INSTALLS
        if tracked.user_install_only and tracked.followups > limit:
            rule = _rules.too_many_followups(tracked.label, tracked.followups)
            refusal = Refusal(
                400,
                40094,
                "This interaction has hit the maximum number of follow up messages",
            )
            return _error(self.world.broke(rule, refusal))

        created = self.world.create(
            tracked.channel_id,
            request.body or {},
            request.files,
            tracked=tracked,
            followup=True,
        )
        return 200, created

    async def followup_message(self, request: _Request) -> Reply:
        found = await self._answered(request, f"{request.method} followup")
        if isinstance(found, Refusal):
            return _error(found)

        target = self.world.find(int(request.params["message_id"]))
        if target is None:
            return _error(UNKNOWN_MESSAGE)
        return self._act_on(found, target, request)

    def _act_on(self, tracked: Tracked, target: Payload, request: _Request) -> Reply:
        if request.method == "GET":
            return 200, target
        if request.method == "DELETE":
            self.world.delete(int(target["id"]))
            return 204, None

        problems = message_problems(request.body or {}, edit=True)
        if problems:
            what = f"an edit of a message of {tracked.label}"
            return _error(
                self.world.broke(_rules.limits(what, problems), invalid_form(problems))
            )
        return 200, self.world.edit(target, request.body or {}, request.files)

    # -- bot-token routes --------------------------------------------------------------

    async def channel_messages(self, request: _Request) -> Reply:
        channel_id = int(request.params["channel_id"])
        problems = message_problems(request.body or {}, edit=False)
        if problems:
            what = f"a message to channel {channel_id}"
            return _error(
                self.world.broke(_rules.limits(what, problems), invalid_form(problems))
            )
        return 200, self.world.create(channel_id, request.body or {}, request.files)

    async def channel_message(self, request: _Request) -> Reply:
        channel = self.world.channels.get(int(request.params["channel_id"]), {})
        target = channel.get(int(request.params["message_id"]))
        if target is None:
            return _error(UNKNOWN_MESSAGE)
        if request.method == "GET":
            return 200, target
        if request.method == "DELETE":
            self.world.delete(int(target["id"]))
            return 204, None

        problems = message_problems(request.body or {}, edit=True)
        if problems:
            what = f"an edit of message {target['id']}"
            return _error(
                self.world.broke(_rules.limits(what, problems), invalid_form(problems))
            )
        return 200, self.world.edit(target, request.body or {}, request.files)

    async def dm(self, request: _Request) -> Reply:
        recipient = str((request.body or {}).get("recipient_id") or 0)
        channel_id = self.world.dm_channels.setdefault(recipient, snowflake())
        return 200, dm_channel(user(id=int(recipient)), id=channel_id)

    async def list_commands(self, request: _Request) -> Reply:
        return 200, self.commands.get(_scope(request.params), [])

    async def overwrite_commands(self, request: _Request) -> Reply:
        made = [_command(body, request.params) for body in request.body or []]
        self.commands[_scope(request.params)] = made
        return 200, made

    async def create_command(self, request: _Request) -> Reply:
        made = _command(request.body or {}, request.params)
        listed = self.commands.setdefault(_scope(request.params), [])
        listed[:] = [c for c in listed if c["name"] != made["name"]] + [made]
        return 201, made


def _scope(params: Params) -> str:
    return params.get("guild_id", "global")


def _command(body: Payload, params: Params) -> Payload:
    made = {"type": 1, "description": "", **body}
    made.update(
        id=str(body.get("id") or snowflake()),
        application_id=params["application_id"],
        version=str(snowflake()),
    )
    if "guild_id" in params:
        made["guild_id"] = params["guild_id"]
    return made


# -- routing ---------------------------------------------------------------------------

_WEBHOOK = "/webhooks/{application_id}/{interaction_token}"
_COMMANDS = "/applications/{application_id}/commands"
_GUILD_COMMANDS = "/applications/{application_id}/guilds/{guild_id}/commands"
_ROUTES: list[tuple[str, str, _Handler]] = [
    (
        "POST",
        "/interactions/{interaction_id}/{interaction_token}/callback",
        FakeRest.callback,
    ),
    ("POST", _WEBHOOK, FakeRest.followup),
    *(
        (m, _WEBHOOK + "/messages/@original", FakeRest.original)
        for m in ("GET", "PATCH", "DELETE")
    ),
    *(
        (m, _WEBHOOK + "/messages/{message_id}", FakeRest.followup_message)
        for m in ("GET", "PATCH", "DELETE")
    ),
    ("POST", "/channels/{channel_id}/messages", FakeRest.channel_messages),
    *(
        (m, "/channels/{channel_id}/messages/{message_id}", FakeRest.channel_message)
        for m in ("GET", "PATCH", "DELETE")
    ),
    ("POST", "/users/@me/channels", FakeRest.dm),
    *(("GET", path, FakeRest.list_commands) for path in (_COMMANDS, _GUILD_COMMANDS)),
    *(
        ("PUT", path, FakeRest.overwrite_commands)
        for path in (_COMMANDS, _GUILD_COMMANDS)
    ),
    *(("POST", path, FakeRest.create_command) for path in (_COMMANDS, _GUILD_COMMANDS)),
]


def _compile(template: str) -> re.Pattern[str]:
    pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
    return re.compile(f"^{pattern}$")


_COMPILED = [
    (method, template, _compile(template), handler)
    for method, template, handler in _ROUTES
]


def _match(method: str, path: str) -> tuple[str, _Handler, Params] | None:
    for route_method, template, pattern, handler in _COMPILED:
        found = pattern.match(path)
        if found and route_method == method:
            return f"{method} {template}", handler, found.groupdict()
    return None


def _not_simulated(method: str, path: str) -> Reply:
    message = (
        f"ikit.testing does not simulate {method} {path}; its REST API knows the "
        "routes a bot uses to answer interactions, channel messages, DMs and commands"
    )
    return 404, {"code": 0, "message": message}


def _error(refusal: Refusal) -> Reply:
    return refusal.status, refusal.body()


# -- HTTP ------------------------------------------------------------------------------


def _header(scope: Scope, name: str) -> str:
    for key, value in scope.get("headers", ()):
        if key.decode("latin-1").lower() == name:
            return str(value.decode("latin-1"))
    return ""


def _parse(raw: bytes, content_type: str) -> tuple[Any, tuple[Upload, ...]]:
    if content_type.startswith("multipart/form-data"):
        return _multipart(raw, content_type)
    return (json.loads(raw) if raw else None), ()


def _multipart(raw: bytes, content_type: str) -> tuple[Any, tuple[Upload, ...]]:
    # The email parser reads multipart bodies; a header line makes the bytes a message.
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    parsed = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + raw)
    body: Any = None
    files: list[Upload] = []
    for part in parsed.iter_parts():
        data = part.get_payload(decode=True)
        data = data if isinstance(data, bytes) else b""
        filename = part.get_filename()
        if filename is None:
            body = json.loads(data)
        else:
            files.append(Upload(filename, part.get_content_type(), data))
    return body, tuple(files)


async def _read(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


async def _respond(send: Send, status: int, body: Any) -> None:
    content = b"" if body is None else json.dumps(body).encode()
    headers = [(b"content-type", b"application/json")] if body is not None else []
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": content})


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
