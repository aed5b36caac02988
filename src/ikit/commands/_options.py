"""From an annotated handler parameter to a declared option.

An annotation is read in three layers, outside in: ``Annotated[...]`` markers, then
``| None`` (which allows a default of None), then the base type, which picks the
option type and the converter (``_convert.py``). The markers are then checked
against that option type. Any rule broken raises RuleBroken, which the command
layer reports with the function and parameter (``_rules.declaring``).
"""

from __future__ import annotations

import enum
import inspect
import types
import typing
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal, TypeVar

from ikit.commands import _convert as convert
from ikit.commands._markers import ChannelTypes, Choice, Length, Option, Range
from ikit.commands._rules import (
    RuleBroken,
    chat_name_problem,
    check,
    description_problem,
    field_size,
    localizations_problem,
    localized,
)
from ikit.models.commands import (
    ApplicationCommandOption,
    ApplicationCommandOptionChoice,
)
from ikit.models.enums import ApplicationCommandOptionType as OptionType
from ikit.models.enums import ChannelType
from ikit.models.interactions import ResolvedData
from ikit.models.messages import Attachment
from ikit.models.users import Member, PartialChannel, Role, User

__all__ = ["AutocompleteHandler", "OptionSpec", "option_from_parameter"]

AutocompleteHandler = Callable[..., Awaitable[Any]]
"""What the app calls to suggest values for an option as the user types."""

M = TypeVar("M")

MAX_CHOICES = 25
MAX_CHOICE_NAME = 100
MAX_CHOICE_VALUE = 100
MAX_LENGTH = 6000
# INTEGER options take -2^53+1 to 2^53-1, NUMBER options -2^53 to 2^53.
_INTEGER_LIMIT = 2**53 - 1
_NUMBER_LIMIT = 2**53
_SUPPORTED = (
    "options take str, int, float, bool, User, Member, Role, PartialChannel, "
    "Attachment, Mentionable (User | Role), Literal[...] and Enum subclasses, "
    "each optionally | None"
)
_SIMPLE: dict[object, tuple[OptionType, convert.Converter]] = {
    str: (OptionType.STRING, convert.string),
    int: (OptionType.INTEGER, convert.integer),
    float: (OptionType.NUMBER, convert.number),
    bool: (OptionType.BOOLEAN, convert.boolean),
    User: (OptionType.USER, convert.user),
    Member: (OptionType.USER, convert.member),
    Role: (OptionType.ROLE, convert.role),
    PartialChannel: (OptionType.CHANNEL, convert.channel),
    Attachment: (OptionType.ATTACHMENT, convert.attachment),
}
_CHOOSABLE = (OptionType.STRING, OptionType.INTEGER, OptionType.NUMBER)


@dataclass(frozen=True, slots=True)
class OptionSpec:
    """One option of a slash command or subcommand, and how its value converts."""

    param: str
    """The handler parameter that receives the value."""
    name: str
    type: OptionType
    description: str
    required: bool
    convert: convert.Converter
    default: object = None
    """What the handler receives when an optional option is left out."""
    name_localizations: Mapping[str, str] | None = None
    description_localizations: Mapping[str, str] | None = None
    choices: tuple[Choice, ...] = ()
    min_value: int | float | None = None
    max_value: int | float | None = None
    min_length: int | None = None
    max_length: int | None = None
    channel_types: tuple[ChannelType, ...] | None = None
    autocomplete: AutocompleteHandler | None = None

    def with_autocomplete(self, handler: AutocompleteHandler) -> OptionSpec:
        """This option, suggesting values with ``handler``."""
        if self.type not in _CHOOSABLE:
            raise RuleBroken(
                f"autocomplete applies to str, int and float options, "
                f"not {self.type.name} ones"
            )
        if self.choices:
            raise RuleBroken("an option with choices cannot also have autocomplete")

        return replace(self, autocomplete=handler)

    def to_model(self) -> ApplicationCommandOption:
        """The option as Discord's bulk overwrite takes it."""
        return ApplicationCommandOption(
            type=self.type,
            name=self.name,
            description=self.description,
            name_localizations=localized(self.name_localizations, self.name),
            description_localizations=localized(
                self.description_localizations, self.description
            ),
            required=self.required or None,
            choices=[_choice_model(c) for c in self.choices] or None,
            channel_types=list(self.channel_types) if self.channel_types else None,
            min_value=self.min_value,
            max_value=self.max_value,
            min_length=self.min_length,
            max_length=self.max_length,
            autocomplete=True if self.autocomplete else None,
        )

    def size(self) -> int:
        """Characters this option counts toward the command's 8000."""
        own = field_size(self.name, self.name_localizations) + field_size(
            self.description, self.description_localizations
        )
        return own + sum(_choice_size(c) for c in self.choices)


