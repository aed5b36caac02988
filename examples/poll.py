"""The poll bot from ikit's design: a slash command that posts a Components V2 poll,
and a stateless button handler that survives restarts.

Serve it locally (no Discord account needed) with::

    ikit serve examples/poll.py
"""

from __future__ import annotations

from typing import Annotated, Literal

import ikit
from ikit import ui

app = ikit.App.from_env()


@app.command
async def poll(
    ctx: ikit.CommandContext,
    question: str,
    minutes: Annotated[int, ikit.Range(1, 60)] = 10,
) -> ikit.Response:
    """Start a poll."""
    return ctx.reply(
        ui.Container(
            ui.TextDisplay(f"## {question}"),
            ui.TextDisplay(f"-# Closes in {minutes} minutes."),
            ui.Separator(),
            ui.ActionRow(
                ui.Button(
                    "Yes", style="success", custom_id=vote.custom_id(choice="yes")
                ),
                ui.Button("No", style="danger", custom_id=vote.custom_id(choice="no")),
            ),
            accent_color=0x5865F2,
        )
    )


@app.component("vote/{choice}")
async def vote(
    ctx: ikit.ComponentContext, choice: Literal["yes", "no"]
) -> ikit.Response:
    return ctx.reply(f"You voted {choice}.", ephemeral=True)
