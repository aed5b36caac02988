"""``@app.before`` hooks: a permission check and a per-user cooldown, written as a
user would write them, run before every handler through ``app.dispatch``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import ikit
from ikit import models
from ikit.models import Permissions
from tests.test_app_payloads import (
    MEMBER_PERMISSIONS,
    OTHER_USER_ID,
    USER_ID,
    click,
    decode,
    option,
    slash,
)

pytestmark = pytest.mark.anyio

# -- the hooks, as examples ----------------------------------------------------------


def require(permission: Permissions, *prefixes: str) -> ikit.Hook:
    """A hook refusing commands and components whose name or custom_id begins with
    one of ``prefixes`` to members who lack ``permission`` (and to DMs)."""

    async def check(ctx: ikit.Context[Any]) -> ikit.Response | None:
        if not _guarded(ctx, prefixes):
            return None
        member = ctx.member
        if member is not None and permission in (member.permissions or Permissions()):
            return None
        denial = models.MessagePayload(
            content=f"You need the {' '.join(permission)} permission for this.",
            flags=models.MessageFlags.EPHEMERAL,
        )
        return models.MessageResponse(data=denial)

    return check


def _guarded(ctx: ikit.Context[Any], prefixes: tuple[str, ...]) -> bool:
    if isinstance(ctx, ikit.CommandContext):
        return ctx.data.name in prefixes
    if isinstance(ctx, ikit.ComponentContext):
        return ctx.custom_id.split("/", 1)[0] in prefixes
    return False


class Cooldown:
    """A hook allowing each user one command every ``seconds``, per command.

    Its memory is this process's: behind several processes, keep the times in a
    store they share (Redis ``SET key 1 NX EX seconds`` does the same in one call).
    """

    def __init__(self, seconds: float, clock: Callable[[], float]) -> None:
        self.seconds = seconds
        self.clock = clock
        self.last: dict[tuple[int, str], float] = {}

    async def __call__(self, ctx: ikit.Context[Any]) -> ikit.Response | None:
        if not isinstance(ctx, ikit.CommandContext):
            return None
        key = (ctx.user.id, ctx.data.name)
        now = self.clock()
        since = now - self.last.get(key, now - self.seconds)
        if since < self.seconds:
            wait = self.seconds - since
            return ctx.reply(f"Slow down: try again in {wait:.0f} s.", ephemeral=True)

        self.last[key] = now
        return None


# -- an app guarded by them ----------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def guarded_app(clock: Clock, calls: list[str]) -> ikit.App:
    app = ikit.App(application_id=1)
    app.before(require(Permissions.MANAGE_GUILD, "purge", "admin"))
    app.before(Cooldown(30, clock))

    @app.command
    async def purge(ctx: ikit.CommandContext, count: int) -> ikit.Response:
        """Delete messages."""
        calls.append(f"purge {count}")
        return ctx.reply(f"Deleted {count} messages.", ephemeral=True)

    @app.command
    async def roll(ctx: ikit.CommandContext) -> ikit.Response:
        """Roll a die."""
        calls.append("roll")
        return ctx.reply("4")

    @app.component("admin/ban/{user_id}")
    async def ban(ctx: ikit.ComponentContext, user_id: int) -> ikit.Response:
        calls.append(f"ban {user_id}")
        return ctx.update(f"Banned <@{user_id}>.")

    return app


def text(response: ikit.Response) -> str | None:
    assert isinstance(response, models.MessageResponse | models.UpdateMessageResponse)
    assert response.data is not None
    return response.data.content


PURGE = [option("count", 4, 10)]
NEED = "You need the MANAGE_GUILD permission for this."


@pytest.mark.parametrize(
    ("payload", "answer", "called"),
    [
        pytest.param(
            slash("purge", PURGE), "Deleted 10 messages.", ["purge 10"], id="admin"
        ),
        pytest.param(
            slash("purge", PURGE, permissions=MEMBER_PERMISSIONS),
            NEED,
            [],
            id="member",
        ),
        pytest.param(slash("purge", PURGE, in_guild=False), NEED, [], id="in-a-dm"),
        pytest.param(
            click(f"admin/ban/{OTHER_USER_ID}", permissions=MEMBER_PERMISSIONS),
            NEED,
            [],
            id="member-clicks-an-admin-button",
        ),
        pytest.param(
            click(f"admin/ban/{OTHER_USER_ID}"),
            f"Banned <@{OTHER_USER_ID}>.",
            [f"ban {OTHER_USER_ID}"],
            id="admin-clicks-an-admin-button",
        ),
        pytest.param(
            slash("roll", permissions=MEMBER_PERMISSIONS), "4", ["roll"], id="unguarded"
        ),
    ],
)
async def test_a_permission_hook_answers_instead_of_the_handler(
    payload: dict[str, Any], answer: str, called: list[str]
) -> None:
    calls: list[str] = []

    response = await guarded_app(Clock(), calls).dispatch(decode(payload))

    assert text(response) == answer
    assert calls == called


async def test_a_cooldown_hook_is_kept_per_user_and_command() -> None:
    clock, calls = Clock(), list[str]()
    app = guarded_app(clock, calls)

    async def roll(user_id: str = USER_ID) -> str | None:
        return text(await app.dispatch(decode(slash("roll", user_id=user_id))))

    first = await roll()
    clock.now += 10
    too_soon = await roll()
    someone_else = await roll(OTHER_USER_ID)
    other_command = text(await app.dispatch(decode(slash("purge", PURGE))))
    clock.now += 20
    again = await roll()

    assert [first, too_soon, someone_else, other_command, again] == [
        "4",
        "Slow down: try again in 20 s.",
        "4",
        "Deleted 10 messages.",
        "4",
    ]
    assert calls == ["roll", "roll", "purge 10", "roll"]


async def test_hooks_run_in_order_and_the_first_answer_wins() -> None:
    clock, calls = Clock(), list[str]()
    app = guarded_app(clock, calls)
    member = slash("purge", PURGE, permissions=MEMBER_PERMISSIONS)

    refused = await app.dispatch(decode(member))
    # The permission check answered first, so the cooldown never started: the
    # same user, once granted the permission, is not told to slow down.
    granted = await app.dispatch(decode(slash("purge", PURGE)))

    assert [text(refused), text(granted)] == [NEED, "Deleted 10 messages."]
    assert calls == ["purge 10"]


async def test_a_hook_sees_the_typed_context_of_each_interaction() -> None:
    app = guarded_app(Clock(), [])
    seen: list[str] = []

    @app.before
    async def record(ctx: ikit.Context[Any]) -> ikit.Response | None:
        seen.append(type(ctx).__name__)
        return None

    await app.dispatch(decode(slash("roll")))
    await app.dispatch(decode(click(f"admin/ban/{OTHER_USER_ID}")))

    assert seen == ["CommandContext", "ComponentContext"]


async def test_a_hook_that_raises_is_answered_like_a_handler(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = guarded_app(Clock(), [])

    @app.before
    async def broken(ctx: ikit.Context[Any]) -> ikit.Response | None:
        raise ConnectionError("the cooldown store is unreachable")

    response = await app.dispatch(decode(slash("roll")))

    assert text(response) == app.error_message
    assert "ConnectionError: the cooldown store is unreachable" in caplog.text
