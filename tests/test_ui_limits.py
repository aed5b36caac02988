"""One case per rule of the table in ikit.ui.limits: each breaks that rule alone (or
first), and pins the path and the wording of the violation it gets."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from ikit import models, ui
from ikit.errors import BuildError
from ikit.models import MessageFlags
from ikit.ui.limits import LIMITS, PLACES, RULES, TABLE, Limit


@dataclass(frozen=True)
class Upload:
    """The least an upload needs to be (what ikit.rest.File offers)."""

    filename: str
    description: str | None = None


def anything(value: object) -> Any:
    """A value the type checker would refuse, to show the runtime check too."""
    return value


def btn(n: int = 0, **props: Any) -> models.Button:
    return ui.Button(f"b{n}", custom_id=f"b{n}", **props)


def row(*children: models.ActionRowComponent) -> models.ActionRow:
    return ui.ActionRow(*children)


def message(*children: object, **props: Any) -> Callable[[], object]:
    return lambda: ui.Message(*anything(children), **props)


def payload(**fields: Any) -> Callable[[], object]:
    return lambda: ui.validate_message(models.MessagePayload(**fields))


def modal(*children: object, title: str = "Form") -> Callable[[], object]:
    return lambda: ui.Modal(*anything(children), custom_id="form", title=title)


def in_row(node: object) -> Callable[[], object]:
    return message(ui.ActionRow(anything(node)))


def labelled(node: object) -> Callable[[], object]:
    return modal(ui.Label("Field", anything(node)))


def text_input(**props: Any) -> object:
    return ui.TextInput(custom_id="t", **props)


def select(**props: Any) -> object:
    return ui.StringSelect("a", "b", custom_id="s", **props)


def section(*texts: str, accessory: object = None) -> models.Section:
    return ui.Section(
        *texts, accessory=anything(accessory or ui.Thumbnail("https://x.test/a.png"))
    )


def embed(**props: Any) -> Callable[[], object]:
    return message(ui.Embed(**props))


LONG_URL = "https://x.test/" + "a" * 2034  # 2049 characters
ROW0 = "components[0].components[0]"
LABEL0 = "components[0].component"
EMBED_TEXT = (
    "the embeds of a message hold at most 6000 characters together (titles, "
    "descriptions, field names and values, footer texts, author names)"
)
V2_TOP = (
    "a Components V2 message holds action rows, sections, text displays, media "
    "galleries, files, separators and containers"
)
IN_CONTAINER = (
    "a container holds action rows, text displays, sections, media galleries, "
    "separators and files"
)
IN_LABEL = (
    "a label holds a text input, a select, a file upload, a radio group, a checkbox "
    "group or a checkbox"
)
FLAGS = (
    "a message an app sends may set only SUPPRESS_EMBEDS, EPHEMERAL, "
    "IS_COMPONENTS_V2, IS_VOICE_MESSAGE and SUPPRESS_NOTIFICATIONS"
)
REQUIRED = (
    "a required input needs min_values of at least 1 (required is true unless set "
    "to false)"
)
SENT_FIELDS = (
    "an embed an app sends has no type but rich, no provider or video, and no height, "
    "width or proxy_url on its image or thumbnail"
)
ALT = "d" * 1025
DEFAULT_TYPE = (
    "a default value's type is one the select offers (user select: user, role "
    "select: role, channel select: channel, mentionable select: user or role)"
)

# (rule key, what breaks it, the violation expected among those raised)
CASES: list[tuple[str, Callable[[], object], str]] = [
    # -- a message as a whole
    (
        "message.content",
        message(content="x" * 2001),
        "content: message content holds at most 2000 characters (got 2001)",
    ),
    (
        "message.embeds",
        message([ui.Embed(title="t")] * 11),
        "embeds[10]: a message holds at most 10 embeds (got 11)",
    ),
    (
        "message.attachments",
        message(content="x", files=[Upload(f"{n}.txt") for n in range(11)]),
        "attachments[10]: a message holds at most 10 attachments (got 11)",
    ),
    (
        "message.embed_text",
        message(ui.Embed(description="x" * 4000), ui.Embed(description="y" * 2001)),
        f"embeds[1]: {EMBED_TEXT} (got 6001)",
    ),
    (
        "message.flags",
        message(content="x", flags=MessageFlags.CROSSPOSTED),
        f"flags: {FLAGS} (got CROSSPOSTED)",
    ),
    (
        "message.action_rows",
        message([row(btn(n)) for n in range(6)]),
        "components[5]: a message without IS_COMPONENTS_V2 holds at most 5 action "
        "rows (got 6)",
    ),
    (
        "place.message",
        payload(components=[models.TextDisplay(content="hi")]),
        "components[0]: a message without IS_COMPONENTS_V2 holds only action rows "
        "(got a text display)",
    ),
    (
        "message.v2_only",
        message(ui.TextDisplay("hi"), content="hello"),
        "content: a message with IS_COMPONENTS_V2 takes no content, embeds or poll: "
        "put text in a TextDisplay",
    ),
    (
        "message.components",
        message([ui.TextDisplay(f"{n}") for n in range(41)]),
        "components[40]: a Components V2 message holds at most 40 components, nested "
        "ones included (got 41)",
    ),
    (
        "place.message_v2",
        message(ui.TextDisplay("hi"), ui.Thumbnail("https://x.test/a.png")),
        f"components[1]: {V2_TOP} (got a thumbnail)",
    ),
    (
        "message.text",
        message(ui.TextDisplay("a" * 3000), ui.TextDisplay("b" * 1001)),
        "components[1].content: the text displays of a message or modal hold at most "
        "4000 characters together (got 4001)",
    ),
    (
        "attachment.description",
        message(content="x", files=[Upload("a.png", "d" * 1025)]),
        "attachments[0].description: attachment alt text holds at most 1024 "
        "characters (got 1025)",
    ),
    (
        "mentions.users",
        message(content="x", allowed_mentions=ui.AllowedMentions(users=range(101))),
        "allowed_mentions.users[100]: allowed_mentions.users holds at most 100 ids "
        "(got 101)",
    ),
    (
        "mentions.roles",
        message(content="x", allowed_mentions=ui.AllowedMentions(roles=range(101))),
        "allowed_mentions.roles[100]: allowed_mentions.roles holds at most 100 ids "
        "(got 101)",
    ),
    (
        "mentions.exclusive",
        message(
            content="x",
            allowed_mentions=models.AllowedMentions(
                parse=["users"], users=[models.Snowflake(1)]
            ),
        ),
        "allowed_mentions.users: allowed_mentions cannot both parse users (or roles) "
        "and list them (got parse=['users'])",
    ),
    # -- every component
    (
        "custom_id",
        in_row(ui.Button("x", custom_id="c" * 101)),
        f"{ROW0}.custom_id: a custom_id holds at most 100 characters (got 101)",
    ),
    (
        "custom_id.unique",
        message(row(btn(1), btn(1))),
        "components[0].components[1].custom_id: custom_ids are unique within a "
        "message or modal (got 'b1', also at components[0].components[0].custom_id)",
    ),
    (
        "component.id",
        in_row(btn(id=2**31)),
        f"{ROW0}.id: a component id is at most 2147483647 (got 2147483648)",
    ),
    (
        "id.unique",
        message(row(btn(1, id=7)), row(btn(2, id=7))),
        "components[1].components[0].id: component ids are unique within a message "
        "or modal (got 7, also at components[0].components[0])",
    ),
    (
        "unknown",
        message(models.UnknownComponent(raw={"type": 99})),
        "components[0]: ikit cannot check a component type it does not know: build "
        "it with ikit.ui (got a component of unknown type 99)",
    ),
    # -- layout
    (
        "action_row.buttons",
        message(row(*(btn(n) for n in range(6)))),
        "components[0].components[5]: an action row holds at most 5 buttons (got 6)",
    ),
    (
        "action_row.selects",
        message(
            row(
                ui.UserSelect(custom_id="u"),
                ui.RoleSelect(custom_id="r"),
            )
        ),
        "components[0].components[1]: an action row holds exactly 1 select (got 2)",
    ),
    (
        "action_row.mixed",
        message(row(btn(), ui.UserSelect(custom_id="u"))),
        "components[0].components: buttons and a select never share a row",
    ),
    (
        "place.action_row",
        message(ui.ActionRow(btn(), anything(text_input()))),
        "components[0].components[1]: an action row in a message holds buttons and "
        "selects (got a text input)",
    ),
    (
        "container.components",
        message(ui.Container()),
        "components[0].components: a container holds at least 1 component (got 0)",
    ),
    (
        "container.accent_color",
        message(ui.Container("hi", accent_color=0x1000000)),
        "components[0].accent_color: accent_color is at most 16777215 (got 16777216)",
    ),
    (
        "place.container",
        message(ui.Container(anything(ui.Container("hi")))),
        f"components[0].components[0]: {IN_CONTAINER} (got a container)",
    ),
    (
        "section.components",
        message(section("a", "b", "c", "d")),
        "components[0].components[3]: a section holds at most 3 text displays (got 4)",
    ),
    (
        "place.section",
        message(ui.Section(anything(ui.Separator()), accessory=btn())),
        "components[0].components[0]: a section holds text displays (got a separator)",
    ),
    (
        "place.accessory",
        message(section("a", accessory=ui.TextDisplay("b"))),
        "components[0].accessory: a section's accessory is a button or a thumbnail "
        "(got a text display)",
    ),
    # -- content
    (
        "text_display.content",
        message(ui.TextDisplay("")),
        "components[0].content: a text display holds at least 1 character (got 0)",
    ),
    (
        "media.url",
        message(ui.MediaGallery(LONG_URL)),
        "components[0].items[0].media.url: a media URL holds at most 2048 characters "
        "(got 2049)",
    ),
    (
        "media.scheme",
        message(ui.MediaGallery("ftp://x.test/a.png")),
        "components[0].items[0].media.url: a media URL starts with https://, http:// "
        "or attachment:// (got 'ftp://x.test/a.png')",
    ),
    (
        "media.description",
        message(section("a", accessory=ui.Thumbnail("https://x.test", description=""))),
        "components[0].accessory.description: alt text holds at least 1 character "
        "(got 0)",
    ),
    (
        "media_gallery.items",
        message(ui.MediaGallery([f"https://x.test/{n}.png" for n in range(11)])),
        "components[0].items[10]: a media gallery holds at most 10 items (got 11)",
    ),
    (
        "file.attachment",
        message(ui.File("https://x.test/game.zip")),
        "components[0].file.url: a File component shows an uploaded file: its url "
        "starts with attachment:// (got 'https://x.test/game.zip')",
    ),
    # -- buttons
    (
        "button.label",
        in_row(ui.Button("x" * 81, custom_id="b")),
        f"{ROW0}.label: a button label holds at most 80 characters (got 81)",
    ),
    (
        "button.url",
        in_row(ui.Button("x", url="https://x.test/" + "a" * 498)),
        f"{ROW0}.url: a button url holds at most 512 characters (got 513)",
    ),
    (
        "emoji.name",
        in_row(btn(emoji=models.ComponentEmoji(name="e" * 33))),
        f"{ROW0}.emoji.name: an emoji name holds at most 32 characters (got 33)",
    ),
    (
        "button.interactive",
        in_row(ui.Button("x")),
        f"{ROW0}: a primary, secondary, success or danger button needs a custom_id "
        "and takes no url or sku_id (got secondary with no custom_id)",
    ),
    (
        "button.link",
        in_row(ui.Button("x", url="https://x.test", custom_id="c")),
        f"{ROW0}: a link button needs a url and takes no custom_id or sku_id "
        "(got link with custom_id)",
    ),
    (
        "button.premium",
        in_row(ui.Button("Buy", sku_id=1)),
        f"{ROW0}: a premium button needs a sku_id and takes no custom_id, label, url "
        "or emoji (got premium with label)",
    ),
    # -- selects
    (
        "select.placeholder",
        in_row(select(placeholder="p" * 151)),
        f"{ROW0}.placeholder: a placeholder holds at most 150 characters (got 151)",
    ),
    (
        "select.options",
        in_row(ui.StringSelect(custom_id="s")),
        f"{ROW0}.options: a string select holds at least 1 option (got 0)",
    ),
    (
        "select.min_values",
        in_row(ui.UserSelect(custom_id="u", min_values=26, max_values=25)),
        f"{ROW0}.min_values: min_values is at most 25 (got 26)",
    ),
    (
        "select.max_values",
        in_row(ui.UserSelect(custom_id="u", max_values=26)),
        f"{ROW0}.max_values: max_values is at most 25 (got 26)",
    ),
    (
        "select.default_values",
        in_row(
            ui.UserSelect(
                custom_id="u", max_values=25, default_values=list(range(1, 27))
            )
        ),
        f"{ROW0}.default_values[25]: a select holds at most 25 default values (got 26)",
    ),
    (
        "values.order",
        in_row(ui.UserSelect(custom_id="u", min_values=3, max_values=2)),
        f"{ROW0}.min_values: min_values is at most max_values (got 3 > 2)",
    ),
    (
        "values.options",
        in_row(select(max_values=3)),
        f"{ROW0}.max_values: max_values is at most the number of options (got 3 > 2)",
    ),
    (
        "values.required",
        modal(ui.UserSelect(custom_id="u", min_values=0, label="Who")),
        f"{LABEL0}.min_values: {REQUIRED} (got min_values=0)",
    ),
    (
        "select.default_options",
        in_row(
            ui.StringSelect(
                ui.SelectOption("a", default=True),
                ui.SelectOption("b", default=True),
                custom_id="s",
            )
        ),
        f"{ROW0}.options: a string select marks at most max_values options as default "
        "(got 2 > 1)",
    ),
    (
        "select.defaults_count",
        in_row(ui.UserSelect(custom_id="u", default_values=[1, 2])),
        f"{ROW0}.default_values: the number of default_values lies between "
        "min_values and max_values (got 2, not 1-1)",
    ),
    (
        "select.default_type",
        in_row(
            ui.UserSelect(custom_id="u", default_values=[ui.default_value(1, "role")])
        ),
        f"{ROW0}.default_values[0].type: {DEFAULT_TYPE} (got 'role')",
    ),
    (
        "select.channel_types",
        in_row(ui.ChannelSelect(custom_id="c", channel_types=["dm", "dm"])),
        f"{ROW0}.channel_types: channel_types lists each channel type once",
    ),
    (
        "option.label",
        in_row(ui.StringSelect(ui.SelectOption("", "v"), custom_id="s")),
        f"{ROW0}.options[0].label: an option label holds at least 1 character (got 0)",
    ),
    (
        "option.value",
        in_row(ui.StringSelect(ui.SelectOption("a", "v" * 101), custom_id="s")),
        f"{ROW0}.options[0].value: an option value holds at most 100 characters "
        "(got 101)",
    ),
    (
        "option.description",
        in_row(
            ui.StringSelect(ui.SelectOption("a", description="d" * 101), custom_id="s")
        ),
        f"{ROW0}.options[0].description: an option description holds at most 100 "
        "characters (got 101)",
    ),
    # -- modals
    (
        "modal.title",
        modal("hi", title="t" * 46),
        "title: a modal title holds at most 45 characters (got 46)",
    ),
    (
        "modal.components",
        modal(*(f"line {n}" for n in range(6))),
        "components[5]: a modal holds at most 5 components (got 6)",
    ),
    (
        "place.modal",
        modal(btn()),
        "components[0]: a modal holds labels, text displays and (deprecated) action "
        "rows (got a button)",
    ),
    (
        "modal_action_row.inputs",
        modal(
            ui.ActionRow(
                ui.TextInput(custom_id="a"),
                ui.TextInput(custom_id="b"),
            )
        ),
        "components[0].components[1]: an action row in a modal holds exactly 1 input "
        "(got 2)",
    ),
    (
        "place.modal_action_row",
        modal(row(btn())),
        "components[0].components[0]: an action row in a modal holds a text input "
        "(got a button)",
    ),
    (
        "modal.disabled",
        modal(ui.UserSelect(custom_id="u", disabled=True, label="Who")),
        f"{LABEL0}.disabled: a modal holds no disabled components",
    ),
    (
        "label.label",
        modal(text_input(label="l" * 46)),
        "components[0].label: a label holds at most 45 characters (got 46)",
    ),
    (
        "label.description",
        modal(text_input(label="Name", description="d" * 101)),
        "components[0].description: a label description holds at most 100 "
        "characters (got 101)",
    ),
    (
        "place.label",
        labelled(btn()),
        f"{LABEL0}: {IN_LABEL} (got a button)",
    ),
    (
        "label.text_input",
        labelled(
            models.TextInput(
                custom_id="t", style=models.TextInputStyle.SHORT, label="Old"
            )
        ),
        f"{LABEL0}.label: a text input inside a label takes no label of its own",
    ),
    (
        "text_input.label",
        modal(
            ui.ActionRow(
                models.TextInput(
                    custom_id="t", style=models.TextInputStyle.SHORT, label="l" * 46
                )
            )
        ),
        "components[0].components[0].label: a text input label holds at most 45 "
        "characters (got 46)",
    ),
    (
        "text_input.value",
        labelled(text_input(value="v" * 4001)),
        f"{LABEL0}.value: a text input value holds at most 4000 characters (got 4001)",
    ),
    (
        "text_input.placeholder",
        labelled(text_input(placeholder="p" * 101)),
        f"{LABEL0}.placeholder: a placeholder holds at most 100 characters (got 101)",
    ),
    (
        "text_input.min_length",
        labelled(text_input(min_length=4001)),
        f"{LABEL0}.min_length: min_length is at most 4000 (got 4001)",
    ),
    (
        "text_input.max_length",
        labelled(text_input(max_length=0)),
        f"{LABEL0}.max_length: max_length is at least 1 (got 0)",
    ),
    (
        "text_input.lengths",
        labelled(text_input(min_length=10, max_length=5)),
        f"{LABEL0}.min_length: min_length is at most max_length (got 10 > 5)",
    ),
    (
        "file_upload.min_values",
        labelled(ui.FileUpload(custom_id="f", min_values=11, max_values=10)),
        f"{LABEL0}.min_values: min_values is at most 10 (got 11)",
    ),
    (
        "file_upload.max_values",
        labelled(ui.FileUpload(custom_id="f", max_values=11)),
        f"{LABEL0}.max_values: max_values is at most 10 (got 11)",
    ),
    (
        "file_upload.file_types",
        labelled(
            ui.FileUpload(custom_id="f", file_types=[f".x{n}" for n in range(11)])
        ),
        f"{LABEL0}.file_types[10]: file_types holds at most 10 types (got 11)",
    ),
    (
        "file_upload.file_type",
        labelled(ui.FileUpload(custom_id="f", file_types=["pdf"])),
        f"{LABEL0}.file_types[0]: a file type is image, video, audio or an extension "
        "such as .pdf (got 'pdf')",
    ),
    (
        "radio_group.options",
        labelled(ui.RadioGroup("only", custom_id="r")),
        f"{LABEL0}.options: a radio group holds at least 2 options (got 1)",
    ),
    (
        "radio_group.defaults",
        labelled(
            ui.RadioGroup(
                ui.RadioGroupOption("a", default=True),
                ui.RadioGroupOption("b", default=True),
                custom_id="r",
            )
        ),
        f"{LABEL0}.options: a radio group holds at most 1 default option (got 2)",
    ),
    (
        "checkbox_group.options",
        labelled(ui.CheckboxGroup([f"o{n}" for n in range(11)], custom_id="c")),
        f"{LABEL0}.options[10]: a checkbox group holds at most 10 options (got 11)",
    ),
    (
        "checkbox_group.min_values",
        labelled(ui.CheckboxGroup("a", custom_id="c", min_values=11, max_values=10)),
        f"{LABEL0}.min_values: min_values is at most 10 (got 11)",
    ),
    (
        "checkbox_group.max_values",
        labelled(ui.CheckboxGroup("a", custom_id="c", max_values=0)),
        f"{LABEL0}.max_values: max_values is at least 1 (got 0)",
    ),
    # -- embeds
    (
        "embed.title",
        embed(title="t" * 257),
        "embeds[0].title: an embed title holds at most 256 characters (got 257)",
    ),
    (
        "embed.description",
        embed(description="d" * 4097),
        "embeds[0].description: an embed description holds at most 4096 characters "
        "(got 4097)",
    ),
    (
        "embed.fields",
        message(ui.Embed([ui.EmbedField(f"n{n}", "v") for n in range(26)])),
        "embeds[0].fields[25]: an embed holds at most 25 fields (got 26)",
    ),
    (
        "embed.field_name",
        message(ui.Embed(ui.EmbedField("n" * 257, "v"))),
        "embeds[0].fields[0].name: a field name holds at most 256 characters (got 257)",
    ),
    (
        "embed.field_value",
        message(ui.Embed(ui.EmbedField("n", "v" * 1025))),
        "embeds[0].fields[0].value: a field value holds at most 1024 characters "
        "(got 1025)",
    ),
    (
        "embed.footer_text",
        embed(footer="f" * 2049),
        "embeds[0].footer.text: a footer text holds at most 2048 characters (got 2049)",
    ),
    (
        "embed.author_name",
        embed(author="a" * 257),
        "embeds[0].author.name: an author name holds at most 256 characters (got 257)",
    ),
    (
        "embed.url",
        embed(title="t", image=LONG_URL),
        "embeds[0].image.url: an embed URL holds at most 2048 characters (got 2049)",
    ),
    (
        "embed.color",
        embed(title="t", color=-1),
        "embeds[0].color: color is at least 0 (got -1)",
    ),
    (
        "embed.sent_fields",
        message(models.Embed(title="t", video=models.EmbedImage(url="https://x.test"))),
        f"embeds[0].video: {SENT_FIELDS}",
    ),
]

# The other bound of each Limit: CASES break one bound, these the other, so that
# every bound is checked with its path and wording.
BOUNDS: list[tuple[str, Callable[[], object], str]] = [
    (
        "custom_id",
        in_row(ui.Button("x", custom_id="")),
        f"{ROW0}.custom_id: a custom_id holds at least 1 character (got 0)",
    ),
    (
        "component.id",
        in_row(btn(id=-1)),
        f"{ROW0}.id: a component id is at least 0 (got -1)",
    ),
    (
        "action_row.buttons",
        message(ui.ActionRow()),
        "components[0].components: an action row holds at least 1 button (got 0)",
    ),
    (
        "container.accent_color",
        message(ui.Container("hi", accent_color=-1)),
        "components[0].accent_color: accent_color is at least 0 (got -1)",
    ),
    (
        "section.components",
        message(ui.Section(accessory=btn())),
        "components[0].components: a section holds at least 1 text display (got 0)",
    ),
    (
        "media.description",
        message(ui.MediaGallery(ui.MediaGalleryItem(LONG_URL[:30], description=ALT))),
        "components[0].items[0].description: alt text holds at most 1024 characters "
        "(got 1025)",
    ),
    (
        "media_gallery.items",
        message(ui.MediaGallery()),
        "components[0].items: a media gallery holds at least 1 item (got 0)",
    ),
    (
        "emoji.name",
        in_row(
            ui.StringSelect(
                ui.SelectOption("a", emoji=models.ComponentEmoji(name="")),
                custom_id="s",
            )
        ),
        f"{ROW0}.options[0].emoji.name: an emoji name holds at least 1 character "
        "(got 0)",
    ),
    (
        "select.options",
        in_row(ui.StringSelect([f"o{n}" for n in range(26)], custom_id="s")),
        f"{ROW0}.options[25]: a string select holds at most 25 options (got 26)",
    ),
    (
        "select.min_values",
        in_row(ui.UserSelect(custom_id="u", min_values=-1)),
        f"{ROW0}.min_values: min_values is at least 0 (got -1)",
    ),
    (
        "select.max_values",
        in_row(ui.UserSelect(custom_id="u", max_values=0)),
        f"{ROW0}.max_values: max_values is at least 1 (got 0)",
    ),
    (
        "option.label",
        in_row(ui.StringSelect(ui.SelectOption("l" * 101, "v"), custom_id="s")),
        f"{ROW0}.options[0].label: an option label holds at most 100 characters "
        "(got 101)",
    ),
    (
        "option.value",
        in_row(ui.StringSelect(ui.SelectOption("a", ""), custom_id="s")),
        f"{ROW0}.options[0].value: an option value holds at least 1 character (got 0)",
    ),
    (
        "modal.title",
        modal("hi", title=""),
        "title: a modal title holds at least 1 character (got 0)",
    ),
    (
        "modal.components",
        modal(),
        "components: a modal holds at least 1 component (got 0)",
    ),
    (
        "modal_action_row.inputs",
        modal(ui.ActionRow()),
        "components[0].components: an action row in a modal holds exactly 1 input "
        "(got 0)",
    ),
    (
        "label.label",
        modal(text_input(label="")),
        "components[0].label: a label holds at least 1 character (got 0)",
    ),
    (
        "label.description",
        modal(text_input(label="Name", description="")),
        "components[0].description: a label description holds at least 1 character "
        "(got 0)",
    ),
    (
        "text_input.label",
        modal(
            ui.ActionRow(
                models.TextInput(
                    custom_id="t", style=models.TextInputStyle.SHORT, label=""
                )
            )
        ),
        "components[0].components[0].label: a text input label holds at least 1 "
        "character (got 0)",
    ),
    (
        "text_input.min_length",
        labelled(text_input(min_length=-1)),
        f"{LABEL0}.min_length: min_length is at least 0 (got -1)",
    ),
    (
        "text_input.max_length",
        labelled(text_input(max_length=4001)),
        f"{LABEL0}.max_length: max_length is at most 4000 (got 4001)",
    ),
    (
        "file_upload.min_values",
        labelled(ui.FileUpload(custom_id="f", min_values=-1)),
        f"{LABEL0}.min_values: min_values is at least 0 (got -1)",
    ),
    (
        "file_upload.max_values",
        labelled(ui.FileUpload(custom_id="f", max_values=0)),
        f"{LABEL0}.max_values: max_values is at least 1 (got 0)",
    ),
    (
        "radio_group.options",
        labelled(ui.RadioGroup([f"o{n}" for n in range(11)], custom_id="r")),
        f"{LABEL0}.options[10]: a radio group holds at most 10 options (got 11)",
    ),
    (
        "checkbox_group.options",
        labelled(ui.CheckboxGroup(custom_id="c")),
        f"{LABEL0}.options: a checkbox group holds at least 1 option (got 0)",
    ),
    (
        "checkbox_group.min_values",
        labelled(ui.CheckboxGroup("a", custom_id="c", min_values=-1)),
        f"{LABEL0}.min_values: min_values is at least 0 (got -1)",
    ),
    (
        "checkbox_group.max_values",
        labelled(
            ui.CheckboxGroup([f"o{n}" for n in range(10)], custom_id="c", max_values=11)
        ),
        f"{LABEL0}.max_values: max_values is at most 10 (got 11)",
    ),
    (
        "embed.color",
        embed(title="t", color=0x1000000),
        "embeds[0].color: color is at most 16777215 (got 16777216)",
    ),
]

# Bounds no tree can cross alone: a row without a select is a row of buttons.
UNREACHABLE_BOUNDS = {("action_row.selects", "low")}


def _side(key: str, expected: str) -> str:
    """Which bound of the Limit ``key`` the case's wording says was crossed."""
    limit = LIMITS.get(key)
    match = re.search(r"\(got (-?\d+)\)$", expected)
    if limit is None or match is None:
        return "rule"

    below = limit.low is not None and int(match[1]) < limit.low
    return "low" if below else "high"


