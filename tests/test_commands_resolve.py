"""Incoming command interactions: finding the handler and converting each option."""

from __future__ import annotations

import enum
import json
from typing import Annotated, Any, Literal

import pytest

from ikit import models
from ikit.commands import (
    Choice,
    CommandRegistry,
    Group,
    Mentionable,
    MessageCommand,
    Range,
    SlashCommand,
    UserCommand,
)
from ikit.errors import DecodeError
from ikit.models import (
    ApplicationCommandData,
    Attachment,
    Member,
    Message,
    PartialChannel,
    Role,
    User,
)

USER_ID = "809850198683418695"
OTHER_USER_ID = "167348773423415296"
ROLE_ID = "539082325061836999"
CHANNEL_ID = "645027906669510667"
ATTACHMENT_ID = "1085616122168098826"
MESSAGE_ID = "867793854505943041"

RESOLVED: dict[str, Any] = {
    "users": {
        USER_ID: {
            "id": USER_ID,
            "username": "voltydemo",
            "global_name": "Volty",
            "avatar": "afc428077119df8aabbbd84b0dc90c74",
            "discriminator": "0",
            "public_flags": 0,
            "bot": True,
        },
        OTHER_USER_ID: {
            "id": OTHER_USER_ID,
            "username": "ian",
            "discriminator": "0",
            "avatar": None,
        },
    },
    "members": {
        USER_ID: {
            "avatar": None,
            "nick": "Volty the bot",
            "roles": [ROLE_ID],
            "joined_at": "2021-02-12T18:25:07.972000+00:00",
            "pending": False,
            "permissions": "246997699136",
            "premium_since": None,
        }
    },
    "roles": {
        ROLE_ID: {
            "id": ROLE_ID,
            "name": "Moderators",
            "color": 3447003,
            "hoist": True,
            "position": 3,
            "permissions": "1071698660929",
            "managed": False,
            "mentionable": True,
            "flags": 0,
        }
    },
    "channels": {
        CHANNEL_ID: {
            "id": CHANNEL_ID,
            "type": 0,
            "name": "general",
            "guild_id": "290926798626357999",
            "parent_id": "399942396007890945",
            "permissions": "2251799813685247",
            "nsfw": False,
            "position": 1,
            "flags": 0,
            "rate_limit_per_user": 0,
            "topic": None,
            "last_message_id": "1085616189948727316",
        }
    },
    "attachments": {
        ATTACHMENT_ID: {
            "id": ATTACHMENT_ID,
            "filename": "cat.png",
            "size": 48213,
            "url": f"https://cdn.discordapp.com/ephemeral-attachments/1/{ATTACHMENT_ID}/cat.png",
            "proxy_url": f"https://media.discordapp.net/ephemeral-attachments/1/{ATTACHMENT_ID}/cat.png",
            "content_type": "image/png",
            "width": 640,
            "height": 480,
            "ephemeral": True,
        }
    },
    "messages": {
        MESSAGE_ID: {
            "id": MESSAGE_ID,
            "channel_id": CHANNEL_ID,
            "type": 0,
            "content": "some message",
            "author": {"id": OTHER_USER_ID, "username": "ian", "discriminator": "0"},
            "timestamp": "2021-07-22T15:42:57.744000+00:00",
            "attachments": [],
            "embeds": [],
            "mentions": [],
            "mention_roles": [],
            "pinned": False,
            "tts": False,
            "flags": 0,
        }
    },
}


def command_data(
    name: str,
    options: list[dict[str, Any]] | None = None,
    *,
    type: int = 1,
    target_id: str | None = None,
    resolved: dict[str, Any] | None = RESOLVED,
) -> ApplicationCommandData:
    """Command data decoded from JSON, as Discord sends it."""
    payload: dict[str, Any] = {"id": "771825006014889984", "name": name, "type": type}
    if options is not None:
        payload["options"] = options
    if resolved is not None:
        payload["resolved"] = resolved
    if target_id is not None:
        payload["target_id"] = target_id
    return models.decode(json.dumps(payload).encode(), ApplicationCommandData)


