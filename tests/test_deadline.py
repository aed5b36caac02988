"""The 3-second deadline over real HTTP: ikit defers for a slow handler and delivers
its answer as one PATCH of @original; respond-then-continue; graceful shutdown.

Each test runs on hypercorn (in this process) and on granian (in a process of its
own, started as ``ikit serve --server granian`` would, when granian is installed).
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

from ikit.app import App
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
    assert fake.requests[0][2] == {"content": "finished later"}


@pytest.mark.parametrize("server", SERVERS)
async def test_two_hundred_slow_interactions_at_once(server: str) -> None:
    # The server runs in its own process, as in production, so that this test's
    # 200 clients do not compete with it for one event loop. (ikit serve queues
    # 1,024 pending connections; hypercorn's default of 100 would drop half.)
    fake = FakeDiscord()
    async with _own_process(fake, server) as (url, _):
        results = await _fire(url, 200)
        await fake.wait_for(200, 15)

    assert all(r.json() == {"type": 6} for r, _ in results)
    assert max(elapsed for _, elapsed in results) < 3.0
    tokens = {path.split("/")[5] for _, path, _ in fake.requests}
    assert tokens == {f"tok{n}" for n in range(200)}


async def _fire(url: str, count: int) -> list[tuple[_Raw, float]]:
    # Raw HTTP/1.1 over anyio sockets: a client light enough that 200 concurrent
    # requests measure the server, not the client's connection pool.
    results: list[tuple[_Raw, float]] = []
    port = int(url.rsplit(":", 1)[1])

    async def one(n: int) -> None:
        body, headers, created = _click("slow/3.0", token=f"tok{n}")
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