def violations(build: Callable[[], object]) -> list[str]:
    with pytest.raises(BuildError) as caught:
        build()

    return [str(violation) for violation in caught.value.violations]


@pytest.mark.parametrize(
    ("build", "expected"), [case[1:] for case in CASES], ids=[c[0] for c in CASES]
)
def test_rule_is_checked_with_its_path_and_wording(
    build: Callable[[], object], expected: str
) -> None:
    assert expected in violations(build)


@pytest.mark.parametrize(
    ("build", "expected"),
    [case[1:] for case in BOUNDS],
    ids=[f"{c[0]}-{_side(c[0], c[2])}" for c in BOUNDS],
)
def test_the_other_bound_is_checked_with_its_path_and_wording(
    build: Callable[[], object], expected: str
) -> None:
    assert expected in violations(build)


def test_every_rule_of_the_table_has_a_case() -> None:
    assert sorted(case[0] for case in CASES) == sorted(rule.key for rule in TABLE)


def test_every_bound_of_every_limit_has_a_case() -> None:
    covered = {(key, _side(key, expected)) for key, _, expected in CASES + BOUNDS}
    bounds = {
        (key, side)
        for key, limit in LIMITS.items()
        for side, bound in (("low", limit.low), ("high", limit.high))
        if bound is not None
    }

    assert bounds - UNREACHABLE_BOUNDS == covered & bounds


