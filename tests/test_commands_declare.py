"""Declaring commands: what a handler's signature and docstring become for Discord."""

from __future__ import annotations

import enum
from typing import Annotated, Any, Literal

import msgspec
import pytest

from ikit import models
from ikit.commands import (
    ChannelTypes,
    Choice,
    Group,
    Length,
    Mentionable,
    MessageCommand,
    Option,
    Range,
    SlashCommand,
    UserCommand,
)
from ikit.commands._docstring import parse_docstring
from ikit.models import (
    ApplicationCommandOptionType as OptionType,
)
from ikit.models import (
    Attachment,
    ChannelType,
    InteractionContextType,
    Member,
    Message,
    PartialChannel,
    Permissions,
    Role,
    User,
)


def encoded(command: Any) -> dict[str, Any]:
    """The JSON a bulk overwrite would send for ``command``."""
    result: dict[str, Any] = msgspec.json.decode(models.encode(command.to_model()))
    return result


_REQUIRED = object()


def option_of(annotation: object, default: object = _REQUIRED) -> Any:
    """The option of a command whose only option has ``annotation``."""

    async def handler(ctx: object, value: Any = None) -> None:
        """Test."""

    handler.__annotations__ = {"ctx": object, "value": annotation}
    handler.__defaults__ = None if default is _REQUIRED else (default,)
    return SlashCommand(handler).options[0]


class Color(enum.Enum):
    red = "r"
    green = "g"


class Level(enum.IntEnum):
    low = 1
    high = 2


@pytest.mark.parametrize(
    ("annotation", "option_type"),
    [
        (str, OptionType.STRING),
        (int, OptionType.INTEGER),
        (float, OptionType.NUMBER),
        (bool, OptionType.BOOLEAN),
        (User, OptionType.USER),
        (Member, OptionType.USER),
        (Member | User, OptionType.USER),
        (Role, OptionType.ROLE),
        (PartialChannel, OptionType.CHANNEL),
        (Attachment, OptionType.ATTACHMENT),
        (User | Role, OptionType.MENTIONABLE),
        (Mentionable, OptionType.MENTIONABLE),
        (Literal["a", "b"], OptionType.STRING),
        (Literal[1, 2], OptionType.INTEGER),
        (Color, OptionType.STRING),
        (Level, OptionType.INTEGER),
        (Annotated[str, "unrelated metadata"], OptionType.STRING),
    ],
    ids=lambda v: v.name if isinstance(v, OptionType) else None,
)
def test_each_annotation_declares_its_option_type(
    annotation: object, option_type: OptionType
) -> None:
    option = option_of(annotation)

    assert option.type is option_type
    assert option.required


@pytest.mark.parametrize(
    ("annotation", "default"),
    [
        (int | None, None),
        (int, 5),
        (Annotated[int, Range(1, 9)] | None, None),
        (Annotated[int | None, Range(1, 9)], None),
    ],
    ids=["optional-none", "default-value", "annotated-inside", "annotated-outside"],
)
def test_a_default_makes_an_option_optional(
    annotation: object, default: object
) -> None:
    option = option_of(annotation, default)

    assert not option.required
    assert option.default == default
    assert option.type is OptionType.INTEGER


async def poll(
    ctx: object,
    question: Annotated[str, Length(1, 200)],
    minutes: Annotated[int, Range(1, 60)] = 10,
    weight: Annotated[float, Range(min=0.5)] = 1.0,
    channel: Annotated[PartialChannel, ChannelTypes(ChannelType.GUILD_TEXT)]
    | None = None,
) -> None:
    """Start a poll.

    The rest of the docstring is for developers.

    Args:
        question: What to ask.
        minutes (int): How long the poll runs,
            in minutes.
    """


