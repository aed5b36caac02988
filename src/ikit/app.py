"""The App: what a bot declares (commands, component and modal routes, hooks) and the
transport-free dispatch that answers an interaction.

``await app.dispatch(interaction)`` is pure: it finds the handler, builds its context,
calls it and returns its first answer, without any HTTP. The server (``ikit.server``)
adds the deadline: :meth:`App.respond` answers "deferred" for a handler that is late and
turns its eventual answer into an edit of the original response.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import logging
import math
import os
import time
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Mapping,
    Sequence,
)
from pathlib import Path
from typing import (
    TYPE_CHECKING,
    Any,
    Concatenate,
    ParamSpec,
    Protocol,
    TypeVar,
    overload,
)

from ikit import _handlers
from ikit._handlers import Handler
from ikit.commands import (
    CommandRegistry,
    Group,
    MessageCommand,
    SlashCommand,
    UserCommand,
)
from ikit.context import (
    AutocompleteContext,
    CommandContext,
    ComponentContext,
    Context,
    ModalContext,
    Response,
    ResponseWithFiles,
)
from ikit.errors import CustomIdError, DecodeError, ResponseError
from ikit.models import (
    ApplicationCommandInteraction,
    AutocompleteInteraction,
    AutocompleteResponse,
    AutocompleteResult,
    DeferredMessageResponse,
    DeferredUpdateResponse,
    Interaction,
    InteractionType,
    LaunchActivityResponse,
    MessageComponentInteraction,
    MessageEdit,
    MessageFlags,
    MessagePayload,
    MessageResponse,
    ModalResponse,
    ModalSubmitInteraction,
    PingInteraction,
    PongResponse,
    UpdateMessageResponse,
)

if TYPE_CHECKING:
    from ikit.commands import SyncPlan
    from ikit.rest import RestClient
    from ikit.server._asgi import ASGIApp
    from ikit.server._core import HTTPResult
    from ikit.server.verify import ReplayGuard

__all__ = ["App", "ErrorHandler", "Hook", "Spawner"]

logger = logging.getLogger("ikit.app")

P = ParamSpec("P")
R = TypeVar("R", bound=Response | None)
#: What a command handler returns when called: its coroutine.
A = TypeVar("A", bound=Awaitable[Any])

#: Runs before every handler; returning a response answers instead of the handler.
Hook = Callable[[Context[Any]], Awaitable[Response | None]]
#: Turns a handler's exception into an answer for the user.
ErrorHandler = Callable[[Context[Any], Exception], Awaitable[Response | None]]
_Call = Callable[[], Awaitable[Response | None]]


class Spawner(Protocol):
    """Where work that outlives the HTTP answer runs (a task group, or the server's
    counted background)."""

    def start_soon(self, func: Callable[..., Awaitable[Any]], *args: Any) -> None: ...


#: Which first answers Discord accepts for each interaction type.
ALLOWED_RESPONSES: Mapping[InteractionType, tuple[type[Response], ...]] = {
    InteractionType.PING: (PongResponse,),
    InteractionType.APPLICATION_COMMAND: (
        MessageResponse,
        DeferredMessageResponse,
        ModalResponse,
        LaunchActivityResponse,
    ),
    InteractionType.MESSAGE_COMPONENT: (
        MessageResponse,
        DeferredMessageResponse,
        UpdateMessageResponse,
        DeferredUpdateResponse,
        ModalResponse,
        LaunchActivityResponse,
    ),
    InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE: (AutocompleteResponse,),
    InteractionType.MODAL_SUBMIT: (
        MessageResponse,
        DeferredMessageResponse,
        UpdateMessageResponse,
        DeferredUpdateResponse,
        LaunchActivityResponse,
    ),
}


class App:
    """A Discord app that receives interactions over HTTP.

    It is also an ASGI application: hand it to any ASGI server, or run
    ``ikit serve module:app``.
    """

    def __init__(
        self,
        *,
        application_id: int | str | None = None,
        public_key: str | None = None,
        token: str | None = None,
        unknown_message: str = "This command or component is no longer available.",
        error_message: str = "Something went wrong while handling that. It was logged.",
        deadline: float = 2.5,
        rest_base_url: str | None = None,
        path: str = "/",
        health_path: str | None = None,
        max_body_size: int = 1 << 20,
        timestamp_window: float | None = 300.0,
        replay_guard: ReplayGuard | None = None,
        shutdown_timeout: float = 10.0,
        integration_types: Iterable[int] = (0,),
    ) -> None:
        self.application_id = int(application_id) if application_id else None
        self.public_key = public_key
        self.token = token
        self.unknown_message = unknown_message
        self.error_message = error_message
        #: Seconds from the interaction's creation after which ikit defers for a
        #: handler that has not answered (Discord allows 3).
        self.deadline = deadline
        self.rest_base_url = rest_base_url
        #: How the app can be installed (0 guild, 1 user), as set in the Developer
        #: Portal: what Discord assumes for commands that name no integration_types.
        self.integration_types = tuple(integration_types)
        self._components = _routing_table()
        self._modals = _routing_table()
        self._hooks: list[Hook] = []
        self._error_handler: ErrorHandler = self._default_error_handler
        self._rest: RestClient | None = None
        self._made_rest: RestClient | None = None  # the one the app closes itself
        self.commands = CommandRegistry()
        """The declared commands, as :meth:`sync` sends them to Discord."""
        self._command_options: dict[tuple[int, str], dict[str, Any]] = {}
        self._server_options: dict[str, Any] = {
            "path": path,
            "health_path": health_path,
            "max_body_size": max_body_size,
            "timestamp_window": timestamp_window,
            "replay_guard": replay_guard,
            "shutdown_timeout": shutdown_timeout,
        }
        self._asgi: ASGIApp | None = None

    @property
    def shutdown_timeout(self) -> float:
        """Seconds shutdown waits for work that continues after answers."""
        return float(self._server_options["shutdown_timeout"])

    @classmethod
    def from_env(cls, *, env_file: str | Path | None = ".env", **kwargs: Any) -> App:
        """An app configured from DISCORD_APPLICATION_ID, DISCORD_PUBLIC_KEY and
        DISCORD_TOKEN, in the environment or in a ``.env`` file."""
        values = _read_env_file(Path(env_file)) if env_file else {}
        values.update(os.environ)
        return cls(
            application_id=kwargs.pop("application_id", None)
            or values.get("DISCORD_APPLICATION_ID"),
            public_key=kwargs.pop("public_key", None)
            or values.get("DISCORD_PUBLIC_KEY"),
            token=kwargs.pop("token", None) or values.get("DISCORD_TOKEN"),
            **kwargs,
        )

    # -- declarations ----------------------------------------------------------------

    def component(
        self, template: str, *, defer_ephemeral: bool = False
    ) -> Callable[
        [Callable[Concatenate[ComponentContext, P], Awaitable[R]]],
        Handler[ComponentContext, P, R],
    ]:
        """Handle buttons and selects whose custom_id matches ``template``.

        ``"vote/{poll_id}/{choice}"`` declares two parameters, converted by the
        handler's annotations. A select handler also takes ``values``.
        """

        def register(
            func: Callable[Concatenate[ComponentContext, P], Awaitable[R]],
        ) -> Handler[ComponentContext, P, R]:
            handler: Handler[ComponentContext, P, R] = Handler(
                "component",
                template,
                func,
                _handlers.select_parameters,
                {"defer_ephemeral": defer_ephemeral},
            )
            self._components.add(handler.route, handler)
            return handler

        return register

    def modal(
        self, template: str, *, defer_ephemeral: bool = False
    ) -> Callable[
        [Callable[Concatenate[ModalContext, P], Awaitable[R]]],
        Handler[ModalContext, P, R],
    ]:
        """Handle submitted modals whose custom_id matches ``template``.

        Every handler parameter that is not in the template receives the submitted
        field with that custom_id: give those parameters defaults so that
        ``custom_id()`` does not ask for them.
        """

        def register(
            func: Callable[Concatenate[ModalContext, P], Awaitable[R]],
        ) -> Handler[ModalContext, P, R]:
            handler: Handler[ModalContext, P, R] = Handler(
                "modal",
                template,
                func,
                _handlers.modal_parameters(template),
                {"defer_ephemeral": defer_ephemeral},
            )
            self._modals.add(handler.route, handler)
            return handler

        return register

    @overload
    def command(
        self, func: Callable[P, A], /, **options: Any
    ) -> SlashCommand[P, A]: ...
    @overload
    def command(
        self, func: None = None, /, **options: Any
    ) -> Callable[[Callable[P, A]], SlashCommand[P, A]]: ...
    @overload
    def command(self, func: Callable[..., Any], /, **options: Any) -> Any: ...

    def command(self, func: Callable[..., Any] | None = None, /, **options: Any) -> Any:
        """Declare a slash command from an async function.

        ``@app.command`` or ``@app.command(name=..., description=...)``; the options
        are the function's parameters after the context (see :mod:`ikit.commands`).
        """
        return self._declare(SlashCommand, func, options)

    @overload
    def user_command(
        self, func: Callable[P, A], /, **options: Any
    ) -> UserCommand[P, A]: ...
    @overload
    def user_command(
        self, func: None = None, /, **options: Any
    ) -> Callable[[Callable[P, A]], UserCommand[P, A]]: ...

    def user_command(
        self, func: Callable[P, A] | None = None, /, **options: Any
    ) -> Any:
        """Declare a user command (a context menu on users)."""
        return self._declare(UserCommand, func, options)

    @overload
    def message_command(
        self, func: Callable[P, A], /, **options: Any
    ) -> MessageCommand[P, A]: ...
    @overload
    def message_command(
        self, func: None = None, /, **options: Any
    ) -> Callable[[Callable[P, A]], MessageCommand[P, A]]: ...

    def message_command(
        self, func: Callable[P, A] | None = None, /, **options: Any
    ) -> Any:
        """Declare a message command (a context menu on messages)."""
        return self._declare(MessageCommand, func, options)

    def group(self, name: str, description: str, **options: Any) -> Group:
        """Declare a command with subcommands: ``@group.command`` adds one,
        ``group.group(...)`` a subcommand group."""
        return self.commands.add(Group(name, description, **options))

    def _declare(
        self, kind: Any, func: Callable[..., Any] | None, options: dict[str, Any]
    ) -> Any:
        defer_ephemeral = bool(options.pop("defer_ephemeral", False))

        def register(handler: Callable[..., Any]) -> Any:
            command = self.commands.add(kind(handler, **options))
            self._command_options[(int(command.type), command.name)] = {
                "defer_ephemeral": defer_ephemeral
            }
            return command

        return register if func is None else register(func)

    async def sync(
        self, *, guild_id: int | None = None, dry_run: bool = False
    ) -> SyncPlan:
        """Make Discord's commands (global, or ``guild_id``'s) match the declared ones.

        Fetches them, plans the changes (returned as a :class:`SyncPlan`, logged on
        ``ikit.sync``) and bulk-overwrites them only when something changed, unless
        ``dry_run``. Needs the application id and the bot token.
        """
        from ikit._sync import sync_commands

        return await sync_commands(self, guild_id=guild_id, dry_run=dry_run)

    def before(self, hook: Hook) -> Hook:
        """Run ``hook`` before every handler (permission checks, cooldowns).

        When the hook returns a response, it is the answer and the handler is not
        called.
        """
        self._hooks.append(hook)
        return hook

    def on_error(self, handler: ErrorHandler) -> ErrorHandler:
        """Answer a handler's exception with ``handler`` (after ikit logs it)."""
        self._error_handler = handler
        return handler

    # -- serving ---------------------------------------------------------------------

    @property
    def asgi(self) -> ASGIApp:
        """The ASGI application serving this app (built on first use)."""
        if self._asgi is None:
            from ikit.server._asgi import ASGIApp

            self._asgi = ASGIApp(self, **self._server_options)
        return self._asgi

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """ASGI 3 entry point: ``app`` is a plain ASGI application."""
        asgi = self._asgi if self._asgi is not None else self.asgi
        if scope["type"] == "http":
            await asgi._http(scope, receive, send)  # one coroutine less per request
        else:
            await asgi(scope, receive, send)

    @contextlib.asynccontextmanager
    async def lifespan(self) -> AsyncIterator[None]:
        """Run the app's background work (what handlers do after answering) for the
        duration of the block; on exit, wait for it (bounded by shutdown_timeout).

        ASGI servers do this through the lifespan protocol; use it yourself around
        :meth:`handle` on serverless platforms. Leaving it also closes the REST
        client the app made.
        """
        async with self.asgi.lifespan():
            yield

    async def handle(self, body: bytes, headers: Mapping[str, str]) -> HTTPResult:
        """Answer one HTTP request without ASGI: returns status, headers and body.

        Inside :meth:`lifespan`, it returns as soon as the handler answers, or with a
        deferral at the deadline, and work that continues after the answer keeps
        running in the lifespan's background. Outside it, nothing can run after this
        call returns, so it returns once the handler's work is done, with the
        handler's own answer (never a deferral) and a warning if that was too late.
        """
        asgi = self.asgi
        headers = {name.lower(): value for name, value in headers.items()}
        if len(body) > asgi.max_body_size:
            from ikit.server._core import too_large

            return too_large(asgi.max_body_size)
        if asgi.background is not None:
            return await asgi.handler.handle(body, headers, asgi.background)

        from ikit.server._core import background

        # No lifespan: the work after the answer has nowhere to run once this call
        # returns, so the answer waits for the handler (a deferral would come back
        # only after the handler's edit of it had already failed).
        async with background() as work:
            result = await asgi.handler.handle(body, headers, work, defer=False)
        return result

    # -- REST ------------------------------------------------------------------------

    @property
    def rest(self) -> RestClient:
        """The REST client, created on first use with the app's token."""
        if self._rest is None:
            from ikit.rest import RestClient

            kwargs: dict[str, Any] = {}
            if self.rest_base_url:
                kwargs["base_url"] = self.rest_base_url
            self._rest = self._made_rest = RestClient(token=self.token, **kwargs)
        return self._rest

    @rest.setter
    def rest(self, client: RestClient) -> None:
        """Use ``client``; the app never closes a client it was given."""
        self._rest = client

    async def _close_rest(self) -> None:
        """Close the REST client the app made, and forget it: a closed client cannot
        send, and the next lifespan (a reload, a test serving the app again) makes a
        fresh one. A client given through ``app.rest = ...`` is its owner's to
        close."""
        made, self._made_rest = self._made_rest, None
        if made is None:
            return
        if self._rest is made:
            self._rest = None
        await made.aclose()

    # -- dispatch --------------------------------------------------------------------

    async def dispatch(self, interaction: Interaction) -> Response:
        """Answer ``interaction``: find its handler, call it, return its first answer.

        No HTTP is involved; the handler's own REST calls (followups) still happen.
        """
        ctx, call = self._prepare(interaction)
        if ctx is None:
            return await _first(call)
        result = await self._execute(ctx, call)
        if ctx.answered:  # the handler answered early, with ctx.send()
            if result is not None:
                self._log_second_answer(ctx)
            early = ctx._answer
            assert early is not None  # answered means an answer was stored
            return early
        answer = result if result is not None else await self._no_answer(ctx)
        ctx._settle(answer)
        return answer

    async def respond(
        self,
        interaction: Interaction,
        task_group: Spawner,
        *,
        received_at: float | None = None,
        defer: bool = True,
    ) -> Response:
        """Answer within the deadline: the handler runs in ``task_group``; if it has
        not answered ``deadline`` seconds after the interaction was created, answer
        "deferred" for it and turn its eventual answer into an edit.

        With ``defer=False`` (where nothing can be sent before the work is done),
        wait for the handler's own answer however long it takes.
        """
        ctx, call = self._prepare(interaction)
        if ctx is None:
            return await _first(call)

        task_group.start_soon(self._complete, ctx, call)
        # Most handlers answer in their first step, inside start_soon: then there is
        # nothing to wait for.
        if ctx._answer is None:
            budget = self._budget(interaction, received_at) if defer else math.inf
            await ctx._wait_for_answer(budget)
        if not defer:
            self._warn_if_late(interaction, received_at)

        deferral = ctx._defer_for_handler()
        if deferral is not None:
            logger.info("deferred interaction %s for a slow handler", interaction.id)
            return deferral
        answer = ctx._answer
        assert answer is not None  # the event is set only with an answer
        return answer

    def _warn_if_late(
        self, interaction: Interaction, received_at: float | None
    ) -> None:
        if self._budget(interaction, received_at) > 0:
            return
        logger.warning(
            "%s answered after the %.1f s deadline, and outside app.lifespan() ikit "
            "cannot defer for it, so Discord shows the interaction as failed; answer "
            "sooner, or serve inside app.lifespan() where work may go on after the "
            "answer",
            _describe(interaction),
            self.deadline,
        )

    def _budget(self, interaction: Interaction, received_at: float | None) -> float:
        # Count from the interaction's creation (its snowflake), unless this host's
        # clock disagrees with Discord's; then count from arrival.
        now = time.time()
        created = interaction.id.timestamp_ms / 1000
        arrival = received_at if received_at is not None else now
        start = created if abs(arrival - created) < 2 else arrival
        return max(0.0, start + self.deadline - now)

    async def _complete(self, ctx: Context[Any], call: _Call) -> None:
        result = await self._execute(ctx, call)
        if result is None and not ctx.answered:
            result = await self._no_answer(ctx)
        if result is None or ctx._settle(result):
            return
        if ctx.auto_deferred:
            await self._finish_deferred(ctx, result)
        else:
            self._log_second_answer(ctx)

    def _log_second_answer(self, ctx: Context[Any]) -> None:
        logger.error(
            "%s returned an answer after it had already answered; use "
            "ctx.followup() or ctx.edit_original() for later messages",
            _describe(ctx.interaction),
        )

    async def _finish_deferred(self, ctx: Context[Any], answer: Response) -> None:
        files: Sequence[Any] = ()
        result = answer
        if isinstance(answer, ResponseWithFiles):
            result, files = answer.response, answer.files
        if isinstance(result, DeferredMessageResponse | DeferredUpdateResponse):
            return
        if not isinstance(result, MessageResponse | UpdateMessageResponse):
            logger.error(
                "%s answered %s after ikit deferred it; only a message can follow a "
                "deferral. Answer within %.1f s, or return ctx.reply()",
                _describe(ctx.interaction),
                type(result).__name__,
                self.deadline,
            )
            return
        payload = result.data or MessagePayload()
        try:
            await self._deliver_deferred(ctx, result, payload, files)
        except Exception:
            logger.exception(
                "could not deliver the deferred answer of %s",
                _describe(ctx.interaction),
            )

    async def _deliver_deferred(
        self,
        ctx: Context[Any],
        result: MessageResponse | UpdateMessageResponse,
        payload: MessagePayload,
        files: Sequence[Any],
    ) -> None:
        application_id, token = ctx.interaction.application_id, ctx.token
        if isinstance(result, MessageResponse) and isinstance(
            ctx._answer, DeferredUpdateResponse
        ):
            # The deferral left the clicked message as it was; a new message is a
            # followup, never an edit of the message the component sits on.
            await ctx.rest.create_followup(application_id, token, payload, files=files)
            return

        _warn_on_lost_ephemerality(ctx, result, payload)
        edit = _edit_for(payload)
        await ctx.rest.edit_original_response(application_id, token, edit, files=files)

    def _prepare(self, interaction: Interaction) -> tuple[Context[Any] | None, _Call]:
        if isinstance(interaction, PingInteraction):
            return None, _constant(PongResponse())
        if isinstance(interaction, ApplicationCommandInteraction):
            return self._prepare_command(interaction)
        if isinstance(interaction, AutocompleteInteraction):
            return self._prepare_autocomplete(interaction)
        if isinstance(interaction, MessageComponentInteraction):
            return self._prepare_component(interaction)
        if isinstance(interaction, ModalSubmitInteraction):
            return self._prepare_modal(interaction)
        logger.warning(
            "received interaction type %s, which this version of ikit does not know; "
            "upgrade ikit to handle it",
            int(interaction.type),
        )
        return None, _constant(self._unknown_answer())

    def _prepare_component(
        self, interaction: MessageComponentInteraction
    ) -> tuple[Context[Any] | None, _Call]:
        ctx = ComponentContext(interaction, self)
        match = self._match(self._components, interaction.data.custom_id)
        if match is None:
            return ctx, self._unknown(ctx, "component", interaction.data.custom_id)
        handler = match.handler
        ctx.defer_ephemeral = bool(handler.options.get("defer_ephemeral"))
        kwargs = dict(match.params)
        data = interaction.data
        for param in handler.filled():
            kwargs[param.name] = _handlers.convert_select_values(
                param, data.values or [], data.resolved
            )
        return ctx, _bind(handler.func, ctx, kwargs)

    def _prepare_modal(
        self, interaction: ModalSubmitInteraction
    ) -> tuple[Context[Any] | None, _Call]:
        ctx = ModalContext(interaction, self)
        match = self._match(self._modals, interaction.data.custom_id)
        if match is None:
            return ctx, self._unknown(ctx, "modal", interaction.data.custom_id)
        handler = match.handler
        ctx.defer_ephemeral = bool(handler.options.get("defer_ephemeral"))
        kwargs = dict(match.params)
        submitted = interaction.data.values()
        for param in handler.filled():
            kwargs[param.name] = _handlers.convert_field(
                param,
                submitted.get(param.name),
                param.name in submitted,
                interaction.data.resolved,
            )
        return ctx, _bind(handler.func, ctx, kwargs)

    def _prepare_command(
        self, interaction: ApplicationCommandInteraction
    ) -> tuple[Context[Any] | None, _Call]:
        ctx = CommandContext(interaction, self)
        data = interaction.data
        command = self.commands.find(data)
        if command is None:
            return ctx, self._unknown(ctx, "command", "/" + " ".join(data.path()))
        options = self._command_options.get((int(data.type), data.name), {})
        ctx.defer_ephemeral = bool(options.get("defer_ephemeral"))
        try:
            invocation = command.resolve(data)
        except DecodeError as error:
            return ctx, self._stale(ctx, error)
        # The keyword arguments were built for this call alone: no copy needed.
        return ctx, _bind(invocation.handler, ctx, invocation.kwargs)

    def _prepare_autocomplete(
        self, interaction: AutocompleteInteraction
    ) -> tuple[Context[Any] | None, _Call]:
        ctx = AutocompleteContext(interaction, self)
        data = interaction.data
        if self.commands.find(data) is None:
            return ctx, self._unknown(ctx, "command", "/" + " ".join(data.path()))
        try:
            invocation = self.commands.resolve_autocomplete(data)
        except DecodeError as error:
            return ctx, self._stale(ctx, error)
        kwargs = _accepted(invocation.handler, dict(invocation.options))
        return ctx, _bind(invocation.handler, ctx, kwargs)

    def _match(self, table: Any, custom_id: str) -> Any:
        try:
            return table.match(custom_id)
        except CustomIdError as error:
            # A route claimed the id but a value did not convert: an id built by an
            # older handler, or one altered on the way. Answer as for unknown ids.
            logger.warning("%s", error)
            return None

    def _stale(self, ctx: Context[Any], error: DecodeError) -> _Call:
        # Discord sent what an older declaration of the command promised: the
        # commands were changed but not synced. A 400 would show the user only
        # "This interaction failed"; the unknown_message says more.
        logger.warning(
            "%s; answering with the app's unknown_message. Run `ikit sync` so that "
            "Discord shows the commands as declared",
            error,
        )
        if isinstance(ctx, AutocompleteContext):
            return _constant(_no_choices())
        return _constant(self._unknown_answer())

    def _unknown(self, ctx: Context[Any], kind: str, name: str) -> _Call:
        logger.warning(
            "no %s handler matches %r (interaction %s); answering with the app's "
            "unknown_message",
            kind,
            name,
            ctx.interaction.id,
        )
        if isinstance(ctx, AutocompleteContext):
            return _constant(_no_choices())
        return _constant(self._unknown_answer())

    def _unknown_answer(self) -> Response:
        return _ephemeral(self.unknown_message)

    async def _execute(self, ctx: Context[Any], call: _Call) -> Response | None:
        try:
            for hook in self._hooks:
                early = await hook(ctx)
                if early is not None:
                    return self._checked(ctx, early)
            result = await call()
            return None if result is None else self._checked(ctx, result)
        except Exception as error:
            logger.exception("handler for %s raised", _describe(ctx.interaction))
            return await self._answer_error(ctx, error)

    def _checked(self, ctx: Context[Any], response: Response) -> Response:
        allowed = ALLOWED_RESPONSES.get(ctx.interaction.type, ())
        inner = (
            response.response if isinstance(response, ResponseWithFiles) else response
        )
        if allowed and not isinstance(inner, allowed):
            names = ", ".join(t.__name__ for t in allowed)
            raise ResponseError(
                f"Discord does not accept {type(inner).__name__} as the answer "
                f"to {ctx.interaction.type.name} interactions; answer with one of: "
                f"{names}."
            )
        return response

    async def _answer_error(
        self, ctx: Context[Any], error: Exception
    ) -> Response | None:
        try:
            answer = await self._error_handler(ctx, error)
            return None if answer is None else self._checked(ctx, answer)
        except Exception:
            logger.exception("the app's error handler raised too")
            return await self._default_error_handler(ctx, error)

    async def _default_error_handler(
        self, ctx: Context[Any], error: Exception
    ) -> Response | None:
        if isinstance(ctx, AutocompleteContext):
            return _no_choices()
        return _ephemeral(self.error_message)

    async def _no_answer(self, ctx: Context[Any]) -> Response:
        logger.error(
            "handler for %s returned no answer; return ctx.reply(), ctx.defer(), or "
            "another response",
            _describe(ctx.interaction),
        )
        answer = await self._default_error_handler(ctx, ResponseError("no answer"))
        assert answer is not None
        return answer


