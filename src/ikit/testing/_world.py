"""What the simulated Discord remembers: channels and their messages, the
interactions it sent and how each was answered, the files the bot uploaded, and the
rules the bot broke.

Theory of operation. Every interaction the simulator sends is *tracked* under its
token. Its first answer arrives once, either as the HTTP answer (the simulator hands it
over) or through the callback endpoint (the fake REST API does); :meth:`World.answer`
checks it against Discord's rules and applies it: a message is created (answer 4), a
loading message stands in for a deferred one (5), the message a component is on is
edited (7) or kept for a later edit (6), a modal or autocomplete choices are kept for
the test (9, 8). Later REST calls find the interaction by its token and act on its
``original`` message or create followups.

A broken rule is recorded in ``violations`` (the simulator raises it in the test) and
the offending request gets the error Discord would send, so the bot sees what it would
see in production. Messages are kept as Discord's JSON, so what the test receives is
what Discord would return, ids and nulls included. ``_rest.py`` maps HTTP onto this
module; ``_rules.py`` holds the wording of every rule.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import anyio

from ikit.errors import DecodeError, Violation
from ikit.models import (
    AutocompleteResponse,
    DeferredMessageResponse,
    InteractionCallbackType,
    InteractionResponse,
    InteractionType,
    MessageEdit,
    MessageFlags,
    MessagePayload,
    MessageResponse,
    ModalResponse,
    UpdateMessageResponse,
    decode,
    encode,
)
from ikit.testing import _rules
from ikit.testing._objects import Payload, attachment, iso, message
from ikit.testing._rules import Clock, DiscordRuleBroken
from ikit.ui import message_violations, modal_violations

__all__ = ["Refusal", "Tracked", "Upload", "World", "invalid_form", "message_problems"]

_Callback = InteractionCallbackType
#: The flags a message keeps from what the bot sent.
_KEPT_FLAGS = (
    MessageFlags.EPHEMERAL
    | MessageFlags.SUPPRESS_EMBEDS
    | MessageFlags.IS_COMPONENTS_V2
    | MessageFlags.SUPPRESS_NOTIFICATIONS
    | MessageFlags.IS_VOICE_MESSAGE
)
_EDITABLE_FLAGS = MessageFlags.SUPPRESS_EMBEDS | MessageFlags.IS_COMPONENTS_V2


@dataclass(frozen=True, slots=True)
class Refusal:
    """The error Discord answers a request with: status, JSON code and message, and
    for an invalid form the problem of each field."""

    status: int
    code: int
    message: str
    problems: tuple[Violation | str, ...] = ()

    def body(self) -> Payload:
        body: Payload = {"code": self.code, "message": self.message}
        if self.problems:
            body["errors"] = _error_tree(self.problems)
        return body


def _error_tree(problems: Sequence[Violation | str]) -> Payload:
    # Discord nests field errors along the request's shape, array indices as keys.
    tree: Payload = {}
    for problem in problems:
        path = problem.path if isinstance(problem, Violation) else ""
        rule = problem.rule if isinstance(problem, Violation) else problem
        node = tree
        for key in re.findall(r"[^.\[\]]+", path):
            node = node.setdefault(key, {})
        node.setdefault("_errors", []).append({"code": "INVALID", "message": rule})
    return tree


INVALID_FORM = Refusal(400, 50035, "Invalid Form Body")


def invalid_form(problems: Sequence[Violation | str]) -> Refusal:
    """Discord's answer to a body that breaks its limits, field by field."""
    return Refusal(400, 50035, "Invalid Form Body", tuple(problems))


UNKNOWN_WEBHOOK = Refusal(404, 10015, "Unknown Webhook")
UNKNOWN_MESSAGE = Refusal(404, 10008, "Unknown Message")


@dataclass(frozen=True, slots=True)
class Upload:
    """A file part of a multipart request."""

    filename: str
    content_type: str | None
    data: bytes


