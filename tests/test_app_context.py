"""What a handler reads from its context, and the Activity answer, through dispatch."""

from __future__ import annotations

from typing import Any

import pytest

import ikit
from ikit import models
from tests import test_app_payloads as payloads

pytestmark = pytest.mark.anyio


def _recording_app(seen: dict[str, Any]) -> ikit.App:
    app = ikit.App(application_id=int(payloads.APPLICATION_ID))

    @app.component("look")
    async def look(ctx: ikit.ComponentContext) -> ikit.Response:
        seen.update(
            user=ctx.user.id,
            member=ctx.member.user.id if ctx.member and ctx.member.user else None,
            guild_id=ctx.guild_id,
            guild=ctx.guild.id if ctx.guild else None,
            channel_id=ctx.channel_id,
            channel=ctx.channel.id if ctx.channel else None,
            locale=ctx.locale,
            guild_locale=ctx.guild_locale,
            app_permissions=ctx.app_permissions,
            entitlements=[int(e.sku_id) for e in ctx.entitlements],
            token=ctx.token,
        )
        return ctx.defer_update()

    return app


async def test_a_guild_interaction_fills_every_accessor() -> None:
    seen: dict[str, Any] = {}
    payload = payloads.click("look")
    payload["entitlements"] = [
        {
            "id": "1270000000000000900",
            "sku_id": "777",
            "application_id": payloads.APPLICATION_ID,
            "type": 8,
            "deleted": False,
        }
    ]

    await _recording_app(seen).dispatch(payloads.decode(payload))

    assert seen == {
        "user": int(payloads.USER_ID),
        "member": int(payloads.USER_ID),
        "guild_id": int(payloads.GUILD_ID),
        "guild": int(payloads.GUILD_ID),
        "channel_id": int(payloads.CHANNEL_ID),
        "channel": int(payloads.CHANNEL_ID),
        "locale": "en-US",
        "guild_locale": "en-US",
        "app_permissions": models.Permissions(562949953421311),
        "entitlements": [777],
        "token": payload["token"],
    }


async def test_a_dm_has_a_user_and_no_guild() -> None:
    seen: dict[str, Any] = {}
    payload = payloads.click("look", in_guild=False)
    del payload["app_permissions"]

    await _recording_app(seen).dispatch(payloads.decode(payload))

    assert seen["user"] == int(payloads.USER_ID)
    assert (seen["member"], seen["guild_id"], seen["guild"]) == (None, None, None)
    assert seen["guild_locale"] is None
    assert seen["app_permissions"] == models.Permissions(0)


def _activity_app() -> ikit.App:
    app = ikit.App(application_id=int(payloads.APPLICATION_ID))

    @app.command
    async def play(ctx: ikit.CommandContext) -> ikit.Response:
        """Start the game."""
        return ctx.launch_activity()

    @app.component("play")
    async def play_button(ctx: ikit.ComponentContext) -> ikit.Response:
        return ctx.launch_activity()

    @app.modal("join")
    async def join(ctx: ikit.ModalContext) -> ikit.Response:
        return ctx.launch_activity()

    return app


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(payloads.slash("play"), id="command"),
        pytest.param(payloads.click("play"), id="button"),
        pytest.param(payloads.submit("join", []), id="modal"),
    ],
)
async def test_an_activity_launches_from_commands_components_and_modals(
    payload: payloads.Json,
) -> None:
    response = await _activity_app().dispatch(payloads.decode(payload))

    assert isinstance(response, models.LaunchActivityResponse)
    assert models.encode(response) == b'{"type":12}'