def option_from_parameter(
    param: inspect.Parameter, hint: object, doc: str | None
) -> OptionSpec:
    """The option a handler parameter declares; raises RuleBroken."""
    base, markers, optional = _unwrap(hint)
    option_type, converter, choices = _kind(base, markers)
    shown = _single(markers, Option) or Option()
    required = param.default is inspect.Parameter.empty
    if optional and required:
        raise RuleBroken(
            f"the annotation allows None but the parameter has no default; "
            f"write `{param.name}: ... = None` to make the option optional"
        )

    spec = OptionSpec(
        param=param.name,
        name=shown.name or param.name,
        type=option_type,
        description=shown.description or doc or param.name,
        required=required,
        convert=converter,
        default=None if required else param.default,
        name_localizations=shown.name_localizations,
        description_localizations=shown.description_localizations,
        choices=choices,
    )
    spec = _constrained(spec, markers)
    _check_shown(spec)
    return spec


# -- reading the annotation ------------------------------------------------------------


def _unwrap(hint: object) -> tuple[object, list[object], bool]:
    """The base type, the Annotated markers, and whether None is allowed."""
    markers: list[object] = []
    hint = _strip_annotated(hint, markers)
    args = typing.get_args(hint)
    optional = _is_union(hint) and type(None) in args
    if optional:
        rest = [arg for arg in args if arg is not type(None)]
        hint = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]  # noqa: UP007
        hint = _strip_annotated(hint, markers)

    return hint, markers, optional


def _strip_annotated(hint: object, markers: list[object]) -> object:
    if typing.get_origin(hint) is typing.Annotated:
        base, *extra = typing.get_args(hint)
        markers.extend(extra)
        return base

    return hint


def _is_union(hint: object) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


def _kind(
    base: object, markers: list[object]
) -> tuple[OptionType, convert.Converter, tuple[Choice, ...]]:
    if base in _SIMPLE:
        option_type, converter = _SIMPLE[base]
        return _with_choice_markers(option_type, converter, markers)
    if any(isinstance(m, Choice) for m in markers):
        raise RuleBroken(
            f"Choice applies to str, int and float options, not {_describe(base)}, "
            "whose choices come from the annotation"
        )
    if typing.get_origin(base) is Literal:
        values = typing.get_args(base)
        return _choices_kind([(str(v), v, v) for v in values])
    if isinstance(base, type) and issubclass(base, enum.Enum):
        return _choices_kind([(m.name, m.value, m) for m in base])
    if _is_union(base):
        return _union_kind(base)

    raise RuleBroken(f"{_describe(base)} is not supported; {_SUPPORTED}")


def _union_kind(
    base: object,
) -> tuple[OptionType, convert.Converter, tuple[Choice, ...]]:
    members = set(typing.get_args(base))
    if not members <= {User, Member, Role} or members == {Role}:
        raise RuleBroken(f"{_describe(base)} is not supported; {_SUPPORTED}")

    for_user = _user_converter(members)
    if Role in members:
        return OptionType.MENTIONABLE, convert.mentionable(for_user), ()

    return OptionType.USER, for_user, ()


def _user_converter(members: set[object]) -> convert.Converter:
    if Member not in members:
        return convert.user
    if User not in members:
        return convert.member

    return convert.member_or_user


def _choices_kind(
    entries: list[tuple[str, Any, object]],
) -> tuple[OptionType, convert.Converter, tuple[Choice, ...]]:
    """An option whose choices are (name, wire value, handler value) triples."""
    option_type = _choice_type([wire for _, wire, _ in entries])
    choices = tuple(Choice(name, wire) for name, wire, _ in entries)
    table = {wire: value for _, wire, value in entries}
    base = _SIMPLE[_PYTHON[option_type]][1]
    return option_type, convert.choice(base, table), choices


_PYTHON = {OptionType.STRING: str, OptionType.INTEGER: int, OptionType.NUMBER: float}


def _choice_type(values: Sequence[object]) -> OptionType:
    if values and all(isinstance(v, str) for v in values):
        return OptionType.STRING
    numbers = [
        v for v in values if isinstance(v, int | float) and not isinstance(v, bool)
    ]
    if values and len(numbers) == len(values):
        integral = all(isinstance(v, int) for v in numbers)
        return OptionType.INTEGER if integral else OptionType.NUMBER

    shown = ", ".join(repr(v) for v in values[:5])
    raise RuleBroken(
        f"choice values must be all str, all int, or int and float, got {shown}"
    )


def _with_choice_markers(
    option_type: OptionType, converter: convert.Converter, markers: list[object]
) -> tuple[OptionType, convert.Converter, tuple[Choice, ...]]:
    choices = tuple(m for m in markers if isinstance(m, Choice))
    if not choices:
        return option_type, converter, ()
    if option_type not in _CHOOSABLE:
        raise RuleBroken("Choice applies to str, int and float options only")

    kind = _choice_type([c.value for c in choices])
    if kind not in _ACCEPTED_CHOICES[option_type]:
        raise RuleBroken(
            f"Choice values must suit the {option_type.name} option, "
            f"got {choices[0].value!r}"
        )

    table = {c.value: converter(c.value, _NOTHING) for c in choices}
    return option_type, convert.choice(converter, table), choices


