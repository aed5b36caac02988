"""examples/poll.py served by ``ikit serve`` in local mode, as README's quick start
does, and driven over HTTP with signed requests; README shows that very bot."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import anyio
import anyio.abc
import httpx
import pytest
from nacl.signing import SigningKey

from ikit.server.verify import sign
from tests.test_server import _free_port, _snowflake, _wait_until_up

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.anyio


def test_the_readme_shows_the_bot_that_the_quick_start_serves() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = re.search(r"^```python\n(.*?)^```$", readme, re.S | re.M)
    example = (ROOT / "examples" / "poll.py").read_text(encoding="utf-8")

    assert snippet is not None, "README.md has no ```python block"
    assert snippet[1] in example, (
        "README.md's bot differs from examples/poll.py; copy the handlers over"
    )


@pytest.fixture(params=[1, 2], ids=["one-worker", "two-workers"])
async def local_poll(
    request: pytest.FixtureRequest,
) -> AsyncIterator[tuple[str, SigningKey]]:
    port = _free_port()
    workers = str(request.param)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCORD_")}
    command = [
        sys.executable, "-m", "ikit", "serve", "examples/poll.py",
        "--port", str(port), "--workers", workers, "--env-file", "",
    ]  # fmt: skip
    async with await anyio.open_process(command, env=env, cwd=ROOT) as process:
        try:
            key = await _signing_key(process)
            url = f"http://127.0.0.1:{port}"
            await _wait_until_up(url, path="/")
            yield url + "/", key
        finally:
            process.terminate()


async def _signing_key(process: anyio.abc.Process) -> SigningKey:
    assert process.stderr is not None
    printed = b""
    with anyio.fail_after(30):
        async for chunk in process.stderr:
            printed += chunk
            found = re.search(rb"signing key: ([0-9a-f]{64})", printed)
            if found:
                return SigningKey(bytes.fromhex(found.group(1).decode()))
    raise AssertionError(f"ikit serve printed no signing key: {printed!r}")


async def _send(url: str, key: SigningKey, payload: dict[str, Any]) -> Any:
    body = json.dumps(payload).encode()
    async with httpx.AsyncClient() as client:
        response = await client.post(url, content=body, headers=sign(key, body))
    assert response.status_code == 200, response.text
    return response.json()


def _base(kind: int, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": _snowflake(),
        "application_id": "1",
        "type": kind,
        "token": "tok",
        "data": data,
        "user": {"id": "9", "username": "ana"},
    }


async def test_the_quick_start_bot_answers_in_local_mode(
    local_poll: tuple[str, SigningKey],
) -> None:
    url, key = local_poll
    question = {"name": "question", "type": 3, "value": "Lunch?"}
    command = {"id": "5", "name": "poll", "type": 1, "options": [question]}

    poll = await _send(url, key, _base(2, command))
    vote = await _send(
        url, key, _base(3, {"custom_id": "vote/yes", "component_type": 2})
    )

    assert poll["type"] == 4
    assert poll["data"]["flags"] == 1 << 15
    container = poll["data"]["components"][0]
    assert container["components"][0] == {"type": 10, "content": "## Lunch?"}
    assert vote == {"type": 4, "data": {"content": "You voted yes.", "flags": 64}}


async def test_ikit_ping_reaches_the_local_app(
    local_poll: tuple[str, SigningKey],
) -> None:
    url, key = local_poll
    command = [sys.executable, "-m", "ikit", "ping", url, "--signing-key"]

    result = await anyio.run_process([*command, key.encode().hex()], check=False)

    assert result.returncode == 0
    assert result.stdout.decode().strip() == '200 {"type":1}'
