"""The objects interactions carry (users, members, roles, channels, attachments,
messages, entitlements) and the envelope around every interaction, as Discord's JSON.

Each factory returns a plain ``dict`` with the keys Discord sends today, including the
ones that are usually null, so that a payload built here looks like one captured from
Discord. Ids are strings on the wire, as Discord sends them.
"""

from __future__ import annotations

import base64
import itertools
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from ikit.models import (
    ApplicationIntegrationType,
    ChannelType,
    EntitlementType,
    InteractionContextType,
    Permissions,
)
from ikit.models._base import DISCORD_EPOCH_MS

__all__ = [
    "APPLICATION_ID",
    "APP_PERMISSIONS",
    "CHANNEL_ID",
    "DM_CHANNEL_ID",
    "GUILD_ID",
    "MEMBER_PERMISSIONS",
    "USER_ID",
    "Envelope",
    "Payload",
    "attachment",
    "bot_user",
    "channel",
    "entitlement",
    "iso",
    "member",
    "message",
    "role",
    "snowflake",
    "token",
    "user",
]

#: A JSON object as Discord sends it.
Payload = dict[str, Any]

APPLICATION_ID = 1300000000000000001
GUILD_ID = 1300000000000000002
CHANNEL_ID = 1300000000000000003
USER_ID = 1300000000000000004
DM_CHANNEL_ID = 1300000000000000005
CATEGORY_ID = 1300000000000000006

#: What a bot invited with the usual scopes may do in a text channel.
APP_PERMISSIONS = int(
    Permissions(0)
    | Permissions.VIEW_CHANNEL
    | Permissions.SEND_MESSAGES
    | Permissions.SEND_MESSAGES_IN_THREADS
    | Permissions.EMBED_LINKS
    | Permissions.ATTACH_FILES
    | Permissions.READ_MESSAGE_HISTORY
    | Permissions.ADD_REACTIONS
    | Permissions.USE_EXTERNAL_EMOJIS
    | Permissions.USE_APPLICATION_COMMANDS
)
#: An ordinary member's permissions in a text channel.
MEMBER_PERMISSIONS = APP_PERMISSIONS | int(
    Permissions.CREATE_INSTANT_INVITE
    | Permissions.CHANGE_NICKNAME
    | Permissions.SEND_POLLS
    | Permissions.USE_EXTERNAL_APPS
)
#: Discord's default upload limit, in bytes, for a server without boosts.
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024

_JOINED = "2024-03-01T12:00:00.000000+00:00"
_sequence = itertools.count()


def snowflake(at: float | None = None) -> int:
    """A new id made at ``at`` (Unix seconds; default now), unique in this process."""
    ms = int((time.time() if at is None else at) * 1000) - DISCORD_EPOCH_MS
    # The low 22 bits count ids made in the same millisecond, as Discord's do.
    return ms << 22 | next(_sequence) % (1 << 22)


def token(interaction_id: int) -> str:
    """An interaction token shaped like Discord's (opaque, about 200 characters)."""
    raw = f"interaction:{interaction_id}:{secrets.token_urlsafe(96)}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def iso(at: float | None = None) -> str:
    """A timestamp as Discord writes them: ISO 8601 with microseconds, in UTC."""
    when = datetime.fromtimestamp(time.time() if at is None else at, tz=UTC)
    return when.isoformat(timespec="microseconds")


# -- people ----------------------------------------------------------------------------


def user(
    *,
    id: int = USER_ID,
    username: str = "tester",
    global_name: str | None = "Tester",
    bot: bool = False,
    avatar: str | None = None,
) -> Payload:
    """A user; ``bot=True`` adds the ``bot`` flag Discord sends only for bots."""
    payload: Payload = {
        "id": str(id),
        "username": username,
        "avatar": avatar,
        "discriminator": "0",
        "public_flags": 0,
        "global_name": global_name,
        "avatar_decoration_data": None,
        "collectibles": None,
        "display_name_styles": None,
        "clan": None,
        "primary_guild": None,
    }
    if bot:
        payload["bot"] = True
    return payload


def bot_user(application_id: int = APPLICATION_ID, name: str = "Test Bot") -> Payload:
    """The app's bot user: the author of every message the app sends."""
    username = name.lower().replace(" ", "")
    return user(id=application_id, username=username, global_name=name, bot=True)


