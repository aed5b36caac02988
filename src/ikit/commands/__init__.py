"""Application commands declared from annotated async functions.

>>> async def poll(ctx: object, question: str, minutes: int = 10) -> None:
...     '''Start a poll.'''
>>> command = SlashCommand(poll)
>>> [(o.name, o.type.name, o.required) for o in command.options]
[('question', 'STRING', True), ('minutes', 'INTEGER', False)]

- :class:`SlashCommand`, :class:`Group` (with :class:`SubCommand` and
  :class:`SubcommandGroup`), :class:`UserCommand` and :class:`MessageCommand` read a
  handler's signature and docstring and check every rule Discord enforces when they
  are declared (:class:`ikit.errors.DeclarationError`).
- ``resolve(data)`` finds the handler of an incoming interaction and converts its
  options into keyword arguments (:class:`Invocation`);
  ``resolve_autocomplete(data)`` does the same for autocomplete.
- ``to_model()`` gives the :class:`ikit.models.ApplicationCommand` a bulk overwrite
  sends, and :func:`plan_sync` compares those with Discord's commands.
- :class:`CommandRegistry` holds the commands of one scope within Discord's limits.

``docs/commands.md`` is the user's guide.
"""

from __future__ import annotations

from ikit.commands._access import Access
from ikit.commands._groups import Group, SubcommandGroup
from ikit.commands._invoke import AutocompleteInvocation, Invocation
from ikit.commands._markers import (
    ChannelTypes,
    Choice,
    Length,
    Mentionable,
    Option,
    Range,
)
from ikit.commands._menus import MessageCommand, UserCommand
from ikit.commands._options import AutocompleteHandler, OptionSpec
from ikit.commands._registry import LIMITS, Command, CommandRegistry
from ikit.commands._slash import SlashCommand, SubCommand
from ikit.commands._sync import CommandUpdate, FieldChange, SyncPlan, plan_sync

__all__ = [
    "LIMITS",
    "Access",
    "AutocompleteHandler",
    "AutocompleteInvocation",
    "ChannelTypes",
    "Choice",
    "Command",
    "CommandRegistry",
    "CommandUpdate",
    "FieldChange",
    "Group",
    "Invocation",
    "Length",
    "Mentionable",
    "MessageCommand",
    "Option",
    "OptionSpec",
    "Range",
    "SlashCommand",
    "SubCommand",
    "SubcommandGroup",
    "SyncPlan",
    "UserCommand",
    "plan_sync",
]
