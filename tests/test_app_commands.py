"""Commands through ``app.dispatch``: subcommand groups, every option type with its
resolved data, autocomplete on a nested option, user and message commands, PING."""

from __future__ import annotations

import enum
from typing import Annotated, Any, Literal

import pytest

import ikit
from ikit import models
from ikit.models import Attachment, Member, Message, PartialChannel, Role, User
from tests.test_app_payloads import (
    ATTACHMENT_ID,
    MESSAGE_ID,
    OTHER_USER_ID,
    ROLE_ID,
    TEXT_CHANNEL_ID,
    context_menu,
    decode,
    message,
    option,
    partial_member,
    ping,
    resolved_everything,
    slash,
    user,
)

pytestmark = pytest.mark.anyio


def content(response: ikit.Response) -> str | None:
    assert isinstance(response, models.MessageResponse)
    assert response.data is not None
    return response.data.content


# -- subcommand groups ---------------------------------------------------------------


def settings_app() -> ikit.App:
    app = ikit.App(application_id=1)
    config = app.group("config", "Change the settings")

    @config.command
    async def show(ctx: ikit.CommandContext) -> ikit.Response:
        """Show the settings."""
        return ctx.reply("volume: 5", ephemeral=True)

    admin = config.group("admin", "Settings for admins")

    @admin.command(name="reset", description="Reset everything")
    async def reset_all(
        ctx: ikit.CommandContext, confirm: bool, keep: int = 0
    ) -> ikit.Response:
        return ctx.reply(f"{ctx.data.path()} confirm={confirm} keep={keep}")

    return app


async def test_a_subcommand_is_dispatched_from_its_group() -> None:
    payload = slash("config", [option("show", 1, options=[])])

    response = await settings_app().dispatch(decode(payload))

    assert content(response) == "volume: 5"


async def test_a_subcommand_in_a_subcommand_group_gets_its_options() -> None:
    reset = option("reset", 1, options=[option("confirm", 5, True)])
    payload = slash("config", [option("admin", 2, options=[reset])])

    response = await settings_app().dispatch(decode(payload))

    assert content(response) == "('config', 'admin', 'reset') confirm=True keep=0"


# -- every option type ---------------------------------------------------------------


class Size(enum.Enum):
    small = "s"
    large = "l"


def options_app(seen: dict[str, object]) -> ikit.App:
    app = ikit.App(application_id=1)

    @app.command
    async def everything(
        ctx: ikit.CommandContext,
        text: str,
        count: int,
        ratio: float,
        flag: bool,
        someone: User,
        member: Member,
        either: Member | User,
        group: Role,
        where: PartialChannel,
        file: Attachment,
        mention: User | Role,
        anyone: ikit.Mentionable,
        drink: Literal["tea", "coffee"],
        size: Size,
        level: Annotated[int, ikit.Choice("Low", 1), ikit.Choice("High", 9)],
        note: str | None = None,
    ) -> ikit.Response:
        """Take one option of every type."""
        seen.update(
            text=text,
            count=count,
            ratio=ratio,
            flag=flag,
            someone=someone,
            member=member,
            either=either,
            group=group,
            where=where,
            file=file,
            mention=mention,
            anyone=anyone,
            drink=drink,
            size=size,
            level=level,
            note=note,
        )
        return ctx.reply("ok")

    return app


def every_option() -> list[dict[str, Any]]:
    return [
        option("text", 3, "hello/world"),
        option("count", 4, 7),
        option("ratio", 10, 0.25),
        option("flag", 5, False),
        option("someone", 6, OTHER_USER_ID),
        option("member", 6, OTHER_USER_ID),
        option("either", 6, OTHER_USER_ID),
        option("group", 8, ROLE_ID),
        option("where", 7, TEXT_CHANNEL_ID),
        option("file", 11, ATTACHMENT_ID),
        option("mention", 9, ROLE_ID),
        option("anyone", 9, OTHER_USER_ID),
        option("drink", 3, "tea"),
        option("size", 3, "l"),
        option("level", 4, 9),
    ]


def _is_member_of_ann(value: object) -> bool:
    return (
        isinstance(value, Member)
        and value.nick == "Annie"
        and value.user is not None
        and value.user.username == "ann"
    )


