"""Converters: how each supported annotation is written in a custom_id segment.

Every converter keeps two rules from ``_template.py``: what it writes holds no bare
``/`` or ``~`` (str-like values are escaped here), and it reads back only what it
writes (:meth:`Converter.parse` re-encodes and compares). The table of converters in
``docs/routes.md`` describes this module; keep them in step.
"""

from __future__ import annotations

import base64
import enum
import math
import types
import typing
import uuid
from abc import ABC, abstractmethod
from typing import Any, Literal

from ikit.models._base import Snowflake
from ikit.routing._template import NONE_TOKEN, escape, unescape

__all__ = ["Converter", "UnsupportedAnnotation", "converter_for", "describe"]

_SNOWFLAKE_LIMIT = 2**64
# Long enums are cut short in error messages.
_SHOWN_VALUES = 10
_SUPPORTED = (
    "routes convert str, int, float, bool, Snowflake, uuid.UUID, Enum subclasses "
    "with str or int values, Literal[...] of str and int values, and X | None of these"
)


class UnsupportedAnnotation(ValueError):
    """An annotation no converter handles; the message says why."""


class Converter(ABC):
    """Writes values of one annotation as segment text, and reads them back."""

    #: What a value must be, as in "must be an int".
    name: str
    #: How the value is written, when that is not obvious from ``name``.
    form: str | None = None

    @abstractmethod
    def accepts(self, value: object) -> bool:
        """Whether ``value`` is a value of this converter's annotation."""

    @abstractmethod
    def encode(self, value: Any) -> str:
        """The segment text of an accepted value."""

    @abstractmethod
    def decode(self, text: str) -> object:
        """The value of segment text; may raise ValueError."""

    @property
    def expected(self) -> str:
        """What a segment must hold, for parse errors."""
        return self.name if self.form is None else f"{self.name} written as {self.form}"

    def parse(self, text: str) -> object:
        """Decode ``text``, accepting only the one spelling that encode writes."""
        value = self.decode(text)
        if not self.accepts(value) or self.encode(value) != text:
            raise ValueError(f"{text!r} is not in canonical form")

        return value


class _Str(Converter):
    name = "a str"

    def accepts(self, value: object) -> bool:
        return isinstance(value, str)

    def encode(self, value: str) -> str:
        return escape(value)

    def decode(self, text: str) -> str:
        return unescape(text)


class _Int(Converter):
    name = "an int"
    form = "decimal, with no leading zeros or '+'"

    def accepts(self, value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)

    def encode(self, value: int) -> str:
        # int() first: an IntEnum member would otherwise print its name.
        return str(int(value))

    def decode(self, text: str) -> int:
        return int(text)


class _Snowflake(_Int):
    name = "a snowflake (an int from 0 to 2**64 - 1)"
    form = "decimal"

    def accepts(self, value: object) -> bool:
        return super().accepts(value) and 0 <= typing.cast(int, value) < (
            _SNOWFLAKE_LIMIT
        )

    def decode(self, text: str) -> Snowflake:
        return Snowflake(int(text))


class _Float(Converter):
    name = "a finite float"
    form = "Python's shortest repr, like '0.5'"

    def accepts(self, value: object) -> bool:
        if not isinstance(value, int | float) or isinstance(value, bool):
            return False

        try:
            return math.isfinite(value)
        except OverflowError:
            return False

    def encode(self, value: float) -> str:
        return repr(float(value))

    def decode(self, text: str) -> float:
        return float(text)


class _Bool(Converter):
    name = "a bool"
    form = "'1' or '0'"
    _values: typing.ClassVar[dict[str, bool]] = {"1": True, "0": False}

    def accepts(self, value: object) -> bool:
        return isinstance(value, bool)

    def encode(self, value: bool) -> str:
        return "1" if value else "0"

    def decode(self, text: str) -> bool:
        if text not in self._values:
            raise ValueError(text)

        return self._values[text]


class _UUID(Converter):
    name = "a uuid.UUID"
    form = "22 characters of unpadded base64url"

    def accepts(self, value: object) -> bool:
        return isinstance(value, uuid.UUID)

    def encode(self, value: uuid.UUID) -> str:
        # 22 characters instead of the 36 of str(uuid): room for other values.
        return base64.urlsafe_b64encode(value.bytes).rstrip(b"=").decode("ascii")

    def decode(self, text: str) -> uuid.UUID:
        return uuid.UUID(bytes=base64.urlsafe_b64decode(text + "=="))


