"""The simulated Discord over real HTTP: interactions POSTed to an app served on a
loopback port, and the REST API served for an app that cannot share its process."""

from __future__ import annotations

import anyio
import pytest

import ikit
from ikit.testing import Discord, UnexpectedAnswer, default_keypair
from ikit.testing._serve import serve

pytestmark = pytest.mark.anyio


def _app(**options: object) -> ikit.App:
    app = ikit.App(**options)  # type: ignore[arg-type]

    @app.command
    async def poll(ctx: ikit.CommandContext, question: str) -> ikit.Response:
        """Start a poll."""
        button = ikit.ui.Button("Yes", custom_id="vote/yes")
        return ctx.reply(question, ikit.ui.ActionRow(button))

    @app.component("vote/{choice}")
    async def vote(ctx: ikit.ComponentContext, choice: str) -> ikit.Response:
        return ctx.reply(f"You voted {choice}.", ephemeral=True)

    @app.command
    async def slow(ctx: ikit.CommandContext) -> ikit.Response:
        """Take longer than the app's deadline."""
        await anyio.sleep(0.3)
        return ctx.reply("Worth the wait.")

    return app


async def test_an_app_served_on_a_port_is_tested_the_same_way() -> None:
    app = _app(public_key=default_keypair().public_key)

    async with serve(app) as url, Discord(app, url=url + "/") as discord:
        message = await discord.run("poll", question="Lunch?")
        reply = await discord.click(message, label="Yes")

    assert reply.content == "You voted yes."


async def test_an_app_that_only_knows_urls() -> None:
    discord = Discord()
    async with discord.serve_rest() as rest_url:
        app = _app(public_key=discord.public_key, rest_base_url=rest_url, deadline=0.05)
        async with serve(app) as url:
            discord.url = url + "/"
            async with discord:
                message = await discord.run("poll", question="Tea?")
                reply = await discord.click(message, label="Yes")
                late = await discord.run("slow")

    assert message.content == "Tea?"
    assert reply.content == "You voted yes."
    assert late.content == "Worth the wait."
    assert [call.route for call in discord.requests] == [
        "PATCH /webhooks/{application_id}/{interaction_token}/messages/@original"
    ]


async def test_a_wrong_public_key_is_reported() -> None:
    app = _app(public_key="ab" * 32)

    async with serve(app) as url, Discord(url=url + "/") as discord:
        with pytest.raises(
            UnexpectedAnswer,
            match=r"^The app refused /poll with HTTP 401: .*\(does the app verify "
            r"with discord\.public_key\?\)$",
        ):
            await discord.run("poll", question="Tea?")


def test_an_app_with_another_key_cannot_be_simulated_in_process() -> None:
    app = _app(public_key="ab" * 32)

    with pytest.raises(ValueError, match=r"another public key than the simulator's"):
        Discord(app)


async def test_the_simulator_needs_an_app_or_a_url() -> None:
    with pytest.raises(TypeError, match=r"needs the app to call in-process, or the"):
        async with Discord():
            pass