@dataclass(eq=False)
class Tracked:
    """An interaction Discord sent, and what became of it."""

    id: int
    token: str
    kind: InteractionType
    label: str
    """How a test names it: ``/poll``, ``the button 'Yes'``, ..."""
    created: float
    application_id: int
    channel_id: int
    user: Payload
    owners: dict[str, str]
    source: int | None
    """The message the component is on (for a modal submit: whose component opened
    the modal)."""
    command_type: int | None = None
    response: InteractionCallbackType | None = None
    original: int | None = None
    """The id of the message ``@original`` stands for."""
    followups: int = 0
    modal: Payload | None = None
    choices: list[Payload] | None = None
    answered: anyio.Event = field(default_factory=anyio.Event)

    @property
    def user_install_only(self) -> bool:
        return bool(self.owners) and "0" not in self.owners


class World:
    """The state of the simulated Discord; see the module docstring."""

    def __init__(self, clock: Clock, bot: Payload) -> None:
        self.clock = clock
        self.bot = bot
        self.channels: dict[int, dict[int, Payload]] = {}
        self.deleted: set[int] = set()
        self.interactions: dict[str, Tracked] = {}
        self.violations: list[DiscordRuleBroken] = []
        self.files: dict[int, bytes] = {}
        self.dm_channels: dict[str, int] = {}
        """The DM channel with each user, by user id."""
        self._changed: anyio.Event | None = None

    # -- interactions ------------------------------------------------------------------

    def track(self, payload: Payload, label: str) -> Tracked:
        """Remember an interaction about to be sent."""
        on = payload.get("message")
        if on is not None:
            self.remember(on)
        place = payload.get("channel") or {}
        for recipient in place.get("recipients") or []:
            self.dm_channels[recipient["id"]] = int(place["id"])
        data = payload.get("data") or {}
        tracked = Tracked(
            id=int(payload["id"]),
            token=payload["token"],
            kind=InteractionType(payload["type"]),
            label=label,
            created=self.clock.now(),
            application_id=int(payload.get("application_id") or 0),
            channel_id=int(payload.get("channel_id") or 0),
            user=(payload.get("member") or {}).get("user") or payload.get("user") or {},
            owners=dict(payload.get("authorizing_integration_owners") or {}),
            source=int(on["id"]) if on is not None else None,
            command_type=data.get("type") if "name" in data else None,
        )
        self.interactions[tracked.token] = tracked
        return tracked

    def remember(self, message_payload: Payload) -> None:
        """Keep a message the test made, so that edits of it can apply."""
        key = int(message_payload["id"])
        if self.find(key) is None and key not in self.deleted:
            channel = self.channels.setdefault(int(message_payload["channel_id"]), {})
            channel[key] = dict(message_payload)

    def answer(
        self, tracked: Tracked, body: Payload, files: Sequence[Upload] = ()
    ) -> Refusal | None:
        """Take the first answer to ``tracked``, or refuse it as Discord would."""
        refusal = self._check_answer(tracked, body)
        if refusal is not None:
            return refusal

        kind = InteractionCallbackType(body["type"])
        tracked.response = kind
        self._apply(tracked, kind, body.get("data") or {}, files)
        tracked.answered.set()
        self.changed()
        return None

    def _check_answer(self, tracked: Tracked, body: Payload) -> Refusal | None:
        label = tracked.label
        if tracked.response is not None:
            already = Refusal(400, 40060, "Interaction has already been acknowledged.")
            return self.broke(_rules.second_response(label), already)

        elapsed = self.clock.now() - tracked.created
        if elapsed > _rules.ANSWER_DEADLINE:
            unknown = Refusal(404, 10062, "Unknown interaction")
            return self.broke(_rules.too_late(label, elapsed), unknown)

        try:
            response: InteractionResponse = decode(encode(body), InteractionResponse)
        except DecodeError as error:
            return self.broke(_rules.unreadable(label, error), INVALID_FORM)

        allowed = _rules.allowed_responses(
            tracked.kind, on_message=tracked.source is not None
        )
        if response.type not in allowed:
            return self.broke(
                self._wrong_type(tracked, response, allowed), INVALID_FORM
            )

        problems = _answer_problems(response)
        if problems:
            rule = _rules.limits(f"an answer to {label}", problems)
            return self.broke(rule, invalid_form(problems))
        return None

    def _wrong_type(
        self,
        tracked: Tracked,
        response: InteractionResponse,
        allowed: frozenset[InteractionCallbackType],
    ) -> DiscordRuleBroken:
        modal = isinstance(response, ModalResponse)
        if modal and tracked.kind is InteractionType.MODAL_SUBMIT:
            return _rules.modal_after_modal(tracked.label)
        return _rules.response_type(tracked.label, tracked.kind, response.type, allowed)

    def _apply(
        self,
        tracked: Tracked,
        kind: InteractionCallbackType,
        data: Payload,
        files: Sequence[Upload],
    ) -> None:
        if kind is _Callback.CHANNEL_MESSAGE_WITH_SOURCE:
            created = self.create(tracked.channel_id, data, files, tracked=tracked)
            tracked.original = int(created["id"])
        elif kind is _Callback.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE:
            flags = (data.get("flags") or 0) & MessageFlags.EPHEMERAL
            loading = {"flags": flags | MessageFlags.LOADING}
            created = self.create(tracked.channel_id, loading, (), tracked=tracked)
            tracked.original = int(created["id"])
        elif kind in (_Callback.UPDATE_MESSAGE, _Callback.DEFERRED_UPDATE_MESSAGE):
            tracked.original = tracked.source
            on = self.find(tracked.source or 0)
            if kind is _Callback.UPDATE_MESSAGE and on is not None:
                self.edit(on, data, files)
        elif kind is _Callback.MODAL:
            tracked.modal = data
        elif kind is _Callback.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT:
            tracked.choices = list(data.get("choices") or [])

    def broke(self, rule: DiscordRuleBroken, refusal: Refusal) -> Refusal:
        """Record a broken rule; return the error Discord answers it with."""
        self.violations.append(rule)
        self.changed()
        return refusal

    # -- messages ----------------------------------------------------------------------

    def find(self, message_id: int) -> Payload | None:
        for channel in self.channels.values():
            found = channel.get(message_id)
            if found is not None:
                return found
        return None

    def create(
        self,
        channel_id: int,
        body: Payload,
        files: Sequence[Upload],
        *,
        tracked: Tracked | None = None,
        followup: bool = False,
    ) -> Payload:
        """A new message from the bot, from what it sent."""
        created = message(
            channel_id=channel_id,
            content=body.get("content") or "",
            components=_numbered(body.get("components") or []),
            embeds=body.get("embeds") or [],
            flags=(body.get("flags") or 0) & (_KEPT_FLAGS | MessageFlags.LOADING),
            author=self.bot,
            at=self.clock.now(),
        )
        created["application_id"] = self.bot["id"]
        created["attachments"] = self._attachments(created, body, files)
        if body.get("poll") is not None:
            created["poll"] = body["poll"]
        if tracked is not None:
            _from_interaction(created, tracked, followup)
        self.channels.setdefault(channel_id, {})[int(created["id"])] = created
        self.changed()
        return created

    def edit(
        self, target: Payload, body: Payload, files: Sequence[Upload] = ()
    ) -> Payload:
        """Apply an edit (or an update) to a message: a field left out is kept, a
        null one is cleared."""
        loading = bool(target["flags"] & MessageFlags.LOADING)
        for name, empty in (("content", ""), ("embeds", []), ("poll", None)):
            if name in body:
                target[name] = body[name] if body[name] is not None else empty
        if "components" in body:
            target["components"] = _numbered(body["components"] or [])
        if "attachments" in body or files:
            target["attachments"] = self._attachments(target, body, files)
        target["flags"] = _edited_flags(target["flags"], body.get("flags"))
        if not loading:
            target["edited_timestamp"] = iso(self.clock.now())
        self.changed()
        return target

    def delete(self, message_id: int) -> bool:
        for channel in self.channels.values():
            if channel.pop(message_id, None) is not None:
                self.deleted.add(message_id)
                self.changed()
                return True
        return False

    def _attachments(
        self, target: Payload, body: Payload, files: Sequence[Upload]
    ) -> list[Payload]:
        listed = body.get("attachments")
        if listed is None:
            kept = [
                a for a in target.get("attachments") or [] if "attachments" not in body
            ]
            return kept + [self._upload(target, upload) for upload in files]

        existing = {a["id"]: a for a in target.get("attachments") or []}
        out: list[Payload] = []
        for entry in listed:
            index = int(entry["id"])
            if index < len(files) and str(entry["id"]) not in existing:
                out.append(self._upload(target, files[index], entry))
            elif str(entry["id"]) in existing:
                out.append(existing[str(entry["id"])])
        return out

    def _upload(
        self, target: Payload, upload: Upload, entry: Mapping[str, Any] | None = None
    ) -> Payload:
        made = attachment(
            (entry or {}).get("filename") or upload.filename,
            size=len(upload.data),
            content_type=upload.content_type,
            ephemeral=bool(target["flags"] & MessageFlags.EPHEMERAL),
        )
        path = f"attachments/{target['channel_id']}/{made['id']}/{made['filename']}"
        made.update(
            url=f"https://cdn.discordapp.com/{path}",
            proxy_url=f"https://media.discordapp.net/{path}",
        )
        if entry and entry.get("description"):
            made["description"] = entry["description"]
        self.files[int(made["id"])] = upload.data
        return made

    # -- waiting -----------------------------------------------------------------------

    def changed(self) -> None:
        """Wake whoever waits for the world to change."""
        if self._changed is not None:
            self._changed.set()
            self._changed = None

    async def wait_changed(self) -> None:
        if self._changed is None:
            self._changed = anyio.Event()
        await self._changed.wait()