def member(
    user_payload: Payload | None = None,
    *,
    roles: Sequence[int] = (),
    permissions: int = MEMBER_PERMISSIONS,
    nick: str | None = None,
    resolved: bool = False,
) -> Payload:
    """A guild member. As the invoker (``member`` of an interaction) it holds its
    ``user``; as resolved data (``resolved=True``) it has no user, deaf or mute."""
    payload: Payload = {
        "avatar": None,
        "banner": None,
        "collectibles": None,
        "communication_disabled_until": None,
        "flags": 0,
        "joined_at": _JOINED,
        "nick": nick,
        "pending": False,
        "permissions": str(permissions),
        "premium_since": None,
        "roles": [str(role_id) for role_id in roles],
        "unusual_dm_activity_until": None,
    }
    if not resolved:
        payload.update(deaf=False, mute=False, user=user_payload or user())
    return payload


def role(
    *,
    id: int | None = None,
    name: str = "Member",
    color: int = 0x5865F2,
    permissions: int = 0,
    position: int = 1,
    mentionable: bool = True,
) -> Payload:
    """A guild role."""
    return {
        "id": str(id or snowflake()),
        "name": name,
        "description": None,
        "color": color,
        "colors": {
            "primary_color": color,
            "secondary_color": None,
            "tertiary_color": None,
        },
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": position,
        "permissions": str(permissions),
        "managed": False,
        "mentionable": mentionable,
        "flags": 0,
    }


# -- places ----------------------------------------------------------------------------


def channel(
    *,
    id: int = CHANNEL_ID,
    name: str = "general",
    type: ChannelType = ChannelType.GUILD_TEXT,
    guild_id: int = GUILD_ID,
    permissions: int = MEMBER_PERMISSIONS,
) -> Payload:
    """A guild channel, as interactions carry it (in ``channel`` or resolved data)."""
    return {
        "id": str(id),
        "type": int(type),
        "guild_id": str(guild_id),
        "name": name,
        "topic": None,
        "nsfw": False,
        "parent_id": str(CATEGORY_ID),
        "position": 1,
        "flags": 0,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "permissions": str(permissions),
    }


def dm_channel(recipient: Payload, *, id: int = DM_CHANNEL_ID) -> Payload:
    """The DM channel between the bot and ``recipient``."""
    return {
        "id": str(id),
        "type": int(ChannelType.DM),
        "flags": 0,
        "last_message_id": None,
        "recipients": [recipient],
    }


# -- content ---------------------------------------------------------------------------


def attachment(
    filename: str = "image.png",
    *,
    id: int | None = None,
    size: int = 2048,
    content_type: str | None = None,
    ephemeral: bool = True,
) -> Payload:
    """An uploaded file, as an option value or a File Upload's value carries it."""
    attachment_id = id or snowflake()
    kind = content_type or _content_type(filename)
    path = f"ephemeral-attachments/{CHANNEL_ID}/{attachment_id}/{filename}"
    payload: Payload = {
        "id": str(attachment_id),
        "filename": filename,
        "size": size,
        "url": f"https://cdn.discordapp.com/{path}",
        "proxy_url": f"https://media.discordapp.net/{path}",
        "content_type": kind,
        "ephemeral": ephemeral,
    }
    if kind.startswith("image/"):
        payload.update(
            height=480,
            width=640,
            placeholder="/PcBAoBQydvKesabEIoMsdg=",
            placeholder_version=1,
        )
    return payload


def _content_type(filename: str) -> str:
    suffix = filename.rpartition(".")[2].lower()
    known = {
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "txt": "text/plain; charset=utf-8",
        "pdf": "application/pdf",
        "json": "application/json",
    }
    return known.get(suffix, "application/octet-stream")


def message(
    *,
    id: int | None = None,
    channel_id: int = CHANNEL_ID,
    content: str = "",
    components: Sequence[Payload] = (),
    embeds: Sequence[Payload] = (),
    flags: int = 0,
    author: Payload | None = None,
    at: float | None = None,
) -> Payload:
    """A message as Discord returns it (by default one the app's bot sent)."""
    return {
        "id": str(id or snowflake(at)),
        "channel_id": str(channel_id),
        "type": 0,
        "author": author or bot_user(),
        "content": content,
        "timestamp": iso(at),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": list(embeds),
        "components": list(components),
        "pinned": False,
        "flags": flags,
    }


