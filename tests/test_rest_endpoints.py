"""Each endpoint method: the request it makes, the type it returns.

Where Discord's OpenAPI spec describes the request body, what the client sent is
validated against it (skipped when ../shared is absent).
"""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from ikit.models import (
    ActionRow,
    AllowedMentions,
    Application,
    ApplicationCommand,
    ApplicationCommandOption,
    ApplicationCommandOptionType,
    ApplicationEdit,
    ApplicationFlags,
    ApplicationInstallParams,
    ApplicationIntegrationType,
    ApplicationIntegrationTypeConfig,
    Button,
    ButtonStyle,
    DeferredMessageResponse,
    Embed,
    EmbedField,
    InteractionCallbackResponse,
    Member,
    Message,
    MessageEdit,
    MessageFlags,
    MessagePayload,
    MessageResponse,
    PartialChannel,
    Permissions,
    Role,
    encode,
)
from tests.fake_rest import APPLICATION_ID, FakeDiscord, Recorded, rest_client
from tests.openapi import check_keys, schema, validate, validate_request
from tests.shared import SPEC_FILE

GUILD_ID = 400000000000000004
RICH = MessagePayload(
    content="Pick one",
    embeds=[Embed(title="Poll", fields=[EmbedField(name="Q", value="Tea or coffee?")])],
    allowed_mentions=AllowedMentions(parse=[]),
    components=[
        ActionRow(
            components=[
                Button(style=ButtonStyle.PRIMARY, label="Tea", custom_id="vote/tea"),
                Button(
                    style=ButtonStyle.SECONDARY, label="Coffee", custom_id="vote/coffee"
                ),
            ]
        )
    ],
    flags=MessageFlags.EPHEMERAL,
)
PING = ApplicationCommand(name="ping", description="Check the bot is alive")
ECHO = ApplicationCommand(
    name="echo",
    description="Say it back",
    options=[
        ApplicationCommandOption(
            type=ApplicationCommandOptionType.STRING,
            name="text",
            description="What to say",
            required=True,
        )
    ],
)


# -- checking bodies against the spec --------------------------------------------------


def test_the_spec_check_catches_a_bad_body() -> None:
    if not SPEC_FILE.exists():
        pytest.skip(f"Discord reference material not found at {SPEC_FILE}")

    bad = Recorded(
        method="POST",
        path="/channels/1/messages",
        query={},
        headers={"content-type": "application/json"},
        body=b'{"embeds": [' + b",".join([b"{}"] * 11) + b"]}",
        time=0.0,
        route="POST /channels/{channel_id}/messages",
    )
    with pytest.raises(AssertionError, match=r"is too long at \$\.embeds"):
        validate_request(bad)


# -- interactions ----------------------------------------------------------------------


@pytest.mark.anyio
async def test_interaction_response_and_original() -> None:
    fake = FakeDiscord()
    async with rest_client(fake) as rest:
        await rest.create_interaction_response(7, "tok", DeferredMessageResponse())
        full = await rest.create_interaction_response(
            8, "tok", MessageResponse(data=RICH), with_response=True
        )
        original = await rest.get_original_response(APPLICATION_ID, "tok")
        edited = await rest.edit_original_response(
            APPLICATION_ID, "tok", MessageEdit(content="done", embeds=None)
        )
        await rest.delete_original_response(APPLICATION_ID, "tok")

    assert isinstance(full, InteractionCallbackResponse)
    assert full.interaction.id == 8
    assert isinstance(original, Message)
    assert edited.content == "done"
    callback, callback_with, get, edit, delete = fake.requests
    assert (callback.path, callback.query, callback.json()) == (
        "/interactions/7/tok/callback",
        {},
        {"type": 5},
    )
    assert callback_with.query == {"with_response": ["true"]}
    assert (get.method, get.path) == (
        "GET",
        f"/webhooks/{APPLICATION_ID}/tok/messages/@original",
    )
    assert edit.json() == {"content": "done", "embeds": None}
    assert (delete.method, delete.path) == ("DELETE", get.path)
    for request in (callback, callback_with, edit):
        validate_request(request)


