"""Message and modal components (types 1-14, 17-19, 21-23), tagged by ``type``.

Each union below lists what Discord allows in one place (a message's top level, an
action row, a container, a section, a modal, a label), so a type checker can flag a
child Discord forbids. Every union ends with :class:`UnknownComponent`, which keeps the
raw fields of a component type Discord adds later.

Limits are checked by :mod:`ikit.ui` when a message or modal is built; the docstrings
here name them so that editors show them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ikit.models._base import Model, Snowflake
from ikit.models.enums import (
    ButtonStyle,
    ChannelType,
    ComponentType,
    SeparatorSpacing,
    TextInputStyle,
    UnfurledMediaLoadingState,
)

__all__ = [
    "ActionRow",
    "ActionRowComponent",
    "Button",
    "ChannelSelect",
    "Checkbox",
    "CheckboxGroup",
    "CheckboxGroupOption",
    "Component",
    "ComponentBase",
    "ComponentEmoji",
    "Container",
    "ContainerComponent",
    "File",
    "FileUpload",
    "Label",
    "LabelComponent",
    "MediaGallery",
    "MediaGalleryItem",
    "MentionableSelect",
    "MessageComponent",
    "ModalActionRow",
    "ModalComponent",
    "RadioGroup",
    "RadioGroupOption",
    "RoleSelect",
    "Section",
    "SectionAccessory",
    "SectionComponent",
    "SelectDefaultValue",
    "SelectOption",
    "Separator",
    "StringSelect",
    "TextDisplay",
    "TextInput",
    "Thumbnail",
    "UnfurledMedia",
    "UnknownComponent",
    "UserSelect",
]


class ComponentBase(Model, tag_field="type", kw_only=True):
    """Fields every component has."""

    id: int | None = None
    """An int32 unique within the message; Discord fills it in when left out."""


class UnknownComponent(ComponentBase, tag=-1, kw_only=True):
    """A component of a type ikit does not know yet, with its raw fields.

    ikit never sends one: the builder refuses it, since it cannot check its limits.
    """

    raw: dict[str, Any] = {}

    @property
    def type(self) -> ComponentType:
        value = self.raw.get("type")
        return ComponentType(value if isinstance(value, int) else -1)


# -- shared pieces -------------------------------------------------------------------


class ComponentEmoji(Model, kw_only=True):
    """A unicode emoji (``name`` only) or a custom one (``id`` and ``name``)."""

    id: Snowflake | None = None
    name: str | None = None
    animated: bool | None = None


class UnfurledMedia(Model, kw_only=True):
    """A media reference: an http(s) URL or ``attachment://<filename>``.

    Only ``url`` is sent; Discord fills in the rest in messages it returns.
    """

    url: str
    """At most 2048 characters."""
    proxy_url: str | None = None
    height: int | None = None
    width: int | None = None
    placeholder: str | None = None
    placeholder_version: int | None = None
    content_type: str | None = None
    flags: int | None = None
    attachment_id: Snowflake | None = None
    loading_state: UnfurledMediaLoadingState | None = None


class SelectOption(Model, kw_only=True):
    """One choice of a string select."""

    label: str
    """1-100 characters."""
    value: str
    """1-100 characters; what the app receives when the option is chosen."""
    description: str | None = None
    """At most 100 characters."""
    emoji: ComponentEmoji | None = None
    default: bool | None = None


class SelectDefaultValue(Model, kw_only=True):
    """A pre-selected entity of an auto-populated select."""

    id: Snowflake
    type: str
    """``"user"``, ``"role"`` or ``"channel"``."""


class RadioGroupOption(Model, kw_only=True):
    """One option of a radio group or checkbox group."""

    value: str
    """1-100 characters."""
    label: str
    """1-100 characters."""
    description: str | None = None
    """At most 100 characters."""
    default: bool | None = None


CheckboxGroupOption = RadioGroupOption


class MediaGalleryItem(Model, kw_only=True):
    media: UnfurledMedia
    description: str | None = None
    """Alt text, at most 1024 characters."""
    spoiler: bool | None = None


# -- interactive components ----------------------------------------------------------


class Button(ComponentBase, tag=2, kw_only=True):
    """A button: in an action row (at most 5) or as a section's accessory.

    Styles 1-4 need ``custom_id``; link buttons (5) need ``url``; premium buttons (6)
    need ``sku_id`` and take no label, emoji, custom_id or url.
    """

    type: ClassVar[ComponentType] = ComponentType.BUTTON
    style: ButtonStyle
    label: str | None = None
    """At most 80 characters."""
    emoji: ComponentEmoji | None = None
    custom_id: str | None = None
    """1-100 characters, unique within the message."""
    sku_id: Snowflake | None = None
    url: str | None = None
    """At most 512 characters."""
    disabled: bool | None = None


class _Select(ComponentBase, kw_only=True):
    custom_id: str
    """1-100 characters, unique within the message or modal."""
    placeholder: str | None = None
    """At most 150 characters."""
    min_values: int | None = None
    """0-25 (default 1); at least 1 when ``required`` is true or missing."""
    max_values: int | None = None
    """1-25 (default 1)."""
    required: bool | None = None
    """Modals only (default true); ignored in messages."""
    disabled: bool | None = None
    """Messages only: a modal cannot hold a disabled component."""


class StringSelect(_Select, tag=3, kw_only=True):
    """A select menu of up to 25 app-defined options."""

    type: ClassVar[ComponentType] = ComponentType.STRING_SELECT
    options: list[SelectOption]
    """1-25 options."""


class _AutoSelect(_Select, kw_only=True):
    default_values: list[SelectDefaultValue] | None = None
    """Pre-selected entities; their count must lie between min_values and max_values."""


class UserSelect(_AutoSelect, tag=5, kw_only=True):
    type: ClassVar[ComponentType] = ComponentType.USER_SELECT


class RoleSelect(_AutoSelect, tag=6, kw_only=True):
    type: ClassVar[ComponentType] = ComponentType.ROLE_SELECT


class MentionableSelect(_AutoSelect, tag=7, kw_only=True):
    type: ClassVar[ComponentType] = ComponentType.MENTIONABLE_SELECT


class ChannelSelect(_AutoSelect, tag=8, kw_only=True):
    type: ClassVar[ComponentType] = ComponentType.CHANNEL_SELECT
    channel_types: list[ChannelType] | None = None


class TextInput(ComponentBase, tag=4, kw_only=True):
    """A text field in a modal, inside a Label (or the deprecated action row)."""

    type: ClassVar[ComponentType] = ComponentType.TEXT_INPUT
    custom_id: str
    style: TextInputStyle
    label: str | None = None
    """Deprecated (at most 45 characters); not allowed inside a Label."""
    min_length: int | None = None
    """0-4000."""
    max_length: int | None = None
    """1-4000."""
    required: bool | None = None
    value: str | None = None
    """A pre-filled value, at most 4000 characters."""
    placeholder: str | None = None
    """At most 100 characters."""


class FileUpload(ComponentBase, tag=19, kw_only=True):
    """A file picker in a modal, inside a Label."""

    type: ClassVar[ComponentType] = ComponentType.FILE_UPLOAD
    custom_id: str
    min_values: int | None = None
    """0-10 (default 1)."""
    max_values: int | None = None
    """1-10 (default 1)."""
    required: bool | None = None
    file_types: list[str] | None = None
    """At most 10: ``image``, ``video``, ``audio`` or an extension such as ``.pdf``."""


class RadioGroup(ComponentBase, tag=21, kw_only=True):
    """Pick one of 2-10 options, in a modal inside a Label."""

    type: ClassVar[ComponentType] = ComponentType.RADIO_GROUP
    custom_id: str
    options: list[RadioGroupOption]
    required: bool | None = None


class CheckboxGroup(ComponentBase, tag=22, kw_only=True):
    """Pick several of 1-10 options, in a modal inside a Label."""

    type: ClassVar[ComponentType] = ComponentType.CHECKBOX_GROUP
    custom_id: str
    options: list[CheckboxGroupOption]
    min_values: int | None = None
    """0-10 (default 1)."""
    max_values: int | None = None
    """1-10 (default: the number of options)."""
    required: bool | None = None


class Checkbox(ComponentBase, tag=23, kw_only=True):
    """A single yes/no box in a modal, inside a Label. It cannot be required."""

    type: ClassVar[ComponentType] = ComponentType.CHECKBOX
    custom_id: str
    default: bool | None = None


# -- layout and content --------------------------------------------------------------

ActionRowComponent = (
    Button
    | StringSelect
    | UserSelect
    | RoleSelect
    | MentionableSelect
    | ChannelSelect
    | UnknownComponent
)


class ActionRow(ComponentBase, tag=1, kw_only=True):
    """A row of 1-5 buttons, or exactly one select, in a message."""

    type: ClassVar[ComponentType] = ComponentType.ACTION_ROW
    components: list[ActionRowComponent]


class ModalActionRow(ComponentBase, tag=1, kw_only=True):
    """The deprecated modal layout: an action row holding one text input.

    Prefer a :class:`Label` around the input.
    """

    type: ClassVar[ComponentType] = ComponentType.ACTION_ROW
    components: list[TextInput | UnknownComponent]


class TextDisplay(ComponentBase, tag=10, kw_only=True):
    """Markdown text (Components V2, and modals)."""

    type: ClassVar[ComponentType] = ComponentType.TEXT_DISPLAY
    content: str
    """All text displays of a message together hold at most 4000 characters."""


class Thumbnail(ComponentBase, tag=11, kw_only=True):
    """A small image, only as a section's accessory."""

    type: ClassVar[ComponentType] = ComponentType.THUMBNAIL
    media: UnfurledMedia
    description: str | None = None
    """Alt text, at most 1024 characters."""
    spoiler: bool | None = None


