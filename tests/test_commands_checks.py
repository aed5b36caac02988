"""Every rule Discord enforces on a command is checked when the command is declared."""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable
from typing import Annotated, Any, Literal

import pytest

from ikit.commands import (
    ChannelTypes,
    Choice,
    CommandRegistry,
    Group,
    Length,
    MessageCommand,
    Option,
    Range,
    SlashCommand,
    UserCommand,
)
from ikit.commands._rules import field_size
from ikit.errors import DeclarationError
from ikit.models import ChannelType, Member, Message, User

_EMPTY = inspect.Parameter.empty


def handler(
    name: str = "cmd", doc: str | None = "Test.", /, **params: object
) -> Callable[..., Any]:
    """An async handler named ``name`` whose parameters after the context have the
    given annotations; a ``(annotation, default)`` tuple adds a default."""

    async def function(ctx: object, **kwargs: object) -> None: ...

    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    parameters = [inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    annotations: dict[str, object] = {}
    for param, spec in params.items():
        annotation, default = spec if isinstance(spec, tuple) else (spec, _EMPTY)
        parameters.append(inspect.Parameter(param, kind, default=default))
        annotations[param] = annotation

    function.__name__ = function.__qualname__ = name
    function.__doc__ = doc
    function.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    function.__annotations__ = annotations
    return function


def choices(count: int, *, name: str = "c", value: str = "v") -> object:
    return Annotated[str, *(Choice(f"{name}{i}", f"{value}{i}") for i in range(count))]


Many = enum.Enum("Many", [f"c{i}" for i in range(26)])  # type: ignore[misc]


async def sync_handler(ctx: object) -> None: ...


def not_async(ctx: object) -> None: ...


async def no_context() -> None: ...


async def star_args(ctx: object, *words: str) -> None: ...


async def unannotated(ctx: object, word) -> None:  # type: ignore[no-untyped-def]
    ...


async def forward_reference(ctx: object, word: Undefined) -> None:  # type: ignore[name-defined]  # noqa: F821
    ...


async def required_last(ctx: object, a: int = 1, *, b: int) -> None: ...


async def two_targets(ctx: object, user: User, other: User) -> None: ...


async def string_target(ctx: object, user: str) -> None: ...


async def user_target(ctx: object, user: User) -> None: ...


async def member_target(ctx: object, member: Member) -> None: ...


async def message_target(ctx: object, message: Message) -> None: ...


SLASH_CASES: list[tuple[Callable[[], object], str]] = [
    # names
    (
        lambda: SlashCommand(handler("hello world")),
        r"hello world\(\): a name may hold only letters, numbers, '-', '_' and "
        r"\"'\", got ' ' in 'hello world'",
    ),
    (
        lambda: SlashCommand(handler("Poll")),
        r"Poll\(\): a name must be lowercase, got 'P' in 'Poll'",
    ),
    (
        lambda: SlashCommand(handler(), name="x" * 33),
        r"cmd\(\): a name must be 1-32 characters, got 33",
    ),
    (
        lambda: SlashCommand(handler(Word=str)),
        r"cmd\(\), parameter 'Word': a name must be lowercase, got 'W' in 'Word'",
    ),
    (
        lambda: SlashCommand(handler(text=Annotated[str, Option(name="a.b")])),
        r"cmd\(\), parameter 'text': a name may hold only .*, got '\.' in 'a\.b'",
    ),
    # descriptions
    (
        lambda: SlashCommand(handler("cmd", "x" * 101)),
        r"cmd\(\): a description must be 1-100 characters, got 101",
    ),
    (
        lambda: SlashCommand(
            handler(text=Annotated[str, Option(description="y" * 101)])
        ),
        r"cmd\(\), parameter 'text': a description must be 1-100 characters, got 101",
    ),
    (
        lambda: SlashCommand(
            handler("cmd", "Test.\n\nArgs:\n    text: " + "z" * 101, text=str)
        ),
        r"cmd\(\), parameter 'text': a description must be 1-100 characters",
    ),
    # localizations
    (
        lambda: SlashCommand(handler(), name_localizations={"en": "cmd"}),
        r"cmd\(\): unknown locale 'en' in localizations; Discord accepts ar, bg",
    ),
    (
        lambda: SlashCommand(handler(), name_localizations={"fr": "Commande"}),
        r"cmd\(\): fr: a name must be lowercase, got 'C'",
    ),
    (
        lambda: SlashCommand(handler(), description_localizations={"fr": ""}),
        r"cmd\(\): fr: a description must be 1-100 characters, got 0",
    ),
    # options
    (
        lambda: SlashCommand(handler(**{f"o{i}": str for i in range(26)})),
        r"cmd\(\): a command has at most 25 options, got 26",
    ),
    (
        lambda: SlashCommand(required_last),
        r"required_last\(\): required option 'b' comes after optional option 'a'; "
        r"Discord lists required options first, so declare 'b' before 'a'",
    ),
    (
        lambda: SlashCommand(
            handler(
                a=Annotated[str, Option(name="same")],
                b=Annotated[str, Option(name="same")],
            )
        ),
        r"cmd\(\): two options are named 'same'",
    ),
    (
        lambda: SlashCommand(
            handler(a=Annotated[str, Option(name_localizations={"fr": "b"})], b=str)
        ),
        r"cmd\(\): a localized name of option 'a' is the name of option 'b'",
    ),
    (
        lambda: SlashCommand(handler(text=(int | None, _EMPTY))),
        r"cmd\(\), parameter 'text': the annotation allows None but the parameter "
        r"has no default; write `text: ... = None`",
    ),
    # annotations
    (
        lambda: SlashCommand(handler(words=list[str])),
        r"cmd\(\), parameter 'words': list\[str\] is not supported; options take "
        r"str, int, float",
    ),
    (
        lambda: SlashCommand(handler(data=bytes)),
        r"cmd\(\), parameter 'data': bytes is not supported",
    ),
    (
        lambda: SlashCommand(handler(who=User | str)),
        r"cmd\(\), parameter 'who': .* is not supported",
    ),
    (
        lambda: SlashCommand(handler(flag=Literal[True, False])),
        r"cmd\(\), parameter 'flag': choice values must be all str, all int, or int "
        r"and float, got True, False",
    ),
    (
        lambda: SlashCommand(handler(mixed=Literal["a", 1])),
        r"choice values must be all str, all int, or int and float, got 'a', 1",
    ),
    (
        lambda: SlashCommand(not_async),  # type: ignore[type-var]
        r"not_async\(\): a command handler must be an async function",
    ),
    (
        lambda: SlashCommand(no_context),
        r"no_context\(\): a command handler takes the context as its first parameter",
    ),
    (
        lambda: SlashCommand(star_args),
        r"star_args\(\), parameter 'words': options are passed by keyword",
    ),
    (
        lambda: SlashCommand(unannotated),
        r"unannotated\(\), parameter 'word': the parameter needs a type annotation",
    ),
    (
        lambda: SlashCommand(forward_reference),
        r"forward_reference\(\): its annotations cannot be evaluated "
        r"\(name 'Undefined' is not defined\)",
    ),
    # markers
    (
        lambda: SlashCommand(handler(text=Annotated[str, Range(1, 5)])),
        r"cmd\(\), parameter 'text': Range applies to int and float options without "
        r"choices, not to this STRING option",
    ),
    (
        lambda: SlashCommand(handler(n=Annotated[int, Range(5, 1)])),
        r"cmd\(\), parameter 'n': Range min 5 is above max 1",
    ),
    (
        lambda: SlashCommand(handler(n=Annotated[int, Range(0.5, 1)])),
        r"Range of an int option takes ints, got 0\.5",
    ),
    (
        lambda: SlashCommand(handler(n=Annotated[int, Range(max=2**53)])),
        r"Range bounds must be within ±9007199254740991, got 9007199254740992",
    ),
    (
        lambda: SlashCommand(handler(n=Annotated[int, Range(1), Range(2)])),
        r"cmd\(\), parameter 'n': Range is given 2 times",
    ),
    (
        lambda: SlashCommand(handler(n=Annotated[int, Length(1, 5)])),
        r"Length applies to str options without choices, not to this INTEGER option",
    ),
    (
        lambda: SlashCommand(handler(text=Annotated[str, Length(max=6001)])),
        r"Length max must be 1-6000, got 6001",
    ),
    (
        lambda: SlashCommand(handler(text=Annotated[str, Length(-1)])),
        r"Length min must be 0-6000, got -1",
    ),
    (
        lambda: SlashCommand(handler(text=Annotated[str, Length(9, 3)])),
        r"Length min 9 is above max 3",
    ),
    (
        lambda: SlashCommand(
            handler(text=Annotated[str, ChannelTypes(ChannelType.GUILD_TEXT)])
        ),
        r"ChannelTypes applies to PartialChannel options only",
    ),
    # choices
    (
        lambda: SlashCommand(handler(pick=choices(26))),
        r"cmd\(\), parameter 'pick': an option has at most 25 choices, got 26",
    ),
    (
        lambda: SlashCommand(handler(pick=Many)),
        r"an option has at most 25 choices, got 26",
    ),
    (
        lambda: SlashCommand(handler(pick=Annotated[str, Choice("n" * 101, "v")])),
        r"a choice name must be 1-100 characters, got 101",
    ),
    (
        lambda: SlashCommand(handler(pick=Annotated[str, Choice("n", "v" * 101)])),
        r"a choice value must be at most 100 characters, got 101",
    ),
    (
        lambda: SlashCommand(handler(pick=Annotated[int, Choice("one", "1")])),
        r"Choice values must suit the INTEGER option, got '1'",
    ),
    (
        lambda: SlashCommand(handler(pick=Annotated[bool, Choice("yes", 1)])),
        r"Choice applies to str, int and float options only",
    ),
    (
        lambda: SlashCommand(handler(pick=Annotated[Literal["a"], Choice("A", "a")])),
        r"Choice applies to str, int and float options, not Literal\['a'\], whose "
        r"choices come from the annotation",
    ),
    (
        lambda: SlashCommand(handler(pick=Annotated[Literal["a"], Length(1)])),
        r"Length applies to str options without choices",
    ),
    # settings
    (
        lambda: SlashCommand(handler(), contexts=[]),
        r"cmd\(\): contexts needs at least one value, or None for the default",
    ),
    (
        lambda: SlashCommand(handler(), contexts=[7]),
        r"cmd\(\): contexts takes GUILD \(0\), BOT_DM \(1\), PRIVATE_CHANNEL \(2\); "
        r"got 7",
    ),
    (
        lambda: SlashCommand(handler(), integration_types=[2]),
        r"integration_types takes GUILD_INSTALL \(0\), USER_INSTALL \(1\); got 2",
    ),
    (
        lambda: SlashCommand(handler(), default_member_permissions=-1),
        r"default_member_permissions must be a permission set \(0 or more\), got -1",
    ),
    # size
    (
        lambda: SlashCommand(
            handler(
                a=choices(25, name="n" * 90, value="v" * 90),
                b=choices(25, name="m" * 90, value="w" * 90),
            )
        ),
        r"cmd\(\): /cmd would count 9\d\d\d characters; Discord allows 8000 across "
        r"names, descriptions and choice values \(only the longest localization of "
        r"each counts\)",
    ),
]


@pytest.mark.parametrize(
    ("declare", "message"),
    SLASH_CASES,
    ids=[
        "name-character",
        "name-uppercase",
        "name-length",
        "option-name-uppercase",
        "option-name-from-marker",
        "description-length",
        "option-description-length",
        "docstring-description-length",
        "unknown-locale",
        "localized-name",
        "localized-description",
        "too-many-options",
        "required-after-optional",
        "duplicate-option",
        "localized-option-name-clash",
        "optional-without-default",
        "list",
        "bytes",
        "union",
        "bool-literal",
        "mixed-literal",
        "not-async",
        "no-context",
        "star-args",
        "unannotated",
        "unresolvable",
        "range-on-str",
        "range-reversed",
        "range-float-for-int",
        "range-bounds",
        "range-twice",
        "length-on-int",
        "length-max",
        "length-min",
        "length-reversed",
        "channel-types-on-str",
        "too-many-choices",
        "too-many-enum-members",
        "choice-name-length",
        "choice-value-length",
        "choice-type",
        "choice-on-bool",
        "choice-on-literal",
        "length-with-choices",
        "empty-contexts",
        "unknown-context",
        "unknown-integration-type",
        "negative-permissions",
        "size",
    ],
)
def test_a_broken_rule_is_refused_when_declared(
    declare: Callable[[], object], message: str
) -> None:
    with pytest.raises(DeclarationError, match=message):
        declare()


def test_only_the_longest_localization_counts_toward_the_size() -> None:
    assert field_size("abc", None) == 3
    assert field_size("abc", {"fr": "abcdef", "de": "ab"}) == 6


def localized_choices(localized: bool) -> object:
    french = {"fr": "é" * 100} if localized else None
    return Annotated[
        str,
        *(
            Choice(f"{i:02}" * 15, f"{i:02}" * 50, name_localizations=french)
            for i in range(25)
        ),
    ]


def test_localizations_can_push_a_command_over_the_size() -> None:
    # 2 options of 25 choices of 30 + 100 characters stay within 8000 ...
    SlashCommand(handler(a=localized_choices(False), b=localized_choices(False)))

    # ... but not when each choice name has a 100-character translation.
    with pytest.raises(DeclarationError, match=r"/cmd would count 100\d\d characters"):
        SlashCommand(handler(a=localized_choices(True), b=localized_choices(True)))


# -- autocomplete --------------------------------------------------------------------


async def suggest(ctx: object, value: str) -> None: ...


@pytest.mark.parametrize(
    ("annotation", "option", "message"),
    [
        (
            Literal["a", "b"],
            "value",
            r"cmd\(\), parameter 'value': an option with choices cannot also have "
            r"autocomplete",
        ),
        (
            bool,
            "value",
            r"cmd\(\), parameter 'value': autocomplete applies to str, int and float "
            r"options, not BOOLEAN ones",
        ),
        (str, "other", r"cmd\(\) has no option 'other' \(its options: 'value'\)"),
    ],
    ids=["with-choices", "boolean", "unknown-option"],
)
def test_autocomplete_is_checked_when_set(
    annotation: object, option: str, message: str
) -> None:
    command = SlashCommand(handler(value=annotation))

    with pytest.raises(DeclarationError, match=message):
        command.set_autocomplete(option, suggest)


# -- groups --------------------------------------------------------------------------


def test_a_subcommand_group_cannot_hold_a_group() -> None:
    admin = Group("config", "Settings").group("admin", "Admin settings")

    with pytest.raises(
        DeclarationError,
        match="group 'admin' is a subcommand group, and Discord does not nest groups "
        "deeper; declare 'deep' as a group of /config, or as subcommands of 'admin'",
    ):
        admin.group("deep", "Too deep")


def test_a_group_holds_at_most_25_children() -> None:
    config = Group("config", "Settings")
    for i in range(25):
        config.command(handler(f"sub{i}"))

    with pytest.raises(
        DeclarationError,
        match=r"sub25\(\): group 'config' already holds 25 subcommands and groups",
    ):
        config.command(handler("sub25"))


def test_group_children_have_unique_names() -> None:
    config = Group("config", "Settings")
    config.command(handler("show"))

    with pytest.raises(DeclarationError, match="group 'config' already has a 'show'"):
        config.group("show", "Shadowing group")


def test_a_group_needs_a_subcommand_before_it_is_sent() -> None:
    config = Group("config", "Settings")
    config.group("admin", "Admin settings")

    with pytest.raises(
        DeclarationError,
        match=r"group 'admin' has no subcommands; declare one with @admin\.command",
    ):
        config.to_model()


def test_a_group_checks_its_name_and_description() -> None:
    with pytest.raises(DeclarationError, match="group 'Config': a name must be lower"):
        Group("Config", "Settings")
    with pytest.raises(DeclarationError, match="group 'config': a group needs a desc"):
        Group("config", "")


def test_a_group_over_the_size_refuses_the_subcommand_that_overflows() -> None:
    config = Group("config", "Settings")
    big = choices(25, name="n" * 90, value="v" * 90)
    config.command(handler("first", a=big))

    with pytest.raises(DeclarationError, match=r"second\(\): /config would count"):
        config.command(handler("second", a=big))

    assert [child.name for child in config.children] == ["first"]


# -- context menus -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("declare", "message"),
    [
        (
            lambda: UserCommand(string_target),
            r"string_target\(\), parameter 'user': the target of a user command must "
            r"be annotated User, Member or Member \| User, got <class 'str'>",
        ),
        (
            lambda: MessageCommand(user_target),
            r"user_target\(\), parameter 'user': the target of a message command must "
            r"be annotated Message",
        ),
        (
            lambda: UserCommand(two_targets),
            r"two_targets\(\): a user command handler takes the context and one "
            r"target parameter \(User, Member or Member \| User\), got 2",
        ),
        (
            lambda: UserCommand(user_target, name="x" * 33),
            r"user_target\(\): a name must be 1-32 characters, got 33",
        ),
        (
            lambda: MessageCommand(message_target, name=" Quote"),
            r"message_target\(\): a name cannot start or end with whitespace",
        ),
    ],
    ids=["user-target", "message-target", "two-targets", "long-name", "whitespace"],
)
def test_context_menu_declarations_are_checked(
    declare: Callable[[], object], message: str
) -> None:
    with pytest.raises(DeclarationError, match=message):
        declare()


