"""What the App does when things go wrong: answers Discord forbids, unknown commands
and routes, handlers that raise, and a customised error handler."""

from __future__ import annotations

import logging
from typing import Any, Literal

import pytest

import ikit
from ikit import models
from ikit.context import ResponseWithFiles
from ikit.errors import ResponseError
from tests.test_app_payloads import (
    click,
    decode,
    interaction,
    label,
    option,
    select,
    slash,
    submit,
)

pytestmark = pytest.mark.anyio

ERROR_MESSAGE = "Sorry, that failed. We logged it."


def ephemeral_text(response: ikit.Response) -> str | None:
    """The content of an ephemeral message answer (and nothing else)."""
    assert isinstance(response, models.MessageResponse)
    assert response.data is not None
    assert response.data.flags == models.MessageFlags.EPHEMERAL
    return response.data.content


def raised(caplog: pytest.LogCaptureFixture) -> list[tuple[str, BaseException]]:
    """The messages logged with an exception by ikit.app, and those exceptions."""
    return [
        (r.getMessage(), r.exc_info[1])
        for r in caplog.records
        if r.name == "ikit.app" and r.exc_info and r.exc_info[1] is not None
    ]


# -- answers Discord forbids ---------------------------------------------------------


def _update() -> models.UpdateMessageResponse:
    return models.UpdateMessageResponse(data=models.MessagePayload(content="edited"))


def _choices() -> models.AutocompleteResponse:
    return models.AutocompleteResponse(data=models.AutocompleteResult(choices=[]))


def _modal() -> models.ModalResponse:
    return models.ModalResponse(
        data=models.Modal(custom_id="m", title="Again", components=[])
    )


def forbidding_app(answer: ikit.Response) -> ikit.App:
    """Every handler of this app answers ``answer``, whatever it is asked."""
    app = ikit.App(application_id=1, error_message=ERROR_MESSAGE)

    @app.command
    async def poll(ctx: ikit.CommandContext, question: str) -> ikit.Response:
        """Start a poll."""
        return answer

    @app.component("vote/{choice}")
    async def vote(ctx: ikit.ComponentContext, choice: str) -> ikit.Response:
        return answer

    @app.modal("form")
    async def form(ctx: ikit.ModalContext, text: str = "") -> ikit.Response:
        return answer

    return app


MODAL_SUBMIT = submit("form", [label({"type": 4, "custom_id": "text", "value": "x"})])

FORBIDDEN = [
    pytest.param(
        slash("poll", [option("question", 3, "Tea?")]),
        _update(),
        "UpdateMessageResponse as the answer to APPLICATION_COMMAND interactions; "
        "answer with one of: MessageResponse, DeferredMessageResponse, ModalResponse, "
        "LaunchActivityResponse.",
        id="command-updates-a-message",
    ),
    pytest.param(
        slash("poll", [option("question", 3, "Tea?")]),
        models.DeferredUpdateResponse(),
        "DeferredUpdateResponse as the answer to APPLICATION_COMMAND",
        id="command-defers-an-update",
    ),
    pytest.param(
        slash("poll", [option("question", 3, "Tea?")]),
        ResponseWithFiles(_update(), ()),
        "UpdateMessageResponse as the answer to APPLICATION_COMMAND",
        id="command-updates-with-files",
    ),
    pytest.param(
        click("vote/yes"),
        _choices(),
        "AutocompleteResponse as the answer to MESSAGE_COMPONENT interactions",
        id="button-suggests",
    ),
    pytest.param(
        MODAL_SUBMIT,
        _modal(),
        "ModalResponse as the answer to MODAL_SUBMIT interactions; answer with one "
        "of: MessageResponse, DeferredMessageResponse, UpdateMessageResponse, "
        "DeferredUpdateResponse, LaunchActivityResponse.",
        id="modal-opens-a-modal",
    ),
    pytest.param(
        slash("poll", [option("question", 3, "Tea?")]),
        models.PongResponse(),
        "PongResponse as the answer to APPLICATION_COMMAND",
        id="command-pongs",
    ),
]