@pytest.mark.anyio
async def test_followups() -> None:
    fake = FakeDiscord()
    async with rest_client(fake) as rest:
        created = await rest.create_followup(APPLICATION_ID, "tok", RICH)
        fetched = await rest.get_followup(APPLICATION_ID, "tok", created.id)
        edited = await rest.edit_followup(
            APPLICATION_ID, "tok", created.id, MessageEdit(content="changed")
        )
        await rest.delete_followup(APPLICATION_ID, "tok", created.id)

    assert fetched == created
    assert edited.content == "changed"
    assert created.components  # the fake echoes them; they decode
    create, _, edit, _ = fake.requests
    base = f"/webhooks/{APPLICATION_ID}/tok"
    assert [(r.method, r.path) for r in fake.requests] == [
        ("POST", base),
        ("GET", f"{base}/messages/{created.id}"),
        ("PATCH", f"{base}/messages/{created.id}"),
        ("DELETE", f"{base}/messages/{created.id}"),
    ]
    assert create.json()["flags"] == 64
    assert create.json()["components"][0]["components"][0] == {
        "type": 2,
        "style": 1,
        "label": "Tea",
        "custom_id": "vote/tea",
    }
    validate_request(create)
    validate_request(edit)


# -- commands --------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("guild_id", [None, GUILD_ID], ids=["global", "guild"])
async def test_commands(guild_id: int | None) -> None:
    fake = FakeDiscord()
    async with rest_client(fake) as rest:
        overwritten = await rest.bulk_overwrite_commands(
            APPLICATION_ID, [PING, ECHO], guild_id=guild_id
        )
        listed = await rest.get_commands(
            APPLICATION_ID, guild_id=guild_id, with_localizations=True
        )
        created = await rest.create_command(
            APPLICATION_ID,
            ApplicationCommand(name="ping", description="New words"),
            guild_id=guild_id,
        )
        echo_id = overwritten[1].id
        assert echo_id is not None
        edited = await rest.edit_command(
            APPLICATION_ID,
            echo_id,
            ApplicationCommand(name="echo", description="Repeat it"),
            guild_id=guild_id,
        )
        await rest.delete_command(APPLICATION_ID, echo_id, guild_id=guild_id)
        remaining = await rest.get_commands(APPLICATION_ID, guild_id=guild_id)

    base = f"/applications/{APPLICATION_ID}" + (
        f"/guilds/{guild_id}" if guild_id else ""
    )
    put, get, post, patch, delete, _ = fake.requests
    assert [c.name for c in listed] == ["ping", "echo"]
    assert listed[1].options == ECHO.options
    assert created.id == overwritten[0].id  # an upsert by name
    assert edited.description == "Repeat it"
    assert [c.name for c in remaining] == ["ping"]
    assert (put.method, put.path) == ("PUT", f"{base}/commands")
    assert get.query == {"with_localizations": ["true"]}
    assert (patch.path, patch.json()) == (
        f"{base}/commands/{echo_id}",
        {"name": "echo", "description": "Repeat it"},
    )
    assert edited.options == ECHO.options  # what the edit left out is kept
    assert (delete.method, delete.path) == ("DELETE", patch.path)
    assert (guild_id is None) == all(c.guild_id is None for c in listed)
    for request in (put, post, patch):
        validate_request(request)


# -- everything else -------------------------------------------------------------------


@pytest.mark.anyio
async def test_channel_messages() -> None:
    fake = FakeDiscord()
    async with rest_client(fake) as rest:
        created = await rest.create_message(9, RICH)
        fetched = await rest.get_message(9, created.id)
        edited = await rest.edit_message(9, created.id, MessageEdit(content="edited"))
        await rest.delete_message(9, created.id)

    assert fetched == created
    assert (edited.id, edited.content) == (created.id, "edited")
    assert [(r.method, r.path) for r in fake.requests] == [
        ("POST", "/channels/9/messages"),
        ("GET", f"/channels/9/messages/{created.id}"),
        ("PATCH", f"/channels/9/messages/{created.id}"),
        ("DELETE", f"/channels/9/messages/{created.id}"),
    ]
    validate_request(fake.requests[0])
    validate_request(fake.requests[2])


