"""Command options as a user fills them in: checked against the app's declarations
the way Discord's client checks them, and turned into option payloads.

A test names options by their Discord names; a name with hyphens may also be written
with underscores (``max_count`` for ``max-count``). An option of a command the app
does not declare (the simulator posts to a URL, without the app) gets its type from
its value.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ikit.models import (
    ApplicationCommand,
    ApplicationCommandOption,
    ApplicationCommandOptionType,
    ChannelType,
    Model,
    encode,
)
from ikit.testing import payloads
from ikit.testing._objects import Payload
from ikit.testing._rules import ActionImpossible

__all__ = ["as_value", "build_options", "find_command"]

OptionType = ApplicationCommandOptionType
_NESTING = (OptionType.SUB_COMMAND, OptionType.SUB_COMMAND_GROUP)
_ENTITIES = frozenset(
    {
        OptionType.USER,
        OptionType.CHANNEL,
        OptionType.ROLE,
        OptionType.MENTIONABLE,
        OptionType.ATTACHMENT,
    }
)


def as_value(value: Any) -> Any:
    """A value as a payload holds it: ikit models become Discord's JSON."""
    if isinstance(value, Model):
        decoded: Payload = json.loads(encode(value))
        return decoded
    return value


def build_options(
    command: ApplicationCommand | None,
    path: Sequence[str],
    values: Mapping[str, Any],
    *,
    focused: str | None = None,
) -> list[Payload]:
    """The options of an interaction invoking ``path`` with ``values``."""
    where = "/" + " ".join(path)
    if command is None:
        leaf = [_inferred(name, value, focused) for name, value in values.items()]
        return _nest(path[1:], leaf)

    declared = list(command.options or [])
    for depth, name in enumerate(path[1:], start=1):
        declared = _child(declared, name, "/" + " ".join(path[:depth]))
    _refuse_nesting(declared, where)
    leaf = _checked(declared, values, where, focused)
    return _nest(path[1:], leaf)


def _nest(names: Sequence[str], leaf: list[Payload]) -> list[Payload]:
    if not names:
        return leaf
    inner = _nest(names[1:], leaf)
    if len(names) == 1:
        return [payloads.subcommand(names[0], *inner)]
    return [payloads.subcommand_group(names[0], *inner)]


def _inferred(name: str, value: Any, focused: str | None) -> Payload:
    return payloads.option(name, as_value(value), focused=name == focused)


def _child(
    options: list[ApplicationCommandOption], name: str, where: str
) -> list[ApplicationCommandOption]:
    for option in options:
        if option.name == name and option.type in _NESTING:
            return list(option.options or [])
    known = ", ".join(o.name for o in options if o.type in _NESTING) or "none"
    raise ActionImpossible(
        f"{where} has no subcommand {name!r}; its subcommands: {known}."
    )


def _refuse_nesting(options: list[ApplicationCommandOption], where: str) -> None:
    nested = [o.name for o in options if o.type in _NESTING]
    if nested:
        raise ActionImpossible(
            f"{where} has subcommands, so a user runs one of them: "
            f"{', '.join(f'{where} {name}' for name in nested)}."
        )


def _checked(
    declared: list[ApplicationCommandOption],
    values: Mapping[str, Any],
    where: str,
    focused: str | None,
) -> list[Payload]:
    given = {_discord_name(name, declared): value for name, value in values.items()}
    unknown = [name for name in given if name not in {o.name for o in declared}]
    if unknown:
        known = ", ".join(o.name for o in declared) or "none"
        raise ActionImpossible(
            f"{where} has no option {unknown[0]!r}; its options: {known}."
        )

    out: list[Payload] = []
    for option in declared:
        if option.name not in given:
            _require_absent(option, where, focused)
            continue
        value = given[option.name]
        if option.name != focused:
            value = _check_value(option, as_value(value), where)
        out.append(
            payloads.option(
                option.name, value, option.type, focused=option.name == focused
            )
        )
    return out


def _discord_name(name: str, declared: list[ApplicationCommandOption]) -> str:
    names = {o.name for o in declared}
    hyphened = name.replace("_", "-")
    return hyphened if name not in names and hyphened in names else name


def _require_absent(
    option: ApplicationCommandOption, where: str, focused: str | None
) -> None:
    if option.required and option.name != focused:
        raise ActionImpossible(
            f"Discord does not send {where} without its required option "
            f"{option.name!r}; pass {option.name.replace('-', '_')}=..."
        )


def _check_value(option: ApplicationCommandOption, value: Any, where: str) -> Any:
    problem = _type_problem(option, value) or _choice_problem(option, value)
    problem = (
        problem or _range_problem(option, value) or _channel_problem(option, value)
    )
    if problem:
        raise ActionImpossible(
            f"A user cannot send {_short(value)} as {option.name!r} of {where}: "
            f"{problem}."
        )
    return value


def _type_problem(option: ApplicationCommandOption, value: Any) -> str | None:
    kind = option.type
    expected: dict[OptionType, tuple[type, ...]] = {
        OptionType.STRING: (str,),
        OptionType.INTEGER: (int,),
        OptionType.NUMBER: (int, float),
        OptionType.BOOLEAN: (bool,),
    }
    if kind in expected:
        wrong_bool = isinstance(value, bool) and kind is not OptionType.BOOLEAN
        if wrong_bool or not isinstance(value, expected[kind]):
            return f"the option takes {kind.name.lower()} values"
    elif kind in _ENTITIES and not isinstance(value, dict | int | str):
        return f"pass a {kind.name.lower()} payload, model or id"
    return None


def _choice_problem(option: ApplicationCommandOption, value: Any) -> str | None:
    if not option.choices:
        return None
    allowed = [choice.value for choice in option.choices]
    if value in allowed:
        return None
    return "Discord lets the user pick one of " + ", ".join(map(repr, allowed))


def _range_problem(option: ApplicationCommandOption, value: Any) -> str | None:
    low: float | None
    high: float | None
    size: float
    if isinstance(value, str):
        low, high, size = option.min_length, option.max_length, len(value)
        unit = " characters"
    elif isinstance(value, int | float) and not isinstance(value, bool):
        low, high, size, unit = option.min_value, option.max_value, value, ""
    else:
        return None
    if low is not None and size < low:
        return f"the least it takes is {low}{unit}"
    if high is not None and size > high:
        return f"the most it takes is {high}{unit}"
    return None


def _channel_problem(option: ApplicationCommandOption, value: Any) -> str | None:
    if option.type is not OptionType.CHANNEL or not option.channel_types:
        return None
    if not isinstance(value, dict) or "type" not in value:
        return None
    if ChannelType(value["type"]) in option.channel_types:
        return None
    names = ", ".join(kind.name for kind in option.channel_types)
    return f"Discord offers only channels of these types: {names}"


def _short(value: Any) -> str:
    if isinstance(value, dict):
        return f"object {value.get('id')}"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def find_command(
    commands: Sequence[ApplicationCommand], kind: int, name: str
) -> ApplicationCommand | None:
    """The declared command of this type and name, if any."""
    for command in commands:
        if int(command.type or 1) == kind and command.name == name:
            return command
    return None
