"""Endpoints for the resources an interactions app touches besides interactions:
channel messages, DMs, guild members and roles, and the application itself."""

from __future__ import annotations

from collections.abc import Sequence

from ikit.models import (
    Application,
    ApplicationEdit,
    Member,
    Message,
    MessageEdit,
    MessagePayload,
    PartialChannel,
    Role,
)
from ikit.rest._http import HTTPCore
from ikit.rest._multipart import File
from ikit.rest._routes import Route

__all__ = ["ResourceEndpoints"]

_MESSAGES = "/channels/{channel_id}/messages"
_MESSAGE = _MESSAGES + "/{message_id}"
_APPLICATION = "/applications/@me"


class ResourceEndpoints(HTTPCore):
    """Messages in channels, DMs, members, roles and the current application."""

    async def create_message(
        self, channel_id: int, message: MessagePayload, *, files: Sequence[File] = ()
    ) -> Message:
        """Post a message in a channel the bot can see (not retried once sent)."""
        route = Route(_MESSAGES, channel_id=channel_id)
        return await self.request(
            "POST", route, json=message, files=files, response_type=Message
        )

    async def get_message(self, channel_id: int, message_id: int) -> Message:
        route = Route(_MESSAGE, channel_id=channel_id, message_id=message_id)
        return await self.request("GET", route, response_type=Message)

    async def edit_message(
        self,
        channel_id: int,
        message_id: int,
        edit: MessageEdit,
        *,
        files: Sequence[File] = (),
    ) -> Message:
        route = Route(_MESSAGE, channel_id=channel_id, message_id=message_id)
        return await self.request(
            "PATCH", route, json=edit, files=files, response_type=Message
        )

    async def delete_message(self, channel_id: int, message_id: int) -> None:
        route = Route(_MESSAGE, channel_id=channel_id, message_id=message_id)
        await self.request("DELETE", route)

    async def create_dm(self, recipient_id: int) -> PartialChannel:
        """The DM channel with a user, opened if needed (the same one every time)."""
        return await self.request(
            "POST",
            Route("/users/@me/channels"),
            json={"recipient_id": str(recipient_id)},
            idempotent=True,
            response_type=PartialChannel,
        )

    async def get_member(self, guild_id: int, user_id: int) -> Member:
        route = Route(
            "/guilds/{guild_id}/members/{user_id}", guild_id=guild_id, user_id=user_id
        )
        return await self.request("GET", route, response_type=Member)

    async def get_roles(self, guild_id: int) -> list[Role]:
        route = Route("/guilds/{guild_id}/roles", guild_id=guild_id)
        return await self.request("GET", route, response_type=list[Role])

    async def get_current_application(self) -> Application:
        """The application of the bot token."""
        route = Route(_APPLICATION)
        return await self.request("GET", route, response_type=Application)

    async def edit_current_application(self, edit: ApplicationEdit) -> Application:
        """Change the application's settings (description, interactions URL, ...):
        the fields ``edit`` sets, and only those."""
        route = Route(_APPLICATION)
        return await self.request("PATCH", route, json=edit, response_type=Application)
