"""Messages: content, embeds, components, files, allowed mentions and flags.

``ui.Message`` is the sugar over :class:`ikit.models.MessagePayload`. A message
holding any Components V2 component gets ``IS_COMPONENTS_V2`` by itself (and may then
hold nothing but components), ``ephemeral=True`` sets ``EPHEMERAL``, and embeds may be
given as children beside the components. The whole message is then checked, and every
rule it breaks is reported in one :class:`ikit.errors.BuildError`.

Files: ``files=`` takes :class:`ikit.rest.File` objects and makes the call return a
:class:`~ikit.ui.files.MessageWithFiles` (the payload and the files), since a msgspec
struct cannot carry bytes that are not part of its JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

from ikit import models
from ikit.models import MessageFlags, Snowflake
from ikit.ui._children import Child, flatten
from ikit.ui._props import snowflake
from ikit.ui.files import MessageWithFiles, Upload
from ikit.ui.validate import validate_message

__all__ = ["AllowedMentions", "Message"]

_LEGACY = (models.ActionRow, models.ModalActionRow)


@overload
def Message(
    *children: Child[models.MessageComponent | models.Embed],
    content: str | None = None,
    embeds: Sequence[models.Embed] | None = None,
    allowed_mentions: models.AllowedMentions | None = None,
    flags: MessageFlags | None = None,
    ephemeral: bool = False,
    tts: bool | None = None,
    files: None = None,
) -> models.MessagePayload: ...


@overload
def Message(
    *children: Child[models.MessageComponent | models.Embed],
    content: str | None = None,
    embeds: Sequence[models.Embed] | None = None,
    allowed_mentions: models.AllowedMentions | None = None,
    flags: MessageFlags | None = None,
    ephemeral: bool = False,
    tts: bool | None = None,
    files: Sequence[Upload],
) -> MessageWithFiles: ...


def Message(
    *children: Child[models.MessageComponent | models.Embed],
    content: str | None = None,
    embeds: Sequence[models.Embed] | None = None,
    allowed_mentions: models.AllowedMentions | None = None,
    flags: MessageFlags | None = None,
    ephemeral: bool = False,
    tts: bool | None = None,
    files: Sequence[Upload] | None = None,
) -> models.MessagePayload | MessageWithFiles:
    """A message: components and embeds as children, the rest as props.

    Raises :class:`ikit.errors.BuildError` listing every Discord rule it breaks.
    """
    components, child_embeds = _split(flatten("Message", children))
    all_embeds = [*(embeds or ()), *child_embeds]
    payload = models.MessagePayload(
        content=content,
        tts=tts,
        embeds=all_embeds or None,
        allowed_mentions=allowed_mentions,
        flags=_flags(flags, ephemeral, components),
        components=components or None,
        attachments=_attachments(files),
    )
    validate_message(payload)
    if files is None:
        return payload

    return MessageWithFiles(payload, tuple(files))


def _split(
    items: list[object],
) -> tuple[list[models.MessageComponent], list[models.Embed]]:
    components: list[models.MessageComponent] = []
    embeds: list[models.Embed] = []
    for item in items:
        if isinstance(item, str):
            raise TypeError(
                f"Message: a plain string child is ambiguous; got {item!r}. Pass "
                "content='...' for message text, or ui.TextDisplay('...') for a "
                "Components V2 text."
            )

        if isinstance(item, models.Embed):
            embeds.append(item)
        else:
            components.append(item)  # type: ignore[arg-type]

    return components, embeds


def _flags(
    flags: MessageFlags | None,
    ephemeral: bool,
    components: list[models.MessageComponent],
) -> MessageFlags | None:
    value = MessageFlags(flags or 0)
    if ephemeral:
        value |= MessageFlags.EPHEMERAL

    # Any component beyond action rows only renders with the flag, so set it.
    if any(not isinstance(item, _LEGACY) for item in components):
        value |= MessageFlags.IS_COMPONENTS_V2

    return value or None


def _attachments(
    files: Sequence[Upload] | None,
) -> list[models.AttachmentPayload] | None:
    if not files:
        return None

    # The id is the index n of the files[n] part; Snowflake sends it as a string.
    return [
        models.AttachmentPayload(
            id=Snowflake(index), filename=file.filename, description=file.description
        )
        for index, file in enumerate(files)
    ]


def AllowedMentions(
    *,
    everyone: bool = False,
    users: bool | Sequence[int] = False,
    roles: bool | Sequence[int] = False,
    replied_user: bool | None = None,
) -> models.AllowedMentions:
    """Which mentions may ping. ``AllowedMentions()`` pings nobody; ``users=True``
    lets every mentioned user be pinged, ``users=[id, ...]`` only those."""
    parse = [
        name
        for name, allowed in (
            ("everyone", everyone),
            ("users", users),
            ("roles", roles),
        )
        if allowed is True
    ]
    return models.AllowedMentions(
        parse=parse,
        users=_ids("users", users),
        roles=_ids("roles", roles),
        replied_user=replied_user,
    )


def _ids(param: str, value: bool | Sequence[int]) -> list[Snowflake] | None:
    if isinstance(value, bool):
        return None

    return [snowflake("AllowedMentions", param, item) for item in value]
