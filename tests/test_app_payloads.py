"""Realistic interaction payloads for the App tests, and proof that they decode.

The builders return the JSON Discord POSTs, as dicts: a guild interaction carries the
whole envelope (guild, channel, member with permissions, app permissions, locales,
entitlements, integration owners); a DM carries ``user`` instead of ``member``.
:func:`decode` turns one into the typed interaction through the same bytes path the
server uses. The ids are made up but have Discord's shapes.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest

from ikit import models

APPLICATION_ID = "1270000000000000001"
GUILD_ID = "1100000000000000002"
CHANNEL_ID = "1100000000000000003"
USER_ID = "1100000000000000004"
OTHER_USER_ID = "1100000000000000005"
ROLE_ID = "1100000000000000006"
OTHER_ROLE_ID = "1100000000000000007"
TEXT_CHANNEL_ID = "1100000000000000008"
THREAD_ID = "1100000000000000009"
ATTACHMENT_ID = "1100000000000000010"
MESSAGE_ID = "1270000000000000120"
EVERYTHING = "2251799813685247"
#: A member who may read and write, and nothing more.
MEMBER_PERMISSIONS = "68608"

_ids = itertools.count(1270000000000000201)

Json = dict[str, Any]


def decode(payload: Json) -> models.Interaction:
    """The typed interaction, decoded from the compact JSON Discord sends."""
    body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    return models.decode_interaction(body)


# -- objects -------------------------------------------------------------------------


def user(user_id: str = USER_ID, name: str = "mason", **extra: Any) -> Json:
    return {
        "id": user_id,
        "username": name,
        "global_name": name.title(),
        "discriminator": "0",
        "avatar": "a_d5efa99b3eeaa7dd43acca82f5692432",
        "public_flags": 64,
        "avatar_decoration_data": None,
        "collectibles": None,
        "primary_guild": None,
        **extra,
    }


def partial_member(*, nick: str | None = None, permissions: str = EVERYTHING) -> Json:
    """A member as resolved data holds it: no ``user``, no ``deaf`` or ``mute``."""
    return {
        "roles": [ROLE_ID],
        "joined_at": "2022-01-02T03:04:05.678000+00:00",
        "nick": nick,
        "avatar": None,
        "flags": 0,
        "pending": False,
        "permissions": permissions,
        "premium_since": None,
        "communication_disabled_until": None,
    }


def member(
    user_id: str = USER_ID, name: str = "mason", *, permissions: str = EVERYTHING
) -> Json:
    """The invoking member, as the envelope carries it."""
    return {
        **partial_member(permissions=permissions),
        "user": user(user_id, name),
        "deaf": False,
        "mute": False,
    }


def role(role_id: str = ROLE_ID, name: str = "Moderators") -> Json:
    return {
        "id": role_id,
        "name": name,
        "color": 3447003,
        "colors": {
            "primary_color": 3447003,
            "secondary_color": None,
            "tertiary_color": None,
        },
        "hoist": True,
        "icon": None,
        "unicode_emoji": None,
        "position": 4,
        "permissions": "1071698660929",
        "managed": False,
        "mentionable": True,
        "flags": 0,
        "description": None,
    }


def channel(channel_id: str = TEXT_CHANNEL_ID, name: str = "announcements") -> Json:
    """A channel as resolved data holds it, with the member's permissions there."""
    return {
        "id": channel_id,
        "type": 0,
        "name": name,
        "guild_id": GUILD_ID,
        "parent_id": None,
        "permissions": EVERYTHING,
        "flags": 0,
        "last_message_id": None,
        "nsfw": False,
        "position": 2,
        "rate_limit_per_user": 0,
        "topic": None,
    }


def thread(thread_id: str = THREAD_ID, name: str = "bug-reports") -> Json:
    return {
        "id": thread_id,
        "type": 11,
        "name": name,
        "guild_id": GUILD_ID,
        "parent_id": TEXT_CHANNEL_ID,
        "permissions": EVERYTHING,
        "flags": 0,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 1440,
            "archive_timestamp": "2026-08-06T12:00:00.000000+00:00",
            "locked": False,
        },
    }


