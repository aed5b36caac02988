"""Endpoints that answer an interaction: the callback, the original response and
followups.

They are authorized by the interaction token in their path, not by the bot token, and
Discord exempts them from the global rate limit. The token is valid for 15 minutes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, overload

from ikit.models import (
    InteractionCallbackResponse,
    InteractionResponse,
    Message,
    MessageEdit,
    MessagePayload,
)
from ikit.rest._http import HTTPCore
from ikit.rest._multipart import File
from ikit.rest._routes import INTERACTION_CALLBACK, Route

__all__ = ["InteractionEndpoints"]

_WEBHOOK = "/webhooks/{application_id}/{interaction_token}"
_ORIGINAL = _WEBHOOK + "/messages/@original"
_FOLLOWUP = _WEBHOOK + "/messages/{message_id}"


class InteractionEndpoints(HTTPCore):
    """Answering interactions over REST."""

    @overload
    async def create_interaction_response(
        self,
        interaction_id: int,
        interaction_token: str,
        response: InteractionResponse,
        *,
        files: Sequence[File] = (),
        with_response: Literal[False] = False,
    ) -> None: ...

    @overload
    async def create_interaction_response(
        self,
        interaction_id: int,
        interaction_token: str,
        response: InteractionResponse,
        *,
        files: Sequence[File] = (),
        with_response: Literal[True],
    ) -> InteractionCallbackResponse: ...

    async def create_interaction_response(
        self,
        interaction_id: int,
        interaction_token: str,
        response: InteractionResponse,
        *,
        files: Sequence[File] = (),
        with_response: bool = False,
    ) -> InteractionCallbackResponse | None:
        """Send the first answer to an interaction (within 3 seconds of it).

        With ``with_response=True`` Discord returns what the answer created.
        Retrying is safe: Discord accepts one answer per interaction and refuses a
        second with code 40060, so a retry after a lost reply may end in that error.
        """
        route = Route(
            INTERACTION_CALLBACK,
            interaction_id=interaction_id,
            interaction_token=interaction_token,
        )
        return await self.request(
            "POST",
            route,
            json=response,
            files=files,
            params={"with_response": True} if with_response else None,
            idempotent=True,
            response_type=InteractionCallbackResponse if with_response else None,
        )

    async def get_original_response(
        self, application_id: int, interaction_token: str
    ) -> Message:
        """The message the first answer created."""
        route = _original(application_id, interaction_token)
        return await self.request("GET", route, response_type=Message)

    async def edit_original_response(
        self,
        application_id: int,
        interaction_token: str,
        edit: MessageEdit,
        *,
        files: Sequence[File] = (),
    ) -> Message:
        """Edit the first answer; this is how a deferred answer is completed."""
        route = _original(application_id, interaction_token)
        return await self.request(
            "PATCH", route, json=edit, files=files, response_type=Message
        )

    async def delete_original_response(
        self, application_id: int, interaction_token: str
    ) -> None:
        await self.request("DELETE", _original(application_id, interaction_token))

    async def create_followup(
        self,
        application_id: int,
        interaction_token: str,
        message: MessagePayload,
        *,
        files: Sequence[File] = (),
    ) -> Message:
        """Send another message for the interaction.

        Not retried once it may have reached Discord: a second one would be a second
        message.
        """
        route = Route(
            _WEBHOOK, application_id=application_id, interaction_token=interaction_token
        )
        return await self.request(
            "POST", route, json=message, files=files, response_type=Message
        )

    async def get_followup(
        self, application_id: int, interaction_token: str, message_id: int
    ) -> Message:
        route = _followup(application_id, interaction_token, message_id)
        return await self.request("GET", route, response_type=Message)

    async def edit_followup(
        self,
        application_id: int,
        interaction_token: str,
        message_id: int,
        edit: MessageEdit,
        *,
        files: Sequence[File] = (),
    ) -> Message:
        route = _followup(application_id, interaction_token, message_id)
        return await self.request(
            "PATCH", route, json=edit, files=files, response_type=Message
        )

    async def delete_followup(
        self, application_id: int, interaction_token: str, message_id: int
    ) -> None:
        route = _followup(application_id, interaction_token, message_id)
        await self.request("DELETE", route)


def _original(application_id: int, interaction_token: str) -> Route:
    return Route(
        _ORIGINAL, application_id=application_id, interaction_token=interaction_token
    )


def _followup(application_id: int, interaction_token: str, message_id: int) -> Route:
    return Route(
        _FOLLOWUP,
        application_id=application_id,
        interaction_token=interaction_token,
        message_id=message_id,
    )
