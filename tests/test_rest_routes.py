"""Routes: the path they request, the name they log, the key they limit by."""

from __future__ import annotations

import pytest

from ikit.rest import Route


def test_fills_and_quotes_the_template() -> None:
    route = Route(
        "/channels/{channel_id}/messages/{message_id}", channel_id=1, message_id="a/b"
    )

    assert route.template == "/channels/{channel_id}/messages/{message_id}"
    assert route.path == "/channels/1/messages/a%2Fb"


@pytest.mark.parametrize(
    ("route", "major"),
    [
        pytest.param(
            Route("/channels/{channel_id}/messages", channel_id=5),
            "channel_id=5",
            id="channel",
        ),
        pytest.param(
            Route("/guilds/{guild_id}/roles", guild_id=7), "guild_id=7", id="guild"
        ),
        pytest.param(
            Route(
                "/applications/{application_id}/guilds/{guild_id}/commands",
                application_id=1,
                guild_id=7,
            ),
            "guild_id=7",
            id="guild-under-application",
        ),
        pytest.param(
            Route("/applications/{application_id}/commands", application_id=1),
            "",
            id="no-major",
        ),
        pytest.param(Route("/applications/@me"), "", id="no-params"),
    ],
)
def test_major_parameter(route: Route, major: str) -> None:
    assert route.major == major


def test_interaction_token_is_a_credential_and_never_a_key() -> None:
    route = Route(
        "/webhooks/{application_id}/{interaction_token}",
        application_id=1,
        interaction_token="secret-token",
    )

    assert route.token_in_path
    assert "secret-token" not in route.major
    assert route.major.startswith("application_id=1,interaction_token=#")
    assert route.token_key is not None
    assert "secret-token" not in repr(route)


def test_same_token_same_key_across_routes() -> None:
    followup = Route(
        "/webhooks/{application_id}/{interaction_token}",
        application_id=1,
        interaction_token="t",
    )
    other = Route(
        "/webhooks/{application_id}/{interaction_token}",
        application_id=1,
        interaction_token="u",
    )
    callback = Route(
        "/interactions/{interaction_id}/{interaction_token}/callback",
        interaction_id=9,
        interaction_token="t",
    )

    assert followup.token_key == callback.token_key
    assert followup.token_key != other.token_key
    assert followup.major != callback.major


def test_bot_routes_carry_no_token() -> None:
    route = Route("/channels/{channel_id}", channel_id=1)

    assert not route.token_in_path
    assert route.token_key is None


def test_missing_value_is_refused() -> None:
    with pytest.raises(
        TypeError, match=r"needs a value for channel_id; pass each placeholder"
    ):
        Route("/channels/{channel_id}/messages")


def test_unknown_value_is_refused() -> None:
    with pytest.raises(
        TypeError,
        match=r"has no placeholder for guild_id; its placeholders are: channel_id",
    ):
        Route("/channels/{channel_id}", channel_id=1, guild_id=2)
