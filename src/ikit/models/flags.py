"""Discord's bit sets. Bits Discord adds later are kept, never dropped or refused."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import ClassVar

__all__ = [
    "ApplicationFlags",
    "AttachmentFlags",
    "MessageFlags",
    "PermissionSet",
    "Permissions",
    "UserFlags",
]


class _Flags(enum.IntFlag, boundary=enum.KEEP):
    """A bit set whose unknown bits are kept."""

    @classmethod
    def _missing_(cls, value: object) -> _Flags:
        # msgspec calls _missing_ for every value that is not a single member, such
        # as EPHEMERAL | IS_COMPONENTS_V2. Building the pseudo-member costs
        # microseconds; Python caches it, so look there first.
        cached = cls._value2member_map_.get(value)
        if cached is not None:
            return cached  # type: ignore[return-value]
        made: _Flags = super()._missing_(value)
        return made


class MessageFlags(_Flags):
    CROSSPOSTED = 1 << 0
    IS_CROSSPOST = 1 << 1
    SUPPRESS_EMBEDS = 1 << 2
    SOURCE_MESSAGE_DELETED = 1 << 3
    URGENT = 1 << 4
    HAS_THREAD = 1 << 5
    EPHEMERAL = 1 << 6
    LOADING = 1 << 7
    FAILED_TO_MENTION_SOME_ROLES_IN_THREAD = 1 << 8
    SHOULD_SHOW_LINK_NOT_DISCORD_WARNING = 1 << 10
    SUPPRESS_NOTIFICATIONS = 1 << 12
    IS_VOICE_MESSAGE = 1 << 13
    HAS_SNAPSHOT = 1 << 14
    IS_COMPONENTS_V2 = 1 << 15


class AttachmentFlags(_Flags):
    IS_CLIP = 1 << 0
    IS_THUMBNAIL = 1 << 1
    IS_REMIX = 1 << 2
    IS_SPOILER = 1 << 3
    IS_ANIMATED = 1 << 5


class ApplicationFlags(_Flags):
    """An application's flags. Of these, an app may set only the three ``..._LIMITED``
    intent flags itself (``edit_current_application``)."""

    APPLICATION_AUTO_MODERATION_RULE_CREATE_BADGE = 1 << 6
    GATEWAY_PRESENCE = 1 << 12
    GATEWAY_PRESENCE_LIMITED = 1 << 13
    GATEWAY_GUILD_MEMBERS = 1 << 14
    GATEWAY_GUILD_MEMBERS_LIMITED = 1 << 15
    VERIFICATION_PENDING_GUILD_LIMIT = 1 << 16
    EMBEDDED = 1 << 17
    GATEWAY_MESSAGE_CONTENT = 1 << 18
    GATEWAY_MESSAGE_CONTENT_LIMITED = 1 << 19
    APPLICATION_COMMAND_BADGE = 1 << 23


class UserFlags(_Flags):
    STAFF = 1 << 0
    PARTNER = 1 << 1
    HYPESQUAD = 1 << 2
    BUG_HUNTER_LEVEL_1 = 1 << 3
    HYPESQUAD_ONLINE_HOUSE_1 = 1 << 6
    HYPESQUAD_ONLINE_HOUSE_2 = 1 << 7
    HYPESQUAD_ONLINE_HOUSE_3 = 1 << 8
    PREMIUM_EARLY_SUPPORTER = 1 << 9
    TEAM_PSEUDO_USER = 1 << 10
    BUG_HUNTER_LEVEL_2 = 1 << 14
    VERIFIED_BOT = 1 << 16
    VERIFIED_DEVELOPER = 1 << 17
    CERTIFIED_MODERATOR = 1 << 18
    BOT_HTTP_INTERACTIONS = 1 << 19
    ACTIVE_DEVELOPER = 1 << 22


class _Bit:
    """A named permission bit: ``Permissions.ADMINISTRATOR`` reads as a Permissions."""

    __slots__ = ("bit", "name")

    def __init__(self, bit: int) -> None:
        self.bit = bit
        self.name = ""

    def __set_name__(self, owner: type[Permissions], name: str) -> None:
        self.name = name
        owner._names[1 << self.bit] = name

    def __get__(self, instance: object, owner: type[Permissions]) -> Permissions:
        return owner(1 << self.bit)


class Permissions(int):
    """A set of Discord permission bits: an ``int`` in Python, a decimal string on the
    wire. Bits Discord adds later are kept.

    ``Permissions.ADMINISTRATOR in member.permissions`` tests a bit; ``|``, ``&``, ``^``
    and ``~`` combine sets; iterating yields the names of the bits that are set.
    """

    __slots__ = ()
    _names: ClassVar[dict[int, str]] = {}

    CREATE_INSTANT_INVITE = _Bit(0)
    KICK_MEMBERS = _Bit(1)
    BAN_MEMBERS = _Bit(2)
    ADMINISTRATOR = _Bit(3)
    MANAGE_CHANNELS = _Bit(4)
    MANAGE_GUILD = _Bit(5)
    ADD_REACTIONS = _Bit(6)
    VIEW_AUDIT_LOG = _Bit(7)
    PRIORITY_SPEAKER = _Bit(8)
    STREAM = _Bit(9)
    VIEW_CHANNEL = _Bit(10)
    SEND_MESSAGES = _Bit(11)
    SEND_TTS_MESSAGES = _Bit(12)
    MANAGE_MESSAGES = _Bit(13)
    EMBED_LINKS = _Bit(14)
    ATTACH_FILES = _Bit(15)
    READ_MESSAGE_HISTORY = _Bit(16)
    MENTION_EVERYONE = _Bit(17)
    USE_EXTERNAL_EMOJIS = _Bit(18)
    VIEW_GUILD_INSIGHTS = _Bit(19)
    CONNECT = _Bit(20)
    SPEAK = _Bit(21)
    MUTE_MEMBERS = _Bit(22)
    DEAFEN_MEMBERS = _Bit(23)
    MOVE_MEMBERS = _Bit(24)
    USE_VAD = _Bit(25)
    CHANGE_NICKNAME = _Bit(26)
    MANAGE_NICKNAMES = _Bit(27)
    MANAGE_ROLES = _Bit(28)
    MANAGE_WEBHOOKS = _Bit(29)
    MANAGE_GUILD_EXPRESSIONS = _Bit(30)
    USE_APPLICATION_COMMANDS = _Bit(31)
    REQUEST_TO_SPEAK = _Bit(32)
    MANAGE_EVENTS = _Bit(33)
    MANAGE_THREADS = _Bit(34)
    CREATE_PUBLIC_THREADS = _Bit(35)
    CREATE_PRIVATE_THREADS = _Bit(36)
    USE_EXTERNAL_STICKERS = _Bit(37)
    SEND_MESSAGES_IN_THREADS = _Bit(38)
    USE_EMBEDDED_ACTIVITIES = _Bit(39)
    MODERATE_MEMBERS = _Bit(40)
    VIEW_CREATOR_MONETIZATION_ANALYTICS = _Bit(41)
    USE_SOUNDBOARD = _Bit(42)
    CREATE_GUILD_EXPRESSIONS = _Bit(43)
    CREATE_EVENTS = _Bit(44)
    USE_EXTERNAL_SOUNDS = _Bit(45)
    SEND_VOICE_MESSAGES = _Bit(46)
    SET_VOICE_CHANNEL_STATUS = _Bit(48)
    SEND_POLLS = _Bit(49)
    USE_EXTERNAL_APPS = _Bit(50)
    PIN_MESSAGES = _Bit(51)
    BYPASS_SLOWMODE = _Bit(52)

    @classmethod
    def all(cls) -> Permissions:
        """Every bit ikit knows."""
        return cls(sum(cls._names))

    def __contains__(self, other: int) -> bool:
        return int(self) & int(other) == int(other)

    def __or__(self, other: int) -> Permissions:
        return Permissions(int(self) | int(other))

    def __and__(self, other: int) -> Permissions:
        return Permissions(int(self) & int(other))

    def __xor__(self, other: int) -> Permissions:
        return Permissions(int(self) ^ int(other))

    def __invert__(self) -> Permissions:
        return Permissions(int(self.all()) & ~int(self))

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __iter__(self) -> Iterator[str]:
        value = int(self)
        for bit, name in self._names.items():
            if value & bit:
                yield name

    def __repr__(self) -> str:
        names = "|".join(self) or "0"
        unknown = int(self) & ~int(self.all())
        if unknown:
            names += f"|{unknown:#x}"
        return f"<Permissions {names}>"


#: The type of a field holding a permission set (kept for readability in models).
PermissionSet = Permissions
