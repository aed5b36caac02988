"""The conventions every model follows.

- A model is a :class:`Model`: a keyword-only msgspec Struct whose optional fields
  default to ``None`` and are left out when encoded, so ``msgspec.json.encode`` gives
  exactly the JSON Discord documents (unset fields omitted, not null).
- Snowflakes are :class:`Snowflake` (an ``int``) in Python and strings on the wire.
- Integer enums derive from :class:`DiscordEnum`: a value Discord adds later decodes to
  a pseudo-member named ``UNKNOWN_<value>`` instead of failing.
- Unions of structs are tagged by Discord's ``type`` field. A tag nobody knows yet is
  handled by :mod:`ikit.models._decode`, which turns that node into the union's
  ``Unknown...`` catch-all and keeps its raw fields.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any, Self

import msgspec

from ikit.models.flags import Permissions

__all__ = [
    "DISCORD_EPOCH_MS",
    "DiscordEnum",
    "Model",
    "Snowflake",
    "dec_hook",
    "enc_hook",
]

#: Milliseconds from the Unix epoch to Discord's epoch (2015-01-01T00:00:00Z).
DISCORD_EPOCH_MS = 1_420_070_400_000


class Model(
    msgspec.Struct,
    kw_only=True,
    omit_defaults=True,
    repr_omit_defaults=True,
):
    """Base of every model: keyword-only, defaults omitted when encoded.

    msgspec applies ``kw_only`` to the fields a class declares itself, so every model
    repeats ``kw_only=True``: that lets a subclass add required fields after optional
    ones (a component's ``style`` after the shared ``id``).
    """


class Snowflake(int):
    """A Discord id: an ``int`` in Python, a string on the wire.

    Its high bits carry the time it was made, which :attr:`created_at` reads.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Snowflake({int(self)})"

    # int's str() would fall back to the repr above; ids print as plain digits.
    __str__ = int.__repr__

    @property
    def timestamp_ms(self) -> int:
        """Milliseconds since the Unix epoch at which the id was made."""
        return (int(self) >> 22) + DISCORD_EPOCH_MS

    @property
    def created_at(self) -> datetime:
        """When the id was made, as an aware UTC datetime."""
        return datetime.fromtimestamp(self.timestamp_ms / 1000, tz=UTC)

    @classmethod
    def from_datetime(cls, when: datetime) -> Self:
        """The smallest snowflake made at ``when`` (useful for tests and pagination)."""
        ms = int(when.timestamp() * 1000) - DISCORD_EPOCH_MS
        return cls(max(ms, 0) << 22)


class DiscordEnum(enum.IntEnum):
    """An integer enum that survives values Discord adds later.

    ``MyEnum(99)`` returns a pseudo-member with ``name == "UNKNOWN_99"`` and value 99;
    it compares equal to 99 and encodes as 99.
    """

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        member = int.__new__(cls, value)
        member._name_ = f"UNKNOWN_{value}"
        member._value_ = value
        # Cache it, so that the same unknown value is the same object every time.
        cls._value2member_map_[value] = member
        return member

    @property
    def known(self) -> bool:
        """Whether ikit knows this value (False for values Discord added later)."""
        return self._name_ in type(self).__members__


def _as_digits(value: object) -> int | None:
    """The non-negative int that ``value`` spells in ASCII digits (or is), else None."""
    if isinstance(value, str):
        if not (value.isascii() and value.isdigit()):
            return None
        try:
            return int(value)
        except ValueError:  # more digits than Python converts (sys.int_info)
            return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def _preview(value: object) -> str:
    # A payload may hold megabytes where an id belongs; an error quotes only the start.
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:40]}... ({len(text)} characters)"


def _decode_snowflake(value: object) -> Snowflake:
    # Discord sends ids as strings, but echoes back as ints ids that were sent as ints.
    # No upper bound: the docs' own examples hold 21-digit ids.
    number = _as_digits(value)
    if number is None:
        raise ValueError(
            f"Expected a snowflake (a string of digits), got {_preview(value)}"
        )
    return Snowflake(number)


def _decode_permissions(value: object) -> Permissions:
    number = _as_digits(value)
    if number is None:
        raise ValueError(
            f"Expected a permission set (a string of digits), got {_preview(value)}"
        )
    return Permissions(number)


# Ids and permission sets arrive as short strings of ASCII digits, dozens of them per
# interaction: those are parsed at once, the rest (ints, errors) with more care.
_FAST_DIGITS = 64

# Most of an interaction's ids come again in the next one: the application, guild,
# channel, user, roles, the message a button sits on. Building a Snowflake (an int
# subclass) from a string costs several times a dict lookup, so the values made are
# kept, per type, until there are _CACHED of them; then the cache starts over. The
# values are immutable, so sharing one between payloads is safe.
_CACHED = 4096


class _Made(dict[Any, Any]):
    """The values of one type made from strings so far; a miss makes the value.

    Only strings are kept: ``True == 1``, so an int key would let a JSON ``true``
    through as the id 1.
    """

    def __init__(self, type_: type[int], decode: Any) -> None:
        super().__init__()
        self._type = type_
        self._decode = decode

    def __missing__(self, value: object) -> object:
        if type(value) is not str:
            return self._decode(value)
        if len(value) <= _FAST_DIGITS and value.isdigit() and value.isascii():
            made = self._type(value)
        else:
            made = self._decode(value)  # raises for what is not an id
        if len(self) >= _CACHED:
            self.clear()
        self[value] = made
        return made


_snowflakes = _Made(Snowflake, _decode_snowflake)
_permissions = _Made(Permissions, _decode_permissions)


def dec_hook(type_: type, value: object) -> object:
    """msgspec decode hook for ikit's custom wire types."""
    # One lookup per id on the way in: this runs for every id of every payload.
    if type_ is Snowflake:
        made = _snowflakes
    elif type_ is Permissions:
        made = _permissions
    else:
        raise NotImplementedError(f"ikit cannot decode {type_!r}")
    try:
        return made[value]
    except TypeError:  # unhashable: a list or an object where an id belongs
        return made._decode(value)


def enc_hook(value: Any) -> Any:
    """msgspec encode hook: snowflakes become strings."""
    if isinstance(value, int):
        return str(int(value))
    raise NotImplementedError(f"ikit cannot encode {type(value).__name__} values")
