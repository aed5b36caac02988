"""Embeds: rich cards with a title, fields, an author, a footer and images.

Fields are the embed's positional children, so loops and conditions read as they do
for components. Limits (lengths, 25 fields, 6000 characters across a message's embeds)
are checked when the message is built.
"""

from __future__ import annotations

from datetime import UTC, datetime

from ikit import models
from ikit.ui._children import Child, flatten
from ikit.ui._props import no_strings

__all__ = ["Embed", "EmbedAuthor", "EmbedField", "EmbedFooter"]


def EmbedField(
    name: str, value: str, *, inline: bool | None = None
) -> models.EmbedField:
    """A name and a value; inline fields sit side by side, up to three a line."""
    return models.EmbedField(name=name, value=value, inline=inline)


def EmbedAuthor(
    name: str, *, url: str | None = None, icon_url: str | None = None
) -> models.EmbedAuthor:
    """The line atop an embed, with an optional link and icon."""
    return models.EmbedAuthor(name=name, url=url, icon_url=icon_url)


def EmbedFooter(text: str, *, icon_url: str | None = None) -> models.EmbedFooter:
    """The small line at the bottom of an embed, with an optional icon."""
    return models.EmbedFooter(text=text, icon_url=icon_url)


def Embed(
    *fields: Child[models.EmbedField],
    title: str | None = None,
    description: str | None = None,
    url: str | None = None,
    timestamp: datetime | None = None,
    color: int | None = None,
    footer: str | models.EmbedFooter | None = None,
    author: str | models.EmbedAuthor | None = None,
    image: str | models.EmbedImage | None = None,
    thumbnail: str | models.EmbedImage | None = None,
) -> models.Embed:
    """A rich embed; its positional children are its fields.

    ``footer`` and ``author`` take plain text or the full element; ``image`` and
    ``thumbnail`` take a URL. ``timestamp`` is a datetime (a naive one is read as local
    time) that each viewer sees in their own time zone.
    """
    items = no_strings("Embed", flatten("Embed", fields))
    return models.Embed(
        title=title,
        description=description,
        url=url,
        timestamp=_utc("Embed", timestamp),
        color=color,
        footer=EmbedFooter(footer) if isinstance(footer, str) else footer,
        author=EmbedAuthor(author) if isinstance(author, str) else author,
        image=_image(image),
        thumbnail=_image(thumbnail),
        fields=items or None,  # type: ignore[arg-type]
    )


def _image(value: str | models.EmbedImage | None) -> models.EmbedImage | None:
    return models.EmbedImage(url=value) if isinstance(value, str) else value


def _utc(element: str, when: datetime | None) -> datetime | None:
    if when is None:
        return None

    if not isinstance(when, datetime):
        raise TypeError(f"{element}: timestamp must be a datetime; got {when!r}")

    return when.astimezone(UTC)
