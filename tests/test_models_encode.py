"""Encoding follows Discord's wire conventions: snowflakes and permission sets as
strings, enums and flags as numbers, unset fields left out, and a message edit's
explicit None as null."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from ikit import models
from ikit.models import Snowflake

BIG = Snowflake(1_270_000_000_000_000_001)


def _json(value: object) -> Any:
    return json.loads(models.encode(value))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(
            models.User(id=BIG, username="ann"),
            {"id": "1270000000000000001", "username": "ann"},
            id="struct-field",
        ),
        pytest.param(
            models.Button(style=models.ButtonStyle.PREMIUM, sku_id=BIG),
            {"type": 2, "style": 6, "sku_id": "1270000000000000001"},
            id="optional-field",
        ),
        pytest.param(
            models.AllowedMentions(users=[Snowflake(1), BIG]),
            {"users": ["1", "1270000000000000001"]},
            id="list-items",
        ),
        pytest.param(
            models.ResolvedData(roles={BIG: models.Role(id=BIG, name="mod")}),
            {
                "roles": {
                    "1270000000000000001": {"id": "1270000000000000001", "name": "mod"}
                }
            },
            id="dict-keys",
        ),
        pytest.param(
            models.SelectDefaultValue(id=Snowflake(0), type="user"),
            {"id": "0", "type": "user"},
            id="zero",
        ),
    ],
)
def test_a_snowflake_encodes_as_a_string(value: object, expected: Any) -> None:
    assert _json(value) == expected


def test_a_snowflake_string_survives_beyond_53_bits() -> None:
    # JavaScript numbers would round this id; the wire form keeps every digit.
    user = models.User(id=Snowflake(2**64 - 1), username="max")

    encoded = _json(user)

    assert encoded["id"] == "18446744073709551615"
    assert models.decode(models.encode(user), models.User).id == 2**64 - 1


@pytest.mark.parametrize(
    ("permissions", "expected"),
    [
        pytest.param(models.Permissions(0), "0", id="none"),
        pytest.param(models.Permissions.ADMINISTRATOR, "8", id="administrator"),
        pytest.param(models.Permissions.BYPASS_SLOWMODE, str(1 << 52), id="bit-52"),
        pytest.param(
            models.Permissions((1 << 60) | 8),
            "1152921504606846984",
            id="unknown-bit-60",
        ),
    ],
)
def test_a_permission_set_encodes_as_a_decimal_string(
    permissions: models.Permissions, expected: str
) -> None:
    member = models.Member(permissions=permissions)

    assert _json(member) == {"permissions": expected}


def test_default_member_permissions_encode_as_a_string() -> None:
    # The spec types this request field as an integer; the docs, every response and
    # the API accept the string form, which keeps bits beyond 53.
    command = models.ApplicationCommand(
        name="ban", default_member_permissions=models.Permissions.BAN_MEMBERS
    )

    assert _json(command)["default_member_permissions"] == "4"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(
            models.Button(style=models.ButtonStyle.DANGER, custom_id="x"),
            {"type": 2, "style": 4, "custom_id": "x"},
            id="button-style-and-tag",
        ),
        pytest.param(
            models.TextInput(custom_id="t", style=models.TextInputStyle.PARAGRAPH),
            {"type": 4, "custom_id": "t", "style": 2},
            id="text-input-style",
        ),
        pytest.param(
            models.ChannelSelect(
                custom_id="c",
                channel_types=[models.ChannelType.GUILD_TEXT, models.ChannelType(99)],
            ),
            {"type": 8, "custom_id": "c", "channel_types": [0, 99]},
            id="channel-types-with-an-unknown-one",
        ),
        pytest.param(
            models.Separator(spacing=models.SeparatorSpacing.LARGE),
            {"type": 14, "spacing": 2},
            id="separator-spacing",
        ),
        pytest.param(
            models.MessagePayload(
                flags=models.MessageFlags.EPHEMERAL
                | models.MessageFlags.IS_COMPONENTS_V2
            ),
            {"flags": 32768 | 64},
            id="message-flags",
        ),
        pytest.param(
            models.MessagePayload(flags=models.MessageFlags(1 << 40)),
            {"flags": 1 << 40},
            id="unknown-message-flag",
        ),
        pytest.param(
            models.ModalResponse(
                data=models.Modal(custom_id="m", title="T", components=[])
            ),
            {"type": 9, "data": {"custom_id": "m", "title": "T", "components": []}},
            id="callback-type",
        ),
    ],
)
def test_enums_and_flags_encode_as_numbers(value: object, expected: Any) -> None:
    assert _json(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(models.MessagePayload(), {}, id="empty-message"),
        pytest.param(models.Embed(), {}, id="empty-embed"),
        pytest.param(
            models.TextDisplay(content="hi"),
            {"type": 10, "content": "hi"},
            id="text-display",
        ),
        pytest.param(
            models.SelectOption(label="A", value="a"),
            {"label": "A", "value": "a"},
            id="select-option",
        ),
        pytest.param(
            models.DeferredMessageResponse(),
            {"type": 5},
            id="deferral-without-data",
        ),
    ],
)
def test_unset_fields_are_left_out_not_null(value: object, expected: Any) -> None:
    encoded = models.encode(value)

    assert json.loads(encoded) == expected
    assert b"null" not in encoded


def test_a_timestamp_encodes_as_rfc3339() -> None:
    embed = models.Embed(timestamp=datetime(2026, 8, 6, 12, 30, tzinfo=UTC))

    assert _json(embed) == {"timestamp": "2026-08-06T12:30:00Z"}


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        pytest.param(models.MessageEdit(), {}, id="nothing"),
        pytest.param(
            models.MessageEdit(content=None), {"content": None}, id="clear-content"
        ),
        pytest.param(
            models.MessageEdit(
                content=None,
                embeds=None,
                poll=None,
                flags=models.MessageFlags.IS_COMPONENTS_V2,
                components=[models.TextDisplay(content="v2")],
            ),
            {
                "content": None,
                "embeds": None,
                "poll": None,
                "flags": 32768,
                "components": [{"type": 10, "content": "v2"}],
            },
            id="switch-to-components-v2",
        ),
        pytest.param(
            models.MessageEdit(components=[], attachments=[]),
            {"components": [], "attachments": []},
            id="empty-lists-are-kept",
        ),
    ],
)
def test_a_message_edit_encodes_none_as_null_and_unset_as_absent(
    edit: models.MessageEdit, expected: Any
) -> None:
    assert _json(edit) == expected


def test_a_message_edit_from_a_payload_keeps_only_what_the_payload_sets() -> None:
    payload = models.MessagePayload(content="hello", flags=models.MessageFlags(0))

    assert _json(models.MessageEdit.from_payload(payload)) == {
        "content": "hello",
        "flags": 0,
    }


def test_encoding_then_decoding_gives_back_an_equal_struct() -> None:
    message = models.MessagePayload(
        flags=models.MessageFlags.IS_COMPONENTS_V2,
        components=[
            models.Container(
                accent_color=0x5865F2,
                components=[
                    models.TextDisplay(content="## Poll"),
                    models.ActionRow(
                        components=[
                            models.Button(
                                style=models.ButtonStyle.SUCCESS,
                                custom_id="vote/yes",
                                emoji=models.ComponentEmoji(name="👍"),
                            )
                        ]
                    ),
                ],
            )
        ],
        allowed_mentions=models.AllowedMentions(parse=[], users=[BIG]),
    )

    assert models.decode(models.encode(message), models.MessagePayload) == message
