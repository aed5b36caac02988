"""ikit: Discord interactions over HTTP, typed and stateless.

The public namespace. The server library (hypercorn) and the HTTP client (httpx) are
imported on first use, so ``import ikit`` stays light.
"""

from __future__ import annotations

from ikit import errors, models
from ikit.app import App, ErrorHandler, Hook
from ikit.commands import ChannelTypes, Choice, Length, Mentionable, Option, Range
from ikit.context import (
    AutocompleteContext,
    CommandContext,
    ComponentContext,
    Context,
    ModalContext,
    Response,
    ResponseWithFiles,
)

__all__ = [
    "App",
    "AutocompleteContext",
    "ChannelTypes",
    "Choice",
    "CommandContext",
    "ComponentContext",
    "Context",
    "ErrorHandler",
    "Hook",
    "Length",
    "Mentionable",
    "ModalContext",
    "Option",
    "Range",
    "Response",
    "ResponseWithFiles",
    "errors",
    "models",
]

__version__ = "0.1.0.dev0"
