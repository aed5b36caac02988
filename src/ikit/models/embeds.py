"""Embeds: rich cards attached to a message.

Limits (checked by :mod:`ikit.ui`): title 256, description 4096, 25 fields, field name
256 and value 1024, footer text 2048, author name 256, and 6000 characters across all
embeds of a message.
"""

from __future__ import annotations

from datetime import datetime

from ikit.models._base import Model

__all__ = [
    "Embed",
    "EmbedAuthor",
    "EmbedField",
    "EmbedFooter",
    "EmbedImage",
    "EmbedProvider",
    "EmbedThumbnail",
    "EmbedVideo",
]


class EmbedFooter(Model, kw_only=True):
    text: str
    """At most 2048 characters."""
    icon_url: str | None = None
    proxy_icon_url: str | None = None


class EmbedImage(Model, kw_only=True):
    """An embed's image, thumbnail or video. Senders set ``url`` only."""

    url: str
    proxy_url: str | None = None
    height: int | None = None
    width: int | None = None
    content_type: str | None = None
    placeholder: str | None = None
    placeholder_version: int | None = None
    description: str | None = None
    flags: int | None = None


EmbedThumbnail = EmbedImage
EmbedVideo = EmbedImage


class EmbedProvider(Model, kw_only=True):
    name: str | None = None
    url: str | None = None


class EmbedAuthor(Model, kw_only=True):
    name: str
    """At most 256 characters."""
    url: str | None = None
    icon_url: str | None = None
    proxy_icon_url: str | None = None


class EmbedField(Model, kw_only=True):
    name: str
    """At most 256 characters."""
    value: str
    """At most 1024 characters."""
    inline: bool | None = None


class Embed(Model, kw_only=True):
    """A rich embed. Senders cannot set ``type``, ``provider`` or ``video``."""

    title: str | None = None
    """At most 256 characters."""
    type: str | None = None
    """``"rich"`` for every embed an app sends."""
    description: str | None = None
    """At most 4096 characters."""
    url: str | None = None
    timestamp: datetime | None = None
    color: int | None = None
    """0x000000-0xFFFFFF."""
    footer: EmbedFooter | None = None
    image: EmbedImage | None = None
    thumbnail: EmbedThumbnail | None = None
    video: EmbedVideo | None = None
    provider: EmbedProvider | None = None
    author: EmbedAuthor | None = None
    fields: list[EmbedField] | None = None
    """At most 25."""
    flags: int | None = None
