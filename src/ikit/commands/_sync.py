"""The sync planner: what must change for Discord's commands to match the local ones.

Theory of operation. The planner is pure: it takes the commands declared here and
the commands Discord returned (fetched with ``with_localizations=true``) and says
which to create, update and delete, and which are unchanged. It never talks to
Discord; ``app.sync()`` and ``ikit sync`` act on its plan.

Commands are matched by (type, name), as Discord matches them in a bulk overwrite.
Each side is first normalized into plain dicts and lists, so that the many ways
Discord spells "the same" compare equal (reference §5.4):

- fields Discord sets or echoes are dropped: ``id``, ``application_id``,
  ``version``, ``guild_id``, ``name_localized``, ``description_localized``,
  ``dm_permission``, ``default_permission``, and ``handler`` except on
  PRIMARY_ENTRY_POINT commands;
- a missing value becomes its default: ``type`` 1, ``nsfw`` false, ``options`` and
  ``choices`` [], ``required`` and ``autocomplete`` false, localizations {},
  ``contexts`` every context, ``integration_types`` the app's configured default;
- ``default_member_permissions`` becomes an int (requests may send an int, Discord
  answers a string); user and message commands have the description "";
- ``contexts``, ``integration_types`` and ``channel_types`` are sets (sorted);
- for one guild's commands, ``contexts`` and ``integration_types`` are not compared:
  Discord keeps them only for global commands (reference §5.1), so a guild command
  that declares them would otherwise differ on every sync;
- localizations equal to the default text are dropped, as Discord drops them;
- a float with an integral value becomes an int (Discord returns 1 or 1.0).

Order still matters for options and choices, which Discord displays in order. The
differences of an updated command are listed field by field, with paths such as
``options[0].description``. The normalization must follow the fields of
``ikit.models.commands``: a field added there is compared only once it is added
here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ikit.errors import DeclarationError
from ikit.models.commands import (
    ApplicationCommand,
    ApplicationCommandOption,
    ApplicationCommandOptionChoice,
)
from ikit.models.enums import (
    ApplicationCommandType,
    ApplicationIntegrationType,
    InteractionContextType,
)

__all__ = ["CommandUpdate", "FieldChange", "SyncPlan", "normalize", "plan_sync"]

_MENUS = (ApplicationCommandType.USER, ApplicationCommandType.MESSAGE)
_ALL_CONTEXTS = tuple(sorted(int(c) for c in InteractionContextType))
_GUILD_INSTALL = (ApplicationIntegrationType.GUILD_INSTALL,)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field that differs: its path, Discord's value, and the local value."""

    path: str
    old: object
    new: object

    def __str__(self) -> str:
        return f"{self.path}: {_show(self.old)} -> {_show(self.new)}"


@dataclass(frozen=True, slots=True)
class CommandUpdate:
    """A command Discord has, whose declaration changed here."""

    local: ApplicationCommand
    remote: ApplicationCommand
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class SyncPlan:
    """What a sync would do. ``created`` and ``unchanged`` hold local commands,
    ``deleted`` Discord's (with their ids)."""

    created: tuple[ApplicationCommand, ...] = ()
    updated: tuple[CommandUpdate, ...] = ()
    deleted: tuple[ApplicationCommand, ...] = ()
    unchanged: tuple[ApplicationCommand, ...] = ()

    @property
    def has_changes(self) -> bool:
        """Whether Discord's commands differ from the local ones."""
        return bool(self.created or self.updated or self.deleted)

    def __str__(self) -> str:
        return self.render()

    def render(self) -> str:
        """The plan as lines for a terminal: ``+`` create, ``~`` update (with each
        field changed), ``-`` delete."""
        if not self.has_changes:
            return f"No changes: {len(self.unchanged)} commands up to date."

        lines = [self._summary()]
        lines += [f"  + {_label(c)}" for c in self.created]
        for update in self.updated:
            lines.append(f"  ~ {_label(update.local)}")
            lines += [f"      {change}" for change in update.changes]
        lines += [f"  - {_label(c)}" for c in self.deleted]
        return "\n".join(lines)

    def _summary(self) -> str:
        counts = (
            (len(self.created), "to create"),
            (len(self.updated), "to update"),
            (len(self.deleted), "to delete"),
            (len(self.unchanged), "unchanged"),
        )
        return "Sync plan: " + ", ".join(f"{n} {what}" for n, what in counts if n)


def plan_sync(
    local: Sequence[ApplicationCommand],
    remote: Sequence[ApplicationCommand],
    *,
    default_integration_types: Iterable[int] = _GUILD_INSTALL,
    guild: bool = False,
) -> SyncPlan:
    """Compare the local declarations with Discord's commands.

    ``default_integration_types`` is what Discord assumes for a command that does
    not say: the installation types configured for the app ([0], guild installs,
    unless the app is user-installable). ``guild`` says the commands are one guild's,
    which have no ``contexts`` or ``integration_types`` to compare.
    """
    defaults = tuple(default_integration_types)
    remaining, duplicates = _by_key(remote)
    created: list[ApplicationCommand] = []
    updated: list[CommandUpdate] = []
    unchanged: list[ApplicationCommand] = []
    for command in _unique(local):
        match = remaining.pop(_key(command), None)
        if match is None:
            created.append(command)
            continue
        changes = diff(
            normalize(match, defaults, guild=guild),
            normalize(command, defaults, guild=guild),
        )
        if changes:
            updated.append(CommandUpdate(command, match, tuple(changes)))
        else:
            unchanged.append(command)

    deleted = (*remaining.values(), *duplicates)
    return SyncPlan(tuple(created), tuple(updated), deleted, tuple(unchanged))


