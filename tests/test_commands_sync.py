"""The sync planner: local declarations against the commands Discord returns."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

import msgspec
import pytest

from ikit import models
from ikit.commands import (
    ChannelTypes,
    Choice,
    CommandRegistry,
    FieldChange,
    Group,
    MessageCommand,
    Option,
    Range,
    SlashCommand,
    UserCommand,
    plan_sync,
)
from ikit.errors import DeclarationError
from ikit.models import ApplicationCommand, ChannelType, Member, Message

POLL: dict[str, Any] = {
    "name": "poll",
    "type": 1,
    "description": "Start a poll",
    "options": [
        {
            "type": 3,
            "name": "question",
            "description": "What to ask",
            "required": True,
        },
        {
            "type": 4,
            "name": "minutes",
            "description": "How long",
            "min_value": 1,
            "max_value": 60,
            "choices": [{"name": "one", "value": 1}, {"name": "two", "value": 2}],
        },
    ],
}


def command(payload: dict[str, Any]) -> ApplicationCommand:
    """An ApplicationCommand decoded from JSON, as the REST client would."""
    return models.decode(json.dumps(payload).encode(), ApplicationCommand)


def with_changes(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A deep copy of ``base`` with top-level fields replaced (None removes)."""
    copy: dict[str, Any] = json.loads(json.dumps(base))
    for key, value in changes.items():
        if value is None:
            copy.pop(key, None)
        else:
            copy[key] = value
    return copy


def option_changes(base: dict[str, Any], index: int, **changes: Any) -> dict[str, Any]:
    copy = with_changes(base)
    option = copy["options"][index]
    for key, value in changes.items():
        if value is None:
            option.pop(key, None)
        else:
            option[key] = value
    return copy


def with_nulls(base: dict[str, Any], *keys: str) -> dict[str, Any]:
    """A deep copy of ``base`` with these top-level fields set to an explicit null."""
    return with_changes(base) | dict.fromkeys(keys)


def option_nulls(base: dict[str, Any], index: int, *keys: str) -> dict[str, Any]:
    copy = with_changes(base)
    copy["options"][index] |= dict.fromkeys(keys)
    return copy


def plan(local: dict[str, Any], remote: dict[str, Any], **kwargs: Any) -> Any:
    return plan_sync([command(local)], [command(remote)], **kwargs)


# -- what is ignored, and what counts as equal ---------------------------------------

MENU = {"name": "Quote", "type": 3}
ENTRY = {"name": "launch", "type": 4, "description": "Launch", "handler": 2}

