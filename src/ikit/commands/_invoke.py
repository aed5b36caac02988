"""From the options Discord sent to a handler's keyword arguments.

Discord checks option values against the declaration it holds, so a value that does
not fit here means that declaration and this code differ (commands not synced since
a change) or the payload is forged. Either way the interaction is refused with
:class:`ikit.errors.DecodeError` (400), naming the option, the command path, and
the JSON path of the value.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, NamedTuple

from ikit.commands._convert import Mismatch
from ikit.commands._options import AutocompleteHandler, OptionSpec
from ikit.errors import DecodeError
from ikit.models.interactions import CommandInteractionOption, ResolvedData

__all__ = [
    "AutocompleteInvocation",
    "Invocation",
    "Place",
    "autocomplete_arguments",
    "keyword_arguments",
]

_SYNC_HINT = "sync the commands if their declarations changed"


class Invocation(NamedTuple):
    """A handler and the keyword arguments to call it with (after the context)."""

    handler: Callable[..., Awaitable[Any]]
    kwargs: dict[str, object]


class AutocompleteInvocation(NamedTuple):
    """What an autocomplete interaction asks for.

    ``value`` is what the user has typed so far, as Discord sent it (partial text;
    for int and float options Discord may send the text typed so far). ``options``
    holds the other options already filled, converted, by parameter name; those
    that cannot be converted yet are left out.
    """

    handler: AutocompleteHandler
    option: OptionSpec
    value: str | int | float | bool
    options: dict[str, object]


class Place(NamedTuple):
    """Where the options being read sit: the command path and their JSON path."""

    label: str
    json: str

    def item(self, index: int) -> str:
        return f"{self.json}[{index}]"


def keyword_arguments(
    specs: Sequence[OptionSpec],
    given: Sequence[CommandInteractionOption],
    resolved: ResolvedData,
    place: Place,
) -> dict[str, object]:
    """The handler's keyword arguments: every option converted, defaults filled."""
    sent = _by_name(given, place)
    kwargs: dict[str, object] = {}
    used = 0
    for spec in specs:
        found = sent.get(spec.name)
        if found is not None:
            used += 1
            index, option = found
            kwargs[spec.param] = _converted(spec, option, resolved, place, index)
        elif spec.required:
            raise DecodeError(
                f"option {spec.name!r} of {place.label} is required but missing; "
                f"{_SYNC_HINT}",
                path=place.json,
            )
        else:
            kwargs[spec.param] = spec.default

    if used < len(sent):
        _refuse_unknown(specs, given, place)
    return kwargs


def autocomplete_arguments(
    specs: Sequence[OptionSpec],
    given: Sequence[CommandInteractionOption],
    resolved: ResolvedData,
    place: Place,
) -> AutocompleteInvocation:
    """The focused option's handler and partial value, and the filled options."""
    _refuse_unknown(specs, given, place)
    sent = _by_name(given, place)
    focused = next((o for o in given if o.focused), None)
    if focused is None:
        raise DecodeError(
            f"an autocomplete interaction for {place.label} has no focused option",
            path=place.json,
        )

    spec = next(s for s in specs if s.name == focused.name)
    if spec.autocomplete is None:
        raise DecodeError(
            f"option {spec.name!r} of {place.label} has no autocomplete handler; "
            f"{_SYNC_HINT}",
            path=place.json,
        )

    others = _filled(specs, sent, resolved, place, skip=spec.name)
    value = "" if focused.value is None else focused.value
    return AutocompleteInvocation(spec.autocomplete, spec, value, others)


def _filled(
    specs: Sequence[OptionSpec],
    sent: dict[str, tuple[int, CommandInteractionOption]],
    resolved: ResolvedData,
    place: Place,
    skip: str,
) -> dict[str, object]:
    filled: dict[str, object] = {}
    for spec in specs:
        if spec.name == skip or spec.name not in sent:
            continue
        index, option = sent[spec.name]
        try:
            filled[spec.param] = _converted(spec, option, resolved, place, index)
        except DecodeError:
            # Autocomplete values may be partial; the handler gets those that fit.
            continue

    return filled


def _by_name(
    given: Sequence[CommandInteractionOption], place: Place
) -> dict[str, tuple[int, CommandInteractionOption]]:
    sent: dict[str, tuple[int, CommandInteractionOption]] = {}
    for index, option in enumerate(given):
        if option.name in sent:
            raise _unexpected(option, place, index)
        sent[option.name] = (index, option)

    return sent


def _refuse_unknown(
    specs: Sequence[OptionSpec],
    given: Sequence[CommandInteractionOption],
    place: Place,
) -> None:
    known = {spec.name for spec in specs}
    for index, option in enumerate(given):
        if option.name not in known:
            raise _unexpected(option, place, index)


def _unexpected(
    option: CommandInteractionOption, place: Place, index: int
) -> DecodeError:
    return DecodeError(
        f"unexpected option {option.name!r} for {place.label}; {_SYNC_HINT}",
        path=place.item(index),
    )


def _converted(
    spec: OptionSpec,
    option: CommandInteractionOption,
    resolved: ResolvedData,
    place: Place,
    index: int,
) -> object:
    if option.type != spec.type:
        raise DecodeError(
            f"option {spec.name!r} of {place.label}: expected a {spec.type.name} "
            f"option, got {option.type.name}; {_SYNC_HINT}",
            path=f"{place.item(index)}.type",
        )
    try:
        return spec.convert(option.value, resolved)
    except Mismatch as error:
        raise DecodeError(
            f"option {spec.name!r} of {place.label}: expected {error.expected}, "
            f"got {option.value!r}",
            path=f"{place.item(index)}.value",
        ) from None