# -- matching ------------------------------------------------------------------------


def _key(command: ApplicationCommand) -> tuple[int, str]:
    return int(command.type or ApplicationCommandType.CHAT_INPUT), command.name


def _unique(local: Sequence[ApplicationCommand]) -> Sequence[ApplicationCommand]:
    seen: set[tuple[int, str]] = set()
    for command in local:
        if _key(command) in seen:
            raise DeclarationError(
                f"two local commands are {_label(command)}; names are unique per type"
            )
        seen.add(_key(command))

    return local


def _by_key(
    remote: Sequence[ApplicationCommand],
) -> tuple[dict[tuple[int, str], ApplicationCommand], list[ApplicationCommand]]:
    """Discord's commands by key, and any copies of a key (to be deleted)."""
    found: dict[tuple[int, str], ApplicationCommand] = {}
    duplicates: list[ApplicationCommand] = []
    for command in remote:
        if _key(command) in found:
            duplicates.append(command)
        else:
            found[_key(command)] = command

    return found, duplicates


# -- normalizing ---------------------------------------------------------------------


def normalize(
    command: ApplicationCommand,
    default_integration_types: Iterable[int] = _GUILD_INSTALL,
    *,
    guild: bool = False,
) -> dict[str, object]:
    """The fields of ``command`` that a sync compares, in canonical form
    (``guild``: as one guild's command)."""
    kind = int(command.type or ApplicationCommandType.CHAT_INPUT)
    description = "" if kind in _MENUS else command.description
    fields: dict[str, object] = {
        "type": kind,
        "name": command.name,
        "description": description,
        "name_localizations": _texts(command.name_localizations, command.name),
        "description_localizations": _texts(
            command.description_localizations, description
        ),
        "options": [_option(o) for o in command.options or []],
        "default_member_permissions": _int_or_none(command.default_member_permissions),
        "nsfw": bool(command.nsfw),
        "contexts": _set(command.contexts, _ALL_CONTEXTS),
        "integration_types": _set(
            command.integration_types, tuple(default_integration_types)
        ),
    }
    if guild:
        del fields["contexts"], fields["integration_types"]

    if kind == ApplicationCommandType.PRIMARY_ENTRY_POINT:
        fields["handler"] = _int_or_none(command.handler)

    return fields


def _option(option: ApplicationCommandOption) -> dict[str, object]:
    return {
        "type": int(option.type),
        "name": option.name,
        "description": option.description,
        "name_localizations": _texts(option.name_localizations, option.name),
        "description_localizations": _texts(
            option.description_localizations, option.description
        ),
        "required": bool(option.required),
        "choices": [_choice(c) for c in option.choices or []],
        "options": [_option(o) for o in option.options or []],
        "channel_types": _set(option.channel_types, ()),
        "min_value": _number(option.min_value),
        "max_value": _number(option.max_value),
        "min_length": option.min_length,
        "max_length": option.max_length,
        "autocomplete": bool(option.autocomplete),
        "file_types": sorted(option.file_types or []),
    }


def _choice(choice: ApplicationCommandOptionChoice) -> dict[str, object]:
    return {
        "name": choice.name,
        "value": _number(choice.value),
        "name_localizations": _texts(choice.name_localizations, choice.name),
    }


def _texts(localizations: Mapping[str, str] | None, default: str) -> dict[str, str]:
    items = (localizations or {}).items()
    return {locale: text for locale, text in sorted(items) if text != default}


def _set(values: Iterable[int] | None, default: Sequence[int]) -> list[int]:
    return sorted({int(v) for v in (default if values is None else values)})


def _int_or_none(value: int | None) -> int | None:
    return None if value is None else int(value)


def _number(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)

    return value


# -- comparing -----------------------------------------------------------------------


def diff(old: object, new: object, path: str = "") -> list[FieldChange]:
    """The fields that differ between two normalized values, by path."""
    if isinstance(old, dict) and isinstance(new, dict):
        keys = list(dict.fromkeys([*new, *old]))
        return [c for k in keys for c in diff(old.get(k), new.get(k), _join(path, k))]
    if isinstance(old, list) and isinstance(new, list) and _records(old, new):
        return _diff_lists(old, new, path)
    if old != new:
        return [FieldChange(path, old, new)]

    return []


def _diff_lists(old: list[object], new: list[object], path: str) -> list[FieldChange]:
    changes: list[FieldChange] = []
    for index in range(max(len(old), len(new))):
        before = old[index] if index < len(old) else None
        after = new[index] if index < len(new) else None
        where = f"{path}[{index}]"
        if before is None or after is None:
            changes.append(FieldChange(where, before, after))
        else:
            changes += diff(before, after, where)

    return changes


def _records(old: list[object], new: list[object]) -> bool:
    """Lists of dicts (options, choices) are compared item by item; lists of
    numbers (contexts) as a whole."""
    return any(isinstance(v, dict) for v in [*old, *new])


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


# -- showing -------------------------------------------------------------------------


def _label(command: ApplicationCommand) -> str:
    kind = command.type or ApplicationCommandType.CHAT_INPUT
    if kind == ApplicationCommandType.CHAT_INPUT:
        return f"/{command.name}"

    noun = {
        ApplicationCommandType.USER: "user command",
        ApplicationCommandType.MESSAGE: "message command",
        ApplicationCommandType.PRIMARY_ENTRY_POINT: "entry point command",
    }.get(kind, f"{kind.name} command")
    return f"{noun} {command.name!r}"


def _show(value: object) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, dict) and "name" in value:
        return f"{{name: {value['name']!r}, ...}}"

    return repr(value)