EQUIVALENT = [
    (
        "ignored-fields",
        POLL,
        with_changes(
            POLL,
            id="1",
            application_id="2",
            version="3",
            guild_id="4",
            name_localized="sondage",
            description_localized="Lancer",
            dm_permission=True,
            default_permission=True,
        ),
    ),
    ("handler-outside-entry-points", POLL, with_changes(POLL, handler=1)),
    ("type-missing-is-chat-input", with_changes(POLL, type=None), POLL),
    ("nsfw-missing-is-false", POLL, with_changes(POLL, nsfw=False)),
    (
        "options-missing-is-empty",
        with_changes(POLL, options=None),
        with_changes(POLL, options=[]),
    ),
    ("required-missing-is-false", POLL, option_changes(POLL, 1, required=False)),
    (
        "autocomplete-missing-is-false",
        POLL,
        option_changes(POLL, 0, autocomplete=False),
    ),
    ("choices-missing-is-empty", option_changes(POLL, 0, choices=[]), POLL),
    (
        "localizations-null-is-empty",
        with_changes(POLL, name_localizations={}),
        {**POLL, "name_localizations": None, "description_localizations": None},
    ),
    (
        "permissions-int-or-string",
        with_changes(POLL, default_member_permissions=8),
        with_changes(POLL, default_member_permissions="8"),
    ),
    (
        "permissions-null-is-missing",
        POLL,
        {**POLL, "default_member_permissions": None},
    ),
    ("menu-description-is-empty", MENU, with_changes(MENU, description="")),
    (
        "contexts-are-a-set",
        with_changes(POLL, contexts=[1, 0]),
        with_changes(POLL, contexts=[0, 1]),
    ),
    (
        "contexts-missing-are-all",
        POLL,
        with_changes(POLL, contexts=[2, 0, 1]),
    ),
    (
        "contexts-null-are-all",
        {**POLL, "contexts": None},
        with_changes(POLL, contexts=[0, 1, 2]),
    ),
    (
        "integration-types-missing-are-the-default",
        POLL,
        with_changes(POLL, integration_types=[0]),
    ),
    (
        "integration-types-are-a-set",
        with_changes(POLL, integration_types=[1, 0]),
        with_changes(POLL, integration_types=[0, 1]),
    ),
    (
        "channel-types-are-a-set",
        option_changes(POLL, 0, type=7, channel_types=[5, 0]),
        option_changes(POLL, 0, type=7, channel_types=[0, 5]),
    ),
    (
        "localizations-equal-to-the-default-are-dropped",
        with_changes(POLL, name_localizations={"fr": "sondage", "de": "poll"}),
        with_changes(POLL, name_localizations={"fr": "sondage"}),
    ),
    (
        "option-localizations-equal-to-the-default-are-dropped",
        option_changes(POLL, 0, description_localizations={"fr": "What to ask"}),
        POLL,
    ),
    (
        "number-bounds-int-or-float",
        option_changes(POLL, 1, type=10, min_value=1, max_value=60),
        option_changes(POLL, 1, type=10, min_value=1.0, max_value=60.0),
    ),
    # Discord may answer null for what it leaves unset (reference §5.4).
    ("type-null-is-chat-input", POLL, with_nulls(POLL, "type")),
    ("nsfw-null-is-false", POLL, with_nulls(POLL, "nsfw")),
    (
        "options-null-is-empty",
        with_changes(POLL, options=[]),
        with_nulls(POLL, "options"),
    ),
    (
        "integration-types-null-are-the-default",
        POLL,
        with_nulls(POLL, "integration_types"),
    ),
    (
        "handler-null-outside-entry-points",
        POLL,
        with_nulls(POLL, "handler", "dm_permission", "guild_id"),
    ),
    (
        "option-flags-null-are-false",
        POLL,
        option_nulls(POLL, 1, "required", "autocomplete"),
    ),
    (
        "option-lists-null-are-empty",
        option_changes(POLL, 1, choices=None),
        option_nulls(POLL, 1, "choices", "options", "channel_types"),
    ),
    (
        "option-localizations-null-are-empty",
        POLL,
        option_nulls(POLL, 0, "name_localizations", "description_localizations"),
    ),
    (
        "option-bounds-null-are-unset",
        option_changes(POLL, 1, min_value=None, max_value=None),
        option_nulls(POLL, 1, "min_value", "max_value", "min_length", "max_length"),
    ),
    (
        "choice-localizations-null-are-empty",
        POLL,
        option_changes(
            POLL,
            1,
            choices=[
                {"name": "one", "value": 1, "name_localizations": None},
                {"name": "two", "value": 2, "name_localizations": None},
            ],
        ),
    ),
    (
        "choice-values-int-or-float",
        option_changes(POLL, 1, choices=[{"name": "one", "value": 1}]),
        option_changes(POLL, 1, choices=[{"name": "one", "value": 1.0}]),
    ),
]


@pytest.mark.parametrize(
    ("local", "remote"),
    [(local, remote) for _, local, remote in EQUIVALENT],
    ids=[name for name, _, _ in EQUIVALENT],
)
def test_equivalent_spellings_plan_no_change(
    local: dict[str, Any], remote: dict[str, Any]
) -> None:
    result = plan(local, remote)

    assert not result.has_changes
    assert len(result.unchanged) == 1


