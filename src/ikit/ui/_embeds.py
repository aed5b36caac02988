"""Checking the embeds of a message (part of the walk in ``validate.py``).

Discord measures embed text after trimming whitespace, so these checks do too, and
the 6000-character budget is shared by every embed of the message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ikit import models
from ikit.ui.limits import LIMITS

if TYPE_CHECKING:
    from ikit.ui.validate import Walk

__all__ = ["check_embeds"]

_TOTAL_MAX = LIMITS["message.embed_text"].high or 0


def check_embeds(walk: Walk, embeds: list[models.Embed]) -> None:
    """Each embed's limits, then their shared character budget."""
    walk.count("embeds", embeds, "message.embeds")
    total = 0
    over: str | None = None
    for index, embed in enumerate(embeds):
        path = f"embeds[{index}]"
        total += _embed(walk, path, embed)
        if total > _TOTAL_MAX and over is None:
            over = path

    if over is not None:
        walk.limit(over, total, "message.embed_text")


def _embed(walk: Walk, path: str, embed: models.Embed) -> int:
    """Check one embed; return the characters it spends of the shared budget."""
    spent = _text(walk, f"{path}.title", embed.title, "embed.title")
    spent += _text(walk, f"{path}.description", embed.description, "embed.description")
    spent += _fields(walk, f"{path}.fields", embed.fields or [])
    if embed.footer is not None:
        spent += _text(
            walk, f"{path}.footer.text", embed.footer.text, "embed.footer_text"
        )

    if embed.author is not None:
        spent += _text(
            walk, f"{path}.author.name", embed.author.name, "embed.author_name"
        )

    for url_path, url in _urls(path, embed):
        walk.length(url_path, url, "embed.url")

    walk.number(f"{path}.color", embed.color, "embed.color")
    _sent_fields(walk, path, embed)
    return spent


def _sent_fields(walk: Walk, path: str, embed: models.Embed) -> None:
    """Fields only Discord fills in: an embed's kind, and what it finds at a URL."""
    if embed.type not in (None, "rich"):
        walk.add(f"{path}.type", "embed.sent_fields", repr(embed.type))

    for name in ("provider", "video"):
        if getattr(embed, name) is not None:
            walk.add(f"{path}.{name}", "embed.sent_fields")

    for name in ("image", "thumbnail"):
        media: models.EmbedImage | None = getattr(embed, name)
        for field in ("height", "width", "proxy_url"):
            if media is not None and getattr(media, field) is not None:
                walk.add(f"{path}.{name}.{field}", "embed.sent_fields")


def _text(walk: Walk, path: str, text: str | None, key: str) -> int:
    if text is None:
        return 0

    trimmed = text.strip()
    walk.length(path, trimmed, key)
    return len(trimmed)


def _fields(walk: Walk, path: str, fields: list[models.EmbedField]) -> int:
    walk.count(path, fields, "embed.fields")
    spent = 0
    for index, field in enumerate(fields):
        item = f"{path}[{index}]"
        spent += _text(walk, f"{item}.name", field.name, "embed.field_name")
        spent += _text(walk, f"{item}.value", field.value, "embed.field_value")

    return spent


def _urls(path: str, embed: models.Embed) -> list[tuple[str, str | None]]:
    urls = [(f"{path}.url", embed.url)]
    if embed.image is not None:
        urls.append((f"{path}.image.url", embed.image.url))

    if embed.thumbnail is not None:
        urls.append((f"{path}.thumbnail.url", embed.thumbnail.url))

    if embed.author is not None:
        urls.append((f"{path}.author.url", embed.author.url))
        urls.append((f"{path}.author.icon_url", embed.author.icon_url))

    if embed.footer is not None:
        urls.append((f"{path}.footer.icon_url", embed.footer.icon_url))

    return urls
