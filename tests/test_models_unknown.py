"""Values Discord adds later decode into something inspectable, at every place.

An unknown integer enum value becomes a pseudo-member (``.known is False``, named
``UNKNOWN_<value>``); an unknown component or interaction type becomes its union's
``Unknown...`` catch-all, which keeps the raw fields; unknown flag and permission bits
are kept. None of them raises, and each survives encode-then-decode.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from ikit import models
from ikit.models import DiscordEnum
from ikit.models.interactions import Interaction
from tests.test_models_decode import ENVELOPE

NEW = 99  # a value no enum of ikit knows


@dataclass(frozen=True)
class Place:
    """A payload with a new value at one place, and how to read that place."""

    payload: dict[str, Any]
    read: Callable[[Any], Any]
    type_: Any = Interaction

    def decode(self) -> Any:
        return models.decode(json.dumps(self.payload), self.type_)


def _message(**fields: Any) -> dict[str, Any]:
    return {"id": "1111111111111111111", "channel_id": "645027906669510667", **fields}


def _clicked(message: dict[str, Any] | None = None, **data: Any) -> dict[str, Any]:
    return {
        **ENVELOPE,
        "type": 3,
        "data": {"custom_id": "vote/yes", "component_type": 2, **data},
        "message": message or _message(),
    }


def _on_message(*components: dict[str, Any]) -> dict[str, Any]:
    """A button click on a message holding ``components``."""
    return _clicked(_message(flags=1 << 15, components=list(components)))


def _command(**data: Any) -> dict[str, Any]:
    return {
        **ENVELOPE,
        "type": 2,
        "data": {"id": "771825006014889984", "name": "poll", "type": 1, **data},
    }


def _submitted(*components: dict[str, Any]) -> dict[str, Any]:
    return {
        **ENVELOPE,
        "type": 5,
        "data": {"custom_id": "feedback", "components": list(components)},
    }


def _with(payload: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {**payload, **fields}


NEW_NODE = {"type": NEW, "id": 7, "sparkle": {"level": 3}}
BUTTON = {"type": 2, "style": 1, "custom_id": "b"}
TEXT = {"type": 10, "content": "hi"}
MEDIA = {"url": "https://cdn.example/a.png"}
CHANNEL = {"id": "333333333333333333", "type": 0, "name": "general"}


def _channel_of(interaction: Any) -> Any:
    return interaction.data.resolved.channels[333333333333333333]


CATCH_ALLS = [
    pytest.param(
        Place(_with(ENVELOPE, type=NEW, data={"x": 1}), lambda i: i),
        id="interaction-type",
    ),
    pytest.param(
        Place(_on_message(NEW_NODE), lambda i: i.message.components[0]),
        id="message-top-level",
    ),
    pytest.param(
        Place(
            _on_message({"type": 17, "components": [TEXT, NEW_NODE]}),
            lambda i: i.message.components[0].components[1],
        ),
        id="container",
    ),
    pytest.param(
        Place(
            _on_message({"type": 9, "components": [NEW_NODE], "accessory": BUTTON}),
            lambda i: i.message.components[0].components[0],
        ),
        id="section-components",
    ),
    pytest.param(
        Place(
            _on_message({"type": 9, "components": [TEXT], "accessory": NEW_NODE}),
            lambda i: i.message.components[0].accessory,
        ),
        id="section-accessory",
    ),
    pytest.param(
        Place(
            _on_message({"type": 1, "components": [BUTTON, NEW_NODE]}),
            lambda i: i.message.components[0].components[1],
        ),
        id="action-row",
    ),
    pytest.param(
        Place(
            _on_message(
                {"type": 17, "components": [{"type": 1, "components": [NEW_NODE]}]}
            ),
            lambda i: i.message.components[0].components[0].components[0],
        ),
        id="action-row-in-container",
    ),
    pytest.param(
        Place(
            _clicked(
                _message(
                    referenced_message=_message(components=[NEW_NODE]),
                )
            ),
            lambda i: i.message.referenced_message.components[0],
        ),
        id="referenced-message",
    ),
    pytest.param(
        Place(_submitted(NEW_NODE), lambda i: i.data.components[0]),
        id="modal-submit-top-level",
    ),
    pytest.param(
        Place(
            _submitted({"type": 18, "id": 1, "component": NEW_NODE}),
            lambda i: i.data.components[0].component,
        ),
        id="modal-submit-label",
    ),
    pytest.param(
        Place(
            _submitted({"type": 1, "id": 1, "components": [NEW_NODE]}),
            lambda i: i.data.components[0].components[0],
        ),
        id="modal-submit-action-row",
    ),
    pytest.param(
        Place(
            {
                "type": 9,
                "data": {
                    "custom_id": "m",
                    "title": "T",
                    "components": [{"type": 18, "label": "L", "component": NEW_NODE}],
                },
            },
            lambda r: r.data.components[0].component,
            models.InteractionResponse,
        ),
        id="modal-label-in-a-response",
    ),
]


@pytest.mark.parametrize("place", CATCH_ALLS)
def test_an_unknown_type_becomes_a_catch_all_keeping_raw_fields(place: Place) -> None:
    node = place.read(place.decode())

    assert type(node).__name__.startswith("Unknown")
    assert node.type == NEW
    assert node.type.known is False
    assert node.type.name == f"UNKNOWN_{NEW}"
    whole = isinstance(node, models.UnknownInteraction)
    assert node.raw == (place.payload if whole else NEW_NODE)


@pytest.mark.parametrize("place", CATCH_ALLS)
def test_a_catch_all_survives_encode_then_decode(place: Place) -> None:
    decoded = place.decode()

    assert models.decode(models.encode(decoded), place.type_) == decoded


def test_the_catch_all_keeps_the_fields_every_interaction_has() -> None:
    interaction = models.decode_interaction(
        json.dumps(_with(ENVELOPE, type=NEW, data={"x": 1}))
    )

    assert isinstance(interaction, models.UnknownInteraction)
    assert interaction.token == ENVELOPE["token"]
    assert interaction.author is not None
    assert interaction.author.username == "mason"


ENUMS = [
    pytest.param(
        Place(_clicked(component_type=NEW), lambda i: i.data.component_type),
        id="component-data-component_type",
    ),
    pytest.param(
        Place(
            _command(options=[{"name": "x", "type": NEW, "value": 1}]),
            lambda i: i.data.options[0].type,
        ),
        id="option-type",
    ),
    pytest.param(
        Place(
            _command(
                options=[
                    {"name": "set", "type": 1, "options": [{"name": "x", "type": NEW}]}
                ]
            ),
            lambda i: i.data.options[0].options[0].type,
        ),
        id="option-type-in-a-subcommand",
    ),
    pytest.param(Place(_command(type=NEW), lambda i: i.data.type), id="command-type"),
    pytest.param(
        Place(
            _clicked(
                component_type=8,
                values=["333333333333333333"],
                resolved={"channels": {"333333333333333333": CHANNEL | {"type": NEW}}},
            ),
            lambda i: _channel_of(i).type,
        ),
        id="resolved-channel-type",
    ),
    pytest.param(
        Place(
            _with(_clicked(), channel=CHANNEL | {"type": NEW}),
            lambda i: i.channel.type,
        ),
        id="interaction-channel-type",
    ),
    pytest.param(
        Place(
            _on_message(
                {
                    "type": 1,
                    "components": [
                        {"type": 8, "custom_id": "c", "channel_types": [0, NEW]}
                    ],
                }
            ),
            lambda i: i.message.components[0].components[0].channel_types[1],
        ),
        id="channel-select-channel_types",
    ),
    pytest.param(
        Place(
            _with(
                _clicked(),
                entitlements=[
                    {
                        "id": "1",
                        "sku_id": "2",
                        "application_id": "3",
                        "type": NEW,
                        "deleted": False,
                    }
                ],
            ),
            lambda i: i.entitlements[0].type,
        ),
        id="entitlement-type",
    ),
    pytest.param(
        Place(_with(_clicked(), context=NEW), lambda i: i.context), id="context"
    ),
    pytest.param(
        Place(
            _with(_clicked(), authorizing_integration_owners={str(NEW): "1"}),
            lambda i: next(iter(i.authorizing_integration_owners)),
        ),
        id="authorizing_integration_owners-key",
    ),
    pytest.param(
        Place(_clicked(_message(type=NEW)), lambda i: i.message.type),
        id="message-type",
    ),
    pytest.param(
        Place(
            _on_message({"type": 1, "components": [BUTTON | {"style": NEW}]}),
            lambda i: i.message.components[0].components[0].style,
        ),
        id="button-style",
    ),
    pytest.param(
        Place(
            _on_message({"type": 14, "spacing": NEW}),
            lambda i: i.message.components[0].spacing,
        ),
        id="separator-spacing",
    ),
    pytest.param(
        Place(
            _on_message(
                {"type": 12, "items": [{"media": MEDIA | {"loading_state": NEW}}]}
            ),
            lambda i: i.message.components[0].items[0].media.loading_state,
        ),
        id="unfurled-media-loading-state",
    ),
    pytest.param(
        Place(
            _clicked(
                _message(
                    interaction_metadata={
                        "id": "1",
                        "type": NEW,
                        "user": {"id": "2", "username": "u"},
                    }
                )
            ),
            lambda i: i.message.interaction_metadata.type,
        ),
        id="interaction-metadata-type",
    ),
    pytest.param(
        Place(
            _clicked(
                _message(
                    interaction={
                        "id": "1",
                        "type": NEW,
                        "name": "poll",
                        "user": {"id": "2", "username": "u"},
                    }
                )
            ),
            lambda i: i.message.interaction.type,
        ),
        id="message-interaction-type",
    ),
    pytest.param(
        Place(
            {
                "type": 9,
                "data": {
                    "custom_id": "m",
                    "title": "T",
                    "components": [
                        {
                            "type": 18,
                            "label": "L",
                            "component": {"type": 4, "custom_id": "t", "style": NEW},
                        }
                    ],
                },
            },
            lambda r: r.data.components[0].component.style,
            models.InteractionResponse,
        ),
        id="text-input-style",
    ),
    pytest.param(
        Place(
            {"interaction": {"id": "1", "type": 2}, "resource": {"type": NEW}},
            lambda r: r.resource.type,
            models.InteractionCallbackResponse,
        ),
        id="with_response-callback-type",
    ),
    pytest.param(
        Place(
            {"interaction": {"id": "1", "type": NEW}},
            lambda r: r.interaction.type,
            models.InteractionCallbackResponse,
        ),
        id="with_response-interaction-type",
    ),
    pytest.param(
        Place(
            {"name": "poll", "type": NEW},
            lambda c: c.type,
            models.ApplicationCommand,
        ),
        id="declared-command-type",
    ),
    pytest.param(
        Place(
            {
                "name": "poll",
                "options": [{"type": NEW, "name": "x", "description": "d"}],
            },
            lambda c: c.options[0].type,
            models.ApplicationCommand,
        ),
        id="declared-option-type",
    ),
    pytest.param(
        Place(
            {"name": "poll", "integration_types": [0, NEW], "contexts": [0]},
            lambda c: c.integration_types[1],
            models.ApplicationCommand,
        ),
        id="declared-integration-type",
    ),
    pytest.param(
        Place(
            {"name": "poll", "contexts": [0, NEW]},
            lambda c: c.contexts[1],
            models.ApplicationCommand,
        ),
        id="declared-context",
    ),
    pytest.param(
        Place(
            {
                "name": "poll",
                "options": [
                    {
                        "type": 7,
                        "name": "where",
                        "description": "d",
                        "channel_types": [0, NEW],
                    }
                ],
            },
            lambda c: c.options[0].channel_types[1],
            models.ApplicationCommand,
        ),
        id="declared-option-channel_types",
    ),
    pytest.param(
        Place(
            {"name": "launch", "type": 4, "handler": NEW},
            lambda c: c.handler,
            models.ApplicationCommand,
        ),
        id="entry-point-handler",
    ),
]


@pytest.mark.parametrize("place", ENUMS)
def test_an_unknown_enum_value_becomes_a_pseudo_member(place: Place) -> None:
    value = place.read(place.decode())

    assert isinstance(value, DiscordEnum)
    assert value == NEW
    assert value.known is False
    assert value.name == f"UNKNOWN_{NEW}"
    assert type(value)(NEW) is value


@pytest.mark.parametrize("place", ENUMS)
def test_an_unknown_enum_value_survives_encode_then_decode(place: Place) -> None:
    decoded = place.decode()

    again = models.decode(models.encode(decoded), place.type_)

    assert again == decoded
    assert place.read(again) == NEW


def test_a_known_value_reads_as_known() -> None:
    assert models.ComponentType(2).known is True
    assert models.ComponentType(2) is models.ComponentType.BUTTON


# -- unknown flag bits ---------------------------------------------------------------

UNKNOWN_BIT = 1 << 40


@pytest.mark.parametrize(
    ("payload", "read", "known"),
    [
        pytest.param(
            _clicked(_message(flags=models.MessageFlags.EPHEMERAL | UNKNOWN_BIT)),
            lambda i: i.message.flags,
            models.MessageFlags.EPHEMERAL,
            id="message-flags",
        ),
        pytest.param(
            _with(
                ENVELOPE,
                type=1,
                user={"id": "1", "username": "u", "public_flags": 1 | UNKNOWN_BIT},
            ),
            lambda i: i.user.public_flags,
            models.UserFlags.STAFF,
            id="user-public_flags",
        ),
        pytest.param(
            _clicked(
                _message(
                    attachments=[
                        {
                            "id": "1",
                            "filename": "a.png",
                            "size": 1,
                            "url": "https://cdn.example/a.png",
                            "proxy_url": "https://media.example/a.png",
                            "flags": 8 | UNKNOWN_BIT,
                        }
                    ]
                )
            ),
            lambda i: i.message.attachments[0].flags,
            models.AttachmentFlags.IS_SPOILER,
            id="attachment-flags",
        ),
    ],
)
def test_unknown_flag_bits_are_kept(
    payload: dict[str, Any], read: Any, known: Any
) -> None:
    interaction = models.decode_interaction(json.dumps(payload))

    flags = read(interaction)

    assert known in flags
    assert int(flags) == int(known) | UNKNOWN_BIT
    assert read(models.decode_interaction(models.encode(interaction))) == flags


@pytest.mark.parametrize(
    "type_",
    [
        pytest.param(models.MessagePayload, id="MessagePayload"),
        pytest.param(models.DeferredMessageData, id="DeferredMessageData"),
        pytest.param(models.MessageEdit, id="MessageEdit"),
    ],
)
def test_unknown_flag_bits_are_sent_and_read_back(type_: Any) -> None:
    flags = models.MessageFlags(models.MessageFlags.EPHEMERAL | UNKNOWN_BIT)

    encoded = models.encode(type_(flags=flags))
    again = models.decode(encoded, type_)

    assert json.loads(encoded) == {
        "flags": int(models.MessageFlags.EPHEMERAL) | UNKNOWN_BIT
    }
    assert again.flags == flags
    assert models.MessageFlags.EPHEMERAL in again.flags


BEYOND_52 = (1 << 53) | (1 << 60) | (1 << 100) | int(models.Permissions.ADMINISTRATOR)
ROLE = {"id": "5", "name": "mod", "permissions": str(BEYOND_52)}


@pytest.mark.parametrize(
    ("payload", "read"),
    [
        pytest.param(
            _with(_clicked(), app_permissions=str(BEYOND_52)),
            lambda i: i.app_permissions,
            id="app_permissions",
        ),
        pytest.param(
            _with(
                _clicked(), member=ENVELOPE["member"] | {"permissions": str(BEYOND_52)}
            ),
            lambda i: i.member.permissions,
            id="member-permissions",
        ),
        pytest.param(
            _clicked(component_type=6, values=["5"], resolved={"roles": {"5": ROLE}}),
            lambda i: i.data.resolved.roles[5].permissions,
            id="role-permissions",
        ),
        pytest.param(
            _clicked(
                component_type=8,
                values=["333333333333333333"],
                resolved={
                    "channels": {
                        "333333333333333333": CHANNEL | {"permissions": str(BEYOND_52)}
                    }
                },
            ),
            lambda i: _channel_of(i).permissions,
            id="resolved-channel-permissions",
        ),
        pytest.param(
            _clicked(
                component_type=8,
                values=["333333333333333333"],
                resolved={
                    "channels": {
                        "333333333333333333": CHANNEL
                        | {"app_permissions": str(BEYOND_52)}
                    }
                },
            ),
            lambda i: _channel_of(i).app_permissions,
            id="resolved-channel-app_permissions",
        ),
        pytest.param(
            _with(_clicked(), channel=CHANNEL | {"app_permissions": str(BEYOND_52)}),
            lambda i: i.channel.app_permissions,
            id="interaction-channel-app_permissions",
        ),
    ],
)
def test_permission_bits_beyond_52_are_kept(payload: dict[str, Any], read: Any) -> None:
    interaction = models.decode_interaction(json.dumps(payload))

    permissions = read(interaction)

    assert isinstance(permissions, models.Permissions)
    assert int(permissions) == BEYOND_52
    assert models.Permissions.ADMINISTRATOR in permissions
    assert list(permissions) == ["ADMINISTRATOR"]
    assert repr(permissions) == f"<Permissions ADMINISTRATOR|{BEYOND_52 - 8:#x}>"
    assert str(BEYOND_52) in models.encode(interaction).decode()


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(
            models.decode(
                json.dumps(
                    {"name": "ban", "default_member_permissions": str(BEYOND_52)}
                ),
                models.ApplicationCommand,
            ),
            id="decoded",
        ),
        pytest.param(
            models.ApplicationCommand(
                name="ban", default_member_permissions=models.Permissions(BEYOND_52)
            ),
            id="declared",
        ),
    ],
)
def test_permission_bits_beyond_52_are_kept_on_a_command(
    command: models.ApplicationCommand,
) -> None:
    encoded = models.encode(command)

    assert command.default_member_permissions == BEYOND_52
    assert json.loads(encoded)["default_member_permissions"] == str(BEYOND_52)
    assert models.decode(encoded, models.ApplicationCommand) == command
