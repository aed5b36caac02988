"""Application commands: slash, user, message and entry-point commands.

Limits (checked by :mod:`ikit.commands` when declared): names 1-32 characters matching
Discord's pattern, lowercase for slash commands; descriptions 1-100; 25 options; 25
choices; 8000 characters across a command; 100 slash, 15 user and 15 message commands.
"""

from __future__ import annotations

from ikit.models._base import Model, Snowflake
from ikit.models.enums import (
    ApplicationCommandOptionType,
    ApplicationCommandType,
    ApplicationIntegrationType,
    ChannelType,
    EntryPointCommandHandlerType,
    InteractionContextType,
)
from ikit.models.flags import PermissionSet

__all__ = [
    "ApplicationCommand",
    "ApplicationCommandOption",
    "ApplicationCommandOptionChoice",
]


class ApplicationCommandOptionChoice(Model, kw_only=True):
    """A fixed choice of an option, or an autocomplete suggestion."""

    name: str
    """1-100 characters."""
    value: str | int | float
    """A string (at most 100 characters) or a number, matching the option's type."""
    name_localizations: dict[str, str] | None = None


class ApplicationCommandOption(Model, kw_only=True):
    """An option, a subcommand or a subcommand group of a slash command."""

    type: ApplicationCommandOptionType
    name: str
    """1-32 characters, lowercase, unique among its siblings."""
    description: str
    """1-100 characters."""
    name_localizations: dict[str, str] | None = None
    description_localizations: dict[str, str] | None = None
    required: bool | None = None
    """Required options come before optional ones; never set on subcommands."""
    choices: list[ApplicationCommandOptionChoice] | None = None
    """At most 25; not with ``autocomplete``."""
    options: list[ApplicationCommandOption] | None = None
    """The subcommands of a group, or the options of a subcommand (at most 25)."""
    channel_types: list[ChannelType] | None = None
    min_value: int | float | None = None
    max_value: int | float | None = None
    min_length: int | None = None
    """0-6000."""
    max_length: int | None = None
    """1-6000."""
    autocomplete: bool | None = None
    file_types: list[str] | None = None


class ApplicationCommand(Model, kw_only=True):
    """A command as declared by the app or as Discord returns it."""

    name: str
    """1-32 characters."""
    type: ApplicationCommandType | None = None
    """CHAT_INPUT when left out."""
    description: str = ""
    """1-100 characters for slash commands; empty for user and message commands."""
    id: Snowflake | None = None
    application_id: Snowflake | None = None
    guild_id: Snowflake | None = None
    version: Snowflake | None = None
    name_localizations: dict[str, str] | None = None
    description_localizations: dict[str, str] | None = None
    options: list[ApplicationCommandOption] | None = None
    default_member_permissions: PermissionSet | None = None
    """Who may use the command by default: None for everyone, 0 for admins only."""
    dm_permission: bool | None = None
    """Deprecated: use ``contexts``."""
    nsfw: bool | None = None
    integration_types: list[ApplicationIntegrationType] | None = None
    contexts: list[InteractionContextType] | None = None
    handler: EntryPointCommandHandlerType | None = None
