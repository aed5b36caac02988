"""What ikit sends passes Discord's OpenAPI spec, for generated instances.

Hypothesis builds random instances of every component and callback struct, with field
values anywhere within Discord's documented limits; each one, encoded, must validate
against its request schema (message-side components under ``...ForMessageRequest``,
modal-side ones under ``...ForModalRequest``) and use only key names the schema
declares. Where the docs and the spec disagree, the validators follow the docs (see
``tests/openapi.py``).
"""

from __future__ import annotations

import functools
import json
import string
from typing import Any

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from ikit import models
from ikit.models import (
    ButtonStyle,
    ChannelType,
    MessageFlags,
    SeparatorSpacing,
    Snowflake,
    TextInputStyle,
)
from tests import openapi
from tests.shared import SPEC_FILE

pytestmark = pytest.mark.skipif(
    not SPEC_FILE.exists(), reason=f"Discord's OpenAPI spec not found at {SPEC_FILE}"
)

# No "explain" phase: on a failure it imports libcst, whose DeprecationWarning
# (an error in this suite) would hide the falsifying example.
GENERATED = settings(
    max_examples=50,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
)

S = st.SearchStrategy

# -- field values --------------------------------------------------------------------


def text(min_size: int, max_size: int) -> S[str]:
    """Any Unicode text (no lone surrogates, which JSON cannot carry)."""
    return st.text(st.characters(codec="utf-8"), min_size=min_size, max_size=max_size)


def maybe(strategy: S[Any]) -> S[Any]:
    return st.none() | strategy


snowflakes = st.integers(0, 2**63 - 1).map(Snowflake)
component_ids = maybe(st.integers(1, 2**31 - 1))
custom_ids = text(1, 100)
_path = st.text(string.ascii_letters + string.digits + "-_", min_size=1, max_size=40)
http_urls = _path.map(lambda p: f"https://cdn.example.com/{p}.png")
attachment_urls = _path.map(lambda p: f"attachment://{p}.zip")
emojis = st.builds(
    models.ComponentEmoji,
    id=maybe(snowflakes),
    name=text(1, 32),
    animated=maybe(st.booleans()),
)


@st.composite
def value_counts(
    draw: st.DrawFn, *, most: int, available: int, required: bool | None
) -> tuple[int | None, int | None]:
    """``min_values`` and ``max_values`` of a select-like input: min <= max <= what
    can be chosen, min >= 1 when the input is required (true or left out), and a
    max left out only when the default max (1) still fits."""
    low = 0 if required is False else 1
    high = max(1, min(most, available))
    minimum = draw(maybe(st.integers(low, high)))
    maximum = st.integers(max(minimum or 1, 1), high)
    if minimum is None or minimum <= 1:
        maximum = maybe(maximum)
    return minimum, draw(maximum)


# -- interactive components ----------------------------------------------------------

labels_80 = maybe(text(1, 80))

buttons: S[models.Button] = st.one_of(
    st.builds(
        models.Button,
        id=component_ids,
        style=st.sampled_from(
            [
                ButtonStyle.PRIMARY,
                ButtonStyle.SECONDARY,
                ButtonStyle.SUCCESS,
                ButtonStyle.DANGER,
            ]
        ),
        custom_id=custom_ids,
        label=labels_80,
        emoji=maybe(emojis),
        disabled=maybe(st.booleans()),
    ),
    st.builds(
        models.Button,
        id=component_ids,
        style=st.just(ButtonStyle.LINK),
        url=_path.map(lambda p: f"https://example.com/{p}"),
        label=labels_80,
        emoji=maybe(emojis),
        disabled=maybe(st.booleans()),
    ),
    st.builds(
        models.Button,
        id=component_ids,
        style=st.just(ButtonStyle.PREMIUM),
        sku_id=snowflakes,
        disabled=maybe(st.booleans()),
    ),
)

select_options = st.builds(
    models.SelectOption,
    label=text(1, 100),
    value=text(1, 100),
    description=maybe(text(0, 100)),
    emoji=maybe(emojis),
    default=maybe(st.booleans()),
)


def _select_flags(draw: st.DrawFn, *, modal: bool) -> dict[str, Any]:
    """``required`` (modals only) and ``disabled`` (messages only)."""
    if modal:
        return {"required": draw(maybe(st.booleans()))}
    return {"disabled": draw(maybe(st.booleans()))}


