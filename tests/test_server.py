"""The server over real HTTP on 127.0.0.1, signed requests, both loops: hypercorn
in-process, and granian (when installed) in a process of its own, as ``ikit serve
--server granian`` runs it."""

from __future__ import annotations

import email
import email.policy
import importlib.util
import itertools
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

import ikit
from ikit import models, ui
from ikit.app import App
from ikit.context import CommandContext, ComponentContext
from ikit.rest import File
from ikit.server._serve import serve
from ikit.server.verify import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    generate_keypair,
    sign,
)

KEYS = generate_keypair()
ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.anyio

#: The servers every server test runs on; granian only where it is installed.
SERVERS = [
    pytest.param("hypercorn"),
    pytest.param(
        "granian",
        marks=pytest.mark.skipif(
            importlib.util.find_spec("granian") is None,
            reason="granian is not installed (pip install 'ikit[granian]')",
        ),
    ),
]


def ikit_serve(target: str, port: int, *, server: str = "granian") -> list[str]:
    """The ``ikit serve`` command that serves ``target`` in a process of its own."""
    return [
        sys.executable, "-m", "ikit", "serve", target, "--server", server,
        "--port", str(port), "--env-file", "",
    ]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


_sequence = itertools.count()


def _snowflake(at: float | None = None) -> str:
    # Discord's ids are unique: the low bits count ids made in the same millisecond.
    ms = int((at if at is not None else time.time()) * 1000) - 1_420_070_400_000
    return str(ms << 22 | next(_sequence) % 4096)


def _click(custom_id: str, *, interaction_id: str | None = None) -> dict[str, Any]:
    return {
        "id": interaction_id or _snowflake(),
        "application_id": "1",
        "type": 3,
        "token": "tok",
        "version": 1,
        "data": {"custom_id": custom_id, "component_type": 2},
        "channel_id": "5",
        "user": {"id": "9", "username": "tester"},
    }


def _slash(command: str, /, **options: str) -> dict[str, Any]:
    """A slash command (type 2) with string options."""
    data = {
        "id": "5",
        "name": command,
        "type": 1,
        "options": [{"name": k, "type": 3, "value": v} for k, v in options.items()],
    }
    return {
        "id": _snowflake(),
        "application_id": "1",
        "type": 2,
        "token": "tok",
        "version": 1,
        "data": data,
        "channel_id": "5",
        "user": {"id": "9", "username": "tester"},
    }


def _app(public_key: str = KEYS.public_key, **options: Any) -> App:
    app = App(application_id=1, public_key=public_key, health_path="/health", **options)

    @app.command
    async def hello(ctx: CommandContext, name: str) -> ikit.Response:
        """Say hello."""
        return ctx.reply(f"hello {name}")

    @app.component("greet/{name}")
    async def greet(ctx: ComponentContext, name: str) -> models.UpdateMessageResponse:
        payload = models.MessagePayload(content=f"hello {name}")
        return models.UpdateMessageResponse(data=payload)

    @app.component("chart")
    async def chart(ctx: ComponentContext) -> ikit.Response:
        chart = File(b"\x89PNG-bytes", name="chart.png", description="the chart")
        gallery = ui.MediaGallery(ui.MediaGalleryItem("attachment://chart.png"))
        return ctx.reply(gallery, files=[chart])

    @app.component("boom")
    async def boom(ctx: ComponentContext) -> models.UpdateMessageResponse:
        raise RuntimeError("handler failed")

    return app


