"""ikit's pytest plugin, as a bot author's project meets it: the ``discord`` fixture
on asyncio and trio, the message when ``ikit_app`` is missing, and no change for
projects that do not use it."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

BOT = '''
import ikit

app = ikit.App()


@app.command
async def ping(ctx: ikit.CommandContext) -> ikit.Response:
    """Answer pong."""
    return ctx.reply("pong")
'''

CONFTEST = """
import pytest

import bot


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request):
    return request.param


@pytest.fixture
def ikit_app():
    return bot.app
"""

TEST = """
import pytest

pytestmark = pytest.mark.anyio


async def test_ping(discord):
    message = await discord.run("ping")
    assert message.content == "pong"
"""


def test_the_fixture_runs_a_bots_tests_on_both_loops(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(bot=BOT, conftest=CONFTEST, test_bot=TEST)

    result = pytester.runpytest("-p", "no:cacheprovider", "-W", "error")

    result.assert_outcomes(passed=2)


def test_a_missing_app_fixture_is_explained(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        conftest="import pytest\n\n@pytest.fixture\ndef anyio_backend():\n"
        "    return 'asyncio'\n",
        test_bot=TEST,
    )

    result = pytester.runpytest("-p", "no:cacheprovider")

    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["*The discord fixture needs your app: define a fixture named ikit_app*"]
    )


def test_a_fixture_that_is_not_an_app_is_explained(pytester: pytest.Pytester) -> None:
    conftest = CONFTEST.replace("return bot.app", "return object()")
    pytester.makepyfile(bot=BOT, conftest=conftest, test_bot=TEST)

    result = pytester.runpytest("-p", "no:cacheprovider")

    result.assert_outcomes(errors=2)
    result.stdout.fnmatch_lines(["*The ikit_app fixture returned object, not an*"])


def test_projects_that_do_not_use_it_see_no_change(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_plain="def test_one():\n    assert True\n")

    result = pytester.runpytest("-p", "no:cacheprovider", "-W", "error")

    result.assert_outcomes(passed=1)
    assert "discord" not in result.stdout.str()