class _Enum(Converter):
    def __init__(self, cls: type[enum.Enum]) -> None:
        self._cls = cls
        self._base = _value_converter(cls)
        self.name = f"a member of {cls.__qualname__}"
        self.form = f"its value, one of {_show(member.value for member in cls)}"

    def accepts(self, value: object) -> bool:
        return isinstance(value, self._cls)

    def encode(self, value: enum.Enum) -> str:
        return self._base.encode(value.value)

    def decode(self, text: str) -> enum.Enum:
        return self._cls(self._base.decode(text))


class _Literal(Converter):
    def __init__(self, values: tuple[object, ...]) -> None:
        self._values = values
        self._by_text = _literal_texts(values)
        self.name = f"one of {_show(values)}"

    def accepts(self, value: object) -> bool:
        if isinstance(value, bool) or not isinstance(value, str | int):
            return False

        return value in self._values

    def encode(self, value: str | int) -> str:
        return _STR.encode(value) if isinstance(value, str) else _INT.encode(value)

    def decode(self, text: str) -> object:
        if text not in self._by_text:
            raise ValueError(text)

        return self._by_text[text]


class _Optional(Converter):
    def __init__(self, inner: Converter) -> None:
        self._inner = inner
        self.name = f"{inner.name} or None"
        none = f"'{NONE_TOKEN}' for None"
        self.form = none if inner.form is None else f"{inner.form}, or {none}"

    def accepts(self, value: object) -> bool:
        return value is None or self._inner.accepts(value)

    def encode(self, value: object) -> str:
        return NONE_TOKEN if value is None else self._inner.encode(value)

    def decode(self, text: str) -> object:
        return None if text == NONE_TOKEN else self._inner.decode(text)


_STR = _Str()
_INT = _Int()
_PLAIN: dict[object, Converter] = {
    str: _STR,
    int: _INT,
    float: _Float(),
    bool: _Bool(),
    Snowflake: _Snowflake(),
    uuid.UUID: _UUID(),
}


def converter_for(annotation: object) -> Converter:
    """The converter of an annotation; raise UnsupportedAnnotation when none fits."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        # Metadata is for other tools (validators, docs); routes convert the type.
        return converter_for(typing.get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType:
        return _optional(typing.get_args(annotation))
    if origin is Literal:
        return _Literal(typing.get_args(annotation))
    if annotation in _PLAIN:
        return _PLAIN[annotation]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _Enum(annotation)

    raise UnsupportedAnnotation(_SUPPORTED)


def describe(annotation: object) -> str:
    """A short, readable name for an annotation, for error messages."""
    if isinstance(annotation, type) and typing.get_origin(annotation) is None:
        return annotation.__qualname__

    return repr(annotation).replace("typing.", "")


def _optional(args: tuple[object, ...]) -> Converter:
    others = [arg for arg in args if arg is not type(None)]
    if len(others) != 1 or len(args) != 2:
        raise UnsupportedAnnotation(
            "the only union routes convert is X | None (Optional[X])"
        )

    return _Optional(converter_for(others[0]))


def _value_converter(cls: type[enum.Enum]) -> Converter:
    values = [member.value for member in cls]
    if values and all(isinstance(value, str) for value in values):
        return _STR
    if values and all(_INT.accepts(value) for value in values):
        return _INT

    raise UnsupportedAnnotation(
        f"the values of enum {cls.__qualname__} must be all str or all int"
    )


def _literal_texts(values: tuple[object, ...]) -> dict[str, object]:
    by_text: dict[str, object] = {}
    for value in values:
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise UnsupportedAnnotation(
                f"a Literal in a route may hold only str and int values, not {value!r}"
            )

        text = _STR.encode(value) if isinstance(value, str) else _INT.encode(value)
        if text in by_text:
            raise UnsupportedAnnotation(
                f"Literal values {by_text[text]!r} and {value!r} would both be "
                f"written {text!r}"
            )
        by_text[text] = value

    return by_text


def _show(values: typing.Iterable[object]) -> str:
    shown = list(values)
    text = ", ".join(repr(value) for value in shown[:_SHOWN_VALUES])
    return text + ", ..." if len(shown) > _SHOWN_VALUES else text