def opt(name: str, type: int, value: object, **extra: object) -> dict[str, Any]:
    return {"name": name, "type": type, "value": value, **extra}


class Size(enum.Enum):
    small = "s"
    large = "l"


class Level(enum.IntEnum):
    low = 1
    high = 2


async def everything(
    ctx: object,
    text: str,
    count: int,
    ratio: float,
    flag: bool,
    user: User,
    member: Member,
    role: Role,
    channel: PartialChannel,
    mention: User | Role,
    file: Attachment,
    mode: Literal["fast", "slow"],
    size: Size,
    level: Level,
    scale: Annotated[float, Choice("one", 1), Choice("two and a half", 2.5)],
) -> None:
    """Take one of every option type."""


EVERYTHING = SlashCommand(everything)

FILLED = [
    opt("text", 3, "hello"),
    opt("count", 4, 7),
    opt("ratio", 10, 0.5),
    opt("flag", 5, True),
    opt("user", 6, USER_ID),
    opt("member", 6, USER_ID),
    opt("role", 8, ROLE_ID),
    opt("channel", 7, CHANNEL_ID),
    opt("mention", 9, ROLE_ID),
    opt("file", 11, ATTACHMENT_ID),
    opt("mode", 3, "slow"),
    opt("size", 3, "l"),
    opt("level", 4, 2),
    opt("scale", 10, 1.0),
]


@pytest.fixture
def kwargs() -> dict[str, object]:
    handler, kwargs = EVERYTHING.resolve(command_data("everything", FILLED))
    assert handler is everything
    return kwargs


@pytest.mark.parametrize(
    ("param", "expected"),
    [
        ("text", "hello"),
        ("count", 7),
        ("ratio", 0.5),
        ("flag", True),
        ("mode", "slow"),
        ("size", Size.large),
        ("level", Level.high),
        ("scale", 1.0),
    ],
    ids=[
        "str",
        "int",
        "float",
        "bool",
        "literal",
        "enum",
        "int-enum",
        "float-choice",
    ],
)
def test_scalar_options_convert(
    kwargs: dict[str, object], param: str, expected: object
) -> None:
    assert kwargs[param] == expected
    assert type(kwargs[param]) is type(expected)


def test_a_user_option_gives_the_resolved_user(kwargs: dict[str, object]) -> None:
    user = kwargs["user"]

    assert isinstance(user, User)
    assert user.username == "voltydemo"


def test_a_member_option_gives_the_member_with_its_user(
    kwargs: dict[str, object],
) -> None:
    member = kwargs["member"]

    assert isinstance(member, Member)
    assert member.nick == "Volty the bot"
    assert member.user is not None
    assert member.user.id == int(USER_ID)


@pytest.mark.parametrize(
    ("param", "kind", "attribute", "value"),
    [
        ("role", Role, "name", "Moderators"),
        ("channel", PartialChannel, "name", "general"),
        ("mention", Role, "name", "Moderators"),
        ("file", Attachment, "filename", "cat.png"),
    ],
    ids=["role", "channel", "mentionable-role", "attachment"],
)
def test_resolved_objects_convert(
    kwargs: dict[str, object], param: str, kind: type, attribute: str, value: str
) -> None:
    assert isinstance(kwargs[param], kind)
    assert getattr(kwargs[param], attribute) == value


@pytest.mark.parametrize(
    ("value", "expected"),
    [(USER_ID, Member), (OTHER_USER_ID, User), (ROLE_ID, Role)],
    ids=["member", "user-without-member", "role"],
)
def test_a_mentionable_gives_a_member_a_user_or_a_role(
    value: str, expected: type
) -> None:
    async def ping(ctx: object, target: Mentionable) -> None:
        """Ping someone."""

    _, kwargs = SlashCommand(ping).resolve(
        command_data("ping", [opt("target", 9, value)])
    )

    assert type(kwargs["target"]) is expected


