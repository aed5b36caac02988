"""The JSX-like builder for messages, embeds, components and modals.

One element per Discord component, named as Discord names it; children positional,
props as keywords. Every element returns the :mod:`ikit.models` struct itself, so
``ikit.models.encode(element)`` is Discord's JSON::

    from ikit import ui

    message = ui.Message(
        ui.Container(
            "## Settings",
            ui.Section("Notifications", accessory=ui.Button("Toggle", custom_id="t")),
            accent_color=0x5865F2,
        )
    )

``None``, ``False`` and ``True`` children vanish and lists flatten, so conditions and
loops are plain Python. ``ui.Message`` and ``ui.Modal`` check the whole tree against
Discord's rules (the table in :mod:`ikit.ui.limits`) and raise one
:class:`ikit.errors.BuildError` that lists every violation with its path;
:func:`validate_message` and :func:`validate_modal` run the same check on any payload.

The markdown helpers of :mod:`ikit.ui.markdown` are here too (``ui.bold``, ...).
"""

from __future__ import annotations

from ikit.ui import markdown
from ikit.ui.components import (
    ActionRow,
    Button,
    ButtonStyleName,
    Container,
    File,
    MediaGallery,
    MediaGalleryItem,
    Section,
    Separator,
    SeparatorSpacingName,
    TextDisplay,
    Thumbnail,
)
from ikit.ui.embed import Embed, EmbedAuthor, EmbedField, EmbedFooter
from ikit.ui.files import MessageWithFiles, Upload
from ikit.ui.inputs import (
    Checkbox,
    CheckboxGroup,
    CheckboxGroupOption,
    FileUpload,
    Label,
    RadioGroup,
    RadioGroupOption,
    TextInput,
    TextInputStyleName,
)
from ikit.ui.limits import limits_markdown
from ikit.ui.markdown import *  # noqa: F403
from ikit.ui.markdown import __all__ as _markdown
from ikit.ui.message import AllowedMentions, Message
from ikit.ui.modal import Modal
from ikit.ui.selects import (
    ChannelSelect,
    ChannelTypeName,
    DefaultValueType,
    MentionableSelect,
    RoleSelect,
    SelectOption,
    StringSelect,
    UserSelect,
    default_value,
)
from ikit.ui.validate import (
    message_violations,
    modal_violations,
    validate_message,
    validate_modal,
)

__all__ = [
    "ActionRow",
    "AllowedMentions",
    "Button",
    "ButtonStyleName",
    "ChannelSelect",
    "ChannelTypeName",
    "Checkbox",
    "CheckboxGroup",
    "CheckboxGroupOption",
    "Container",
    "DefaultValueType",
    "Embed",
    "EmbedAuthor",
    "EmbedField",
    "EmbedFooter",
    "File",
    "FileUpload",
    "Label",
    "MediaGallery",
    "MediaGalleryItem",
    "MentionableSelect",
    "Message",
    "MessageWithFiles",
    "Modal",
    "RadioGroup",
    "RadioGroupOption",
    "RoleSelect",
    "Section",
    "SelectOption",
    "Separator",
    "SeparatorSpacingName",
    "StringSelect",
    "TextDisplay",
    "TextInput",
    "TextInputStyleName",
    "Thumbnail",
    "Upload",
    "UserSelect",
    "default_value",
    "limits_markdown",
    "markdown",
    "message_violations",
    "modal_violations",
    "validate_message",
    "validate_modal",
    *_markdown,
]
