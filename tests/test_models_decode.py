"""Decoding interactions: Discord's examples, unknown values, malformed input.

Every received example of Discord's docs decodes, and re-encodes without losing a
field the models declare. Unknown values (test_models_unknown.py) and malformed input
(test_models_malformed.py) have files of their own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec
import msgspec.inspect as mi
import pytest

from ikit import models
from ikit.errors import DecodeError
from ikit.models.interactions import Interaction
from tests.shared import load_json, payload_files

#: What Discord sends around the ``type`` and ``data`` that the docs' partial
#: examples show: an interaction in a guild channel, from a guild-installed app.
ENVELOPE: dict[str, Any] = {
    "id": "786008729715212338",
    "application_id": "775799577604522054",
    "token": "A_UNIQUE_TOKEN",
    "version": 1,
    "guild_id": "290926798626357999",
    "guild": {"id": "290926798626357999", "features": ["COMMUNITY"], "locale": "en-US"},
    "channel_id": "645027906669510667",
    "channel": {
        "id": "645027906669510667",
        "type": 0,
        "name": "general",
        "guild_id": "290926798626357999",
        "nsfw": False,
        "position": 0,
        "flags": 0,
        "last_message_id": "1111111111111111111",
        "rate_limit_per_user": 0,
        "topic": None,
        "permissions": "2251799813685247",
    },
    "member": {
        "user": {
            "id": "53908232506183680",
            "username": "mason",
            "global_name": "Mason",
            "avatar": "a_d5efa99b3eeaa7dd43acca82f5692432",
            "discriminator": "0",
            "public_flags": 131141,
        },
        "roles": ["539082325061836999"],
        "premium_since": None,
        "permissions": "2251799813685247",
        "pending": False,
        "nick": None,
        "mute": False,
        "deaf": False,
        "flags": 0,
        "joined_at": "2017-03-13T19:19:14.040000+00:00",
    },
    "app_permissions": "442368",
    "locale": "en-US",
    "guild_locale": "en-US",
    "entitlements": [],
    "authorizing_integration_owners": {"0": "290926798626357999"},
    "context": 0,
    "attachment_size_limit": 10485760,
}

RECEIVED = payload_files("received")

#: Keys in the docs' examples that the models leave out on purpose, because Discord
#: does not document them, by (model, key).
UNDOCUMENTED = {
    ("ApplicationCommandData", "version"),  # in the autocomplete example only
    ("Member", "collectibles"),
    ("Member", "is_pending"),  # an old twin of `pending`
    ("Member", "unusual_dm_activity_until"),
    ("Nameplate", "expires_at"),
    ("Role", "description"),
    ("User", "clan"),  # replaced by the documented `primary_guild`
    ("User", "display_name_styles"),
}


def _wrap(payload: dict[str, Any]) -> bytes:
    return json.dumps({**ENVELOPE, **payload}).encode()


def _example(stem: str) -> Path:
    return next(p for p in RECEIVED if p.stem == stem)


def _received(path: Path) -> dict[str, Any]:
    payload: dict[str, Any] = load_json(path)
    return {**ENVELOPE, **payload} if path.stem.endswith("_partial") else payload


# -- comparing a payload with its re-encoding ----------------------------------------


@dataclass
class Comparison:
    """What comparing an original payload with its re-encoding found."""

    mismatches: list[str] = field(default_factory=list)
    unmodelled: set[tuple[str, str]] = field(default_factory=set)


def compare(original: Any, encoded: Any, info: mi.Type) -> Comparison:
    """Compare, field by field, what the models declare.

    A key is lost if the original holds a value and the re-encoding does not, unless
    that value is the field's default (which encoding omits). ``null`` counts as
    missing; timestamps compare as datetimes and snowflakes as strings.
    """
    found = Comparison()
    _compare(original, encoded, info, "$", found)
    return found


def _compare(
    original: Any, encoded: Any, info: mi.Type, path: str, found: Comparison
) -> None:
    if isinstance(info, mi.UnionType):
        info = _member(original, info)
    if isinstance(info, mi.StructType):
        _compare_struct(original, encoded, info, path, found)
    elif isinstance(info, mi.ListType) and isinstance(original, list):
        if not isinstance(encoded, list) or len(encoded) != len(original):
            found.mismatches.append(f"{path}: {original!r} became {encoded!r}")
            return
        for i, (item, again) in enumerate(zip(original, encoded, strict=True)):
            _compare(item, again, info.item_type, f"{path}[{i}]", found)
    elif isinstance(info, mi.DictType) and isinstance(original, dict):
        _compare_dict(original, encoded, info, path, found)
    elif _leaf(original, info) != _leaf(encoded, info):
        found.mismatches.append(f"{path}: {original!r} became {encoded!r}")


def _member(value: Any, info: mi.UnionType) -> mi.Type:
    structs = [t for t in info.types if isinstance(t, mi.StructType)]
    if isinstance(value, dict) and structs and structs[0].tag_field is not None:
        tag = value.get(structs[0].tag_field)
        return next((s for s in structs if s.tag == tag), info)
    options = [t for t in info.types if not isinstance(t, mi.NoneType)]
    for option in options:
        if isinstance(value, dict) and isinstance(option, mi.StructType | mi.DictType):
            return option
        if isinstance(value, list) and isinstance(option, mi.ListType):
            return option
    return options[0] if len(options) == 1 else info


def _compare_struct(
    original: dict[str, Any],
    encoded: Any,
    info: mi.StructType,
    path: str,
    found: Comparison,
) -> None:
    if not isinstance(encoded, dict):
        found.mismatches.append(f"{path}: an object became {encoded!r}")
        return
    declared = {f.encode_name: f for f in info.fields}
    if info.tag_field is not None:
        declared_tag = encoded.get(info.tag_field)
        if declared_tag != original.get(info.tag_field):
            found.mismatches.append(f"{path}.{info.tag_field}: became {declared_tag}")
    found.unmodelled.update(
        (info.cls.__name__, key)
        for key in original
        if key != info.tag_field and key not in declared
    )
    for name, spec in declared.items():
        _compare_field(original.get(name), encoded.get(name), spec, path, found)
    invented = {k for k, v in encoded.items() if v is not None} - {
        k for k, v in original.items() if v is not None
    }
    invented.discard(info.tag_field or "")
    if invented:
        found.mismatches.append(f"{path}: re-encoding added {sorted(invented)}")


def _compare_field(
    original: Any, encoded: Any, spec: mi.Field, path: str, found: Comparison
) -> None:
    where = f"{path}.{spec.encode_name}"
    if original is None:
        if encoded is not None:
            found.mismatches.append(f"{where}: missing became {encoded!r}")
    elif encoded is None:
        if original != _encoded_default(spec):
            found.mismatches.append(f"{where}: {original!r} was lost")
    else:
        _compare(original, encoded, spec.type, where, found)


def _encoded_default(spec: mi.Field) -> Any:
    if spec.default is not msgspec.NODEFAULT:
        return json.loads(models.encode(spec.default))
    if spec.default_factory is not msgspec.NODEFAULT:
        return json.loads(models.encode(spec.default_factory()))
    return msgspec.NODEFAULT


def _compare_dict(
    original: dict[str, Any],
    encoded: Any,
    info: mi.DictType,
    path: str,
    found: Comparison,
) -> None:
    if not isinstance(encoded, dict) or set(map(_key, original)) != set(encoded):
        found.mismatches.append(f"{path}: keys {sorted(original)} became {encoded!r}")
        return
    for key, value in original.items():
        _compare(value, encoded[_key(key)], info.value_type, f"{path}[{key}]", found)


def _key(key: str) -> str:
    # Integer keys (ids, enum values) come back in their canonical spelling.
    return str(int(key)) if key.isdigit() else key


def _leaf(value: Any, info: mi.Type) -> Any:
    if isinstance(info, mi.CustomType):  # snowflakes and permission sets
        return str(value)
    if isinstance(info, mi.DateTimeType) and isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


# -- Discord's examples --------------------------------------------------------------


@pytest.mark.skipif(not RECEIVED, reason="../shared/discord-payloads is absent")
@pytest.mark.parametrize("path", RECEIVED, ids=[p.stem for p in RECEIVED])
def test_every_documented_example_decodes(path: Path) -> None:
    interaction = models.decode_interaction(json.dumps(_received(path)))

    assert not isinstance(interaction, models.UnknownInteraction)
    assert interaction.type == load_json(path)["type"]
    assert interaction.token.endswith("UNIQUE_TOKEN")


@pytest.mark.skipif(not RECEIVED, reason="../shared/discord-payloads is absent")
@pytest.mark.parametrize("path", RECEIVED, ids=[p.stem for p in RECEIVED])
def test_re_encoding_an_example_keeps_every_declared_field(path: Path) -> None:
    original = _received(path)
    interaction = models.decode_interaction(json.dumps(original))

    found = compare(
        original, json.loads(models.encode(interaction)), mi.type_info(Interaction)
    )

    assert found.mismatches == []
    assert found.unmodelled <= UNDOCUMENTED


@pytest.mark.skipif(not RECEIVED, reason="../shared/discord-payloads is absent")
@pytest.mark.parametrize("path", RECEIVED, ids=[p.stem for p in RECEIVED])
def test_an_example_survives_encode_then_decode(path: Path) -> None:
    interaction = models.decode_interaction(json.dumps(_received(path)))

    assert models.decode_interaction(models.encode(interaction)) == interaction


def test_the_comparison_notices_a_lost_field() -> None:
    original = {**ENVELOPE, "type": 1, "guild_locale": "de"}
    encoded = {k: v for k, v in original.items() if k != "guild_locale"}

    found = compare(original, encoded, mi.type_info(Interaction))

    assert found.mismatches == ["$.guild_locale: 'de' was lost"]


def test_the_comparison_notices_a_changed_snowflake_and_timestamp() -> None:
    original = {**ENVELOPE, "type": 1}
    encoded = json.loads(json.dumps(original))
    encoded["member"]["user"]["id"] = "1"
    encoded["member"]["joined_at"] = "2017-03-13T19:19:15+00:00"

    found = compare(original, encoded, mi.type_info(Interaction))

    assert found.mismatches == [
        "$.member.user.id: '53908232506183680' became '1'",
        "$.member.joined_at: '2017-03-13T19:19:14.040000+00:00' became "
        "'2017-03-13T19:19:15+00:00'",
    ]


def test_the_envelope_is_read_into_typed_fields() -> None:
    interaction = models.decode_interaction(_wrap({"type": 1}))

    assert interaction.guild is not None
    assert interaction.guild.features == ["COMMUNITY"]
    assert interaction.channel is not None
    assert interaction.channel.type is models.ChannelType.GUILD_TEXT
    assert interaction.author is not None
    assert interaction.author.display_name == "Mason"
    assert interaction.app_permissions is not None
    assert models.Permissions.EMBED_LINKS in interaction.app_permissions
    assert interaction.authorizing_integration_owners == {
        models.ApplicationIntegrationType.GUILD_INSTALL: 290926798626357999
    }
    assert not interaction.is_user_install_only
    assert interaction.context is models.InteractionContextType.GUILD
    assert interaction.attachment_size_limit == 10 * 1024 * 1024


@pytest.mark.skipif(not RECEIVED, reason="../shared/discord-payloads is absent")
def test_user_collectibles_and_attachment_placeholders_are_kept() -> None:
    # Fields the docs document and the first models left out.
    users = _received(_example("modal_submit_user_select_partial"))
    upload = _received(_example("modal_submit_file_upload_partial"))

    user_interaction = models.decode_interaction(json.dumps(users))
    upload_interaction = models.decode_interaction(json.dumps(upload))

    assert isinstance(user_interaction, models.ModalSubmitInteraction)
    assert isinstance(upload_interaction, models.ModalSubmitInteraction)
    assert user_interaction.data.resolved is not None
    (user,) = user_interaction.data.resolved.users.values()
    assert user.collectibles is not None
    assert user.collectibles.nameplate is not None
    assert user.collectibles.nameplate.palette == "bubble_gum"
    assert upload_interaction.data.resolved is not None
    (attachment,) = upload_interaction.data.resolved.attachments.values()
    assert attachment.placeholder == "/PcBAoBQydvKesabEIoMsdg="
    assert attachment.placeholder_version == 1


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
