"""Slash commands and subcommands: a handler whose parameters are the options."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, ParamSpec, TypeVar, cast

from ikit.commands._access import Access, Texts, check_invoked, check_size
from ikit.commands._handler import HandlerInfo, read_handler, where
from ikit.commands._invoke import (
    AutocompleteInvocation,
    Invocation,
    Place,
    autocomplete_arguments,
    keyword_arguments,
)
from ikit.commands._options import (
    AutocompleteHandler,
    OptionSpec,
    option_from_parameter,
)
from ikit.commands._rules import (
    RuleBroken,
    chat_name_problem,
    declaring,
    field_size,
)
from ikit.errors import DeclarationError
from ikit.models.commands import ApplicationCommand, ApplicationCommandOption
from ikit.models.enums import (
    ApplicationCommandOptionType,
    ApplicationCommandType,
)
from ikit.models.interactions import (
    ApplicationCommandData,
    CommandInteractionOption,
    ResolvedData,
)

if TYPE_CHECKING:
    from ikit.commands._groups import Group, SubcommandGroup, _Branch

__all__ = ["SlashCommand", "SubCommand"]

P = ParamSpec("P")
T = TypeVar("T", bound=Awaitable[Any])
A = TypeVar("A", bound=AutocompleteHandler)

MAX_OPTIONS = 25


class _Leaf(Generic[P, T]):
    """A handler and the options its parameters declare."""

    __slots__ = ("_options", "handler", "texts")

    def __init__(
        self,
        handler: Callable[P, T],
        *,
        name: str | None,
        description: str | None,
        name_localizations: Mapping[str, str] | None,
        description_localizations: Mapping[str, str] | None,
    ) -> None:
        info = read_handler(handler)
        self.handler = handler
        self.texts = Texts(
            name=name or handler.__name__,
            description=description or info.doc.summary or name or handler.__name__,
            name_localizations=name_localizations,
            description_localizations=description_localizations,
        )
        with declaring(where(handler)):
            self.texts.check(chat_name_problem)
        self._options = _options_of(handler, info)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> T:
        return self.handler(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} -> {where(self.handler)}>"

    @property
    def name(self) -> str:
        return self.texts.name

    @property
    def description(self) -> str:
        return self.texts.description

    @property
    def options(self) -> tuple[OptionSpec, ...]:
        """The options, in the order Discord shows them."""
        return self._options

    def option(self, name: str) -> OptionSpec:
        """An option by its name, or by the name of its parameter."""
        for spec in self._options:
            if name in (spec.name, spec.param):
                return spec

        known = ", ".join(repr(s.name) for s in self._options) or "none"
        raise DeclarationError(
            f"{where(self.handler)} has no option {name!r} (its options: {known})"
        )

    def set_autocomplete(self, option: str, handler: AutocompleteHandler) -> None:
        """Suggest values for ``option`` (a str, int or float option without
        choices) with ``handler`` as the user types."""
        spec = self.option(option)
        with declaring(where(self.handler, spec.param)):
            updated = spec.with_autocomplete(handler)
        self._options = tuple(updated if s is spec else s for s in self._options)

    def autocomplete(self, option: str) -> Callable[[A], A]:
        """Decorator form of :meth:`set_autocomplete`; returns the handler."""

        def register(handler: A) -> A:
            self.set_autocomplete(option, handler)
            return handler

        return register

    def _option_models(self) -> list[ApplicationCommandOption] | None:
        return [spec.to_model() for spec in self._options] or None

    def _size(self) -> int:
        texts = self.texts
        own = field_size(texts.name, texts.name_localizations) + field_size(
            texts.description, texts.description_localizations
        )
        return own + sum(spec.size() for spec in self._options)

    def _invocation(
        self,
        given: Sequence[CommandInteractionOption],
        data: ApplicationCommandData,
        place: Place,
    ) -> Invocation:
        resolved = _resolved(data)
        kwargs = keyword_arguments(self._options, given, resolved, place)
        return Invocation(self.handler, kwargs)

    def _autocomplete(
        self,
        given: Sequence[CommandInteractionOption],
        data: ApplicationCommandData,
        place: Place,
    ) -> AutocompleteInvocation:
        return autocomplete_arguments(self._options, given, _resolved(data), place)


class SlashCommand(_Leaf[P, T]):
    """A top-level slash command whose handler takes the options.

    ``SlashCommand(poll)`` reads the name from the function, the description from
    the docstring's first paragraph, and one option per parameter after the
    context. Every rule Discord would enforce is checked here, and a broken one
    raises :class:`ikit.errors.DeclarationError` naming the function and
    parameter.
    """

    __slots__ = ("access",)
    type: ClassVar[ApplicationCommandType] = ApplicationCommandType.CHAT_INPUT

    def __init__(
        self,
        handler: Callable[P, T],
        *,
        name: str | None = None,
        description: str | None = None,
        name_localizations: Mapping[str, str] | None = None,
        description_localizations: Mapping[str, str] | None = None,
        default_member_permissions: int | None = None,
        contexts: Iterable[int] | None = None,
        integration_types: Iterable[int] | None = None,
        nsfw: bool = False,
    ) -> None:
        super().__init__(
            handler,
            name=name,
            description=description,
            name_localizations=name_localizations,
            description_localizations=description_localizations,
        )
        with declaring(where(handler)):
            self.access = Access.of(
                default_member_permissions, contexts, integration_types, nsfw
            )
            check_size(f"/{self.name}", self._size())

    def resolve(self, data: ApplicationCommandData) -> Invocation:
        """The handler and its keyword arguments for an invocation of this command.

        Raises :class:`ikit.errors.DecodeError` when the options Discord sent do not
        fit the declaration.
        """
        check_invoked(data, self.type, self.name)
        return self._invocation(data.options or [], data, self._place())

    def resolve_autocomplete(
        self, data: ApplicationCommandData
    ) -> AutocompleteInvocation:
        """The autocomplete handler of the focused option, its partial value, and
        the other options filled so far."""
        check_invoked(data, self.type, self.name)
        return self._autocomplete(data.options or [], data, self._place())

    def to_model(self) -> ApplicationCommand:
        """The command as Discord's bulk overwrite takes it."""
        return ApplicationCommand(
            type=self.type,
            options=self._option_models(),
            **self.texts.fields(),
            **self.access.fields(),
        )

    def _place(self) -> Place:
        return Place(f"/{self.name}", "$.data.options")


