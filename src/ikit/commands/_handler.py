"""Reading a handler: its parameters after the context, their types, its docstring."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ikit.commands._docstring import Docstring, parse_docstring
from ikit.commands._rules import RuleBroken, declaring

__all__ = ["HandlerInfo", "read_handler", "where"]

_KEYWORD_KINDS = (
    inspect.Parameter.POSITIONAL_OR_KEYWORD,
    inspect.Parameter.KEYWORD_ONLY,
)


@dataclass(frozen=True, slots=True)
class HandlerInfo:
    """A handler's parameters after the first (the context), with their types."""

    params: tuple[inspect.Parameter, ...]
    hints: Mapping[str, object]
    doc: Docstring


def where(handler: Callable[..., Any], param: str | None = None) -> str:
    """How an error names a handler, and a parameter of it."""
    name = f"{getattr(handler, '__qualname__', repr(handler))}()"
    return name if param is None else f"{name}, parameter {param!r}"


def read_handler(handler: Callable[..., Any]) -> HandlerInfo:
    """The parameters a handler declares; raises DeclarationError."""
    with declaring(where(handler)):
        if not inspect.iscoroutinefunction(handler):
            raise RuleBroken("a command handler must be an async function (async def)")
        params = _params_after_context(handler)
        hints = _hints(handler)

    for param in params:
        with declaring(where(handler, param.name)):
            _check_param(param, hints)

    return HandlerInfo(params, hints, parse_docstring(handler.__doc__))


def _params_after_context(handler: Callable[..., Any]) -> tuple[inspect.Parameter, ...]:
    params = tuple(inspect.signature(handler).parameters.values())
    if not params or params[0].kind not in (
        inspect.Parameter.POSITIONAL_ONLY,
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
    ):
        raise RuleBroken("a command handler takes the context as its first parameter")

    return params[1:]


def _hints(handler: Callable[..., Any]) -> dict[str, object]:
    try:
        return typing.get_type_hints(handler, include_extras=True)
    except (NameError, TypeError) as error:
        raise RuleBroken(
            f"its annotations cannot be evaluated ({error}); import the names they "
            "use at module level"
        ) from None


def _check_param(param: inspect.Parameter, hints: Mapping[str, object]) -> None:
    if param.kind not in _KEYWORD_KINDS:
        raise RuleBroken(
            "options are passed by keyword, so *args, **kwargs and positional-only "
            "parameters cannot receive them"
        )
    if param.name not in hints:
        raise RuleBroken("the parameter needs a type annotation to become an option")
