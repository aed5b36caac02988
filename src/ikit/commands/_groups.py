"""Slash commands with subcommands: ``/config set color``.

Discord's nesting rules, kept by the shape of these classes: a :class:`Group` holds
subcommands and :class:`SubcommandGroup` s; a subcommand group holds subcommands
only; a subcommand holds options only. A group has no handler, because once a
command has subcommands it cannot be invoked by itself.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, NoReturn, ParamSpec, TypeVar, overload

from ikit.commands._access import Access, Texts, check_invoked, check_size
from ikit.commands._handler import where
from ikit.commands._invoke import AutocompleteInvocation, Invocation, Place
from ikit.commands._rules import RuleBroken, chat_name_problem, declaring, field_size
from ikit.commands._slash import MAX_OPTIONS, SubCommand
from ikit.errors import DeclarationError, DecodeError
from ikit.models.commands import ApplicationCommand, ApplicationCommandOption
from ikit.models.enums import (
    ApplicationCommandOptionType,
    ApplicationCommandType,
)
from ikit.models.interactions import ApplicationCommandData, CommandInteractionOption

__all__ = ["Group", "SubcommandGroup"]

P = ParamSpec("P")
T = TypeVar("T", bound=Awaitable[Any])


class _Branch:
    """A named node whose children are subcommands (and, at the top, groups)."""

    __slots__ = ("_children", "_places", "texts")

    def __init__(
        self,
        name: str,
        description: str,
        name_localizations: Mapping[str, str] | None,
        description_localizations: Mapping[str, str] | None,
    ) -> None:
        self.texts = Texts(
            name, description, name_localizations, description_localizations
        )
        self._children: dict[str, SubCommand[..., Any] | SubcommandGroup] = {}
        # Where each child's options sit, worded once: error messages name them.
        self._places: dict[str, Place] = {}
        with declaring(f"group {name!r}"):
            self.texts.check(chat_name_problem)
            if not description:
                raise RuleBroken("a group needs a description (1-100 characters)")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} {list(self._children)}>"

    @property
    def name(self) -> str:
        return self.texts.name

    @property
    def description(self) -> str:
        return self.texts.description

    @property
    def children(self) -> tuple[SubCommand[..., Any] | SubcommandGroup, ...]:
        """The subcommands and subcommand groups, in the order declared."""
        return tuple(self._children.values())

    @overload
    def command(self, handler: Callable[P, T], /) -> SubCommand[P, T]: ...

    @overload
    def command(
        self,
        /,
        *,
        name: str | None = None,
        description: str | None = None,
        name_localizations: Mapping[str, str] | None = None,
        description_localizations: Mapping[str, str] | None = None,
    ) -> Callable[[Callable[P, T]], SubCommand[P, T]]: ...

    def command(
        self,
        handler: Callable[P, T] | None = None,
        /,
        *,
        name: str | None = None,
        description: str | None = None,
        name_localizations: Mapping[str, str] | None = None,
        description_localizations: Mapping[str, str] | None = None,
    ) -> SubCommand[P, T] | Callable[[Callable[P, T]], SubCommand[P, T]]:
        """Declare a subcommand here: ``@group.command`` or
        ``@group.command(name=..., description=...)``."""

        def declare(func: Callable[P, T]) -> SubCommand[P, T]:
            sub = SubCommand(
                func,
                parent=self,
                name=name,
                description=description,
                name_localizations=name_localizations,
                description_localizations=description_localizations,
            )
            self._add(sub, where(func))
            return sub

        return declare if handler is None else declare(handler)

    def _root(self) -> Group:
        raise NotImplementedError

    def _add(self, child: SubCommand[..., Any] | SubcommandGroup, label: str) -> None:
        with declaring(label):
            if len(self._children) >= MAX_OPTIONS:
                raise RuleBroken(
                    f"group {self.name!r} already holds {MAX_OPTIONS} subcommands and "
                    "groups, Discord's limit"
                )
            if child.name in self._children:
                raise RuleBroken(f"group {self.name!r} already has a {child.name!r}")

            self._children[child.name] = child
            try:
                root = self._root()
                check_size(f"/{root.name}", root._size())
            except RuleBroken:
                del self._children[child.name]
                raise

    def _size(self) -> int:
        texts = self.texts
        own = field_size(texts.name, texts.name_localizations) + field_size(
            texts.description, texts.description_localizations
        )
        return own + sum(child._size() for child in self._children.values())

    def _option_models(self) -> list[ApplicationCommandOption]:
        if not self._children:
            raise DeclarationError(
                f"group {self.name!r} has no subcommands; declare one with "
                f"@{self.name}.command before syncing"
            )

        return [child.to_option() for child in self._children.values()]

    def _step(
        self, given: Sequence[CommandInteractionOption], place: Place
    ) -> tuple[
        SubCommand[..., Any] | SubcommandGroup, list[CommandInteractionOption], Place
    ]:
        option = given[0] if len(given) == 1 else None
        child = self._children.get(option.name) if option else None
        if option is None or child is None or option.type != _kind(child):
            names = [o.name for o in given]
            raise DecodeError(
                f"expected one subcommand of {place.label} "
                f"({', '.join(self._children)}), got {names}; sync the commands if "
                "their declarations changed",
                path=place.json,
            )

        inner = self._places.get(child.name)
        if inner is None:
            inner = Place(f"{place.label} {child.name}", f"{place.json}[0].options")
            self._places[child.name] = inner
        return child, option.options or [], inner


class SubcommandGroup(_Branch):
    """A group of subcommands inside a :class:`Group`: ``/config admin reset``."""

    __slots__ = ("parent",)

    def __init__(
        self,
        name: str,
        description: str,
        *,
        parent: Group,
        name_localizations: Mapping[str, str] | None = None,
        description_localizations: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(
            name, description, name_localizations, description_localizations
        )
        self.parent = parent

    def group(self, name: str, *args: object, **kwargs: object) -> NoReturn:
        """Refused: Discord allows one level of subcommand groups."""
        raise DeclarationError(
            f"group {self.name!r} is a subcommand group, and Discord does not nest "
            f"groups deeper; declare {name!r} as a group of /{self.parent.name}, or "
            f"as subcommands of {self.name!r}"
        )

    def to_option(self) -> ApplicationCommandOption:
        """The group as an option of its parent."""
        return ApplicationCommandOption(
            type=ApplicationCommandOptionType.SUB_COMMAND_GROUP,
            options=self._option_models(),
            **self.texts.fields(),
        )

    def _root(self) -> Group:
        return self.parent


class Group(_Branch):
    """A top-level slash command made of subcommands: ``Group("config", "Settings")``.

    ``@config.command`` declares ``/config <name>``; ``config.group(...)`` returns a
    :class:`SubcommandGroup` whose ``command`` declares ``/config <group> <name>``.
    """

    __slots__ = ("_place", "access")
    type: ClassVar[ApplicationCommandType] = ApplicationCommandType.CHAT_INPUT

    def __init__(
        self,
        name: str,
        description: str,
        *,
        name_localizations: Mapping[str, str] | None = None,
        description_localizations: Mapping[str, str] | None = None,
        default_member_permissions: int | None = None,
        contexts: Iterable[int] | None = None,
        integration_types: Iterable[int] | None = None,
        nsfw: bool = False,
    ) -> None:
        super().__init__(
            name, description, name_localizations, description_localizations
        )
        self._place = Place(f"/{name}", "$.data.options")
        with declaring(f"group {name!r}"):
            self.access = Access.of(
                default_member_permissions, contexts, integration_types, nsfw
            )

    def group(
        self,
        name: str,
        description: str,
        *,
        name_localizations: Mapping[str, str] | None = None,
        description_localizations: Mapping[str, str] | None = None,
    ) -> SubcommandGroup:
        """Declare a subcommand group here, and return it."""
        group = SubcommandGroup(
            name,
            description,
            parent=self,
            name_localizations=name_localizations,
            description_localizations=description_localizations,
        )
        self._add(group, f"group {name!r}")
        return group

    def subcommands(self) -> Iterator[tuple[tuple[str, ...], SubCommand[..., Any]]]:
        """Every subcommand with its name path, ``("config", "admin", "reset")``."""
        for child in self._children.values():
            if isinstance(child, SubCommand):
                yield (self.name, child.name), child
            else:
                for sub in child.children:
                    if isinstance(sub, SubCommand):
                        yield (self.name, child.name, sub.name), sub

    def resolve(self, data: ApplicationCommandData) -> Invocation:
        """The invoked subcommand's handler and its keyword arguments.

        Raises :class:`ikit.errors.DecodeError` when the subcommand or its options
        do not fit the declaration.
        """
        sub, given, place = self._walk(data)
        return sub._invocation(given, data, place)

    def resolve_autocomplete(
        self, data: ApplicationCommandData
    ) -> AutocompleteInvocation:
        """The autocomplete handler of the focused option of the invoked subcommand,
        its partial value, and the other options filled so far."""
        sub, given, place = self._walk(data)
        return sub._autocomplete(given, data, place)

    def to_model(self) -> ApplicationCommand:
        """The command as Discord's bulk overwrite takes it."""
        return ApplicationCommand(
            type=self.type,
            options=self._option_models(),
            **self.texts.fields(),
            **self.access.fields(),
        )

    def _root(self) -> Group:
        return self

    def _walk(
        self, data: ApplicationCommandData
    ) -> tuple[SubCommand[..., Any], list[CommandInteractionOption], Place]:
        check_invoked(data, self.type, self.name)
        node: _Branch = self
        given = data.options or []
        place = self._place
        while True:
            child, given, place = node._step(given, place)
            if isinstance(child, SubCommand):
                return child, given, place
            node = child


def _kind(
    child: SubCommand[..., Any] | SubcommandGroup,
) -> ApplicationCommandOptionType:
    if isinstance(child, SubCommand):
        return ApplicationCommandOptionType.SUB_COMMAND

    return ApplicationCommandOptionType.SUB_COMMAND_GROUP