def test_member_or_user_falls_back_to_the_user_outside_a_guild() -> None:
    async def inspect_(ctx: object, who: Member | User) -> None:
        """Inspect someone."""

    resolved = {"users": RESOLVED["users"]}
    _, kwargs = SlashCommand(inspect_, name="inspect").resolve(
        command_data("inspect", [opt("who", 6, USER_ID)], resolved=resolved)
    )

    assert type(kwargs["who"]) is User


async def optional(
    ctx: object,
    name: str,
    times: Annotated[int, Range(1, 5)] = 3,
    who: User | None = None,
) -> None:
    """Optional options."""


def test_missing_optional_options_get_their_defaults() -> None:
    _, kwargs = SlashCommand(optional).resolve(
        command_data("optional", [opt("name", 3, "x")])
    )

    assert kwargs == {"name": "x", "times": 3, "who": None}


def test_a_float_sent_for_an_int_option_converts_when_integral() -> None:
    _, kwargs = SlashCommand(optional).resolve(
        command_data("optional", [opt("name", 3, "x"), opt("times", 4, 2.0)])
    )

    assert kwargs["times"] == 2
    assert type(kwargs["times"]) is int


# -- inconsistent payloads -----------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message", "path"),
    [
        (
            [],
            "option 'name' of /optional is required but missing",
            "$.data.options",
        ),
        (
            [opt("name", 3, 5)],
            "option 'name' of /optional: expected a string, got 5",
            "$.data.options[0].value",
        ),
        (
            [opt("name", 4, 5)],
            "option 'name' of /optional: expected a STRING option, got INTEGER",
            "$.data.options[0].type",
        ),
        (
            [opt("name", 3, "x"), opt("colour", 3, "red")],
            "unexpected option 'colour' for /optional",
            "$.data.options[1]",
        ),
        (
            [opt("name", 3, "x"), opt("name", 3, "y")],
            "unexpected option 'name' for /optional",
            "$.data.options[1]",
        ),
        (
            [opt("colour", 3, "red"), opt("name", 3, 5)],
            "option 'name' of /optional: expected a string, got 5",
            "$.data.options[1].value",
        ),
        (
            [opt("name", 3, "x"), opt("who", 6, "42")],
            "option 'who' of /optional: expected an id found in resolved users, "
            "got '42'",
            "$.data.options[1].value",
        ),
        (
            [opt("name", 3, "x"), opt("who", 6, "me")],
            r"expected an id \(a string of digits\), got 'me'",
            "$.data.options[1].value",
        ),
        (
            [opt("name", 3, "x"), opt("times", 4, True)],
            "option 'times' of /optional: expected an integer, got True",
            "$.data.options[1].value",
        ),
    ],
    ids=[
        "missing",
        "wrong-value",
        "wrong-type",
        "unknown",
        "twice",
        "unknown-and-wrong-value",
        "unresolved",
        "not-an-id",
        "bool-for-int",
    ],
)
def test_inconsistent_options_raise_decode_error(
    options: list[dict[str, Any]], message: str, path: str
) -> None:
    with pytest.raises(DecodeError, match=message) as caught:
        SlashCommand(optional).resolve(command_data("optional", options))

    assert caught.value.path == path
    assert caught.value.status == 400


def test_a_value_outside_the_choices_is_refused() -> None:
    with pytest.raises(
        DecodeError,
        match=r"option 'size' of /everything: expected one of the choices "
        r"\('s', 'l'\), got 'm'",
    ):
        EVERYTHING.resolve(
            command_data(
                "everything", [*FILLED[:11], opt("size", 3, "m"), *FILLED[12:]]
            )
        )


def test_another_command_is_refused() -> None:
    with pytest.raises(
        DecodeError, match="expected the CHAT_INPUT command 'optional', got"
    ):
        SlashCommand(optional).resolve(command_data("other", []))


# -- groups --------------------------------------------------------------------------


