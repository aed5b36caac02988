"""What the fake Discord of ``fake_rest`` knows: requests as recorded, the routes it
answers, and the plausible answers themselves (messages, commands, members...).

The rate limits, failures and transports are in :mod:`tests.fake_rest`.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

APPLICATION_ID = 100000000000000001

Body = Any  # a JSON value, or None for 204
Params = dict[str, str]
Reply = tuple[int, Body]


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


# -- what it remembers ----------------------------------------------------------------


class State:
    """What the fake Discord remembers between requests."""

    def __init__(self) -> None:
        self.expired_tokens: set[str] = set()
        """Interaction tokens whose webhook is gone (answered 404, Unknown Webhook)."""
        self.acknowledged: set[str] = set()
        """Interactions answered once; a second callback gets 40060."""
        self.messages: dict[str, dict[str, Any]] = {}
        self.commands: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        """Commands by scope (``global`` or the guild id), as Discord keeps them."""
        self.application: dict[str, Any] = _application()
        self._ids = itertools.count(200000000000000000)

    def next_id(self) -> str:
        return str(next(self._ids))

    def handle(self, request: Recorded, route: FakeRoute, params: Params) -> Reply:
        if params.get("interaction_token") in self.expired_tokens:
            return 404, {"code": 10015, "message": "Unknown Webhook"}

        return route.handler(self, request, params)


# -- the routes it knows ---------------------------------------------------------------

Handler = Callable[[State, Recorded, Params], Reply]

_MAJORS = (
    ("webhook_id", "webhook_token"),
    ("application_id", "interaction_token"),
    ("interaction_id", "interaction_token"),
    ("channel_id",),
    ("guild_id",),
)


@dataclass(frozen=True, slots=True)
class FakeRoute:
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


# -- route handlers: plausible answers -------------------------------------------------

#: The channel of every interaction's messages.
INTERACTION_CHANNEL = "300"


def _timestamp() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())


def _message(
    fake: State, payload: dict[str, Any], files: list[Part], channel_id: str
) -> dict[str, Any]:
    return {
        "id": fake.next_id(),
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


def _message_from(fake: State, request: Recorded, channel_id: str) -> dict[str, Any]:
    return _message(fake, request.payload() or {}, _files(request), channel_id)


def _files(request: Recorded) -> list[Part]:
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        return []

    return [part for part in request.parts().values() if part.filename]


def _attachment(fake: State, part: Part) -> dict[str, Any]:
    url = f"https://cdn.example/{part.filename}"
    return {
        "id": fake.next_id(),
        "filename": part.filename,
        "size": len(part.data),
        "url": url,
        "proxy_url": url,
        "content_type": part.content_type,
    }


def _callback(fake: State, request: Recorded, params: Params) -> Reply:
    if params["interaction_id"] in fake.acknowledged:
        return 400, {
            "code": 40060,
            "message": "Interaction has already been acknowledged.",
        }

    fake.acknowledged.add(params["interaction_id"])
    if request.query.get("with_response") != ["true"]:
        return 204, None

    body = request.payload()
    resource: dict[str, Any] = {"type": body["type"]}
    if body["type"] in (4, 7):
        data = body.get("data") or {}
        resource["message"] = _message(fake, data, _files(request), INTERACTION_CHANNEL)

    interaction = {"id": params["interaction_id"], "type": 2}
    return 200, {"interaction": interaction, "resource": resource}


# Messages live in a channel, or under an interaction's token (followups and the
# original response, which exists as soon as it is asked for).


def _place(params: Params) -> tuple[str, str]:
    if "channel_id" in params:
        return params["channel_id"], params["channel_id"]

    return params["interaction_token"], INTERACTION_CHANNEL


def _key(params: Params) -> str:
    return f"{_place(params)[0]}/{params.get('message_id', '@original')}"


def _unknown_message() -> Reply:
    return 404, {"code": 10008, "message": "Unknown Message"}


def _message_create(fake: State, request: Recorded, params: Params) -> Reply:
    place, channel = _place(params)
    message = _message_from(fake, request, channel)
    fake.messages[f"{place}/{message['id']}"] = message
    return 200, message


def _message_get(fake: State, request: Recorded, params: Params) -> Reply:
    key = _key(params)
    if key.endswith("/@original") and key not in fake.messages:
        fake.messages[key] = _message_from(fake, request, INTERACTION_CHANNEL)

    found = fake.messages.get(key)
    return (200, found) if found else _unknown_message()


def _message_edit(fake: State, request: Recorded, params: Params) -> Reply:
    key = _key(params)
    old = fake.messages.get(key)
    if old is None and not key.endswith("/@original"):
        return _unknown_message()

    edited = _message_from(fake, request, _place(params)[1])
    if old is not None:
        edited["id"] = old["id"]

    fake.messages[key] = edited
    return 200, edited


def _message_delete(fake: State, request: Recorded, params: Params) -> Reply:
    key = _key(params)
    found = fake.messages.pop(key, None)
    return (204, None) if found or key.endswith("/@original") else _unknown_message()


def _scope(params: Params) -> str:
    return params.get("guild_id", "global")


# Commands come back the way Discord keeps them, not as they were sent (reference
# §5.4): defaults filled in, permissions as a string, localizations that repeat the
# default dropped, and, for guild commands, no contexts or integration_types, which
# Discord keeps for global commands only (§5.1).

_ALL_CONTEXTS = [0, 1, 2]
_BOT_DM = 1
_NUMBER = 10


def _command(fake: State, body: dict[str, Any], params: Params) -> dict[str, Any]:
    kind = body.get("type") or 1
    permissions = body.get("default_member_permissions")
    command: dict[str, Any] = {
        "id": body.get("id") or fake.next_id(),
        "application_id": params["application_id"],
        "version": fake.next_id(),
        "default_member_permissions": None if permissions is None else str(permissions),
        "type": kind,
        "name": body["name"],
        "description": body.get("description") or "",
        "nsfw": bool(body.get("nsfw")),
    }
    _localizations(command, body)
    if "guild_id" in params:
        command["guild_id"] = params["guild_id"]
    else:
        contexts = sorted(body.get("contexts") or _ALL_CONTEXTS)
        command["contexts"] = contexts
        command["integration_types"] = sorted(body.get("integration_types") or [0])
        command["dm_permission"] = _BOT_DM in contexts

    options = [_option(option) for option in body.get("options") or []]
    if options:
        command["options"] = options

    if kind == 4:
        command["handler"] = body.get("handler") or 1

    return command


def _option(body: dict[str, Any]) -> dict[str, Any]:
    option: dict[str, Any] = {
        "type": body["type"],
        "name": body["name"],
        "description": body["description"],
    }
    _localizations(option, body)
    for flag in ("required", "autocomplete"):
        if body.get(flag):
            option[flag] = True

    for key in ("channel_types", "min_length", "max_length", "file_types"):
        if body.get(key) is not None:
            option[key] = body[key]

    for key in ("min_value", "max_value"):
        if body.get(key) is not None:
            option[key] = _numeric(body["type"], body[key])

    if body.get("choices"):
        option["choices"] = [_choice(body["type"], c) for c in body["choices"]]

    if body.get("options"):
        option["options"] = [_option(child) for child in body["options"]]

    return option


def _choice(option_type: int, body: dict[str, Any]) -> dict[str, Any]:
    choice = {"name": body["name"], "value": _numeric(option_type, body["value"])}
    _localizations(choice, body, fields=("name",))
    return choice


def _numeric(option_type: int, value: Any) -> Any:
    # A NUMBER option is a double to Discord: 1 comes back as 1.0.
    return float(value) if option_type == _NUMBER else value


def _localizations(
    out: dict[str, Any],
    body: dict[str, Any],
    fields: tuple[str, ...] = ("name", "description"),
) -> None:
    for field_name in fields:
        kept = {
            locale: text
            for locale, text in (body.get(f"{field_name}_localizations") or {}).items()
            if text != body.get(field_name)
        }
        if kept:
            out[f"{field_name}_localizations"] = kept


def _without_localizations(command: dict[str, Any]) -> dict[str, Any]:
    # Without ?with_localizations=true, Discord leaves the maps out.
    return {k: v for k, v in command.items() if not k.endswith("_localizations")}


def _unknown_command() -> Reply:
    return 404, {"code": 10063, "message": "Unknown application command"}


def _commands_get(fake: State, request: Recorded, params: Params) -> Reply:
    commands = list(fake.commands[_scope(params)].values())
    if request.query.get("with_localizations") != ["true"]:
        commands = [_without_localizations(command) for command in commands]

    return 200, commands


def _command_create(fake: State, request: Recorded, params: Params) -> Reply:
    commands = fake.commands[_scope(params)]
    body = request.json()
    same_name = [c["id"] for c in commands.values() if c["name"] == body["name"]]
    command = _command(
        fake, {**body, "id": same_name[0] if same_name else None}, params
    )
    commands[command["id"]] = command
    return (200 if same_name else 201), command


def _commands_overwrite(fake: State, request: Recorded, params: Params) -> Reply:
    created = [_command(fake, body, params) for body in request.json()]
    fake.commands[_scope(params)] = {command["id"]: command for command in created}
    return 200, created


def _command_edit(fake: State, request: Recorded, params: Params) -> Reply:
    commands = fake.commands[_scope(params)]
    found = commands.get(params["command_id"])
    if found is None:
        return _unknown_command()

    edited = _command(fake, {**found, **request.json()}, params)
    commands[edited["id"]] = edited
    return 200, edited


def _command_delete(fake: State, request: Recorded, params: Params) -> Reply:
    found = fake.commands[_scope(params)].pop(params["command_id"], None)
    return (204, None) if found else _unknown_command()


def _user(user_id: str, name: str) -> dict[str, Any]:
    return {
        "id": user_id,
        "username": name,
        "avatar": None,
        "discriminator": "0",
        "public_flags": 0,
        "flags": 0,
        "global_name": None,
        "primary_guild": None,
    }


def _application() -> dict[str, Any]:
    """The app as ``GET /applications/@me`` returns it, with fields ikit skips."""
    bot = _user(str(APPLICATION_ID), "ikit test") | {"bot": True}
    install = {"scopes": ["applications.commands", "bot"], "permissions": "2048"}
    return {
        "id": str(APPLICATION_ID),
        "name": "ikit test app",
        "icon": None,
        "description": "",
        "type": None,
        "bot": bot,
        "owner": _user("300000000000000003", "owner"),
        "bot_public": True,
        "bot_require_code_grant": False,
        "verify_key": "a" * 64,
        "flags": 1 << 23,
        "flags_new": str(1 << 23),
        "install_params": install,
        "integration_types_config": {
            "0": {"oauth2_install_params": install},
            "1": {},
        },
        "redirect_uris": [],
        "interactions_endpoint_url": None,
        "role_connections_verification_url": None,
        "approximate_guild_count": 3,
        "approximate_user_install_count": 0,
        "approximate_user_authorization_count": 0,
        "explicit_content_filter": 0,
        "team": None,
        "eligible_oauth2_scopes": ["applications.commands", "bot"],
    }


def _application_get(fake: State, request: Recorded, params: Params) -> Reply:
    return 200, fake.application


def _application_edit(fake: State, request: Recorded, params: Params) -> Reply:
    fake.application.update(request.json())
    return 200, fake.application


def _member_get(fake: State, request: Recorded, params: Params) -> Reply:
    user = {"id": params["user_id"], "username": "member"}
    return 200, {"user": user, "roles": [], "joined_at": _timestamp()}


def _roles_get(fake: State, request: Recorded, params: Params) -> Reply:
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


def _dm_create(fake: State, request: Recorded, params: Params) -> Reply:
    recipient = request.json()["recipient_id"]
    recipients = [{"id": recipient, "username": "someone"}]
    return 200, {"id": str(int(recipient) + 1), "type": 1, "recipients": recipients}


_WEBHOOK = "/webhooks/{application_id}/{interaction_token}"
_MESSAGES = "/channels/{channel_id}/messages"
_ONE_MESSAGE = (
    _WEBHOOK + "/messages/@original",  # before {message_id}, which would match it
    _WEBHOOK + "/messages/{message_id}",
    _MESSAGES + "/{message_id}",
)
_COMMANDS = (
    "/applications/{application_id}/commands",
    "/applications/{application_id}/guilds/{guild_id}/commands",
)

_TABLE: list[tuple[str, str, Handler]] = [
    ("POST", "/interactions/{interaction_id}/{interaction_token}/callback", _callback),
    ("POST", _WEBHOOK, _message_create),
    ("POST", _MESSAGES, _message_create),
    *(
        (method, path, handler)
        for path in _ONE_MESSAGE
        for method, handler in (
            ("GET", _message_get),
            ("PATCH", _message_edit),
            ("DELETE", _message_delete),
        )
    ),
    ("GET", "/applications/@me", _application_get),
    ("PATCH", "/applications/@me", _application_edit),
    *(
        (method, path, handler)
        for base in _COMMANDS
        for method, path, handler in (
            ("GET", base, _commands_get),
            ("POST", base, _command_create),
            ("PUT", base, _commands_overwrite),
            ("PATCH", base + "/{command_id}", _command_edit),
            ("DELETE", base + "/{command_id}", _command_delete),
        )
    ),
    ("GET", "/guilds/{guild_id}/members/{user_id}", _member_get),
    ("GET", "/guilds/{guild_id}/roles", _roles_get),
    ("POST", "/users/@me/channels", _dm_create),
]

ROUTES = [
    FakeRoute(method, template, handler, _compile(template))
    for method, template, handler in _TABLE
]


def match(method: str, path: str) -> tuple[FakeRoute | None, Params]:
    """The route a request is for, and the values in its path."""
    for route in ROUTES:
        if route.method == method:
            found = route.pattern.match(path)
            if found:
                return route, found.groupdict()

    return None, {}


def find_route(name: str) -> FakeRoute:
    for route in ROUTES:
        if route.name == name:
            return route

    raise KeyError(f"the fake has no route {name!r}")
