"""Retries: what is sent again after a failure, and what never is."""

from __future__ import annotations

import logging

import pytest

from ikit.errors import HTTPError, NotFound, RateLimited, ServerError, TransportError
from ikit.models import (
    ApplicationCommand,
    MessageEdit,
    MessagePayload,
    MessageResponse,
)
from ikit.rest import RetryPolicy
from tests.fake_rest import APPLICATION_ID, FakeDiscord, Fault, rest_client

FOLLOWUP = "POST /webhooks/{application_id}/{interaction_token}"
EDIT_ORIGINAL = (
    "PATCH /webhooks/{application_id}/{interaction_token}/messages/@original"
)
CALLBACK = "POST /interactions/{interaction_id}/{interaction_token}/callback"
CREATE_COMMAND = "POST /applications/{application_id}/commands"
GET_MESSAGE = "GET /channels/{channel_id}/messages/{message_id}"
CREATE_MESSAGE = "POST /channels/{channel_id}/messages"
HELLO = MessagePayload(content="hello")


def test_backoff_grows_and_is_bounded() -> None:
    policy = RetryPolicy(backoff=0.5, max_backoff=2.0)

    for failures, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (10, 2.0)]:
        delays = [policy.delay(failures) for _ in range(200)]
        assert all(0 <= d <= ceiling for d in delays)
        assert max(delays) > ceiling / 2


async def _message_id(fake: FakeDiscord) -> int:
    async with rest_client(fake) as rest:
        message = await rest.create_message(5, HELLO)
    return message.id


@pytest.mark.anyio
@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(Fault.error(500), id="500"),
        pytest.param(Fault.error(502), id="502"),
        pytest.param(Fault.drop(), id="dropped"),
        pytest.param(Fault.stall(5.0), id="timeout"),
        pytest.param(Fault.refuse(), id="refused"),
    ],
)
async def test_a_get_is_retried_until_it_succeeds(fault: Fault) -> None:
    fake = FakeDiscord()
    message_id = await _message_id(fake)
    fake.inject(GET_MESSAGE, fault, fault)

    async with rest_client(fake, timeout=0.2) as rest:
        message = await rest.get_message(5, message_id)

    assert message.id == message_id
    arrived = 0 if fault.kind == "refuse" else 2
    assert len(fake.requests_to(GET_MESSAGE)) == arrived + 1


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("fault", "error", "match"),
    [
        pytest.param(Fault.error(500), ServerError, r"failed with 500", id="500"),
        pytest.param(
            Fault.drop(),
            TransportError,
            r"RemoteProtocolError.*and was not retried: Discord may have received it",
            id="dropped",
        ),
        pytest.param(
            Fault.stall(5.0),
            TransportError,
            r"ReadTimeout.*was not retried",
            id="timeout",
        ),
    ],
)
async def test_a_followup_that_may_have_arrived_is_not_sent_again(
    fault: Fault, error: type[Exception], match: str
) -> None:
    fake = FakeDiscord()
    fake.inject(FOLLOWUP, fault)

    async with rest_client(fake, timeout=0.2) as rest:
        with pytest.raises(error, match=match):
            await rest.create_followup(APPLICATION_ID, "tok", HELLO)

    assert len(fake.requests_to(FOLLOWUP)) == 1


@pytest.mark.anyio
async def test_a_dropped_followup_exists_once() -> None:
    fake = FakeDiscord()
    fake.inject(FOLLOWUP, Fault.drop())

    async with rest_client(fake) as rest:
        with pytest.raises(TransportError):
            await rest.create_followup(APPLICATION_ID, "tok", HELLO)

    assert len(fake.messages) == 1


@pytest.mark.anyio
async def test_a_post_refused_before_sending_is_retried() -> None:
    fake = FakeDiscord()
    fake.inject(FOLLOWUP, Fault.refuse(), Fault.refuse())

    async with rest_client(fake) as rest:
        await rest.create_followup(APPLICATION_ID, "tok", HELLO)

    assert len(fake.refused) == 2
    assert len(fake.requests_to(FOLLOWUP)) == 1


@pytest.mark.anyio
async def test_connection_retries_are_bounded() -> None:
    fake = FakeDiscord()
    fake.inject(FOLLOWUP, *[Fault.refuse()] * 10)

    async with rest_client(fake) as rest:
        with pytest.raises(TransportError, match=r"ConnectError: .* after 4 attempts$"):
            await rest.create_followup(APPLICATION_ID, "tok", HELLO)

    assert len(fake.refused) == 4
    assert fake.requests == []