def attachment(attachment_id: str = ATTACHMENT_ID, name: str = "bug.png") -> Json:
    url = f"https://cdn.discordapp.com/ephemeral-attachments/{CHANNEL_ID}/{name}"
    return {
        "id": attachment_id,
        "filename": name,
        "size": 241394,
        "url": url,
        "proxy_url": url.replace("cdn.discordapp.com", "media.discordapp.net"),
        "content_type": "image/png",
        "width": 2482,
        "height": 604,
        "ephemeral": True,
        "placeholder": "/PcBAoBQydvKesabEIoMsdg=",
        "placeholder_version": 1,
    }


def message(components: list[Json] | None = None, content: str = "") -> Json:
    """A message the app sent, which a component was used on."""
    return {
        "id": MESSAGE_ID,
        "channel_id": CHANNEL_ID,
        "type": 20,
        "author": user(APPLICATION_ID, "pollbot", bot=True),
        "content": content,
        "timestamp": "2026-08-06T12:30:00.123000+00:00",
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "pinned": False,
        "flags": 0,
        "application_id": APPLICATION_ID,
        "webhook_id": APPLICATION_ID,
        "components": components or [],
    }


def resolved_everything() -> Json:
    """Resolved data holding one object of every kind."""
    return {
        "users": {OTHER_USER_ID: user(OTHER_USER_ID, "ann")},
        "members": {OTHER_USER_ID: partial_member(nick="Annie")},
        "roles": {ROLE_ID: role()},
        "channels": {TEXT_CHANNEL_ID: channel()},
        "attachments": {ATTACHMENT_ID: attachment()},
    }


# -- interactions --------------------------------------------------------------------


def interaction(
    kind: int,
    data: Json | None = None,
    *,
    in_guild: bool = True,
    user_id: str = USER_ID,
    permissions: str = EVERYTHING,
    **extra: Any,
) -> Json:
    """The envelope every interaction carries, in a guild text channel or a DM."""
    payload: Json = {
        "id": str(next(_ids)),
        "application_id": APPLICATION_ID,
        "type": kind,
        "token": "aW50ZXJhY3Rpb246MTI3MDAwMDAwMDAwMDAwMDAwMTp" + "x" * 120,
        "version": 1,
        "app_permissions": "562949953421311",
        "locale": "en-US",
        "entitlements": [],
        "attachment_size_limit": 10485760,
        **extra,
    }
    if data is not None:
        payload["data"] = data
    if in_guild:
        payload |= {
            "guild_id": GUILD_ID,
            "guild": {"id": GUILD_ID, "features": ["COMMUNITY"], "locale": "en-US"},
            "guild_locale": "en-US",
            "channel_id": CHANNEL_ID,
            "channel": {**channel(CHANNEL_ID, "general"), "permissions": permissions},
            "member": member(user_id, permissions=permissions),
            "authorizing_integration_owners": {"0": GUILD_ID},
            "context": 0,
        }
    else:
        payload |= {
            "channel_id": CHANNEL_ID,
            "channel": {"id": CHANNEL_ID, "type": 1, "flags": 0},
            "user": user(user_id),
            "authorizing_integration_owners": {"1": user_id},
            "context": 1,
        }
    return payload


def ping() -> Json:
    return {
        "id": str(next(_ids)),
        "application_id": APPLICATION_ID,
        "type": 1,
        "token": "ping-token",
        "version": 1,
    }


def option(name: str, kind: int, value: object = None, **extra: Any) -> Json:
    found: Json = {"name": name, "type": kind, **extra}
    if value is not None:
        found["value"] = value
    return found


def slash(
    name: str,
    options: list[Json] | None = None,
    *,
    resolved: Json | None = None,
    autocomplete: bool = False,
    **envelope: Any,
) -> Json:
    """A slash command (type 2), or its autocomplete (type 4)."""
    data: Json = {"id": "1270000000000000010", "name": name, "type": 1}
    data["guild_id"] = GUILD_ID
    if options:
        data["options"] = options
    if resolved:
        data["resolved"] = resolved
    return interaction(4 if autocomplete else 2, data, **envelope)


def context_menu(name: str, kind: int, target_id: str, resolved: Json) -> Json:
    """A user command (kind 2) or a message command (kind 3) on ``target_id``."""
    data = {
        "id": "1270000000000000011",
        "name": name,
        "type": kind,
        "guild_id": GUILD_ID,
        "target_id": target_id,
        "resolved": resolved,
    }
    return interaction(2, data)


