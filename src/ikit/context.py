"""What a handler receives: the interaction, typed accessors, and its ways to answer.

A handler gives its first answer by returning it (``return ctx.reply(...)``), or by
sending it early with ``await ctx.send(...)`` and working on; later messages go through
REST (``await ctx.followup(...)``, ``await ctx.edit_original(...)``).

Each context offers only the answers Discord allows for its interaction: an update
exists on component contexts, a modal on command and component contexts, suggestions on
autocomplete contexts. What types cannot express (an update after a modal that no
message opened, a second first answer) raises :class:`ikit.errors.ResponseError`.
"""

from __future__ import annotations

import asyncio
import enum
import functools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

import anyio
import sniffio

from ikit.errors import ResponseError
from ikit.models import (
    AllowedMentions,
    ApplicationCommandData,
    ApplicationCommandInteraction,
    ApplicationCommandOptionChoice,
    AutocompleteInteraction,
    AutocompleteResponse,
    AutocompleteResult,
    DeferredMessageData,
    DeferredMessageResponse,
    DeferredUpdateResponse,
    Embed,
    Entitlement,
    InteractionBase,
    LaunchActivityResponse,
    Member,
    Message,
    MessageComponentInteraction,
    MessageEdit,
    MessageFlags,
    MessagePayload,
    MessageResponse,
    Modal,
    ModalResponse,
    ModalSubmitInteraction,
    PartialChannel,
    PartialGuild,
    Permissions,
    ResolvedData,
    Snowflake,
    UpdateMessageResponse,
    User,
)
from ikit.models.responses import InteractionResponse
from ikit.ui.files import MessageWithFiles, Upload
from ikit.ui.limits import LIMITS

if TYPE_CHECKING:
    from ikit.app import App
    from ikit.rest import RestClient

__all__ = [
    "AutocompleteContext",
    "CommandContext",
    "ComponentContext",
    "Context",
    "ModalContext",
    "Response",
    "ResponseWithFiles",
]

I = TypeVar("I", bound=InteractionBase)  # noqa: E741

_CONTENT_LIMIT = LIMITS["message.content"].high or 0


@dataclass(frozen=True, slots=True)
class ResponseWithFiles:
    """A message answer and the files it uploads, sent as one multipart answer.

    ``ctx.reply(..., files=[...])`` and ``ctx.update(..., files=[...])`` return it.
    """

    response: MessageResponse | UpdateMessageResponse
    files: tuple[Upload, ...]


#: What a handler returns: its first answer to the interaction.
Response = InteractionResponse | ResponseWithFiles


def _asyncio_loop() -> asyncio.AbstractEventLoop | None:
    """The running asyncio loop, or None under trio (the server's tasks use it too)."""
    if sniffio.current_async_library() != "asyncio":
        return None
    return asyncio.get_running_loop()


def _wake(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)


class _State(enum.Enum):
    PENDING = "pending"
    ANSWERED = "answered"
    DEFERRED = "deferred"  # ikit answered "deferred" for the handler at the deadline


