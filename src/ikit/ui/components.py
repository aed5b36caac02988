"""Message components: layout (action rows, sections, containers), content (text,
media, files, separators) and buttons. Selects live in ``selects.py``, modal inputs in
``inputs.py``.

Each element returns the model struct itself; nothing here checks Discord's limits,
which are checked over the whole tree when the message is built.
"""

from __future__ import annotations

from typing import Literal, overload

from ikit import models
from ikit.models import ButtonStyle, ComponentEmoji, SeparatorSpacing, UnfurledMedia
from ikit.ui._children import Child, flatten
from ikit.ui._props import emoji as emoji_prop
from ikit.ui._props import enum_prop, media, no_strings, snowflake, strings_to_text
from ikit.ui.files import Upload, attachment_url

__all__ = [
    "ActionRow",
    "Button",
    "ButtonStyleName",
    "Container",
    "File",
    "MediaGallery",
    "MediaGalleryItem",
    "Section",
    "Separator",
    "SeparatorSpacingName",
    "TextDisplay",
    "Thumbnail",
]

ButtonStyleName = Literal[
    "primary", "secondary", "success", "danger", "link", "premium"
]
SeparatorSpacingName = Literal["small", "large"]


@overload
def ActionRow(  # type: ignore[overload-overlap]
    *children: Child[models.ActionRowComponent], id: int | None = None
) -> models.ActionRow: ...


@overload
def ActionRow(
    *children: Child[models.TextInput], id: int | None = None
) -> models.ModalActionRow: ...


def ActionRow(
    *children: Child[models.ActionRowComponent | models.TextInput],
    id: int | None = None,
) -> models.ActionRow | models.ModalActionRow:
    """A row of up to 5 buttons, or one select.

    A row of text inputs is the deprecated modal layout (a ModalActionRow); prefer
    ``label=`` on the input, which puts it in a Label.
    """
    items = no_strings("ActionRow", flatten("ActionRow", children))
    if items and all(isinstance(item, models.TextInput) for item in items):
        return models.ModalActionRow(components=items, id=id)  # type: ignore[arg-type]

    return models.ActionRow(components=items, id=id)  # type: ignore[arg-type]


def Button(
    label: str | None = None,
    *,
    custom_id: str | None = None,
    style: ButtonStyle | ButtonStyleName | None = None,
    url: str | None = None,
    sku_id: int | None = None,
    emoji: ComponentEmoji | str | None = None,
    disabled: bool | None = None,
    id: int | None = None,
) -> models.Button:
    """A button. ``url=`` makes a link button and ``sku_id=`` a premium one; otherwise
    the style defaults to ``"secondary"`` and ``custom_id`` is what the app receives.

    ``emoji`` takes a unicode emoji (``"🐜"``) or a custom one (``"<:name:id>"``).
    """
    return models.Button(
        style=_button_style(style, url, sku_id),
        label=label,
        emoji=emoji_prop("Button", emoji),
        custom_id=custom_id,
        sku_id=None if sku_id is None else snowflake("Button", "sku_id", sku_id),
        url=url,
        disabled=disabled,
        id=id,
    )


def _button_style(
    style: ButtonStyle | ButtonStyleName | None, url: str | None, sku_id: int | None
) -> ButtonStyle:
    if style is not None:
        return enum_prop("Button", "style", ButtonStyle, style)

    if url is not None:
        return ButtonStyle.LINK

    if sku_id is not None:
        return ButtonStyle.PREMIUM

    return ButtonStyle.SECONDARY


def TextDisplay(content: str, *, id: int | None = None) -> models.TextDisplay:
    """Markdown text in a Components V2 message or a modal."""
    if not isinstance(content, str):
        raise TypeError(f"TextDisplay: content must be a str; got {content!r}")

    return models.TextDisplay(content=content, id=id)


def Section(
    *children: Child[models.SectionComponent | str],
    accessory: models.SectionAccessory,
    id: int | None = None,
) -> models.Section:
    """1-3 text displays (plain strings become text displays) beside an accessory,
    a Button or a Thumbnail."""
    items = strings_to_text(flatten("Section", children))
    return models.Section(components=items, accessory=accessory, id=id)  # type: ignore[arg-type]


def Thumbnail(
    url: str | UnfurledMedia,
    *,
    description: str | None = None,
    spoiler: bool | None = None,
    id: int | None = None,
) -> models.Thumbnail:
    """A small image, as a Section's accessory. ``description`` is its alt text."""
    return models.Thumbnail(
        media=media("Thumbnail", "url", url),
        description=description,
        spoiler=spoiler,
        id=id,
    )


def MediaGalleryItem(
    url: str | UnfurledMedia,
    *,
    description: str | None = None,
    spoiler: bool | None = None,
) -> models.MediaGalleryItem:
    """One image or video of a gallery. ``description`` is its alt text."""
    return models.MediaGalleryItem(
        media=media("MediaGalleryItem", "url", url),
        description=description,
        spoiler=spoiler,
    )


def MediaGallery(
    *items: Child[models.MediaGalleryItem | str], id: int | None = None
) -> models.MediaGallery:
    """A grid of 1-10 images or videos; a plain string is an item's URL."""
    flat = flatten("MediaGallery", items)
    gallery = [MediaGalleryItem(x) if isinstance(x, str) else x for x in flat]
    return models.MediaGallery(items=gallery, id=id)  # type: ignore[arg-type]


def File(
    file: str | Upload,
    *,
    spoiler: bool | None = None,
    id: int | None = None,
) -> models.File:
    """A file uploaded with the message, shown in place.

    ``file`` is ``"attachment://<filename>"`` or the upload itself (an
    :class:`ikit.rest.File` passed in the message's ``files=``).
    """
    url = file if isinstance(file, str) else attachment_url(file)
    return models.File(file=UnfurledMedia(url=url), spoiler=spoiler, id=id)


def Separator(
    *,
    divider: bool | None = None,
    spacing: SeparatorSpacing | SeparatorSpacingName | None = None,
    id: int | None = None,
) -> models.Separator:
    """Vertical space between components, with or without a visible line."""
    return models.Separator(
        divider=divider,
        spacing=None
        if spacing is None
        else enum_prop("Separator", "spacing", SeparatorSpacing, spacing),
        id=id,
    )


def Container(
    *children: Child[models.ContainerComponent | str],
    accent_color: int | None = None,
    spoiler: bool | None = None,
    id: int | None = None,
) -> models.Container:
    """A box around components, with an optional accent bar (``0xRRGGBB``).

    Plain strings become text displays.
    """
    items = strings_to_text(flatten("Container", children))
    return models.Container(
        components=items,  # type: ignore[arg-type]
        accent_color=accent_color,
        spoiler=spoiler,
        id=id,
    )
