"""Transport-free dispatch: commands, components, modals, hooks and errors."""

from __future__ import annotations

import subprocess
import sys
from typing import Annotated, Any, Literal

import pytest

import ikit
from ikit import models, ui

pytestmark = pytest.mark.anyio

BASE: dict[str, Any] = {
    "id": "1578135723020648448",
    "application_id": "1",
    "token": "tok",
    "user": {"id": "9", "username": "ana"},
}


def _interaction(payload: dict[str, Any]) -> models.Interaction:
    return models.decode_interaction(models.encode({**BASE, **payload}))


def _app() -> ikit.App:
    app = ikit.App(application_id=1)

    @app.command
    async def poll(
        ctx: ikit.CommandContext,
        question: str,
        minutes: Annotated[int, ikit.Range(1, 60)] = 10,
    ) -> ikit.Response:
        """Start a poll."""
        return ctx.reply(
            ui.TextDisplay(f"## {question} ({minutes} min)"),
            ui.ActionRow(
                ui.Button(
                    "Yes", style="success", custom_id=vote.custom_id(choice="yes")
                )
            ),
        )

    @app.component("vote/{choice}")
    async def vote(
        ctx: ikit.ComponentContext, choice: Literal["yes", "no"]
    ) -> ikit.Response:
        return ctx.reply(f"You voted {choice}.", ephemeral=True)

    @app.modal("feedback/{topic}")
    async def feedback(
        ctx: ikit.ModalContext, topic: str, comment: str = "", agree: bool = False
    ) -> ikit.Response:
        return ctx.reply(f"{topic}: {comment} ({agree})")

    @app.component("crash")
    async def crash(ctx: ikit.ComponentContext) -> ikit.Response:
        raise RuntimeError("boom")

    return app


async def test_a_slash_command_gets_typed_options() -> None:
    app = _app()
    interaction = _interaction(
        {
            "type": 2,
            "data": {
                "id": "5",
                "name": "poll",
                "type": 1,
                "options": [{"name": "question", "type": 3, "value": "Lunch?"}],
            },
        }
    )

    response = await app.dispatch(interaction)

    assert isinstance(response, models.MessageResponse)
    encoded = models.encode(response)
    assert b"## Lunch? (10 min)" in encoded
    assert b'"custom_id":"vote/yes"' in encoded


async def test_a_button_routes_by_custom_id() -> None:
    interaction = _interaction(
        {"type": 3, "data": {"custom_id": "vote/no", "component_type": 2}}
    )

    response = await _app().dispatch(interaction)

    assert isinstance(response, models.MessageResponse)
    assert response.data is not None
    assert response.data.content == "You voted no."
    assert response.data.flags == models.MessageFlags.EPHEMERAL


async def test_a_modal_handler_receives_fields_by_custom_id() -> None:
    components = [
        {"type": 18, "component": {"type": 4, "custom_id": "comment", "value": "ok"}},
        {"type": 18, "component": {"type": 23, "custom_id": "agree", "value": True}},
    ]
    interaction = _interaction(
        {"type": 5, "data": {"custom_id": "feedback/ui", "components": components}}
    )

    response = await _app().dispatch(interaction)

    assert isinstance(response, models.MessageResponse)
    assert response.data is not None
    assert response.data.content == "ui: ok (True)"


async def test_unknown_routes_and_commands_get_the_apps_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = _app()
    app.unknown_message = "Gone."
    interaction = _interaction(
        {"type": 3, "data": {"custom_id": "nothing/here", "component_type": 2}}
    )

    response = await app.dispatch(interaction)

    assert isinstance(response, models.MessageResponse)
    assert response.data is not None
    assert response.data.content == "Gone."
    assert "no component handler matches 'nothing/here'" in caplog.text


async def test_a_raising_handler_is_logged_and_answered(
    caplog: pytest.LogCaptureFixture,
) -> None:
    interaction = _interaction(
        {"type": 3, "data": {"custom_id": "crash", "component_type": 2}}
    )

    response = await _app().dispatch(interaction)

    assert isinstance(response, models.MessageResponse)
    assert response.data is not None
    assert response.data.flags == models.MessageFlags.EPHEMERAL
    assert "RuntimeError: boom" in caplog.text


async def test_a_hook_may_answer_instead_of_the_handler() -> None:
    app = _app()

    @app.before
    async def only_admins(ctx: ikit.Context[Any]) -> ikit.Response | None:
        return models.MessageResponse(data=models.MessagePayload(content="no"))

    interaction = _interaction(
        {"type": 3, "data": {"custom_id": "vote/yes", "component_type": 2}}
    )

    response = await app.dispatch(interaction)

    assert isinstance(response, models.MessageResponse)
    assert response.data is not None
    assert response.data.content == "no"


def test_importing_ikit_stays_light() -> None:
    code = "import sys, ikit; print('hypercorn' in sys.modules, 'httpx' in sys.modules)"

    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert out.stdout.split() == ["False", "False"]


async def test_an_early_answer_is_the_answer_and_the_handler_finishes(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = ikit.App(application_id=1)
    steps: list[str] = []

    @app.component("work")
    async def work(ctx: ikit.ComponentContext) -> None:
        await ctx.send(ctx.defer_update())
        steps.append("kept working")

    interaction = _interaction(
        {"type": 3, "data": {"custom_id": "work", "component_type": 2}}
    )

    response = await app.dispatch(interaction)

    assert isinstance(response, models.DeferredUpdateResponse)
    assert steps == ["kept working"]
    assert "no answer" not in caplog.text


async def test_returning_after_an_early_answer_is_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = ikit.App(application_id=1)

    @app.component("twice")
    async def twice(ctx: ikit.ComponentContext) -> ikit.Response:
        await ctx.send(ctx.defer_update())
        return ctx.update("again")

    interaction = _interaction(
        {"type": 3, "data": {"custom_id": "twice", "component_type": 2}}
    )

    response = await app.dispatch(interaction)

    assert isinstance(response, models.DeferredUpdateResponse)
    assert "returned an answer after it had already answered" in caplog.text