def _has_id(kind: type[User | Role], snowflake: str) -> Any:
    def check(value: object) -> bool:
        return isinstance(value, kind) and value.id == int(snowflake)

    return check


RECEIVED = [
    ("text", lambda v: v == "hello/world"),
    ("count", lambda v: v == 7 and type(v) is int),
    ("ratio", lambda v: v == 0.25 and type(v) is float),
    ("flag", lambda v: v is False),
    ("someone", _has_id(User, OTHER_USER_ID)),
    ("member", _is_member_of_ann),
    ("either", _is_member_of_ann),
    ("group", lambda v: isinstance(v, Role) and v.name == "Moderators"),
    ("where", lambda v: isinstance(v, PartialChannel) and v.name == "announcements"),
    ("file", lambda v: isinstance(v, Attachment) and v.filename == "bug.png"),
    ("mention", _has_id(Role, ROLE_ID)),
    ("anyone", _is_member_of_ann),
    ("drink", lambda v: v == "tea"),
    ("size", lambda v: v is Size.large),
    ("level", lambda v: v == 9),
    ("note", lambda v: v is None),
]


@pytest.mark.parametrize(
    ("param", "check"), [pytest.param(n, c, id=n) for n, c in RECEIVED]
)
async def test_every_option_type_arrives_converted(param: str, check: Any) -> None:
    seen: dict[str, object] = {}
    payload = slash("everything", every_option(), resolved=resolved_everything())

    response = await options_app(seen).dispatch(decode(payload))

    assert content(response) == "ok"
    assert check(seen[param]), f"{param} received {seen[param]!r}"


async def test_member_or_user_is_the_user_outside_a_guild() -> None:
    app = ikit.App(application_id=1)
    seen: list[object] = []

    @app.command
    async def whois(ctx: ikit.CommandContext, who: Member | User) -> ikit.Response:
        """Say who someone is."""
        seen.append(who)
        return ctx.reply("ok")

    resolved = {"users": {OTHER_USER_ID: user(OTHER_USER_ID, "ann")}}
    payload = slash(
        "whois", [option("who", 6, OTHER_USER_ID)], resolved=resolved, in_guild=False
    )

    await app.dispatch(decode(payload))

    assert [type(who) for who in seen] == [User]


