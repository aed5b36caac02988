"""The REST client itself: headers, configuration, decoding, logging, refused tokens."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import httpx
import msgspec
import pytest

import ikit.rest
from ikit.errors import HTTPError, NotFound, RestError, Unauthorized
from ikit.models import Message, MessageEdit, MessagePayload
from ikit.rest import DEFAULT_BASE_URL, RestClient, Route
from tests.fake_rest import APPLICATION_ID, BOT_TOKEN, FakeDiscord, Fault, rest_client

FOLLOWUP = "POST /webhooks/{application_id}/{interaction_token}"
GET_MESSAGE = "GET /channels/{channel_id}/messages/{message_id}"
HELLO = MessagePayload(content="hello")


def test_public_names() -> None:
    assert sorted(ikit.rest.__all__) == [
        "BucketState",
        "DEFAULT_BASE_URL",
        "File",
        "GlobalWindow",
        "MemoryRateLimitStore",
        "RateLimitInfo",
        "RateLimitStore",
        "Reservation",
        "RestClient",
        "RetryPolicy",
        "Route",
        "USER_AGENT",
        "Window",
    ]
    for name in ikit.rest.__all__:
        assert getattr(ikit.rest, name) is not None


def test_user_agent_has_the_form_discord_asks_for() -> None:
    assert re.fullmatch(
        r"DiscordBot \(https://\S+, \d+\.\d+\.\d+\S*\)", ikit.rest.USER_AGENT
    )


class _Recorder(httpx.AsyncBaseTransport):
    """Answers 200 ``{}`` and keeps each request, to look at what httpx was asked."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.closed = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(200, json={})

    async def aclose(self) -> None:
        self.closed = True


@pytest.mark.anyio
async def test_default_base_url_and_timeout() -> None:
    recorder = _Recorder()
    async with RestClient(token="t", transport=recorder, timeout=2.5) as rest:
        await rest.request("GET", Route("/applications/@me"), response_type=object)

    request = recorder.requests[0]
    assert DEFAULT_BASE_URL == "https://discord.com/api/v10"
    assert str(request.url) == "https://discord.com/api/v10/applications/@me"
    assert request.extensions["timeout"]["read"] == 2.5
    assert recorder.closed


@pytest.mark.anyio
async def test_aclose_closes_the_connections() -> None:
    recorder = _Recorder()
    rest = RestClient(token="t", transport=recorder)

    await rest.aclose()

    assert recorder.closed


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("token", "sent"),
    [
        pytest.param("abc", "Bot abc", id="bare"),
        pytest.param("Bot abc", "Bot abc", id="prefixed"),
        pytest.param("Bearer xyz", "Bearer xyz", id="bearer"),
    ],
)
async def test_authorization_header(token: str, sent: str) -> None:
    recorder = _Recorder()
    async with RestClient(token=token, transport=recorder) as rest:
        await rest.request("GET", Route("/applications/@me"))

    assert recorder.requests[0].headers["authorization"] == sent


@pytest.mark.anyio
async def test_headers_on_a_bot_route() -> None:
    fake = FakeDiscord()
    async with rest_client(fake) as rest:
        await rest.create_message(5, HELLO)

    headers = fake.requests[0].headers
    assert headers["authorization"] == f"Bot {BOT_TOKEN}"
    assert headers["user-agent"] == ikit.rest.USER_AGENT
    assert headers["content-type"] == "application/json"
    assert fake.requests[0].json() == {"content": "hello"}


@pytest.mark.anyio
async def test_interaction_routes_do_not_send_the_bot_token() -> None:
    fake = FakeDiscord()
    async with rest_client(fake) as rest:
        await rest.create_followup(APPLICATION_ID, "tok", HELLO)

    assert "authorization" not in fake.requests[0].headers
    assert fake.requests[0].path == f"/webhooks/{APPLICATION_ID}/tok"


@pytest.mark.anyio
async def test_request_decodes_into_the_type_asked() -> None:
    fake = FakeDiscord()
    async with rest_client(fake) as rest:
        created = await rest.create_message(5, HELLO)
        route = Route(
            "/channels/{channel_id}/messages/{message_id}",
            channel_id=5,
            message_id=created.id,
        )
        typed = await rest.request("GET", route, response_type=Message)
        raw = await rest.request("GET", route, response_type=dict[str, Any])
        await rest.request("GET", route)  # the body is not read into anything

    assert typed == created
    assert raw["id"] == str(created.id)
    assert len(fake.requests) == 4


@pytest.mark.anyio
async def test_a_body_that_does_not_decode_is_a_rest_error() -> None:
    class Strict(msgspec.Struct):
        missing_field: int

    fake = FakeDiscord()
    async with rest_client(fake) as rest:
        with pytest.raises(
            RestError,
            match=r"GET /applications/@me answered 200 with a body that does not "
            "decode as Strict",
        ):
            await rest.request("GET", Route("/applications/@me"), response_type=Strict)


@pytest.mark.anyio
async def test_query_parameters() -> None:
    fake = FakeDiscord()
    async with rest_client(fake) as rest:
        await rest.request(
            "GET",
            Route("/applications/{application_id}/commands", application_id=1),
            params={"with_localizations": True, "skipped": None, "n": 3},
        )

    assert fake.requests[0].query == {"with_localizations": ["true"], "n": ["3"]}


# -- logging ---------------------------------------------------------------------------


