"""1,000 followups through ikit's RestClient, against raw httpx posting the same bodies.

Both sides send to one in-process fake Discord (an ASGI app behind
``httpx.ASGITransport``) that answers every followup at once, with rate-limit headers
that never run out: no network, no waiting. What separates the two sides is the
client's own work per request: encoding the message struct, the route and its
rate-limit keys, reserving and settling a slot in the rate-limit store, reading the
``X-RateLimit-*`` headers, and decoding the answer into a typed ``Message`` (the
baseline parses it with ``json.loads``).

One call of either side is one event loop (``anyio.run``) with a fresh client sending
the followups one after another, spread over 10 interactions. ``run.py --quick``
only proves that the benchmark runs, so under it a call sends 10 followups, not
1,000: the runner has no other way to say how much work is enough.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Awaitable, Callable, MutableMapping
from functools import partial
from typing import Any

import anyio
import httpx

from benchmarks.harness import Benchmark
from ikit import models
from ikit.rest import RestClient

__all__ = ["FOLLOWUPS", "benchmarks", "check"]

FOLLOWUPS = 1_000
INTERACTIONS = 10
QUICK_FOLLOWUPS = INTERACTIONS
APPLICATION_ID = 1270000000000000001
BASE_URL = "http://discord.test/api/v10"
TOKENS = [f"aW50ZXJhY3Rpb246{n:04d}" + "x" * 140 for n in range(INTERACTIONS)]
MESSAGE = models.MessagePayload(
    content="Here are the results of the poll.",
    embeds=[
        models.Embed(
            title="Tea or coffee?",
            fields=[
                models.EmbedField(name="Tea", value="12 votes", inline=True),
                models.EmbedField(name="Coffee", value="9 votes", inline=True),
            ],
        )
    ],
    allowed_mentions=models.AllowedMentions(parse=[]),
)
BODY = models.encode(MESSAGE)
BODY_HEADERS = {"content-type": "application/json"}

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class FakeDiscord:
    """Answers every POST with the same message and a bucket that never runs out.

    ``bodies``, when given, records every request body (for the check).
    """

    def __init__(self, bodies: list[bytes] | None = None) -> None:
        self.bodies = bodies
        message = json.loads(BODY)
        message.update(
            id="1300000000000000001",
            channel_id="1100000000000000003",
            type=0,
            author={"id": str(APPLICATION_ID), "username": "bench", "bot": True},
            timestamp="2026-12-03T20:00:00+00:00",
            edited_timestamp=None,
            tts=False,
            mention_everyone=False,
            mentions=[],
            mention_roles=[],
            attachments=[],
            pinned=False,
            flags=0,
        )
        self.answer = json.dumps(message).encode()
        reset = f"{time.time() + 86_400:.3f}"
        self.headers = [
            (b"content-type", b"application/json"),
            (b"x-ratelimit-bucket", b"b3nch"),
            (b"x-ratelimit-limit", b"1000000"),
            (b"x-ratelimit-remaining", b"999999"),
            (b"x-ratelimit-reset", reset.encode()),
            (b"x-ratelimit-reset-after", b"86400.000"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)

        if self.bodies is not None:
            self.bodies.append(body)

        start = {"type": "http.response.start", "status": 200, "headers": self.headers}
        await send(start)
        await send({"type": "http.response.body", "body": self.answer})


def _path(token: str) -> str:
    return f"/webhooks/{APPLICATION_ID}/{token}"


async def _raw(fake: FakeDiscord, followups: int) -> None:
    transport = httpx.ASGITransport(app=fake)
    async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        for n in range(followups):
            response = await client.post(
                _path(TOKENS[n % INTERACTIONS]), content=BODY, headers=BODY_HEADERS
            )
            response.raise_for_status()
            json.loads(response.content)


async def _ikit(fake: FakeDiscord, followups: int) -> None:
    transport = httpx.ASGITransport(app=fake)
    async with RestClient(base_url=BASE_URL, transport=transport) as rest:
        for n in range(followups):
            await rest.create_followup(
                APPLICATION_ID, TOKENS[n % INTERACTIONS], MESSAGE
            )


def baseline(followups: int) -> None:
    """Raw httpx: post the encoded message, check the status, parse the answer."""
    anyio.run(_raw, FakeDiscord(), followups)


def candidate(followups: int) -> None:
    """ikit's RestClient: ``create_followup`` with the message struct."""
    anyio.run(_ikit, FakeDiscord(), followups)


def check() -> None:
    """Both sides send the same bodies, and the client sends them in the same order."""
    sent: dict[str, list[bytes]] = {"raw": [], "ikit": []}
    anyio.run(_raw, FakeDiscord(sent["raw"]), INTERACTIONS)
    anyio.run(_ikit, FakeDiscord(sent["ikit"]), INTERACTIONS)
    if sent["raw"] != sent["ikit"] or sent["raw"] != [BODY] * INTERACTIONS:
        raise AssertionError("the two sides did not send the same bodies")


def benchmarks() -> list[Benchmark]:
    followups = QUICK_FOLLOWUPS if "--quick" in sys.argv[1:] else FOLLOWUPS
    return [
        Benchmark(
            name=f"{followups:,} followups to a local fake with no limits",
            baseline=partial(baseline, followups),
            candidate=partial(candidate, followups),
            baseline_label="raw `httpx.AsyncClient.post`",
            candidate_label="`RestClient.create_followup`",
            check=check,
        )
    ]