ONE_BOUNDS = [
    limit for limit in LIMITS.values() if limit.unit and 1 in (limit.low, limit.high)
]


@pytest.mark.parametrize("limit", ONE_BOUNDS, ids=[limit.key for limit in ONE_BOUNDS])
def test_a_bound_of_1_takes_the_singular(limit: Limit) -> None:
    number = 0 if limit.low == 1 else 2
    sentence = limit.broken_by(number).removesuffix(f" (got {number})")
    unit = sentence.removesuffix(limit.after)

    # "at least 1 text display": the unit ends the sentence, before its `after`.
    assert " 1 " in unit
    assert not unit.endswith("s"), sentence


def test_the_table_has_one_row_per_key() -> None:
    assert len({rule.key for rule in TABLE}) == len(TABLE)
    assert len(RULES) + len(LIMITS) + len(PLACES) == len(TABLE)


def test_one_error_lists_every_violation() -> None:
    with pytest.raises(BuildError) as caught:
        ui.Message(
            ui.ActionRow([btn(n) for n in range(6)]),
            ui.ActionRow(ui.Button("x" * 81, custom_id="b0")),
        )

    assert str(caught.value) == (
        "this message breaks 3 of Discord's rules:\n"
        "  components[0].components[5]: an action row holds at most 5 buttons "
        "(got 6)\n"
        "  components[1].components[0].custom_id: custom_ids are unique within a "
        "message or modal (got 'b0', also at components[0].components[0].custom_id)\n"
        "  components[1].components[0].label: a button label holds at most 80 "
        "characters (got 81)"
    )
    assert isinstance(caught.value, ValueError)


