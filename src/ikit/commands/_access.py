"""What every top-level command carries besides its options: who may use it, where,
and how its name and description read in other languages."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from ikit.commands._rules import (
    MAX_COMMAND_SIZE,
    RuleBroken,
    check,
    description_problem,
    localizations_problem,
    localized,
)
from ikit.errors import DecodeError
from ikit.models.enums import (
    ApplicationCommandType,
    ApplicationIntegrationType,
    InteractionContextType,
)
from ikit.models.flags import Permissions
from ikit.models.interactions import ApplicationCommandData

__all__ = ["Access", "Texts", "check_invoked", "check_size"]

E = TypeVar("E", InteractionContextType, ApplicationIntegrationType)


@dataclass(frozen=True, slots=True)
class Access:
    """Who may see a top-level command by default, and where it may be used."""

    default_member_permissions: Permissions | None = None
    """None: everyone; ``Permissions(0)``: administrators only."""
    contexts: tuple[InteractionContextType, ...] | None = None
    """None: Discord's default, every context."""
    integration_types: tuple[ApplicationIntegrationType, ...] | None = None
    """None: the app's configured installation types."""
    nsfw: bool = False

    @classmethod
    def of(
        cls,
        default_member_permissions: int | None,
        contexts: Iterable[int] | None,
        integration_types: Iterable[int] | None,
        nsfw: bool,
    ) -> Access:
        """Checked settings; raises RuleBroken."""
        if default_member_permissions is not None and default_member_permissions < 0:
            raise RuleBroken(
                "default_member_permissions must be a permission set (0 or more), "
                f"got {default_member_permissions}"
            )

        return cls(
            default_member_permissions=_permissions(default_member_permissions),
            contexts=_members(contexts, InteractionContextType, "contexts"),
            integration_types=_members(
                integration_types, ApplicationIntegrationType, "integration_types"
            ),
            nsfw=nsfw,
        )

    def fields(self) -> dict[str, Any]:
        """The ApplicationCommand fields these settings fill."""
        return {
            "default_member_permissions": self.default_member_permissions,
            "contexts": list(self.contexts) if self.contexts is not None else None,
            "integration_types": (
                list(self.integration_types)
                if self.integration_types is not None
                else None
            ),
            "nsfw": True if self.nsfw else None,
        }


@dataclass(frozen=True, slots=True)
class Texts:
    """A name and a description, each with its localizations."""

    name: str
    description: str
    name_localizations: Mapping[str, str] | None = None
    description_localizations: Mapping[str, str] | None = None

    def check(self, name_problem: Callable[[str], str | None]) -> None:
        """Raise RuleBroken for the first rule broken; descriptions are optional
        when the name rule says so (context menus have none)."""
        check(name_problem(self.name))
        check(localizations_problem(self.name_localizations, name_problem))
        if self.description or self.description_localizations:
            check(description_problem(self.description))
            check(
                localizations_problem(
                    self.description_localizations, description_problem
                )
            )

    def fields(self) -> dict[str, Any]:
        """The name and description fields of a command or option model."""
        return {
            "name": self.name,
            "description": self.description,
            "name_localizations": localized(self.name_localizations, self.name),
            "description_localizations": localized(
                self.description_localizations, self.description
            ),
        }


def check_size(label: str, size: int) -> None:
    """Raise RuleBroken when a command is over Discord's 8000 characters."""
    if size > MAX_COMMAND_SIZE:
        raise RuleBroken(
            f"{label} would count {size} characters; Discord allows "
            f"{MAX_COMMAND_SIZE} across names, descriptions and choice values (only "
            "the longest localization of each counts)"
        )


def check_invoked(
    data: ApplicationCommandData, kind: ApplicationCommandType, name: str
) -> None:
    """Raise DecodeError when ``data`` invokes another command than this one."""
    if data.type != kind or data.name != name:
        raise DecodeError(
            f"expected the {kind.name} command {name!r}, "
            f"got the {data.type.name} command {data.name!r}",
            path="$.data.name",
        )


def _permissions(value: int | None) -> Permissions | None:
    return None if value is None else Permissions(value)


def _members(
    values: Iterable[int] | None, kind: type[E], label: str
) -> tuple[E, ...] | None:
    if values is None:
        return None

    members = tuple(dict.fromkeys(kind(v) for v in values))
    if not members:
        raise RuleBroken(f"{label} needs at least one value, or None for the default")
    unknown = [m for m in members if not m.known]
    if unknown:
        known = ", ".join(f"{m.name} ({m.value})" for m in kind)
        raise RuleBroken(f"{label} takes {known}; got {int(unknown[0])}")

    return members
