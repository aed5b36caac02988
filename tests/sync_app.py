"""The app that ``ikit sync tests.sync_app:app`` syncs in tests/test_sync.py.

It reads its application id and bot token from the environment, as a real app does;
the tests import it afresh for each run of the command.
"""

from __future__ import annotations

from typing import Annotated

import ikit

app = ikit.App.from_env()


@app.command
async def ping(ctx: ikit.CommandContext) -> ikit.Response:
    """Check that the bot is alive."""
    return ctx.reply("pong")


@app.command
async def poll(
    ctx: ikit.CommandContext,
    question: str,
    minutes: Annotated[int, ikit.Range(1, 60)] = 10,
) -> ikit.Response:
    """Start a poll."""
    return ctx.reply(f"{question} ({minutes} minutes)")
