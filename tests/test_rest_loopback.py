"""The client over a real socket: the fake Discord served by hypercorn on loopback."""

from __future__ import annotations

import os

import anyio
import pytest

from ikit.models import MessagePayload
from ikit.rest import File, RestClient
from tests.fake_rest import (
    API_PREFIX,
    APPLICATION_ID,
    BOT_TOKEN,
    FAST_RETRY,
    FakeDiscord,
    Fault,
    serve,
)

FOLLOWUP = "POST /webhooks/{application_id}/{interaction_token}"
GET_ORIGINAL = "GET /webhooks/{application_id}/{interaction_token}/messages/@original"


@pytest.mark.anyio
async def test_over_loopback_with_hypercorn() -> None:
    fake = FakeDiscord()
    fake.limit(FOLLOWUP, limit=3, period=0.1)
    fake.inject(GET_ORIGINAL, Fault.stall(1.0))
    upload = os.urandom(300_000)

    async with serve(fake) as base_url:
        client = RestClient(
            token=BOT_TOKEN,
            base_url=base_url + API_PREFIX,
            timeout=0.4,
            retry=FAST_RETRY,
        )
        async with client as rest:
            async with anyio.create_task_group() as group:
                for n in range(24):
                    payload = MessagePayload(content=f"message {n}")
                    group.start_soon(
                        rest.create_followup, APPLICATION_ID, f"t{n % 4}", payload
                    )

            message = await rest.create_followup(
                APPLICATION_ID,
                "t0",
                MessagePayload(content="file"),
                files=[File(upload, name="blob.bin")],
            )
            # The first try times out for real; the GET is retried.
            original = await rest.get_original_response(APPLICATION_ID, "t1")

    followups = fake.requests_to(FOLLOWUP)
    assert len(followups) == 25
    contents = sorted(request.payload()["content"] for request in followups)
    assert contents == sorted([*(f"message {n}" for n in range(24)), "file"])
    assert followups[-1].parts()["files[0]"].data == upload
    assert message.attachments[0].size == len(upload)
    assert len(fake.requests_to(GET_ORIGINAL)) == 2
    assert original.id is not None
    assert fake.violations == []
