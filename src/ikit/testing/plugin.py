"""ikit's pytest plugin: the ``discord`` fixture, a simulated Discord for your app.

Installed with ikit (entry point ``pytest11``); it adds a fixture and nothing else, so
projects that do not use it see no change. Define a fixture named ``ikit_app`` that
returns your :class:`ikit.App`, and run your tests with the anyio pytest plugin::

    @pytest.fixture
    def ikit_app() -> ikit.App:
        return bot.app

    @pytest.mark.anyio
    async def test_poll(discord: ikit.testing.Discord) -> None:
        message = await discord.run("poll", question="Lunch?")
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ikit.testing import Discord

__all__ = ["discord"]

_NO_APP = """\
The discord fixture needs your app: define a fixture named ikit_app that returns it,
for example in conftest.py:

    @pytest.fixture
    def ikit_app() -> ikit.App:
        from mybot import app
        return app
"""


@pytest.fixture
async def discord(request: pytest.FixtureRequest) -> AsyncIterator[Discord]:
    """A simulated Discord running the app of the ``ikit_app`` fixture (anyio tests,
    on asyncio or trio)."""
    # Imported here: loading the plugin must stay cheap for projects that never ask
    # for the fixture.
    from ikit import App
    from ikit.testing import Discord

    try:
        app = request.getfixturevalue("ikit_app")
    except pytest.FixtureLookupError:
        pytest.fail(_NO_APP, pytrace=False)
    if not isinstance(app, App):
        pytest.fail(
            f"The ikit_app fixture returned {type(app).__name__}, not an ikit.App.",
            pytrace=False,
        )
    async with Discord(app) as simulator:
        yield simulator