@st.composite
def string_selects(draw: st.DrawFn, *, modal: bool) -> models.StringSelect:
    options = draw(st.lists(select_options, min_size=1, max_size=25, unique_by=_value))
    flags = _select_flags(draw, modal=modal)
    low, high = draw(
        value_counts(most=25, available=len(options), required=flags.get("required"))
    )
    return models.StringSelect(
        id=draw(component_ids),
        custom_id=draw(custom_ids),
        options=options,
        placeholder=draw(maybe(text(0, 150))),
        min_values=low,
        max_values=high,
        **flags,
    )


def _value(option: Any) -> str:
    value: str = option.value
    return value


AUTO_SELECTS: dict[type[Any], tuple[str, ...]] = {
    models.UserSelect: ("user",),
    models.RoleSelect: ("role",),
    models.MentionableSelect: ("user", "role"),
    models.ChannelSelect: ("channel",),
}


@st.composite
def auto_selects(draw: st.DrawFn, cls: type[Any], *, modal: bool) -> Any:
    """A user, role, mentionable or channel select, with defaults it may hold."""
    flags = _select_flags(draw, modal=modal)
    low, high = draw(
        value_counts(most=25, available=25, required=flags.get("required"))
    )
    defaults = st.builds(
        models.SelectDefaultValue,
        id=snowflakes,
        type=st.sampled_from(AUTO_SELECTS[cls]),
    )
    fewest = 1 if low is None else low  # Discord's defaults: 1 and 1
    count = draw(st.integers(fewest, 1 if high is None else high))
    extra: dict[str, Any] = {}
    if cls is models.ChannelSelect:
        extra["channel_types"] = draw(
            maybe(st.lists(st.sampled_from(list(ChannelType)), unique=True))
        )
    return cls(
        id=draw(component_ids),
        custom_id=draw(custom_ids),
        placeholder=draw(maybe(text(0, 150))),
        min_values=low,
        max_values=high,
        default_values=draw(maybe(st.lists(defaults, min_size=count, max_size=count))),
        **flags,
        **extra,
    )


@st.composite
def text_inputs(draw: st.DrawFn, *, in_label: bool) -> models.TextInput:
    """A text input: inside a Label it takes no label of its own."""
    minimum = draw(maybe(st.integers(0, 4000)))
    maximum = draw(maybe(st.integers(max(minimum or 1, 1), 4000)))
    prefill = text(minimum or 0, min(maximum or 4000, (minimum or 0) + 50))
    return models.TextInput(
        id=draw(component_ids),
        custom_id=draw(custom_ids),
        style=draw(st.sampled_from(list(TextInputStyle))),
        label=None if in_label else draw(text(1, 45)),
        min_length=minimum,
        max_length=maximum,
        required=draw(maybe(st.booleans())),
        value=draw(maybe(prefill)),
        placeholder=draw(maybe(text(0, 100))),
    )


FILE_TYPES = ["image", "video", "audio", ".pdf", ".zip", ".TXT", ".tar.gz"]


@st.composite
def file_uploads(draw: st.DrawFn) -> models.FileUpload:
    required = draw(maybe(st.booleans()))
    low, high = draw(value_counts(most=10, available=10, required=required))
    return models.FileUpload(
        id=draw(component_ids),
        custom_id=draw(custom_ids),
        min_values=low,
        max_values=high,
        required=required,
        file_types=draw(
            maybe(st.lists(st.sampled_from(FILE_TYPES), max_size=10, unique=True))
        ),
    )


group_options = st.builds(
    models.RadioGroupOption,
    value=text(1, 100),
    label=text(1, 100),
    description=maybe(text(0, 100)),
    default=maybe(st.booleans()),
)


@st.composite
def radio_groups(draw: st.DrawFn) -> models.RadioGroup:
    options = draw(st.lists(group_options, min_size=2, max_size=10, unique_by=_value))
    chosen = draw(st.integers(-1, len(options) - 1))  # at most one default
    for i, option in enumerate(options):
        option.default = True if i == chosen else draw(st.sampled_from([None, False]))
    return models.RadioGroup(
        id=draw(component_ids),
        custom_id=draw(custom_ids),
        options=options,
        required=draw(maybe(st.booleans())),
    )


@st.composite
def checkbox_groups(draw: st.DrawFn) -> models.CheckboxGroup:
    options = draw(st.lists(group_options, min_size=1, max_size=10, unique_by=_value))
    required = draw(maybe(st.booleans()))
    low, high = draw(value_counts(most=10, available=len(options), required=required))
    return models.CheckboxGroup(
        id=draw(component_ids),
        custom_id=draw(custom_ids),
        options=options,
        min_values=low,
        max_values=high,
        required=required,
    )


