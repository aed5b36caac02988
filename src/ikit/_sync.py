"""Syncing an app's commands with Discord: ``await app.sync()`` and ``ikit sync``.

One sync is one read and at most one write: fetch Discord's commands (global, or
one guild's) with their localizations, plan with :func:`ikit.commands.plan_sync`,
and bulk-overwrite them with the declared commands only when the plan has changes
and this is not a dry run. A sync that changes nothing sends no write, so it can
run on every deploy without touching Discord's daily limit on command creations.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ikit.commands import SyncPlan, plan_sync
from ikit.errors import IkitError

if TYPE_CHECKING:
    from ikit.app import App

__all__ = ["sync_commands"]

logger = logging.getLogger("ikit.sync")


async def sync_commands(
    app: App, *, guild_id: int | None = None, dry_run: bool = False
) -> SyncPlan:
    """Make Discord's commands (global, or the guild's) match ``app.commands``.

    Returns the plan; writes only when it has changes and ``dry_run`` is false.
    """
    application_id = _application_id(app)
    remote = await app.rest.get_commands(
        application_id, guild_id=guild_id, with_localizations=True
    )
    local = app.commands.to_models()
    # Discord gives a command that names no integration_types the app's own
    # installation types, which the App declares (guild installs by default).
    plan = plan_sync(
        local,
        remote,
        default_integration_types=app.integration_types,
        guild=guild_id is not None,
    )

    logger.info("%s%s: %s", _scope(guild_id), _mode(plan, dry_run), plan.render())
    if plan.has_changes and not dry_run:
        await app.rest.bulk_overwrite_commands(application_id, local, guild_id=guild_id)

    return plan


def _application_id(app: App) -> int:
    if app.application_id is None:
        raise IkitError(
            "The app has no application id, so it cannot sync its commands: set "
            "DISCORD_APPLICATION_ID (from the Developer Portal's General Information "
            "page), or pass application_id= to App()."
        )

    return app.application_id


def _scope(guild_id: int | None) -> str:
    return "global commands" if guild_id is None else f"commands of guild {guild_id}"


def _mode(plan: SyncPlan, dry_run: bool) -> str:
    if not plan.has_changes:
        return ""

    return " (dry run, nothing sent)" if dry_run else " (overwriting)"
