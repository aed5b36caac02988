"""``ikit sync module:app``: make Discord's commands match the app's, or check them.

The app needs DISCORD_APPLICATION_ID and DISCORD_TOKEN, from the environment or the
``--env-file`` (an ``App.from_env()`` app reads them). Exit status: 0 when done (or,
with ``--check``, when Discord already has the app's commands), 1 when ``--check``
finds differences, 2 when the sync could not run.

IKIT_REST_BASE_URL, when set, sends the requests there instead of to Discord. It is
for testing against a local fake Discord, not for production.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import anyio

from ikit.errors import IkitError, Unauthorized

if TYPE_CHECKING:
    from ikit.app import App
    from ikit.commands import SyncPlan

__all__ = ["add_sync_command"]


def add_sync_command(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """Add ``ikit sync`` to the ``ikit`` command's subcommands."""
    sync = subparsers.add_parser(
        "sync", help="make Discord's commands match the app's, or check that they do"
    )
    sync.add_argument(
        "app", help="the app: module:attribute, or path/to/bot.py[:attribute]"
    )
    sync.add_argument(
        "--guild",
        type=int,
        metavar="ID",
        help="sync this guild's commands instead of the global ones",
    )
    sync.add_argument(
        "--dry-run", action="store_true", help="show the plan, change nothing"
    )
    sync.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit with 1 if Discord's commands differ (for CI)",
    )
    sync.add_argument(
        "--env-file", default=".env", help="read DISCORD_* variables from this file"
    )
    sync.set_defaults(run=_sync)


class _CannotLoad(Exception):
    """The app named on the command line cannot be loaded; the message says why."""


def _sync(args: argparse.Namespace) -> int:
    _read_env(args.env_file)
    try:
        app = _load_app(args.app)
    except _CannotLoad as error:
        return _fail(str(error))

    base_url = os.environ.get("IKIT_REST_BASE_URL")
    if base_url:
        app.rest_base_url = base_url

    try:
        plan = anyio.run(_plan, app, args.guild, args.dry_run or args.check)
    except Unauthorized as error:
        return _fail(f"{error}\nCheck the bot token (DISCORD_TOKEN).")
    except IkitError as error:
        return _fail(str(error))

    print(plan.render())
    return _outcome(args, plan)


async def _plan(app: App, guild_id: int | None, dry_run: bool) -> SyncPlan:
    async with app.rest:
        return await app.sync(guild_id=guild_id, dry_run=dry_run)


def _outcome(args: argparse.Namespace, plan: SyncPlan) -> int:
    where = "global" if args.guild is None else f"guild {args.guild}"
    if not plan.has_changes:
        return 0

    if args.check:
        guild = "" if args.guild is None else f" --guild {args.guild}"
        command = f"ikit sync {args.app}{guild}"
        print(
            f"ikit: Discord's commands ({where}) differ from the app's; run "
            f"`{command}` to update them.",
            file=sys.stderr,
        )
        return 1

    if args.dry_run:
        print("Dry run: nothing was sent to Discord.")
    else:
        count = len(plan.created) + len(plan.updated) + len(plan.unchanged)
        print(f"Synced {count} commands to Discord ({where}).")

    return 0


def _read_env(env_file: str | None) -> None:
    from ikit.app import _read_env_file

    for key, value in (_read_env_file(Path(env_file)) if env_file else {}).items():
        os.environ.setdefault(key, value)


def _load_app(target: str) -> App:
    """The app named by ``module[:attribute]`` or ``path/to/bot.py[:attribute]``."""
    from ikit.app import App

    location, _, attribute = target.partition(":")
    module_name = _importable(location)
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise _CannotLoad(f"cannot import {module_name}: {error}") from None

    app = getattr(module, attribute or "app", None)
    if not isinstance(app, App):
        found = "nothing" if app is None else f"a {type(app).__name__}"
        name = f"{module_name}:{attribute or 'app'}"
        raise _CannotLoad(f"{name} is {found}, not an ikit.App")

    return app


def _importable(location: str) -> str:
    """The module name of ``location``, with its folder on the import path."""
    if location.endswith(".py"):
        path = Path(location).resolve()
        if not path.is_file():
            raise _CannotLoad(f"no such file: {location}")
        folder, name = str(path.parent), path.stem
    else:
        folder, name = os.getcwd(), location

    if folder not in sys.path:
        sys.path.insert(0, folder)

    return name


def _fail(message: str) -> int:
    print(f"ikit: {message}", file=sys.stderr)
    return 2
