"""The server's logging, its shutdown grace period, and ikit serve's checks."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import anyio
import pytest

import ikit
from ikit.server import generate_keypair, sign
from tests.test_server import _app, _click

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
