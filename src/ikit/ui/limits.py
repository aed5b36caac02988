"""Discord's rules for messages and modals: the one table ikit checks them from.

Each row is a :class:`Rule` with a key (what ``validate.py`` looks it up by), where it
applies, and its wording, which is what a :class:`ikit.errors.Violation` says. Three
kinds of row:

- :class:`Limit`: a number a length, a count or a value must stay within;
- :class:`Place`: what may stand somewhere (containment);
- :class:`Rule`: anything else (exclusive props, uniqueness, consistency).

Sources: the Discord API reference's sections on components and embeds, and Discord's
OpenAPI spec where it is stricter. ``docs/ui.md`` shows :func:`limits_markdown`, so
the docs say what this table says; a test keeps them equal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from ikit import models

__all__ = [
    "LIMITS",
    "PLACES",
    "RULES",
    "TABLE",
    "Limit",
    "Place",
    "Rule",
    "limits_markdown",
]

INT32_MAX = 2**31 - 1
COLOR_MAX = 0xFFFFFF


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule Discord keeps, in the words a violation of it uses."""

    key: str
    where: str
    text: str

    def broken(self, got: object = None) -> str:
        """The violation's wording, with what was found when that helps."""
        return self.text if got is None else f"{self.text} (got {got})"


@dataclass(frozen=True, slots=True)
class Limit(Rule):
    """A bound on a length (``unit`` characters), a count or a value (no unit).

    ``text`` states the whole range (for the docs); a violation states the bound
    that was crossed: ``an action row holds at most 5 buttons (got 6)``. ``unit`` is
    the plural noun alone, so that a bound of 1 can make it singular; ``after`` is
    what follows it, as written (``" together"``).
    """

    low: int | None = None
    high: int | None = None
    unit: str = ""
    subject: str = ""
    verb: str = "holds"
    after: str = ""

    def allows(self, number: int) -> bool:
        low_ok = self.low is None or number >= self.low
        return low_ok and (self.high is None or number <= self.high)

    def broken_by(self, number: int) -> str:
        """The wording of a violation by ``number``."""
        low: int | None = self.low
        high: int | None = self.high
        if low != high:
            # Name only the bound that was crossed.
            above = high is not None and number > high
            low, high = (None, high) if above else (low, None)

        unit = _unit(self.unit, low, high) + self.after
        return f"{_sentence(self.subject, self.verb, low, high, unit)} (got {number})"


@dataclass(frozen=True, slots=True)
class Place(Rule):
    """What may stand in one place of the tree."""

    allowed: tuple[type[models.ComponentBase], ...] = ()


