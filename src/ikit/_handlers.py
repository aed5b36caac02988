"""Component and modal handlers: a route, a function, and the values it is given.

A handler's parameters come from three places: the context (first), the custom_id's
template parameters (converted by :mod:`ikit.routing`), and the interaction itself: a
select's ``values``, or a modal's submitted fields, each by its custom_id.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, ParamSpec, TypeVar

import msgspec

from ikit.errors import DeclarationError, DecodeError
from ikit.models import (
    Attachment,
    Member,
    PartialChannel,
    ResolvedData,
    Role,
    User,
)
from ikit.routing import Route

P = ParamSpec("P")
R = TypeVar("R")
C = TypeVar("C")

_ENTITIES: dict[object, str] = {
    User: "users",
    Member: "members",
    Role: "roles",
    PartialChannel: "channels",
    Attachment: "attachments",
}
_EMPTY = inspect.Parameter.empty


@dataclass(frozen=True, slots=True)
class _Filled:
    """A handler parameter the interaction fills (select values, a modal field)."""

    name: str
    annotation: object
    default: object


class Handler(Generic[C, P, R]):
    """A component or modal handler, registered under a custom_id template.

    Call :meth:`custom_id` with the template's parameters to build the custom_id of
    a button, select or modal that this handler answers.
    """

    __slots__ = ("_filled", "func", "kind", "options", "route")

    def __init__(
        self,
        kind: str,
        template: str,
        func: Callable[..., Awaitable[R]],
        filled: Callable[[Mapping[str, inspect.Parameter]], list[str]],
        options: Mapping[str, Any],
    ) -> None:
        params = _parameters(func)
        names = filled(params)
        self.kind = kind
        self.func = func
        self.options = dict(options)
        self.route = Route.from_handler(template, func, exclude=names)
        hints = typing.get_type_hints(func, include_extras=True)
        self._filled = [
            _Filled(name, hints.get(name, str), params[name].default) for name in names
        ]

    def __repr__(self) -> str:
        return f"<{self.kind} handler {self.func.__qualname__} {self.route.template!r}>"

    def custom_id(self, *args: P.args, **kwargs: P.kwargs) -> str:
        """The custom_id that routes to this handler, with these parameter values.

        Raise :class:`~ikit.errors.CustomIdError` for a wrong value, or when the id
        would be longer than Discord's 100 characters.
        """
        if args:
            raise TypeError("custom_id() takes the template's parameters by keyword")
        return self.route.build(**kwargs)

    def filled(self) -> list[_Filled]:
        return self._filled


def select_parameters(params: Mapping[str, inspect.Parameter]) -> list[str]:
    """A component handler receives a select's choices as ``values``."""
    return ["values"] if "values" in params else []


def modal_parameters(
    template: str,
) -> Callable[[Mapping[str, inspect.Parameter]], list[str]]:
    """A modal handler receives every parameter not in the template as a field."""
    from ikit.routing._template import parse_template

    in_template = set(parse_template(template).names)

    def filled(params: Mapping[str, inspect.Parameter]) -> list[str]:
        return [name for name in list(params)[1:] if name not in in_template]

    return filled


def _parameters(func: Callable[..., Any]) -> Mapping[str, inspect.Parameter]:
    if not inspect.iscoroutinefunction(func):
        raise DeclarationError(
            f"{func.__qualname__} must be an async function (async def) to handle "
            "interactions."
        )
    params = inspect.signature(func).parameters
    if not params:
        raise DeclarationError(
            f"{func.__qualname__} must take the context as its first parameter."
        )
    return params


# -- converting what the interaction carries ---------------------------------------


def convert_select_values(
    param: _Filled, values: list[str], resolved: ResolvedData | None
) -> object:
    """A select's values as the parameter's annotation asks: strings or entities."""
    item = _list_item(param.annotation)
    if item is None or item is str:
        return list(values)
    return [_entity(item, value, resolved, param.name) for value in values]


def convert_field(
    param: _Filled, submitted: object, present: bool, resolved: ResolvedData | None
) -> object:
    """A modal field's submitted value, converted to the parameter's annotation."""
    if not present:
        if param.default is _EMPTY:
            raise DecodeError(
                f"The modal submission has no field with custom_id {param.name!r}, "
                "which the handler requires; give the parameter a default, or add "
                "the input to the modal."
            )
        return param.default
    item = _list_item(param.annotation)
    if isinstance(submitted, list) and item is not None and item is not str:
        return [_entity(item, value, resolved, param.name) for value in submitted]
    return submitted


def _list_item(annotation: object) -> object | None:
    annotation = _strip_optional(annotation)
    # get_origin() gives collections.abc.Sequence for typing.Sequence[X] too.
    if typing.get_origin(annotation) in (list, Sequence, tuple):
        args = typing.get_args(annotation)
        return args[0] if args else str
    return None


def _strip_optional(annotation: object) -> object:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _entity(
    item: object, value: str, resolved: ResolvedData | None, name: str
) -> object:
    key = int(value)
    data = resolved or ResolvedData()
    for kind in _kinds(item):
        found = _lookup(kind, key, data)
        if found is not None:
            return found
    raise DecodeError(
        f"Value {value} of {name!r} is not among the interaction's resolved objects."
    )


def _kinds(item: object) -> list[object]:
    if typing.get_origin(item) in (typing.Union, types.UnionType):
        return list(typing.get_args(item))
    if item not in _ENTITIES:
        raise DeclarationError(
            f"Cannot convert select values to {item!r}: use str, User, Member, Role, "
            "PartialChannel or Attachment."
        )
    return [item]


def _lookup(kind: object, key: int, data: ResolvedData) -> object | None:
    if kind is Member:
        member = data.members.get(key)
        if member is None:
            return None
        return msgspec.structs.replace(member, user=member.user or data.users.get(key))
    table: Mapping[int, object] = getattr(data, _ENTITIES.get(kind, ""), {})
    return table.get(key)
