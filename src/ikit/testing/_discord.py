"""The simulated Discord: it signs interactions with a test key and sends them to the
app through its real ASGI path, plays the REST API the app answers through, and
fails the test when the bot breaks one of Discord's rules.

Theory of operation. :meth:`Discord.send` is the one way in: it tracks the
interaction (``_world.py``), posts it (in-process to ``app`` through
``httpx.ASGITransport``, or over HTTP to ``url``), hands the HTTP answer to the world,
then *settles*: in-process it waits until the app's background work (the handlers
still running after their first answer) is done; over HTTP it waits only for a
deferred answer to be filled in. Then it raises the first rule broken since the last
check, and returns an :class:`Answer`: what the user sees. The user's actions (``run``,
``click``, ``select``, ``submit``, ...) build payloads with :mod:`.payloads`, check
them as Discord's client would (``_options.py``, ``_find.py``) and go through
``send``.
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import anyio
import httpx

from ikit import models
from ikit.models import (
    ApplicationCommandOptionChoice,
    ApplicationCommandType,
    InteractionCallbackType,
    Message,
    Modal,
)
from ikit.server.verify import Keypair, generate_keypair, sign
from ikit.testing import _find, _options, _rules, payloads
from ikit.testing._objects import APPLICATION_ID, Envelope, Payload, bot_user
from ikit.testing._rest import FakeRest, RestCall
from ikit.testing._rules import (
    ActionImpossible,
    Clock,
    DiscordRuleBroken,
    UnexpectedAnswer,
)
from ikit.testing._world import INVALID_FORM, Tracked, World

if TYPE_CHECKING:
    from ikit.app import App
    from ikit.rest import RestClient

__all__ = ["Answer", "Discord", "default_keypair"]

_Callback = InteractionCallbackType
_Choices = list[ApplicationCommandOptionChoice]
#: Where the app's REST client finds the simulated API in-process.
REST_BASE_URL = "https://discord.test/api/v10"


@functools.cache
def default_keypair() -> Keypair:
    """The key pair every simulator of this process signs with (unless given one), so
    one App serves many tests."""
    return generate_keypair()


@dataclass(frozen=True, slots=True)
class Answer:
    """What came of one interaction, as the user sees it once the bot is done."""

    interaction: models.Interaction
    response: InteractionCallbackType | None
    """The first answer's type (None when Discord refused it)."""
    message: Message | None
    """The message the answer shows: the new message, the filled-in deferred one,
    or the updated message of a component. None for modals, autocomplete, or a
    message the bot deleted."""
    modal: Modal | None
    choices: list[ApplicationCommandOptionChoice] | None


