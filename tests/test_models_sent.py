"""What an app sends: Discord's examples decode into the response and message models
and encode back to the very same JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ikit import models
from tests import openapi
from tests.shared import load_json, payload_files

SENT = payload_files("sent")
CALLBACKS = [p for p in SENT if p.stem.startswith("callback_modal_")]
MESSAGES = [p for p in SENT if p.stem.startswith("message_")]

pytestmark = pytest.mark.skipif(not SENT, reason="../shared/discord-payloads is absent")


def _decode(path: Path) -> Any:
    if path in CALLBACKS:
        return models.decode(path.read_bytes(), models.InteractionResponse)
    return models.decode(path.read_bytes(), models.MessagePayload)


def test_every_sent_example_is_a_callback_or_a_message() -> None:
    assert sorted(CALLBACKS + MESSAGES) == SENT
    assert CALLBACKS
    assert MESSAGES


@pytest.mark.parametrize("path", CALLBACKS, ids=[p.stem for p in CALLBACKS])
def test_a_modal_callback_decodes_into_a_modal_response(path: Path) -> None:
    response = _decode(path)

    assert isinstance(response, models.ModalResponse)
    assert response.data.custom_id == load_json(path)["data"]["custom_id"]
    assert all(
        isinstance(c, models.Label | models.TextDisplay)
        for c in response.data.components
    )


@pytest.mark.parametrize("path", MESSAGES, ids=[p.stem for p in MESSAGES])
def test_a_message_decodes_into_a_message_payload(path: Path) -> None:
    message = _decode(path)

    assert isinstance(message, models.MessagePayload)
    assert message.components
    assert not any(isinstance(c, models.UnknownComponent) for c in message.components)


@pytest.mark.parametrize("path", SENT, ids=[p.stem for p in SENT])
def test_a_sent_example_encodes_back_to_the_same_json(path: Path) -> None:
    assert json.loads(models.encode(_decode(path))) == load_json(path)


@pytest.mark.parametrize("path", SENT, ids=[p.stem for p in SENT])
def test_a_sent_example_re_encoded_passes_the_spec(path: Path) -> None:
    encoded = json.loads(models.encode(_decode(path)))
    name = (
        openapi.CALLBACK_SCHEMAS[encoded["type"]]
        if path in CALLBACKS
        else "IncomingWebhookInteractionRequest"
    )

    openapi.validate(encoded, name)
    openapi.check_keys(encoded, name)
