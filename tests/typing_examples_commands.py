"""What the type checker infers from ikit.commands; checked by strict mypy, not run.

Each ``assert_type`` pins a type users see. Decorated handlers keep their signature,
so they can still be called (and tested) directly; a ``type: ignore`` pins a call
the checker must refuse (mypy's warn_unused_ignores fails if it is accepted).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from typing import Annotated, Any, assert_type

from ikit.commands import (
    AutocompleteInvocation,
    Command,
    CommandRegistry,
    FieldChange,
    Group,
    Invocation,
    Mentionable,
    MessageCommand,
    OptionSpec,
    Range,
    SlashCommand,
    SubCommand,
    SubcommandGroup,
    SyncPlan,
    UserCommand,
    plan_sync,
)
from ikit.models import (
    ApplicationCommand,
    ApplicationCommandData,
    Member,
    Message,
    Role,
    User,
)


async def poll(
    ctx: object, question: str, minutes: Annotated[int, Range(1, 60)] = 10
) -> str:
    return question


async def suggest(ctx: object, value: str) -> list[str]:
    return [value]


async def ban(ctx: object, target: Member) -> str:
    return str(target.nick)


async def quote(ctx: object, message: Message) -> str:
    return message.content


async def slash_commands(data: ApplicationCommandData) -> None:
    command = SlashCommand(poll)
    assert_type(await command(None, "Tea?", minutes=5), str)
    await command(None, 42)  # type: ignore[arg-type]
    assert_type(command.name, str)
    assert_type(command.options, tuple[OptionSpec, ...])
    assert_type(command.option("minutes").required, bool)
    assert_type(await command.autocomplete("question")(suggest)(None, "T"), list[str])
    assert_type(command.resolve(data), Invocation)
    assert_type(command.resolve(data).kwargs, dict[str, object])
    assert_type(command.resolve(data).handler, Callable[..., Awaitable[Any]])
    assert_type(command.resolve_autocomplete(data), AutocompleteInvocation)
    assert_type(command.resolve_autocomplete(data).value, str | int | float | bool)
    assert_type(command.to_model(), ApplicationCommand)


def sync_handlers_are_refused() -> None:
    def blocking(ctx: object) -> None: ...

    SlashCommand(blocking)  # type: ignore[type-var]


async def groups() -> None:
    config = Group("config", "Settings")
    assert_type(await config.command(poll)(None, "Tea?"), str)
    assert_type(await config.command(name="ask")(poll)(None, "Tea?"), str)
    admin = config.group("admin", "Admin settings")
    assert_type(admin, SubcommandGroup)
    assert_type(admin.command(poll).parent, Group | SubcommandGroup)
    assert_type(
        config.subcommands(), Iterator[tuple[tuple[str, ...], SubCommand[..., Any]]]
    )


async def context_menus() -> None:
    assert_type(await UserCommand(ban)(None, Member()), str)
    await UserCommand(ban)(None, "not a member")  # type: ignore[arg-type]
    assert_type(MessageCommand(quote, name="Quote").name, str)


def registry(data: ApplicationCommandData) -> None:
    commands = CommandRegistry()
    config = commands.add(Group("config", "Settings"))
    assert_type(config, Group)
    assert_type(commands.add(UserCommand(ban)).name, str)
    assert_type(commands.find(data), Command | None)
    assert_type(commands.resolve(data), Invocation)
    assert_type(commands.to_models(), list[ApplicationCommand])


def sync(local: list[ApplicationCommand]) -> None:
    plan = plan_sync(local, [], default_integration_types=[0, 1])
    assert_type(plan, SyncPlan)
    assert_type(plan.has_changes, bool)
    assert_type(plan.updated[0].changes, tuple[FieldChange, ...])
    assert_type(plan.render(), str)


def mentionables(value: Mentionable) -> None:
    assert_type(value, User | Member | Role)