def test_a_slash_command_becomes_the_json_discord_takes() -> None:
    assert encoded(SlashCommand(poll)) == {
        "type": 1,
        "name": "poll",
        "description": "Start a poll.",
        "options": [
            {
                "type": 3,
                "name": "question",
                "description": "What to ask.",
                "required": True,
                "min_length": 1,
                "max_length": 200,
            },
            {
                "type": 4,
                "name": "minutes",
                "description": "How long the poll runs, in minutes.",
                "min_value": 1,
                "max_value": 60,
            },
            {"type": 10, "name": "weight", "description": "weight", "min_value": 0.5},
            {
                "type": 7,
                "name": "channel",
                "description": "channel",
                "channel_types": [0],
            },
        ],
    }


def test_name_and_description_can_be_given() -> None:
    command = SlashCommand(poll, name="vote", description="Vote on something")

    assert (command.name, command.description) == ("vote", "Vote on something")


def test_a_command_without_docstring_is_described_by_its_name() -> None:
    async def ping(ctx: object) -> None: ...

    assert SlashCommand(ping).description == "ping"


def test_option_marker_sets_names_descriptions_and_localizations() -> None:
    async def search(
        ctx: object,
        query_text: Annotated[
            str,
            Option(
                name="query",
                description="What to find",
                name_localizations={"fr": "requête", "de": "query"},
                description_localizations={"fr": "Ce qu'il faut trouver"},
            ),
        ],
    ) -> None:
        """Search."""

    (option,) = encoded(SlashCommand(search))["options"]

    assert option == {
        "type": 3,
        "name": "query",
        "description": "What to find",
        # "de" equals the default name, and Discord drops such entries.
        "name_localizations": {"fr": "requête"},
        "description_localizations": {"fr": "Ce qu'il faut trouver"},
        "required": True,
    }


@pytest.mark.parametrize(
    ("annotation", "choices"),
    [
        (Literal["fast", "slow"], [("fast", "fast"), ("slow", "slow")]),
        (Literal[1, 2], [("1", 1), ("2", 2)]),
        (Color, [("red", "r"), ("green", "g")]),
        (Level, [("low", 1), ("high", 2)]),
        (
            Annotated[str, Choice("Red", "r"), Choice("Blue", "b")],
            [("Red", "r"), ("Blue", "b")],
        ),
        (
            Annotated[float, Choice("Half", 0.5), Choice("One", 1)],
            [("Half", 0.5), ("One", 1)],
        ),
    ],
    ids=[
        "str-literal",
        "int-literal",
        "enum",
        "int-enum",
        "str-choice",
        "float-choice",
    ],
)
def test_choices_come_from_literals_enums_and_choice_markers(
    annotation: object, choices: list[tuple[str, object]]
) -> None:
    option = option_of(annotation).to_model()

    assert [(c.name, c.value) for c in option.choices or []] == choices


def test_choice_names_can_be_localized() -> None:
    option = option_of(
        Annotated[str, Choice("Red", "r", name_localizations={"fr": "Rouge"})]
    )

    (choice,) = option.to_model().choices or []
    assert choice.name_localizations == {"fr": "Rouge"}


def test_command_settings_reach_the_model() -> None:
    command = SlashCommand(
        poll,
        name_localizations={"fr": "sondage"},
        description_localizations={"fr": "Lancer un sondage."},
        default_member_permissions=Permissions.MANAGE_GUILD | Permissions.KICK_MEMBERS,
        contexts=[InteractionContextType.GUILD],
        integration_types=[models.ApplicationIntegrationType.USER_INSTALL],
        nsfw=True,
    )

    body = encoded(command)

    assert body["name_localizations"] == {"fr": "sondage"}
    assert body["description_localizations"] == {"fr": "Lancer un sondage."}
    assert body["default_member_permissions"] == str(1 << 5 | 1 << 1)
    assert body["contexts"] == [0]
    assert body["integration_types"] == [1]
    assert body["nsfw"] is True


def test_admins_only_is_permission_zero() -> None:
    assert (
        encoded(SlashCommand(poll, default_member_permissions=0))[
            "default_member_permissions"
        ]
        == "0"
    )


