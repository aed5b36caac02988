"""Decoding interactions: Discord's examples, unknown values, malformed input."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ikit import models
from ikit.errors import DecodeError
from tests.shared import load_json, payload_files

ENVELOPE: dict[str, Any] = {
    "id": "786008729715212338",
    "application_id": "775799577604522054",
    "token": "A_UNIQUE_TOKEN",
    "version": 1,
}

RECEIVED = payload_files("received")


def _wrap(payload: dict[str, Any]) -> bytes:
    return json.dumps({**ENVELOPE, **payload}).encode()


@pytest.mark.skipif(not RECEIVED, reason="../shared/discord-payloads is absent")
@pytest.mark.parametrize("path", RECEIVED, ids=[p.stem for p in RECEIVED])
def test_every_documented_example_decodes(path: Any) -> None:
    interaction = models.decode_interaction(_wrap(load_json(path)))

    assert not isinstance(interaction, models.UnknownInteraction)
    assert interaction.token.endswith("UNIQUE_TOKEN")


def test_unknown_interaction_type_keeps_the_raw_payload() -> None:
    interaction = models.decode_interaction(_wrap({"type": 42, "data": {"x": 1}}))

    assert isinstance(interaction, models.UnknownInteraction)
    assert interaction.type == 42
    assert not interaction.type.known
    assert interaction.raw["data"] == {"x": 1}
    assert interaction.id == int(ENVELOPE["id"])


def test_unknown_component_type_decodes_to_a_catch_all() -> None:
    body = _wrap(
        {
            "type": 3,
            "data": {"custom_id": "x", "component_type": 99},
            "message": {
                "id": "1",
                "channel_id": "2",
                "components": [
                    {"type": 99, "shiny": True},
                    {"type": 1, "components": [{"type": 77, "custom_id": "y"}]},
                ],
            },
        }
    )

    interaction = models.decode_interaction(body)

    assert isinstance(interaction, models.MessageComponentInteraction)
    assert interaction.data.component_type == 99
    assert interaction.message is not None
    first, row = interaction.message.components
    assert isinstance(first, models.UnknownComponent)
    assert first.type == 99
    assert first.raw == {"type": 99, "shiny": True}
    assert isinstance(row, models.ActionRow)
    assert isinstance(row.components[0], models.UnknownComponent)


def test_truncated_json_is_a_400() -> None:
    with pytest.raises(DecodeError, match="truncated") as info:
        models.decode_interaction(b'{"type": 2, "id": "1"')

    assert info.value.status == 400


def test_a_wrong_type_names_the_path() -> None:
    with pytest.raises(DecodeError, match=r"Expected `str`, got `int` - at `\$.token`"):
        models.decode_interaction(_wrap({"type": 1, "token": 5}))