def _bounds(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"exactly {low}" if low == high else f"{low} to {high}"

    return f"at least {low}" if high is None else f"at most {high}"


def _unit(unit: str, low: int | None, high: int | None) -> str:
    """``unit`` as the bound needs it: "at least 1 text display", "at most 3 text
    displays". The noun of a unit is its last word."""
    if (high if high is not None else low) != 1:
        return unit

    return unit.removesuffix("s")


def _sentence(
    subject: str, verb: str, low: int | None, high: int | None, unit: str
) -> str:
    if not unit:
        return f"{subject} is {_bounds(low, high)}"

    return f"{subject} {verb} {_bounds(low, high)} {unit}"


def _limit(
    key: str,
    where: str,
    subject: str,
    low: int | None,
    high: int | None,
    unit: str = "",
    *,
    verb: str = "holds",
    after: str = "",
) -> Limit:
    text = _sentence(subject, verb, low, high, _unit(unit, low, high) + after)
    return Limit(key, where, text, low, high, unit, subject, verb, after)


_V2_TOP = (
    models.ActionRow,
    models.ModalActionRow,
    models.Section,
    models.TextDisplay,
    models.MediaGallery,
    models.File,
    models.Separator,
    models.Container,
)
_IN_CONTAINER = (
    models.ActionRow,
    models.ModalActionRow,
    models.TextDisplay,
    models.Section,
    models.MediaGallery,
    models.Separator,
    models.File,
)
_SELECTS = (
    models.StringSelect,
    models.UserSelect,
    models.RoleSelect,
    models.MentionableSelect,
    models.ChannelSelect,
)
_INPUTS = (
    models.TextInput,
    *_SELECTS,
    models.FileUpload,
    models.RadioGroup,
    models.CheckboxGroup,
    models.Checkbox,
)

_MSG = "Message"
_V2 = "Message with IS_COMPONENTS_V2"
_ANY = "Any component"

TABLE: tuple[Rule, ...] = (
    # -- a message as a whole
    _limit("message.content", _MSG, "message content", None, 2000, "characters"),
    _limit("message.embeds", _MSG, "a message", None, 10, "embeds"),
    _limit("message.attachments", _MSG, "a message", None, 10, "attachments"),
    _limit(
        "message.embed_text",
        _MSG,
        "the embeds of a message",
        None,
        6000,
        "characters",
        verb="hold",
        after=" together (titles, descriptions, field names and values, footer "
        "texts, author names)",
    ),
    Rule(
        "message.flags",
        _MSG,
        "a message an app sends may set only SUPPRESS_EMBEDS, EPHEMERAL, "
        "IS_COMPONENTS_V2, IS_VOICE_MESSAGE and SUPPRESS_NOTIFICATIONS",
    ),
    _limit(
        "message.action_rows",
        "Message without IS_COMPONENTS_V2",
        "a message without IS_COMPONENTS_V2",
        None,
        5,
        "action rows",
    ),
    Place(
        "place.message",
        "Message without IS_COMPONENTS_V2",
        "a message without IS_COMPONENTS_V2 holds only action rows",
        allowed=(models.ActionRow, models.ModalActionRow),
    ),
    Rule(
        "message.v2_only",
        _V2,
        "a message with IS_COMPONENTS_V2 takes no content, embeds or poll: "
        "put text in a TextDisplay",
    ),
    _limit(
        "message.components",
        _V2,
        "a Components V2 message",
        None,
        40,
        "components",
        after=", nested ones included",
    ),
    Place(
        "place.message_v2",
        _V2,
        "a Components V2 message holds action rows, sections, text displays, "
        "media galleries, files, separators and containers",
        allowed=_V2_TOP,
    ),
    _limit(
        "message.text",
        "Message, modal",
        "the text displays of a message or modal",
        None,
        4000,
        "characters",
        verb="hold",
        after=" together",
    ),
    _limit(
        "attachment.description", _MSG, "attachment alt text", None, 1024, "characters"
    ),
    _limit("mentions.users", _MSG, "allowed_mentions.users", None, 100, "ids"),
    _limit("mentions.roles", _MSG, "allowed_mentions.roles", None, 100, "ids"),
    Rule(
        "mentions.exclusive",
        _MSG,
        "allowed_mentions cannot both parse users (or roles) and list them",
    ),
    # -- every component
    _limit("custom_id", _ANY, "a custom_id", 1, 100, "characters"),
    Rule("custom_id.unique", _ANY, "custom_ids are unique within a message or modal"),
    _limit("component.id", _ANY, "a component id", 0, INT32_MAX),
    Rule("id.unique", _ANY, "component ids are unique within a message or modal"),
    Rule(
        "unknown",
        _ANY,
        "ikit cannot check a component type it does not know: build it with ikit.ui",
    ),
    # -- layout
    _limit("action_row.buttons", "Action row", "an action row", 1, 5, "buttons"),
    _limit("action_row.selects", "Action row", "an action row", 1, 1, "selects"),
    Rule("action_row.mixed", "Action row", "buttons and a select never share a row"),
    Place(
        "place.action_row",
        "Action row",
        "an action row in a message holds buttons and selects",
        allowed=(models.Button, *_SELECTS),
    ),
    _limit("container.components", "Container", "a container", 1, None, "components"),
    _limit("container.accent_color", "Container", "accent_color", 0, COLOR_MAX),
    Place(
        "place.container",
        "Container",
        "a container holds action rows, text displays, sections, media galleries, "
        "separators and files",
        allowed=_IN_CONTAINER,
    ),
    _limit("section.components", "Section", "a section", 1, 3, "text displays"),
    Place(
        "place.section",
        "Section",
        "a section holds text displays",
        allowed=(models.TextDisplay,),
    ),
    Place(
        "place.accessory",
        "Section",
        "a section's accessory is a button or a thumbnail",
        allowed=(models.Button, models.Thumbnail),
    ),
    # -- content
    _limit(
        "text_display.content", "Text display", "a text display", 1, None, "characters"
    ),
    _limit("media.url", "Media", "a media URL", None, 2048, "characters"),
    Rule(
        "media.scheme",
        "Media",
        "a media URL starts with https://, http:// or attachment://",
    ),
    _limit("media.description", "Media", "alt text", 1, 1024, "characters"),
    _limit("media_gallery.items", "Media gallery", "a media gallery", 1, 10, "items"),
    Rule(
        "file.attachment",
        "File",
        "a File component shows an uploaded file: its url starts with attachment://",
    ),
    # -- buttons
    _limit("button.label", "Button", "a button label", None, 80, "characters"),
    _limit("button.url", "Button", "a button url", None, 512, "characters"),
    _limit("emoji.name", "Button, select option", "an emoji name", 1, 32, "characters"),
    Rule(
        "button.interactive",
        "Button",
        "a primary, secondary, success or danger button needs a custom_id and "
        "takes no url or sku_id",
    ),
    Rule(
        "button.link",
        "Button",
        "a link button needs a url and takes no custom_id or sku_id",
    ),
    Rule(
        "button.premium",
        "Button",
        "a premium button needs a sku_id and takes no custom_id, label, url or emoji",
    ),
    # -- selects
    _limit("select.placeholder", "Select", "a placeholder", None, 150, "characters"),
    _limit("select.options", "String select", "a string select", 1, 25, "options"),
    _limit("select.min_values", "Select", "min_values", 0, 25),
    _limit("select.max_values", "Select", "max_values", 1, 25),
    _limit("select.default_values", "Select", "a select", None, 25, "default values"),
    Rule(
        "values.order",
        "Select, file upload, checkbox group",
        "min_values is at most max_values",
    ),
    Rule(
        "values.options",
        "String select, checkbox group",
        "max_values is at most the number of options",
    ),
    Rule(
        "values.required",
        "Input in a modal",
        "a required input needs min_values of at least 1 "
        "(required is true unless set to false)",
    ),
    Rule(
        "select.default_options",
        "String select",
        "a string select marks at most max_values options as default",
    ),
    Rule(
        "select.defaults_count",
        "User, role, mentionable, channel select",
        "the number of default_values lies between min_values and max_values",
    ),
    Rule(
        "select.default_type",
        "User, role, mentionable, channel select",
        "a default value's type is one the select offers (user select: user, role "
        "select: role, channel select: channel, mentionable select: user or role)",
    ),
    Rule(
        "select.channel_types",
        "Channel select",
        "channel_types lists each channel type once",
    ),
    _limit("option.label", "Option", "an option label", 1, 100, "characters"),
    _limit("option.value", "Option", "an option value", 1, 100, "characters"),
    _limit(
        "option.description", "Option", "an option description", None, 100, "characters"
    ),
    # -- modals
    _limit("modal.title", "Modal", "a modal title", 1, 45, "characters"),
    _limit("modal.components", "Modal", "a modal", 1, 5, "components"),
    Place(
        "place.modal",
        "Modal",
        "a modal holds labels, text displays and (deprecated) action rows",
        allowed=(
            models.Label,
            models.TextDisplay,
            models.ActionRow,
            models.ModalActionRow,
        ),
    ),
    _limit(
        "modal_action_row.inputs", "Modal", "an action row in a modal", 1, 1, "inputs"
    ),
    Place(
        "place.modal_action_row",
        "Modal",
        "an action row in a modal holds a text input",
        allowed=(models.TextInput,),
    ),
    Rule("modal.disabled", "Modal", "a modal holds no disabled components"),
    _limit("label.label", "Label", "a label", 1, 45, "characters"),
    _limit("label.description", "Label", "a label description", 1, 100, "characters"),
    Place(
        "place.label",
        "Label",
        "a label holds a text input, a select, a file upload, a radio group, "
        "a checkbox group or a checkbox",
        allowed=_INPUTS,
    ),
    Rule(
        "label.text_input",
        "Label",
        "a text input inside a label takes no label of its own",
    ),
    _limit("text_input.label", "Text input", "a text input label", 1, 45, "characters"),
    _limit(
        "text_input.value", "Text input", "a text input value", None, 4000, "characters"
    ),
    _limit(
        "text_input.placeholder", "Text input", "a placeholder", None, 100, "characters"
    ),
    _limit("text_input.min_length", "Text input", "min_length", 0, 4000),
    _limit("text_input.max_length", "Text input", "max_length", 1, 4000),
    Rule("text_input.lengths", "Text input", "min_length is at most max_length"),
    _limit("file_upload.min_values", "File upload", "min_values", 0, 10),
    _limit("file_upload.max_values", "File upload", "max_values", 1, 10),
    _limit("file_upload.file_types", "File upload", "file_types", None, 10, "types"),
    Rule(
        "file_upload.file_type",
        "File upload",
        "a file type is image, video, audio or an extension such as .pdf",
    ),
    _limit("radio_group.options", "Radio group", "a radio group", 2, 10, "options"),
    _limit(
        "radio_group.defaults",
        "Radio group",
        "a radio group",
        None,
        1,
        "default options",
    ),
    _limit(
        "checkbox_group.options", "Checkbox group", "a checkbox group", 1, 10, "options"
    ),
    _limit("checkbox_group.min_values", "Checkbox group", "min_values", 0, 10),
    _limit("checkbox_group.max_values", "Checkbox group", "max_values", 1, 10),
    # -- embeds
    _limit("embed.title", "Embed", "an embed title", None, 256, "characters"),
    _limit(
        "embed.description", "Embed", "an embed description", None, 4096, "characters"
    ),
    _limit("embed.fields", "Embed", "an embed", None, 25, "fields"),
    _limit("embed.field_name", "Embed", "a field name", None, 256, "characters"),
    _limit("embed.field_value", "Embed", "a field value", None, 1024, "characters"),
    _limit("embed.footer_text", "Embed", "a footer text", None, 2048, "characters"),
    _limit("embed.author_name", "Embed", "an author name", None, 256, "characters"),
    _limit("embed.url", "Embed", "an embed URL", None, 2048, "characters"),
    _limit("embed.color", "Embed", "color", 0, COLOR_MAX),
    Rule(
        "embed.sent_fields",
        "Embed",
        "an embed an app sends has no type but rich, no provider or video, and no "
        "height, width or proxy_url on its image or thumbnail",
    ),
)

R = TypeVar("R", bound=Rule)


def _index(kind: type[R]) -> Mapping[str, R]:
    return {rule.key: rule for rule in TABLE if type(rule) is kind}


RULES: Mapping[str, Rule] = _index(Rule)
LIMITS: Mapping[str, Limit] = _index(Limit)
PLACES: Mapping[str, Place] = _index(Place)


def limits_markdown() -> str:
    """The table as markdown, for ``docs/ui.md``."""
    lines = ["| where | rule |", "| --- | --- |"]
    lines += [f"| {rule.where} | {_cell(rule.text)} |" for rule in TABLE]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