def make_config() -> Group:
    config = Group("config", "Change the settings")

    @config.command
    async def show(ctx: object) -> None:
        """Show the settings."""

    admin = config.group("admin", "Settings for admins")

    @admin.command(name="set")
    async def set_value(
        ctx: object, key: str, value: Annotated[int, Range(0, 10)] = 5
    ) -> None:
        """Set a value."""

    async def suggest(ctx: object, value: str) -> None:
        """Suggest keys."""

    set_value.set_autocomplete("key", suggest)
    return config


def nested(*options: dict[str, Any]) -> list[dict[str, Any]]:
    leaf = {"name": "set", "type": 1, "options": list(options)}
    return [{"name": "admin", "type": 2, "options": [leaf]}]


def test_a_subcommand_in_a_group_resolves_with_its_options() -> None:
    config = make_config()
    data = command_data("config", nested(opt("key", 3, "volume"), opt("value", 4, 7)))

    handler, kwargs = config.resolve(data)

    assert data.path() == ("config", "admin", "set")
    assert handler.__name__ == "set_value"
    assert kwargs == {"key": "volume", "value": 7}


def test_a_direct_subcommand_resolves() -> None:
    handler, kwargs = make_config().resolve(
        command_data("config", [{"name": "show", "type": 1}])
    )

    assert handler.__name__ == "show"
    assert kwargs == {}


@pytest.mark.parametrize(
    ("options", "message", "path"),
    [
        ([], r"expected one subcommand of /config \(show, admin\), got \[\]", None),
        (
            [{"name": "hide", "type": 1}],
            r"expected one subcommand of /config \(show, admin\), got \['hide'\]",
            "$.data.options",
        ),
        (
            [{"name": "admin", "type": 1}],
            "expected one subcommand of /config",
            "$.data.options",
        ),
        (
            nested(opt("key", 3, 1)),
            "option 'key' of /config admin set: expected a string, got 1",
            "$.data.options[0].options[0].options[0].value",
        ),
    ],
    ids=["none", "unknown", "group-sent-as-subcommand", "bad-leaf-value"],
)
def test_inconsistent_subcommands_raise_decode_error(
    options: list[dict[str, Any]], message: str, path: str | None
) -> None:
    with pytest.raises(DecodeError, match=message) as caught:
        make_config().resolve(command_data("config", options))

    assert caught.value.path == (path or "$.data.options")


# -- autocomplete --------------------------------------------------------------------


def test_autocomplete_finds_the_focused_option_at_any_depth() -> None:
    data = command_data(
        "config",
        nested(opt("value", 4, 3), opt("key", 3, "vol", focused=True)),
        resolved=None,
    )

    handler, option, value, others = make_config().resolve_autocomplete(data)

    assert handler.__name__ == "suggest"
    assert option.name == "key"
    assert value == "vol"
    assert others == {"value": 3}
    assert data.focused_option() is not None


def test_autocomplete_leaves_out_filled_options_that_do_not_convert_yet() -> None:
    data = command_data(
        "config",
        nested(opt("key", 3, "", focused=True), opt("value", 4, "1")),
        resolved=None,
    )

    invocation = make_config().resolve_autocomplete(data)

    assert invocation.value == ""
    assert invocation.options == {}


def test_autocomplete_without_a_handler_is_refused() -> None:
    data = command_data("config", nested(opt("value", 4, 3, focused=True)))

    with pytest.raises(
        DecodeError,
        match="option 'value' of /config admin set has no autocomplete handler",
    ):
        make_config().resolve_autocomplete(data)


def test_autocomplete_without_a_focused_option_is_refused() -> None:
    data = command_data("config", nested(opt("key", 3, "v")))

    with pytest.raises(DecodeError, match="has no focused option"):
        make_config().resolve_autocomplete(data)


def test_autocomplete_with_an_undeclared_option_is_refused() -> None:
    data = command_data(
        "config", nested(opt("key", 3, "v", focused=True), opt("colour", 3, "red"))
    )

    with pytest.raises(DecodeError, match="unexpected option 'colour'") as caught:
        make_config().resolve_autocomplete(data)

    assert caught.value.path == "$.data.options[0].options[0].options[1]"


