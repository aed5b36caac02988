"""The README's poll bot (examples/poll.py) tested through the simulated Discord, in
a few lines, on asyncio and trio, with the ``discord`` fixture of ikit's pytest
plugin."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

import ikit
from ikit.models import MessageFlags
from ikit.testing import ActionImpossible, Discord
from tests.shared import ROOT

pytestmark = pytest.mark.anyio


def _load_example(name: str) -> ModuleType:
    # A fresh module per test: each test gets its own App.
    spec = importlib.util.spec_from_file_location(
        f"example_{name}", ROOT / "examples" / f"{name}.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def ikit_app(monkeypatch: pytest.MonkeyPatch) -> ikit.App:
    monkeypatch.delenv("DISCORD_PUBLIC_KEY", raising=False)
    app: ikit.App = _load_example("poll").app
    return app


async def test_a_vote_is_confirmed_to_the_voter_alone(discord: Discord) -> None:
    message = await discord.run("poll", question="Lunch?")
    reply = await discord.click(message, label="Yes")

    assert reply.content == "You voted yes."
    assert MessageFlags.EPHEMERAL in reply.flags


async def test_the_poll_shows_its_question_and_both_buttons(discord: Discord) -> None:
    message = await discord.run("poll", question="Lunch?", minutes=5)

    container = message.components[0]
    assert isinstance(container, ikit.models.Container)
    texts = [c for c in container.components if isinstance(c, ikit.models.TextDisplay)]
    assert [t.content for t in texts] == ["## Lunch?", "-# Closes in 5 minutes."]
    assert (await discord.click(message, label="No")).content == "You voted no."


async def test_discord_keeps_minutes_within_the_declared_range(
    discord: Discord,
) -> None:
    with pytest.raises(ActionImpossible, match="'minutes' of /poll: the most it"):
        await discord.run("poll", question="Lunch?", minutes=90)