checkboxes = st.builds(
    models.Checkbox,
    id=component_ids,
    custom_id=custom_ids,
    default=maybe(st.booleans()),
)

# -- content and layout --------------------------------------------------------------

text_displays = st.builds(models.TextDisplay, id=component_ids, content=text(1, 2000))
thumbnails = st.builds(
    models.Thumbnail,
    id=component_ids,
    media=st.builds(models.UnfurledMedia, url=http_urls | attachment_urls),
    description=maybe(text(1, 1024)),
    spoiler=maybe(st.booleans()),
)
media_galleries = st.builds(
    models.MediaGallery,
    id=component_ids,
    items=st.lists(
        st.builds(
            models.MediaGalleryItem,
            media=st.builds(models.UnfurledMedia, url=http_urls | attachment_urls),
            description=maybe(text(1, 1024)),
            spoiler=maybe(st.booleans()),
        ),
        min_size=1,
        max_size=10,
    ),
)
files = st.builds(
    models.File,
    id=component_ids,
    file=st.builds(models.UnfurledMedia, url=attachment_urls),
    spoiler=maybe(st.booleans()),
)
separators = st.builds(
    models.Separator,
    id=component_ids,
    divider=maybe(st.booleans()),
    spacing=maybe(st.sampled_from(list(SeparatorSpacing))),
)
sections = st.builds(
    models.Section,
    id=component_ids,
    components=st.lists(text_displays, min_size=1, max_size=3),
    accessory=buttons | thumbnails,
)
message_selects = st.one_of(
    string_selects(modal=False),
    *(auto_selects(cls, modal=False) for cls in AUTO_SELECTS),
)
action_rows = st.builds(
    models.ActionRow,
    id=component_ids,
    components=st.lists(buttons, min_size=1, max_size=5)
    | message_selects.map(lambda select: [select]),
)
containers = st.builds(
    models.Container,
    id=component_ids,
    components=st.lists(
        action_rows | text_displays | sections | media_galleries | separators | files,
        min_size=1,
        max_size=4,
    ),
    accent_color=maybe(st.integers(0, 0xFFFFFF)),
    spoiler=maybe(st.booleans()),
)

label_children = st.one_of(
    text_inputs(in_label=True),
    string_selects(modal=True),
    *(auto_selects(cls, modal=True) for cls in AUTO_SELECTS),
    file_uploads(),
    radio_groups(),
    checkbox_groups(),
    checkboxes,
)
labels = st.builds(
    models.Label,
    id=component_ids,
    label=text(1, 45),
    description=maybe(text(1, 100)),
    component=label_children,
)
modal_action_rows = st.builds(
    models.ModalActionRow,
    id=component_ids,
    components=text_inputs(in_label=False).map(lambda text_input: [text_input]),
)
modals = st.builds(
    models.Modal,
    custom_id=custom_ids,
    title=text(1, 45),
    components=st.lists(
        labels | text_displays | modal_action_rows, min_size=1, max_size=5
    ),
)

# -- messages and callbacks ----------------------------------------------------------


def count_components(components: list[Any]) -> int:
    """Every component of a tree, nested ones included (Discord allows 40)."""
    total = 0
    for component in components:
        total += 1
        total += count_components(getattr(component, "components", []))
        if isinstance(component, models.Section | models.Label):
            total += 1  # the accessory, or the labelled input
    return total


embeds = st.builds(
    models.Embed,
    title=maybe(text(0, 100)),
    description=maybe(text(0, 500)),
    url=maybe(http_urls),
    color=maybe(st.integers(0, 0xFFFFFF)),
    footer=maybe(
        st.builds(models.EmbedFooter, text=text(1, 100), icon_url=maybe(http_urls))
    ),
    image=maybe(st.builds(models.EmbedImage, url=http_urls)),
    author=maybe(st.builds(models.EmbedAuthor, name=text(1, 100))),
    fields=maybe(
        st.lists(
            st.builds(
                models.EmbedField,
                name=text(1, 100),
                value=text(1, 200),
                inline=maybe(st.booleans()),
            ),
            max_size=5,
        )
    ),
)
allowed_mentions = st.builds(
    models.AllowedMentions,
    parse=maybe(st.lists(st.sampled_from(["roles", "users", "everyone"]), unique=True)),
    users=maybe(st.lists(snowflakes, max_size=5, unique=True)),
    roles=maybe(st.lists(snowflakes, max_size=5, unique=True)),
    replied_user=maybe(st.booleans()),
)
attachment_entries = st.builds(
    models.AttachmentPayload,
    id=st.integers(0, 9),
    filename=maybe(_path.map(lambda p: f"{p}.png")),
    description=maybe(text(0, 1024)),
    is_spoiler=maybe(st.booleans()),
)
SENDABLE_FLAGS = [
    MessageFlags.SUPPRESS_EMBEDS,
    MessageFlags.EPHEMERAL,
    MessageFlags.SUPPRESS_NOTIFICATIONS,
]


