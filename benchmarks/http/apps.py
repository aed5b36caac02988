"""The ASGI apps the HTTP benchmark serves, each answering the same three requests.

- ``bare``: reads the body and answers fixed bytes; what the server alone costs.
- ``lower_bound``: the least a correct app can do by hand, with no framework: verify
  the Ed25519 signature with pynacl, then ``benchmarks.subjects``'s lower bound
  (msgspec decoding into minimal structs, the same answers as ikit).
- ``ikit_app``: ``benchmarks.subjects``'s ikit App (``/poll create`` and the
  ``vote/{poll_id}/{choice}`` button).
- peers, each serving itself as its documentation shows (``python3 apps.py hikari
  PORT``, ``python3 apps.py discord.http PORT``): hikari's RESTBot and discord.http's
  Client, both on their own aiohttp servers. Neither checks a timestamp's age or
  remembers interaction ids. discord.http reads the application from Discord's REST
  API before it serves: IKIT_BENCH_REST_URL points it at a stand-in on loopback.

wrk sends one pre-signed request over and over, so the ikit app is configured with
the timestamp window turned off (``timestamp_window=None``) and a replay guard that
accepts repeats (``subjects.AcceptRepeats``); ikit does everything else it does in
production (signature, decoding, routing, the deadline, logging calls).

The public key comes from IKIT_BENCH_PUBLIC_KEY, set by the benchmark's driver.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from benchmarks import subjects
from benchmarks.subjects import answer_for, lower_bound_answer, vote_answer
from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

__all__ = ["PEERS", "bare", "ikit_app", "lower_bound"]

PUBLIC_KEY = os.environ.get("IKIT_BENCH_PUBLIC_KEY", "00" * 32)

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

_JSON = [(b"content-type", b"application/json")]


# -- the server alone ------------------------------------------------------------------


async def bare(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "lifespan":
        await _lifespan(receive, send)
        return
    await _read(receive)
    await _send(send, 200, b'{"type":1}')


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        else:
            await send({"type": "lifespan.shutdown.complete"})
            return


async def _read(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _send(send: Send, status: int, body: bytes) -> None:
    headers = [*_JSON, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


# -- the hand-written lower bound ------------------------------------------------------

_verify_key = VerifyKey(bytes.fromhex(PUBLIC_KEY))


async def lower_bound(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "lifespan":
        await _lifespan(receive, send)
        return
    body = await _read(receive)
    headers = dict(scope["headers"])
    try:
        signature = bytes.fromhex(headers[b"x-signature-ed25519"].decode())
        _verify_key.verify(headers[b"x-signature-timestamp"] + body, signature)
    except (KeyError, ValueError, BadSignatureError):
        await _send(send, 401, b'"invalid signature"')
        return
    await _send(send, 200, lower_bound_answer(body))


# -- ikit ------------------------------------------------------------------------------

ikit_app = subjects.ikit_app(PUBLIC_KEY)


# -- peers -----------------------------------------------------------------------------


def hikari_rest_bot(port: int) -> None:
    import hikari  # type: ignore[import-not-found, unused-ignore]

    bot = hikari.RESTBot("benchmark-token", "Bot", public_key=PUBLIC_KEY)

    async def on_command(
        interaction: hikari.CommandInteraction,
    ) -> hikari.api.InteractionMessageBuilder:
        options = interaction.options[0].options if interaction.options else None
        values = {option.name: option.value for option in options or ()}
        content = answer_for(str(values["question"]), int(str(values["minutes"])))
        return interaction.build_response().set_content(content)

    async def on_component(
        interaction: hikari.ComponentInteraction,
    ) -> hikari.api.InteractionMessageBuilder:
        _, poll_id, choice = interaction.custom_id.split("/")
        content = vote_answer(int(poll_id), choice)
        response = interaction.build_response(hikari.ResponseType.MESSAGE_UPDATE)
        return response.set_content(content)

    bot.set_listener(hikari.CommandInteraction, on_command)
    bot.set_listener(hikari.ComponentInteraction, on_component)
    bot.run(host="127.0.0.1", port=port, check_for_updates=False, backlog=1024)


def discord_http_client(port: int) -> None:
    discord_http = importlib.import_module("discord_http")  # ships no type hints
    client = discord_http.Client(
        token="benchmark-token",
        sync=False,
        api_base_url=os.environ["IKIT_BENCH_REST_URL"],
        logging_level=30,
    )

    async def create(ctx: Any, question: str, minutes: int, ping: Any) -> Any:
        return ctx.response.send_message(answer_for(question, minutes))

    async def vote(ctx: Any) -> Any:
        _, poll_id, choice = ctx.custom_id.split("/")
        return ctx.response.edit_message(content=vote_answer(int(poll_id), choice))

    group = client.add_group("poll")
    group.command(name="create", description="Start a poll.")(create)
    client.interaction(r"vote/\d+/\w+", regex=True)(vote)
    client.start(host="127.0.0.1", port=port)


PEERS: dict[str, Callable[[int], None]] = {
    "hikari": hikari_rest_bot,
    "discord.http": discord_http_client,
}

if __name__ == "__main__":
    PEERS[sys.argv[1]](int(sys.argv[2]))