def test_a_modal_may_share_its_custom_id_with_an_input() -> None:
    # Discord wants custom_ids unique among components; the modal is not one.
    form = ui.Modal(
        ui.TextInput(custom_id="form", label="x"), custom_id="form", title="T"
    )

    assert ui.modal_violations(form) == []


def test_a_modal_custom_id_keeps_its_length_rule() -> None:
    assert violations(lambda: ui.Modal("hi", custom_id="c" * 101, title="T")) == [
        "custom_id: a custom_id holds at most 100 characters (got 101)"
    ]


def test_a_modal_error_says_modal() -> None:
    with pytest.raises(BuildError, match=r"^this modal breaks 1 of Discord's rules:"):
        ui.Modal("hi", custom_id="", title="T")


def test_embed_text_is_measured_after_trimming_whitespace() -> None:
    ui.Message(ui.Embed(title=" " * 100 + "t" * 256 + "\n" * 10))


def test_a_v2_message_refuses_embeds_and_poll_too() -> None:
    found = violations(
        payload(
            flags=MessageFlags.IS_COMPONENTS_V2,
            components=[models.TextDisplay(content="hi")],
            embeds=[models.Embed(title="t")],
            poll=models.Poll(
                question=models.PollMedia(text="q"),
                answers=[models.PollAnswer(poll_media=models.PollMedia(text="a"))],
            ),
        )
    )
    assert [v.split(":")[0] for v in found] == ["embeds", "poll"]


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (
            in_row(ui.UserSelect(custom_id="u", min_values=2)),
            f"{ROW0}.min_values: min_values is at most max_values (got 2 > 1)",
        ),
        (
            labelled(ui.CheckboxGroup("a", "b", custom_id="c", min_values=3)),
            f"{LABEL0}.min_values: min_values is at most max_values (got 3 > 2)",
        ),
    ],
    ids=["select-default-max", "checkbox-group-default-max"],
)
def test_min_values_cannot_pass_the_default_max_values(
    build: Callable[[], object], expected: str
) -> None:
    assert expected in violations(build)


def test_ids_left_out_or_zero_are_not_duplicates() -> None:
    ui.Message(ui.ActionRow(btn(1, id=0), btn(2, id=0), btn(3)))


def test_component_count_includes_nested_components() -> None:
    rows = [ui.ActionRow([btn(r * 5 + n) for n in range(5)]) for r in range(6)]
    # 1 container + 6 rows + 30 buttons = 37; 3 more text displays make 40.
    ui.Message(ui.Container(rows, "a", "b", "c"))
    found = violations(message(ui.Container(rows, "a", "b", "c", "d")))
    assert found == [
        "components[0].components[9]: a Components V2 message holds at most 40 "
        "components, nested ones included (got 41)"
    ]


def test_validate_message_accepts_what_ui_message_returns() -> None:
    built = ui.Message(content="hi", files=[Upload("a.txt")])
    ui.validate_message(built)
    assert ui.message_violations(built) == []


def test_validate_message_checks_an_edit() -> None:
    edit = models.MessageEdit(content="x" * 2001)
    assert [str(v) for v in ui.message_violations(edit)] == [
        "content: message content holds at most 2000 characters (got 2001)"
    ]