def _flags(extra: int = 0) -> S[MessageFlags]:
    return st.lists(st.sampled_from(SENDABLE_FLAGS)).map(
        lambda chosen: MessageFlags(sum(set(chosen)) | extra)
    )


legacy_messages = st.builds(
    models.MessagePayload,
    content=maybe(text(1, 2000)),
    embeds=maybe(st.lists(embeds, max_size=3)),
    allowed_mentions=maybe(allowed_mentions),
    flags=maybe(_flags()),
    components=maybe(st.lists(action_rows, max_size=5)),
    attachments=maybe(st.lists(attachment_entries, max_size=3)),
)
v2_messages = st.builds(
    models.MessagePayload,
    flags=_flags(MessageFlags.IS_COMPONENTS_V2),
    components=st.lists(
        action_rows
        | sections
        | text_displays
        | media_galleries
        | files
        | separators
        | containers,
        min_size=1,
        max_size=5,
    ).filter(lambda components: count_components(components) <= 40),
    allowed_mentions=maybe(allowed_mentions),
    attachments=maybe(st.lists(attachment_entries, max_size=3)),
)
messages = legacy_messages | v2_messages


def _choices(values: S[Any]) -> S[models.AutocompleteResult]:
    choice = st.builds(
        models.ApplicationCommandOptionChoice, name=text(1, 100), value=values
    )
    return st.builds(models.AutocompleteResult, choices=st.lists(choice, max_size=25))


INT53 = 2**53 - 1
CALLBACKS: dict[type[Any], S[Any]] = {
    models.PongResponse: st.just(models.PongResponse()),
    models.MessageResponse: st.builds(models.MessageResponse, data=maybe(messages)),
    models.DeferredMessageResponse: st.builds(
        models.DeferredMessageResponse,
        data=maybe(
            st.builds(
                models.DeferredMessageData,
                flags=maybe(st.just(MessageFlags.EPHEMERAL)),
            )
        ),
    ),
    models.DeferredUpdateResponse: st.just(models.DeferredUpdateResponse()),
    models.UpdateMessageResponse: st.builds(
        models.UpdateMessageResponse, data=maybe(messages)
    ),
    models.AutocompleteResponse: st.builds(
        models.AutocompleteResponse,
        data=_choices(text(0, 100))
        | _choices(st.integers(-INT53, INT53))
        | _choices(st.floats(allow_nan=False, allow_infinity=False)),
    ),
    models.ModalResponse: st.builds(models.ModalResponse, data=modals),
    models.LaunchActivityResponse: st.just(models.LaunchActivityResponse()),
}

# -- the tests -----------------------------------------------------------------------

