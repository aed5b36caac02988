"""Props: turning what a builder call is given into model values.

Elements check only the types and names of their props here; Discord's limits are
checked over the whole tree when a message or modal is built (``validate.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum
from typing import TypeVar

from ikit.models import (
    ComponentEmoji,
    SelectDefaultValue,
    Snowflake,
    TextDisplay,
    UnfurledMedia,
)

__all__ = [
    "emoji",
    "enum_prop",
    "media",
    "no_strings",
    "snowflake",
    "strings_to_text",
]

E = TypeVar("E", bound=Enum)

_CUSTOM_EMOJI = re.compile(r"<(?P<animated>a?):(?P<name>\w+):(?P<id>\d+)>")


def enum_prop(element: str, param: str, enum: type[E], value: E | str) -> E:
    """An enum member given as itself or by its lowercase name (``"success"``)."""
    if isinstance(value, enum):
        return value

    if isinstance(value, str):
        member = enum.__members__.get(value.upper())
        if member is not None and value == value.lower():
            return member

    names = ", ".join(repr(name.lower()) for name in enum.__members__)
    raise ValueError(
        f"{element}: {param} must be one of {names} or a {enum.__name__}; got {value!r}"
    )


def emoji(element: str, value: ComponentEmoji | str | None) -> ComponentEmoji | None:
    """A component emoji from a unicode emoji or a custom one written ``<:name:id>``."""
    if value is None or isinstance(value, ComponentEmoji):
        return value

    if not isinstance(value, str) or not value:
        raise TypeError(
            f"{element}: emoji must be a unicode emoji, '<:name:id>' or a "
            f"ComponentEmoji; got {value!r}"
        )

    match = _CUSTOM_EMOJI.fullmatch(value)
    if match is None:
        return ComponentEmoji(name=value)

    return ComponentEmoji(
        id=Snowflake(match["id"]),
        name=match["name"],
        animated=True if match["animated"] else None,
    )


def snowflake(element: str, param: str, value: int) -> Snowflake:
    """A Discord id, so that it is sent as a string."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TypeError(
            f"{element}: {param} must be a Discord id (a non-negative int); "
            f"got {value!r}"
        )

    return value if isinstance(value, Snowflake) else Snowflake(value)


def default_values(
    element: str, kind: str, values: Sequence[int | SelectDefaultValue] | None
) -> list[SelectDefaultValue] | None:
    """Pre-selected entities: bare ids take the select's own kind."""
    if values is None:
        return None

    return [
        value
        if isinstance(value, SelectDefaultValue)
        else SelectDefaultValue(
            id=snowflake(element, "default_values", value), type=kind
        )
        for value in values
    ]


def media(element: str, param: str, value: str | UnfurledMedia) -> UnfurledMedia:
    """A media reference from a URL (``https://...`` or ``attachment://name``)."""
    if isinstance(value, UnfurledMedia):
        return value

    if not isinstance(value, str):
        raise TypeError(
            f"{element}: {param} must be a URL string or an UnfurledMedia; "
            f"got {value!r}"
        )

    return UnfurledMedia(url=value)


def strings_to_text(items: list[object]) -> list[object]:
    """Plain strings become text displays (Container, Section, Modal)."""
    return [TextDisplay(content=x) if isinstance(x, str) else x for x in items]


def no_strings(element: str, items: list[object]) -> list[object]:
    """Refuse plain strings where Discord has no text (an action row, ...)."""
    for item in items:
        if isinstance(item, str):
            raise TypeError(
                f"{element}: a plain string is not a component here; got {item!r}. "
                "Wrap text in ui.TextDisplay inside a Container or Section."
            )

    return items
