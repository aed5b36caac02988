"""The benchmark payloads (benchmarks/payloads.py) are what they claim to be: full,
realistic interactions that the models decode without losing a field."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import msgspec.inspect as mi
import pytest
from benchmarks.payloads import body, component_click, slash_command

from ikit import models
from ikit.models.interactions import Interaction
from tests.test_models_decode import compare

PAYLOADS = [
    pytest.param(slash_command, 1800, 2600, id="slash-command"),
    pytest.param(component_click, 2800, 3800, id="component-click"),
]


@pytest.mark.parametrize(("build", "smallest", "largest"), PAYLOADS)
def test_a_payload_has_the_size_it_claims(
    build: Callable[[], dict[str, Any]], smallest: int, largest: int
) -> None:
    assert smallest <= len(body(build())) <= largest


@pytest.mark.parametrize(("build", "smallest", "largest"), PAYLOADS)
def test_a_payload_decodes_with_every_key_modelled(
    build: Callable[[], dict[str, Any]], smallest: int, largest: int
) -> None:
    payload = build()
    interaction = models.decode_interaction(body(payload))

    found = compare(
        payload, json.loads(models.encode(interaction)), mi.type_info(Interaction)
    )

    assert found.mismatches == []
    assert found.unmodelled == set()


def test_the_slash_command_resolves_its_user_option() -> None:
    interaction = models.decode_interaction(body(slash_command()))

    assert isinstance(interaction, models.ApplicationCommandInteraction)
    assert interaction.data.path() == ("poll", "create")
    ping = next(o for o in interaction.data.leaf_options() if o.name == "ping")
    assert interaction.data.resolved is not None
    assert interaction.data.resolved.users[int(str(ping.value))].username == "ann"
    assert int(str(ping.value)) in interaction.data.resolved.members


def test_the_component_click_is_on_a_components_v2_message() -> None:
    interaction = models.decode_interaction(body(component_click()))

    assert isinstance(interaction, models.MessageComponentInteraction)
    assert interaction.message is not None
    assert models.MessageFlags.IS_COMPONENTS_V2 in interaction.message.flags
    (container,) = interaction.message.components
    assert isinstance(container, models.Container)
    kinds = [type(c).__name__ for c in container.components]
    assert kinds == ["TextDisplay", "Section", "Separator", "ActionRow"]


def test_each_call_builds_a_fresh_payload() -> None:
    first = slash_command()
    first["data"]["name"] = "changed"

    assert slash_command()["data"]["name"] == "poll"
