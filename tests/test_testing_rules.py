"""Every rule the simulated Discord enforces, broken once, with the message a bot
author reads."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import anyio
import pytest

import ikit
from ikit import models, ui
from ikit.testing import Clock, Discord, DiscordRuleBroken
from ikit.testing._serve import serve

pytestmark = pytest.mark.anyio


@pytest.fixture
def app() -> ikit.App:
    return ikit.App()


@pytest.fixture
async def discord(app: ikit.App) -> AsyncIterator[Discord]:
    async with Discord(app) as simulator:
        yield simulator


def _six_buttons() -> models.MessagePayload:
    buttons = [
        models.Button(style=models.ButtonStyle.PRIMARY, label=str(n), custom_id=str(n))
        for n in range(6)
    ]
    return models.MessagePayload(components=[models.ActionRow(components=[*buttons])])


async def test_a_second_first_answer(app: ikit.App, discord: Discord) -> None:
    @app.command
    async def hello(ctx: ikit.CommandContext) -> ikit.Response:
        """Say hello twice."""
        first = ctx.reply("Hello over REST.")
        await ctx.rest.create_interaction_response(ctx.interaction.id, ctx.token, first)
        return ctx.reply("Hello over HTTP.")

    with pytest.raises(
        DiscordRuleBroken,
        match=r"^The bot answered /hello twice\. Discord accepts one first answer per "
        r"interaction and refuses the next \(40060 Interaction has already been "
        r"acknowledged\); send later messages with ctx\.followup\(\) or "
        r"ctx\.edit_original\(\)\.$",
    ) as info:
        await discord.run("hello")

    assert info.value.rule == "second-response"
    assert [m.content for m in discord.messages()] == ["Hello over REST."]


async def test_an_answer_the_interaction_does_not_take(
    app: ikit.App, discord: Discord
) -> None:
    @app.command
    async def hello(ctx: ikit.CommandContext) -> None:
        """Update a message a command does not have."""
        payload = models.MessagePayload(content="updated")
        await ctx.send(models.UpdateMessageResponse(data=payload))

    with pytest.raises(
        DiscordRuleBroken,
        match=r"^The bot answered /hello with UPDATE_MESSAGE, which Discord does not "
        r"accept for a APPLICATION_COMMAND interaction; it accepts: "
        r"CHANNEL_MESSAGE_WITH_SOURCE, DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE, "
        r"LAUNCH_ACTIVITY, MODAL, PREMIUM_REQUIRED\.$",
    ):
        await discord.run("hello")


async def test_a_modal_answering_a_modal(app: ikit.App, discord: Discord) -> None:
    @app.command
    async def survey(ctx: ikit.CommandContext) -> ikit.Response:
        """Open the first page."""
        name = ui.TextInput(custom_id="name", label="Name")
        return ctx.modal(ui.Modal(name, custom_id="page-1", title="Page 1"))

    @app.modal("page-1")
    async def page_one(ctx: ikit.ModalContext, name: str = "") -> None:
        age = ui.TextInput(custom_id="age", label="Age")
        second = ui.Modal(age, custom_id="page-2", title="Page 2")
        await ctx.send(models.ModalResponse(data=second))

    modal = await discord.run_modal("survey")

    with pytest.raises(
        DiscordRuleBroken,
        match=r"^The bot answered the modal 'Page 1' with another modal\. Discord "
        r"cannot open a modal from a modal submit; answer with a message, and put a "
        r"button on it that opens the next modal\.$",
    ):
        await discord.submit(modal, name="Ada")


async def test_a_first_answer_after_three_seconds(app: ikit.App) -> None:
    clock = Clock()

    @app.command
    async def slow(ctx: ikit.CommandContext) -> ikit.Response:
        """Block the event loop, as a synchronous call would."""
        clock.advance(3.5)
        return ctx.reply("Too late.")

    async with Discord(app, clock=clock) as discord:
        with pytest.raises(
            DiscordRuleBroken,
            match=r"^The bot answered /slow after 3\.5 s\. Discord drops a first "
            r"answer later than 3 s and shows 'The application did not respond'; "
            r"answer sooner, or return ctx\.defer\(\) and finish with "
            r"ctx\.edit_original\(\)\.$",
        ):
            await discord.run("slow")

        assert discord.messages() == []


async def test_a_token_used_after_fifteen_minutes(app: ikit.App) -> None:
    tokens: list[str] = []

    @app.command
    async def remind(ctx: ikit.CommandContext) -> ikit.Response:
        """Remind me later."""
        tokens.append(ctx.token)
        button = ui.Button("Now", custom_id="now")
        return ctx.reply("I will remind you.", ui.ActionRow(button))

    @app.component("now")
    async def now(ctx: ikit.ComponentContext) -> ikit.Response:
        payload = models.MessagePayload(content="Reminder!")
        await ctx.rest.create_followup(
            ctx.interaction.application_id, tokens[0], payload
        )
        return ctx.defer_update()

    async with Discord(app) as discord:
        message = await discord.run("remind")
        discord.clock.advance(16 * 60)

        with pytest.raises(
            DiscordRuleBroken,
            match=r"^The bot called POST followup with the token of /remind, 16\.0 "
            r"minutes after the interaction\. Interaction tokens expire after 15 "
            r"minutes \(401 Invalid Webhook Token\); post later messages with the bot "
            r"token, with rest\.create_message\(channel_id, \.\.\.\)\.$",
        ):
            await discord.click(message, label="Now")


async def test_a_sixth_followup_of_a_user_installed_app(app: ikit.App) -> None:
    @app.command
    async def count(ctx: ikit.CommandContext) -> None:
        """Count to six."""
        await ctx.send(ctx.reply("Counting."))
        for n in range(1, 7):
            await ctx.followup(str(n))

    async with Discord(app) as discord:
        discord.envelope = discord.envelope.user_installed()

        with pytest.raises(
            DiscordRuleBroken,
            match=r"^The bot sent followup number 6 for /count\. The app is installed "
            r"by the user only, not in the server, so Discord allows 5 followups per "
            r"interaction; send fewer, or edit one message with "
            r"ctx\.edit_original\(\)\.$",
        ):
            await discord.run("count")

        shown = [m.content for m in discord.messages()]
        assert shown == ["Counting.", "1", "2", "3", "4", "5"]


async def test_components_past_a_limit(app: ikit.App, discord: Discord) -> None:
    @app.command
    async def menu(ctx: ikit.CommandContext) -> ikit.Response:
        """Six buttons in a row, built without ikit.ui."""
        return models.MessageResponse(data=_six_buttons())

    with pytest.raises(
        DiscordRuleBroken,
        match=r"^The bot sent an answer to /menu that breaks Discord's limits \(400 "
        r"Invalid Form Body\):\n  components\[0\]\.components\[5\]: an action row "
        r"holds at most 5 buttons \(got 6\)\nBuild it with ikit\.ui, which checks "
        r"them as it builds\.$",
    ) as info:
        await discord.run("menu")

    assert info.value.rule == "limits"


async def test_an_embed_past_a_limit_in_a_followup(
    app: ikit.App, discord: Discord
) -> None:
    @app.command
    async def news(ctx: ikit.CommandContext) -> None:
        """An embed whose title is too long."""
        await ctx.send(ctx.reply("Here it comes."))
        embed = models.Embed(title="x" * 300)
        payload = models.MessagePayload(embeds=[embed])
        await ctx.rest.create_followup(
            ctx.interaction.application_id, ctx.token, payload
        )

    with pytest.raises(
        DiscordRuleBroken,
        match=r"^The bot sent a followup to /news that breaks Discord's limits \(400 "
        r"Invalid Form Body\):\n  embeds\[0\]\.title: an embed title holds at most "
        r"256 characters \(got 300\)\n",
    ):
        await discord.run("news")

    refused = discord.requests[-1]
    assert refused.route == "POST /webhooks/{application_id}/{interaction_token}"


async def test_a_rule_broken_after_the_last_action_fails_on_exit(
    app: ikit.App,
) -> None:
    @app.command
    async def later(ctx: ikit.CommandContext) -> None:
        """Break a limit after the simulator stopped waiting."""
        await ctx.send(ctx.reply("Soon."))
        await anyio.sleep(0.3)
        payload = models.MessagePayload(content="x" * 2001)
        await ctx.rest.create_followup(
            ctx.interaction.application_id, ctx.token, payload
        )

    discord = Discord(app, timeout=0.05)
    await discord.__aenter__()
    message = await discord.run("later")

    assert message.content == "Soon."
    with pytest.raises(DiscordRuleBroken, match=r"content: .* 2000 characters"):
        await discord.__aexit__(None, None, None)


async def test_an_answer_that_is_not_json(app: ikit.App) -> None:
    @app.command
    async def hello(ctx: ikit.CommandContext) -> ikit.Response:
        """Say hello."""
        return ctx.reply("Hello.")

    async def not_json(scope: Any, receive: Any, send: Any) -> None:
        # Something in front of the bot (a proxy, a hand-written endpoint) answers
        # with a body that is not JSON.
        if scope["type"] == "lifespan":
            while (message := await receive())["type"] != "lifespan.shutdown":
                await send({"type": message["type"] + ".complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        await receive()
        headers = [(b"content-type", b"text/plain")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"pong"})

    async with serve(not_json) as url, Discord(app, url=url + "/") as discord:
        with pytest.raises(
            DiscordRuleBroken,
            match=r"^The bot answered /hello with a body Discord cannot read: ",
        ) as info:
            await discord.run("hello")

    assert info.value.rule == "unreadable"
