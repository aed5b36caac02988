"""Checking a whole message or modal against Discord's rules.

Theory of operation. One walk visits the tree depth first, in document order, with
the path of each node from the root (``components[0].components[5]``). Each node is
checked against its :class:`~ikit.ui.limits.Place` (what may stand there) and then by
the check for its type. The walk keeps the state that rules about the whole tree need:
the custom_ids and component ids seen (unique per message or modal), the number of
components (40 in a Components V2 message) and the characters of text displays (4000
per message); those totals are reported once, at the first node past the limit.

Every rule's wording comes from the table in ``limits.py``; this module only decides
where a rule is broken. Nothing stops at the first violation: the caller gets them all.
Embeds are checked in ``_embeds.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence, Sized
from typing import Any

from msgspec import UNSET

from ikit import models
from ikit.errors import BuildError, Violation
from ikit.models import ButtonStyle, ComponentBase, MessageFlags
from ikit.ui._embeds import check_embeds
from ikit.ui.files import MessageWithFiles
from ikit.ui.limits import LIMITS, PLACES, RULES

__all__ = [
    "message_violations",
    "modal_violations",
    "validate_message",
    "validate_modal",
]

SENDABLE_FLAGS = (
    MessageFlags.SUPPRESS_EMBEDS
    | MessageFlags.EPHEMERAL
    | MessageFlags.IS_COMPONENTS_V2
    | MessageFlags.IS_VOICE_MESSAGE
    | MessageFlags.SUPPRESS_NOTIFICATIONS
)
_FILE_TYPE = re.compile(r"(image|video|audio|\.[a-z0-9]+)", re.IGNORECASE)
_MEDIA_SCHEMES = ("https://", "http://", "attachment://")
_TEXT_MAX = LIMITS["message.text"].high or 0
_SELECTS = (
    models.StringSelect,
    models.UserSelect,
    models.RoleSelect,
    models.MentionableSelect,
    models.ChannelSelect,
)
_DEFAULT_TYPES = {
    models.UserSelect: ("user",),
    models.RoleSelect: ("role",),
    models.ChannelSelect: ("channel",),
    models.MentionableSelect: ("user", "role"),
}

Message = models.MessagePayload | models.MessageEdit | MessageWithFiles


def at(path: str, field: str) -> str:
    """The path of ``field`` below ``path``."""
    return f"{path}.{field}" if path else field


class Walk:
    """The state of one check of a message or modal, and the checks of its parts."""

    def __init__(self, *, modal: bool, max_components: int | None = None) -> None:
        self.modal = modal
        self.max_components = max_components
        self.violations: list[Violation] = []
        self._custom_ids: dict[str, str] = {}
        self._ids: dict[int, str] = {}
        self._components = 0
        self._over_components: str | None = None
        self._text = 0
        self._over_text: str | None = None

    # -- reporting

    def add(self, path: str, key: str, got: object = None) -> None:
        rule = RULES.get(key) or LIMITS.get(key) or PLACES[key]
        self.violations.append(Violation(path, rule.broken(got)))

    def limit(self, path: str, number: int, key: str) -> None:
        limit = LIMITS[key]
        if not limit.allows(number):
            self.violations.append(Violation(path, limit.broken_by(number)))

    def length(self, path: str, text: str | None, key: str) -> None:
        if text is not None:
            self.limit(path, len(text), key)

    def number(self, path: str, value: int | None, key: str) -> None:
        if value is not None:
            self.limit(path, value, key)

    def count(self, path: str, items: Sized, key: str) -> None:
        """A count of items: past the maximum, the path names the first extra one."""
        high = LIMITS[key].high
        over = high is not None and len(items) > high
        self.limit(f"{path}[{high}]" if over else path, len(items), key)

    def finish(self) -> list[Violation]:
        """The violations, with the whole-tree totals added."""
        if self._over_components is not None:
            self.limit(self._over_components, self._components, "message.components")

        if self._over_text is not None:
            self.limit(self._over_text, self._text, "message.text")

        return self.violations

    # -- walking

    def children(self, path: str, nodes: Sequence[object], place: str) -> None:
        for index, node in enumerate(nodes):
            self.component(f"{path}[{index}]", node, place)

    def component(self, path: str, node: object, place: str) -> None:
        if not isinstance(node, ComponentBase) or isinstance(
            node, models.UnknownComponent
        ):
            self.add(path, "unknown", _kind(node))
            return

        if not isinstance(node, PLACES[place].allowed):
            self.add(path, place, _kind(node))

        self._common(path, node)
        _CHECKS[type(node)](self, path, node)

    def _common(self, path: str, node: ComponentBase) -> None:
        self._components += 1
        if self.max_components is not None and self._components > self.max_components:
            self._over_components = self._over_components or path

        self._unique_id(path, node.id)
        custom_id = getattr(node, "custom_id", None)
        if isinstance(custom_id, str):
            self.custom_id(at(path, "custom_id"), custom_id)

        if self.modal and getattr(node, "disabled", None):
            self.add(at(path, "disabled"), "modal.disabled")

    def _unique_id(self, path: str, value: int | None) -> None:
        # Discord fills in ids left out, and reads 0 as left out.
        if not value:
            return

        self.number(at(path, "id"), value, "component.id")
        first = self._ids.setdefault(value, path)
        if first != path:
            self.add(at(path, "id"), "id.unique", f"{value}, also at {first}")

    def custom_id(self, path: str, value: str) -> None:
        self.length(path, value, "custom_id")
        first = self._custom_ids.setdefault(value, path)
        if first != path:
            self.add(path, "custom_id.unique", f"{value!r}, also at {first}")

    def text(self, path: str, content: str) -> None:
        self._text += len(content)
        if self._text > _TEXT_MAX:
            self._over_text = self._over_text or path


def _kind(node: object) -> str:
    """``a button``, ``an action row``: how a violation names what it found."""
    if isinstance(node, models.UnknownComponent):
        return f"a component of unknown type {int(node.type)}"

    if isinstance(node, ComponentBase):
        name = node.type.name.lower().replace("_", " ")  # type: ignore[attr-defined]
        # "a user select": no component's name starts with a vowel sound in u.
        article = "an" if name[0] in "aeio" else "a"
        return f"{article} {name}"

    return f"{type(node).__name__} {node!r}"


# -- layout ---------------------------------------------------------------------------


def _action_row(walk: Walk, path: str, row: Any) -> None:
    items: list[object] = row.components
    inner = at(path, "components")
    if walk.modal:
        walk.count(inner, items, "modal_action_row.inputs")
        walk.children(inner, items, "place.modal_action_row")
        return

    buttons = [item for item in items if isinstance(item, models.Button)]
    if buttons and len(buttons) < len(items) and _has_select(items):
        walk.add(inner, "action_row.mixed")
    elif _has_select(items):
        walk.count(inner, items, "action_row.selects")
    else:
        walk.count(inner, items, "action_row.buttons")

    walk.children(inner, items, "place.action_row")


def _has_select(items: list[object]) -> bool:
    return any(isinstance(item, _SELECTS) for item in items)


def _container(walk: Walk, path: str, box: models.Container) -> None:
    inner = at(path, "components")
    walk.count(inner, box.components, "container.components")
    walk.children(inner, box.components, "place.container")
    walk.number(at(path, "accent_color"), box.accent_color, "container.accent_color")


def _section(walk: Walk, path: str, section: models.Section) -> None:
    inner = at(path, "components")
    walk.count(inner, section.components, "section.components")
    walk.children(inner, section.components, "place.section")
    walk.component(at(path, "accessory"), section.accessory, "place.accessory")


def _label(walk: Walk, path: str, label: models.Label) -> None:
    walk.length(at(path, "label"), label.label, "label.label")
    walk.length(at(path, "description"), label.description, "label.description")
    inner = at(path, "component")
    walk.component(inner, label.component, "place.label")
    if isinstance(label.component, models.TextInput) and label.component.label:
        walk.add(at(inner, "label"), "label.text_input")


# -- content --------------------------------------------------------------------------


def _text_display(walk: Walk, path: str, display: models.TextDisplay) -> None:
    inner = at(path, "content")
    walk.length(inner, display.content, "text_display.content")
    walk.text(inner, display.content)


def _media(walk: Walk, path: str, media: models.UnfurledMedia) -> None:
    inner = at(path, "url")
    walk.length(inner, media.url, "media.url")
    if not media.url.startswith(_MEDIA_SCHEMES):
        walk.add(inner, "media.scheme", repr(media.url[:40]))


def _thumbnail(walk: Walk, path: str, thumbnail: models.Thumbnail) -> None:
    _media(walk, at(path, "media"), thumbnail.media)
    walk.length(at(path, "description"), thumbnail.description, "media.description")


def _gallery(walk: Walk, path: str, gallery: models.MediaGallery) -> None:
    inner = at(path, "items")
    walk.count(inner, gallery.items, "media_gallery.items")
    for index, item in enumerate(gallery.items):
        item_path = f"{inner}[{index}]"
        _media(walk, at(item_path, "media"), item.media)
        walk.length(at(item_path, "description"), item.description, "media.description")


def _file(walk: Walk, path: str, file: models.File) -> None:
    inner = at(path, "file")
    _media(walk, inner, file.file)
    if not file.file.url.startswith("attachment://"):
        walk.add(at(inner, "url"), "file.attachment", repr(file.file.url[:40]))


def _nothing(walk: Walk, path: str, node: object) -> None:
    """Components with no rules of their own (a separator, a checkbox)."""


# -- buttons --------------------------------------------------------------------------


def _button(walk: Walk, path: str, button: models.Button) -> None:
    walk.length(at(path, "label"), button.label, "button.label")
    walk.length(at(path, "url"), button.url, "button.url")
    _emoji(walk, at(path, "emoji"), button.emoji)
    key, needs, forbids = _BUTTON_RULES.get(button.style, _INTERACTIVE)
    wrong = [name for name in forbids if getattr(button, name) is not None]
    if getattr(button, needs) is None:
        wrong.insert(0, f"no {needs}")

    if wrong:
        walk.add(path, key, f"{button.style.name.lower()} with {', '.join(wrong)}")


# style -> (rule, the prop it needs, the props it forbids)
_INTERACTIVE = ("button.interactive", "custom_id", ("url", "sku_id"))
_BUTTON_RULES: dict[ButtonStyle, tuple[str, str, tuple[str, ...]]] = {
    ButtonStyle.LINK: ("button.link", "url", ("custom_id", "sku_id")),
    ButtonStyle.PREMIUM: (
        "button.premium",
        "sku_id",
        ("custom_id", "label", "url", "emoji"),
    ),
}


def _emoji(walk: Walk, path: str, emoji: models.ComponentEmoji | None) -> None:
    if emoji is not None:
        walk.length(at(path, "name"), emoji.name or "", "emoji.name")


# -- selects and inputs ---------------------------------------------------------------


def _values(
    walk: Walk, path: str, node: Any, prefix: str, default_high: int = 1
) -> None:
    """min_values and max_values: each in range, in order, and required's rule.

    A max_values left out is Discord's default (1, or a checkbox group's number of
    options), which min_values must not pass either.
    """
    low: int | None = node.min_values
    high: int | None = node.max_values
    walk.number(at(path, "min_values"), low, f"{prefix}.min_values")
    walk.number(at(path, "max_values"), high, f"{prefix}.max_values")
    effective_high = default_high if high is None else high
    if low is not None and low > effective_high:
        walk.add(at(path, "min_values"), "values.order", f"{low} > {effective_high}")

    # Messages ignore `required`; in a modal it defaults to true.
    if walk.modal and node.required is not False and low == 0:
        walk.add(at(path, "min_values"), "values.required", "min_values=0")


def _select(walk: Walk, path: str, select: Any) -> None:
    walk.length(at(path, "placeholder"), select.placeholder, "select.placeholder")
    _values(walk, path, select, "select")


def _string_select(walk: Walk, path: str, select: models.StringSelect) -> None:
    _select(walk, path, select)
    inner = at(path, "options")
    walk.count(inner, select.options, "select.options")
    for index, option in enumerate(select.options):
        _option(walk, f"{inner}[{index}]", option)
        _emoji(walk, f"{inner}[{index}].emoji", option.emoji)

    high = 1 if select.max_values is None else select.max_values
    _fits_options(walk, path, high, len(select.options))
    defaults = sum(1 for option in select.options if option.default)
    if defaults > high:
        walk.add(inner, "select.default_options", f"{defaults} > {high}")


def _fits_options(walk: Walk, path: str, high: int, options: int) -> None:
    if options and high > options:
        walk.add(at(path, "max_values"), "values.options", f"{high} > {options}")


def _option(walk: Walk, path: str, option: Any) -> None:
    walk.length(at(path, "label"), option.label, "option.label")
    walk.length(at(path, "value"), option.value, "option.value")
    walk.length(at(path, "description"), option.description, "option.description")


def _auto_select(walk: Walk, path: str, select: Any) -> None:
    _select(walk, path, select)
    values: list[models.SelectDefaultValue] = select.default_values or []
    inner = at(path, "default_values")
    walk.count(inner, values, "select.default_values")
    low = 1 if select.min_values is None else select.min_values
    high = 1 if select.max_values is None else select.max_values
    if values and not low <= len(values) <= high:
        walk.add(inner, "select.defaults_count", f"{len(values)}, not {low}-{high}")

    allowed = _DEFAULT_TYPES[type(select)]
    for index, value in enumerate(values):
        if value.type not in allowed:
            walk.add(f"{inner}[{index}].type", "select.default_type", repr(value.type))


def _channel_select(walk: Walk, path: str, select: models.ChannelSelect) -> None:
    _auto_select(walk, path, select)
    kinds = select.channel_types or []
    if len(set(kinds)) < len(kinds):
        walk.add(at(path, "channel_types"), "select.channel_types")


def _text_input(walk: Walk, path: str, field: models.TextInput) -> None:
    walk.length(at(path, "label"), field.label, "text_input.label")
    walk.length(at(path, "value"), field.value, "text_input.value")
    walk.length(at(path, "placeholder"), field.placeholder, "text_input.placeholder")
    low, high = field.min_length, field.max_length
    walk.number(at(path, "min_length"), low, "text_input.min_length")
    walk.number(at(path, "max_length"), high, "text_input.max_length")
    if low is not None and high is not None and low > high:
        walk.add(at(path, "min_length"), "text_input.lengths", f"{low} > {high}")


def _file_upload(walk: Walk, path: str, upload: models.FileUpload) -> None:
    _values(walk, path, upload, "file_upload")
    inner = at(path, "file_types")
    kinds = upload.file_types or []
    walk.count(inner, kinds, "file_upload.file_types")
    for index, kind in enumerate(kinds):
        if not _FILE_TYPE.fullmatch(kind):
            walk.add(f"{inner}[{index}]", "file_upload.file_type", repr(kind))


def _radio_group(walk: Walk, path: str, group: models.RadioGroup) -> None:
    inner = at(path, "options")
    walk.count(inner, group.options, "radio_group.options")
    for index, option in enumerate(group.options):
        _option(walk, f"{inner}[{index}]", option)

    defaults = sum(1 for option in group.options if option.default)
    walk.limit(inner, defaults, "radio_group.defaults")


def _checkbox_group(walk: Walk, path: str, group: models.CheckboxGroup) -> None:
    _values(walk, path, group, "checkbox_group", len(group.options))
    inner = at(path, "options")
    walk.count(inner, group.options, "checkbox_group.options")
    for index, option in enumerate(group.options):
        _option(walk, f"{inner}[{index}]", option)

    if group.max_values is not None:
        _fits_options(walk, path, group.max_values, len(group.options))


_CHECKS: dict[type, Callable[[Walk, str, Any], None]] = {
    models.ActionRow: _action_row,
    models.ModalActionRow: _action_row,
    models.Button: _button,
    models.StringSelect: _string_select,
    models.UserSelect: _auto_select,
    models.RoleSelect: _auto_select,
    models.MentionableSelect: _auto_select,
    models.ChannelSelect: _channel_select,
    models.TextInput: _text_input,
    models.Section: _section,
    models.TextDisplay: _text_display,
    models.Thumbnail: _thumbnail,
    models.MediaGallery: _gallery,
    models.File: _file,
    models.Separator: _nothing,
    models.Container: _container,
    models.Label: _label,
    models.FileUpload: _file_upload,
    models.RadioGroup: _radio_group,
    models.CheckboxGroup: _checkbox_group,
    models.Checkbox: _nothing,
}


# -- the roots ------------------------------------------------------------------------


def message_violations(message: Message) -> list[Violation]:
    """Every rule ``message`` breaks, in document order (empty when it is valid).

    Takes what ``ui.Message`` returns, or a hand-built payload or edit.
    """
    payload = message.payload if isinstance(message, MessageWithFiles) else message
    flags = MessageFlags(_field(payload, "flags") or 0)
    v2 = MessageFlags.IS_COMPONENTS_V2 in flags
    walk = Walk(modal=False, max_components=LIMITS["message.components"].high)
    if not v2:
        walk.max_components = None

    _check_flags(walk, flags)
    _check_content(walk, payload, v2)
    _check_components(walk, _field(payload, "components") or [], v2)
    check_embeds(walk, _field(payload, "embeds") or [])
    _check_attachments(walk, _field(payload, "attachments") or [])
    _check_mentions(walk, _field(payload, "allowed_mentions"))
    return walk.finish()


def _field(payload: object, name: str) -> Any:
    value = getattr(payload, name)
    return None if value is UNSET else value


def _check_flags(walk: Walk, flags: MessageFlags) -> None:
    extra = flags & ~SENDABLE_FLAGS
    if extra:
        walk.add("flags", "message.flags", extra.name or int(extra))


def _check_content(walk: Walk, payload: object, v2: bool) -> None:
    content: str | None = _field(payload, "content")
    walk.length("content", content, "message.content")
    if not v2:
        return

    for name in ("content", "embeds", "poll"):
        if _field(payload, name):
            walk.add(name, "message.v2_only")


def _check_components(walk: Walk, components: list[object], v2: bool) -> None:
    if v2:
        walk.children("components", components, "place.message_v2")
        return

    walk.count("components", components, "message.action_rows")
    walk.children("components", components, "place.message")


def _check_attachments(walk: Walk, attachments: list[models.AttachmentPayload]) -> None:
    walk.count("attachments", attachments, "message.attachments")
    for index, attachment in enumerate(attachments):
        path = f"attachments[{index}].description"
        walk.length(path, attachment.description, "attachment.description")


def _check_mentions(walk: Walk, mentions: models.AllowedMentions | None) -> None:
    if mentions is None:
        return

    parse = mentions.parse or []
    for name in ("users", "roles"):
        listed: list[int] = getattr(mentions, name) or []
        path = f"allowed_mentions.{name}"
        walk.count(path, listed, f"mentions.{name}")
        if listed and name in parse:
            walk.add(path, "mentions.exclusive", f"parse={parse!r}")


def modal_violations(modal: models.Modal) -> list[Violation]:
    """Every rule ``modal`` breaks, in document order (empty when it is valid)."""
    walk = Walk(modal=True)
    # Discord wants custom_ids unique among the components only: a modal may share
    # its own with one of its inputs.
    walk.length("custom_id", modal.custom_id, "custom_id")
    walk.length("title", modal.title, "modal.title")
    walk.count("components", modal.components, "modal.components")
    walk.children("components", modal.components, "place.modal")
    return walk.finish()


def validate_message(message: Message) -> None:
    """Raise one :class:`~ikit.errors.BuildError` listing every rule ``message``
    breaks; return quietly when it keeps them all."""
    violations = message_violations(message)
    if violations:
        raise BuildError(violations, root="message")


def validate_modal(modal: models.Modal) -> None:
    """Raise one :class:`~ikit.errors.BuildError` listing every rule ``modal``
    breaks; return quietly when it keeps them all."""
    violations = modal_violations(modal)
    if violations:
        raise BuildError(violations, root="modal")
