"""Route: one template with typed parameters, which builds and parses custom_ids.

The grammar, the escaping and the rules a route keeps are described atop
``_template.py``; the converters live in ``_convert.py``.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from ikit.errors import CustomIdError, DeclarationError
from ikit.routing._convert import (
    Converter,
    UnsupportedAnnotation,
    converter_for,
    describe,
)
from ikit.routing._template import (
    MAX_LENGTH,
    SEPARATOR,
    EscapeError,
    Template,
    parse_template,
)

__all__ = ["Route"]

# Long custom_ids are cut short in error messages.
_SHOWN_CHARS = 60
_KEYWORD_KINDS = (
    inspect.Parameter.POSITIONAL_OR_KEYWORD,
    inspect.Parameter.KEYWORD_ONLY,
)


@dataclass(frozen=True, slots=True)
class _Param:
    name: str
    position: int
    annotation: object
    converter: Converter


class Route:
    """A custom_id template whose parameters have types.

    ``Route("vote/{poll_id}/{choice}", {"poll_id": int, "choice": str})`` builds
    ``"vote/7/yes"`` from ``build(poll_id=7, choice="yes")`` and parses it back to
    ``{"poll_id": 7, "choice": "yes"}``. Use :meth:`from_handler` to take the types
    from a handler's annotations.
    """

    __slots__ = ("_params", "_template")

    def __init__(
        self, template: str, types: Mapping[str, object] | None = None
    ) -> None:
        self._template = parse_template(template)
        self._params = _params(self._template, types or {})

    @classmethod
    def from_handler(
        cls,
        template: str,
        handler: Callable[..., Any],
        *,
        exclude: Collection[str] = (),
    ) -> Route:
        """A route whose parameter types are ``handler``'s annotations.

        The handler's first parameter (the context) is skipped. Every template
        parameter must be a parameter of the handler, and every other handler
        parameter needs a default, unless it is named in ``exclude`` because the app
        supplies it by other means (select values, modal fields).
        """
        parsed = parse_template(template)
        return cls(template, _handler_types(parsed, handler, frozenset(exclude)))

    @property
    def template(self) -> str:
        """The template this route was declared with."""
        return self._template.text

    @property
    def names(self) -> tuple[str, ...]:
        """The parameter names, in template order."""
        return self._template.names

    @property
    def types(self) -> Mapping[str, object]:
        """Each parameter's annotation, as declared."""
        return {param.name: param.annotation for param in self._params}

    def __repr__(self) -> str:
        return f"Route({self.template!r})"

    def build(self, **values: object) -> str:
        """The custom_id for these parameter values.

        Raise :class:`~ikit.errors.CustomIdError` when a value is missing, unknown or
        of the wrong type, or when the custom_id would exceed Discord's limit.
        """
        self._check_names(values)
        texts = {
            param.name: self._encode(param, values[param.name])
            for param in self._params
        }
        # The template itself, with each {name} segment replaced by its value.
        segments = self._template.text.split(SEPARATOR)
        for param in self._params:
            segments[param.position] = texts[param.name]

        custom_id = SEPARATOR.join(segments)
        self._check_length(custom_id, texts)

        return custom_id

    def parse(self, custom_id: str) -> dict[str, object] | None:
        """The parameter values in ``custom_id``, or None when it is not this route's.

        A custom_id whose literal segments and length fit this route but whose values
        do not convert raises :class:`~ikit.errors.CustomIdError`: no other route can
        claim it, so it was altered, forged, or built by an older version of the
        handler (see "Versioning" in the package docstring).
        """
        segments = custom_id.split(SEPARATOR)
        if not self._template.fits(segments):
            return None

        return self.values(custom_id, segments)

    def values(self, custom_id: str, segments: list[str]) -> dict[str, object]:
        """The parameter values of a custom_id already split, whose length and
        literals are known to fit (the route table's keys check both)."""
        return {
            param.name: self._decode(custom_id, param, segments[param.position])
            for param in self._params
        }

    def _check_names(self, values: Mapping[str, object]) -> None:
        for name in values:
            if name not in self.names:
                raise CustomIdError(
                    f"route {self.template!r} has no parameter {name!r}; its "
                    f"parameters are {_listed(self.names)}"
                )

        for name in self.names:
            if name not in values:
                raise CustomIdError(
                    f"route {self.template!r} needs a value for parameter {name!r}"
                )

    def _encode(self, param: _Param, value: object) -> str:
        if not param.converter.accepts(value):
            raise CustomIdError(
                f"route {self.template!r}: parameter {param.name!r} must be "
                f"{param.converter.name}, got {value!r}"
            )

        return param.converter.encode(value)

    def _decode(self, custom_id: str, param: _Param, text: str) -> object:
        try:
            return param.converter.parse(text)
        except EscapeError as error:
            raise CustomIdError(
                f"custom_id {_shown(custom_id)} has a malformed escape in parameter "
                f"{param.name!r} of route {self.template!r}: {error}"
            ) from None
        except ValueError:
            raise CustomIdError(
                f"custom_id {_shown(custom_id)} does not fit route {self.template!r}: "
                f"parameter {param.name!r} expected {param.converter.expected}, "
                f"got {text!r}"
            ) from None

    def _check_length(self, custom_id: str, texts: Mapping[str, str]) -> None:
        if len(custom_id) <= MAX_LENGTH:
            return

        longest = max(texts, key=lambda name: len(texts[name]), default=None)
        culprit = (
            f"; parameter {longest!r} takes {len(texts[longest])} of them"
            if longest is not None
            else ""
        )
        raise CustomIdError(
            f"custom_id {_shown(custom_id)} of route {self.template!r} is "
            f"{len(custom_id)} characters, over Discord's limit of {MAX_LENGTH}"
            f"{culprit}. Pass shorter values, shorten the template's literals, or "
            "keep the data elsewhere and put only its key in the custom_id"
        )