def entitlement(
    *,
    sku_id: int,
    user_id: int = USER_ID,
    application_id: int = APPLICATION_ID,
    type: EntitlementType = EntitlementType.APPLICATION_SUBSCRIPTION,
) -> Payload:
    """A user's access to one of the app's SKUs, as ``entitlements`` lists it."""
    return {
        "id": str(snowflake()),
        "sku_id": str(sku_id),
        "application_id": str(application_id),
        "user_id": str(user_id),
        "type": int(type),
        "deleted": False,
        "starts_at": None,
        "ends_at": None,
        "consumed": False,
    }


# -- the envelope ----------------------------------------------------------------------

_GUILD = ApplicationIntegrationType.GUILD_INSTALL
_USER = ApplicationIntegrationType.USER_INSTALL


@dataclass(frozen=True, kw_only=True)
class Envelope:
    """Who triggers an interaction, and where: every field of an interaction besides
    its ``type`` and ``data``.

    The default is a member of a guild where the app is installed, in a text channel.
    :meth:`dm` moves to the DM with the bot, :meth:`user_installed` makes the app
    installed by the user only (as for a user-installable app in a server).
    """

    user: Payload = field(default_factory=user)
    guild_id: int | None = GUILD_ID
    channel: Payload | None = None
    """None: the guild's text channel, or the DM with the bot outside a guild."""
    roles: Sequence[int] = ()
    permissions: int = MEMBER_PERMISSIONS
    """The member's permissions in the channel."""
    locale: str = "en-US"
    guild_locale: str = "en-US"
    app_permissions: int = APP_PERMISSIONS
    entitlements: Sequence[Payload] = ()
    installs: tuple[ApplicationIntegrationType, ...] = (_GUILD,)
    """Where the app is installed: keys of ``authorizing_integration_owners``."""
    context: InteractionContextType | None = None
    """None: GUILD in a guild, BOT_DM in a DM where the app is guild-installed, else
    PRIVATE_CHANNEL."""
    attachment_size_limit: int = ATTACHMENT_SIZE_LIMIT
    application_id: int = APPLICATION_ID

    def dm(self) -> Envelope:
        """The same user, in their DM with the bot."""
        return replace(self, guild_id=None, channel=None)

    def user_installed(self) -> Envelope:
        """The app installed by the user only, not in the server: Discord then allows
        5 followups per interaction."""
        return replace(self, installs=(_USER,))

    def as_user(self, user_payload: Payload) -> Envelope:
        """Someone else triggers the interaction."""
        return replace(self, user=user_payload)

    @property
    def channel_payload(self) -> Payload:
        """The channel the interaction happens in."""
        if self.channel is not None:
            return self.channel
        if self.guild_id is None:
            return dm_channel(self.user)
        return channel(guild_id=self.guild_id)

    @property
    def channel_id(self) -> int:
        return int(self.channel_payload["id"])

    def fields(self, interaction_id: int, interaction_token: str) -> Payload:
        """The envelope's fields of one interaction."""
        payload: Payload = {
            "id": str(interaction_id),
            "application_id": str(self.application_id),
            "token": interaction_token,
            "version": 1,
            "app_permissions": str(self.app_permissions),
            "locale": self.locale,
            "entitlements": list(self.entitlements),
            "authorizing_integration_owners": self._owners(),
            "context": int(self._context()),
            "attachment_size_limit": self.attachment_size_limit,
            "channel": self.channel_payload,
            "channel_id": self.channel_payload["id"],
        }
        if self.guild_id is None:
            payload["user"] = self.user
            return payload
        payload.update(
            guild={
                "id": str(self.guild_id),
                "locale": self.guild_locale,
                "features": [],
            },
            guild_id=str(self.guild_id),
            guild_locale=self.guild_locale,
            member=member(self.user, roles=self.roles, permissions=self.permissions),
        )
        return payload

    def _owners(self) -> dict[str, str]:
        owners: dict[str, str] = {}
        if _GUILD in self.installs:
            # Discord writes "0" for the guild of the DM with the bot.
            owners[str(int(_GUILD))] = str(self.guild_id or 0)
        if _USER in self.installs:
            owners[str(int(_USER))] = self.user["id"]
        return owners

    def _context(self) -> InteractionContextType:
        if self.context is not None:
            return self.context
        if self.guild_id is not None:
            return InteractionContextType.GUILD
        if _GUILD in self.installs:
            return InteractionContextType.BOT_DM
        return InteractionContextType.PRIVATE_CHANNEL
