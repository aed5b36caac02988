"""Every element of ikit.ui in every documented variant: encoded, checked against its
schema in Discord's OpenAPI spec, and accepted by the builder's own check; the docs'
example payloads rebuilt; the sugar; and the errors of bad builder calls."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import msgspec
import pytest

from ikit import models, ui
from ikit.errors import BuildError
from ikit.models import ButtonStyle, ChannelType, MessageFlags, Snowflake, encode
from ikit.rest import File as Upload
from tests.openapi import check_keys, validate
from tests.shared import load_json, payload_files

HTTPS = "https://x.test/a.png"


def anything(value: object) -> Any:
    """A value the type checker would refuse, to show the runtime check too."""
    return value


def as_json(value: object) -> Any:
    return json.loads(encode(value))


IN_ROW = (
    models.Button,
    models.StringSelect,
    models.UserSelect,
    models.RoleSelect,
    models.MentionableSelect,
    models.ChannelSelect,
)


IN_LABEL = (
    *IN_ROW[1:],
    models.TextInput,
    models.FileUpload,
    models.RadioGroup,
    models.CheckboxGroup,
    models.Checkbox,
)


def in_message(node: object) -> object:
    """``node`` where a message may hold it, built (and so checked) by ui.Message."""
    if isinstance(node, IN_ROW):
        return ui.Message(ui.ActionRow(node))

    if isinstance(node, models.Thumbnail):
        return ui.Message(ui.Section("text", accessory=node))

    return ui.Message(anything(node))


def in_modal(node: object) -> object:
    """``node`` where a modal may hold it, built (and so checked) by ui.Modal."""
    if isinstance(node, IN_LABEL):
        node = ui.Label("Field", node)

    return ui.Modal(anything(node), custom_id="form", title="Form")


Case = tuple[str, Callable[[], object], str, Callable[[object], object]]

MESSAGE_ELEMENTS: list[Case] = [
    *(
        (
            f"button-{style}",
            lambda style=style: ui.Button("Go", custom_id="go", style=style),
            "ButtonComponentForMessageRequest",
            in_message,
        )
        for style in ("primary", "secondary", "success", "danger")
    ),
    (
        "button-link",
        lambda: ui.Button("Docs", url="https://discord.com/developers"),
        "ButtonComponentForMessageRequest",
        in_message,
    ),
    (
        "button-premium",
        lambda: ui.Button(sku_id=1234567890123),
        "ButtonComponentForMessageRequest",
        in_message,
    ),
    (
        "button-emoji-unicode-disabled",
        lambda: ui.Button(emoji="🐜", custom_id="ant", disabled=True),
        "ButtonComponentForMessageRequest",
        in_message,
    ),
    (
        "button-emoji-custom",
        lambda: ui.Button("Wave", emoji="<a:wave:112233445566778899>", custom_id="w"),
        "ButtonComponentForMessageRequest",
        in_message,
    ),
    (
        "string-select",
        lambda: ui.StringSelect(
            ui.SelectOption("Ant", "ant", description="(best)", emoji="🐜"),
            ui.SelectOption("Bee", default=True),
            "Cricket",
            custom_id="bug",
            placeholder="Choose...",
            min_values=0,
            max_values=2,
            disabled=False,
        ),
        "StringSelectComponentForMessageRequest",
        in_message,
    ),
    (
        "user-select",
        lambda: ui.UserSelect(
            custom_id="who", placeholder="Who?", default_values=[80351110224678912]
        ),
        "UserSelectComponentForMessageRequest",
        in_message,
    ),
    (
        "role-select",
        lambda: ui.RoleSelect(
            custom_id="roles", min_values=1, max_values=3, default_values=[1, 2]
        ),
        "RoleSelectComponentForMessageRequest",
        in_message,
    ),
    (
        "mentionable-select",
        lambda: ui.MentionableSelect(
            custom_id="m",
            max_values=2,
            default_values=[ui.default_value(1, "user"), ui.default_value(2, "role")],
        ),
        "MentionableSelectComponentForMessageRequest",
        in_message,
    ),
    (
        "channel-select",
        lambda: ui.ChannelSelect(
            custom_id="where",
            channel_types=["guild_text", ChannelType.GUILD_FORUM],
            default_values=[3],
        ),
        "ChannelSelectComponentForMessageRequest",
        in_message,
    ),
    (
        "action-row-buttons",
        lambda: ui.ActionRow([ui.Button(f"{n}", custom_id=f"n{n}") for n in range(5)]),
        "ActionRowComponentForMessageRequest",
        in_message,
    ),
    (
        "action-row-select",
        lambda: ui.ActionRow(ui.UserSelect(custom_id="u")),
        "ActionRowComponentForMessageRequest",
        in_message,
    ),
    (
        "section-button",
        lambda: ui.Section(
            "one",
            ui.TextDisplay("two"),
            "three",
            accessory=ui.Button("B", custom_id="b"),
        ),
        "SectionComponentForMessageRequest",
        in_message,
    ),
    (
        "section-thumbnail",
        lambda: ui.Section("one", accessory=ui.Thumbnail(HTTPS)),
        "SectionComponentForMessageRequest",
        in_message,
    ),
    (
        "text-display",
        lambda: ui.TextDisplay("# Hello", id=5),
        "TextDisplayComponentForMessageRequest",
        in_message,
    ),
    (
        "thumbnail",
        lambda: ui.Thumbnail(HTTPS, description="alt", spoiler=True),
        "ThumbnailComponentForMessageRequest",
        in_message,
    ),
    (
        "media-gallery",
        lambda: ui.MediaGallery(
            HTTPS,
            ui.MediaGalleryItem("attachment://b.png", description="alt", spoiler=True),
        ),
        "MediaGalleryComponentForMessageRequest",
        in_message,
    ),
    (
        "file",
        lambda: ui.File("attachment://game.zip", spoiler=True),
        "FileComponentForMessageRequest",
        in_message,
    ),
    (
        "separator",
        lambda: ui.Separator(),
        "SeparatorComponentForMessageRequest",
        in_message,
    ),
    (
        "separator-large-no-divider",
        lambda: ui.Separator(divider=False, spacing="large"),
        "SeparatorComponentForMessageRequest",
        in_message,
    ),
    (
        "container",
        lambda: ui.Container(
            "text",
            ui.Separator(spacing="small"),
            ui.MediaGallery(HTTPS),
            ui.File("attachment://a.txt"),
            ui.Section("s", accessory=ui.Thumbnail(HTTPS)),
            ui.ActionRow(ui.Button("B", custom_id="b")),
            accent_color=0x5865F2,
            spoiler=True,
        ),
        "ContainerComponentForMessageRequest",
        in_message,
    ),
    (
        "embed",
        lambda: ui.Embed(
            ui.EmbedField("Name", "Value", inline=True),
            ui.EmbedField("Other", "Value"),
            title="Title",
            description="Description",
            url="https://x.test/",
            timestamp=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
            color=0x5865F2,
            footer=ui.EmbedFooter("Footer", icon_url=HTTPS),
            author=ui.EmbedAuthor("Author", url="https://x.test/", icon_url=HTTPS),
            image=HTTPS,
            thumbnail=HTTPS,
        ),
        "RichEmbed",
        in_message,
    ),
]

MODAL_ELEMENTS: list[Case] = [
    *(
        (
            f"text-input-{style}",
            lambda style=style: ui.TextInput(
                custom_id="t",
                style=style,
                min_length=1,
                max_length=200,
                required=False,
                value="prefilled",
                placeholder="Write here",
            ),
            "TextInputComponentForModalRequest",
            in_modal,
        )
        for style in ("short", "paragraph")
    ),
    (
        "string-select-in-modal",
        lambda: ui.StringSelect("a", "b", custom_id="s", required=False, min_values=0),
        "StringSelectComponentForModalRequest",
        in_modal,
    ),
    (
        "user-select-in-modal",
        lambda: ui.UserSelect(custom_id="u", required=True),
        "UserSelectComponentForModalRequest",
        in_modal,
    ),
    (
        "role-select-in-modal",
        lambda: ui.RoleSelect(custom_id="r"),
        "RoleSelectComponentForModalRequest",
        in_modal,
    ),
    (
        "mentionable-select-in-modal",
        lambda: ui.MentionableSelect(custom_id="m"),
        "MentionableSelectComponentForModalRequest",
        in_modal,
    ),
    (
        "channel-select-in-modal",
        lambda: ui.ChannelSelect(custom_id="c", channel_types=["guild_voice"]),
        "ChannelSelectComponentForModalRequest",
        in_modal,
    ),
    (
        "file-upload",
        lambda: ui.FileUpload(
            custom_id="f",
            min_values=1,
            max_values=5,
            required=True,
            file_types=["image", ".PDF"],
        ),
        "FileUploadComponentForModalRequest",
        in_modal,
    ),
    (
        "radio-group",
        lambda: ui.RadioGroup(
            ui.RadioGroupOption("Warrior", "warrior", description="Strong"),
            ui.RadioGroupOption("Rogue", default=True),
            custom_id="class",
            required=False,
        ),
        "RadioGroupComponentForModalRequest",
        in_modal,
    ),
    (
        "checkbox-group",
        lambda: ui.CheckboxGroup(
            ui.CheckboxGroupOption("Monday", "mon", default=True),
            "Tuesday",
            custom_id="days",
            min_values=1,
            max_values=2,
            required=True,
        ),
        "CheckboxGroupComponentForModalRequest",
        in_modal,
    ),
    (
        "checkbox",
        lambda: ui.Checkbox(custom_id="agree", default=True),
        "CheckboxComponentForModalRequest",
        in_modal,
    ),
    (
        "label",
        lambda: ui.Label(
            "Name", ui.TextInput(custom_id="name"), description="Your name", id=3
        ),
        "LabelComponentForModalRequest",
        in_modal,
    ),
    (
        "label-through-label-prop",
        lambda: ui.Checkbox(custom_id="c", label="Sure?", description="Think"),
        "LabelComponentForModalRequest",
        in_modal,
    ),
    (
        "text-display-in-modal",
        lambda: ui.TextDisplay("Read this first."),
        "TextDisplayComponentForModalRequest",
        in_modal,
    ),
    (
        "action-row-in-modal",
        lambda: ui.ActionRow(ui.TextInput(custom_id="t")),
        "ActionRowComponentForModalRequest",
        lambda node: ui.Modal(
            msgspec.structs.replace(
                anything(node),
                components=[
                    models.TextInput(
                        custom_id="t", style=models.TextInputStyle.SHORT, label="Old"
                    )
                ],
            ),
            custom_id="form",
            title="Form",
        ),
    ),
]


@pytest.mark.parametrize(
    ("build", "schema", "context"),
    [case[1:] for case in MESSAGE_ELEMENTS + MODAL_ELEMENTS],
    ids=[case[0] for case in MESSAGE_ELEMENTS + MODAL_ELEMENTS],
)
def test_element_encodes_to_its_schema_and_passes_the_check(
    build: Callable[[], object], schema: str, context: Callable[[object], object]
) -> None:
    element = build()
    body = as_json(element)

    validate(body, schema)
    check_keys(body, schema)
    context(element)


def test_every_component_type_has_a_case() -> None:
    built = {type(case[1]()) for case in MESSAGE_ELEMENTS + MODAL_ELEMENTS}
    components = {
        cls
        for cls in map(vars(models.components).get, models.components.__all__)
        if isinstance(cls, type)
        and issubclass(cls, models.ComponentBase)
        and cls not in (models.ComponentBase, models.UnknownComponent)
    }
    assert components - built == set()


# -- messages and modals, as a whole --------------------------------------------------


def test_legacy_message_with_everything() -> None:
    message = ui.Message(
        ui.ActionRow(ui.Button("Yes", custom_id="yes", style="success")),
        ui.ActionRow(ui.StringSelect("a", "b", custom_id="pick")),
        ui.Embed(title="Poll"),
        content="Vote!",
        embeds=[ui.Embed(description="first")],
        allowed_mentions=ui.AllowedMentions(users=[1, 2], roles=True),
        tts=False,
        ephemeral=True,
    )
    body = as_json(message)

    assert body["flags"] == MessageFlags.EPHEMERAL
    assert [e.get("title") for e in body["embeds"]] == [None, "Poll"]
    assert body["allowed_mentions"] == {"parse": ["roles"], "users": ["1", "2"]}
    validate(body, "IncomingWebhookInteractionRequest")
    check_keys(body, "IncomingWebhookInteractionRequest")


def test_v2_message_sets_its_flag() -> None:
    message = ui.Message(ui.TextDisplay("hi"), ephemeral=True)

    assert message.flags == MessageFlags.IS_COMPONENTS_V2 | MessageFlags.EPHEMERAL
    validate(as_json(message), "IncomingWebhookInteractionRequest")


def test_a_message_of_action_rows_stays_legacy() -> None:
    message = ui.Message(ui.ActionRow(ui.Button("B", custom_id="b")))
    assert message.flags is None
    assert ui.Message(content="hi") == models.MessagePayload(content="hi")


def test_modal_with_every_input_encodes_to_the_callback_schema() -> None:
    modal = ui.Modal(
        "Tell us about the bug.",
        ui.TextInput(custom_id="what", style="paragraph", label="What happened?"),
        ui.StringSelect("low", "high", custom_id="severity", label="Severity"),
        ui.FileUpload(custom_id="shots", label="Screenshots", file_types=["image"]),
        ui.RadioGroup("yes", "no", custom_id="again", label="Did it happen again?"),
        custom_id="bug",
        title="Bug report",
    )
    body = {"type": 9, "data": as_json(modal)}

    validate(body, "ModalInteractionCallbackRequest")
    check_keys(body, "ModalInteractionCallbackRequest")


def test_a_message_with_files_lists_them_as_attachments() -> None:
    chart = Upload(b"\x89PNG", name="chart.png", description="A chart")
    secret = Upload(b"psst", name="secret.txt", spoiler=True)

    built = ui.Message(
        ui.MediaGallery(ui.MediaGalleryItem("attachment://chart.png")),
        ui.File(secret),
        files=[chart, secret],
    )

    assert isinstance(built, ui.MessageWithFiles)
    assert built.files == (chart, secret)
    body = as_json(built.payload)
    assert body["attachments"] == [
        {"id": "0", "filename": "chart.png", "description": "A chart"},
        {"id": "1", "filename": "SPOILER_secret.txt"},
    ]
    assert body["components"][1]["file"] == {"url": "attachment://SPOILER_secret.txt"}
    validate(body, "IncomingWebhookInteractionRequest")


def test_an_empty_files_list_still_builds_a_message_with_files() -> None:
    # What the overloads promise for files=: an answer with no files is a multipart
    # answer holding payload_json alone, which Discord accepts.
    built = ui.Message(content="x", files=[])

    assert built.files == ()
    assert as_json(built.payload) == {"content": "x"}


# -- the docs' examples, rebuilt ------------------------------------------------------


def coyote() -> object:
    return ui.Message(
        ui.Container(
            "# You have encountered a wild coyote!",
            ui.MediaGallery("https://websitewithopensourceimages/coyote.webp"),
            "What would you like to do?",
            ui.ActionRow(
                ui.Button("Pet it!", custom_id="pet_coyote", style="primary"),
                ui.Button("Attempt to feed it", custom_id="feed_coyote"),
                ui.Button("Run away!", custom_id="run_away", style="danger"),
            ),
            accent_color=703487,
        )
    )


def game_files() -> object:
    return ui.Message(
        ui.TextDisplay("# New game version released for testing!\nGrab the game here:"),
        ui.File("attachment://game.zip"),
        ui.TextDisplay("Latest manual artwork here:"),
        ui.File("attachment://manual.pdf"),
    )


def webcams() -> object:
    shots = {
        "webcam1": "An aerial view looking down on older industrial complex "
        "buildings. The main building is white with many windows and pipes running "
        "up the walls.",
        "webcam2": "An aerial view of old broken buildings. Nature has begun to take "
        "root in the rooftops. A portion of the middle building's roof has collapsed "
        "inward. In the distant haze you can make out a far away city.",
        "webcam3": "A street view of a downtown city. Prominently in photo are "
        "skyscrapers and a domed building",
    }
    return ui.Message(
        ui.TextDisplay("Live webcam shots as of 18-04-2025 at 12:00 UTC"),
        ui.MediaGallery(
            ui.MediaGalleryItem(
                f"https://livevideofeedconvertedtoimage/{name}.webp", description=alt
            )
            for name, alt in shots.items()
        ),
    )


def game_update() -> object:
    changes = (
        "Hope you're excited, the update is finally here! Here are some of the "
        "changes:\n- Fixed a bug where certain treasure chests wouldn't open properly"
        "\n- Improved server stability during peak hours\n- Added a new type of "
        "gravity that will randomly apply when the moon is visible in-game\n- Every "
        "third thursday the furniture will scream your darkest secrets to nearby npcs"
    )
    return ui.Message(
        ui.Section(
            "# Real Game v7.3",
            changes,
            "-# That last one wasn't real, but don't use voice chat near furniture "
            "just in case...",
            accessory=ui.Thumbnail(
                "https://websitewithopensourceimages/gamepreview.webp"
            ),
        )
    )


def legacy_row() -> object:
    return ui.Message(
        ui.ActionRow(ui.Button("Click Me", custom_id="click_me_1", style="primary")),
        content="This is a message with legacy components",
    )


def callback(modal: models.Modal) -> dict[str, object]:
    return {"type": 9, "data": modal}


def modal_checkbox() -> object:
    return callback(
        ui.Modal(
            ui.Checkbox(
                custom_id="like_checkbox", label="Do you like me?", description="😳😳😳"
            ),
            custom_id="secret_note_modal",
            title="Secret Note",
        )
    )


def modal_checkbox_group() -> object:
    days = [("march-4", "March 4th"), ("march-5", "March 5th")]
    return callback(
        ui.Modal(
            ui.CheckboxGroup(
                [ui.CheckboxGroupOption(label, value) for value, label in days],
                ui.CheckboxGroupOption(
                    "March 7th",
                    "march-7",
                    description="I know this is a Saturday and is tough",
                ),
                ui.CheckboxGroupOption("March 9th", "march-9"),
                ui.CheckboxGroupOption("March 10th", "march-10"),
                custom_id="event_checkbox",
                label="Which days are you free?",
                description="Choose all of the days you're able to meet up.",
            ),
            custom_id="day_selection_modal",
            title="Study Days",
        )
    )


def modal_file_upload() -> object:
    return callback(
        ui.Modal(
            ui.FileUpload(
                custom_id="file_upload",
                min_values=1,
                max_values=10,
                required=True,
                label="File Upload",
                description="Please upload a screenshot or other image that shows "
                "the bug you encountered.",
            ),
            custom_id="bug_submit_modal",
            title="Bug Submission",
        )
    )


def modal_labels() -> object:
    return callback(
        ui.Modal(
            ui.StringSelect(
                ui.SelectOption("Ant", "ant", description="(best option)", emoji="🐜"),
                ui.SelectOption("Butterfly", "butterfly", emoji="🦋"),
                ui.SelectOption("Caterpillar", "caterpillar", emoji="🐛"),
                custom_id="bug_string_select",
                placeholder="Choose...",
                label="What's your favorite bug?",
            ),
            ui.TextInput(
                custom_id="bug_explanation",
                style="paragraph",
                min_length=1000,
                max_length=4000,
                placeholder="Write your explanation here...",
                required=True,
                label="Why is it your favorite?",
                description="Please provide as much detail as possible!",
            ),
            custom_id="bug_modal",
            title="Bug Report",
        )
    )


def modal_radio_group() -> object:
    classes = [
        ("warrior", "Warrior", "Strong and brave"),
        ("rogue", "Rogue", "Weak and squishy"),
        ("wizard", "Wizard", "Nerd"),
        ("bard", "Bard", "Annoys everyone"),
        ("witch_doctor", "Witch Doctor", "Actually a pretty cool option"),
    ]
    return callback(
        ui.Modal(
            ui.RadioGroup(
                [
                    ui.RadioGroupOption(label, value, description=about)
                    for value, label, about in classes
                ],
                custom_id="class_radio",
                label="Choose your class",
                description="Your class detertmines the style of play for your "
                "character.",
            ),
            custom_id="class_selection_modal",
            title="Class Selection",
        )
    )


def modal_text_display() -> object:
    return callback(
        ui.Modal(
            "This action will move the selected user to the selected voice channel and "
            "take away all their permissions **for 1 hour**.",
            ui.UserSelect(
                custom_id="user_selected", required=True, label="Choose a user"
            ),
            ui.ChannelSelect(
                custom_id="channel_selected",
                channel_types=["guild_voice"],
                required=True,
                label="Where should they be sent?",
            ),
            custom_id="jail_modal",
            title="Jail",
        )
    )


REBUILT: dict[str, Callable[[], object]] = {
    "callback_modal_checkbox": modal_checkbox,
    "callback_modal_checkbox_group": modal_checkbox_group,
    "callback_modal_file_upload": modal_file_upload,
    "callback_modal_labels": modal_labels,
    "callback_modal_radio_group": modal_radio_group,
    "callback_modal_text_display": modal_text_display,
    "message_cv2_container": coyote,
    "message_cv2_file": game_files,
    "message_cv2_media_gallery": webcams,
    "message_cv2_section": game_update,
    "message_legacy_action_row": legacy_row,
}


@pytest.mark.parametrize("path", payload_files("sent"), ids=lambda path: path.stem)
def test_docs_example_rebuilt_with_the_builder(path: Path) -> None:
    assert as_json(REBUILT[path.stem]()) == load_json(path)


def test_every_rebuilt_example_has_its_file() -> None:
    names = {path.stem for path in payload_files("sent")}
    if not names:
        pytest.skip("Discord's example payloads are not beside the repo")

    assert names == set(REBUILT)


# -- sugar ----------------------------------------------------------------------------


def test_children_vanish_flatten_and_compose() -> None:
    def Rows(n: int) -> list[models.ActionRow]:  # a component is a function
        return [ui.ActionRow(ui.Button(f"{i}", custom_id=f"r{i}")) for i in range(n)]

    admin = False
    container = ui.Container(
        None,
        True,
        admin and ui.TextDisplay("admin"),
        (ui.TextDisplay("a"), [ui.TextDisplay("b")], ("c",)),
        Rows(2),
        not admin and "user",
    )

    texts = [
        c.content for c in container.components if isinstance(c, models.TextDisplay)
    ]
    assert texts == ["a", "b", "c", "user"]
    assert len(container.components) == 6


def test_strings_become_text_displays_in_container_section_and_modal() -> None:
    section = ui.Section("hi", accessory=ui.Button("B", custom_id="b"))
    modal = ui.Modal(
        "read me", ui.TextInput(custom_id="t", label="T"), custom_id="m", title="M"
    )

    assert ui.Container("x").components == [models.TextDisplay(content="x")]
    assert section.components == [models.TextDisplay(content="hi")]
    assert modal.components[0] == models.TextDisplay(content="read me")


def test_inputs_with_label_come_in_a_label() -> None:
    label = ui.TextInput(custom_id="t", label="Name", description="Yours")

    assert label == models.Label(
        label="Name",
        description="Yours",
        component=models.TextInput(custom_id="t", style=models.TextInputStyle.SHORT),
    )


def test_a_bare_input_in_a_modal_is_put_in_a_label() -> None:
    old = models.TextInput(
        custom_id="t", style=models.TextInputStyle.SHORT, label="Old"
    )

    modal = ui.Modal(old, custom_id="m", title="M")

    assert modal.components == [
        models.Label(label="Old", component=msgspec.structs.replace(old, label=None))
    ]


def test_a_bare_input_without_a_label_is_refused_where_the_label_goes() -> None:
    with pytest.raises(BuildError) as e:
        ui.Modal(ui.Checkbox(custom_id="c"), custom_id="m", title="M")

    assert "components[0].label: a label holds at least 1 character (got 0)" in str(
        e.value
    )


def test_embed_timestamp_takes_a_datetime_and_sends_utc() -> None:
    paris = timezone(timedelta(hours=2))
    embed = ui.Embed(title="t", timestamp=datetime(2026, 5, 1, 12, 0, tzinfo=paris))

    assert as_json(embed)["timestamp"] == "2026-05-01T10:00:00Z"


def test_button_emoji_strings() -> None:
    assert ui.Button(emoji="🐜", custom_id="a").emoji == models.ComponentEmoji(
        name="🐜"
    )
    assert ui.Button(emoji="<:blob:123>", custom_id="a").emoji == models.ComponentEmoji(
        id=Snowflake(123), name="blob"
    )
    animated = ui.Button(emoji="<a:blob:123>", custom_id="a").emoji
    assert animated is not None
    assert animated.animated is True


def test_button_style_follows_its_props() -> None:
    assert ui.Button("a", custom_id="a").style == ButtonStyle.SECONDARY
    assert ui.Button("a", url="https://x.test").style == ButtonStyle.LINK
    assert ui.Button(sku_id=1).style == ButtonStyle.PREMIUM
    assert ui.Button("a", custom_id="a", style=ButtonStyle.DANGER).style == 4


def test_select_and_option_sugar() -> None:
    select = ui.StringSelect("Ant", custom_id="s")

    assert select.options == [models.SelectOption(label="Ant", value="Ant")]
    assert ui.RadioGroupOption("Yes").value == "Yes"


def test_allowed_mentions_default_pings_nobody() -> None:
    assert as_json(ui.AllowedMentions()) == {"parse": []}
    assert as_json(ui.AllowedMentions(everyone=True, users=True)) == {
        "parse": ["everyone", "users"]
    }


# -- bad builder calls ----------------------------------------------------------------


BAD_CALLS: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    (
        "button-style",
        lambda: ui.Button("a", custom_id="a", style=anything("sucess")),
        ValueError,
        "Button: style must be one of 'primary', 'secondary', 'success', 'danger', "
        "'link', 'premium' or a ButtonStyle; got 'sucess'",
    ),
    (
        "button-style-uppercase",
        lambda: ui.Button("a", custom_id="a", style=anything("SUCCESS")),
        ValueError,
        "Button: style must be one of",
    ),
    (
        "text-input-style",
        lambda: ui.TextInput(custom_id="t", style=anything("long")),
        ValueError,
        "TextInput: style must be one of 'short', 'paragraph' or a TextInputStyle; "
        "got 'long'",
    ),
    (
        "separator-spacing",
        lambda: ui.Separator(spacing=anything("medium")),
        ValueError,
        "Separator: spacing must be one of 'small', 'large' or a SeparatorSpacing; "
        "got 'medium'",
    ),
    (
        "channel-types",
        lambda: ui.ChannelSelect(custom_id="c", channel_types=anything(["text"])),
        ValueError,
        "ChannelSelect: channel_types must be one of 'guild_text', ",
    ),
    (
        "child-type",
        lambda: ui.Container(anything(3)),
        TypeError,
        "Container: children must be elements, strings, None, booleans, or lists, "
        "tuples and generators of them; got 3 (int)",
    ),
    (
        "string-in-row",
        lambda: ui.ActionRow(anything("Click")),
        TypeError,
        "ActionRow: a plain string is not a component here; got 'Click'.",
    ),
    (
        "string-in-message",
        lambda: ui.Message(anything("hello")),
        TypeError,
        "Message: a plain string child is ambiguous; got 'hello'. Pass content=",
    ),
    (
        "emoji",
        lambda: ui.Button(custom_id="a", emoji=anything(5)),
        TypeError,
        "Button: emoji must be a unicode emoji, '<:name:id>' or a ComponentEmoji; "
        "got 5",
    ),
    (
        "sku-id",
        lambda: ui.Button(sku_id=anything("123")),
        TypeError,
        "Button: sku_id must be a Discord id (a non-negative int); got '123'",
    ),
    (
        "default-values",
        lambda: ui.UserSelect(custom_id="u", default_values=[-1]),
        TypeError,
        "UserSelect: default_values must be a Discord id (a non-negative int); got -1",
    ),
    (
        "mentionable-bare-id",
        lambda: ui.MentionableSelect(custom_id="m", default_values=anything([1])),
        TypeError,
        "MentionableSelect: default_values must be ui.default_value(id, 'user' or "
        "'role') items",
    ),
    (
        "default-value-type",
        lambda: ui.default_value(1, anything("member")),
        ValueError,
        "default_value: type must be one of 'user', 'role', 'channel'; got 'member'",
    ),
    (
        "description-without-label",
        lambda: ui.Checkbox(custom_id="c", description=anything("why")),
        TypeError,
        "Checkbox: description is shown by the input's Label, so it needs label= too",
    ),
    (
        "timestamp",
        lambda: ui.Embed(timestamp=anything(1700000000)),
        TypeError,
        "Embed: timestamp must be a datetime; got 1700000000",
    ),
    (
        "media",
        lambda: ui.Thumbnail(anything(None)),
        TypeError,
        "Thumbnail: url must be a URL string or an UnfurledMedia; got None",
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [case[1:] for case in BAD_CALLS],
    ids=[case[0] for case in BAD_CALLS],
)
def test_bad_call_names_the_parameter_the_rule_and_the_value(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        call()

    assert str(caught.value).startswith(message)


def test_all_pins_the_public_names() -> None:
    # "@py_builtins" and friends: pytest rewrites the asserts of every module in
    # ikit's distribution, since ikit ships a pytest plugin.
    exported = {name for name in dir(ui) if not name.startswith(("_", "@"))}
    modules = {"components", "embed", "files", "inputs", "limits", "markdown"}
    modules |= {"message", "modal", "selects", "validate", "annotations"}

    assert set(ui.__all__) == exported - modules | {"markdown"}
    assert len(ui.__all__) == len(set(ui.__all__))