class Context(Generic[I]):
    """The interaction a handler is answering, and the means to answer it."""

    __slots__ = (
        "_answer",
        "_answered",
        "_state",
        "app",
        "defer_ephemeral",
        "interaction",
    )

    def __init__(self, interaction: I, app: App) -> None:
        self.interaction = interaction
        self.app = app
        #: Whether ikit's automatic deferral (at the deadline) should be ephemeral.
        self.defer_ephemeral = False
        self._state = _State.PENDING
        self._answer: Response | None = None
        # Set only while someone waits for the answer: dispatch() never does.
        self._answered: Callable[[], None] | None = None

    # -- who, where ------------------------------------------------------------------

    @property
    def user(self) -> User:
        """The user who triggered the interaction, in a guild or not."""
        author = self.interaction.author
        if author is None:
            raise ResponseError("This interaction carries no user (is it a PING?).")
        return author

    @property
    def member(self) -> Member | None:
        """The invoking member, when the interaction happened in a guild."""
        return self.interaction.member

    @property
    def guild_id(self) -> Snowflake | None:
        return self.interaction.guild_id

    @property
    def guild(self) -> PartialGuild | None:
        return self.interaction.guild

    @property
    def channel_id(self) -> Snowflake | None:
        return self.interaction.channel_id

    @property
    def channel(self) -> PartialChannel | None:
        return self.interaction.channel

    @property
    def locale(self) -> str | None:
        """The user's locale (``"en-US"``, ``"fr"``, ...)."""
        return self.interaction.locale

    @property
    def guild_locale(self) -> str | None:
        return self.interaction.guild_locale

    @property
    def app_permissions(self) -> Permissions:
        """What the app may do where the interaction happened."""
        return self.interaction.app_permissions or Permissions(0)

    @property
    def entitlements(self) -> list[Entitlement]:
        return self.interaction.entitlements

    @property
    def token(self) -> str:
        """The interaction token: valid for 15 minutes, for followups and edits."""
        return self.interaction.token

    @property
    def rest(self) -> RestClient:
        """The app's REST client."""
        return self.app.rest

    # -- first answers ----------------------------------------------------------------

    @overload
    def reply(
        self,
        *children: Any,
        content: str | None = None,
        embeds: Sequence[Embed] | None = None,
        ephemeral: bool = False,
        allowed_mentions: AllowedMentions | None = None,
        tts: bool | None = None,
        files: None = None,
    ) -> MessageResponse: ...

    @overload
    def reply(
        self,
        *children: Any,
        content: str | None = None,
        embeds: Sequence[Embed] | None = None,
        ephemeral: bool = False,
        allowed_mentions: AllowedMentions | None = None,
        tts: bool | None = None,
        files: Sequence[Upload],
    ) -> ResponseWithFiles: ...

    def reply(
        self,
        *children: Any,
        content: str | None = None,
        embeds: Sequence[Embed] | None = None,
        ephemeral: bool = False,
        allowed_mentions: AllowedMentions | None = None,
        tts: bool | None = None,
        files: Sequence[Upload] | None = None,
    ) -> MessageResponse | ResponseWithFiles:
        """Answer with a new message (built with ``ikit.ui.Message``)."""
        built = self._message(
            children,
            content=content,
            embeds=embeds,
            ephemeral=ephemeral,
            allowed_mentions=allowed_mentions,
            tts=tts,
            files=files,
        )
        if isinstance(built, MessageWithFiles):
            return ResponseWithFiles(MessageResponse(data=built.payload), built.files)
        return MessageResponse(data=built)

    def defer(self, *, ephemeral: bool = False) -> DeferredMessageResponse:
        """Answer "thinking..." now; edit the original response later."""
        flags = MessageFlags.EPHEMERAL if ephemeral else None
        data = DeferredMessageData(flags=flags) if flags else None
        return DeferredMessageResponse(data=data)

    def launch_activity(self) -> LaunchActivityResponse:
        """Launch the app's Activity (apps with Activities only)."""
        return LaunchActivityResponse()

    async def send(self, response: Response) -> None:
        """Send the first answer now and keep working.

        Over HTTP the answer completes the request at once; the handler goes on in
        the background, and may follow up through REST.
        """
        if not self._settle(response):
            raise ResponseError(
                "This interaction was already answered; use ctx.followup() or "
                "ctx.edit_original() for further messages."
            )

    # -- later messages, through REST -------------------------------------------------

    async def followup(
        self,
        *children: Any,
        content: str | None = None,
        embeds: Sequence[Embed] | None = None,
        ephemeral: bool = False,
        allowed_mentions: AllowedMentions | None = None,
        files: Sequence[Upload] | None = None,
    ) -> Message:
        """Send another message for this interaction (through REST)."""
        built = self._message(
            children,
            content=content,
            embeds=embeds,
            ephemeral=ephemeral,
            allowed_mentions=allowed_mentions,
            files=files,
        )
        payload, uploads = _split_files(built)
        return await self.rest.create_followup(
            self.interaction.application_id, self.token, payload, files=uploads
        )

    async def edit_original(
        self,
        *children: Any,
        content: str | None = None,
        embeds: Sequence[Embed] | None = None,
        allowed_mentions: AllowedMentions | None = None,
        files: Sequence[Upload] | None = None,
    ) -> Message:
        """Edit the first answer, or fill in a deferred one (through REST)."""
        built = self._message(
            children,
            content=content,
            embeds=embeds,
            allowed_mentions=allowed_mentions,
            files=files,
        )
        payload, uploads = _split_files(built)
        return await self.rest.edit_original_response(
            self.interaction.application_id,
            self.token,
            MessageEdit.from_payload(payload),
            files=uploads,
        )

    async def delete_original(self) -> None:
        await self.rest.delete_original_response(
            self.interaction.application_id, self.token
        )

    # -- the answer's state, driven by the App ----------------------------------------

    @property
    def answered(self) -> bool:
        """Whether a first answer was given (by the handler, or ikit's deferral)."""
        return self._state is not _State.PENDING

    @property
    def auto_deferred(self) -> bool:
        """Whether ikit deferred for the handler when the deadline came near."""
        return self._state is _State.DEFERRED

    def _settle(self, response: Response) -> bool:
        if self._state is not _State.PENDING:
            return False
        self._state = _State.ANSWERED
        self._answer = response
        if self._answered is not None:
            self._answered()
        return True

    def _defer_for_handler(self) -> Response | None:
        """Answer "deferred" on the handler's behalf, unless it already answered."""
        if self._state is not _State.PENDING:
            return None
        self._state = _State.DEFERRED
        self._answer = self._deferral()
        if self._answered is not None:
            self._answered()
        return self._answer

    async def _wait_for_answer(self, budget: float) -> None:
        """Wait until the handler answers, at most ``budget`` seconds."""
        if self._state is not _State.PENDING:
            return
        loop = _asyncio_loop()
        if loop is None:  # trio
            event = anyio.Event()
            self._answered = event.set
            with anyio.move_on_after(budget):
                await event.wait()
            return

        # A future and a timer cost a fraction of a cancel scope and an event.
        answered = loop.create_future()
        self._answered = functools.partial(_wake, answered)
        timer = None if budget == math.inf else loop.call_later(budget, _wake, answered)
        try:
            await answered
        finally:
            if timer is not None:
                timer.cancel()
            self._answered = None

    def _deferral(self) -> Response:
        return self.defer(ephemeral=self.defer_ephemeral)

    def _message(
        self, children: Iterable[Any], *, content: str | None = None, **props: Any
    ) -> MessagePayload | MessageWithFiles:
        items = list(children)
        if items and isinstance(items[0], str) and content is None:
            # ctx.reply("Done.") reads best as plain message content.
            content = items.pop(0)
        if not items and _plain_text(content, props):
            # The most common answer: the only rule it can break is the length,
            # checked here; anything longer goes through ui.Message and its error.
            flags = MessageFlags.EPHEMERAL if props.get("ephemeral") else None
            return MessagePayload(content=content, flags=flags)
        if props.get("files"):
            _check_uploads(props["files"])
        from ikit import ui  # off the plain-text path above

        built: MessagePayload | MessageWithFiles = ui.Message(
            *items, content=content, **props
        )
        return built