@pytest.fixture(params=SERVERS)
async def server(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    if request.param == "granian":
        url: str = request.getfixturevalue("granian_server")
        yield url
        return
    async with serving(_app()) as url:
        yield url


@asynccontextmanager
async def serving(app: App, **options: Any) -> AsyncIterator[str]:
    """``app`` served by hypercorn in this process, on this test's loop, for the
    block; yields its URL. ``options`` go to :func:`serve`."""
    port = _free_port()
    stop = anyio.Event()
    async with anyio.create_task_group() as tg:
        tg.start_soon(
            lambda: serve(app, port=port, shutdown_trigger=stop.wait, **options)
        )
        url = f"http://127.0.0.1:{port}"
        try:
            await _wait_until_up(url)
            yield url
        finally:
            stop.set()


@pytest.fixture(scope="module")
def granian_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """granian serving ``tests.served_app:app`` (this module's app) for the module:
    granian runs its own runtime, so it gets a process of its own."""
    port = _free_port()
    env = {**os.environ, "DISCORD_PUBLIC_KEY": KEYS.public_key}
    log = tmp_path_factory.mktemp("granian") / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            ikit_serve("tests.served_app:app", port),
            env=env,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_until_up_blocking(url, process, log)
        yield url
    finally:
        stop_process(process)


def _wait_until_up_blocking(
    url: str, process: subprocess.Popen[bytes], log: Path
) -> None:
    for _ in range(500):
        if process.poll() is not None:
            raise RuntimeError(f"the server exited: {log.read_text()}")
        try:
            httpx.get(url + "/health")
            return
        except httpx.TransportError:
            time.sleep(0.02)
    raise RuntimeError("the server did not start")


def stop_process(process: subprocess.Popen[bytes], grace: float = 15) -> None:
    """Stop a server process as a supervisor would (SIGTERM), killing it only if it
    outlives ``grace`` seconds."""
    process.terminate()
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


async def _wait_until_up(url: str, path: str = "/health") -> None:
    async with httpx.AsyncClient() as client:
        # Generous: the machine may be busy with other tests.
        for _ in range(500):
            try:
                await client.get(url + path)
                return
            except httpx.TransportError:
                await anyio.sleep(0.02)
    raise RuntimeError("the server did not start")


async def _post(
    url: str, body: bytes, headers: dict[str, str] | None = None, path: str = "/"
) -> httpx.Response:
    async with httpx.AsyncClient() as client:
        return await client.post(url + path, content=body, headers=headers or {})


def _signed(payload: dict[str, Any], **kw: Any) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(payload).encode()
    return body, sign(KEYS.signing_key, body, **kw)


async def test_ping_is_answered_with_pong(server: str) -> None:
    body, headers = _signed(
        {"id": _snowflake(), "application_id": "1", "type": 1, "token": "t"}
    )

    response = await _post(server, body, headers)

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"type": 1}


async def test_a_component_is_routed_and_answered(server: str) -> None:
    response = await _post(server, *_signed(_click("greet/ana")))

    assert response.status_code == 200
    assert response.json() == {"type": 7, "data": {"content": "hello ana"}}


@pytest.mark.parametrize(
    ("mangle", "status", "reason"),
    [
        (lambda h: {}, 401, "missing"),
        (lambda h: {**h, "x-signature-ed25519": "zz" * 64}, 401, "hex"),
        (lambda h: {**h, "x-signature-ed25519": "00" * 64}, 401, "does not match"),
        (lambda h: {**h, "x-signature-timestamp": "soon"}, 401, "timestamp"),
    ],
    ids=["no-headers", "non-hex", "wrong-signature", "bad-timestamp"],
)
async def test_bad_signatures_are_refused(
    server: str, mangle: Any, status: int, reason: str
) -> None:
    body, headers = _signed(_click("greet/x"))

    response = await _post(server, body, mangle(headers))

    assert response.status_code == status
    assert reason in response.text.lower()


@pytest.mark.parametrize(
    ("kept", "reason"),
    [
        (
            SIGNATURE_HEADER,
            "the X-Signature-Timestamp header is missing; Discord sends it with "
            "every interaction request",
        ),
        (
            TIMESTAMP_HEADER,
            "the X-Signature-Ed25519 header is missing; Discord signs every "
            "interaction request",
        ),
    ],
    ids=["signature-only", "timestamp-only"],
)
async def test_a_request_with_one_of_the_two_headers_is_refused(
    server: str, kept: str, reason: str
) -> None:
    body, headers = _signed(_click("greet/x"))

    response = await _post(server, body, {kept: headers[kept]})

    assert response.status_code == 401
    assert response.text == reason


@pytest.mark.parametrize(
    ("skew", "reason"),
    [
        (-400, r"[\d.]+ seconds old; requests more than 300 seconds old"),
        (400, r"[\d.]+ seconds in the future; requests more than 300 seconds ahead"),
    ],
    ids=["old", "future"],
)
async def test_timestamps_outside_the_window_are_refused(
    server: str, skew: int, reason: str
) -> None:
    body, headers = _signed(_click("greet/x"), timestamp=int(time.time()) + skew)

    response = await _post(server, body, headers)

    assert response.status_code == 401
    expected = rf"the X-Signature-Timestamp header is {reason} are refused \(check "
    assert re.fullmatch(expected + r"the server clock\)", response.text)


async def test_a_replayed_interaction_is_refused(server: str) -> None:
    payload = _click("greet/x", interaction_id=_snowflake())

    first = await _post(server, *_signed(payload))
    second = await _post(server, *_signed(payload))

    assert first.status_code == 200
    assert second.status_code == 401
    assert "already received" in second.text


# The server answers 413 before reading the body; httpx's request stream is then left
# unfinished on the client side, which trio reports as an unraisable exception.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
async def test_an_oversized_body_is_413(server: str) -> None:
    # The app answers from the declared length, before the body arrives. A client
    # still writing a megabyte would race the server closing the connection (an
    # HTTP/1.1 server may), so this one declares the size and sends a little.
    host, port = server.removeprefix("http://").split(":")
    head = (
        "POST / HTTP/1.1\r\n"
        f"Host: {host}:{port}\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {(1 << 20) + 1}\r\n"
        "X-Signature-Ed25519: 00\r\n"
        "X-Signature-Timestamp: 0\r\n\r\n"
    )
    with anyio.fail_after(10):
        async with await anyio.connect_tcp(host, int(port)) as stream:
            await stream.send(head.encode() + b"x" * 1024)
            answer = await stream.receive()

    status_line = answer.split(b"\r\n", 1)[0]
    assert status_line.startswith(b"HTTP/1.1 413"), answer[:200]


