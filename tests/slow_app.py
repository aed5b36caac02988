"""An app for tests that run the server in its own process (see test_deadline.py).

It reads IKIT_TEST_PUBLIC_KEY and IKIT_TEST_REST_URL from the environment.
"""

from __future__ import annotations

import os

import anyio

from ikit import models
from ikit.app import App
from ikit.context import ComponentContext

app = App(
    application_id=1,
    public_key=os.environ.get("IKIT_TEST_PUBLIC_KEY", "00" * 32),
    rest_base_url=os.environ.get("IKIT_TEST_REST_URL"),
    token="test-token",
    health_path="/health",
)


@app.component("slow/{seconds}")
async def slow(ctx: ComponentContext, seconds: float) -> models.UpdateMessageResponse:
    await anyio.sleep(seconds)
    payload = models.MessagePayload(content=f"done after {seconds}")
    return models.UpdateMessageResponse(data=payload)
