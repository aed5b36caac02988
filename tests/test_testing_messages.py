"""Messages as the user sees them through the simulated Discord: followups, edits of
@original and deletions, deferrals (the bot's and ikit's own), files, channel
messages, DMs, and the app's REST calls beside interactions."""

from __future__ import annotations

from collections.abc import AsyncIterator

import anyio
import pytest

import ikit
from ikit import models
from ikit.rest import File
from ikit.testing import Discord, UnexpectedAnswer, payloads

pytestmark = pytest.mark.anyio


def _app(deadline: float = 2.5) -> ikit.App:
    app = ikit.App(deadline=deadline)

    @app.command
    async def steps(ctx: ikit.CommandContext) -> None:
        """Answer, follow up twice, edit, delete."""
        await ctx.send(ctx.reply("Step 1"))
        second = await ctx.followup("Step 2")
        await ctx.followup("Step 3", ephemeral=True)
        await ctx.edit_original(content="Step 1, edited")
        await ctx.rest.delete_followup(
            ctx.interaction.application_id, ctx.token, int(second.id)
        )

    @app.command
    async def think(ctx: ikit.CommandContext) -> None:
        """Defer, then fill in the answer."""
        await ctx.send(ctx.defer(ephemeral=True))
        await anyio.sleep(0.01)
        await ctx.edit_original(content="Thought it through.")

    @app.command
    async def slow(ctx: ikit.CommandContext) -> ikit.Response:
        """Take longer than the app's deadline."""
        await anyio.sleep(0.3)
        return ctx.reply("Worth the wait.")

    @app.command
    async def forget(ctx: ikit.CommandContext) -> ikit.Response:
        """Defer and never answer."""
        return ctx.defer()

    @app.command
    async def gone(ctx: ikit.CommandContext) -> None:
        """Answer, then delete the answer."""
        await ctx.send(ctx.reply("Now you see me."))
        await ctx.delete_original()

    @app.command
    async def old_style(ctx: ikit.CommandContext) -> None:
        """A followup after a deferral, as old bots do."""
        await ctx.send(ctx.defer())
        await ctx.followup("Filled by a followup.")

    @app.command
    async def chart(ctx: ikit.CommandContext) -> None:
        """Send a file."""
        await ctx.send(ctx.reply("Here is the chart."))
        payload = models.MessagePayload(content="chart")
        await ctx.rest.create_followup(
            ctx.interaction.application_id,
            ctx.token,
            payload,
            files=[File(b"\x89PNG...", name="chart.png")],
        )

    @app.command
    async def announce(ctx: ikit.CommandContext) -> ikit.Response:
        """Post in the channel and DM the user, with the bot token."""
        assert ctx.channel_id is not None
        payload = models.MessagePayload(content="Announcement!")
        await ctx.rest.create_message(int(ctx.channel_id), payload)
        dm = await ctx.rest.create_dm(int(ctx.user.id))
        await ctx.rest.create_message(int(dm.id), models.MessagePayload(content="Psst"))
        return ctx.reply("Done.", ephemeral=True)

    @app.command
    async def where(ctx: ikit.CommandContext) -> ikit.Response:
        """Say where this happens."""
        place = f"guild {ctx.guild_id}" if ctx.guild_id else "a DM"
        return ctx.reply(f"In {place}, {ctx.locale}.")

    return app


@pytest.fixture
async def discord() -> AsyncIterator[Discord]:
    async with Discord(_app()) as simulator:
        yield simulator


async def test_followups_edits_and_deletions_show_as_the_user_sees_them(
    discord: Discord,
) -> None:
    answer = await discord.run("steps")

    shown = discord.messages()
    assert answer.content == "Step 1, edited"
    assert [m.content for m in shown] == ["Step 1, edited", "Step 3"]
    assert models.MessageFlags.EPHEMERAL in shown[1].flags
    metadata = shown[1].interaction_metadata
    assert metadata is not None
    assert metadata.original_response_message_id == answer.id


async def test_a_deferral_returns_the_message_it_became(discord: Discord) -> None:
    message = await discord.run("think")

    assert message.content == "Thought it through."
    assert models.MessageFlags.EPHEMERAL in message.flags
    assert models.MessageFlags.LOADING not in message.flags


async def test_ikit_defers_a_slow_handler_and_the_answer_follows() -> None:
    async with Discord(_app(deadline=0.05)) as discord:
        message = await discord.run("slow")

    assert message.content == "Worth the wait."
    assert [call.route.split()[0] for call in discord.requests] == ["PATCH"]


async def test_a_deferral_never_filled_in_fails_the_action() -> None:
    async with Discord(_app(), timeout=0.2) as discord:
        with pytest.raises(
            UnexpectedAnswer,
            match=r"^The bot deferred /forget and did not fill in its answer within "
            r"0\.2 s: the user still sees 'thinking\.\.\.'",
        ):
            await discord.run("forget")


async def test_an_answer_deleted_is_no_message(discord: Discord) -> None:
    with pytest.raises(UnexpectedAnswer, match=r"answered /gone, then deleted it"):
        await discord.run("gone")

    assert discord.messages() == []


async def test_a_followup_after_a_deferral_fills_it_in(discord: Discord) -> None:
    message = await discord.run("old_style")

    assert message.content == "Filled by a followup."
    assert len(discord.messages()) == 1


async def test_files_are_attached_and_kept(discord: Discord) -> None:
    await discord.run("chart")

    attached = discord.messages()[-1].attachments
    assert [a.filename for a in attached] == ["chart.png"]
    assert attached[0].content_type == "image/png"
    assert discord.file(attached[0]) == b"\x89PNG..."


async def test_channel_messages_and_dms_use_the_bot_token(discord: Discord) -> None:
    await discord.run("announce")

    assert [m.content for m in discord.messages()] == ["Announcement!", "Done."]
    assert [m.content for m in discord.messages(payloads.DM_CHANNEL_ID)] == []
    dms = [c for c in discord.world.channels if c != discord.envelope.channel_id]
    assert [m.content for m in discord.messages(dms[0])] == ["Psst"]


async def test_the_envelope_says_who_and_where(discord: Discord) -> None:
    in_guild = await discord.run("where")
    discord.envelope = discord.envelope.dm()
    in_dm = await discord.run("where")

    assert in_guild.content == f"In guild {payloads.GUILD_ID}, en-US."
    assert in_dm.content == "In a DM, en-US."
    assert in_dm.channel_id == payloads.DM_CHANNEL_ID


async def test_a_callback_over_rest_may_ask_for_the_message(discord: Discord) -> None:
    payload = payloads.slash_command("where", envelope=discord.envelope)
    tracked = discord.world.track(payload, "/where")
    async with discord.rest_client() as rest:
        answer = models.MessageResponse(data=models.MessagePayload(content="Hi"))
        made = await rest.create_interaction_response(
            tracked.id, tracked.token, answer, with_response=True
        )

    assert made.resource is not None
    assert made.resource.message is not None
    assert made.resource.message.content == "Hi"


async def test_app_sync_registers_the_commands(discord: Discord) -> None:
    assert discord.app is not None

    first = await discord.app.sync()
    again = await discord.app.sync()

    names = {c["name"] for c in discord.rest_app.commands["global"]}
    assert names == {c.name for c in discord.app.commands}
    assert len(first.created) == len(names)
    assert not again.has_changes


async def test_an_unsimulated_route_is_refused_with_a_reason(discord: Discord) -> None:
    async with discord.rest_client() as rest:
        with pytest.raises(ikit.errors.NotFound, match="does not simulate GET /guilds"):
            await rest.get_roles(1)
