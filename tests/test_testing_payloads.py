"""ikit.testing.payloads: every payload decodes with ikit's models and has the shape
of the matching example from Discord's docs (../shared/discord-payloads/received)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ikit import models
from ikit.models import (
    ApplicationIntegrationType,
    ComponentType,
    InteractionContextType,
)
from ikit.testing import payloads as p
from tests.shared import PAYLOADS, load_json, require

Factory = Callable[[], p.Payload]

#: One payload per example file, built the way a test would build it.
CASES: dict[str, Factory] = {
    "application_command_chat_input": lambda: p.slash_command(
        "cardsearch", p.option("cardname", "The Gitrog Monster")
    ),
    "application_command_user": lambda: p.user_command(
        "context-menu-user-2", p.user(id=809850198683418695, bot=True)
    ),
    "application_command_message": lambda: p.message_command(
        "context-menu-message-2", p.message(author=p.user(), content="some message")
    ),
    "autocomplete_partial": lambda: p.autocomplete(
        "airhorn", p.option("variant", "data a user is typ", focused=True)
    ),
    "component_button_partial": lambda: p.button_click("click_me"),
    "component_string_select_partial": lambda: p.select_choice(
        "favorite_bug", ["butterfly"]
    ),
    "component_user_select_partial": lambda: p.select_choice(
        "user_select", [p.user(id=7, bot=True)], type=ComponentType.USER_SELECT
    ),
    "component_role_select_partial": lambda: p.select_choice(
        "role_ids", [p.role(name="Developer")], type=ComponentType.ROLE_SELECT
    ),
    "component_mentionable_select_partial": lambda: p.select_choice(
        "who_to_ping",
        [p.user(id=7, bot=True), p.role()],
        type=ComponentType.MENTIONABLE_SELECT,
    ),
    "component_channel_select_partial": lambda: p.select_choice(
        "notification_channel", [p.channel(id=8)], type=ComponentType.CHANNEL_SELECT
    ),
    "modal_submit_channel_select_partial": lambda: p.modal_submit(
        "channel_modal",
        p.submitted_select(
            "channel_selected", [p.channel(id=9)], type=ComponentType.CHANNEL_SELECT
        ),
    ),
    "modal_submit_checkbox_group_partial": lambda: p.modal_submit(
        "day_selection_modal",
        p.submitted_checkbox_group("event_checkbox", ["march-5", "march-10"]),
    ),
    "modal_submit_checkbox_partial": lambda: p.modal_submit(
        "secret_note_modal", p.submitted_checkbox("like_checkbox", True)
    ),
    "modal_submit_file_upload_partial": lambda: p.modal_submit(
        "bug_submit_modal", p.submitted_file_upload("file_upload", [p.attachment()])
    ),
    "modal_submit_mentionable_select_partial": lambda: p.modal_submit(
        "mentionable_modal",
        p.submitted_select(
            "mentionables_selected", [p.role()], type=ComponentType.MENTIONABLE_SELECT
        ),
    ),
    "modal_submit_radio_group_partial": lambda: p.modal_submit(
        "class_selection_modal", p.submitted_radio_group("class_radio", "warrior")
    ),
    "modal_submit_role_select_partial": lambda: p.modal_submit(
        "role_modal",
        p.submitted_select(
            "roles_selected", [p.role(), p.role()], type=ComponentType.ROLE_SELECT
        ),
    ),
    "modal_submit_string_select_partial": lambda: p.modal_submit(
        "bug_modal", p.submitted_select("favorite_bug", ["butterfly"])
    ),
    "modal_submit_text_input_partial": lambda: p.modal_submit(
        "game_feedback_modal", p.submitted_text_input("game_feedback", "Better.")
    ),
    "modal_submit_user_select_partial": lambda: p.modal_submit(
        "user_modal",
        p.submitted_select(
            "user_selected", [p.user(id=11)], type=ComponentType.USER_SELECT
        ),
    ),
}

# Where the examples and today's Discord differ, and why a difference is allowed:
#: The envelope fields the three full examples (2020-2021) lack although Discord now
#: always sends them (../shared/discord-payloads/README.md).
ENVELOPE = frozenset(
    {
        "application_id",
        "version",
        "entitlements",
        "authorizing_integration_owners",
        "context",
        "attachment_size_limit",
        "channel",
        "guild",
    }
)
#: User and member fields newer than those examples; the 2025 examples carry them.
NEWER = frozenset(
    {
        "global_name",
        "avatar_decoration_data",
        "collectibles",
        "display_name_styles",
        "clan",
        "primary_guild",
        "avatar",
        "banner",
        "communication_disabled_until",
        "flags",
        "unusual_dm_activity_until",
    }
)
#: A member field only the 2020-2021 examples have; the 2025 ones no longer do.
RETIRED = frozenset({"is_pending"})
#: The docs' component data carries the component's numeric id, except in this one
#: example (the README notes it).
DATA_ID = {"component_string_select_partial": "data.id"}


def shape_differences(ours: Any, theirs: Any, path: str = "") -> list[str]:
    """Keys missing or extra at every level, and JSON types that differ."""
    if isinstance(theirs, dict) and isinstance(ours, dict):
        if theirs and all(key.isdigit() for key in theirs):  # a map keyed by ids
            return [
                problem
                for their_value in theirs.values()
                for our_value in ours.values()
                for problem in shape_differences(our_value, their_value, path + ".<id>")
            ]
        missing = [f"missing {path}.{k}" for k in theirs if k not in ours]
        extra = [f"extra {path}.{k}" for k in ours if k not in theirs]
        nested = [
            problem
            for key in theirs.keys() & ours.keys()
            for problem in shape_differences(ours[key], theirs[key], f"{path}.{key}")
        ]
        return missing + extra + nested
    if isinstance(theirs, list) and isinstance(ours, list):
        return [
            problem
            for our_item, their_item in zip(ours, theirs, strict=False)
            for problem in shape_differences(our_item, their_item, path + "[]")
        ]
    if theirs is None or ours is None or _json_type(ours) == _json_type(theirs):
        return []
    return [f"type {path}: {_json_type(ours)}, Discord's is {_json_type(theirs)}"]


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


def _allowed(name: str, problem: str) -> bool:
    kind, _, where = problem.partition(" .")
    key = where.rsplit(".", 1)[-1]
    if kind == "extra" and "." not in where:
        return name.endswith("_partial") or key in ENVELOPE
    if kind == "extra" and not name.endswith("_partial") and key in NEWER:
        return True
    if kind == "missing" and key in RETIRED:
        return True
    return DATA_ID.get(name) == where


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_payload_has_the_shape_of_discords_example(name: str) -> None:
    theirs = load_json(require(PAYLOADS / "received" / f"{name}.json"))
    ours = CASES[name]()

    problems = [x for x in shape_differences(ours, theirs) if not _allowed(name, x)]

    assert problems == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_payload_decodes_with_the_models(name: str) -> None:
    payload = CASES[name]()

    interaction = models.decode_interaction(models.encode(payload))

    assert int(interaction.type) == payload["type"]
    assert interaction.token == payload["token"]
    assert interaction.author is not None


def test_every_example_has_a_case() -> None:
    folder = require(PAYLOADS / "received")

    assert sorted(path.stem for path in folder.glob("*.json")) == sorted(CASES)


def test_the_shape_check_sees_missing_extra_and_retyped_keys() -> None:
    ours = {"a": {"b": 1}, "c": "1", "d": True}
    theirs = {"a": {"b": 1, "e": 2}, "c": 1, "f": None}

    assert sorted(shape_differences(ours, theirs)) == [
        "extra .d",
        "missing .a.e",
        "missing .f",
        "type .c: str, Discord's is number",
    ]


# -- the defaults, and what the factories put where ------------------------------------


def _decode(payload: p.Payload) -> models.Interaction:
    return models.decode_interaction(models.encode(payload))


def test_the_default_envelope_is_a_member_in_a_guild_channel() -> None:
    interaction = _decode(p.slash_command("hello"))

    assert interaction.guild_id == p.GUILD_ID
    assert interaction.guild is not None
    assert interaction.member is not None
    assert interaction.author is not None
    assert interaction.author.id == p.USER_ID
    assert interaction.channel is not None
    assert interaction.channel.type is models.ChannelType.GUILD_TEXT
    assert interaction.locale == "en-US"
    assert interaction.app_permissions == p.APP_PERMISSIONS
    assert interaction.entitlements == []
    assert interaction.authorizing_integration_owners == {
        ApplicationIntegrationType.GUILD_INSTALL: p.GUILD_ID
    }
    assert interaction.context is InteractionContextType.GUILD
    assert interaction.attachment_size_limit == 10 * 1024 * 1024


def test_a_dm_has_a_user_and_no_guild() -> None:
    interaction = _decode(p.slash_command("hello", envelope=p.Envelope().dm()))

    assert interaction.member is None
    assert interaction.user is not None
    assert interaction.guild_id is None
    assert interaction.channel_id == p.DM_CHANNEL_ID
    assert interaction.context is InteractionContextType.BOT_DM
    assert interaction.authorizing_integration_owners == {
        ApplicationIntegrationType.GUILD_INSTALL: 0
    }


def test_a_user_installed_app_is_recognised() -> None:
    envelope = p.Envelope(entitlements=[p.entitlement(sku_id=5)]).user_installed()

    interaction = _decode(p.slash_command("hello", envelope=envelope))

    assert interaction.is_user_install_only
    assert interaction.entitlements[0].sku_id == 5


def test_options_of_every_type_carry_their_resolved_objects() -> None:
    payload = p.slash_command(
        "every",
        p.option("text", "x"),
        p.option("count", 3),
        p.option("flag", True),
        p.option("ratio", 1.5),
        p.option("who", p.user(id=21)),
        p.option("where", p.channel(id=22)),
        p.option("role", p.role(id=23)),
        p.option(
            "anyone", p.role(id=24), models.ApplicationCommandOptionType.MENTIONABLE
        ),
        p.option("file", p.attachment("a.txt", id=25)),
    )

    interaction = _decode(payload)

    assert isinstance(interaction, models.ApplicationCommandInteraction)
    values = {o.name: o.value for o in interaction.data.leaf_options()}
    assert values == {
        "text": "x",
        "count": 3,
        "flag": True,
        "ratio": 1.5,
        "who": "21",
        "where": "22",
        "role": "23",
        "anyone": "24",
        "file": "25",
    }
    resolved = interaction.data.resolved
    assert resolved is not None
    assert set(resolved.users) == set(resolved.members) == {21}
    assert set(resolved.channels) == {22}
    assert set(resolved.roles) == {23, 24}
    assert resolved.attachments[25].content_type == "text/plain; charset=utf-8"


def test_a_subcommand_group_nests_the_options() -> None:
    payload = p.slash_command(
        "config", p.subcommand_group("set", p.subcommand("color", p.option("v", "red")))
    )

    interaction = _decode(payload)

    assert isinstance(interaction, models.ApplicationCommandInteraction)
    assert interaction.data.path() == ("config", "set", "color")
    assert [o.value for o in interaction.data.leaf_options()] == ["red"]


def test_autocomplete_marks_the_focused_option() -> None:
    payload = p.autocomplete(
        "pick", p.option("a", 1), p.option("b", "ap", focused=True)
    )

    interaction = _decode(payload)

    assert isinstance(interaction, models.AutocompleteInteraction)
    focused = interaction.data.focused_option()
    assert focused is not None
    assert (focused.name, focused.value) == ("b", "ap")


def test_a_modal_submit_holds_a_value_for_every_input_type() -> None:
    payload = p.modal_submit(
        "form",
        p.submitted_text_display(),
        p.submitted_text_input("text", "hi"),
        p.submitted_select("pick", ["a"]),
        p.submitted_select("who", [31], type=ComponentType.USER_SELECT),
        p.submitted_select("roles", [32], type=ComponentType.ROLE_SELECT),
        p.submitted_select("any", [33], type=ComponentType.MENTIONABLE_SELECT),
        p.submitted_select("where", [34], type=ComponentType.CHANNEL_SELECT),
        p.submitted_file_upload("files", [35]),
        p.submitted_radio_group("one", "r"),
        p.submitted_checkbox_group("many", ["x", "y"]),
        p.submitted_checkbox("ok", True),
    )

    interaction = _decode(payload)

    assert isinstance(interaction, models.ModalSubmitInteraction)
    assert interaction.data.values() == {
        "text": "hi",
        "pick": ["a"],
        "who": ["31"],
        "roles": ["32"],
        "any": ["33"],
        "where": ["34"],
        "files": ["35"],
        "one": "r",
        "many": ["x", "y"],
        "ok": True,
    }
    resolved = interaction.data.resolved
    assert resolved is not None
    assert set(resolved.attachments) == {35}
    assert set(resolved.users) == {31, 33}


def test_a_ping_decodes() -> None:
    assert isinstance(_decode(p.ping()), models.PingInteraction)


def test_ids_are_unique_and_tell_their_time() -> None:
    ids = [p.snowflake(at=1_700_000_000) for _ in range(1000)]

    assert len(set(ids)) == 1000
    assert models.Snowflake(ids[0]).timestamp_ms == 1_700_000_000_000