class SubCommand(_Leaf[P, T]):
    """A subcommand of a :class:`Group` or :class:`SubcommandGroup`; made by their
    ``command`` decorator."""

    __slots__ = ("_parent",)

    def __init__(
        self,
        handler: Callable[P, T],
        *,
        parent: _Branch,
        name: str | None = None,
        description: str | None = None,
        name_localizations: Mapping[str, str] | None = None,
        description_localizations: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(
            handler,
            name=name,
            description=description,
            name_localizations=name_localizations,
            description_localizations=description_localizations,
        )
        self._parent = parent

    @property
    def parent(self) -> Group | SubcommandGroup:
        """The group or subcommand group this subcommand belongs to."""
        return cast("Group | SubcommandGroup", self._parent)

    def to_option(self) -> ApplicationCommandOption:
        """The subcommand as an option of its parent."""
        return ApplicationCommandOption(
            type=ApplicationCommandOptionType.SUB_COMMAND,
            options=self._option_models(),
            **self.texts.fields(),
        )


def _options_of(
    handler: Callable[..., Any], info: HandlerInfo
) -> tuple[OptionSpec, ...]:
    specs = []
    for param in info.params:
        with declaring(where(handler, param.name)):
            doc = info.doc.params.get(param.name)
            specs.append(option_from_parameter(param, info.hints[param.name], doc))

    with declaring(where(handler)):
        _check_options(specs)

    return tuple(specs)


def _check_options(specs: list[OptionSpec]) -> None:
    if len(specs) > MAX_OPTIONS:
        raise RuleBroken(
            f"a command has at most {MAX_OPTIONS} options, got {len(specs)}"
        )

    names = [spec.name for spec in specs]
    for spec in specs:
        if names.count(spec.name) > 1:
            raise RuleBroken(f"two options are named {spec.name!r}")
        clash = set((spec.name_localizations or {}).values()) & (
            set(names) - {spec.name}
        )
        if clash:
            raise RuleBroken(
                f"a localized name of option {spec.name!r} is the name of option "
                f"{clash.pop()!r}"
            )

    _check_required_first(specs)


def _check_required_first(specs: list[OptionSpec]) -> None:
    # Python lets a required keyword-only parameter follow one with a default.
    optional: OptionSpec | None = None
    for spec in specs:
        if not spec.required:
            optional = optional or spec
        elif optional is not None:
            raise RuleBroken(
                f"required option {spec.name!r} comes after optional option "
                f"{optional.name!r}; Discord lists required options first, so "
                f"declare {spec.param!r} before {optional.param!r}"
            )


def _resolved(data: ApplicationCommandData) -> ResolvedData:
    return data.resolved or ResolvedData()
