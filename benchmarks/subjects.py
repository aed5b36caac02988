"""What the interaction benchmarks compare, shared by the in-process ones and the
HTTP ones (``benchmarks/http/apps.py``): the same two interactions answered by an
ikit App and by a hand-written lower bound, with the same JSON.

The requests are ``payloads.slash_command()`` (``/poll create question minutes
ping``) and ``payloads.component_click()`` (the ``vote/42/yes`` button). The answers:
a message for the command, an update of the clicked message for the button.

The lower bound is the least a correct app can do by hand, with no framework:
msgspec decodes into structs that hold only what the answer needs, a branch on the
type picks the answer, msgspec encodes it. Over HTTP it also verifies the
signature with pynacl, as ikit does.
"""

from __future__ import annotations

from typing import Any

import msgspec

import ikit
from ikit.server.verify import ReplayGuard

__all__ = [
    "AcceptRepeats",
    "answer_for",
    "ikit_app",
    "lower_bound_answer",
    "vote_answer",
]


def answer_for(question: str, minutes: int) -> str:
    return f"Poll: {question} (closes in {minutes} minutes)"


def vote_answer(poll_id: int, choice: str) -> str:
    return f"You voted {choice} in poll {poll_id}."


# -- the hand-written lower bound ------------------------------------------------------


class _Option(msgspec.Struct):
    name: str
    value: Any = None
    options: list[_Option] = []


class _Data(msgspec.Struct):
    name: str = ""
    custom_id: str = ""
    options: list[_Option] = []


class _Interaction(msgspec.Struct):
    type: int
    data: _Data | None = None


_decoder = msgspec.json.Decoder(_Interaction)
_encoder = msgspec.json.Encoder()


def lower_bound_answer(body: bytes) -> bytes:
    """Decode ``body``, answer it, encode the answer: all but the signature check."""
    return _encoder.encode(_answer(_decoder.decode(body)))


def _answer(interaction: _Interaction) -> dict[str, Any]:
    data = interaction.data
    if interaction.type == 1 or data is None:
        return {"type": 1}
    if interaction.type == 2:
        values = {option.name: option.value for option in data.options[0].options}
        content = answer_for(values["question"], values["minutes"])
        return {"type": 4, "data": {"content": content}}
    _, poll_id, choice = data.custom_id.split("/")
    return {"type": 7, "data": {"content": vote_answer(int(poll_id), choice)}}


# -- ikit ------------------------------------------------------------------------------


class AcceptRepeats:
    """A replay guard that accepts every id: benchmarks repeat one request."""

    async def seen(self, interaction_id: int, expires_at: float) -> bool:
        return False


def ikit_app(public_key: str, *, replay_guard: ReplayGuard | None = None) -> ikit.App:
    """The ikit side: ``/poll create`` and the ``vote/{poll_id}/{choice}`` button.

    The timestamp window is off and the replay guard accepts repeats (unless another
    is given), since benchmarks send one pre-signed request over and over.
    """
    app = ikit.App(
        application_id=1270000000000000001,
        public_key=public_key,
        timestamp_window=None,
        replay_guard=replay_guard or AcceptRepeats(),
    )
    poll = app.group("poll", "Polls")

    @poll.command
    async def create(
        ctx: ikit.CommandContext, question: str, minutes: int, ping: ikit.models.User
    ) -> ikit.Response:
        """Start a poll."""
        return ctx.reply(answer_for(question, minutes))

    @app.component("vote/{poll_id}/{choice}")
    async def vote(
        ctx: ikit.ComponentContext, poll_id: int, choice: str
    ) -> ikit.Response:
        return ctx.update(vote_answer(poll_id, choice))

    return app