@pytest.mark.anyio
async def test_dm_member_roles() -> None:
    fake = FakeDiscord()
    async with rest_client(fake) as rest:
        dm = await rest.create_dm(500000000000000005)
        member = await rest.get_member(GUILD_ID, 600000000000000006)
        roles = await rest.get_roles(GUILD_ID)

    assert isinstance(dm, PartialChannel)
    assert dm.recipients is not None
    assert dm.recipients[0].id == 500000000000000005
    assert isinstance(member, Member)
    assert member.user is not None
    assert member.user.id == 600000000000000006
    assert all(isinstance(role, Role) for role in roles)
    assert roles[0].id == GUILD_ID
    assert fake.requests[0].json() == {"recipient_id": "500000000000000005"}
    validate_request(fake.requests[0])


@pytest.mark.anyio
async def test_current_application() -> None:
    fake = FakeDiscord()
    install = ApplicationInstallParams(
        scopes=["applications.commands", "bot"],
        permissions=Permissions.SEND_MESSAGES | Permissions.EMBED_LINKS,
    )
    edit = ApplicationEdit(
        description="Polls for your server",
        interactions_endpoint_url="https://bot.example/interactions",
        tags=["polls", "utility"],
        flags=ApplicationFlags.GATEWAY_MESSAGE_CONTENT_LIMITED,
        custom_install_url=None,
        install_params=install,
        integration_types_config={
            ApplicationIntegrationType.GUILD_INSTALL: ApplicationIntegrationTypeConfig(
                oauth2_install_params=install
            )
        },
    )
    async with rest_client(fake) as rest:
        before = await rest.get_current_application()
        after = await rest.edit_current_application(edit)

    assert isinstance(before, Application)
    assert (before.id, before.name) == (APPLICATION_ID, "ikit test app")
    assert before.bot_public is True
    assert before.bot is not None
    assert before.bot.bot is True
    assert before.flags == ApplicationFlags.APPLICATION_COMMAND_BADGE
    assert before.install_params is not None
    assert before.install_params.permissions == Permissions.SEND_MESSAGES
    assert before.integration_types_config is not None
    assert set(before.integration_types_config) == {0, 1}
    assert before.approximate_guild_count == 3
    assert before.interactions_endpoint_url is None
    assert after.description == "Polls for your server"
    assert after.interactions_endpoint_url == "https://bot.example/interactions"
    assert after.tags == ["polls", "utility"]
    patch = fake.requests[1]
    # Unset fields are left out; None is sent, to clear the field.
    assert patch.json() == {
        "description": "Polls for your server",
        "flags": 1 << 19,
        "tags": ["polls", "utility"],
        "interactions_endpoint_url": "https://bot.example/interactions",
        "custom_install_url": None,
        "install_params": {
            "scopes": ["applications.commands", "bot"],
            "permissions": "18432",
        },
        "integration_types_config": {
            "0": {
                "oauth2_install_params": {
                    "scopes": ["applications.commands", "bot"],
                    "permissions": "18432",
                }
            }
        },
    }
    validate_request(patch)
    check_keys(patch.json(), "ApplicationFormPartial")


def test_an_empty_application_edit_sends_an_empty_object() -> None:
    assert encode(ApplicationEdit()) == b"{}"


@pytest.mark.parametrize(
    ("struct", "schema_name"),
    [
        pytest.param(Application, "PrivateApplicationResponse", id="application"),
        pytest.param(ApplicationEdit, "ApplicationFormPartial", id="edit"),
        pytest.param(
            ApplicationInstallParams,
            "ApplicationOAuth2InstallParamsResponse",
            id="install-params",
        ),
    ],
)
def test_the_application_structs_name_the_specs_fields(
    struct: type[Any], schema_name: str
) -> None:
    if not SPEC_FILE.exists():
        pytest.skip(f"Discord reference material not found at {SPEC_FILE}")

    names = {field.encode_name for field in msgspec.structs.fields(struct)}

    assert names <= set(schema(schema_name)["properties"])


def test_the_fakes_application_is_what_discord_returns() -> None:
    if not SPEC_FILE.exists():
        pytest.skip(f"Discord reference material not found at {SPEC_FILE}")

    validate(FakeDiscord().application, "PrivateApplicationResponse")
