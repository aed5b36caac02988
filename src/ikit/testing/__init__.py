"""A simulated Discord for a bot's own tests.

>>> async with Discord(app) as discord:  # doctest: +SKIP
...     message = await discord.run("poll", question="Lunch?")
...     reply = await discord.click(message, label="Yes")

:class:`Discord` signs interactions with a test key, sends them through the app's real
ASGI path and plays the REST API the app answers through, keeping channels and
messages as a user would see them. When the bot breaks one of Discord's rules, the
test fails with :class:`DiscordRuleBroken`. :mod:`ikit.testing.payloads` builds
interaction payloads on its own; the pytest plugin offers a ``discord`` fixture.
``docs/testing.md`` is the guide.
"""

from __future__ import annotations

from ikit.testing import payloads
from ikit.testing._discord import Answer, Discord, default_keypair
from ikit.testing._rest import FakeRest, RestCall
from ikit.testing._rules import (
    RULES,
    ActionImpossible,
    Clock,
    DiscordRuleBroken,
    SimulationError,
    UnexpectedAnswer,
)
from ikit.testing._world import Upload

__all__ = [
    "RULES",
    "ActionImpossible",
    "Answer",
    "Clock",
    "Discord",
    "DiscordRuleBroken",
    "FakeRest",
    "RestCall",
    "SimulationError",
    "UnexpectedAnswer",
    "Upload",
    "default_keypair",
    "payloads",
]