SectionComponent = TextDisplay | UnknownComponent
SectionAccessory = Button | Thumbnail | UnknownComponent


class Section(ComponentBase, tag=9, kw_only=True):
    """1-3 text displays beside an accessory (a button or a thumbnail)."""

    type: ClassVar[ComponentType] = ComponentType.SECTION
    components: list[SectionComponent]
    accessory: SectionAccessory


class MediaGallery(ComponentBase, tag=12, kw_only=True):
    """A grid of 1-10 images or videos."""

    type: ClassVar[ComponentType] = ComponentType.MEDIA_GALLERY
    items: list[MediaGalleryItem]


class File(ComponentBase, tag=13, kw_only=True):
    """An attached file, referenced as ``attachment://<filename>``."""

    type: ClassVar[ComponentType] = ComponentType.FILE
    file: UnfurledMedia
    spoiler: bool | None = None
    name: str | None = None
    """Filled in by Discord in messages it returns."""
    size: int | None = None
    """Filled in by Discord in messages it returns."""


class Separator(ComponentBase, tag=14, kw_only=True):
    """Vertical space, with or without a visible divider."""

    type: ClassVar[ComponentType] = ComponentType.SEPARATOR
    divider: bool | None = None
    spacing: SeparatorSpacing | None = None


ContainerComponent = (
    ActionRow
    | TextDisplay
    | Section
    | MediaGallery
    | Separator
    | File
    | UnknownComponent
)