@pytest.mark.parametrize(("payload", "answer", "message"), FORBIDDEN)
async def test_an_answer_discord_forbids_is_logged_and_answered_with_the_error(
    payload: dict[str, Any],
    answer: ikit.Response,
    message: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    response = await forbidding_app(answer).dispatch(decode(payload))

    assert ephemeral_text(response) == ERROR_MESSAGE
    ((logged, error),) = raised(caplog)
    assert logged.startswith("handler for ")
    assert isinstance(error, ResponseError)
    assert str(error).startswith("Discord does not accept ")
    assert message in str(error)


def command_opened_modal_app() -> ikit.App:
    app = ikit.App(application_id=1, error_message=ERROR_MESSAGE)

    @app.modal("rename")
    async def rename(ctx: ikit.ModalContext, name: str) -> ikit.Response:
        return ctx.update(f"Renamed to {name}.")

    @app.modal("rename-later")
    async def rename_later(ctx: ikit.ModalContext, name: str) -> ikit.Response:
        return ctx.defer_update()

    return app


@pytest.mark.parametrize("custom_id", ["rename", "rename-later"])
async def test_updating_from_a_modal_a_command_opened_is_an_error(
    custom_id: str, caplog: pytest.LogCaptureFixture
) -> None:
    fields = [label({"type": 4, "custom_id": "name", "value": "Ada"})]
    payload = submit(custom_id, fields, from_message=False)

    response = await command_opened_modal_app().dispatch(decode(payload))

    assert ephemeral_text(response) == ERROR_MESSAGE
    ((logged, error),) = raised(caplog)
    assert logged == f"handler for custom_id {custom_id!r} raised"
    assert isinstance(error, ResponseError)
    assert str(error) == (
        "This modal was opened by a command, so there is no message to update; "
        "answer with ctx.reply() instead."
    )


async def test_updating_from_a_modal_a_button_opened_is_allowed() -> None:
    fields = [label({"type": 4, "custom_id": "name", "value": "Ada"})]
    payload = submit("rename", fields, from_message=True)

    response = await command_opened_modal_app().dispatch(decode(payload))

    assert isinstance(response, models.UpdateMessageResponse)


async def test_a_forbidden_autocomplete_answer_suggests_nothing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = ikit.App(application_id=1)

    @app.command
    async def play(ctx: ikit.CommandContext, song: str) -> ikit.Response:
        """Play a song."""
        return ctx.reply(song)

    @play.autocomplete("song")
    async def songs(ctx: ikit.AutocompleteContext) -> ikit.Response:
        return ctx.reply("Autocomplete cannot answer with a message.")

    focused = option("song", 3, "bl", focused=True)
    response = await app.dispatch(decode(slash("play", [focused], autocomplete=True)))

    assert response == _choices()
    ((_, error),) = raised(caplog)
    assert "MessageResponse as the answer to APPLICATION_COMMAND_AUTOCOMPLETE" in str(
        error
    )


# -- unknown commands and routes -----------------------------------------------------

UNKNOWN = [
    pytest.param(
        click("gone/42"), "no component handler matches 'gone/42'", id="button"
    ),
    pytest.param(
        select("gone/menu", 3, ["a"]),
        "no component handler matches 'gone/menu'",
        id="select",
    ),
    pytest.param(
        submit("gone/form", []), "no modal handler matches 'gone/form'", id="modal"
    ),
    pytest.param(
        slash("ghost", [option("sub", 1, options=[])]),
        "no command handler matches '/ghost sub'",
        id="command",
    ),
    pytest.param(
        click("vote/maybe"),
        "custom_id 'vote/maybe' does not fit route 'vote/{choice}': parameter "
        "'choice' expected one of 'yes', 'no', got 'maybe'",
        id="value-that-does-not-convert",
    ),
]


def known_app() -> ikit.App:
    app = ikit.App(application_id=1, unknown_message="That button expired.")

    @app.component("vote/{choice}")
    async def vote(
        ctx: ikit.ComponentContext, choice: Literal["yes", "no"]
    ) -> ikit.Response:
        return ctx.reply(choice)

    return app


@pytest.mark.parametrize(("payload", "logged"), UNKNOWN)
async def test_what_no_handler_takes_is_a_warning_with_what_arrived(
    payload: dict[str, Any], logged: str, caplog: pytest.LogCaptureFixture
) -> None:
    decoded = decode(payload)

    response = await known_app().dispatch(decoded)

    assert ephemeral_text(response) == "That button expired."
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert [r.name for r in warnings] == ["ikit.app"] * len(warnings)
    assert any(logged in r.getMessage() for r in warnings), caplog.text


async def test_an_unknown_command_in_autocomplete_suggests_nothing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    focused = option("song", 3, "bl", focused=True)

    response = await known_app().dispatch(
        decode(slash("ghost", [focused], autocomplete=True))
    )

    assert response == _choices()
    assert [(r.levelno, r.getMessage().split(" (")[0]) for r in caplog.records] == [
        (logging.WARNING, "no command handler matches '/ghost'")
    ]


async def test_an_interaction_type_ikit_does_not_know_is_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    payload = interaction(42, {"something": "new"})

    response = await known_app().dispatch(decode(payload))

    assert ephemeral_text(response) == "That button expired."
    assert caplog.records[-1].levelno == logging.WARNING
    assert caplog.records[-1].getMessage() == (
        "received interaction type 42, which this version of ikit does not know; "
        "upgrade ikit to handle it"
    )


# -- handlers that raise -------------------------------------------------------------


def crashing_app() -> ikit.App:
    app = ikit.App(application_id=1, error_message=ERROR_MESSAGE)

    @app.command
    async def report(ctx: ikit.CommandContext, text: str) -> ikit.Response:
        """Report something."""
        raise RuntimeError("the database is down")

    @report.autocomplete("text")
    async def suggest(ctx: ikit.AutocompleteContext) -> ikit.Response:
        raise RuntimeError("the search index is down")

    @app.component("ratio/{n}")
    async def ratio(ctx: ikit.ComponentContext, n: int) -> ikit.Response:
        return ctx.reply(f"{1 / n}")

    return app


RAISING = [
    pytest.param(
        slash("report", [option("text", 3, "x")]),
        "handler for /report raised",
        "RuntimeError: the database is down",
        id="command",
    ),
    pytest.param(
        click("ratio/0"),
        "handler for custom_id 'ratio/0' raised",
        "ZeroDivisionError: division by zero",
        id="button",
    ),
]


@pytest.mark.parametrize(("payload", "logged", "traceback"), RAISING)
async def test_a_raising_handler_is_logged_with_its_traceback_and_answered(
    payload: dict[str, Any],
    logged: str,
    traceback: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    response = await crashing_app().dispatch(decode(payload))

    assert ephemeral_text(response) == ERROR_MESSAGE
    (record,) = [r for r in caplog.records if r.exc_info]
    assert (record.name, record.levelno) == ("ikit.app", logging.ERROR)
    assert record.getMessage() == logged
    assert "Traceback (most recent call last)" in caplog.text
    assert traceback in caplog.text


async def test_a_raising_autocomplete_handler_suggests_nothing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    focused = option("text", 3, "x", focused=True)

    response = await crashing_app().dispatch(
        decode(slash("report", [focused], autocomplete=True))
    )

    assert response == _choices()
    assert "RuntimeError: the search index is down" in caplog.text


# -- a customised error handler ------------------------------------------------------


def app_with_error_handler(seen: list[tuple[str, str]]) -> ikit.App:
    app = crashing_app()

    @app.on_error
    async def explain(ctx: ikit.Context[Any], error: Exception) -> ikit.Response:
        seen.append((type(ctx).__name__, repr(error)))
        if isinstance(ctx, ikit.AutocompleteContext):
            return ctx.suggest(["(search is unavailable)"])
        return ctx.reply(f"Failed: {type(error).__name__}. Try again.", ephemeral=True)

    return app


async def test_a_custom_error_handler_answers_after_ikit_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    seen: list[tuple[str, str]] = []

    response = await app_with_error_handler(seen).dispatch(decode(click("ratio/0")))

    assert ephemeral_text(response) == "Failed: ZeroDivisionError. Try again."
    assert seen == [
        ("ComponentContext", "ZeroDivisionError('division by zero')"),
    ]
    assert "handler for custom_id 'ratio/0' raised" in caplog.text


async def test_a_custom_error_handler_answers_autocomplete_its_own_way() -> None:
    seen: list[tuple[str, str]] = []
    focused = option("text", 3, "x", focused=True)

    response = await app_with_error_handler(seen).dispatch(
        decode(slash("report", [focused], autocomplete=True))
    )

    assert isinstance(response, models.AutocompleteResponse)
    assert response.data is not None
    assert [c.name for c in response.data.choices] == ["(search is unavailable)"]


async def test_a_raising_error_handler_falls_back_to_the_default(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = crashing_app()

    @app.on_error
    async def broken(ctx: ikit.Context[Any], error: Exception) -> ikit.Response:
        raise LookupError("no translation for the error message")

    response = await app.dispatch(decode(click("ratio/0")))

    assert ephemeral_text(response) == ERROR_MESSAGE
    assert [message for message, _ in raised(caplog)] == [
        "handler for custom_id 'ratio/0' raised",
        "the app's error handler raised too",
    ]


async def test_a_forbidden_answer_from_the_error_handler_falls_back_too(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = crashing_app()

    @app.on_error
    async def always_reply(ctx: ikit.Context[Any], error: Exception) -> ikit.Response:
        return models.MessageResponse(data=models.MessagePayload(content="oops"))

    focused = option("text", 3, "x", focused=True)
    response = await app.dispatch(decode(slash("report", [focused], autocomplete=True)))

    assert response == _choices()
    ((_, first), (_, second)) = raised(caplog)
    assert isinstance(first, RuntimeError)
    assert isinstance(second, ResponseError)
    assert "MessageResponse as the answer to APPLICATION_COMMAND_AUTOCOMPLETE" in str(
        second
    )