async def test_a_payload_that_does_not_fit_the_declaration_is_answered(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # An option value missing from resolved data: what Discord sends for a command
    # declared differently before (declarations changed, commands not synced).
    app = options_app({})
    payload = slash("everything", every_option(), resolved={})

    response = await app.dispatch(decode(payload))

    assert isinstance(response, models.MessageResponse)
    assert response.data is not None
    assert response.data.content == app.unknown_message
    assert "option 'someone' of /everything: expected" in caplog.text
    assert "Run `ikit sync`" in caplog.text


# -- autocomplete --------------------------------------------------------------------


def music_app(seen: list[tuple[str, str, dict[str, object]]]) -> ikit.App:
    app = ikit.App(application_id=1)
    music = app.group("music", "Play music")
    queue = music.group("queue", "The queue")

    @queue.command
    async def add(
        ctx: ikit.CommandContext, song: str, position: int = 1, loud: bool = False
    ) -> ikit.Response:
        """Add a song to the queue."""
        return ctx.reply(f"queued {song} at {position}")

    @add.autocomplete("song")
    async def songs(ctx: ikit.AutocompleteContext, position: int = 0) -> ikit.Response:
        seen.append((ctx.focused, ctx.value, {"position": position}))
        titles = ["Blue", "Bluer", "Red"]
        return ctx.suggest([t for t in titles if t.lower().startswith(ctx.value)])

    return app


def _nested_autocomplete(typed: str, *filled: dict[str, Any]) -> dict[str, Any]:
    add = option("add", 1, options=[option("song", 3, typed, focused=True), *filled])
    return slash("music", [option("queue", 2, options=[add])], autocomplete=True)


async def test_autocomplete_on_a_nested_option_suggests() -> None:
    seen: list[tuple[str, str, dict[str, object]]] = []
    payload = _nested_autocomplete("blu", option("position", 4, 3))

    response = await music_app(seen).dispatch(decode(payload))

    assert isinstance(response, models.AutocompleteResponse)
    assert response.data is not None
    assert [(c.name, c.value) for c in response.data.choices] == [
        ("Blue", "Blue"),
        ("Bluer", "Bluer"),
    ]
    assert seen == [("song", "blu", {"position": 3})]


async def test_an_autocomplete_handler_gets_only_the_options_that_convert() -> None:
    seen: list[tuple[str, str, dict[str, object]]] = []
    # Discord sends the text typed so far into an int option as a string.
    payload = _nested_autocomplete("r", option("position", 4, "1x"))

    response = await music_app(seen).dispatch(decode(payload))

    assert isinstance(response, models.AutocompleteResponse)
    assert seen == [("song", "r", {"position": 0})]


async def test_the_nested_command_itself_still_runs() -> None:
    add = option("add", 1, options=[option("song", 3, "Blue")])
    payload = slash("music", [option("queue", 2, options=[add])])

    response = await music_app([]).dispatch(decode(payload))

    assert content(response) == "queued Blue at 1"


# -- user and message commands -------------------------------------------------------


def menus_app(seen: list[object]) -> ikit.App:
    app = ikit.App(application_id=1)

    @app.user_command(name="Inspect User")
    async def inspect_user(
        ctx: ikit.CommandContext, target: Member | User
    ) -> ikit.Response:
        seen.append(target)
        return ctx.reply("inspected", ephemeral=True)

    @app.user_command(name="High Five")
    async def high_five(ctx: ikit.CommandContext, target: User) -> ikit.Response:
        seen.append(target)
        return ctx.reply(f"High five, {target.username}!")

    @app.message_command(name="Quote")
    async def quote(ctx: ikit.CommandContext, target: Message) -> ikit.Response:
        seen.append(target)
        return ctx.reply(f"> {target.content}")

    return app


async def test_a_user_command_receives_the_member_it_targets() -> None:
    seen: list[object] = []
    resolved = {
        "users": {OTHER_USER_ID: user(OTHER_USER_ID, "ann")},
        "members": {OTHER_USER_ID: partial_member(nick="Annie")},
    }
    payload = context_menu("Inspect User", 2, OTHER_USER_ID, resolved)

    response = await menus_app(seen).dispatch(decode(payload))

    assert content(response) == "inspected"
    (target,) = seen
    assert isinstance(target, Member)
    assert target.nick == "Annie"
    assert target.user is not None
    assert target.user.id == int(OTHER_USER_ID)


async def test_a_user_command_typed_user_receives_the_user() -> None:
    seen: list[object] = []
    resolved = {
        "users": {OTHER_USER_ID: user(OTHER_USER_ID, "ann")},
        "members": {OTHER_USER_ID: partial_member()},
    }
    payload = context_menu("High Five", 2, OTHER_USER_ID, resolved)

    response = await menus_app(seen).dispatch(decode(payload))

    assert content(response) == "High five, ann!"
    assert [type(target) for target in seen] == [User]


async def test_a_message_command_receives_the_message_it_targets() -> None:
    seen: list[object] = []
    target = message(content="Ship it on Friday")
    resolved = {"messages": {MESSAGE_ID: target}}
    payload = context_menu("Quote", 3, MESSAGE_ID, resolved)

    response = await menus_app(seen).dispatch(decode(payload))

    assert content(response) == "> Ship it on Friday"
    assert [m.id for m in seen if isinstance(m, Message)] == [int(MESSAGE_ID)]


async def test_a_command_name_is_looked_up_within_its_type() -> None:
    # A slash command and a user command may share a name; Discord's type decides.
    app = menus_app([])

    @app.command(name="quote", description="Quote text")
    async def quote_text(ctx: ikit.CommandContext, text: str) -> ikit.Response:
        return ctx.reply(f"“{text}”")

    response = await app.dispatch(decode(slash("quote", [option("text", 3, "hi")])))

    assert content(response) == "“hi”"


# -- PING ----------------------------------------------------------------------------


async def test_a_ping_is_answered_with_a_pong_without_any_handler() -> None:
    response = await ikit.App().dispatch(decode(ping()))

    assert response == models.PongResponse()
    assert models.encode(response) == b'{"type":1}'


async def test_hooks_do_not_run_for_a_ping() -> None:
    app = ikit.App()
    calls: list[object] = []

    @app.before
    async def record(ctx: ikit.Context[Any]) -> ikit.Response | None:
        calls.append(ctx)
        return None

    await app.dispatch(decode(ping()))

    assert calls == []