def _plain_text(content: str | None, props: dict[str, Any]) -> bool:
    """Whether the message is text alone, within Discord's length."""
    if content is None or len(content) > _CONTENT_LIMIT:
        return False
    # A loop, not all() over a generator: this runs for nearly every answer.
    for name, value in props.items():
        if value is not None and name != "ephemeral":
            return False
    return True


def _check_uploads(files: Sequence[Any]) -> None:
    from ikit.rest import File

    for index, item in enumerate(files):
        if not isinstance(item, File):
            raise TypeError(
                f"files[{index}] must be an ikit.rest.File (bytes, a path or a file "
                f"object with a name), got {type(item).__name__}"
            )


def _split_files(
    built: MessagePayload | MessageWithFiles,
) -> tuple[MessagePayload, Sequence[Any]]:
    if isinstance(built, MessageWithFiles):
        return built.payload, built.files
    return built, ()


class _ModalOpener(Context[I]):
    __slots__ = ()

    def modal(self, modal: Modal) -> ModalResponse:
        """Answer with a modal form (built with ``ikit.ui.Modal``)."""
        return ModalResponse(data=modal)


class CommandContext(_ModalOpener[ApplicationCommandInteraction]):
    """The context of a slash, user or message command."""

    __slots__ = ()

    @property
    def data(self) -> ApplicationCommandData:
        return self.interaction.data

    @property
    def resolved(self) -> ResolvedData:
        return self.interaction.data.resolved or ResolvedData()


