"""Every containment rule against every component struct it does not allow there: each
pair is refused with the place's path and wording, and names what it found."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ikit import models, ui
from ikit.errors import BuildError
from ikit.models import MessageFlags
from ikit.ui.limits import PLACES

Node = Any
V2 = MessageFlags.IS_COMPONENTS_V2
PICTURE = "https://x.test/a.png"

# One of each component struct, and how a violation names it.
SAMPLES: dict[str, tuple[models.ComponentBase, str]] = {
    "button": (ui.Button("b", custom_id="p"), "a button"),
    "string_select": (ui.StringSelect("a", custom_id="p"), "a string select"),
    "user_select": (ui.UserSelect(custom_id="p"), "a user select"),
    "role_select": (ui.RoleSelect(custom_id="p"), "a role select"),
    "mentionable_select": (
        ui.MentionableSelect(custom_id="p"),
        "a mentionable select",
    ),
    "channel_select": (ui.ChannelSelect(custom_id="p"), "a channel select"),
    "text_input": (ui.TextInput(custom_id="p"), "a text input"),
    "file_upload": (ui.FileUpload(custom_id="p"), "a file upload"),
    "radio_group": (ui.RadioGroup("a", "b", custom_id="p"), "a radio group"),
    "checkbox_group": (ui.CheckboxGroup("a", custom_id="p"), "a checkbox group"),
    "checkbox": (ui.Checkbox(custom_id="p"), "a checkbox"),
    "action_row": (ui.ActionRow(ui.Button("b", custom_id="q")), "an action row"),
    "modal_action_row": (ui.ActionRow(ui.TextInput(custom_id="q")), "an action row"),
    "text_display": (ui.TextDisplay("t"), "a text display"),
    "thumbnail": (ui.Thumbnail(PICTURE), "a thumbnail"),
    "section": (ui.Section("t", accessory=ui.Thumbnail(PICTURE)), "a section"),
    "media_gallery": (ui.MediaGallery(PICTURE), "a media gallery"),
    "file": (ui.File("attachment://a.zip"), "a file"),
    "separator": (ui.Separator(), "a separator"),
    "container": (ui.Container("t"), "a container"),
    "label": (ui.Label("L", ui.TextInput(custom_id="q")), "a label"),
}


def in_message(node: Node) -> None:
    ui.validate_message(models.MessagePayload(components=[node]))


def in_v2_message(node: Node) -> None:
    ui.validate_message(models.MessagePayload(flags=V2, components=[node]))


def in_modal(node: Node) -> None:
    ui.validate_modal(models.Modal(custom_id="form", title="T", components=[node]))


# place -> how to stand a node there, and the path it then has
WHERE: dict[str, tuple[Callable[[Node], None], str]] = {
    "place.message": (in_message, "components[0]"),
    "place.message_v2": (in_v2_message, "components[0]"),
    "place.action_row": (
        lambda node: in_message(models.ActionRow(components=[node])),
        "components[0].components[0]",
    ),
    "place.container": (
        lambda node: in_v2_message(models.Container(components=[node])),
        "components[0].components[0]",
    ),
    "place.section": (
        lambda node: in_v2_message(
            models.Section(components=[node], accessory=ui.Thumbnail(PICTURE))
        ),
        "components[0].components[0]",
    ),
    "place.accessory": (
        lambda node: in_v2_message(
            models.Section(components=[ui.TextDisplay("t")], accessory=node)
        ),
        "components[0].accessory",
    ),
    "place.modal": (in_modal, "components[0]"),
    "place.modal_action_row": (
        lambda node: in_modal(models.ModalActionRow(components=[node])),
        "components[0].components[0]",
    ),
    "place.label": (
        lambda node: in_modal(models.Label(label="L", component=node)),
        "components[0].component",
    ),
}

PAIRS = [
    pytest.param(key, name, id=f"{key.removeprefix('place.')}-{name}")
    for key, place in PLACES.items()
    for name, (node, _) in SAMPLES.items()
    if not isinstance(node, place.allowed)
]


@pytest.mark.parametrize(("key", "name"), PAIRS)
def test_a_component_where_its_place_forbids_it_is_refused(key: str, name: str) -> None:
    stand, path = WHERE[key]
    node, kind = SAMPLES[name]

    with pytest.raises(BuildError) as caught:
        stand(node)

    found = [str(violation) for violation in caught.value.violations]
    assert f"{path}: {PLACES[key].text} (got {kind})" in found


def test_the_samples_hold_every_component_struct() -> None:
    structs = {
        kind
        for kind in vars(models).values()
        if isinstance(kind, type)
        and issubclass(kind, models.ComponentBase)
        and kind.__module__ == models.ComponentBase.__module__
        and kind not in (models.ComponentBase, models.UnknownComponent)
        and not kind.__name__.startswith("_")
    }

    assert {type(node) for node, _ in SAMPLES.values()} == structs


def test_every_place_has_a_way_in() -> None:
    assert WHERE.keys() == PLACES.keys()
