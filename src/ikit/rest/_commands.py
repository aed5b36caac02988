"""Application command endpoints, global or (with ``guild_id``) for one guild."""

from __future__ import annotations

from collections.abc import Sequence

from ikit.models import ApplicationCommand
from ikit.rest._http import HTTPCore
from ikit.rest._routes import Route

__all__ = ["CommandEndpoints"]

_GLOBAL = "/applications/{application_id}/commands"
_GUILD = "/applications/{application_id}/guilds/{guild_id}/commands"


class CommandEndpoints(HTTPCore):
    """Reading and writing the app's commands.

    Each method works on global commands, or on one guild's with ``guild_id``.
    """

    async def get_commands(
        self,
        application_id: int,
        *,
        guild_id: int | None = None,
        with_localizations: bool = False,
    ) -> list[ApplicationCommand]:
        """Every command; ``with_localizations`` returns the full localization maps."""
        return await self.request(
            "GET",
            _commands(application_id, guild_id),
            params={"with_localizations": with_localizations},
            response_type=list[ApplicationCommand],
        )

    async def create_command(
        self,
        application_id: int,
        command: ApplicationCommand,
        *,
        guild_id: int | None = None,
    ) -> ApplicationCommand:
        """Create a command, or replace the one with the same name and type.

        Counts toward the 200 creates per day per guild when the command is new.
        """
        # An upsert by name: sending it twice leaves one command.
        return await self.request(
            "POST",
            _commands(application_id, guild_id),
            json=command,
            idempotent=True,
            response_type=ApplicationCommand,
        )

    async def edit_command(
        self,
        application_id: int,
        command_id: int,
        changes: ApplicationCommand,
        *,
        guild_id: int | None = None,
    ) -> ApplicationCommand:
        """Change a command: the fields ``changes`` sets are sent, the rest kept.

        A field left at None is not sent, so this cannot clear one; a bulk
        overwrite can.
        """
        return await self.request(
            "PATCH",
            _command(application_id, guild_id, command_id),
            json=changes,
            response_type=ApplicationCommand,
        )

    async def delete_command(
        self, application_id: int, command_id: int, *, guild_id: int | None = None
    ) -> None:
        await self.request("DELETE", _command(application_id, guild_id, command_id))

    async def bulk_overwrite_commands(
        self,
        application_id: int,
        commands: Sequence[ApplicationCommand],
        *,
        guild_id: int | None = None,
    ) -> list[ApplicationCommand]:
        """Replace every command (of every type) with ``commands``."""
        return await self.request(
            "PUT",
            _commands(application_id, guild_id),
            json=list(commands),
            response_type=list[ApplicationCommand],
        )


def _commands(application_id: int, guild_id: int | None) -> Route:
    if guild_id is None:
        return Route(_GLOBAL, application_id=application_id)

    return Route(_GUILD, application_id=application_id, guild_id=guild_id)


def _command(application_id: int, guild_id: int | None, command_id: int) -> Route:
    if guild_id is None:
        return Route(
            _GLOBAL + "/{command_id}",
            application_id=application_id,
            command_id=command_id,
        )

    return Route(
        _GUILD + "/{command_id}",
        application_id=application_id,
        guild_id=guild_id,
        command_id=command_id,
    )