class Discord:
    """A simulated Discord for tests; use it as ``async with Discord(app) as discord``.

    With ``app``, interactions go to the app in-process; the simulator sets the app's
    public key (when unset) and points ``app.rest`` at the simulated REST API, and
    runs the app's background work for its lifetime. With ``url`` (which may be set
    after construction, before entering), interactions are POSTed there: configure
    the app served there with :attr:`public_key`, and :meth:`serve_rest` for its
    REST calls when it runs in another process.

    ``clock`` measures Discord's rules (3 s to answer, 15 minutes of token life); a
    test advances it to let time pass at once. ``envelope`` says who interacts and
    where (see :class:`ikit.testing.payloads.Envelope`). ``timeout`` bounds how long
    an action waits for the bot to finish.
    """

    def __init__(
        self,
        app: App | None = None,
        *,
        url: str | None = None,
        keypair: Keypair | None = None,
        clock: Clock | None = None,
        envelope: Envelope | None = None,
        timeout: float = 10.0,
    ) -> None:
        self.app = app
        self.url = url
        self.keypair = keypair or default_keypair()
        self.clock = clock or Clock()
        self.timeout = timeout
        application_id = (app.application_id if app else None) or APPLICATION_ID
        self.envelope = envelope or Envelope(application_id=application_id)
        self.world = World(self.clock, bot_user(application_id))
        self.rest_app = FakeRest(self.world)
        """The simulated REST API, an ASGI application."""
        self._reported = 0
        self._opened: list[tuple[Modal, Tracked]] = []
        self._stack = contextlib.AsyncExitStack()
        self._http: httpx.AsyncClient | None = None
        if app is not None:
            self._adopt(app, application_id)

    @property
    def public_key(self) -> str:
        """The hex public key the app must verify requests with."""
        return self.keypair.public_key

    def _adopt(self, app: App, application_id: int) -> None:
        if app.public_key is None:
            app.public_key = self.public_key
        elif app.public_key != self.public_key:
            raise ValueError(
                "The app verifies requests with another public key than the "
                "simulator's, so it would refuse every interaction: create the App "
                "without public_key (Discord(app) sets it), or pass "
                "Discord(app, keypair=...) with the app's key pair."
            )
        app.application_id = application_id

    # -- lifetime ----------------------------------------------------------------------

    async def __aenter__(self) -> Self:
        stack = self._stack
        await stack.__aenter__()
        try:
            await self._start(stack)
        except BaseException:
            await stack.__aexit__(None, None, None)
            raise
        return self

    async def _start(self, stack: contextlib.AsyncExitStack) -> None:
        self._http = await stack.enter_async_context(self._interactions_client())
        app = self.app
        if app is not None:
            stack.push_async_callback(self._restore_rest, app, app._rest)
            app.rest = await stack.enter_async_context(self.rest_client(app.token))
            if self.url is None:
                await stack.enter_async_context(app.lifespan())

    def _interactions_client(self) -> httpx.AsyncClient:
        if self.url is not None:
            return httpx.AsyncClient(timeout=self.timeout)
        if self.app is None:
            raise TypeError(
                "Discord() needs the app to call in-process, or the url it is served "
                "at: Discord(app) or Discord(url='http://127.0.0.1:8000/')."
            )
        transport = httpx.ASGITransport(app=self.app)
        return httpx.AsyncClient(transport=transport, base_url="http://ikit.test")

    async def _restore_rest(self, app: App, previous: RestClient | None) -> None:
        app._rest = previous

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._stack.__aexit__(exc_type, exc, tb)
        if exc_type is None:
            self.check()

    @contextlib.asynccontextmanager
    async def serve_rest(self) -> AsyncIterator[str]:
        """Serve the simulated REST API on a loopback port for the block, for an app
        in another process; yield the base URL to give it (``App(rest_base_url=)``)."""
        from ikit.testing._serve import serve

        async with serve(self.rest_app) as url:
            yield url + "/api/v10"

    def rest_client(self, token: str | None = None) -> RestClient:
        """A RestClient that talks to the simulated REST API in-process."""
        from ikit.rest import RestClient

        return RestClient(
            token=token or "simulated-bot-token",
            base_url=REST_BASE_URL,
            transport=httpx.ASGITransport(app=self.rest_app),
        )

    # -- what the user sees ------------------------------------------------------------

    @property
    def violations(self) -> list[DiscordRuleBroken]:
        """Every rule the bot broke so far (each is also raised in the test)."""
        return list(self.world.violations)

    @property
    def requests(self) -> list[RestCall]:
        """Every request the bot sent to the REST API, in order."""
        return list(self.rest_app.requests)

    def messages(self, channel_id: int | None = None) -> list[Message]:
        """The messages of a channel (by default the envelope's), oldest first."""
        channel = channel_id or self.envelope.channel_id
        stored = self.world.channels.get(channel, {}).values()
        return [_message(payload) for payload in stored]

    def message(self, message_id: int) -> Message | None:
        """A message as it is now, or None once deleted."""
        stored = self.world.find(message_id)
        return _message(stored) if stored is not None else None

    def file(self, attachment: models.Attachment) -> bytes:
        """The bytes of a file the bot attached to a message."""
        return self.world.files[int(attachment.id)]

    def check(self) -> None:
        """Raise the first rule broken since the last check (AssertionError)."""
        new = self.world.violations[self._reported :]
        self._reported = len(self.world.violations)
        if len(new) > 1:
            more = f"\n(and {len(new) - 1} more; see discord.violations)"
            raise DiscordRuleBroken(new[0].rule, f"{new[0]}{more}")
        if new:
            raise new[0]

    # -- the one way in ----------------------------------------------------------------

    async def send(self, payload: Payload, *, label: str | None = None) -> Answer:
        """Sign ``payload`` (from :mod:`ikit.testing.payloads`), send it to the app,
        wait for the bot to finish, and return what the user sees."""
        tracked = self.world.track(payload, label or _describe(payload))
        body = json.dumps(payload).encode()
        headers = {"content-type": "application/json"}
        headers.update(sign(self.keypair.signing_key, body))
        response = await self._client().post(
            self._endpoint(), content=body, headers=headers
        )
        self._take(tracked, response)
        await self._settle(tracked)
        self.check()
        return self._answer(tracked, body)

    def _client(self) -> httpx.AsyncClient:
        if self._http is None:
            raise RuntimeError(
                "The simulator is not running: use it as "
                "`async with Discord(app) as discord:`."
            )
        return self._http

    def _endpoint(self) -> str:
        if self.url is not None:
            return self.url
        assert self.app is not None  # one of the two is set (_interactions_client)
        return self.app.asgi.path

    def _take(self, tracked: Tracked, response: httpx.Response) -> None:
        if response.status_code != 200:
            hint = " (does the app verify with discord.public_key?)"
            raise UnexpectedAnswer(
                f"The app refused {tracked.label} with HTTP {response.status_code}: "
                f"{response.text}{hint if response.status_code == 401 else ''}"
            )
        try:
            answer = response.json()
        except ValueError as error:
            self.world.broke(_rules.unreadable(tracked.label, error), INVALID_FORM)
            return
        self.world.answer(tracked, answer)

    async def _settle(self, tracked: Tracked) -> None:
        # With the app in this process (served in-process or on a local port), its
        # background work tells when the bot is done; otherwise only a deferral is
        # waited for.
        background = self.app.asgi.background if self.app is not None else None
        if background is not None:
            await background.wait(self.timeout)
        elif tracked.response is _Callback.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE:
            with anyio.move_on_after(self.timeout):
                while self._loading(tracked):
                    await self.world.wait_changed()

    def _loading(self, tracked: Tracked) -> bool:
        stored = self.world.find(tracked.original or 0)
        return stored is not None and bool(
            stored["flags"] & models.MessageFlags.LOADING
        )

    def _answer(self, tracked: Tracked, body: bytes) -> Answer:
        stored = self.world.find(tracked.original or 0)
        modal = (
            models.decode(json.dumps(tracked.modal), Modal) if tracked.modal else None
        )
        if modal is not None:
            self._opened.append((modal, tracked))
        choices = None
        if tracked.choices is not None:
            choices = models.decode(json.dumps(tracked.choices), _Choices)
        return Answer(
            interaction=models.decode_interaction(body),
            response=tracked.response,
            message=_message(stored) if stored is not None else None,
            modal=modal,
            choices=choices,
        )

    # -- the user's actions ------------------------------------------------------------

    async def run(self, command: str, /, **options: Any) -> Message:
        """Run a slash command (``"poll"``, or ``"config set color"`` for a
        subcommand) with its options; return the message the bot answered with."""
        answer = await self._run(command, options)
        return self._message_of(answer, "run_modal")

    async def run_modal(self, command: str, /, **options: Any) -> Modal:
        """Run a slash command that answers with a modal; return the modal."""
        return self._modal_of(await self._run(command, options), "run")

    async def _run(self, command: str, options: Mapping[str, Any]) -> Answer:
        path = command.removeprefix("/").split()
        declared = self._declared(ApplicationCommandType.CHAT_INPUT, path[0])
        built = _options.build_options(declared, path, options)
        payload = payloads.slash_command(path[0], *built, envelope=self.envelope)
        return await self.send(payload, label="/" + " ".join(path))

    async def autocomplete(
        self, command: str, option: str, typed: str, /, **options: Any
    ) -> list[ApplicationCommandOptionChoice]:
        """Type ``typed`` into ``option`` of a slash command (with the other
        ``options`` filled in); return the choices the bot suggests."""
        path = command.removeprefix("/").split()
        declared = self._declared(ApplicationCommandType.CHAT_INPUT, path[0])
        values = {**options, option: typed}
        built = _options.build_options(declared, path, values, focused=option)
        payload = payloads.autocomplete(path[0], *built, envelope=self.envelope)
        answer = await self.send(payload, label=f"autocomplete of /{' '.join(path)}")
        if answer.choices is None:
            raise UnexpectedAnswer(
                f"The bot answered autocomplete of /{' '.join(path)} with "
                f"{_shown(answer)}, not choices."
            )
        return answer.choices

    async def user_command(self, name: str, target: Any, /) -> Message:
        """Run the user command ``name`` on ``target`` (a user or member payload or
        model); return the message the bot answered with."""
        self._declared(ApplicationCommandType.USER, name)
        value = _options.as_value(target)
        payload = payloads.user_command(name, value, envelope=self.envelope)
        answer = await self.send(payload, label=f"the user command {name!r}")
        return self._message_of(answer, "send")

    async def message_command(self, name: str, target: Message | Payload, /) -> Message:
        """Run the message command ``name`` on ``target``; return the answer."""
        self._declared(ApplicationCommandType.MESSAGE, name)
        value = self._stored(target) if isinstance(target, Message) else target
        payload = payloads.message_command(name, value, envelope=self.envelope)
        answer = await self.send(payload, label=f"the message command {name!r}")
        return self._message_of(answer, "send")

    async def click(
        self,
        message: Message,
        /,
        label: str | None = None,
        *,
        custom_id: str | None = None,
    ) -> Message:
        """Click a button of ``message`` (by label or custom_id); return the message
        the bot answered with, or the message it updated."""
        return self._message_of(
            await self._click(message, label, custom_id), "click_modal"
        )

    async def click_modal(
        self,
        message: Message,
        /,
        label: str | None = None,
        *,
        custom_id: str | None = None,
    ) -> Modal:
        """Click a button that opens a modal; return the modal."""
        return self._modal_of(await self._click(message, label, custom_id), "click")

    async def _click(
        self, message: Message, label: str | None, custom_id: str | None
    ) -> Answer:
        current = self._current(message)
        button = _find.find_button(current, label, custom_id)
        payload = payloads.button_click(
            button.custom_id or "",
            message=self._stored(current),
            component_id=button.id or 0,
            envelope=self.envelope,
        )
        name = button.label or button.custom_id
        return await self.send(payload, label=f"the button {name!r}")

    async def select(
        self, message: Message, /, *values: Any, custom_id: str | None = None
    ) -> Message:
        """Choose ``values`` in a select of ``message`` (option values or labels; users,
        roles, channels for the other selects); return what the bot answered."""
        current = self._current(message)
        select = _find.find_select(current, custom_id)
        payload = payloads.select_choice(
            select.custom_id,
            _find.select_values(select, values),
            type=select.type,
            message=self._stored(current),
            component_id=select.id or 0,
            envelope=self.envelope,
        )
        answer = await self.send(payload, label=f"the select {select.custom_id!r}")
        return self._message_of(answer, "send")

    async def submit(
        self, modal: Modal, values: Mapping[str, Any] | None = None, /, **fields: Any
    ) -> Message:
        """Fill in ``modal`` (by each input's custom_id; ``values`` for custom_ids that
        are not Python names) and submit it; return the message the bot answered
        with, or the message it updated."""
        submitted = _find.fill_modal(modal, {**(values or {}), **fields})
        opener = next((t for m, t in self._opened if m is modal), None)
        on = self.world.find(opener.source) if opener and opener.source else None
        payload = payloads.modal_submit(
            modal.custom_id, *submitted, message=on, envelope=self.envelope
        )
        answer = await self.send(payload, label=f"the modal {modal.title!r}")
        return self._message_of(answer, "send")

    async def ping(self) -> bool:
        """Send a PING, as Discord does to check the endpoint; True if it PONGed."""
        ping = payloads.ping(application_id=self.envelope.application_id)
        answer = await self.send(ping, label="a PING")
        return answer.response is _Callback.PONG

    # -- helpers -----------------------------------------------------------------------

    def _declared(
        self, kind: ApplicationCommandType, name: str
    ) -> models.ApplicationCommand | None:
        if self.app is None:
            return None
        commands = self.app.commands.to_models()
        found = _options.find_command(commands, int(kind), name)
        if found is None:
            noun = {1: "slash command", 2: "user command", 3: "message command"}[kind]
            known = ", ".join(c.name for c in commands if int(c.type or 1) == kind)
            raise ActionImpossible(
                f"The app declares no {noun} {name!r}, so Discord shows none to run; "
                f"it declares: {known or 'none'}."
            )
        return found

    def _current(self, message: Message) -> Message:
        stored = self.world.find(int(message.id))
        if stored is not None:
            return _message(stored)
        if int(message.id) in self.world.deleted:
            raise ActionImpossible(
                f"Message {message.id} was deleted: a user cannot use its components."
            )
        return message

    def _stored(self, message: Message) -> Payload:
        stored = self.world.find(int(message.id))
        return stored if stored is not None else _options.as_value(message)

    def _message_of(self, answer: Answer, instead: str) -> Message:
        tracked = self.world.interactions[answer.interaction.token]
        shown = answer.message
        if shown is not None and models.MessageFlags.LOADING in shown.flags:
            raise UnexpectedAnswer(
                f"The bot deferred {tracked.label} and did not fill in its answer "
                f"within {self.timeout:g} s: the user still sees 'thinking...'. Finish "
                "with ctx.edit_original(), or raise Discord(timeout=...)."
            )
        if shown is not None:
            return shown
        deleted = tracked.original in self.world.deleted
        raise UnexpectedAnswer(_no_message(tracked, answer, instead, deleted))

    def _modal_of(self, answer: Answer, instead: str) -> Modal:
        if answer.modal is not None:
            return answer.modal
        tracked = self.world.interactions[answer.interaction.token]
        raise UnexpectedAnswer(
            f"The bot answered {tracked.label} with {_shown(answer)}, not a modal; use "
            f"discord.{instead}() for an answer that is a message."
        )