def click(custom_id: str, *, component_id: int = 9, **envelope: Any) -> Json:
    """A button click on the app's message."""
    button = {"type": 2, "id": component_id, "style": 1, "label": "Go"}
    row = {"type": 1, "id": 1, "components": [button | {"custom_id": custom_id}]}
    data = {"custom_id": custom_id, "component_type": 2, "id": component_id}
    return interaction(3, data, message=message([row]), **envelope)


def select(
    custom_id: str,
    component_type: int,
    values: list[str],
    resolved: Json | None = None,
    **envelope: Any,
) -> Json:
    """A choice in a select menu of ``component_type`` (3, 5, 6, 7 or 8)."""
    data: Json = {
        "custom_id": custom_id,
        "component_type": component_type,
        "id": 2,
        "values": values,
    }
    if resolved is not None:
        data["resolved"] = resolved
    menu: Json = {"type": component_type, "id": 2, "custom_id": custom_id}
    if component_type == 3:
        menu["options"] = [{"label": v.title(), "value": v} for v in values]
    row = {"type": 1, "id": 1, "components": [menu]}
    return interaction(3, data, message=message([row]), **envelope)


def label(component: Json, component_id: int = 1) -> Json:
    """A submitted Label holding one input."""
    return {"type": 18, "id": component_id, "component": component}


def submit(
    custom_id: str,
    components: list[Json],
    *,
    resolved: Json | None = None,
    from_message: bool = True,
    **envelope: Any,
) -> Json:
    """A modal submission; ``from_message`` when a component opened the modal."""
    data: Json = {"custom_id": custom_id, "components": components}
    if resolved is not None:
        data["resolved"] = resolved
    if from_message:
        envelope["message"] = message(content="Tell us more")
    return interaction(5, data, **envelope)


# -- the builders decode -------------------------------------------------------------

CASES = [
    pytest.param(ping(), models.PingInteraction, id="ping"),
    pytest.param(
        slash("poll", [option("question", 3, "Tea?")]),
        models.ApplicationCommandInteraction,
        id="slash-command",
    ),
    pytest.param(
        slash("poll", [option("question", 3, "Te", focused=True)], autocomplete=True),
        models.AutocompleteInteraction,
        id="autocomplete",
    ),
    pytest.param(
        context_menu("Inspect", 2, OTHER_USER_ID, resolved_everything()),
        models.ApplicationCommandInteraction,
        id="user-command",
    ),
    pytest.param(click("vote/yes"), models.MessageComponentInteraction, id="click"),
    pytest.param(
        select("pick", 8, [TEXT_CHANNEL_ID], resolved_everything()),
        models.MessageComponentInteraction,
        id="select",
    ),
    pytest.param(
        submit("form", [label({"type": 4, "id": 2, "custom_id": "t", "value": "x"})]),
        models.ModalSubmitInteraction,
        id="modal-submit",
    ),
    pytest.param(
        slash("poll", in_guild=False),
        models.ApplicationCommandInteraction,
        id="in-a-dm",
    ),
]


@pytest.mark.parametrize(("payload", "expected"), CASES)
def test_every_builder_decodes_to_its_interaction(
    payload: Json, expected: type[models.Interaction]
) -> None:
    decoded = decode(payload)

    assert isinstance(decoded, expected)
    assert decoded.application_id == int(APPLICATION_ID)


def test_a_guild_interaction_names_its_member_and_a_dm_its_user() -> None:
    in_guild = decode(click("x"))
    in_dm = decode(click("x", in_guild=False))

    assert in_guild.member is not None
    assert in_guild.author is not None
    assert in_guild.author.id == int(USER_ID)
    assert in_dm.member is None
    assert in_dm.author is not None
    assert in_dm.author.id == int(USER_ID)


def test_resolved_data_decodes_every_kind() -> None:
    decoded = decode(select("pick", 7, [OTHER_USER_ID], resolved_everything()))

    assert isinstance(decoded, models.MessageComponentInteraction)
    resolved = decoded.data.resolved
    assert resolved is not None
    assert [len(resolved.users), len(resolved.members), len(resolved.roles)] == [
        1,
        1,
        1,
    ]
    assert list(resolved.channels) == [int(TEXT_CHANNEL_ID)]
    assert list(resolved.attachments) == [int(ATTACHMENT_ID)]