def test_a_guild_plan_leaves_out_the_global_only_fields() -> None:
    declared = with_changes(POLL, contexts=[0], integration_types=[0, 1])

    # Discord keeps neither for a guild command (reference §5.1).
    assert plan(declared, POLL).has_changes
    assert not plan(declared, POLL, guild=True).has_changes
    assert plan(with_changes(declared, nsfw=True), POLL, guild=True).updated[
        0
    ].changes == (FieldChange("nsfw", False, True),)


def test_the_default_integration_types_are_a_parameter() -> None:
    user_installable = with_changes(POLL, integration_types=[0, 1])

    assert plan(POLL, user_installable).has_changes
    assert not plan(
        POLL, user_installable, default_integration_types=[1, 0]
    ).has_changes


# -- what differs --------------------------------------------------------------------

DIFFERENT = [
    (
        "description",
        with_changes(POLL, description="Poll"),
        "description",
        "Start a poll",
        "Poll",
    ),
    (
        "option-description",
        option_changes(POLL, 0, description="Ask"),
        "options[0].description",
        "What to ask",
        "Ask",
    ),
    (
        "option-order",
        with_changes(POLL, options=POLL["options"][::-1]),
        "options[0].type",
        3,
        4,
    ),
    (
        "choice-order",
        option_changes(
            POLL,
            1,
            choices=[{"name": "two", "value": 2}, {"name": "one", "value": 1}],
        ),
        "options[1].choices[0].name",
        "one",
        "two",
    ),
    (
        "option-added",
        with_changes(
            POLL,
            options=[
                *POLL["options"],
                {"type": 5, "name": "anonymous", "description": "Hide names"},
            ],
        ),
        "options[2]",
        None,
        {"type": 5, "name": "anonymous"},
    ),
    (
        "required",
        option_changes(POLL, 0, required=None),
        "options[0].required",
        True,
        False,
    ),
    (
        "contexts",
        with_changes(POLL, contexts=[0]),
        "contexts",
        [0, 1, 2],
        [0],
    ),
    (
        "permissions",
        with_changes(POLL, default_member_permissions="0"),
        "default_member_permissions",
        None,
        0,
    ),
    (
        "localization",
        with_changes(POLL, description_localizations={"fr": "Sondage"}),
        "description_localizations.fr",
        None,
        "Sondage",
    ),
    ("nsfw", with_changes(POLL, nsfw=True), "nsfw", False, True),
    (
        "number-bound",
        option_changes(POLL, 1, max_value=61.5),
        "options[1].max_value",
        60,
        61.5,
    ),
]


@pytest.mark.parametrize(
    ("local", "path", "old", "new"),
    [case[1:] for case in DIFFERENT],
    ids=[case[0] for case in DIFFERENT],
)
def test_a_difference_is_reported_with_its_path(
    local: dict[str, Any], path: str, old: object, new: object
) -> None:
    result = plan(local, POLL)

    (update,) = result.updated
    change = update.changes[0]
    assert change.path == path
    assert change.old == old
    if isinstance(new, dict):
        assert isinstance(change.new, dict)
        assert new.items() <= change.new.items()
    else:
        assert change.new == new


def test_handler_counts_on_entry_point_commands() -> None:
    result = plan(with_changes(ENTRY, handler=1), ENTRY)

    assert result.updated[0].changes == (FieldChange("handler", 2, 1),)


def test_commands_match_by_type_and_name() -> None:
    remote = [
        command({"name": "info", "type": 1, "description": "Info", "id": "10"}),
        command({"name": "gone", "type": 1, "description": "Gone", "id": "11"}),
    ]
    local = [command({"name": "info", "type": 2}), command(POLL)]

    result = plan_sync(local, remote)

    assert [c.name for c in result.created] == ["info", "poll"]
    assert [(c.name, c.id) for c in result.deleted] == [("info", 10), ("gone", 11)]
    assert result.has_changes


def test_duplicate_local_commands_are_refused() -> None:
    with pytest.raises(
        DeclarationError, match="two local commands are /poll; names are unique"
    ):
        plan_sync([command(POLL), command(POLL)], [])


