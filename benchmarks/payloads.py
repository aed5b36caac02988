"""Realistic interaction payloads, as Discord sends them, for benchmarks (and tests).

Each function returns a fresh dict; :func:`body` turns one into the compact JSON bytes
of a request body. The ids, names and hashes are made up but have Discord's shapes
and sizes.

- :func:`slash_command`: ``/poll create`` with three options (string, integer,
  user) and the resolved user and member: about 2 KB.
- :func:`component_click`: a button click on a Components V2 message (a container
  with text, a section with a thumbnail, a separator and a row of buttons), with
  the message's author and interaction metadata: about 3 KB.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["body", "component_click", "slash_command"]

APPLICATION_ID = "1270000000000000001"
GUILD_ID = "1100000000000000002"
CHANNEL_ID = "1100000000000000003"
USER_ID = "1100000000000000004"
OTHER_USER_ID = "1100000000000000005"
ROLE_ID = "1100000000000000006"
EVERYTHING = "2251799813685247"  # every permission up to bit 50


def body(payload: dict[str, Any]) -> bytes:
    """The payload as Discord's compact JSON."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


def _user(user_id: str, name: str, *, flags: int = 0) -> dict[str, Any]:
    return {
        "id": user_id,
        "username": name,
        "global_name": name.title(),
        "discriminator": "0",
        "avatar": "a_d5efa99b3eeaa7dd43acca82f5692432",
        "public_flags": flags,
        "avatar_decoration_data": None,
        "collectibles": None,
        "primary_guild": None,
    }


def _envelope(interaction_id: str, kind: int) -> dict[str, Any]:
    """What every interaction in a guild text channel carries."""
    return {
        "id": interaction_id,
        "application_id": APPLICATION_ID,
        "type": kind,
        "token": "aW50ZXJhY3Rpb246MTI3MDAwMDAwMDAwMDAwMDAwMTp" + "x" * 120,
        "version": 1,
        "guild_id": GUILD_ID,
        "guild": {"id": GUILD_ID, "features": ["COMMUNITY", "NEWS"], "locale": "en-US"},
        "channel_id": CHANNEL_ID,
        "channel": {
            "id": CHANNEL_ID,
            "type": 0,
            "name": "general",
            "guild_id": GUILD_ID,
            "parent_id": None,
            "position": 3,
            "nsfw": False,
            "flags": 0,
            "topic": "Say hi",
            "rate_limit_per_user": 0,
            "last_message_id": "1270000000000000100",
            "permissions": EVERYTHING,
        },
        "member": {
            "user": _user(USER_ID, "mason", flags=64 | 131072),
            "roles": [ROLE_ID],
            "joined_at": "2021-03-13T19:19:14.040000+00:00",
            "premium_since": None,
            "nick": None,
            "avatar": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "permissions": EVERYTHING,
            "communication_disabled_until": None,
        },
        "app_permissions": "562949953421311",
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {"0": GUILD_ID},
        "context": 0,
        "attachment_size_limit": 10485760,
    }


def slash_command() -> dict[str, Any]:
    """``/poll create`` with options and resolved data (about 2 KB)."""
    payload = _envelope("1270000000000000201", 2)
    payload["data"] = {
        "id": "1270000000000000010",
        "name": "poll",
        "type": 1,
        "guild_id": GUILD_ID,
        "options": [
            {
                "name": "create",
                "type": 1,
                "options": [
                    {"name": "question", "type": 3, "value": "Pizza on Friday?"},
                    {"name": "minutes", "type": 4, "value": 30},
                    {"name": "ping", "type": 6, "value": OTHER_USER_ID},
                ],
            }
        ],
        "resolved": {
            "users": {OTHER_USER_ID: _user(OTHER_USER_ID, "ann", flags=128)},
            "members": {
                OTHER_USER_ID: {
                    "roles": [ROLE_ID],
                    "joined_at": "2022-01-02T03:04:05.678000+00:00",
                    "nick": "Annie",
                    "avatar": None,
                    "flags": 0,
                    "pending": False,
                    "permissions": "1071698660929",
                    "premium_since": None,
                    "communication_disabled_until": None,
                }
            },
        },
    }
    return payload


def _text(content: str, component_id: int) -> dict[str, Any]:
    return {"type": 10, "id": component_id, "content": content}


def _button(
    label: str, custom_id: str, style: int, component_id: int
) -> dict[str, Any]:
    return {
        "type": 2,
        "id": component_id,
        "style": style,
        "label": label,
        "custom_id": custom_id,
    }


def _media(url: str, width: int, height: int) -> dict[str, Any]:
    return {
        "url": url,
        "proxy_url": url.replace("cdn.example.com", "media.example.net"),
        "width": width,
        "height": height,
        "placeholder": "3PcNFYJ5eIiYh3h4d3eHd3d3d3d3",
        "placeholder_version": 1,
        "content_type": "image/png",
        "loading_state": 2,
        "flags": 0,
    }


def component_click() -> dict[str, Any]:
    """A button click on a Components V2 message (about 3 KB)."""
    payload = _envelope("1270000000000000301", 3)
    payload["data"] = {"custom_id": "vote/42/yes", "component_type": 2, "id": 9}
    payload["message"] = {
        "id": "1270000000000000120",
        "channel_id": CHANNEL_ID,
        "type": 20,
        "author": _user(APPLICATION_ID, "pollbot") | {"bot": True},
        "content": "",
        "timestamp": "2026-08-06T12:30:00.123000+00:00",
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "pinned": False,
        "flags": 32768,
        "application_id": APPLICATION_ID,
        "webhook_id": APPLICATION_ID,
        "interaction_metadata": {
            "id": "1270000000000000201",
            "type": 2,
            "user": _user(USER_ID, "mason"),
            "authorizing_integration_owners": {"0": GUILD_ID},
        },
        "components": [
            {
                "type": 17,
                "id": 1,
                "accent_color": 5793266,
                "components": [
                    _text("## Pizza on Friday?", 2),
                    {
                        "type": 9,
                        "id": 3,
                        "components": [
                            _text("Asked by <@1100000000000000004>", 4),
                            _text("-# Closes <t:1786019400:R>", 5),
                        ],
                        "accessory": {
                            "type": 11,
                            "id": 6,
                            "media": _media(
                                "https://cdn.example.com/pizza-thumb.png", 128, 128
                            ),
                            "description": "A slice of pizza",
                        },
                    },
                    {"type": 14, "id": 8, "divider": True, "spacing": 1},
                    {
                        "type": 1,
                        "id": 11,
                        "components": [
                            _button("Yes", "vote/42/yes", 3, 9),
                            _button("No", "vote/42/no", 4, 10),
                            _button("Results", "results/42", 2, 12),
                        ],
                    },
                ],
            }
        ],
    }
    return payload
