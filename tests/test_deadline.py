"""The 3-second deadline over real HTTP: ikit defers for a slow handler and delivers
its answer as one PATCH of @original; respond-then-continue; graceful shutdown.

Each of those runs on hypercorn (in this process) and on granian (in a process of its
own, started as ``ikit serve --server granian`` would, when granian is installed).
The last tests go through ``app.handle`` in a lifespan: which deferral each kind of
interaction gets, and from when the budget counts.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import anyio
import anyio.abc
import httpx
import pytest

import ikit
from ikit.app import App
from ikit.context import CommandContext, ComponentContext, ModalContext
from ikit.rest import RestClient
from ikit.server._serve import _running_trio, serve
from ikit.server.verify import generate_keypair, sign
from tests.slow_app import add_handlers
from tests.test_server import (
    ROOT,
    SERVERS,
    _free_port,
    _snowflake,
    _wait_until_up,
    ikit_serve,
)

KEYS = generate_keypair()
pytestmark = pytest.mark.anyio


@dataclass
class FakeDiscord:
    """A local stand-in for Discord's REST API that records each request."""

    requests: list[tuple[str, str, Any]] = field(default_factory=list)

    async def wait_for(self, count: int, seconds: float) -> None:
        """Wait until ``count`` requests have arrived (fail after ``seconds``)."""
        with anyio.fail_after(seconds):
            # Polling keeps the fake free of event-loop state, so one instance
            # serves in-process and over HTTP alike.
            while len(self.requests) < count:  # noqa: ASYNC110
                await anyio.sleep(0.02)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await receive()
            await send({"type": "lifespan.startup.complete"})
            await receive()
            await send({"type": "lifespan.shutdown.complete"})
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        self.requests.append(
            (scope["method"], scope["path"], json.loads(body or b"{}"))
        )
        reply = json.dumps({"id": "77", "channel_id": "5", "content": ""}).encode()
        headers = [(b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": reply})


def _app(fake: FakeDiscord, shutdown_timeout: float = 10.0) -> App:
    app = App(
        application_id=1,
        public_key=KEYS.public_key,
        health_path="/health",
        shutdown_timeout=shutdown_timeout,
    )
    app.rest = RestClient(
        token="t",
        base_url="http://discord.test/api/v10",
        transport=httpx.ASGITransport(app=fake),
    )
    return add_handlers(app)


@asynccontextmanager
async def _own_process(
    fake: FakeDiscord, server: str
) -> AsyncIterator[tuple[str, Callable[[], None]]]:
    """``tests.slow_app:app`` served by ``ikit serve --server <server>`` in a process
    of its own, with ``fake`` serving Discord's REST API on loopback.

    Yields the app's URL and a function that stops the server as a supervisor does
    (SIGTERM, once); leaving the block stops it and waits for it to exit.
    """
    fake_port, app_port = _free_port(), _free_port()
    stop_fake = anyio.Event()
    url = f"http://127.0.0.1:{app_port}"
    async with anyio.create_task_group() as tg:
        tg.start_soon(lambda: _serve_asgi(fake, fake_port, stop_fake.wait))
        env = {
            **os.environ,
            "DISCORD_PUBLIC_KEY": KEYS.public_key,
            "IKIT_TEST_PUBLIC_KEY": KEYS.public_key,
            "IKIT_TEST_REST_URL": f"http://127.0.0.1:{fake_port}/api/v10",
        }
        command = ikit_serve("tests.slow_app:app", app_port, server=server)
        if server == "hypercorn" and _running_trio():
            # The test's loop is the server's too: hypercorn has a trio worker.
            command += ["--worker-class", "trio"]
        async with await anyio.open_process(command, env=env, cwd=ROOT) as process:
            stopping = False

            def stop() -> None:
                nonlocal stopping
                if not stopping:
                    stopping = True
                    process.terminate()

            try:
                await _wait_until_up(url)
                yield url, stop
            finally:
                stop()
                with anyio.fail_after(15):
                    await process.wait()
        stop_fake.set()


@pytest.fixture(params=SERVERS)
async def running(
    request: pytest.FixtureRequest,
) -> AsyncIterator[tuple[str, FakeDiscord, Callable[[], None]]]:
    fake = FakeDiscord()
    if request.param == "granian":
        async with _own_process(fake, "granian") as (url, terminate):
            yield url, fake, terminate
        return
    port = _free_port()
    stop = anyio.Event()
    async with anyio.create_task_group() as tg:
        tg.start_soon(lambda: serve(_app(fake), port=port, shutdown_trigger=stop.wait))
        url = f"http://127.0.0.1:{port}"
        await _wait_until_up(url)
        yield url, fake, stop.set
        stop.set()


def _click(custom_id: str, token: str = "tok") -> tuple[bytes, dict[str, str], float]:
    created = time.time()
    payload = {
        "id": _snowflake(created),
        "application_id": "1",
        "type": 3,
        "token": token,
        "data": {"custom_id": custom_id, "component_type": 2},
        "user": {"id": "9", "username": "tester"},
    }
    body = json.dumps(payload).encode()
    return body, sign(KEYS.signing_key, body), created


async def _send(
    client: httpx.AsyncClient, url: str, custom_id: str, token: str = "tok"
) -> tuple[httpx.Response, float]:
    body, headers, created = _click(custom_id, token)
    response = await client.post(url, content=body, headers=headers)
    return response, time.time() - created


async def test_a_slow_handler_is_deferred_in_time_and_finished_by_patch(
    running: tuple[str, FakeDiscord, Callable[[], None]],
) -> None:
    url, fake, _ = running
    async with httpx.AsyncClient(timeout=10) as client:
        response, elapsed = await _send(client, url, "slow/5.0")

    assert response.json() == {"type": 6}
    assert elapsed < 3.0
    await fake.wait_for(1, 8)
    assert fake.requests == [
        (
            "PATCH",
            "/api/v10/webhooks/1/tok/messages/@original",
            {"content": "done after 5.0"},
        )
    ]


async def test_respond_then_continue_answers_at_once(
    running: tuple[str, FakeDiscord, Callable[[], None]],
) -> None:
    url, fake, _ = running
    async with httpx.AsyncClient(timeout=10) as client:
        response, elapsed = await _send(client, url, "early")

    assert response.json() == {"type": 6}
    assert elapsed < 0.5
    await fake.wait_for(1, 5)
    # Long enough for a second PATCH, had the handler's end sent one.
    await anyio.sleep(0.5)
    assert fake.requests == [
        (
            "PATCH",
            "/api/v10/webhooks/1/tok/messages/@original",
            {"content": "finished later"},
        )
    ]


@pytest.mark.parametrize("server", SERVERS)
async def test_two_hundred_slow_interactions_at_once(server: str) -> None:
    # The server runs in its own process, as in production, so that this test's
    # 200 clients do not compete with it for one event loop. (ikit serve queues
    # 1,024 pending connections; hypercorn's default of 100 would drop half.)
    fake = FakeDiscord()
    async with _own_process(fake, server) as (url, _):
        results = await _fire(url, 200, seconds=5.0)
        await fake.wait_for(200, 15)
    # The server has exited: every request it would ever send has arrived.

    assert all(r.json() == {"type": 6} for r, _ in results)
    assert max(elapsed for _, elapsed in results) < 3.0
    assert len(fake.requests) == 200
    assert all(
        method == "PATCH" and body == {"content": "done after 5.0"}
        for method, _, body in fake.requests
    )
    # One edit of @original per interaction: none missing, none sent twice.
    paths = sorted(path for _, path, _ in fake.requests)
    assert paths == sorted(
        f"/api/v10/webhooks/1/tok{n}/messages/@original" for n in range(200)
    )


async def _fire(url: str, count: int, seconds: float) -> list[tuple[_Raw, float]]:
    # Raw HTTP/1.1 over anyio sockets: a client light enough that 200 concurrent
    # requests measure the server, not the client's connection pool.
    results: list[tuple[_Raw, float]] = []
    port = int(url.rsplit(":", 1)[1])

    async def one(n: int) -> None:
        body, headers, created = _click(f"slow/{seconds}", token=f"tok{n}")
        response = await _raw_post(port, body, headers)
        results.append((response, time.time() - created))

    async with anyio.create_task_group() as tg:
        for n in range(count):
            tg.start_soon(one, n)
    return results


@dataclass
class _Raw:
    status: int
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


async def _raw_post(port: int, body: bytes, headers: dict[str, str]) -> _Raw:
    lines = [
        "POST / HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
        "Connection: close",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
    async with await anyio.connect_tcp("127.0.0.1", port) as stream:
        await stream.send(request)
        received = b""
        with contextlib.suppress(anyio.EndOfStream, anyio.BrokenResourceError):
            while True:
                received += await stream.receive()
    head, _, payload = received.partition(b"\r\n\r\n")
    return _Raw(int(head.split()[1]), payload)


async def _serve_asgi(asgi: Any, port: int, stop: Callable[[], Any]) -> None:
    from hypercorn.config import Config

    config = Config()
    config.bind = [f"127.0.0.1:{port}"]
    config.accesslog = None
    if _running_trio():
        from hypercorn.trio import serve as serve_trio

        await serve_trio(asgi, config, shutdown_trigger=stop)
    else:
        from hypercorn.asyncio import serve as serve_asyncio

        await serve_asyncio(asgi, config, shutdown_trigger=stop)


async def test_shutdown_waits_for_work_in_flight(
    running: tuple[str, FakeDiscord, Callable[[], None]],
) -> None:
    url, fake, stop = running
    async with httpx.AsyncClient(timeout=10) as client:
        response, _ = await _send(client, url, "early")
    assert response.status_code == 200
    stop()

    # The handler's PATCH comes half a second after its answer: it arrives only if
    # the shutdown let the work in flight finish instead of cancelling it.
    await fake.wait_for(1, 5)
    assert [method for method, _, _ in fake.requests] == ["PATCH"]


# -- which deferral, and from when: through app.handle in a lifespan ------------------


def _deferring_app(fake: FakeDiscord, deadline: float = 0.2) -> App:
    """An app with a short deadline and a handler of each kind that misses it,
    plainly and with ``defer_ephemeral``."""
    app = App(application_id=1, public_key=KEYS.public_key, deadline=deadline)
    app.rest = RestClient(
        token="t",
        base_url="http://discord.test/api/v10",
        transport=httpx.ASGITransport(app=fake),
    )

    @app.command
    async def export(ctx: CommandContext) -> ikit.Response:
        """Export the data."""
        await anyio.sleep(0.5)
        return ctx.reply("exported")

    @app.command(defer_ephemeral=True)
    async def secret(ctx: CommandContext) -> ikit.Response:
        """Export the data for you alone."""
        await anyio.sleep(0.5)
        return ctx.reply("exported", ephemeral=True)

    @app.component("report")
    async def report(ctx: ComponentContext) -> ikit.Response:
        await anyio.sleep(0.5)
        return ctx.update("reported")

    @app.component("report-secret", defer_ephemeral=True)
    async def report_secret(ctx: ComponentContext) -> ikit.Response:
        await anyio.sleep(0.5)
        return ctx.reply("reported", ephemeral=True)

    @app.modal("form")
    async def form(ctx: ModalContext) -> ikit.Response:
        await anyio.sleep(0.5)
        return ctx.reply("submitted")

    @app.modal("form-secret", defer_ephemeral=True)
    async def form_secret(ctx: ModalContext) -> ikit.Response:
        await anyio.sleep(0.5)
        return ctx.reply("submitted", ephemeral=True)

    @app.component("wait/{seconds}")
    async def wait(ctx: ComponentContext, seconds: float) -> ikit.Response:
        await anyio.sleep(seconds)
        return ctx.update(f"waited {seconds}")

    return app


def _interaction(
    kind: int, data: dict[str, Any], created: float | None = None
) -> tuple[bytes, dict[str, str]]:
    payload = {
        "id": _snowflake(created),
        "application_id": "1",
        "type": kind,
        "token": "tok",
        "data": data,
        "user": {"id": "9", "username": "tester"},
    }
    body = json.dumps(payload).encode()
    return body, sign(KEYS.signing_key, body)


def _command(name: str) -> dict[str, Any]:
    return {"id": "5", "name": name, "type": 1}


def _button(custom_id: str) -> dict[str, Any]:
    return {"custom_id": custom_id, "component_type": 2}


def _modal(custom_id: str) -> dict[str, Any]:
    return {"custom_id": custom_id, "components": []}


EPHEMERAL_DEFERRAL = {"type": 5, "data": {"flags": 64}}


@pytest.mark.parametrize(
    ("kind", "data", "deferral", "content"),
    [
        (2, _command("export"), {"type": 5}, "exported"),
        (2, _command("secret"), EPHEMERAL_DEFERRAL, "exported"),
        (3, _button("report"), {"type": 6}, "reported"),
        # Asked to be ephemeral, a component's deferral is a "thinking..." that its
        # ephemeral answer fills in, not a silent acknowledgement (type 6).
        (3, _button("report-secret"), EPHEMERAL_DEFERRAL, "reported"),
        (5, _modal("form"), {"type": 5}, "submitted"),
        (5, _modal("form-secret"), EPHEMERAL_DEFERRAL, "submitted"),
    ],
    ids=[
        "command",
        "command-ephemeral",
        "component",
        "component-ephemeral",
        "modal",
        "modal-ephemeral",
    ],
)
async def test_the_deferral_fits_the_interaction_and_defer_ephemeral(
    kind: int, data: dict[str, Any], deferral: dict[str, Any], content: str
) -> None:
    fake = FakeDiscord()
    app = _deferring_app(fake)

    with anyio.fail_after(10):
        async with app.lifespan():
            result = await app.handle(*_interaction(kind, data))

    assert json.loads(result.body) == deferral
    assert [(method, path) for method, path, _ in fake.requests] == [
        ("PATCH", "/api/v10/webhooks/1/tok/messages/@original")
    ]
    assert fake.requests[0][2]["content"] == content


async def test_the_budget_counts_from_arrival_when_the_clocks_disagree() -> None:
    # The id says 10 s ago, the timestamp header says now: this host's clock is off,
    # so counting from the id would leave no time at all.
    fake = FakeDiscord()
    app = _deferring_app(fake, deadline=0.5)
    ten_seconds_ago = time.time() - 10

    with anyio.fail_after(10):
        async with app.lifespan():
            quick = await app.handle(
                *_interaction(3, _button("wait/0.1"), ten_seconds_ago)
            )
            started = time.monotonic()
            slow = await app.handle(
                *_interaction(3, _button("wait/1.5"), ten_seconds_ago)
            )
            deferred_after = time.monotonic() - started

    assert json.loads(quick.body) == {"type": 7, "data": {"content": "waited 0.1"}}
    assert json.loads(slow.body) == {"type": 6}
    assert 0.45 <= deferred_after < 1.4
