"""app.handle(): one request without ASGI, as serverless platforms call it.

Inside ``app.lifespan()`` it answers at the first answer or with a deferral at the
deadline, and the work after the answer goes on; outside, nothing can run after it
returns, so it waits for the handler and returns the handler's own answer.
"""

from __future__ import annotations

import asyncio
import json
import time

import anyio
import httpx
import pytest

import ikit
from ikit import models
from ikit.rest import RestClient
from ikit.server.verify import generate_keypair, sign
from ikit.testing import payloads

KEYS = generate_keypair()
pytestmark = pytest.mark.anyio


class Recorder:
    """Discord's REST API as an httpx transport that records each request."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, object]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        sent = json.loads(request.content or b"{}")
        self.requests.append((request.method, request.url.path, sent))
        return httpx.Response(200, json={"id": "77", "channel_id": "5", "content": ""})


def _app(recorder: Recorder) -> ikit.App:
    app = ikit.App(application_id=1, public_key=KEYS.public_key, deadline=0.2)
    app.rest = RestClient(
        token="t",
        base_url="http://discord.test/api/v10",
        transport=httpx.MockTransport(recorder),
    )

    @app.command
    async def slow(ctx: ikit.CommandContext) -> ikit.Response:
        """Take a while."""
        await anyio.sleep(0.6)
        return ctx.reply("Done.")

    @app.command
    async def quick(ctx: ikit.CommandContext) -> ikit.Response:
        """Answer at once."""
        return ctx.reply("Hi.")

    @app.command
    async def early(ctx: ikit.CommandContext) -> None:
        """Answer at once, then keep working."""
        await ctx.send(ctx.defer())
        await anyio.sleep(0.3)
        await ctx.edit_original("Ready.")

    return app


def _signed(command: str) -> tuple[bytes, dict[str, str]]:
    body = models.encode(payloads.slash_command(command))
    return body, sign(KEYS.signing_key, body)


async def test_inside_a_lifespan_a_slow_handler_is_deferred_at_the_deadline() -> None:
    recorder = Recorder()
    app = _app(recorder)

    async with app.lifespan():
        started = time.monotonic()
        result = await app.handle(*_signed("slow"))
        answered_after = time.monotonic() - started
        assert recorder.requests == []  # the handler is still at work

    assert answered_after < 0.5
    assert json.loads(result.body) == {"type": 5}
    [(method, path, sent)] = recorder.requests
    assert (method, sent) == ("PATCH", {"content": "Done."})
    assert path.endswith("/messages/@original")


async def test_inside_a_lifespan_an_early_answer_returns_at_once() -> None:
    recorder = Recorder()
    app = _app(recorder)

    async with app.lifespan():
        started = time.monotonic()
        result = await app.handle(*_signed("early"))
        answered_after = time.monotonic() - started

    assert answered_after < 0.2
    assert json.loads(result.body) == {"type": 5}
    [(method, path, sent)] = recorder.requests
    assert (method, sent) == ("PATCH", {"content": "Ready."})
    assert path.endswith("/messages/@original")


async def test_outside_a_lifespan_the_handlers_own_answer_comes_back(
    caplog: pytest.LogCaptureFixture,
) -> None:
    recorder = Recorder()
    app = _app(recorder)

    result = await app.handle(*_signed("slow"))

    assert json.loads(result.body) == {"type": 4, "data": {"content": "Done."}}
    assert recorder.requests == []  # no deferral, so no edit of one
    assert "answered after the 0.2 s deadline" in caplog.text


async def test_leaving_a_lifespan_closes_the_rest_client_the_app_made() -> None:
    app = ikit.App(application_id=1, public_key=KEYS.public_key, token="t")

    async with app.lifespan():
        made = app.rest
    async with app.lifespan():
        again = app.rest

    assert made is not again
    assert made.is_closed
    assert again.is_closed


async def test_a_rest_client_given_to_the_app_is_left_to_its_owner() -> None:
    app = _app(Recorder())
    given = app.rest

    async with app.lifespan():
        pass

    assert app.rest is given
    assert not given.is_closed
    await given.aclose()


async def test_answering_in_a_tight_loop_leaves_no_pile_of_tasks(
    anyio_backend: str,
) -> None:
    # A caller that never yields to the event loop (a batch replay, a benchmark)
    # must not pile up work for it: memory would grow with every interaction.
    if anyio_backend != "asyncio":
        pytest.skip("trio starts handlers in the lifespan's task group")
    app = _app(Recorder())

    async with app.lifespan():
        for _ in range(2000):
            await app.handle(*_signed("quick"))
        pending = len(asyncio.all_tasks())

    assert pending < 500


async def test_a_body_over_the_cap_is_413_without_being_verified() -> None:
    app = ikit.App(application_id=1, public_key=KEYS.public_key, max_body_size=100)
    body = b"x" * 101

    result = await app.handle(body, sign(KEYS.signing_key, body))

    assert result.status == 413
    assert result.body == (
        b"the body is larger than 100 bytes, the most this endpoint accepts"
    )
