"""The server's logging, its shutdown grace period, its lifespans, and ikit serve's
options and checks."""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import anyio
import httpx
import pytest

import ikit
from ikit.models import MessageEdit
from ikit.rest import RestClient
from ikit.server import generate_keypair, sign
from ikit.server._serve import apply_shutdown_timeout, shutdown_timeout_of
from tests.slow_app import add_handlers
from tests.test_deadline import FakeDiscord, _serve_asgi
from tests.test_server import (
    _app,
    _click,
    _free_port,
    _snowflake,
    _wait_until_up,
    _wait_until_up_blocking,
    serving,
    stop_process,
)

KEYS = generate_keypair()
ROOT = Path(__file__).resolve().parent.parent


def _signed_click(custom_id: str) -> tuple[bytes, dict[str, str]]:
    payload = _click(custom_id)
    payload["token"] = "secret-interaction-token"
    body = json.dumps(payload).encode()
    return body, sign(KEYS.signing_key, body)


@pytest.mark.anyio
async def test_one_info_line_per_interaction_and_no_token(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = _app()
    app.public_key = KEYS.public_key
    caplog.set_level(logging.DEBUG, logger="ikit")

    await app.handle(*_signed_click("greet/ana"))

    infos = [r for r in caplog.records if r.levelno == logging.INFO]
    assert len(infos) == 1
    assert infos[0].name == "ikit.server"
    assert infos[0].getMessage().startswith("message_component greet/ana -> 200 in ")
    assert all("secret-interaction-token" not in r.getMessage() for r in caplog.records)


@pytest.mark.anyio
async def test_shutdown_cancels_work_past_the_grace_period(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = ikit.App(application_id=1, public_key=KEYS.public_key, shutdown_timeout=0.2)
    finished = []

    @app.component("forever")
    async def forever(ctx: ikit.ComponentContext) -> None:
        await ctx.send(ctx.defer_update())
        await anyio.sleep(30)
        finished.append(True)

    with anyio.fail_after(5):
        async with app.lifespan():
            result = await app.handle(*_signed_click("forever"))

    assert json.loads(result.body) == {"type": 6}
    assert finished == []
    assert "shutdown cancelled 1 handler(s) still running" in caplog.text


def test_serve_refuses_a_malformed_public_key() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCORD_")}
    env["DISCORD_PUBLIC_KEY"] = "not-a-key"
    command = [sys.executable, "-m", "ikit", "serve", "examples/poll.py"]

    result = subprocess.run(
        [*command, "--env-file", ""], env=env, cwd=ROOT, capture_output=True, text=True
    )

    assert result.returncode == 2
    assert "DISCORD_PUBLIC_KEY is not usable" in result.stderr
    assert "Developer Portal" in result.stderr


# -- lifespans -----------------------------------------------------------------------


@pytest.mark.anyio
async def test_each_lifespan_closes_its_rest_client_and_the_next_makes_a_new_one() -> (
    None
):
    # A reload, or a test that serves the same app twice, runs a second lifespan: its
    # handlers must not get the client the first one closed.
    fake, fake_port = FakeDiscord(), _free_port()
    stop_fake = anyio.Event()
    async with anyio.create_task_group() as tg:
        tg.start_soon(lambda: _serve_asgi(fake, fake_port, stop_fake.wait))
        await _wait_until_up(f"http://127.0.0.1:{fake_port}")
        fake.requests.clear()
        app = add_handlers(
            ikit.App(
                application_id=1,
                public_key=KEYS.public_key,
                token="t",
                rest_base_url=f"http://127.0.0.1:{fake_port}/api/v10",
                health_path="/health",
            )
        )
        clients = [await _serve_one_early_click(app) for _ in range(2)]
        stop_fake.set()

    assert [method for method, _, _ in fake.requests] == ["PATCH", "PATCH"]
    assert clients[0] is not clients[1]
    for client in clients:
        with pytest.raises(RuntimeError, match="client has been closed"):
            await client.edit_original_response(1, "tok", MessageEdit(content="x"))


async def _serve_one_early_click(app: ikit.App) -> RestClient:
    """Serve ``app`` for one click on ``early`` (which PATCHes after answering); the
    REST client it used."""
    async with serving(app) as url, httpx.AsyncClient() as client:
        body, headers = _signed_click("early")
        response = await client.post(url, content=body, headers=headers)
        used = app.rest

    assert response.json() == {"type": 6}
    return used


@pytest.mark.anyio
async def test_a_request_in_flight_at_shutdown_gets_the_apps_shutdown_timeout() -> None:
    # hypercorn gives requests in flight 3 s of its own by default; this one needs 4.
    app = add_handlers(
        ikit.App(
            application_id=1,
            public_key=KEYS.public_key,
            health_path="/health",
            deadline=6.0,
            shutdown_timeout=8.0,
        )
    )
    responses: list[httpx.Response] = []

    async def post(url: str) -> None:
        body, headers = _signed_click("slow/4.0")
        async with httpx.AsyncClient(timeout=10) as client:
            responses.append(await client.post(url, content=body, headers=headers))

    with anyio.fail_after(20):
        async with anyio.create_task_group() as tg, serving(app) as url:
            tg.start_soon(post, url)
            await anyio.sleep(0.3)

    assert [r.json() for r in responses] == [
        {"type": 7, "data": {"content": "done after 4.0"}}
    ]


def test_hypercorn_waits_as_long_as_the_app_on_shutdown() -> None:
    from hypercorn.config import Config

    config = Config()
    app = ikit.App(application_id=1, public_key=KEYS.public_key, shutdown_timeout=90)

    apply_shutdown_timeout(config, shutdown_timeout_of(app))

    assert config.graceful_timeout == 90
    assert config.shutdown_timeout > 90  # then cancelling and closing take a moment
    assert shutdown_timeout_of(object()) is None


# -- ikit serve's options, each in a process of its own ------------------------------


@contextmanager
def _ikit_serve(
    tmp_path: Path, *options: str, env: dict[str, str]
) -> Iterator[tuple[str, Path]]:
    """examples/poll.py served by ``ikit serve`` on a free port of 127.0.0.1 for the
    block; yields its URL and the file that collects its output."""
    port = _free_port()
    log = tmp_path / "serve.log"
    command = [
        sys.executable, "-m", "ikit", "serve", "examples/poll.py",
        "--host", "127.0.0.1", "--port", str(port), *options,
    ]  # fmt: skip
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_until_up_blocking(url, process, log)
        yield url, log
    finally:
        stop_process(process)


def _without_discord() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("DISCORD_")}


def _ping(url: str) -> httpx.Response:
    ping = {"id": _snowflake(), "application_id": "1", "type": 1, "token": "t"}
    body = json.dumps(ping).encode()
    return httpx.post(url, content=body, headers=sign(KEYS.signing_key, body))


def test_serve_reads_the_public_key_from_the_env_file(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(f"DISCORD_PUBLIC_KEY={KEYS.public_key}\n", encoding="utf-8")

    with _ikit_serve(tmp_path, "--env-file", str(env_file), env=_without_discord()) as (
        url,
        log,
    ):
        response = _ping(url + "/")

    assert response.status_code == 200
    assert response.json() == {"type": 1}
    assert "local mode" not in log.read_text()


@pytest.mark.parametrize(
    "worker_class",
    [
        "trio",
        pytest.param(
            "uvloop",
            marks=pytest.mark.skipif(
                importlib.util.find_spec("uvloop") is None,
                reason="uvloop is not installed",
            ),
        ),
    ],
)
def test_serve_runs_on_the_worker_class_asked_for(
    tmp_path: Path, worker_class: str
) -> None:
    env = {**_without_discord(), "DISCORD_PUBLIC_KEY": KEYS.public_key}

    with _ikit_serve(
        tmp_path, "--worker-class", worker_class, "--env-file", "", env=env
    ) as (url, _):
        response = _ping(url + "/")

    assert response.status_code == 200
    assert response.json() == {"type": 1}


def test_local_mode_prints_the_ping_command_that_reaches_it(tmp_path: Path) -> None:
    with _ikit_serve(tmp_path, "--env-file", "", env=_without_discord()) as (url, log):
        printed = _printed_ping(log)
        ping = subprocess.run(
            [sys.executable, "-m", "ikit", *printed.split()[1:]],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        )

    assert re.fullmatch(
        rf"ikit ping {re.escape(url)}/ --signing-key [0-9a-f]{{64}}", printed
    )
    assert ping.stdout.strip() == '200 {"type":1}'


def _printed_ping(log: Path) -> str:
    # The banner is printed before the server starts, but give the pipe a moment.
    for _ in range(100):
        for line in log.read_text().splitlines():
            if line.strip().startswith("ikit ping "):
                return line.strip()
        time.sleep(0.05)
    raise AssertionError(f"ikit serve printed no ping command: {log.read_text()}")
