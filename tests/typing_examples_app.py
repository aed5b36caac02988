"""What the type checker infers from ikit.App and its contexts; checked by strict mypy
in CI, never run.

Each ``assert_type`` pins a type users see: a handler's parameters as the handler
receives them, what ``handler.custom_id(...)`` takes and returns, and the answer each
context method builds. Each ``# type: ignore[code]`` pins a mistake the checker must
flag (a wrong keyword or type given to ``custom_id``, an answer a context does not
offer, a handler of the wrong kind); mypy's warn_unused_ignores fails the check if it
stops flagging one.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, Literal, assert_type

import ikit
from ikit import models, ui
from ikit.commands import MessageCommand, SlashCommand, UserCommand
from ikit.context import ResponseWithFiles
from ikit.models import Attachment, Member, Message, PartialChannel, Role, User
from ikit.rest import File
from ikit.routing import Route

app = ikit.App()

# -- components: parameters, and what custom_id() takes ------------------------------


@app.component("poll/{poll_id}/vote/{choice}")
async def vote(
    ctx: ikit.ComponentContext, poll_id: uuid.UUID, choice: Literal["yes", "no"]
) -> ikit.Response:
    assert_type(ctx, ikit.ComponentContext)
    assert_type(poll_id, uuid.UUID)
    assert_type(choice, Literal["yes", "no"])
    return ctx.reply(f"You voted {choice}.", ephemeral=True)


@app.component("page/{n}")
async def page(
    ctx: ikit.ComponentContext, n: int, values: Sequence[str] = ()
) -> models.UpdateMessageResponse:
    return ctx.update(f"Page {n}: {', '.join(values)}")


def component_custom_ids(poll_id: uuid.UUID) -> None:
    assert_type(vote.custom_id(poll_id=poll_id, choice="yes"), str)
    assert_type(vote.route, Route)
    assert_type(page.custom_id(n=2), str)

    vote.custom_id(poll_id=poll_id, choice="maybe")  # type: ignore[arg-type]
    vote.custom_id(poll_id=str(poll_id), choice="no")  # type: ignore[arg-type]
    vote.custom_id(poll_id=poll_id, chioce="no")  # type: ignore[call-arg]
    vote.custom_id(poll_id=poll_id)  # type: ignore[call-arg]
    page.custom_id(n="2")  # type: ignore[arg-type]
    page.custom_id(n=2, page=3)  # type: ignore[call-arg]


# -- selects: values typed by their annotation ---------------------------------------


@app.component("pick/fruit")
async def fruit(ctx: ikit.ComponentContext, values: list[str]) -> ikit.Response:
    assert_type(values, list[str])
    assert_type(ctx.values, list[str])
    return ctx.update(", ".join(values))


@app.component("pick/users")
async def users(ctx: ikit.ComponentContext, values: list[User]) -> ikit.Response:
    assert_type(values[0].username, str)
    return ctx.defer_update()


@app.component("pick/members")
async def members(ctx: ikit.ComponentContext, values: list[Member]) -> ikit.Response:
    assert_type(values[0].user, User | None)
    return ctx.defer_update()


@app.component("pick/roles")
async def roles(ctx: ikit.ComponentContext, values: list[Role]) -> ikit.Response:
    assert_type(values[0].name, str)
    return ctx.defer_update()


@app.component("pick/channels")
async def channels(
    ctx: ikit.ComponentContext, values: list[PartialChannel]
) -> ikit.Response:
    assert_type(values[0].name, str | None)
    return ctx.defer_update()


@app.component("pick/mentionables")
async def mentionables(
    ctx: ikit.ComponentContext, values: list[User | Role]
) -> ikit.Response:
    assert_type(values[0], User | Role)
    return ctx.defer_update()


def select_custom_ids() -> None:
    # `values` is a parameter of the function, so custom_id() asks for it unless it
    # has a default (as `page` above gives it): the checker flags the call.
    fruit.custom_id()  # type: ignore[call-arg]
    assert_type(fruit.custom_id(values=[]), str)


# -- modals: fields typed by their annotation ----------------------------------------


@app.modal("report/{project}")
async def report(
    ctx: ikit.ModalContext,
    project: int,
    title: str = "",
    area: Sequence[str] = (),
    screenshots: Sequence[Attachment] = (),
    severity: str | None = None,
    contact: bool = False,
) -> ikit.Response:
    assert_type(ctx, ikit.ModalContext)
    assert_type(project, int)
    assert_type(screenshots, Sequence[Attachment])
    assert_type(severity, str | None)
    assert_type(contact, bool)
    return ctx.reply(f"Filed {title}", ephemeral=True)


def modal_custom_ids() -> None:
    assert_type(report.custom_id(project=7), str)
    report.custom_id(project="7")  # type: ignore[arg-type]
    report.custom_id()  # type: ignore[call-arg]
    ui.Modal(
        ui.TextInput(custom_id="title", label="Title"),
        custom_id=report.custom_id(project=7),
        title="Report a bug",
    )


# -- handlers of the wrong kind are refused ------------------------------------------


async def command_context(ctx: ikit.CommandContext) -> ikit.Response:
    return ctx.reply("x")


async def not_an_answer(ctx: ikit.ComponentContext) -> str:
    return "x"


def blocking_hook(ctx: ikit.Context[Any]) -> None:
    return None


def wrong_handlers() -> None:
    app.component("x")(command_context)  # type: ignore[arg-type]
    app.modal("x")(command_context)  # type: ignore[arg-type]
    app.component("y")(not_an_answer)  # type: ignore[type-var]
    app.before(blocking_hook)  # type: ignore[arg-type]


# -- commands keep their signature ---------------------------------------------------


@app.command
async def poll(
    ctx: ikit.CommandContext, question: str, minutes: int = 10
) -> models.MessageResponse:
    """Start a poll."""
    return ctx.reply(question)


@app.command(name="ask", description="Ask a question")
async def ask(ctx: ikit.CommandContext, question: str) -> ikit.Response:
    return ctx.reply(question)


@app.user_command(name="Inspect User")
async def inspect_user(
    ctx: ikit.CommandContext, target: Member | User
) -> ikit.Response:
    return ctx.reply(str(target))


@app.message_command(name="Quote")
async def quote(ctx: ikit.CommandContext, target: Message) -> ikit.Response:
    return ctx.reply(target.content)


@poll.autocomplete("question")
async def questions(ctx: ikit.AutocompleteContext) -> ikit.Response:
    return ctx.suggest(["Tea?", "Coffee?"])


async def commands(ctx: ikit.CommandContext, member: Member) -> None:
    slash: SlashCommand[..., Any] = poll
    assert_type(slash.name, str)
    assert_type(await poll(ctx, "Tea?", minutes=5), models.MessageResponse)
    await poll(ctx, 42)  # type: ignore[arg-type]
    assert_type(ask.name, str)
    user_menu: UserCommand[..., Any] = inspect_user
    message_menu: MessageCommand[..., Any] = quote
    assert_type(user_menu.target, str)
    assert_type(message_menu.name, str)
    assert_type(await inspect_user(ctx, member), ikit.Response)
    await quote(ctx, member)  # type: ignore[arg-type]


# -- what each context's answers return ----------------------------------------------


def answers(
    command: ikit.CommandContext,
    component: ikit.ComponentContext,
    modal: ikit.ModalContext,
    autocomplete: ikit.AutocompleteContext,
    form: models.Modal,
) -> None:
    for ctx in (command, component, modal):
        assert_type(ctx.reply("Hi"), models.MessageResponse)
        assert_type(ctx.reply(ui.TextDisplay("Hi")), models.MessageResponse)
        assert_type(
            ctx.reply("Hi", files=[File(b"x", name="a.txt")]), ResponseWithFiles
        )
        assert_type(ctx.defer(ephemeral=True), models.DeferredMessageResponse)

    assert_type(command.modal(form), models.ModalResponse)
    assert_type(component.modal(form), models.ModalResponse)
    assert_type(component.update("Done"), models.UpdateMessageResponse)
    assert_type(component.defer_update(), models.DeferredUpdateResponse)
    assert_type(modal.update("Done"), models.UpdateMessageResponse)
    assert_type(
        component.update("Done", files=[File(b"x", name="a.txt")]), ResponseWithFiles
    )
    assert_type(autocomplete.suggest(["a", "b"]), models.AutocompleteResponse)
    assert_type(autocomplete.suggest({"A": 1}), models.AutocompleteResponse)
    assert_type(autocomplete.focused, str)
    assert_type(autocomplete.value, str)

    command.update("Done")  # type: ignore[attr-defined]
    modal.modal(form)  # type: ignore[attr-defined]
    autocomplete.update("Done")  # type: ignore[attr-defined]
    autocomplete.modal(form)  # type: ignore[attr-defined]
    command.suggest(["a"])  # type: ignore[attr-defined]


async def later_messages(ctx: ikit.ComponentContext) -> None:
    assert_type(await ctx.followup("More", ephemeral=True), Message)
    assert_type(await ctx.edit_original("Edited"), Message)
    assert_type(await ctx.send(ctx.reply("Early")), None)
    assert_type(ctx.message, Message | None)
    assert_type(ctx.custom_id, str)


def hooks() -> None:
    async def check(ctx: ikit.Context[Any]) -> ikit.Response | None:
        return None

    async def explain(ctx: ikit.Context[Any], error: Exception) -> ikit.Response:
        return ctx.reply("Sorry.", ephemeral=True)

    assert_type(app.before(check), ikit.Hook)
    assert_type(app.on_error(explain), ikit.ErrorHandler)
