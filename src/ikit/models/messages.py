"""Messages: what Discord returns (:class:`Message`) and what an app sends
(:class:`MessagePayload` to create, :class:`MessageEdit` to edit)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from msgspec import UNSET, UnsetType

from ikit.models._base import Model, Snowflake
from ikit.models.components import MessageComponent
from ikit.models.embeds import Embed
from ikit.models.enums import ApplicationIntegrationType, InteractionType, MessageType
from ikit.models.flags import AttachmentFlags, MessageFlags
from ikit.models.users import Member, PartialChannel, User

__all__ = [
    "AllowedMentions",
    "Attachment",
    "AttachmentPayload",
    "Message",
    "MessageEdit",
    "MessageInteraction",
    "MessageInteractionMetadata",
    "MessagePayload",
    "MessageReference",
    "Poll",
    "PollAnswer",
    "PollMedia",
]


class Attachment(Model, kw_only=True):
    """A file attached to a message, or uploaded through an option or a File Upload."""

    id: Snowflake
    filename: str
    size: int
    url: str
    proxy_url: str
    title: str | None = None
    description: str | None = None
    content_type: str | None = None
    height: int | None = None
    width: int | None = None
    placeholder: str | None = None
    """A thumbhash of an image or video, shown while it loads."""
    placeholder_version: int | None = None
    ephemeral: bool | None = None
    duration_secs: float | None = None
    waveform: str | None = None
    flags: AttachmentFlags | None = None


class AttachmentPayload(Model, kw_only=True):
    """An attachment entry of a message an app sends.

    ``id`` is the index ``n`` of the uploaded ``files[n]`` part, or the id of an
    attachment the message already has and should keep.
    """

    id: int
    filename: str | None = None
    description: str | None = None
    """Alt text, at most 1024 characters."""
    title: str | None = None
    duration_secs: float | None = None
    waveform: str | None = None
    is_spoiler: bool | None = None
    """Blur the file until clicked (sets the attachment's IS_SPOILER flag)."""


class AllowedMentions(Model, kw_only=True):
    """Which mentions in the content may ping.

    ``parse`` takes ``"roles"``, ``"users"`` and ``"everyone"``; ``users`` and ``roles``
    hold at most 100 ids each.
    """

    parse: list[str] | None = None
    roles: list[Snowflake] | None = None
    users: list[Snowflake] | None = None
    replied_user: bool | None = None


class PollMedia(Model, kw_only=True):
    text: str | None = None
    """The question: at most 300 characters; an answer: at most 55."""
    emoji: dict[str, Any] | None = None


class PollAnswer(Model, kw_only=True):
    poll_media: PollMedia
    answer_id: int | None = None


class Poll(Model, kw_only=True):
    """A poll to create (``duration`` in hours) or as Discord returns it."""

    question: PollMedia
    answers: list[PollAnswer]
    duration: int | None = None
    allow_multiselect: bool | None = None
    layout_type: int | None = None
    expiry: datetime | None = None
    results: dict[str, Any] | None = None


class MessageInteractionMetadata(Model, kw_only=True):
    """How a message came from an interaction (command, component or modal submit)."""

    id: Snowflake
    type: InteractionType
    user: User
    authorizing_integration_owners: dict[ApplicationIntegrationType, Snowflake] = {}
    original_response_message_id: Snowflake | None = None
    target_user: User | None = None
    target_message_id: Snowflake | None = None
    interacted_message_id: Snowflake | None = None
    triggering_interaction_metadata: MessageInteractionMetadata | None = None


class MessageInteraction(Model, kw_only=True):
    """The older form of :class:`MessageInteractionMetadata`."""

    id: Snowflake
    type: InteractionType
    name: str
    user: User
    member: Member | None = None


class MessageReference(Model, kw_only=True):
    type: int | None = None
    message_id: Snowflake | None = None
    channel_id: Snowflake | None = None
    guild_id: Snowflake | None = None
    fail_if_not_exists: bool | None = None


class Message(Model, kw_only=True):
    """A message as Discord returns it."""

    id: Snowflake
    channel_id: Snowflake
    type: MessageType = MessageType.DEFAULT
    author: User | None = None
    content: str = ""
    timestamp: datetime | None = None
    edited_timestamp: datetime | None = None
    tts: bool | None = None
    mention_everyone: bool | None = None
    mentions: list[User] = []
    mention_roles: list[Snowflake] = []
    mention_channels: list[dict[str, Any]] | None = None
    attachments: list[Attachment] = []
    embeds: list[Embed] = []
    reactions: list[dict[str, Any]] | None = None
    nonce: int | str | None = None
    pinned: bool | None = None
    webhook_id: Snowflake | None = None
    application_id: Snowflake | None = None
    flags: MessageFlags = MessageFlags(0)
    message_reference: MessageReference | None = None
    referenced_message: Message | None = None
    interaction_metadata: MessageInteractionMetadata | None = None
    interaction: MessageInteraction | None = None
    thread: PartialChannel | None = None
    components: list[MessageComponent] = []
    position: int | None = None
    poll: Poll | None = None


class MessagePayload(Model, kw_only=True):
    """A message an app sends: an interaction response, a followup or a channel
    message. Built by :class:`ikit.ui.Message`, which checks Discord's limits.

    With ``IS_COMPONENTS_V2`` in ``flags`` it holds only ``components``.
    """

    content: str | None = None
    """At most 2000 characters."""
    tts: bool | None = None
    embeds: list[Embed] | None = None
    """At most 10, with at most 6000 characters together."""
    allowed_mentions: AllowedMentions | None = None
    flags: MessageFlags | None = None
    components: list[MessageComponent] | None = None
    attachments: list[AttachmentPayload] | None = None
    """At most 10."""
    poll: Poll | None = None


class MessageEdit(Model, kw_only=True):
    """An edit of a message: a field left unset is kept, ``None`` clears it.

    Setting ``IS_COMPONENTS_V2`` needs ``content``, ``embeds`` and ``poll`` cleared.
    """

    content: str | UnsetType | None = UNSET
    embeds: list[Embed] | UnsetType | None = UNSET
    allowed_mentions: AllowedMentions | UnsetType | None = UNSET
    flags: MessageFlags | UnsetType | None = UNSET
    components: list[MessageComponent] | UnsetType | None = UNSET
    attachments: list[AttachmentPayload] | UnsetType | None = UNSET
    poll: Poll | UnsetType | None = UNSET

    @classmethod
    def from_payload(cls, payload: MessagePayload) -> MessageEdit:
        """The edit that makes a message look like ``payload`` (unset fields kept)."""
        values: dict[str, Any] = {
            name: value
            for name in cls.__struct_fields__
            if (value := getattr(payload, name)) is not None
        }
        return cls(**values)
