"""Interaction responses (callbacks), as a union tagged by ``type``.

Which response each interaction allows (checked by the App, and by ikit.testing):

======================  =====================================================
interaction             allowed responses
======================  =====================================================
PING                    PONG
APPLICATION_COMMAND     message, deferred message, modal, launch activity
MESSAGE_COMPONENT       message, deferred message, update, deferred update,
                        modal, launch activity
AUTOCOMPLETE            autocomplete result
MODAL_SUBMIT            message, deferred message, update and deferred update
                        (when the modal came from a component), launch activity
======================  =====================================================
"""

from __future__ import annotations

from typing import ClassVar

from ikit.models._base import Model, Snowflake
from ikit.models.commands import ApplicationCommandOptionChoice
from ikit.models.components import ModalComponent
from ikit.models.enums import InteractionCallbackType, InteractionType
from ikit.models.flags import MessageFlags
from ikit.models.messages import Message, MessagePayload

__all__ = [
    "AutocompleteResponse",
    "AutocompleteResult",
    "DeferredMessageData",
    "DeferredMessageResponse",
    "DeferredUpdateResponse",
    "InteractionCallback",
    "InteractionCallbackResource",
    "InteractionCallbackResponse",
    "InteractionResponse",
    "LaunchActivityResponse",
    "MessageResponse",
    "Modal",
    "ModalResponse",
    "PongResponse",
    "PremiumRequiredResponse",
    "ResponseBase",
    "UpdateMessageResponse",
]


class ResponseBase(Model, tag_field="type", kw_only=True):
    """Base of every interaction response."""


class PongResponse(ResponseBase, tag=1, kw_only=True):
    type: ClassVar[InteractionCallbackType] = InteractionCallbackType.PONG


class MessageResponse(ResponseBase, tag=4, kw_only=True):
    """Answer with a new message."""

    type: ClassVar[InteractionCallbackType] = (
        InteractionCallbackType.CHANNEL_MESSAGE_WITH_SOURCE
    )
    data: MessagePayload | None = None


class DeferredMessageData(Model, kw_only=True):
    flags: MessageFlags | None = None
    """Only EPHEMERAL is allowed here."""


class DeferredMessageResponse(ResponseBase, tag=5, kw_only=True):
    """Answer "thinking..." now and edit the original response later."""

    type: ClassVar[InteractionCallbackType] = (
        InteractionCallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
    )
    data: DeferredMessageData | None = None


class DeferredUpdateResponse(ResponseBase, tag=6, kw_only=True):
    """Acknowledge a component interaction now and edit its message later."""

    type: ClassVar[InteractionCallbackType] = (
        InteractionCallbackType.DEFERRED_UPDATE_MESSAGE
    )


class UpdateMessageResponse(ResponseBase, tag=7, kw_only=True):
    """Edit the message the component is on."""

    type: ClassVar[InteractionCallbackType] = InteractionCallbackType.UPDATE_MESSAGE
    data: MessagePayload | None = None


class AutocompleteResult(Model, kw_only=True):
    choices: list[ApplicationCommandOptionChoice]
    """At most 25."""


class AutocompleteResponse(ResponseBase, tag=8, kw_only=True):
    type: ClassVar[InteractionCallbackType] = (
        InteractionCallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
    )
    data: AutocompleteResult


class Modal(Model, kw_only=True):
    """A modal form. Built by :class:`ikit.ui.Modal`, which checks Discord's limits."""

    custom_id: str
    """1-100 characters."""
    title: str
    """1-45 characters."""
    components: list[ModalComponent]
    """1-5 items: labels around inputs, and text displays."""


class ModalResponse(ResponseBase, tag=9, kw_only=True):
    type: ClassVar[InteractionCallbackType] = InteractionCallbackType.MODAL
    data: Modal


class PremiumRequiredResponse(ResponseBase, tag=10, kw_only=True):
    """Deprecated: use a premium button instead."""

    type: ClassVar[InteractionCallbackType] = InteractionCallbackType.PREMIUM_REQUIRED


class LaunchActivityResponse(ResponseBase, tag=12, kw_only=True):
    """Launch the app's Activity (apps with Activities only)."""

    type: ClassVar[InteractionCallbackType] = InteractionCallbackType.LAUNCH_ACTIVITY


InteractionResponse = (
    PongResponse
    | MessageResponse
    | DeferredMessageResponse
    | DeferredUpdateResponse
    | UpdateMessageResponse
    | AutocompleteResponse
    | ModalResponse
    | PremiumRequiredResponse
    | LaunchActivityResponse
)
"""Any first answer to an interaction."""


# -- what the callback endpoint returns with ?with_response=true ----------------------


class InteractionCallback(Model, kw_only=True):
    id: Snowflake
    type: InteractionType
    activity_instance_id: str | None = None
    response_message_id: Snowflake | None = None
    response_message_loading: bool | None = None
    response_message_ephemeral: bool | None = None
    channel_id: Snowflake | None = None
    guild_id: Snowflake | None = None


class ActivityInstance(Model, kw_only=True):
    id: str


class InteractionCallbackResource(Model, kw_only=True):
    type: InteractionCallbackType
    activity_instance: ActivityInstance | None = None
    message: Message | None = None


class InteractionCallbackResponse(Model, kw_only=True):
    interaction: InteractionCallback
    resource: InteractionCallbackResource | None = None