MESSAGE_SIDE: dict[str, S[Any]] = {
    "ActionRowComponentForMessageRequest": action_rows,
    "ButtonComponentForMessageRequest": buttons,
    "StringSelectComponentForMessageRequest": string_selects(modal=False),
    "UserSelectComponentForMessageRequest": auto_selects(
        models.UserSelect, modal=False
    ),
    "RoleSelectComponentForMessageRequest": auto_selects(
        models.RoleSelect, modal=False
    ),
    "MentionableSelectComponentForMessageRequest": auto_selects(
        models.MentionableSelect, modal=False
    ),
    "ChannelSelectComponentForMessageRequest": auto_selects(
        models.ChannelSelect, modal=False
    ),
    "SectionComponentForMessageRequest": sections,
    "TextDisplayComponentForMessageRequest": text_displays,
    "ThumbnailComponentForMessageRequest": thumbnails,
    "MediaGalleryComponentForMessageRequest": media_galleries,
    "FileComponentForMessageRequest": files,
    "SeparatorComponentForMessageRequest": separators,
    "ContainerComponentForMessageRequest": containers,
}
MODAL_SIDE: dict[str, S[Any]] = {
    "ActionRowComponentForModalRequest": modal_action_rows,
    "LabelComponentForModalRequest": labels,
    "TextDisplayComponentForModalRequest": text_displays,
    "TextInputComponentForModalRequest": text_inputs(in_label=True),
    "StringSelectComponentForModalRequest": string_selects(modal=True),
    "UserSelectComponentForModalRequest": auto_selects(models.UserSelect, modal=True),
    "RoleSelectComponentForModalRequest": auto_selects(models.RoleSelect, modal=True),
    "MentionableSelectComponentForModalRequest": auto_selects(
        models.MentionableSelect, modal=True
    ),
    "ChannelSelectComponentForModalRequest": auto_selects(
        models.ChannelSelect, modal=True
    ),
    "FileUploadComponentForModalRequest": file_uploads(),
    "RadioGroupComponentForModalRequest": radio_groups(),
    "CheckboxGroupComponentForModalRequest": checkbox_groups(),
    "CheckboxComponentForModalRequest": checkboxes,
}
#: A message an app sends is an interaction response's data, a followup, or a
#: channel message.
MESSAGE_SCHEMAS = (
    "IncomingWebhookInteractionRequest",
    "IncomingWebhookRequestPartial",
    "MessageCreateRequest",
)


@functools.cache
def every_callback() -> Any:
    """The callback endpoint's request body (built on first use: a clone without
    ../shared skips the tests that need it, instead of failing to import)."""
    return openapi.any_of(*dict.fromkeys(openapi.CALLBACK_SCHEMAS.values()))


def _check(value: object, schema_name: str) -> Any:
    encoded = json.loads(models.encode(value))
    openapi.validate(encoded, schema_name)
    openapi.check_keys(encoded, schema_name)
    return encoded


def _cases(table: dict[str, S[Any]]) -> list[Any]:
    return [pytest.param(name, strategy, id=name) for name, strategy in table.items()]


@pytest.mark.parametrize(("schema_name", "strategy"), _cases(MESSAGE_SIDE))
@GENERATED
@given(data=st.data())
def test_a_message_component_passes_its_schema(
    schema_name: str, strategy: S[Any], data: st.DataObject
) -> None:
    component = data.draw(strategy)

    _check(component, schema_name)

    assert models.decode(models.encode(component), type(component)) == component


@pytest.mark.parametrize(("schema_name", "strategy"), _cases(MODAL_SIDE))
@GENERATED
@given(data=st.data())
def test_a_modal_component_passes_its_schema(
    schema_name: str, strategy: S[Any], data: st.DataObject
) -> None:
    component = data.draw(strategy)

    _check(component, schema_name)

    assert models.decode(models.encode(component), type(component)) == component


@GENERATED
@given(message=messages)
def test_a_message_passes_every_message_schema(message: models.MessagePayload) -> None:
    for schema_name in MESSAGE_SCHEMAS:
        _check(message, schema_name)

    assert models.decode(models.encode(message), models.MessagePayload) == message


@GENERATED
@given(modal=modals)
def test_a_modal_passes_its_schema(modal: models.Modal) -> None:
    _check(modal, "ModalInteractionCallbackRequestData")

    assert models.decode(models.encode(modal), models.Modal) == modal


@pytest.mark.parametrize(
    ("cls", "strategy"),
    [pytest.param(c, s, id=c.__name__) for c, s in CALLBACKS.items()],
)
@GENERATED
@given(data=st.data())
def test_a_callback_passes_its_schema_and_the_endpoint_s(
    cls: type[Any], strategy: S[Any], data: st.DataObject
) -> None:
    response = data.draw(strategy)

    encoded = _check(response, openapi.CALLBACK_SCHEMAS[int(response.type)])

    assert isinstance(response, cls)
    every_callback().validate(encoded)
    again = models.decode(models.encode(response), models.InteractionResponse)
    assert again == response


def test_every_callback_type_but_the_deprecated_one_is_generated() -> None:
    generated = {cls.__struct_config__.tag for cls in CALLBACKS}

    assert generated == set(openapi.CALLBACK_SCHEMAS)
    assert models.InteractionCallbackType.PREMIUM_REQUIRED not in generated