# -- checks ----------------------------------------------------------------------------


def _answer_problems(response: InteractionResponse) -> list[Violation | str]:
    if isinstance(response, MessageResponse | UpdateMessageResponse):
        return list(message_violations(response.data or MessagePayload()))
    if isinstance(response, ModalResponse):
        return list(modal_violations(response.data))
    if isinstance(response, DeferredMessageResponse) and response.data is not None:
        flags = response.data.flags or MessageFlags(0)
        if flags & ~MessageFlags.EPHEMERAL:
            return ["data.flags: a deferred answer takes only EPHEMERAL"]
    if isinstance(response, AutocompleteResponse):
        count = len(response.data.choices)
        if count > 25:
            return [f"data.choices: at most 25 choices (got {count})"]
    return []


def message_problems(body: Payload, *, edit: bool) -> list[Violation | str]:
    """What Discord's limits say about a message or an edit the bot sent."""
    kind: type[MessagePayload | MessageEdit] = MessageEdit if edit else MessagePayload
    try:
        sent = decode(encode(body), kind)
    except DecodeError as error:
        return [str(error)]
    return list(message_violations(sent))


# -- messages from interactions --------------------------------------------------------


def _from_interaction(created: Payload, tracked: Tracked, followup: bool) -> None:
    created["webhook_id"] = str(tracked.application_id)
    if tracked.command_type is not None and not followup:
        # Answers to slash commands and context menus have their own message types.
        created["type"] = 20 if tracked.command_type == 1 else 23
    metadata: Payload = {
        "id": str(tracked.id),
        "type": int(tracked.kind),
        "user": tracked.user,
        "authorizing_integration_owners": tracked.owners,
    }
    if tracked.source is not None:
        metadata["interacted_message_id"] = str(tracked.source)
    if followup and tracked.original is not None:
        metadata["original_response_message_id"] = str(tracked.original)
    created["interaction_metadata"] = metadata


def _edited_flags(current: int, sent: int | None) -> int:
    flags = current & ~MessageFlags.LOADING
    if sent is None:
        return flags
    # An edit may change SUPPRESS_EMBEDS and set IS_COMPONENTS_V2, nothing else.
    keep_v2 = current & MessageFlags.IS_COMPONENTS_V2
    return (flags & ~_EDITABLE_FLAGS) | (sent & _EDITABLE_FLAGS) | keep_v2


def _numbered(components: list[Payload]) -> list[Payload]:
    """The components with Discord's ids filled in where the bot left them out."""
    copied = [_copy(c) for c in components]
    used = {node["id"] for node in _walk(copied) if node.get("id") is not None}
    free = (n for n in itertools.count(1) if n not in used)
    for node in _walk(copied):
        if node.get("id") is None:
            node["id"] = next(free)
    return copied


def _copy(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _copy(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_copy(item) for item in node]
    return node


def _walk(components: list[Payload]) -> Iterator[Payload]:
    for node in components:
        yield node
        yield from _walk(node.get("components") or [])
        for key in ("component", "accessory"):
            if isinstance(node.get(key), dict):
                yield from _walk([node[key]])