def _ephemeral(content: str) -> Response:
    return MessageResponse(
        data=MessagePayload(content=content, flags=MessageFlags.EPHEMERAL)
    )


def _no_choices() -> Response:
    return AutocompleteResponse(data=AutocompleteResult(choices=[]))


def _warn_on_lost_ephemerality(
    ctx: Context[Any],
    result: MessageResponse | UpdateMessageResponse,
    payload: MessagePayload,
) -> None:
    """An edit cannot change whether the deferred message is ephemeral: say so."""
    if not isinstance(result, MessageResponse):
        return
    asked = bool(payload.flags and payload.flags & MessageFlags.EPHEMERAL)
    if asked == ctx.defer_ephemeral:
        return
    seen = "everyone" if asked else "only the user"
    logger.warning(
        "%s answered %s after ikit deferred it, so %s sees the answer; pass "
        "defer_ephemeral=%s to its decorator so that the deferral matches",
        _describe(ctx.interaction),
        "ephemerally" if asked else "publicly",
        seen,
        asked,
    )


def _edit_for(payload: MessagePayload) -> MessageEdit:
    edit = MessageEdit.from_payload(payload)
    if payload.flags is not None:
        # An edit takes only these flags; ephemerality was settled by the deferral.
        kept = payload.flags & (
            MessageFlags.SUPPRESS_EMBEDS | MessageFlags.IS_COMPONENTS_V2
        )
        edit.flags = MessageFlags(kept)
    return edit