@pytest.mark.anyio
@pytest.mark.parametrize(
    "route",
    [
        pytest.param(EDIT_ORIGINAL, id="edit-is-idempotent"),
        pytest.param(CALLBACK, id="callback-is-answered-once"),
        pytest.param(CREATE_COMMAND, id="command-create-is-an-upsert"),
    ],
)
async def test_safe_writes_are_retried_after_a_5xx(route: str) -> None:
    fake = FakeDiscord()
    fake.inject(route, Fault.error(503))

    async with rest_client(fake) as rest:
        if route == EDIT_ORIGINAL:
            await rest.edit_original_response(
                APPLICATION_ID, "tok", MessageEdit(content="x")
            )
        elif route == CALLBACK:
            await rest.create_interaction_response(
                1, "tok", MessageResponse(data=HELLO)
            )
        else:
            await rest.create_command(
                APPLICATION_ID, ApplicationCommand(name="ping", description="Ping")
            )

    assert len(fake.requests_to(route)) == 2


@pytest.mark.anyio
async def test_a_callback_whose_answer_was_lost_is_not_an_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = FakeDiscord()
    fake.inject(CALLBACK, Fault.drop())
    caplog.set_level(logging.DEBUG, logger="ikit.rest")

    async with rest_client(fake) as rest:
        await rest.create_interaction_response(1, "tok", MessageResponse(data=HELLO))

    first, retry = fake.requests_to(CALLBACK)
    assert first.payload() == retry.payload()
    assert "1" in fake.acknowledged
    assert (
        "POST /interactions/{interaction_id}/{interaction_token}/callback: the retry "
        "was refused as already acknowledged, so an earlier attempt was accepted; "
        "treating the callback as sent"
    ) in [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]


@pytest.mark.anyio
async def test_a_lost_callback_asked_for_its_response_says_where_to_read_it() -> None:
    fake = FakeDiscord()
    fake.inject(CALLBACK, Fault.drop())

    async with rest_client(fake) as rest:
        with pytest.raises(
            HTTPError,
            match=r"already been acknowledged\. \(an earlier attempt, whose answer "
            r"was lost, was accepted; read the message it made with "
            r"get_original_response\)$",
        ) as caught:
            await rest.create_interaction_response(
                1, "tok", MessageResponse(data=HELLO), with_response=True
            )

    assert caught.value.code == 40060
    assert len(fake.requests_to(CALLBACK)) == 2


@pytest.mark.anyio
async def test_a_second_answer_without_a_lost_one_is_still_refused() -> None:
    fake = FakeDiscord()

    async with rest_client(fake) as rest:
        await rest.create_interaction_response(1, "tok", MessageResponse(data=HELLO))
        with pytest.raises(HTTPError, match=r"already been acknowledged\.$") as caught:
            await rest.create_interaction_response(
                1, "tok", MessageResponse(data=HELLO)
            )

    assert (caught.value.status, caught.value.code) == (400, 40060)


@pytest.mark.anyio
async def test_a_404_on_a_webhook_is_not_retried() -> None:
    fake = FakeDiscord()
    fake.expired_tokens.add("gone")

    async with rest_client(fake) as rest:
        with pytest.raises(NotFound):
            await rest.get_original_response(APPLICATION_ID, "gone")

    assert len(fake.requests) == 1


@pytest.mark.anyio
async def test_429s_are_retried_then_raised() -> None:
    fake = FakeDiscord()
    fake.inject(CREATE_MESSAGE, *[Fault.rate_limit("shared", 0.01)] * 3)

    async with rest_client(fake, retry=RetryPolicy(rate_limit_retries=2)) as rest:
        with pytest.raises(RateLimited, match=r"failed with 429") as caught:
            await rest.create_message(5, HELLO)

    assert len(fake.requests_to(CREATE_MESSAGE)) == 3
    assert caught.value.scope == "shared"
    assert caught.value.retry_after == 0.01
    assert fake.messages == {}


@pytest.mark.anyio
async def test_a_429_that_asks_for_too_long_a_wait_is_raised_at_once() -> None:
    fake = FakeDiscord()
    fake.inject(CREATE_MESSAGE, Fault.rate_limit("user", 30.0))

    async with rest_client(fake, retry=RetryPolicy(max_retry_after=5.0)) as rest:
        with pytest.raises(RateLimited) as caught:
            await rest.create_message(5, HELLO)

    assert caught.value.retry_after == 30.0
    assert len(fake.requests) == 1