_NOTHING = ResolvedData()
# A float option also takes int choice values.
_ACCEPTED_CHOICES = {
    OptionType.STRING: (OptionType.STRING,),
    OptionType.INTEGER: (OptionType.INTEGER,),
    OptionType.NUMBER: (OptionType.INTEGER, OptionType.NUMBER),
}


def _describe(hint: object) -> str:
    if isinstance(hint, type):
        return hint.__qualname__

    return repr(hint).replace("typing.", "")


# -- markers -------------------------------------------------------------------------


def _single(markers: list[object], kind: type[M]) -> M | None:
    found = [m for m in markers if isinstance(m, kind)]
    if len(found) > 1:
        raise RuleBroken(f"{kind.__name__} is given {len(found)} times")

    return found[0] if found else None


def _constrained(spec: OptionSpec, markers: list[object]) -> OptionSpec:
    bounds = _single(markers, Range)
    length = _single(markers, Length)
    channels = _single(markers, ChannelTypes)
    if bounds is not None:
        spec = _with_range(spec, bounds)
    if length is not None:
        spec = _with_length(spec, length)
    if channels is not None:
        spec = _with_channel_types(spec, channels)

    return spec


def _with_range(spec: OptionSpec, bounds: Range) -> OptionSpec:
    if spec.type not in (OptionType.INTEGER, OptionType.NUMBER) or spec.choices:
        raise RuleBroken(
            "Range applies to int and float options without choices, "
            f"not to this {spec.type.name} option"
        )

    for value in (bounds.min, bounds.max):
        _check_bound(spec.type, value)
    low, high = bounds.min, bounds.max
    if low is not None and high is not None and low > high:
        raise RuleBroken(f"Range min {bounds.min} is above max {bounds.max}")

    return replace(spec, min_value=bounds.min, max_value=bounds.max)


def _check_bound(option_type: OptionType, value: int | float | None) -> None:
    if value is None:
        return
    if option_type is OptionType.INTEGER and not isinstance(value, int):
        raise RuleBroken(f"Range of an int option takes ints, got {value!r}")

    limit = _INTEGER_LIMIT if option_type is OptionType.INTEGER else _NUMBER_LIMIT
    if not -limit <= value <= limit:
        raise RuleBroken(f"Range bounds must be within ±{limit}, got {value!r}")


def _with_length(spec: OptionSpec, length: Length) -> OptionSpec:
    if spec.type is not OptionType.STRING or spec.choices:
        raise RuleBroken(
            "Length applies to str options without choices, "
            f"not to this {spec.type.name} option"
        )
    if length.min is not None and not 0 <= length.min <= MAX_LENGTH:
        raise RuleBroken(f"Length min must be 0-{MAX_LENGTH}, got {length.min}")
    if length.max is not None and not 1 <= length.max <= MAX_LENGTH:
        raise RuleBroken(f"Length max must be 1-{MAX_LENGTH}, got {length.max}")
    low, high = length.min, length.max
    if low is not None and high is not None and low > high:
        raise RuleBroken(f"Length min {length.min} is above max {length.max}")

    return replace(spec, min_length=length.min, max_length=length.max)


def _with_channel_types(spec: OptionSpec, channels: ChannelTypes) -> OptionSpec:
    if spec.type is not OptionType.CHANNEL:
        raise RuleBroken("ChannelTypes applies to PartialChannel options only")
    if not channels.types:
        raise RuleBroken("ChannelTypes needs at least one channel type")

    return replace(spec, channel_types=tuple(dict.fromkeys(channels.types)))


# -- what users see ------------------------------------------------------------------


def _check_shown(spec: OptionSpec) -> None:
    check(chat_name_problem(spec.name))
    check(description_problem(spec.description))
    check(localizations_problem(spec.name_localizations, chat_name_problem))
    check(localizations_problem(spec.description_localizations, description_problem))
    _check_choices(spec.choices)


def _check_choices(choices: tuple[Choice, ...]) -> None:
    if len(choices) > MAX_CHOICES:
        raise RuleBroken(
            f"an option has at most {MAX_CHOICES} choices, got {len(choices)}"
        )

    for choice in choices:
        check(_choice_name_problem(choice.name))
        check(localizations_problem(choice.name_localizations, _choice_name_problem))
        if isinstance(choice.value, str) and len(choice.value) > MAX_CHOICE_VALUE:
            raise RuleBroken(
                f"a choice value must be at most {MAX_CHOICE_VALUE} characters, "
                f"got {len(choice.value)} ({choice.value[:20]!r}...)"
            )


def _choice_name_problem(name: str) -> str | None:
    if not 1 <= len(name) <= MAX_CHOICE_NAME:
        return f"a choice name must be 1-{MAX_CHOICE_NAME} characters, got {len(name)}"

    return None


def _choice_size(choice: Choice) -> int:
    name = field_size(choice.name, choice.name_localizations)
    value = choice.value
    return name + len(value if isinstance(value, str) else repr(value))


def _choice_model(choice: Choice) -> ApplicationCommandOptionChoice:
    return ApplicationCommandOptionChoice(
        name=choice.name,
        value=choice.value,
        name_localizations=localized(choice.name_localizations, choice.name),
    )