@pytest.mark.anyio
async def test_one_debug_line_per_request_and_no_token(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = FakeDiscord()
    fake.limit(FOLLOWUP, limit=5, period=1.0, bucket="followups")
    caplog.set_level(logging.DEBUG, logger="ikit.rest")
    async with rest_client(fake) as rest:
        await rest.create_followup(
            APPLICATION_ID, "very-secret-interaction-token", HELLO
        )
        await rest.create_message(5, HELLO)

    records = [r for r in caplog.records if r.name == "ikit.rest"]
    assert records[0].getMessage() == (
        "POST /webhooks/{application_id}/{interaction_token} -> 200 "
        "(bucket followups, remaining 4)"
    )
    assert len(records) == 2
    _assert_no_secret(caplog, "very-secret-interaction-token", BOT_TOKEN)


@pytest.mark.anyio
async def test_a_429_warns_with_what_to_do(caplog: pytest.LogCaptureFixture) -> None:
    fake = FakeDiscord()
    fake.inject(GET_MESSAGE, Fault.rate_limit("user", 0.01))
    caplog.set_level(logging.DEBUG, logger="ikit.rest")
    async with rest_client(fake) as rest:
        with pytest.raises(NotFound):
            await rest.get_message(5, 6)

    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert re.fullmatch(
        r"GET /channels/\{channel_id\}/messages/\{message_id\} was rate limited "
        r"\(user scope\); retrying in 0\.01s\. If this repeats, another process may be "
        r"using this token: give them one shared RateLimitStore\.",
        warnings[0].getMessage(),
    )


def _assert_no_secret(caplog: pytest.LogCaptureFixture, *secrets: str) -> None:
    for record in caplog.records:
        text = record.getMessage() + repr(record.args)
        for secret in secrets:
            assert secret not in text


# -- refused credentials ---------------------------------------------------------------


@pytest.mark.anyio
async def test_after_a_401_the_token_is_not_sent_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = FakeDiscord(token="the-real-token")
    async with rest_client(fake, token="a-revoked-token") as rest:
        with pytest.raises(Unauthorized, match=r"failed with 401"):
            await rest.create_message(5, HELLO)
        with pytest.raises(
            Unauthorized,
            match=r"Discord refused this bot token earlier, so it is not sent again",
        ):
            await rest.get_message(5, 6)
        # The interaction routes do not use it, and still work.
        await rest.create_followup(APPLICATION_ID, "tok", HELLO)

    assert [r.route for r in fake.requests] == [
        "POST /channels/{channel_id}/messages",
        FOLLOWUP,
    ]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        "Discord refused the bot token (401 on POST /channels/{channel_id}/messages); "
        "this client will not send it again. Check the token (DISCORD_TOKEN) and "
        "create a new client."
    ]
    _assert_no_secret(caplog, "a-revoked-token")


async def _ten_at_once(request: Callable[[], Awaitable[object]]) -> list[HTTPError]:
    """Start ``request`` 10 times concurrently; the errors they raised."""
    errors: list[HTTPError] = []

    async def one() -> None:
        try:
            await request()
        except HTTPError as error:
            errors.append(error)

    async with anyio.create_task_group() as group:
        for _ in range(10):
            group.start_soon(one)

    return errors


@pytest.mark.anyio
async def test_a_401_stops_the_requests_already_waiting_for_their_slot() -> None:
    fake = FakeDiscord(token="the-real-token")

    async with rest_client(fake, token="a-revoked-token") as rest:
        errors = await _ten_at_once(lambda: rest.create_message(5, HELLO))

    assert len(fake.requests) == 1
    assert len(errors) == 10
    assert all(isinstance(error, Unauthorized) for error in errors)
    assert sum("refused this bot token earlier" in str(e) for e in errors) == 9


@pytest.mark.anyio
async def test_a_dead_webhook_stops_the_requests_already_waiting_for_their_slot() -> (
    None
):
    fake = FakeDiscord()
    fake.expired_tokens.add("dead")

    async with rest_client(fake) as rest:
        errors = await _ten_at_once(
            lambda: rest.create_followup(APPLICATION_ID, "dead", HELLO)
        )

    assert len(fake.requests) == 1
    assert [(type(e), e.code) for e in errors] == [(NotFound, 10015)] * 10
    assert sum("reported earlier for this token" in str(e) for e in errors) == 9


@pytest.mark.anyio
async def test_without_a_token_only_interaction_routes_work() -> None:
    fake = FakeDiscord()
    async with rest_client(fake, token=None) as rest:
        await rest.create_followup(APPLICATION_ID, "tok", HELLO)
        with pytest.raises(
            Unauthorized, match=r"this RestClient has no bot token; pass token="
        ):
            await rest.create_message(5, HELLO)

    assert len(fake.requests) == 1


@pytest.mark.anyio
async def test_an_unknown_webhook_is_not_sent_to_again() -> None:
    fake = FakeDiscord()
    fake.expired_tokens.add("dead")
    async with rest_client(fake) as rest:
        with pytest.raises(NotFound, match=r"Unknown Webhook$"):
            await rest.create_followup(APPLICATION_ID, "dead", HELLO)
        with pytest.raises(
            NotFound,
            match=r"reported earlier for this token, so the request was not sent",
        ):
            await rest.edit_original_response(
                APPLICATION_ID, "dead", MessageEdit(content="edited")
            )
        await rest.create_followup(APPLICATION_ID, "alive", HELLO)

    assert [r.path for r in fake.requests] == [
        f"/webhooks/{APPLICATION_ID}/dead",
        f"/webhooks/{APPLICATION_ID}/alive",
    ]


@pytest.mark.anyio
async def test_an_unknown_message_does_not_retire_the_token() -> None:
    fake = FakeDiscord()
    async with rest_client(fake) as rest:
        with pytest.raises(NotFound, match=r"Unknown Message"):
            await rest.get_followup(APPLICATION_ID, "tok", 12345)
        await rest.create_followup(APPLICATION_ID, "tok", HELLO)

    assert len(fake.requests) == 2