def test_context_menu_names_may_use_mixed_case_and_spaces() -> None:
    assert UserCommand(member_target, name="Ban This User").name == "Ban This User"


# -- the registry --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "limit", "noun"),
    [
        (lambda i: SlashCommand(handler(f"c{i}")), 100, "slash commands"),
        (lambda i: UserCommand(user_target, name=f"User {i}"), 15, "user commands"),
        (
            lambda i: MessageCommand(message_target, name=f"Message {i}"),
            15,
            "message commands",
        ),
    ],
    ids=["slash", "user", "message"],
)
def test_the_registry_keeps_discords_limits(
    make: Callable[[int], Any], limit: int, noun: str
) -> None:
    registry = CommandRegistry()
    for i in range(limit):
        registry.add(make(i))

    with pytest.raises(
        DeclarationError, match=f"Discord allows {limit} {noun} per app and scope"
    ):
        registry.add(make(limit))


def test_names_are_unique_per_type() -> None:
    registry = CommandRegistry()
    registry.add(SlashCommand(handler("info")))
    registry.add(UserCommand(user_target, name="info"))
    registry.add(MessageCommand(message_target, name="info"))

    with pytest.raises(
        DeclarationError,
        match=r"group 'info': a slash command named 'info' is already declared "
        r"\(info\(\)\)",
    ):
        registry.add(Group("info", "Information"))
    assert len(registry) == 3