async def test_an_oversized_body_is_not_read_past_the_cap() -> None:
    # No content-length to refuse it by, and a body that never ends: the app must
    # count what it reads and stop at the first chunk past the cap.
    chunk = b"x" * (64 << 10)
    calls = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal calls
        calls += 1
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/", "headers": []}
    with anyio.fail_after(5):
        await _app()(scope, receive, send)

    assert sent[0]["status"] == 413
    assert calls == (1 << 20) // len(chunk) + 1
    assert sent[1]["body"] == (
        b"the body is larger than 1048576 bytes, the most this endpoint accepts"
    )


async def test_wrong_method_and_path(server: str) -> None:
    async with httpx.AsyncClient() as client:
        wrong_method = await client.get(server + "/")
        wrong_path = await client.post(server + "/nope", content=b"{}")

    assert wrong_method.status_code == 405
    assert wrong_method.headers["allow"] == "POST"
    assert wrong_path.status_code == 404


async def test_a_slash_command_is_routed_and_answered(server: str) -> None:
    response = await _post(server, *_signed(_slash("hello", name="ana")))

    assert response.status_code == 200
    assert response.json() == {"type": 4, "data": {"content": "hello ana"}}


async def test_the_app_answers_on_its_own_path_only() -> None:
    async with serving(_app(path="/interactions")) as url:
        on_path = await _post(url, *_signed(_click("greet/ana")), path="/interactions")
        at_root = await _post(url, *_signed(_click("greet/ana")))

    assert on_path.status_code == 200
    assert on_path.json() == {"type": 7, "data": {"content": "hello ana"}}
    assert at_root.status_code == 404


async def test_paths_are_matched_below_the_root_path() -> None:
    # As behind a proxy that forwards /bot/... unchanged: hypercorn passes the full
    # path, with root_path beside it.
    async with serving(_app(), root_path="/bot") as url:
        answered = [
            await _post(url, *_signed(_click("greet/ana")), path=path)
            for path in ("/bot/", "/bot")
        ]
        outside = [
            await _post(url, *_signed(_click("greet/ana")), path=path)
            for path in ("/", "/botany")
        ]
        async with httpx.AsyncClient() as client:
            health = await client.get(url + "/bot/health")

    assert [r.status_code for r in answered] == [200, 200]
    assert answered[0].json() == {"type": 7, "data": {"content": "hello ana"}}
    assert [r.status_code for r in outside] == [404, 404]
    assert health.status_code == 200


async def test_malformed_json_after_a_valid_signature_is_400(server: str) -> None:
    body = b'{"type": 3, "id": '

    response = await _post(server, body, sign(KEYS.signing_key, body))

    assert response.status_code == 400
    assert "truncated" in response.text


async def test_an_unknown_interaction_type_gets_a_graceful_answer(server: str) -> None:
    payload = {"id": _snowflake(), "application_id": "1", "type": 99, "token": "t"}

    response = await _post(server, *_signed(payload))

    assert response.status_code == 200
    assert response.json()["data"]["flags"] == 64


async def test_a_handler_that_raises_is_answered_not_500(server: str) -> None:
    response = await _post(server, *_signed(_click("boom")))

    assert response.status_code == 200
    data = response.json()["data"]
    assert data["flags"] == 64
    assert "went wrong" in data["content"]


async def test_an_answer_with_files_is_multipart(server: str) -> None:
    response = await _post(server, *_signed(_click("chart")))

    assert response.status_code == 200
    parts = _form_parts(response)
    payload = json.loads(parts["payload_json"][1])
    assert payload["type"] == 4
    assert payload["data"]["attachments"] == [
        {"id": "0", "filename": "chart.png", "description": "the chart"}
    ]
    gallery = payload["data"]["components"][0]
    assert gallery["items"][0]["media"]["url"] == "attachment://chart.png"
    assert parts["files[0]"] == ("chart.png", b"\x89PNG-bytes")


def _form_parts(response: httpx.Response) -> dict[str, tuple[str | None, bytes]]:
    message = email.message_from_bytes(
        b"Content-Type: "
        + response.headers["content-type"].encode()
        + b"\r\n\r\n"
        + response.content,
        policy=email.policy.HTTP,
    )
    parts: dict[str, tuple[str | None, bytes]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        body = part.get_payload(decode=True)
        assert isinstance(name, str)
        assert isinstance(body, bytes)
        parts[name] = (part.get_filename(), body)
    return parts
