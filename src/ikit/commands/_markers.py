"""The markers a handler puts in ``Annotated[...]`` to shape its options.

``Annotated[int, Range(1, 60)]`` keeps the Python type plain for the type checker and
for the handler's body, while the marker tells ikit what to declare to Discord. Each
marker is checked against the type it annotates when the command is declared
(``_options.py``), so a marker in the wrong place fails early.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeAlias

from ikit.models.enums import ChannelType
from ikit.models.users import Member, Role, User

__all__ = ["ChannelTypes", "Choice", "Length", "Mentionable", "Option", "Range"]

Mentionable: TypeAlias = User | Member | Role
"""A MENTIONABLE option's value: a role, or a user (a Member when the interaction
carries the member's guild data)."""


@dataclass(frozen=True, slots=True)
class Range:
    """The smallest and largest value of an int or float option (both inclusive).

    ``Annotated[int, Range(1, 60)]``; ``Range(min=0)`` sets only a lower bound.
    """

    min: int | float | None = None
    max: int | float | None = None


@dataclass(frozen=True, slots=True)
class Length:
    """The shortest and longest text a str option accepts (0-6000 and 1-6000)."""

    min: int | None = None
    max: int | None = None


@dataclass(frozen=True, slots=True)
class Option:
    """How an option is shown, when its parameter name and docstring line will not do.

    ``Annotated[str, Option(name="query", description="What to look for")]``.
    """

    description: str | None = None
    name: str | None = None
    # Left out of the hash: ``Annotated[...] | None`` hashes its markers.
    name_localizations: Mapping[str, str] | None = field(default=None, hash=False)
    description_localizations: Mapping[str, str] | None = field(
        default=None, hash=False
    )


@dataclass(frozen=True, slots=True, init=False)
class ChannelTypes:
    """The kinds of channel a PartialChannel option offers.

    ``Annotated[PartialChannel, ChannelTypes(ChannelType.GUILD_TEXT)]``.
    """

    types: tuple[ChannelType, ...]

    def __init__(self, *types: ChannelType) -> None:
        object.__setattr__(self, "types", types)


@dataclass(frozen=True, slots=True)
class Choice:
    """One fixed choice of a str, int or float option: the name users see, and the
    value the handler receives.

    ``Annotated[str, Choice("Red", "r"), Choice("Blue", "b")]``. For choices whose
    names are their values, ``Literal["red", "blue"]`` is shorter.
    """

    name: str
    value: str | int | float
    name_localizations: Mapping[str, str] | None = field(
        default=None, kw_only=True, hash=False
    )
