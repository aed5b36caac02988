"""What ``to_model()`` sends, checked against Discord's OpenAPI spec."""

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
from ikit.models import (
    Attachment,
    ChannelType,
    Member,
    Message,
    PartialChannel,
    Permissions,
    Role,
    User,
)
from tests.openapi import check_keys, validate

SCHEMAS = ["ApplicationCommandCreateRequest", "ApplicationCommandUpdateRequest"]


class Size(enum.Enum):
    small = "s"
    large = "l"


async def everything(
    ctx: object,
    text: Annotated[
        str,
        Length(2, 100),
        Option(
            description="Some text",
            name_localizations={"fr": "texte"},
            description_localizations={"fr": "Du texte"},
        ),
    ],
    count: Annotated[int, Range(-5, 5)],
    ratio: Annotated[float, Range(0.5, 2.5)],
    flag: bool,
    user: User,
    member: Member,
    role: Role,
    channel: Annotated[PartialChannel, ChannelTypes(ChannelType.GUILD_TEXT)],
    mention: Mentionable,
    file: Attachment,
    mode: Literal["fast", "slow"],
    size: Size,
    level: Literal[1, 2, 3],
    scale: Annotated[float, Choice("Half", 0.5, name_localizations={"fr": "Moitié"})],
    query: str | None = None,
) -> None:
    """Take one of every option type."""


async def search(ctx: object, query: str) -> None:
    """Search."""


async def ban(ctx: object, target: Member) -> None: ...


async def quote(ctx: object, message: Message) -> None: ...


def commands() -> dict[str, Any]:
    full = SlashCommand(
        everything,
        name_localizations={"fr": "tout"},
        description_localizations={"fr": "Un de chaque"},
        default_member_permissions=Permissions.MANAGE_GUILD,
        contexts=[0, 1, 2],
        integration_types=[0, 1],
        nsfw=True,
    )
    full.set_autocomplete("query", search)
    config = Group("config", "Settings", default_member_permissions=0)
    config.command(search)
    config.group("admin", "Admin settings").command(name="find")(search)
    return {
        "every-option": full,
        "group": config,
        "user": UserCommand(ban, name="Ban User", contexts=[0]),
        "message": MessageCommand(quote, name="Quote"),
    }


COMMANDS = commands()


def body(command: Any) -> dict[str, Any]:
    payload: dict[str, Any] = msgspec.json.decode(models.encode(command.to_model()))
    permissions = payload.get("default_member_permissions")
    if permissions is not None:
        # ikit sends the docs' string; the spec types the request field as an int
        # (tests/openapi.py, README: the API accepts both).
        payload["default_member_permissions"] = int(permissions)
    return payload


@pytest.mark.parametrize("schema", SCHEMAS)
@pytest.mark.parametrize("command", COMMANDS.values(), ids=list(COMMANDS))
def test_commands_match_the_request_schema(command: Any, schema: str) -> None:
    payload = body(command)

    validate(payload, schema)
    # The docs document `nsfw` on commands and the spec's response schema has it,
    # but its request schemas leave it out.
    check_keys({k: v for k, v in payload.items() if k != "nsfw"}, schema)


def test_nsfw_is_a_field_discord_returns() -> None:
    check_keys(body(COMMANDS["every-option"]), "ApplicationCommandResponse")
