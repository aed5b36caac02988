"""The App end to end through the simulated Discord: hooks, errors, the deadline on
components, respond-then-continue, entitlements; and the simulator's known limits."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Any

import anyio
import pytest

import ikit
from ikit import models, ui
from ikit.models import MessageFlags, Permissions
from ikit.rest import RetryPolicy
from ikit.testing import Discord, payloads

pytestmark = pytest.mark.anyio


def _app() -> ikit.App:
    app = ikit.App(deadline=0.05)

    @app.before
    async def admins_only(ctx: ikit.Context[Any]) -> ikit.Response | None:
        if not isinstance(ctx, ikit.CommandContext) or ctx.data.name != "purge":
            return None
        granted = ctx.member.permissions if ctx.member else None
        if granted is not None and Permissions.ADMINISTRATOR in granted:
            return None
        return ctx.reply("Admins only.", ephemeral=True)

    @app.command
    async def purge(ctx: ikit.CommandContext) -> ikit.Response:
        """Delete everything."""
        return ctx.reply("Purged.")

    @app.command
    async def crash(ctx: ikit.CommandContext) -> ikit.Response:
        """Fail."""
        raise RuntimeError("boom")

    @app.command
    async def board(ctx: ikit.CommandContext) -> ikit.Response:
        """A board with a slow button."""
        return ctx.reply(
            "Board", ui.ActionRow(ui.Button("Refresh", custom_id="refresh"))
        )

    @app.component("refresh")
    async def refresh(ctx: ikit.ComponentContext) -> ikit.Response:
        await anyio.sleep(0.2)
        return ctx.update("Board, refreshed")

    @app.component("vote/{choice}")
    async def vote(ctx: ikit.ComponentContext, choice: str) -> ikit.Response:
        await anyio.sleep(0.2)
        return ctx.reply(f"You voted {choice}.", ephemeral=choice == "secret")

    @app.component("ballot/{choice}", defer_ephemeral=True)
    async def ballot(ctx: ikit.ComponentContext, choice: str) -> ikit.Response:
        await anyio.sleep(0.2)
        return ctx.reply(f"Ballot cast: {choice}.", ephemeral=True)

    @app.command
    async def poll(ctx: ikit.CommandContext) -> ikit.Response:
        """A poll whose buttons are slow to answer."""
        return ctx.reply(
            "Lunch?",
            ui.ActionRow(
                ui.Button("Yes", custom_id="vote/yes"),
                ui.Button("Secret", custom_id="vote/secret"),
                ui.Button("Ballot", custom_id="ballot/yes"),
            ),
        )

    @app.command
    async def report(ctx: ikit.CommandContext) -> None:
        """Answer at once, then follow up without a pause."""
        await ctx.send(ctx.defer())
        await ctx.edit_original(content="Report ready.")
        await ctx.followup("Details.")

    @app.command
    async def premium(ctx: ikit.CommandContext) -> ikit.Response:
        """Only for subscribers."""
        skus = [int(e.sku_id) for e in ctx.entitlements]
        return ctx.reply("Welcome." if 777 in skus else "Subscribe first.")

    return app


@pytest.fixture
async def discord() -> AsyncIterator[Discord]:
    async with Discord(_app()) as simulator:
        yield simulator


async def test_a_hook_answers_instead_of_the_handler(discord: Discord) -> None:
    refused = await discord.run("purge")
    discord.envelope = dataclasses.replace(
        discord.envelope, permissions=int(Permissions.ADMINISTRATOR)
    )
    allowed = await discord.run("purge")

    assert (refused.content, allowed.content) == ("Admins only.", "Purged.")


async def test_a_failing_handler_shows_the_apps_error_message(
    discord: Discord, caplog: pytest.LogCaptureFixture
) -> None:
    message = await discord.run("crash")

    assert message.content == "Something went wrong while handling that. It was logged."
    assert MessageFlags.EPHEMERAL in message.flags
    assert "boom" in caplog.text


async def test_a_slow_component_is_deferred_then_updated(discord: Discord) -> None:
    board = await discord.run("board")

    refreshed = await discord.click(board, label="Refresh")

    assert refreshed.id == board.id
    assert refreshed.content == "Board, refreshed"


@pytest.mark.parametrize(("label", "ephemeral"), [("Yes", False), ("Secret", True)])
async def test_a_slow_buttons_new_message_is_a_followup_not_an_edit(
    discord: Discord, label: str, ephemeral: bool
) -> None:
    poll = await discord.run("poll")

    await discord.click(poll, label=label)

    shown = discord.messages()
    assert [m.content for m in shown] == ["Lunch?", f"You voted {label.lower()}."]
    assert shown[0].id == poll.id  # the poll itself is left as it was
    assert (MessageFlags.EPHEMERAL in shown[1].flags) is ephemeral


async def test_a_slow_button_that_defers_ephemerally_answers_only_the_user(
    discord: Discord, caplog: pytest.LogCaptureFixture
) -> None:
    poll = await discord.run("poll")

    ballot = await discord.click(poll, label="Ballot")

    assert ballot.content == "Ballot cast: yes."
    assert MessageFlags.EPHEMERAL in ballot.flags
    assert [m.content for m in discord.messages()] == ["Lunch?", "Ballot cast: yes."]
    assert "defer_ephemeral" not in caplog.text  # the deferral matched the answer


async def test_an_answer_whose_ephemerality_differs_from_the_deferral_is_warned(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = ikit.App(deadline=0.05)

    @app.command
    async def secret(ctx: ikit.CommandContext) -> ikit.Response:
        """Slow, and ephemeral only at the end."""
        await anyio.sleep(0.2)
        return ctx.reply("Only you.", ephemeral=True)

    async with Discord(app) as discord:
        message = await discord.run("secret")

    assert message.content == "Only you."
    assert MessageFlags.EPHEMERAL not in message.flags  # settled by the deferral
    assert "pass defer_ephemeral=True" in caplog.text


async def test_rest_calls_right_after_the_first_answer_wait_for_it(
    discord: Discord,
) -> None:
    ready = await discord.run("report")

    assert ready.content == "Report ready."
    assert [m.content for m in discord.messages()] == ["Report ready.", "Details."]


async def test_entitlements_reach_the_handler(discord: Discord) -> None:
    without = await discord.run("premium")
    discord.envelope = dataclasses.replace(
        discord.envelope, entitlements=[payloads.entitlement(sku_id=777)]
    )
    with_one = await discord.run("premium")

    assert (without.content, with_one.content) == ("Subscribe first.", "Welcome.")


# -- known limits ----------------------------------------------------------------------


@pytest.mark.xfail(strict=True, reason="the simulated REST API keeps no rate limits")
async def test_rate_limits_are_simulated(discord: Discord) -> None:
    statuses: list[str] = []
    async with discord.rest_client() as rest:
        rest.retry = RetryPolicy(rate_limit_retries=0)
        for n in range(100):
            payload = models.MessagePayload(content=str(n))
            try:
                await rest.create_message(payloads.CHANNEL_ID, payload)
            except ikit.errors.RateLimited:
                statuses.append("limited")

    assert "limited" in statuses


@pytest.mark.xfail(strict=True, reason="Discord trims message content; it is kept")
async def test_message_content_is_trimmed(discord: Discord) -> None:
    async with discord.rest_client() as rest:
        payload = models.MessagePayload(content="  padded  ")
        sent = await rest.create_message(payloads.CHANNEL_ID, payload)

    assert sent.content == "padded"
