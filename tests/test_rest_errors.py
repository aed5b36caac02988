"""Discord's error answers become ikit's exceptions, with the failing fields' paths."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ikit.errors import (
    Forbidden,
    HTTPError,
    NotFound,
    RateLimited,
    RestError,
    ServerError,
    Unauthorized,
)
from ikit.models import MessagePayload
from ikit.rest._errors import error_from_response, flatten_errors
from ikit.rest._ratelimit import RateLimitInfo
from tests.fake_rest import APPLICATION_ID, FakeDiscord, Fault, rest_client
from tests.shared import load_json, payload_files

ERRORS = payload_files("errors")
ERROR_BODIES = [p for p in ERRORS if p.stem.startswith("error_")]

# What each documented error body flattens to.
EXPECTED = {
    "error_array": {
        "activities.0.platform": [
            "Value must be one of ('desktop', 'android', 'ios')."
        ],
        "activities.0.type": ["Value must be one of (0, 1, 2, 3, 4, 5)."],
    },
    "error_object": {"access_token": ["This field is required"]},
    "error_request": {"": ["Command exceeds maximum size (8000)"]},
}


def _body(example: Any) -> bytes:
    # The 429 examples wrap the body with their status and headers.
    if isinstance(example, dict) and "status" in example and "body" in example:
        example = example["body"]

    return json.dumps(example).encode()


@pytest.mark.skipif(not ERRORS, reason="../shared/discord-payloads is absent")
@pytest.mark.parametrize("path", ERRORS, ids=[p.stem for p in ERRORS])
def test_every_documented_error_parses(path: Path) -> None:
    example = load_json(path)
    status = example.get("status", 400)

    error = error_from_response(
        status=status, method="POST", route="/x", body=_body(example)
    )

    assert error.status == status
    assert error.message
    if path.stem in EXPECTED:
        assert error.code == 50035
        assert error.errors == EXPECTED[path.stem]
    else:
        assert isinstance(error, RateLimited)


@pytest.mark.skipif(not ERROR_BODIES, reason="../shared/discord-payloads is absent")
def test_the_message_lists_each_path() -> None:
    example = load_json(ERROR_BODIES[0].with_name("error_array.json"))

    error = error_from_response(
        status=400,
        method="POST",
        route="/channels/{channel_id}/messages",
        body=_body(example),
    )

    assert str(error) == (
        "POST /channels/{channel_id}/messages failed with 400 (Discord code 50035): "
        "Invalid Form Body\n"
        "  activities.0.platform: Value must be one of ('desktop', 'android', 'ios').\n"
        "  activities.0.type: Value must be one of (0, 1, 2, 3, 4, 5)."
    )


def test_nested_arrays_and_several_messages_flatten() -> None:
    errors = {
        "embeds": {
            "0": {
                "title": {
                    "_errors": [
                        {
                            "code": "BASE_TYPE_MAX_LENGTH",
                            "message": "Must be 256 or fewer in length.",
                        }
                    ]
                },
                "fields": {
                    "1": {
                        "name": {
                            "_errors": [
                                {"code": "A", "message": "one"},
                                {"code": "B", "message": "two"},
                            ]
                        }
                    }
                },
            }
        }
    }

    assert flatten_errors(errors) == {
        "embeds.0.title": ["Must be 256 or fewer in length."],
        "embeds.0.fields.1.name": ["one", "two"],
    }


@pytest.mark.parametrize(
    "errors",
    [
        pytest.param(None, id="none"),
        pytest.param([], id="list"),
        pytest.param({"a": {"_errors": "oops"}}, id="errors-not-a-list"),
    ],
)
def test_odd_error_shapes_do_not_raise(errors: object) -> None:
    flat = flatten_errors(errors)

    assert all(isinstance(v, list) for v in flat.values())


def test_an_entry_without_message_keeps_its_code() -> None:
    assert flatten_errors({"a": {"_errors": [{"code": "X"}, "plain"]}}) == {
        "a": ["X", "plain"]
    }


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        pytest.param(400, HTTPError, id="400"),
        pytest.param(401, Unauthorized, id="401"),
        pytest.param(403, Forbidden, id="403"),
        pytest.param(404, NotFound, id="404"),
        pytest.param(405, HTTPError, id="405"),
        pytest.param(500, ServerError, id="500"),
        pytest.param(502, ServerError, id="502"),
    ],
)
def test_status_picks_the_exception(status: int, cls: type[HTTPError]) -> None:
    error = error_from_response(status=status, method="GET", route="/x", body=b"")

    assert type(error) is cls
    assert isinstance(error, RestError)


def test_a_body_that_is_not_json_keeps_the_reason() -> None:
    error = error_from_response(
        status=502,
        method="GET",
        route="/x",
        body=b"<html>Bad Gateway</html>",
        reason="Bad Gateway",
    )

    assert error.code == 0
    assert error.message == "Bad Gateway"
    assert error.errors == {}


def test_rate_limited_carries_retry_after_and_scope() -> None:
    info = RateLimitInfo(status=429, retry_after=1.5, scope="global")

    error = error_from_response(
        status=429, method="GET", route="/x", body=b"{}", rate_limit=info
    )

    assert isinstance(error, RateLimited)
    assert (error.retry_after, error.scope, error.is_global) == (1.5, "global", True)


@pytest.mark.anyio
async def test_the_client_raises_discords_form_errors() -> None:
    fake = FakeDiscord()
    long_title = {
        "title": {
            "_errors": [
                {
                    "code": "BASE_TYPE_MAX_LENGTH",
                    "message": "Must be 256 or fewer in length.",
                }
            ]
        }
    }
    body = {
        "code": 50035,
        "message": "Invalid Form Body",
        "errors": {"embeds": {"0": long_title}},
    }
    fake.inject(
        "POST /webhooks/{application_id}/{interaction_token}", Fault.reply(400, body)
    )

    async with rest_client(fake) as rest:
        with pytest.raises(
            HTTPError,
            match=r"(?m)^  embeds\.0\.title: Must be 256 or fewer in length\.$",
        ) as caught:
            await rest.create_followup(
                APPLICATION_ID, "token", MessagePayload(content="x")
            )

    assert caught.value.status == 400
    assert caught.value.code == 50035
    assert caught.value.route == "/webhooks/{application_id}/{interaction_token}"
    assert "token" not in str(caught.value).replace("interaction_token", "")
    assert len(fake.requests) == 1


@pytest.mark.anyio
async def test_errors_raise_only_when_retries_are_spent() -> None:
    fake = FakeDiscord()
    route = "GET /channels/{channel_id}/messages/{message_id}"
    fake.inject(
        route, Fault.error(500), Fault.error(502), Fault.error(503), Fault.error(500)
    )

    async with rest_client(fake) as rest:
        with pytest.raises(ServerError, match=r"failed with 500"):
            await rest.get_message(1, 2)

    assert len(fake.requests_to(route)) == 4  # the first try and 3 retries
