"""Interaction payloads as Discord sends them, for tests: one factory per interaction
type, and the objects inside them.

Every factory returns Discord's JSON as a plain ``dict`` (ids as strings), with the
envelope of an :class:`Envelope` (by default: a member of a guild, in a text channel,
where the app is installed). Sign one with :func:`ikit.server.sign` and post it, or
hand it to :meth:`ikit.testing.Discord.send`::

    payload = payloads.slash_command("poll", payloads.option("question", "Lunch?"))

An option value, a select's value or a submitted value may be an object payload (a
:func:`user`, :func:`member`, :func:`role`, :func:`channel` or :func:`attachment`), or
a bare id: the factory puts its id in the value and the object in ``data.resolved``,
where Discord puts it. Inside a guild, a user also gets its resolved member.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from ikit.models import (
    ApplicationCommandOptionType,
    ApplicationCommandType,
    ComponentType,
    InteractionType,
)
from ikit.testing._objects import (
    APP_PERMISSIONS,
    APPLICATION_ID,
    CHANNEL_ID,
    DM_CHANNEL_ID,
    GUILD_ID,
    MEMBER_PERMISSIONS,
    USER_ID,
    Envelope,
    Payload,
    attachment,
    bot_user,
    channel,
    entitlement,
    iso,
    member,
    message,
    role,
    snowflake,
    token,
    user,
)

__all__ = [
    "APPLICATION_ID",
    "APP_PERMISSIONS",
    "CHANNEL_ID",
    "DM_CHANNEL_ID",
    "GUILD_ID",
    "MEMBER_PERMISSIONS",
    "USER_ID",
    "Envelope",
    "Payload",
    "attachment",
    "autocomplete",
    "bot_user",
    "button_click",
    "channel",
    "entitlement",
    "iso",
    "member",
    "message",
    "message_command",
    "modal_submit",
    "option",
    "ping",
    "role",
    "select_choice",
    "slash_command",
    "snowflake",
    "subcommand",
    "subcommand_group",
    "submitted_checkbox",
    "submitted_checkbox_group",
    "submitted_file_upload",
    "submitted_radio_group",
    "submitted_select",
    "submitted_text_display",
    "submitted_text_input",
    "token",
    "user",
    "user_command",
]

OptionType = ApplicationCommandOptionType
#: An option or select value: a plain value, an object payload, or an object's id.
Value = str | int | float | bool | Payload

_command_ids: dict[tuple[int, str], int] = {}


# -- the interaction around the data ---------------------------------------------------


def _interaction(
    kind: InteractionType,
    data: Payload | None,
    envelope: Envelope | None,
    interaction_id: int | None,
    interaction_token: str | None,
) -> Payload:
    envelope = envelope or Envelope()
    new_id = interaction_id or snowflake()
    payload = envelope.fields(new_id, interaction_token or token(new_id))
    payload["type"] = int(kind)
    if data is not None:
        payload["data"] = data
    return payload


def _in_guild(envelope: Envelope | None) -> bool:
    return (envelope or Envelope()).guild_id is not None


def command_id(name: str, kind: int = ApplicationCommandType.CHAT_INPUT) -> int:
    """The id of a command, the same for every interaction in this process."""
    key = (int(kind), name)
    if key not in _command_ids:
        _command_ids[key] = snowflake()
    return _command_ids[key]


def ping(*, id: int | None = None, application_id: int = APPLICATION_ID) -> Payload:
    """Discord checking that the endpoint answers (expects a PONG)."""
    new_id = id or snowflake()
    return {
        "id": str(new_id),
        "application_id": str(application_id),
        "type": int(InteractionType.PING),
        "token": token(new_id),
        "version": 1,
        "user": user(),
    }


# -- resolved objects ------------------------------------------------------------------


class _Resolved:
    """Collects the objects that values refer to into ``data.resolved``."""

    def __init__(self, in_guild: bool) -> None:
        self.in_guild = in_guild
        self.tables: dict[str, dict[str, Payload]] = {}

    def add(self, table: str, value: Value) -> str:
        """Put the object in ``table`` and return its id (the value Discord sends)."""
        if table == "mentionables":
            table = "users" if _is_user(value) else "roles"
        entity = _entity(table, value)
        if table == "users":
            return self._add_user(entity)
        return self._put(table, entity)

    def _add_user(self, entity: Payload) -> str:
        if "user" in entity:  # a member payload
            key = self._put("users", entity["user"])
            resolved = {k: v for k, v in entity.items() if k not in _INVOKER_ONLY}
            self.tables.setdefault("members", {})[key] = resolved
            return key
        key = self._put("users", entity)
        if self.in_guild:
            self.tables.setdefault("members", {})[key] = member(resolved=True)
        return key

    def _put(self, table: str, entity: Payload) -> str:
        key = str(entity["id"])
        self.tables.setdefault(table, {})[key] = entity
        return key

    def payload(self) -> Payload | None:
        return dict(self.tables) if self.tables else None


_INVOKER_ONLY = frozenset({"user", "deaf", "mute"})
_DEFAULTS: dict[str, Callable[[int], Payload]] = {
    "users": lambda key: user(id=key, username=f"user{key % 10000}"),
    "roles": lambda key: role(id=key),
    "channels": lambda key: channel(id=key, name=f"channel-{key % 10000}"),
    "attachments": lambda key: attachment(id=key),
    "messages": lambda key: message(id=key),
}


def _entity(table: str, value: Value) -> Payload:
    if isinstance(value, dict):
        return value
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(
            f"expected an object payload or an id for {table}, got {value!r}"
        )
    return _DEFAULTS[table](int(value))


def _is_user(value: Value) -> bool:
    if isinstance(value, dict):
        return "username" in value or "user" in value
    return True  # a bare id of a mentionable: take it for a user


def _add_resolved(data: Payload, resolved: _Resolved) -> Payload:
    tables = resolved.payload()
    if tables is not None:
        data["resolved"] = tables
    return data


# -- commands --------------------------------------------------------------------------

_TABLES = {
    OptionType.USER: "users",
    OptionType.CHANNEL: "channels",
    OptionType.ROLE: "roles",
    OptionType.MENTIONABLE: "mentionables",
    OptionType.ATTACHMENT: "attachments",
}


def option(
    name: str,
    value: Value,
    type: OptionType | int | None = None,
    *,
    focused: bool = False,
) -> Payload:
    """An option the user filled in. ``type`` is inferred from ``value`` when left
    out: bool, int, float and str values, and user, member, role, channel and
    attachment payloads."""
    kind = OptionType(type) if type is not None else _infer_type(value)
    payload: Payload = {"type": int(kind), "name": name, "value": value}
    if focused:
        payload["focused"] = True
    return payload


def _infer_type(value: Value) -> OptionType:
    if isinstance(value, bool):
        return OptionType.BOOLEAN
    if isinstance(value, int):
        return OptionType.INTEGER
    if isinstance(value, float):
        return OptionType.NUMBER
    if isinstance(value, str):
        return OptionType.STRING
    for key, kind in _SHAPES:
        if key in value:
            return kind
    raise TypeError(f"cannot tell which option type {value!r} is; pass type=")


_SHAPES = (
    ("username", OptionType.USER),
    ("user", OptionType.USER),
    ("filename", OptionType.ATTACHMENT),
    ("colors", OptionType.ROLE),
    ("type", OptionType.CHANNEL),
)


def subcommand(name: str, *options: Payload) -> Payload:
    """A subcommand and the options filled in for it."""
    return {"type": int(OptionType.SUB_COMMAND), "name": name, "options": [*options]}


def subcommand_group(name: str, *subcommands: Payload) -> Payload:
    """A subcommand group holding the invoked subcommand."""
    return {
        "type": int(OptionType.SUB_COMMAND_GROUP),
        "name": name,
        "options": [*subcommands],
    }


def _resolve_options(options: Iterable[Payload], resolved: _Resolved) -> list[Payload]:
    out: list[Payload] = []
    for item in options:
        item = dict(item)
        if "options" in item:
            item["options"] = _resolve_options(item["options"], resolved)
        table = _TABLES.get(OptionType(item["type"]))
        if table is not None and "value" in item:
            item["value"] = resolved.add(table, item["value"])
        out.append(item)
    return out


def _command_data(
    kind: ApplicationCommandType, name: str, options: Sequence[Payload], in_guild: bool
) -> Payload:
    resolved = _Resolved(in_guild)
    data: Payload = {"id": str(command_id(name, kind)), "name": name, "type": int(kind)}
    if options:
        data["options"] = _resolve_options(options, resolved)
    return _add_resolved(data, resolved)


def slash_command(
    name: str,
    *options: Payload,
    envelope: Envelope | None = None,
    id: int | None = None,
    token: str | None = None,
) -> Payload:
    """A slash command, with its :func:`option` values (inside a :func:`subcommand`
    or :func:`subcommand_group` for a command with subcommands)."""
    data = _command_data(
        ApplicationCommandType.CHAT_INPUT, name, options, _in_guild(envelope)
    )
    return _interaction(InteractionType.APPLICATION_COMMAND, data, envelope, id, token)


def autocomplete(
    name: str,
    *options: Payload,
    envelope: Envelope | None = None,
    id: int | None = None,
    token: str | None = None,
) -> Payload:
    """A user typing into an option: give that option ``focused=True`` and the partial
    text as its value; the other options are what is filled in so far."""
    data = _command_data(
        ApplicationCommandType.CHAT_INPUT, name, options, _in_guild(envelope)
    )
    data["version"] = str(command_id(name))
    kind = InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE
    return _interaction(kind, data, envelope, id, token)


def user_command(
    name: str,
    target: Value,
    *,
    envelope: Envelope | None = None,
    id: int | None = None,
    token: str | None = None,
) -> Payload:
    """A user command run on ``target`` (a user or member payload, or a user id)."""
    resolved = _Resolved(_in_guild(envelope))
    kind = ApplicationCommandType.USER
    data: Payload = {"id": str(command_id(name, kind)), "name": name, "type": int(kind)}
    data["target_id"] = resolved.add("users", target)
    _add_resolved(data, resolved)
    return _interaction(InteractionType.APPLICATION_COMMAND, data, envelope, id, token)


def message_command(
    name: str,
    target: Value,
    *,
    envelope: Envelope | None = None,
    id: int | None = None,
    token: str | None = None,
) -> Payload:
    """A message command run on ``target`` (a :func:`message` payload, or an id)."""
    resolved = _Resolved(_in_guild(envelope))
    kind = ApplicationCommandType.MESSAGE
    data: Payload = {"id": str(command_id(name, kind)), "name": name, "type": int(kind)}
    data["target_id"] = resolved.add("messages", target)
    _add_resolved(data, resolved)
    return _interaction(InteractionType.APPLICATION_COMMAND, data, envelope, id, token)


# -- components ------------------------------------------------------------------------

_SELECT_TABLES = {
    ComponentType.USER_SELECT: "users",
    ComponentType.ROLE_SELECT: "roles",
    ComponentType.MENTIONABLE_SELECT: "mentionables",
    ComponentType.CHANNEL_SELECT: "channels",
    ComponentType.FILE_UPLOAD: "attachments",
}


def button_click(
    custom_id: str,
    *,
    message: Payload | None = None,
    component_id: int = 2,
    envelope: Envelope | None = None,
    id: int | None = None,
    token: str | None = None,
) -> Payload:
    """A click on the button ``custom_id`` of ``message`` (by default a message of
    the app holding that button)."""
    data: Payload = {
        "component_type": int(ComponentType.BUTTON),
        "id": component_id,
        "custom_id": custom_id,
    }
    button = {"type": 2, "id": component_id, "style": 1, "label": "Click"}
    on = message or _message_with({**button, "custom_id": custom_id}, envelope)
    return _component(data, on, envelope, id, token)


def select_choice(
    custom_id: str,
    values: Sequence[Value],
    *,
    type: ComponentType | int = ComponentType.STRING_SELECT,
    message: Payload | None = None,
    component_id: int = 2,
    envelope: Envelope | None = None,
    id: int | None = None,
    token: str | None = None,
) -> Payload:
    """A choice in the select ``custom_id``: option values for a string select;
    users, members, roles or channels (payloads or ids) for the other selects."""
    kind = ComponentType(type)
    resolved = _Resolved(_in_guild(envelope))
    data: Payload = {
        "component_type": int(kind),
        "id": component_id,
        "custom_id": custom_id,
        "values": _values(kind, values, resolved),
    }
    _add_resolved(data, resolved)
    select = {"type": int(kind), "id": component_id, "custom_id": custom_id}
    if kind is ComponentType.STRING_SELECT:
        select["options"] = [{"label": str(v), "value": str(v)} for v in values]
    on = message or _message_with(select, envelope)
    return _component(data, on, envelope, id, token)


def _values(kind: ComponentType, values: Sequence[Value], resolved: _Resolved) -> Any:
    table = _SELECT_TABLES.get(kind)
    if table is None:
        return [str(value) for value in values]
    return [resolved.add(table, value) for value in values]


def _message_with(component: Payload, envelope: Envelope | None) -> Payload:
    row = {"type": int(ComponentType.ACTION_ROW), "id": 1, "components": [component]}
    envelope = envelope or Envelope()
    return message(
        channel_id=envelope.channel_id,
        components=[row],
        author=bot_user(envelope.application_id),
    )


def _component(
    data: Payload,
    on: Payload,
    envelope: Envelope | None,
    interaction_id: int | None,
    interaction_token: str | None,
) -> Payload:
    kind = InteractionType.MESSAGE_COMPONENT
    payload = _interaction(kind, data, envelope, interaction_id, interaction_token)
    payload["message"] = on
    return payload


# -- modal submissions -----------------------------------------------------------------


def _submitted(kind: ComponentType, custom_id: str, **value: Any) -> Payload:
    inner = {"type": int(kind), "id": 0, "custom_id": custom_id, **value}
    return {"type": int(ComponentType.LABEL), "id": 0, "component": inner}


def submitted_text_input(custom_id: str, value: str) -> Payload:
    """What the user typed into a text input."""
    return _submitted(ComponentType.TEXT_INPUT, custom_id, value=value)


def submitted_select(
    custom_id: str,
    values: Sequence[Value],
    *,
    type: ComponentType | int = ComponentType.STRING_SELECT,
) -> Payload:
    """The choices of a select in a modal (see :func:`select_choice` for values)."""
    return _submitted(ComponentType(type), custom_id, values=list(values))


def submitted_file_upload(custom_id: str, files: Sequence[Value]) -> Payload:
    """The files of a File Upload: :func:`attachment` payloads or ids."""
    return _submitted(ComponentType.FILE_UPLOAD, custom_id, values=list(files))


def submitted_radio_group(custom_id: str, value: str | None) -> Payload:
    """The option picked in a radio group (None when none was)."""
    return _submitted(ComponentType.RADIO_GROUP, custom_id, value=value)


def submitted_checkbox_group(custom_id: str, values: Sequence[str]) -> Payload:
    """The options ticked in a checkbox group."""
    return _submitted(ComponentType.CHECKBOX_GROUP, custom_id, values=list(values))


def submitted_checkbox(custom_id: str, value: bool) -> Payload:
    """Whether a checkbox was ticked."""
    return _submitted(ComponentType.CHECKBOX, custom_id, value=value)


def submitted_text_display() -> Payload:
    """A text display of the modal, as the submission lists it."""
    return {"type": int(ComponentType.TEXT_DISPLAY), "id": 0}


def modal_submit(
    custom_id: str,
    *components: Payload,
    message: Payload | None = None,
    envelope: Envelope | None = None,
    id: int | None = None,
    token: str | None = None,
) -> Payload:
    """A submitted modal: one ``submitted_*`` entry per item of the modal, in order.
    ``message`` is the message whose component opened the modal, if one did."""
    resolved = _Resolved(_in_guild(envelope))
    numbers = itertools.count(1)
    items = [_number(_resolve_item(c, resolved), numbers) for c in components]
    data = _add_resolved({"custom_id": custom_id, "components": items}, resolved)
    kind = InteractionType.MODAL_SUBMIT
    payload = _interaction(kind, data, envelope, id, token)
    if message is not None:
        payload["message"] = message
    return payload


def _resolve_item(item: Payload, resolved: _Resolved) -> Payload:
    inner = item.get("component")
    if inner is None:
        return dict(item)
    table = _SELECT_TABLES.get(ComponentType(inner["type"]))
    inner = dict(inner)
    if table is not None:
        inner["values"] = [resolved.add(table, value) for value in inner["values"]]
    return {**item, "component": inner}


def _number(item: Payload, numbers: Iterator[int]) -> Payload:
    # Discord numbers the components of a modal in document order: label, then input.
    item["id"] = next(numbers)
    if "component" in item:
        item["component"]["id"] = next(numbers)
    return item
