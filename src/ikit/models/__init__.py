"""The Discord wire format (API v10) as msgspec structs, split by resource."""

from __future__ import annotations

from ikit.models._base import DiscordEnum, Model, Snowflake
from ikit.models.enums import *  # noqa: F403
from ikit.models.enums import __all__ as _enums
from ikit.models.flags import *  # noqa: F403
from ikit.models.flags import __all__ as _flags

__all__ = ["DiscordEnum", "Model", "Snowflake", *_enums, *_flags]