def test_a_group_nests_subcommands_and_subcommand_groups() -> None:
    config = Group(
        "config", "Change the settings", contexts=[InteractionContextType.GUILD]
    )

    @config.command
    async def show(ctx: object) -> None:
        """Show the settings."""

    admin = config.group("admin", "Settings for admins")

    @admin.command(name="reset", description="Reset everything")
    async def reset_all(ctx: object, confirm: bool) -> None: ...

    assert encoded(config) == {
        "type": 1,
        "name": "config",
        "description": "Change the settings",
        "contexts": [0],
        "options": [
            {"type": 1, "name": "show", "description": "Show the settings."},
            {
                "type": 2,
                "name": "admin",
                "description": "Settings for admins",
                "options": [
                    {
                        "type": 1,
                        "name": "reset",
                        "description": "Reset everything",
                        "options": [
                            {
                                "type": 5,
                                "name": "confirm",
                                "description": "confirm",
                                "required": True,
                            }
                        ],
                    }
                ],
            },
        ],
    }
    assert [path for path, _ in config.subcommands()] == [
        ("config", "show"),
        ("config", "admin", "reset"),
    ]


def test_decorated_functions_stay_callable() -> None:
    config = Group("config", "Settings")

    @config.command
    async def show(ctx: object, key: str) -> str:
        return key

    with pytest.raises(StopIteration) as done:
        show(None, "volume").send(None)

    assert done.value.value == "volume"


async def ban(ctx: object, target: Member) -> None:
    """Not used for context menus."""


async def quote(ctx: object, message: Message) -> None: ...


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (
            UserCommand(ban, name="Ban this User"),
            {"type": 2, "name": "Ban this User"},
        ),
        (
            MessageCommand(quote, name_localizations={"fr": "Citer"}, nsfw=True),
            {
                "type": 3,
                "name": "quote",
                "name_localizations": {"fr": "Citer"},
                "nsfw": True,
            },
        ),
    ],
    ids=["user", "message"],
)
def test_context_menu_commands_send_no_description(
    command: Any, expected: dict[str, Any]
) -> None:
    assert encoded(command) == expected


def test_autocomplete_is_declared_on_the_option() -> None:
    command = SlashCommand(poll)

    async def suggest(ctx: object, value: str) -> None: ...

    command.set_autocomplete("question", suggest)

    assert command.option("question").autocomplete is suggest
    assert encoded(command)["options"][0]["autocomplete"] is True


def test_autocomplete_finds_options_by_parameter_name_too() -> None:
    async def search(
        ctx: object, text: Annotated[str, Option(name="query")]
    ) -> None: ...

    async def suggest(ctx: object, value: str) -> None: ...

    command = SlashCommand(search)
    assert command.autocomplete("text")(suggest) is suggest
    assert command.option("query").autocomplete is suggest


# -- docstrings ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "summary", "params"),
    [
        (None, None, {}),
        ("One line.", "One line.", {}),
        ("Two\n    lines.\n\n    More.", "Two lines.", {}),
        (
            """Google style.

            Args:
                first: The first
                    one.
                second (int, optional): The second.

            Returns:
                nothing: Not a parameter.
            """,
            "Google style.",
            {"first": "The first one.", "second": "The second."},
        ),
        (
            """NumPy style.

            Parameters
            ----------
            first : str
                The first
                one.
            second
                The second.

            Returns
            -------
            None
            """,
            "NumPy style.",
            {"first": "The first one.", "second": "The second."},
        ),
        (
            """
            Args:
                only: Params, no summary.
            """,
            None,
            {"only": "Params, no summary."},
        ),
    ],
    ids=["none", "one-line", "paragraph", "google", "numpy", "no-summary"],
)
def test_docstrings_give_descriptions(
    doc: str | None, summary: str | None, params: dict[str, str]
) -> None:
    parsed = parse_docstring(doc)

    assert parsed.summary == summary
    assert parsed.params == params


def test_markers_with_localizations_work_inside_optional_annotations() -> None:
    # `Annotated[...] | None` hashes the markers, and a dict is not hashable.
    french = {"fr": "texte"}
    option = option_of(Annotated[str, Option(name_localizations=french)] | None, None)

    assert option.name_localizations == french
    assert not option.required
