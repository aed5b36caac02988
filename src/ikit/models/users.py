"""Users, guild members, roles, partial guilds and channels, entitlements."""

from __future__ import annotations

from datetime import datetime

from ikit.models._base import Model, Snowflake
from ikit.models.enums import ChannelType, EntitlementType
from ikit.models.flags import PermissionSet, UserFlags

__all__ = [
    "AvatarDecorationData",
    "Collectibles",
    "Entitlement",
    "Member",
    "Nameplate",
    "PartialChannel",
    "PartialGuild",
    "Role",
    "RoleColors",
    "RoleTags",
    "ThreadMetadata",
    "User",
    "UserPrimaryGuild",
]


class AvatarDecorationData(Model, kw_only=True):
    asset: str
    sku_id: Snowflake | None = None


class Nameplate(Model, kw_only=True):
    """The background shown behind a user's name in member lists."""

    sku_id: Snowflake
    asset: str
    label: str = ""
    palette: str | None = None
    """``crimson``, ``berry``, ``sky``, ... (see Discord's docs)."""


class Collectibles(Model, kw_only=True):
    """The collectibles a user has, avatar decorations aside."""

    nameplate: Nameplate | None = None


class UserPrimaryGuild(Model, kw_only=True):
    """The guild whose server tag a user shows next to their name."""

    identity_guild_id: Snowflake | None = None
    identity_enabled: bool | None = None
    tag: str | None = None
    """At most 4 characters."""
    badge: str | None = None


class User(Model, kw_only=True):
    """A Discord user."""

    id: Snowflake
    username: str
    discriminator: str = "0"
    """``"0"`` for users that have migrated to unique usernames."""
    global_name: str | None = None
    avatar: str | None = None
    bot: bool | None = None
    system: bool | None = None
    public_flags: UserFlags | None = None
    banner: str | None = None
    accent_color: int | None = None
    avatar_decoration_data: AvatarDecorationData | None = None
    collectibles: Collectibles | None = None
    primary_guild: UserPrimaryGuild | None = None

    @property
    def display_name(self) -> str:
        """The name Discord shows: the global name if set, else the username."""
        return self.global_name or self.username

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"


class Member(Model, kw_only=True):
    """A guild member. In an interaction's ``member`` it carries ``user`` and
    ``permissions``; in resolved data it has neither ``user`` nor ``deaf``/``mute``."""

    user: User | None = None
    nick: str | None = None
    avatar: str | None = None
    banner: str | None = None
    roles: list[Snowflake] = []
    joined_at: datetime | None = None
    premium_since: datetime | None = None
    deaf: bool | None = None
    mute: bool | None = None
    flags: int | None = None
    pending: bool | None = None
    permissions: PermissionSet | None = None
    """The member's permissions in the interaction's channel, overwrites included."""
    communication_disabled_until: datetime | None = None
    avatar_decoration_data: AvatarDecorationData | None = None


class RoleTags(Model, kw_only=True):
    bot_id: Snowflake | None = None
    integration_id: Snowflake | None = None
    subscription_listing_id: Snowflake | None = None
    # premium_subscriber, available_for_purchase and guild_connections are true when
    # present with a null value, which a decoded struct cannot tell from absent; they
    # are left out rather than modelled wrongly.


class RoleColors(Model, kw_only=True):
    primary_color: int
    secondary_color: int | None = None
    tertiary_color: int | None = None


class Role(Model, kw_only=True):
    id: Snowflake
    name: str
    color: int = 0
    colors: RoleColors | None = None
    hoist: bool = False
    icon: str | None = None
    unicode_emoji: str | None = None
    position: int = 0
    permissions: PermissionSet | None = None
    managed: bool = False
    mentionable: bool = False
    tags: RoleTags | None = None
    flags: int | None = None

    @property
    def mention(self) -> str:
        return f"<@&{self.id}>"


class PartialGuild(Model, kw_only=True):
    """The guild an interaction came from: its id, features and locale."""

    id: Snowflake
    features: list[str] = []
    locale: str | None = None


class ThreadMetadata(Model, kw_only=True):
    archived: bool
    auto_archive_duration: int
    archive_timestamp: datetime
    locked: bool
    invitable: bool | None = None
    create_timestamp: datetime | None = None


class PartialChannel(Model, kw_only=True):
    """A channel as interactions carry it: in ``channel`` or in resolved data."""

    id: Snowflake
    type: ChannelType
    name: str | None = None
    guild_id: Snowflake | None = None
    parent_id: Snowflake | None = None
    permissions: PermissionSet | None = None
    """The invoking user's permissions in the channel (resolved data)."""
    app_permissions: PermissionSet | None = None
    """The app's permissions in the channel (resolved data; when the bot is in the
    guild)."""
    topic: str | None = None
    nsfw: bool | None = None
    position: int | None = None
    flags: int | None = None
    last_message_id: Snowflake | None = None
    last_pin_timestamp: datetime | None = None
    rate_limit_per_user: int | None = None
    thread_metadata: ThreadMetadata | None = None
    recipients: list[User] | None = None
    owner_id: Snowflake | None = None

    @property
    def mention(self) -> str:
        return f"<#{self.id}>"


class Entitlement(Model, kw_only=True):
    """Access to a premium offering (an SKU) that a user or guild has."""

    id: Snowflake
    sku_id: Snowflake
    application_id: Snowflake
    type: EntitlementType
    deleted: bool = False
    user_id: Snowflake | None = None
    guild_id: Snowflake | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    consumed: bool | None = None