def test_autocomplete_on_a_top_level_command() -> None:
    async def search(ctx: object, query: str, limit: int = 5) -> None:
        """Search."""

    async def suggest(ctx: object, value: str) -> None:
        """Suggest."""

    command = SlashCommand(search)
    command.autocomplete("query")(suggest)
    data = command_data("search", [opt("query", 3, "ca", focused=True)])

    invocation = command.resolve_autocomplete(data)

    assert invocation.handler is suggest
    assert invocation.options == {}


# -- context menus -------------------------------------------------------------------


async def inspect_user(ctx: object, target: User) -> None: ...


async def inspect_member(ctx: object, target: Member) -> None: ...


async def inspect_either(ctx: object, target: Member | User) -> None: ...


@pytest.mark.parametrize(
    ("handler", "expected"),
    [(inspect_user, User), (inspect_member, Member), (inspect_either, Member)],
    ids=["user", "member", "member-or-user"],
)
def test_a_user_command_receives_its_target(handler: Any, expected: type) -> None:
    command = UserCommand(handler, name="Inspect")
    data = command_data("Inspect", type=2, target_id=USER_ID)

    resolved_handler, kwargs = command.resolve(data)

    assert resolved_handler is handler
    assert type(kwargs["target"]) is expected


def test_a_member_target_has_its_user_filled_in() -> None:
    _, kwargs = UserCommand(inspect_member, name="Inspect").resolve(
        command_data("Inspect", type=2, target_id=USER_ID)
    )

    member = kwargs["target"]
    assert isinstance(member, Member)
    assert member.user is not None
    assert member.user.username == "voltydemo"


def test_a_member_target_without_member_data_is_refused() -> None:
    data = command_data("Inspect", type=2, target_id=OTHER_USER_ID)

    with pytest.raises(
        DecodeError,
        match="the target of the user command 'Inspect': expected an id found in "
        "resolved members",
    ) as caught:
        UserCommand(inspect_member, name="Inspect").resolve(data)

    assert caught.value.path == "$.data.target_id"


def test_a_message_command_receives_the_message() -> None:
    async def quote(ctx: object, message: Message) -> None: ...

    _, kwargs = MessageCommand(quote, name="Quote").resolve(
        command_data("Quote", type=3, target_id=MESSAGE_ID)
    )

    message = kwargs["message"]
    assert isinstance(message, Message)
    assert message.content == "some message"


# -- the registry --------------------------------------------------------------------


def test_the_registry_routes_each_command_type_by_name() -> None:
    registry = CommandRegistry()
    registry.add(SlashCommand(optional))
    registry.add(UserCommand(inspect_user, name="Inspect"))
    registry.add(make_config())

    assert (
        registry.resolve(command_data("optional", [opt("name", 3, "a")])).kwargs["name"]
        == "a"
    )
    assert (
        registry.resolve(command_data("Inspect", type=2, target_id=USER_ID)).handler
        is inspect_user
    )
    data = command_data("config", nested(opt("key", 3, "v", focused=True)))
    assert registry.resolve_autocomplete(data).value == "v"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            command_data("missing", []),
            "no slash command named 'missing' is declared",
        ),
        (
            command_data("optional", [], type=2, target_id=USER_ID),
            "no user command named 'optional' is declared",
        ),
    ],
    ids=["unknown-name", "wrong-type"],
)
def test_the_registry_refuses_unknown_commands(
    data: ApplicationCommandData, message: str
) -> None:
    registry = CommandRegistry()
    registry.add(SlashCommand(optional))

    with pytest.raises(DecodeError, match=message):
        registry.resolve(data)


def test_the_registry_refuses_autocomplete_for_a_context_menu() -> None:
    registry = CommandRegistry()
    registry.add(UserCommand(inspect_user, name="Inspect"))

    with pytest.raises(DecodeError, match="has no options to autocomplete"):
        registry.resolve_autocomplete(command_data("Inspect", type=2))