class Container(ComponentBase, tag=17, kw_only=True):
    """A box around other components, with an optional accent color bar."""

    type: ClassVar[ComponentType] = ComponentType.CONTAINER
    components: list[ContainerComponent]
    accent_color: int | None = None
    """0x000000-0xFFFFFF."""
    spoiler: bool | None = None


MessageComponent = (
    ActionRow
    | Section
    | TextDisplay
    | MediaGallery
    | File
    | Separator
    | Container
    | UnknownComponent
)
"""What may stand at a message's top level (action rows only, without
IS_COMPONENTS_V2)."""

LabelComponent = (
    TextInput
    | StringSelect
    | UserSelect
    | RoleSelect
    | MentionableSelect
    | ChannelSelect
    | FileUpload
    | RadioGroup
    | CheckboxGroup
    | Checkbox
    | UnknownComponent
)


class Label(ComponentBase, tag=18, kw_only=True):
    """A modal item: a label and description around one input."""

    type: ClassVar[ComponentType] = ComponentType.LABEL
    label: str
    """1-45 characters."""
    component: LabelComponent
    description: str | None = None
    """At most 100 characters."""


ModalComponent = Label | TextDisplay | ModalActionRow | UnknownComponent
"""What may stand at a modal's top level."""

Component = (
    ActionRow
    | ModalActionRow
    | Button
    | StringSelect
    | TextInput
    | UserSelect
    | RoleSelect
    | MentionableSelect
    | ChannelSelect
    | Section
    | TextDisplay
    | Thumbnail
    | MediaGallery
    | File
    | Separator
    | Container
    | Label
    | FileUpload
    | RadioGroup
    | CheckboxGroup
    | Checkbox
    | UnknownComponent
)
"""Any component (for type annotations; not a decodable union)."""
