"""app.sync() and ``ikit sync``: one read, and a write only when something changed.

Both run against the fake Discord of ``tests.fake_rest``: ``app.sync()`` in-process,
``ikit sync`` over loopback (the command runs in a worker thread, with its own event
loop, as it would in a terminal). The fake answers with commands as Discord keeps
them, not as they were sent: defaults filled in, numbers as Discord types them,
localizations that repeat the default dropped, and no ``contexts`` or
``integration_types`` on guild commands.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Annotated, Literal

import anyio
import pytest

import ikit
from ikit import models
from ikit.cli import main
from ikit.commands import FieldChange
from ikit.errors import IkitError
from tests.fake_rest import (
    API_PREFIX,
    APPLICATION_ID,
    BOT_TOKEN,
    FakeDiscord,
    Recorded,
    rest_client,
    serve,
)
from tests.openapi import check_keys, validate
from tests.shared import ROOT

pytestmark = pytest.mark.anyio

GUILD_ID = 400000000000000004
GLOBAL = f"/applications/{APPLICATION_ID}/commands"
GUILD = f"/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands"


async def ping(ctx: ikit.CommandContext) -> ikit.Response:
    """Check that the bot is alive."""
    return ctx.reply("pong")


async def poll(
    ctx: ikit.CommandContext,
    question: str,
    minutes: Annotated[int, ikit.Range(1, 60)] = 10,
) -> ikit.Response:
    """Start a poll."""
    return ctx.reply(question)


async def longer_poll(
    ctx: ikit.CommandContext,
    question: str,
    minutes: Annotated[int, ikit.Range(1, 120)] = 10,
) -> ikit.Response:
    """Start a poll in this channel."""
    return ctx.reply(question)


async def survey(
    ctx: ikit.CommandContext,
    question: Annotated[
        str,
        ikit.Option(
            description="What to ask",
            name_localizations={"fr": "question", "de": "frage"},
        ),
    ],
    share: Annotated[float, ikit.Range(1, 100)] = 50,
    style: Literal["bars", "pie"] = "bars",
    channel: Annotated[
        models.PartialChannel,
        ikit.ChannelTypes(
            models.ChannelType.GUILD_ANNOUNCEMENT, models.ChannelType.GUILD_TEXT
        ),
    ]
    | None = None,
) -> ikit.Response:
    """Start a survey."""
    return ctx.reply(question)


async def quote(ctx: ikit.CommandContext, message: models.Message) -> ikit.Response:
    return ctx.reply(message.content)


def make_rich_app(fake: FakeDiscord) -> ikit.App:
    """An app whose commands use every field that Discord answers differently."""
    app = ikit.App(application_id=APPLICATION_ID, token=BOT_TOKEN)
    app.rest = rest_client(fake)
    app.command(
        survey,
        description_localizations={"fr": "Lancer un sondage", "de": "Start a survey."},
        default_member_permissions=models.Permissions.MANAGE_GUILD,
        contexts=[2, 0],
        integration_types=[1, 0],
        nsfw=True,
    )
    app.command(ping)
    app.message_command(quote, name="Quote")
    return app


def make_app(fake: FakeDiscord, *polls: Callable[..., object]) -> ikit.App:
    """An app on ``fake`` declaring ``ping`` and each of ``polls`` as ``/poll``."""
    app = ikit.App(application_id=APPLICATION_ID, token=BOT_TOKEN)
    app.rest = rest_client(fake)
    app.command(ping)
    for handler in polls:
        app.command(handler, name="poll")
    return app


async def synced(fake: FakeDiscord, *polls: Callable[..., object]) -> None:
    """Sync an app declaring ``ping`` and ``polls``, then forget its requests."""
    app = make_app(fake, *polls)
    async with app.rest:
        await app.sync()
    fake.requests.clear()


def methods(fake: FakeDiscord) -> list[str]:
    return [f"{request.method} {request.path}" for request in fake.requests]


# -- app.sync() ------------------------------------------------------------------------


async def test_the_first_sync_creates_the_commands() -> None:
    fake = FakeDiscord()
    app = make_app(fake, poll)

    async with app.rest:
        plan = await app.sync()

    get, put = fake.requests
    assert methods(fake) == [f"GET {GLOBAL}", f"PUT {GLOBAL}"]
    assert get.query == {"with_localizations": ["true"]}
    assert [command["name"] for command in put.json()] == ["ping", "poll"]
    assert [command.name for command in plan.created] == ["ping", "poll"]
    assert plan.render() == "Sync plan: 2 to create\n  + /ping\n  + /poll"
    assert [c["name"] for c in fake.commands["global"].values()] == ["ping", "poll"]


async def test_a_second_sync_without_changes_writes_nothing() -> None:
    fake = FakeDiscord()
    app = make_app(fake, poll)

    async with app.rest:
        await app.sync()
        again = await app.sync()

    assert methods(fake) == [f"GET {GLOBAL}", f"PUT {GLOBAL}", f"GET {GLOBAL}"]
    assert not again.has_changes
    assert [command.name for command in again.unchanged] == ["ping", "poll"]
    assert again.render() == "No changes: 2 commands up to date."


async def test_discord_answers_with_commands_unlike_the_ones_sent() -> None:
    fake = FakeDiscord()
    app = make_app(fake, poll)

    async with app.rest:
        await app.sync()

    sent = fake.requests[-1].json()[0]
    kept = next(iter(fake.commands["global"].values()))
    assert sent == {
        "name": "ping",
        "type": 1,
        "description": "Check that the bot is alive.",
    }
    assert {k: v for k, v in kept.items() if k not in ("id", "version")} == {
        "application_id": str(APPLICATION_ID),
        "default_member_permissions": None,
        "type": 1,
        "name": "ping",
        "description": "Check that the bot is alive.",
        "nsfw": False,
        "contexts": [0, 1, 2],
        "integration_types": [0],
        "dm_permission": True,
    }


@pytest.mark.parametrize("guild_id", [None, GUILD_ID], ids=["global", "guild"])
async def test_a_second_sync_of_every_field_writes_nothing(
    guild_id: int | None,
) -> None:
    fake = FakeDiscord()
    app = make_rich_app(fake)

    async with app.rest:
        first = await app.sync(guild_id=guild_id)
        again = await app.sync(guild_id=guild_id)

    scope = GLOBAL if guild_id is None else GUILD
    assert methods(fake) == [f"GET {scope}", f"PUT {scope}", f"GET {scope}"]
    assert len(first.created) == 3
    assert not again.has_changes, again.render()
    kept = fake.commands["global" if guild_id is None else str(GUILD_ID)]
    survey_kept = next(c for c in kept.values() if c["name"] == "survey")
    # What Discord answers differs from what was sent, and still matches.
    assert survey_kept["default_member_permissions"] == "32"
    assert survey_kept["options"][1]["min_value"] == 1.0
    assert survey_kept["description_localizations"] == {"fr": "Lancer un sondage"}
    assert ("contexts" in survey_kept) == (guild_id is None)


async def test_a_change_shows_each_field_and_is_written_once() -> None:
    fake = FakeDiscord()
    await synced(fake, poll)
    app = make_app(fake, longer_poll)

    async with app.rest:
        plan = await app.sync()
        after = await app.sync()

    assert methods(fake) == [f"GET {GLOBAL}", f"PUT {GLOBAL}", f"GET {GLOBAL}"]
    (update,) = plan.updated
    assert update.changes == (
        FieldChange("description", "Start a poll.", "Start a poll in this channel."),
        FieldChange("options[1].max_value", 60, 120),
    )
    assert plan.render() == (
        "Sync plan: 1 to update, 1 unchanged\n"
        "  ~ /poll\n"
        "      description: 'Start a poll.' -> 'Start a poll in this channel.'\n"
        "      options[1].max_value: 60 -> 120"
    )
    put = fake.requests[1].json()
    assert put[1]["description"] == "Start a poll in this channel."
    assert not after.has_changes


async def test_a_command_only_discord_has_is_deleted() -> None:
    fake = FakeDiscord()
    await synced(fake, poll)
    app = make_app(fake)

    async with app.rest:
        plan = await app.sync()

    assert [command.name for command in plan.deleted] == ["poll"]
    assert plan.deleted[0].id is not None
    assert plan.render() == "Sync plan: 1 to delete, 1 unchanged\n  - /poll"
    assert [command["name"] for command in fake.requests[-1].json()] == ["ping"]


@pytest.mark.parametrize("remote", [(), (poll,)], ids=["create", "update"])
async def test_a_dry_run_never_writes(remote: tuple[Callable[..., object]]) -> None:
    fake = FakeDiscord()
    if remote:
        await synced(fake, *remote)
    app = make_app(fake, longer_poll)

    async with app.rest:
        plan = await app.sync(dry_run=True)
        again = await app.sync(dry_run=True)

    assert plan.has_changes
    assert again == plan
    assert methods(fake) == [f"GET {GLOBAL}", f"GET {GLOBAL}"]


async def test_a_guild_sync_uses_the_guild_routes() -> None:
    fake = FakeDiscord()
    app = make_app(fake, poll)

    async with app.rest:
        await app.sync(guild_id=GUILD_ID)
        plan = await app.sync(guild_id=GUILD_ID)
        global_plan = await app.sync(dry_run=True)

    assert methods(fake) == [
        f"GET {GUILD}",
        f"PUT {GUILD}",
        f"GET {GUILD}",
        f"GET {GLOBAL}",
    ]
    assert fake.requests[0].query == {"with_localizations": ["true"]}
    assert not plan.has_changes
    assert len(global_plan.created) == 2
    assert [c["name"] for c in fake.commands[str(GUILD_ID)].values()] == [
        "ping",
        "poll",
    ]
    assert not fake.commands["global"]


async def test_the_plan_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    fake = FakeDiscord()
    app = make_app(fake, poll)
    caplog.set_level(logging.INFO, logger="ikit.sync")

    async with app.rest:
        await app.sync(guild_id=GUILD_ID, dry_run=True)
        await app.sync()
        await app.sync()

    assert [r.getMessage() for r in caplog.records if r.name == "ikit.sync"] == [
        f"commands of guild {GUILD_ID} (dry run, nothing sent): "
        "Sync plan: 2 to create\n  + /ping\n  + /poll",
        "global commands (overwriting): Sync plan: 2 to create\n  + /ping\n  + /poll",
        "global commands: No changes: 2 commands up to date.",
    ]
    assert all(
        r.levelno == logging.INFO for r in caplog.records if r.name == "ikit.sync"
    )


async def test_a_sync_needs_the_application_id() -> None:
    fake = FakeDiscord()
    app = ikit.App(token=BOT_TOKEN)
    app.rest = rest_client(fake)

    async with app.rest:
        with pytest.raises(
            IkitError,
            match=r"^The app has no application id, so it cannot sync its commands: "
            r"set DISCORD_APPLICATION_ID \(from the Developer Portal's General "
            r"Information page\), or pass application_id= to App\(\)\.$",
        ):
            await app.sync()

    assert fake.requests == []


@pytest.mark.parametrize("guild_id", [None, GUILD_ID], ids=["global", "guild"])
async def test_the_overwrite_body_passes_the_spec(guild_id: int | None) -> None:
    fake = FakeDiscord()
    app = make_app(fake, poll)

    async with app.rest:
        await app.sync(guild_id=guild_id)

    put: Recorded = fake.requests[-1]
    body = put.json()
    assert put.method == "PUT"
    assert isinstance(body, list)
    assert len(body) <= 130  # the spec's maxItems for a bulk overwrite
    for command in body:
        validate(command, "ApplicationCommandUpdateRequest")
        check_keys(command, "ApplicationCommandUpdateRequest")


# -- ikit sync -------------------------------------------------------------------------


class CLI:
    """Runs ``ikit sync`` against ``fake``, served on loopback."""

    def __init__(
        self, fake: FakeDiscord, env_file: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        self.fake = fake
        self.env_file = env_file
        self.capsys = capsys

    async def run(self, *args: str) -> tuple[int, str, str]:
        """The exit status, stdout and stderr of ``ikit sync <args>``."""
        argv = ["sync", *args, "--env-file", str(self.env_file)]
        # A fresh import, as in a new process: the app reads this environment.
        for module in APP_MODULES:
            sys.modules.pop(module, None)
        status = await anyio.to_thread.run_sync(main, argv)
        out, err = self.capsys.readouterr()
        return status, out, err


@pytest.fixture
async def cli(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> AsyncIterator[CLI]:
    # The command writes what it reads from --env-file into os.environ, and puts the
    # app's folder on sys.path: both are restored after the test.
    monkeypatch.setattr(os, "environ", os.environ.copy())
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.chdir(ROOT)
    for name in ("DISCORD_APPLICATION_ID", "DISCORD_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    env_file = tmp_path / ".env"
    env_file.write_text(
        f"DISCORD_APPLICATION_ID={APPLICATION_ID}\nDISCORD_TOKEN={BOT_TOKEN}\n"
    )
    # Hypercorn announces itself on stderr; only what the command prints counts.
    monkeypatch.setattr(logging.getLogger("hypercorn.error"), "disabled", True)
    fake = FakeDiscord()
    async with serve(fake) as url:
        monkeypatch.setenv("IKIT_REST_BASE_URL", url + API_PREFIX)
        yield CLI(fake, env_file, capsys)

    for module in APP_MODULES:
        sys.modules.pop(module, None)


#: The names ``ikit sync`` imports the test app under (as a module, as a file).
APP_MODULES = ("tests.sync_app", "sync_app")
CREATE_PLAN = "Sync plan: 2 to create\n  + /ping\n  + /poll\n"


async def test_check_exits_1_when_discord_differs(cli: CLI) -> None:
    status, out, err = await cli.run("tests.sync_app:app", "--check")

    assert status == 1
    assert out == CREATE_PLAN
    assert err == (
        "ikit: Discord's commands (global) differ from the app's; run "
        "`ikit sync tests.sync_app:app` to update them.\n"
    )
    assert methods(cli.fake) == [f"GET {GLOBAL}"]


async def test_check_exits_0_once_synced(cli: CLI) -> None:
    synced = await cli.run("tests.sync_app:app")
    checked = await cli.run("tests.sync_app:app", "--check")

    assert synced == (0, CREATE_PLAN + "Synced 2 commands to Discord (global).\n", "")
    assert checked == (0, "No changes: 2 commands up to date.\n", "")
    assert methods(cli.fake) == [f"GET {GLOBAL}", f"PUT {GLOBAL}", f"GET {GLOBAL}"]
    assert cli.fake.requests[1].headers["authorization"] == f"Bot {BOT_TOKEN}"


async def test_a_dry_run_prints_the_plan_and_sends_nothing(
    cli: CLI,
) -> None:
    status, out, err = await cli.run(
        "tests/sync_app.py", "--dry-run", "--guild", str(GUILD_ID)
    )

    assert (status, err) == (0, "")
    assert out == CREATE_PLAN + "Dry run: nothing was sent to Discord.\n"
    assert methods(cli.fake) == [f"GET {GUILD}"]


async def test_check_names_the_guild(cli: CLI) -> None:
    status, _, err = await cli.run(
        "tests.sync_app:app", "--check", "--guild", str(GUILD_ID)
    )

    assert status == 1
    assert err == (
        f"ikit: Discord's commands (guild {GUILD_ID}) differ from the app's; run "
        f"`ikit sync tests.sync_app:app --guild {GUILD_ID}` to update them.\n"
    )


@pytest.mark.parametrize(
    ("target", "message"),
    [
        pytest.param(
            "tests.nowhere:app",
            "cannot import tests.nowhere: No module named 'tests.nowhere'",
            id="no-module",
        ),
        pytest.param(
            "tests/nowhere.py", "no such file: tests/nowhere.py", id="no-file"
        ),
        pytest.param(
            "tests.sync_app:ping",
            "tests.sync_app:ping is a SlashCommand, not an ikit.App",
            id="not-an-app",
        ),
        pytest.param(
            "tests.sync_app:missing",
            "tests.sync_app:missing is nothing, not an ikit.App",
            id="no-attribute",
        ),
    ],
)
async def test_an_app_that_cannot_be_loaded(
    cli: CLI, target: str, message: str
) -> None:
    assert await cli.run(target) == (2, "", f"ikit: {message}\n")
    assert cli.fake.requests == []


async def test_a_missing_application_id(cli: CLI) -> None:
    cli.env_file.write_text(f"DISCORD_TOKEN={BOT_TOKEN}\n")

    status, out, err = await cli.run("tests.sync_app:app", "--check")

    assert (status, out) == (2, "")
    assert err.startswith("ikit: The app has no application id, so it cannot sync")
    assert "DISCORD_APPLICATION_ID" in err
    assert cli.fake.requests == []


async def test_a_refused_token(cli: CLI) -> None:
    cli.env_file.write_text(
        f"DISCORD_APPLICATION_ID={APPLICATION_ID}\nDISCORD_TOKEN=wrong\n"
    )

    status, out, err = await cli.run("tests.sync_app:app")

    assert (status, out) == (2, "")
    assert err.startswith("ikit: GET /applications/{application_id}/commands failed")
    assert err.endswith("\nCheck the bot token (DISCORD_TOKEN).\n")
    assert methods(cli.fake) == [f"GET {GLOBAL}"]
