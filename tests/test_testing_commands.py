"""Commands through the simulated Discord: options of every type with their resolved
objects, subcommand groups, user and message commands, autocomplete, and what a user
cannot send."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Literal

import pytest

import ikit
from ikit import models
from ikit.commands import Mentionable
from ikit.models import Attachment, Member, PartialChannel, Role, User
from ikit.testing import ActionImpossible, Discord, UnexpectedAnswer, payloads

pytestmark = pytest.mark.anyio


def _app() -> ikit.App:
    app = ikit.App()

    @app.command
    async def every(
        ctx: ikit.CommandContext,
        text: str,
        count: int,
        ratio: float,
        flag: bool,
        member: Member,
        role: Role,
        channel: PartialChannel,
        anyone: Mentionable,
        file: Attachment,
        size: Literal["s", "m"] = "s",
    ) -> ikit.Response:
        """Take an option of every type."""
        assert member.user is not None
        who = anyone.name if isinstance(anyone, Role) else type(anyone).__name__
        return ctx.reply(
            f"{text} {count} {ratio} {flag} {member.user.username} {role.name} "
            f"#{channel.name} {who} {file.filename} {size}"
        )

    config = app.group("config", "Change the settings")
    colors = config.group("set", "Set a value")

    @colors.command
    async def color(
        ctx: ikit.CommandContext, value: Annotated[str, ikit.Length(max=7)]
    ) -> ikit.Response:
        """Set the color."""
        return ctx.reply(f"Color set to {value}.", ephemeral=True)

    @app.user_command(name="Wave at")
    async def wave(ctx: ikit.CommandContext, target: User) -> ikit.Response:
        return ctx.reply(f"{ctx.user.username} waves at {target.username}.")

    @app.message_command(name="Quote")
    async def quote(ctx: ikit.CommandContext, target: models.Message) -> ikit.Response:
        return ctx.reply(f"> {target.content}")

    @app.command
    async def play(
        ctx: ikit.CommandContext, song: str, volume: int = 5
    ) -> ikit.Response:
        """Play a song."""
        return ctx.reply(f"Playing {song}.")

    @play.autocomplete("song")
    async def songs(ctx: ikit.AutocompleteContext, volume: int = 0) -> ikit.Response:
        titles = ["Blue", "Bluer", "Red"]
        found = [t for t in titles if t.lower().startswith(ctx.value.lower())]
        return ctx.suggest([f"{t} @{volume}" for t in found])

    @app.command
    async def form(ctx: ikit.CommandContext) -> ikit.Response:
        """Open a form."""
        return ctx.modal(
            ikit.ui.Modal(
                ikit.ui.TextInput(custom_id="name", label="Name"),
                custom_id="form",
                title="Form",
            )
        )

    return app


@pytest.fixture
async def discord() -> AsyncIterator[Discord]:
    async with Discord(_app()) as simulator:
        yield simulator


async def test_options_of_every_type_reach_the_handler(discord: Discord) -> None:
    message = await discord.run(
        "every",
        text="hi",
        count=3,
        ratio=0.5,
        flag=True,
        member=payloads.member(payloads.user(id=41, username="ada")),
        role=payloads.role(name="Mods"),
        channel=payloads.channel(id=42, name="lounge"),
        anyone=payloads.role(name="Crew"),
        file=payloads.attachment("notes.txt"),
        size="m",
    )

    assert message.content == "hi 3 0.5 True ada Mods #lounge Crew notes.txt m"
    assert message.type is models.MessageType.CHAT_INPUT_COMMAND


async def test_models_and_bare_ids_are_accepted_as_objects(discord: Discord) -> None:
    user = User(id=models.Snowflake(51), username="bo")

    message = await discord.run(
        "every",
        text="x",
        count=1,
        ratio=1,
        flag=False,
        member=user,
        role=52,
        channel=53,
        anyone=54,
        file=55,
    )

    assert message.content.split()[4:8] == ["bo", "Member", "#channel-53", "Member"]


async def test_a_subcommand_of_a_group_runs(discord: Discord) -> None:
    message = await discord.run("config set color", value="#ff0000")

    assert message.content == "Color set to #ff0000."
    assert models.MessageFlags.EPHEMERAL in message.flags


async def test_user_and_message_commands_get_their_target(discord: Discord) -> None:
    waved = await discord.user_command("Wave at", payloads.user(username="bo"))
    quoted = await discord.message_command("Quote", waved)

    assert waved.content == "tester waves at bo."
    assert quoted.content == "> tester waves at bo."
    assert quoted.type is models.MessageType.CONTEXT_MENU_COMMAND


async def test_autocomplete_suggests_with_the_options_filled_so_far(
    discord: Discord,
) -> None:
    choices = await discord.autocomplete("play", "song", "blu", volume=7)

    assert [c.name for c in choices] == ["Blue @7", "Bluer @7"]


async def test_a_modal_opened_by_a_command_is_submitted(discord: Discord) -> None:
    modal = await discord.run_modal("form")

    assert modal.title == "Form"
    with pytest.raises(UnexpectedAnswer, match=r"with the modal 'Form', not a message"):
        await discord.run("form")


@pytest.mark.parametrize(
    ("command", "options", "message"),
    [
        ("nope", {}, r"declares no slash command 'nope'.*: every, config, play, form"),
        ("play", {}, r"without its required option 'song'; pass song=\.\.\."),
        ("play", {"song": "x", "speed": 2}, r"has no option 'speed'; its options"),
        ("play", {"song": 3}, r"cannot send 3 as 'song' of /play: the option takes"),
        ("config", {}, r"/config has subcommands, so a user runs one of them"),
        ("config get", {}, r"/config has no subcommand 'get'; its subcommands: set"),
        ("config set color", {"value": "#ff00000"}, r"the most it takes is 7 char"),
        ("every", {"size": "xl"}, r"'size' of /every: Discord lets the user pick"),
    ],
    ids=[
        "unknown-command",
        "missing-required",
        "unknown-option",
        "wrong-type",
        "group-without-subcommand",
        "unknown-subcommand",
        "too-long",
        "not-a-choice",
    ],
)
async def test_what_a_user_cannot_send(
    discord: Discord, command: str, options: dict[str, object], message: str
) -> None:
    if command == "every":
        options = {**_every_required(), **options}

    with pytest.raises(ActionImpossible, match=message):
        await discord.run(command, **options)


def _every_required() -> dict[str, object]:
    return {
        "text": "x",
        "count": 1,
        "ratio": 1.0,
        "flag": True,
        "member": 1,
        "role": 2,
        "channel": 3,
        "anyone": 4,
        "file": 5,
    }


async def test_a_payload_from_the_factories_goes_through_send(
    discord: Discord,
) -> None:
    payload = payloads.slash_command(
        "play", payloads.option("song", "Red"), envelope=discord.envelope
    )

    answer = await discord.send(payload)

    assert answer.response is models.InteractionCallbackType.CHANNEL_MESSAGE_WITH_SOURCE
    assert answer.message is not None
    assert answer.message.content == "Playing Red."
    assert isinstance(answer.interaction, models.ApplicationCommandInteraction)


async def test_an_unknown_command_gets_the_apps_message(discord: Discord) -> None:
    answer = await discord.send(payloads.slash_command("gone"))

    assert answer.message is not None
    assert answer.message.content == "This command or component is no longer available."


async def test_a_ping_is_answered(discord: Discord) -> None:
    assert await discord.ping()
