"""The commands of one scope (global, or one guild), and how an interaction finds
its command."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

from ikit.commands._groups import Group
from ikit.commands._handler import where
from ikit.commands._invoke import AutocompleteInvocation, Invocation
from ikit.commands._menus import MessageCommand, UserCommand
from ikit.commands._rules import RuleBroken, declaring
from ikit.commands._slash import SlashCommand
from ikit.errors import DecodeError
from ikit.models.commands import ApplicationCommand
from ikit.models.enums import ApplicationCommandType
from ikit.models.interactions import ApplicationCommandData

__all__ = ["LIMITS", "Command", "CommandRegistry"]

Command = (
    SlashCommand[..., Any] | Group | UserCommand[..., Any] | MessageCommand[..., Any]
)
"""Anything a registry holds: one top-level command of any type."""

C = TypeVar("C", bound=Command)

#: How many commands of each type Discord allows per app, per scope.
LIMITS = {
    ApplicationCommandType.CHAT_INPUT: 100,
    ApplicationCommandType.USER: 15,
    ApplicationCommandType.MESSAGE: 15,
}
_NOUNS = {
    ApplicationCommandType.CHAT_INPUT: "slash command",
    ApplicationCommandType.USER: "user command",
    ApplicationCommandType.MESSAGE: "message command",
}


class CommandRegistry:
    """The commands of one scope, unique by type and name, within Discord's limits.

    ``add`` checks the limits when a command is declared; ``resolve`` finds the
    command of an incoming interaction and converts its options; ``to_models``
    gives what a bulk overwrite sends.
    """

    __slots__ = ("_commands",)

    def __init__(self) -> None:
        self._commands: dict[tuple[ApplicationCommandType, str], Command] = {}

    def __iter__(self) -> Iterator[Command]:
        return iter(self._commands.values())

    def __len__(self) -> int:
        return len(self._commands)

    def __repr__(self) -> str:
        return f"<CommandRegistry {len(self)} commands>"

    def add(self, command: C) -> C:
        """Register ``command``; raises DeclarationError past Discord's limits."""
        key = (command.type, command.name)
        with declaring(_label(command)):
            if key in self._commands:
                raise RuleBroken(
                    f"a {_NOUNS[command.type]} named {command.name!r} is already "
                    f"declared ({_label(self._commands[key])})"
                )
            count = sum(1 for kind, _ in self._commands if kind == command.type)
            if count >= LIMITS[command.type]:
                raise RuleBroken(
                    f"Discord allows {LIMITS[command.type]} {_NOUNS[command.type]}s "
                    "per app and scope, and that many are declared"
                )

        self._commands[key] = command
        return command

    def get(self, type: ApplicationCommandType, name: str) -> Command | None:
        """The command of this type and name, if declared."""
        return self._commands.get((type, name))

    def find(self, data: ApplicationCommandData) -> Command | None:
        """The command an interaction invokes, if declared."""
        return self.get(data.type, data.name)

    def resolve(self, data: ApplicationCommandData) -> Invocation:
        """The handler and keyword arguments for an application command
        interaction; raises DecodeError for a command not declared here."""
        return self._require(data).resolve(data)

    def resolve_autocomplete(
        self, data: ApplicationCommandData
    ) -> AutocompleteInvocation:
        """The autocomplete handler, partial value and filled options for an
        autocomplete interaction."""
        command = self._require(data)
        if isinstance(command, UserCommand | MessageCommand):
            raise DecodeError(
                f"the {_NOUNS[command.type]} {command.name!r} has no options to "
                "autocomplete",
                path="$.data.type",
            )

        return command.resolve_autocomplete(data)

    def to_models(self) -> list[ApplicationCommand]:
        """Every command as Discord's bulk overwrite takes them."""
        return [command.to_model() for command in self._commands.values()]

    def _require(self, data: ApplicationCommandData) -> Command:
        command = self.find(data)
        if command is None:
            noun = _NOUNS.get(data.type, f"{data.type.name} command")
            raise DecodeError(
                f"no {noun} named {data.name!r} is declared; sync the commands if "
                "their declarations changed",
                path="$.data.name",
            )

        return command


def _label(command: Command) -> str:
    if isinstance(command, Group):
        return f"group {command.name!r}"

    return where(command.handler)