def _shown(answer: Answer) -> str:
    if answer.message is not None:
        text = answer.message.content
        short = text if len(text) <= 60 else text[:57] + "..."
        return f"the message {short!r}" if text else "a message"
    return answer.response.name if answer.response else "nothing Discord accepts"


def _no_message(tracked: Tracked, answer: Answer, instead: str, deleted: bool) -> str:
    label = tracked.label
    if answer.modal is not None:
        return (
            f"The bot answered {label} with the modal {answer.modal.title!r}, not a "
            f"message; use discord.{instead}() to get the modal."
        )
    if deleted:
        return f"The bot answered {label}, then deleted its answer."
    if answer.response is _Callback.DEFERRED_UPDATE_MESSAGE:
        return f"The bot acknowledged {label} without a message to show."
    kind = answer.response.name if answer.response else "nothing Discord accepts"
    return f"The bot answered {label} with {kind}, which shows no message."


def _message(payload: Payload) -> Message:
    return models.decode(json.dumps(payload), Message)


def _describe(payload: Payload) -> str:
    data = payload.get("data") or {}
    kind = payload.get("type")
    if kind == 1:
        return "a PING"
    if kind == 2 and data.get("type") in (2, 3):
        noun = "user" if data["type"] == 2 else "message"
        return f"the {noun} command {data.get('name')!r}"
    if kind in (2, 4):
        names = [data.get("name", "?")]
        options = data.get("options") or []
        while options and options[0].get("type") in (1, 2):
            names.append(options[0]["name"])
            options = options[0].get("options") or []
        path = "/" + " ".join(names)
        return path if kind == 2 else f"autocomplete of {path}"
    custom_id = data.get("custom_id", "?")
    if kind == 5:
        return f"the modal {custom_id!r}"
    return f"the component {custom_id!r}"
