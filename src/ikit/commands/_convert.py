"""Converters: from an option value Discord sent to the value a handler receives.

A converter takes the raw value (``str | int | float | bool``) and the
interaction's resolved data, and returns the typed value, or raises
:class:`Mismatch` saying what it expected. The command layer turns a mismatch into
:class:`ikit.errors.DecodeError` with the option's path. Which converter serves
which annotation is decided in ``_options.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import msgspec

from ikit.models._base import Snowflake
from ikit.models.interactions import ResolvedData
from ikit.models.messages import Attachment, Message
from ikit.models.users import Member, PartialChannel, Role, User

__all__ = [
    "Converter",
    "Mismatch",
    "attachment",
    "boolean",
    "channel",
    "choice",
    "integer",
    "member",
    "member_or_user",
    "mentionable",
    "message",
    "number",
    "role",
    "string",
    "user",
]

T = TypeVar("T")

Converter = Callable[[object, ResolvedData], object]
"""``(raw value, resolved data) -> typed value``; raises Mismatch."""


class Mismatch(ValueError):
    """A value a converter cannot take; ``expected`` says what it takes."""

    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


def string(value: object, resolved: ResolvedData) -> str:
    if not isinstance(value, str):
        raise Mismatch("a string")

    return value


def integer(value: object, resolved: ResolvedData) -> int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise Mismatch("an integer")

    return value


def number(value: object, resolved: ResolvedData) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise Mismatch("a number")

    return float(value)


def boolean(value: object, resolved: ResolvedData) -> bool:
    if not isinstance(value, bool):
        raise Mismatch("a boolean")

    return value


def user(value: object, resolved: ResolvedData) -> User:
    return _lookup(value, resolved.users, "users")


def member(value: object, resolved: ResolvedData) -> Member:
    found = _lookup(value, resolved.members, "members")
    # Resolved members leave their user out; it sits beside them in users.
    return msgspec.structs.replace(found, user=user(value, resolved))


def member_or_user(value: object, resolved: ResolvedData) -> Member | User:
    if _snowflake(value) in resolved.members:
        return member(value, resolved)

    return user(value, resolved)


def role(value: object, resolved: ResolvedData) -> Role:
    return _lookup(value, resolved.roles, "roles")


def channel(value: object, resolved: ResolvedData) -> PartialChannel:
    return _lookup(value, resolved.channels, "channels")


def attachment(value: object, resolved: ResolvedData) -> Attachment:
    return _lookup(value, resolved.attachments, "attachments")


def message(value: object, resolved: ResolvedData) -> Message:
    return _lookup(value, resolved.messages, "messages")


def mentionable(for_user: Converter) -> Converter:
    """A MENTIONABLE converter: a role, or the user as ``for_user`` converts it."""

    def convert(value: object, resolved: ResolvedData) -> object:
        if _snowflake(value) in resolved.roles:
            return role(value, resolved)
        try:
            return for_user(value, resolved)
        except Mismatch:
            raise Mismatch("an id found in resolved roles or users") from None

    return convert


def choice(base: Converter, table: Mapping[Any, object]) -> Converter:
    """A converter for an option with choices: the base value, then its choice."""

    def convert(value: object, resolved: ResolvedData) -> object:
        key = base(value, resolved)
        if key not in table:
            shown = ", ".join(repr(k) for k in table)
            raise Mismatch(f"one of the choices ({shown})")

        return table[key]

    return convert


def _snowflake(value: object) -> Snowflake | None:
    if isinstance(value, str) and value.isdigit():
        return Snowflake(value)

    return None


def _lookup(value: object, table: Mapping[int, T], kind: str) -> T:
    key = _snowflake(value)
    if key is None:
        raise Mismatch("an id (a string of digits)")
    if key not in table:
        raise Mismatch(f"an id found in resolved {kind}")

    return table[key]