def test_a_duplicate_remote_command_is_deleted() -> None:
    twice = [command({**POLL, "id": "1"}), command({**POLL, "id": "2"})]

    result = plan_sync([command(POLL)], twice)

    assert [c.id for c in result.deleted] == [2]
    assert len(result.unchanged) == 1


# -- rendering -----------------------------------------------------------------------


def test_a_plan_renders_for_a_terminal() -> None:
    local = [
        command(option_changes(POLL, 0, description="Ask")),
        command({"name": "Quote", "type": 3}),
        command({"name": "help", "type": 1, "description": "Help"}),
    ]
    remote = [
        command({**POLL, "id": "1"}),
        command({"name": "help", "type": 1, "description": "Help", "id": "2"}),
        command({"name": "Ban", "type": 2, "id": "3"}),
    ]

    assert str(plan_sync(local, remote)) == "\n".join(
        [
            "Sync plan: 1 to create, 1 to update, 1 to delete, 1 unchanged",
            "  + message command 'Quote'",
            "  ~ /poll",
            "      options[0].description: 'What to ask' -> 'Ask'",
            "  - user command 'Ban'",
        ]
    )


def test_an_empty_plan_renders_as_up_to_date() -> None:
    assert plan(POLL, POLL).render() == "No changes: 1 commands up to date."


def test_added_and_removed_options_render_by_name() -> None:
    change = FieldChange("options[2]", None, {"name": "anonymous", "type": 5})

    assert str(change) == "options[2]: (none) -> {name: 'anonymous', ...}"


# -- round trip ----------------------------------------------------------------------


async def poll(
    ctx: object,
    question: Annotated[
        str, Option(description="What to ask", name_localizations={"fr": "question"})
    ],
    minutes: Annotated[float, Range(1, 60)] = 10,
    style: Literal["bars", "pie"] = "bars",
    channel: Annotated[
        models.PartialChannel,
        ChannelTypes(ChannelType.GUILD_TEXT, ChannelType.GUILD_ANNOUNCEMENT),
    ]
    | None = None,
    color: Annotated[str, Choice("Red", "r", name_localizations={"fr": "Rouge"})]
    | None = None,
) -> None:
    """Start a poll."""


async def search(ctx: object, query: str) -> None:
    """Search."""


async def ban(ctx: object, target: Member) -> None: ...


async def quote(ctx: object, message: Message) -> None: ...


def declared() -> CommandRegistry:
    registry = CommandRegistry()
    registry.add(
        SlashCommand(
            poll,
            description_localizations={"fr": "Lancer un sondage."},
            default_member_permissions=0,
            contexts=[0, 1],
            integration_types=[0, 1],
        )
    )
    config = registry.add(Group("config", "Settings", nsfw=True))
    config.command(search)
    config.group("admin", "Admin settings").command(name="find")(search)
    registry.add(UserCommand(ban, name="Ban User"))
    registry.add(MessageCommand(quote, name="Quote"))
    registry.add(SlashCommand(search)).set_autocomplete("query", search)
    return registry


def as_discord_returns(model: ApplicationCommand, index: int) -> ApplicationCommand:
    """What Discord answers after a bulk overwrite: ids set, strings for numbers."""
    payload = msgspec.json.decode(models.encode(model))
    payload.update(
        id=str(1000 + index),
        application_id="775799577604522054",
        version=str(2000 + index),
        dm_permission=True,
        name_localized=None,
        description=payload.get("description", ""),
        contexts=payload.get("contexts", [0, 1, 2]),
        integration_types=payload.get("integration_types", [0]),
        nsfw=payload.get("nsfw", False),
    )
    return command(payload)


def test_identical_declarations_plan_nothing() -> None:
    local = declared().to_models()
    remote = [as_discord_returns(m, i) for i, m in enumerate(local)]

    result = plan_sync(local, remote)

    assert not result.has_changes, result.render()
    assert len(result.unchanged) == 5
