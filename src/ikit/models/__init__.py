"""The Discord wire format (API v10) as msgspec structs, split by resource.

Decode an interaction with :func:`decode_interaction`; encode any model with
:func:`encode` (or ``msgspec.json.encode(value, enc_hook=ikit.models.enc_hook)``).
"""

from __future__ import annotations

from ikit.models._base import DiscordEnum, Model, Snowflake, dec_hook, enc_hook
from ikit.models._decode import decode, decode_interaction, encode
from ikit.models.applications import *  # noqa: F403
from ikit.models.applications import __all__ as _applications
from ikit.models.commands import *  # noqa: F403
from ikit.models.commands import __all__ as _commands
from ikit.models.components import *  # noqa: F403
from ikit.models.components import __all__ as _components
from ikit.models.embeds import *  # noqa: F403
from ikit.models.embeds import __all__ as _embeds
from ikit.models.enums import *  # noqa: F403
from ikit.models.enums import __all__ as _enums
from ikit.models.flags import *  # noqa: F403
from ikit.models.flags import __all__ as _flags
from ikit.models.interactions import *  # noqa: F403
from ikit.models.interactions import __all__ as _interactions
from ikit.models.messages import *  # noqa: F403
from ikit.models.messages import __all__ as _messages
from ikit.models.responses import *  # noqa: F403
from ikit.models.responses import __all__ as _responses
from ikit.models.users import *  # noqa: F403
from ikit.models.users import __all__ as _users

__all__ = [
    "DiscordEnum",
    "Model",
    "Snowflake",
    "dec_hook",
    "decode",
    "decode_interaction",
    "enc_hook",
    "encode",
    *_applications,
    *_commands,
    *_components,
    *_embeds,
    *_enums,
    *_flags,
    *_interactions,
    *_messages,
    *_responses,
    *_users,
]