def _describe(interaction: Interaction) -> str:
    data = getattr(interaction, "data", None)
    if isinstance(interaction, ApplicationCommandInteraction | AutocompleteInteraction):
        return "/" + " ".join(interaction.data.path())
    custom_id = getattr(data, "custom_id", None)
    return f"custom_id {custom_id!r}" if custom_id else f"interaction {interaction.id}"


def _constant(response: Response) -> _Call:
    async def call() -> Response:
        return response

    return call


async def _first(call: _Call) -> Response:
    response = await call()
    assert response is not None
    return response


def _bind(
    func: Callable[..., Awaitable[Any]], ctx: Context[Any], kwargs: dict[str, Any]
) -> _Call:
    # A partial, not a closure: calling it makes the handler's coroutine itself,
    # with no coroutine around it to await it.
    return functools.partial(func, ctx, **kwargs)


def _accepted(func: Callable[..., Any], kwargs: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments ``func`` declares (all of them if it takes ``**``).

    An autocomplete handler names only the filled options it cares about.
    """
    params = inspect.signature(func).parameters.values()
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        return kwargs
    names = {p.name for p in params}
    return {name: value for name, value in kwargs.items() if name in names}


def _routing_table() -> Any:
    from ikit.routing import RouteTable

    return RouteTable()


def _read_env_file(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    values: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        values[key.strip().removeprefix("export ").strip()] = value.strip().strip("'\"")
    return values