def _params(template: Template, types: Mapping[str, object]) -> tuple[_Param, ...]:
    extra = [name for name in types if name not in template.names]
    if extra:
        raise DeclarationError(
            f"route {template.text!r} has no parameter {extra[0]!r}; its parameters "
            f"are {_listed(template.names)}"
        )

    return tuple(
        _param(template, position, name, types) for position, name in template.params
    )


def _param(
    template: Template, position: int, name: str, types: Mapping[str, object]
) -> _Param:
    if name not in types:
        raise DeclarationError(
            f"route {template.text!r}: parameter {name!r} has no type; give it one"
        )

    annotation = types[name]
    try:
        converter = converter_for(annotation)
    except UnsupportedAnnotation as error:
        raise DeclarationError(
            f"route {template.text!r}: parameter {name!r} is annotated "
            f"{describe(annotation)}, which routes cannot convert; {error}"
        ) from None

    return _Param(name, position, annotation, converter)


def _handler_types(
    template: Template, handler: Callable[..., Any], exclude: frozenset[str]
) -> dict[str, object]:
    label = f"handler {_handler_name(handler)} of route {template.text!r}"
    params = _handler_params(label, handler)
    _check_exclude(label, template, params, exclude)
    _check_required(label, template, params, exclude)
    hints = _hints(label, handler)

    return {name: _annotation(label, params, hints, name) for name in template.names}


def _handler_params(
    label: str, handler: Callable[..., Any]
) -> dict[str, inspect.Parameter]:
    try:
        signature = inspect.signature(handler)
    except (TypeError, ValueError) as error:
        raise DeclarationError(
            f"cannot read the signature of {label}: {error}"
        ) from None

    params = list(signature.parameters.values())
    if not params:
        raise DeclarationError(f"{label} must take the context as its first parameter")

    # The first parameter receives the context, never a route value.
    return {param.name: param for param in params[1:]}


def _check_exclude(
    label: str,
    template: Template,
    params: Mapping[str, inspect.Parameter],
    exclude: frozenset[str],
) -> None:
    for name in sorted(exclude):
        if name in template.names:
            raise DeclarationError(
                f"{label}: parameter {name!r} is in the template and in exclude=; "
                "remove it from one of them"
            )
        if name not in params:
            raise DeclarationError(
                f"{label}: exclude= names {name!r}, which is not a parameter of the "
                "handler"
            )


def _check_required(
    label: str,
    template: Template,
    params: Mapping[str, inspect.Parameter],
    exclude: frozenset[str],
) -> None:
    for name, param in params.items():
        supplied = name in template.names or name in exclude
        variadic = param.kind not in (
            *_KEYWORD_KINDS,
            inspect.Parameter.POSITIONAL_ONLY,
        )
        if supplied or variadic or param.default is not inspect.Parameter.empty:
            continue

        raise DeclarationError(
            f"{label}: parameter {name!r} is not in the template and has no default; "
            f"add {{{name}}} to the template, give it a default, or name it in "
            "exclude= if the app supplies it (select values, modal fields)"
        )


def _hints(label: str, handler: Callable[..., Any]) -> dict[str, object]:
    try:
        hints: dict[str, object] = typing.get_type_hints(handler, include_extras=True)
    except (NameError, TypeError, AttributeError, SyntaxError) as error:
        # An annotation that cannot be evaluated (a forward reference to a name
        # defined later, a typo): say so at declaration, not at the first click.
        raise DeclarationError(
            f"cannot evaluate the annotations of {label}: {error}"
        ) from error

    return hints


def _annotation(
    label: str,
    params: Mapping[str, inspect.Parameter],
    hints: Mapping[str, object],
    name: str,
) -> object:
    if name not in params:
        raise DeclarationError(
            f"{label}: template parameter {name!r} is not a parameter of the handler"
        )
    if params[name].kind not in _KEYWORD_KINDS:
        raise DeclarationError(
            f"{label}: parameter {name!r} must be passable by keyword"
        )
    if name not in hints:
        raise DeclarationError(f"{label}: parameter {name!r} has no annotation")

    return hints[name]


def _handler_name(handler: Callable[..., Any]) -> str:
    return str(getattr(handler, "__qualname__", repr(handler)))


def _listed(names: tuple[str, ...]) -> str:
    return ", ".join(repr(name) for name in names) if names else "none"


def _shown(custom_id: str) -> str:
    if len(custom_id) <= _SHOWN_CHARS:
        return repr(custom_id)

    return repr(custom_id[:_SHOWN_CHARS]) + "..."