@pytest.mark.parametrize(
    ("table", "suffix"),
    [
        pytest.param(MESSAGE_SIDE, "ComponentForMessageRequest", id="message"),
        pytest.param(MODAL_SIDE, "ComponentForModalRequest", id="modal"),
    ],
)
def test_every_component_schema_of_the_spec_is_generated(
    table: dict[str, S[Any]], suffix: str
) -> None:
    in_spec = {name for name in openapi.schema_names() if name.endswith(suffix)}

    assert set(table) == in_spec


# -- key names, without generating -------------------------------------------------

#: Fields that only Discord fills in, in what it returns: a struct shared by both
#: directions declares them, and a sender leaves them unset.
RESPONSE_ONLY = {
    "File": {"name", "size"},
    "UnfurledMedia": {
        "proxy_url",
        "height",
        "width",
        "placeholder",
        "placeholder_version",
        "content_type",
        "flags",
        "attachment_id",
        "loading_state",
    },
    "Embed": {"flags"},
}

#: Properties of a request schema that the models leave out, with the reason.
NOT_MODELLED = {
    "MessageAttachmentRequest": {"is_remix"},  # not in the docs' request structure
}

STRUCT_SCHEMAS = [
    (models.ActionRow, "ActionRowComponentForMessageRequest"),
    (models.Button, "ButtonComponentForMessageRequest"),
    (models.StringSelect, "StringSelectComponentForMessageRequest"),
    (models.StringSelect, "StringSelectComponentForModalRequest"),
    (models.UserSelect, "UserSelectComponentForMessageRequest"),
    (models.RoleSelect, "RoleSelectComponentForMessageRequest"),
    (models.MentionableSelect, "MentionableSelectComponentForMessageRequest"),
    (models.ChannelSelect, "ChannelSelectComponentForMessageRequest"),
    (models.ChannelSelect, "ChannelSelectComponentForModalRequest"),
    (models.Section, "SectionComponentForMessageRequest"),
    (models.TextDisplay, "TextDisplayComponentForMessageRequest"),
    (models.Thumbnail, "ThumbnailComponentForMessageRequest"),
    (models.MediaGallery, "MediaGalleryComponentForMessageRequest"),
    (models.MediaGalleryItem, "MediaGalleryItemRequest"),
    (models.File, "FileComponentForMessageRequest"),
    (models.Separator, "SeparatorComponentForMessageRequest"),
    (models.Container, "ContainerComponentForMessageRequest"),
    (models.ModalActionRow, "ActionRowComponentForModalRequest"),
    (models.Label, "LabelComponentForModalRequest"),
    (models.TextInput, "TextInputComponentForModalRequest"),
    (models.FileUpload, "FileUploadComponentForModalRequest"),
    (models.RadioGroup, "RadioGroupComponentForModalRequest"),
    (models.RadioGroupOption, "RadioGroupOptionForRequest"),
    (models.CheckboxGroup, "CheckboxGroupComponentForModalRequest"),
    (models.CheckboxGroupOption, "CheckboxGroupOptionForRequest"),
    (models.Checkbox, "CheckboxComponentForModalRequest"),
    (models.SelectOption, "StringSelectOptionForRequest"),
    (models.ComponentEmoji, "ComponentEmojiForRequest"),
    (models.SelectDefaultValue, "UserSelectDefaultValue"),
    (models.UnfurledMedia, "UnfurledMediaRequest"),
    (models.MessagePayload, "IncomingWebhookInteractionRequest"),
    (models.Modal, "ModalInteractionCallbackRequestData"),
    (models.AttachmentPayload, "MessageAttachmentRequest"),
    (models.AllowedMentions, "MessageAllowedMentionsRequest"),
    (models.Embed, "RichEmbed"),
    (models.ApplicationCommandOptionChoice, "ApplicationCommandOptionStringChoice"),
]


@pytest.mark.parametrize(
    ("cls", "schema_name"),
    [pytest.param(c, n, id=f"{c.__name__}-{n}") for c, n in STRUCT_SCHEMAS],
)
def test_a_struct_declares_the_fields_its_schema_names(
    cls: type[Any], schema_name: str
) -> None:
    fields = set(cls.__struct_fields__) | (
        {"type"} if cls.__struct_config__.tag_field else set()
    )
    properties = set(openapi.schema(schema_name)["properties"])

    assert fields - properties == RESPONSE_ONLY.get(cls.__name__, set())
    assert properties - fields == NOT_MODELLED.get(schema_name, set())
