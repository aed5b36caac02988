"""Context-menu commands: right-click a user or a message, pick an app command.

The handler takes the context and one more parameter, the target, whose annotation
says what the handler receives: ``User``, ``Member`` (the member with its user
filled in), ``Member | User`` (the member when the interaction carries one), or
``Message``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any, ClassVar, Generic, ParamSpec, TypeVar

from ikit.commands import _convert as convert
from ikit.commands._access import Access, Texts, check_invoked
from ikit.commands._handler import read_handler, where
from ikit.commands._invoke import Invocation
from ikit.commands._rules import RuleBroken, declaring, menu_name_problem
from ikit.errors import DecodeError
from ikit.models.commands import ApplicationCommand
from ikit.models.enums import (
    ApplicationCommandType,
)
from ikit.models.interactions import ApplicationCommandData, ResolvedData
from ikit.models.messages import Message
from ikit.models.users import Member, User

__all__ = ["MessageCommand", "UserCommand"]

P = ParamSpec("P")
T = TypeVar("T", bound=Awaitable[Any])


class _MenuCommand(Generic[P, T]):
    """A handler of the context and a target: a user or a message."""

    __slots__ = ("_convert", "access", "handler", "target", "texts")
    type: ClassVar[ApplicationCommandType]
    #: Annotations the target may have, and how each converts.
    _targets: ClassVar[dict[object, convert.Converter]]
    _expected: ClassVar[str]

    def __init__(
        self,
        handler: Callable[P, T],
        *,
        name: str | None = None,
        name_localizations: Mapping[str, str] | None = None,
        default_member_permissions: int | None = None,
        contexts: Iterable[int] | None = None,
        integration_types: Iterable[int] | None = None,
        nsfw: bool = False,
    ) -> None:
        info = read_handler(handler)
        self.handler = handler
        self.texts = Texts(name or handler.__name__, "", name_localizations)
        with declaring(where(handler)):
            self.texts.check(menu_name_problem)
            self.access = Access.of(
                default_member_permissions, contexts, integration_types, nsfw
            )
            if len(info.params) != 1:
                raise RuleBroken(
                    f"a {self._kind()} handler takes the context and one target "
                    f"parameter ({self._expected}), got {len(info.params)} after the "
                    "context"
                )

        self.target = info.params[0].name
        with declaring(where(handler, self.target)):
            self._convert = self._converter(info.hints[self.target])

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> T:
        return self.handler(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} -> {where(self.handler)}>"

    @property
    def name(self) -> str:
        return self.texts.name

    def resolve(self, data: ApplicationCommandData) -> Invocation:
        """The handler and its target, found in the resolved data by ``target_id``.

        Raises :class:`ikit.errors.DecodeError` when the target is missing.
        """
        check_invoked(data, self.type, self.name)
        resolved = data.resolved or ResolvedData()
        target = str(data.target_id) if data.target_id is not None else None
        try:
            value = self._convert(target, resolved)
        except convert.Mismatch as error:
            raise DecodeError(
                f"the target of the {self._kind()} {self.name!r}: expected "
                f"{error.expected}, got {target!r}",
                path="$.data.target_id",
            ) from None

        return Invocation(self.handler, {self.target: value})

    def to_model(self) -> ApplicationCommand:
        """The command as Discord's bulk overwrite takes it."""
        return ApplicationCommand(
            type=self.type,
            name=self.name,
            description="",
            name_localizations=self.texts.fields()["name_localizations"],
            **self.access.fields(),
        )

    @classmethod
    def _converter(cls, hint: object) -> convert.Converter:
        for annotation, converter in cls._targets.items():
            if hint == annotation:
                return converter

        raise RuleBroken(
            f"the target of a {cls._kind()} must be annotated {cls._expected}, "
            f"got {hint!r}"
        )

    @classmethod
    def _kind(cls) -> str:
        return f"{cls.type.name.lower()} command"


class UserCommand(_MenuCommand[P, T]):
    """A command in a user's context menu; the handler receives the user."""

    __slots__ = ()
    type = ApplicationCommandType.USER
    _targets: ClassVar[dict[object, convert.Converter]] = {
        User: convert.user,
        Member: convert.member,
        Member | User: convert.member_or_user,
    }
    _expected = "User, Member or Member | User"


class MessageCommand(_MenuCommand[P, T]):
    """A command in a message's context menu; the handler receives the message."""

    __slots__ = ()
    type = ApplicationCommandType.MESSAGE
    _targets: ClassVar[dict[object, convert.Converter]] = {Message: convert.message}
    _expected = "Message"