class _MessageUpdater(Context[I]):
    __slots__ = ()

    @overload
    def update(
        self,
        *children: Any,
        content: str | None = None,
        embeds: Sequence[Embed] | None = None,
        allowed_mentions: AllowedMentions | None = None,
        files: None = None,
    ) -> UpdateMessageResponse: ...

    @overload
    def update(
        self,
        *children: Any,
        content: str | None = None,
        embeds: Sequence[Embed] | None = None,
        allowed_mentions: AllowedMentions | None = None,
        files: Sequence[Upload],
    ) -> ResponseWithFiles: ...

    def update(
        self,
        *children: Any,
        content: str | None = None,
        embeds: Sequence[Embed] | None = None,
        allowed_mentions: AllowedMentions | None = None,
        files: Sequence[Upload] | None = None,
    ) -> UpdateMessageResponse | ResponseWithFiles:
        """Answer by editing the message the component is on."""
        self._check_updatable()
        built = self._message(
            children,
            content=content,
            embeds=embeds,
            allowed_mentions=allowed_mentions,
            files=files,
        )
        if isinstance(built, MessageWithFiles):
            return ResponseWithFiles(
                UpdateMessageResponse(data=built.payload), built.files
            )
        return UpdateMessageResponse(data=built)

    def defer_update(self) -> DeferredUpdateResponse:
        """Acknowledge now; edit the message later with ``ctx.edit_original()``."""
        self._check_updatable()
        return DeferredUpdateResponse()

    def _check_updatable(self) -> None:
        return None


class ComponentContext(
    _MessageUpdater[MessageComponentInteraction],
    _ModalOpener[MessageComponentInteraction],
):
    """The context of a button click or a select choice."""

    __slots__ = ()

    @property
    def custom_id(self) -> str:
        return self.interaction.data.custom_id

    @property
    def message(self) -> Message | None:
        """The message the component is on."""
        return self.interaction.message

    @property
    def values(self) -> list[str]:
        """A select's chosen values (option values, or ids)."""
        return self.interaction.data.values or []

    @property
    def resolved(self) -> ResolvedData:
        return self.interaction.data.resolved or ResolvedData()

    def _deferral(self) -> Response:
        # A component's message stays as it is until the handler edits it; a handler
        # that will answer with an ephemeral message asks for "thinking..." instead.
        if self.defer_ephemeral:
            return self.defer(ephemeral=True)
        return DeferredUpdateResponse()


class ModalContext(_MessageUpdater[ModalSubmitInteraction]):
    """The context of a submitted modal."""

    __slots__ = ()

    @property
    def custom_id(self) -> str:
        return self.interaction.data.custom_id

    @property
    def message(self) -> Message | None:
        """The message whose component opened the modal, if one did."""
        return self.interaction.message

    @property
    def resolved(self) -> ResolvedData:
        return self.interaction.data.resolved or ResolvedData()

    def _check_updatable(self) -> None:
        if self.interaction.message is None:
            raise ResponseError(
                "This modal was opened by a command, so there is no message to "
                "update; answer with ctx.reply() instead."
            )


class AutocompleteContext(Context[AutocompleteInteraction]):
    """The context of a user typing into an option with autocomplete."""

    __slots__ = ()

    @property
    def data(self) -> ApplicationCommandData:
        return self.interaction.data

    @property
    def focused(self) -> str:
        """The name of the option being typed."""
        option = self.interaction.data.focused_option()
        return option.name if option is not None else ""

    @property
    def value(self) -> str:
        """What the user typed so far (partial; never validated by Discord)."""
        option = self.interaction.data.focused_option()
        return "" if option is None or option.value is None else str(option.value)

    def suggest(
        self,
        choices: Iterable[str | int | float | ApplicationCommandOptionChoice]
        | dict[str, str | int | float],
    ) -> AutocompleteResponse:
        """Answer with up to 25 suggestions: values, a name->value dict, or choices."""
        return AutocompleteResponse(data=AutocompleteResult(choices=_choices(choices)))


def _choices(
    choices: Iterable[str | int | float | ApplicationCommandOptionChoice]
    | dict[str, str | int | float],
) -> list[ApplicationCommandOptionChoice]:
    if isinstance(choices, dict):
        items = [
            ApplicationCommandOptionChoice(name=name, value=value)
            for name, value in choices.items()
        ]
    else:
        items = [
            c
            if isinstance(c, ApplicationCommandOptionChoice)
            else ApplicationCommandOptionChoice(name=str(c), value=c)
            for c in choices
        ]
    if len(items) > 25:
        raise ResponseError(
            f"Discord shows at most 25 autocomplete choices (got {len(items)}); "
            "keep the best 25."
        )
    return items
