"""The deadline tests' handlers, and an app for the tests that run the server in its
own process (see test_deadline.py).

``app`` reads IKIT_TEST_PUBLIC_KEY and IKIT_TEST_REST_URL from the environment.
"""

from __future__ import annotations

import os

import anyio

from ikit import models
from ikit.app import App
from ikit.context import ComponentContext


def add_handlers(app: App) -> App:
    """Declare a slow handler (``slow/{seconds}``) and one that answers early and
    keeps working (``early``)."""

    @app.component("slow/{seconds}")
    async def slow(
        ctx: ComponentContext, seconds: float
    ) -> models.UpdateMessageResponse:
        await anyio.sleep(seconds)
        payload = models.MessagePayload(content=f"done after {seconds}")
        return models.UpdateMessageResponse(data=payload)

    @app.component("early")
    async def early(ctx: ComponentContext) -> None:
        await ctx.send(models.DeferredUpdateResponse())
        await anyio.sleep(0.5)
        edit = models.MessageEdit(content="finished later")
        await ctx.rest.edit_original_response(1, ctx.token, edit)

    return app


app = add_handlers(
    App(
        application_id=1,
        public_key=os.environ.get("IKIT_TEST_PUBLIC_KEY", "00" * 32),
        rest_base_url=os.environ.get("IKIT_TEST_REST_URL"),
        token="test-token",
        health_path="/health",
    )
)
