"""Request verification: signature, timestamp window, replays, and Discord's side."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from nacl.signing import SigningKey

import ikit.server
from ikit.errors import InvalidSignature
from ikit.server import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    MemoryReplayGuard,
    ReplayGuard,
    Verifier,
    generate_keypair,
    sign,
)

NOW = 1_700_000_000
BODY = b'{"type":1,"id":"1","application_id":"2","token":"t","version":1}'

# A fixed key, so that a failure reproduces byte for byte.
SIGNING_KEY = SigningKey(bytes(range(32)))
PUBLIC_KEY = SIGNING_KEY.verify_key.encode().hex()
OTHER_KEY = SigningKey(bytes(range(1, 33)))


@pytest.fixture
def verifier() -> Verifier:
    return Verifier(PUBLIC_KEY)


def signed(
    body: bytes = BODY, timestamp: int | str = NOW, key: SigningKey = SIGNING_KEY
) -> tuple[str, str]:
    headers = sign(key, body, timestamp)
    return headers[SIGNATURE_HEADER], headers[TIMESTAMP_HEADER]


def test_exports() -> None:
    assert sorted(ikit.server.__all__) == [
        "ASGIApp",
        "DEFAULT_WINDOW",
        "HTTPResult",
        "Keypair",
        "MemoryReplayGuard",
        "ReplayGuard",
        "SIGNATURE_HEADER",
        "TIMESTAMP_HEADER",
        "Verifier",
        "generate_keypair",
        "serve",
        "sign",
    ]
    for name in ikit.server.__all__:
        assert hasattr(ikit.server, name)


# -- the public key ------------------------------------------------------------------


def test_public_key_is_normalised() -> None:
    verifier = Verifier(f"  {PUBLIC_KEY.upper()}\n")

    assert verifier.public_key == PUBLIC_KEY
    assert repr(verifier) == f"Verifier(public_key='{PUBLIC_KEY}', window=300.0)"


@pytest.mark.parametrize(
    ("key", "message"),
    [
        pytest.param(
            "abc123",
            r"public_key must be 64 hex characters \(a 32-byte Ed25519 key\), "
            r"got 6 characters; copy the Public Key from your application's General "
            r"Information page in the Discord Developer Portal",
            id="too-short",
        ),
        pytest.param(
            "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs",
            r"got 59 characters; .*it is not the bot token or the client secret",
            id="a-token",
        ),
        pytest.param(
            "g" * 64,
            r"public_key must be 64 hex characters \(0-9, a-f\), got a non-hex "
            r"character; copy the Public Key",
            id="not-hex",
        ),
        pytest.param("é" * 64, r"got a non-hex character", id="not-ascii"),
        pytest.param(
            None,
            r"public_key must be a str of 64 hex characters, got NoneType",
            id="none",
        ),
    ],
)
def test_malformed_public_key(key: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Verifier(key)  # type: ignore[arg-type]


def test_malformed_public_key_is_not_echoed() -> None:
    secret = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs"

    with pytest.raises(ValueError, match="public_key") as caught:
        Verifier(secret)

    assert secret not in str(caught.value)


@pytest.mark.parametrize(
    "window", [-1.0, float("nan"), float("inf")], ids=["negative", "nan", "inf"]
)
def test_invalid_window(window: float) -> None:
    with pytest.raises(
        ValueError,
        match=r"window must be a finite number of seconds >= 0, or None, got "
        + re.escape(repr(window)),
    ):
        Verifier(PUBLIC_KEY, window=window)


# -- a good request ------------------------------------------------------------------


def test_good_signature_passes(verifier: Verifier) -> None:
    signature, timestamp = signed()

    verifier.verify(signature, timestamp, BODY, now=NOW)


def test_good_signature_as_bytes_passes(verifier: Verifier) -> None:
    signature, timestamp = signed()

    verifier.verify(signature.encode(), timestamp.encode(), BODY, now=NOW)


def test_uppercase_signature_passes(verifier: Verifier) -> None:
    signature, timestamp = signed()

    verifier.verify(signature.upper(), timestamp, BODY, now=NOW)


def test_empty_body_is_signed_too(verifier: Verifier) -> None:
    signature, timestamp = signed(body=b"")

    verifier.verify(signature, timestamp, b"", now=NOW)


@pytest.mark.parametrize(
    "spelling",
    [
        pytest.param(str.lower, id="lowercase"),
        pytest.param(str.upper, id="uppercase"),
        pytest.param(lambda name: name, id="canonical"),
    ],
)
def test_verify_headers_matches_names_in_any_case(
    verifier: Verifier, spelling: Callable[[str], str]
) -> None:
    headers = {spelling(k): v for k, v in sign(SIGNING_KEY, BODY, NOW).items()}
    headers["Content-Type"] = "application/json"

    verifier.verify_headers(headers, BODY, now=NOW)


def test_sign_defaults_to_now() -> None:
    keypair = generate_keypair()
    headers = sign(keypair.signing_key, BODY)

    Verifier(keypair.public_key).verify_headers(headers, BODY)


def test_generated_keypairs_differ_and_match() -> None:
    first, second = generate_keypair(), generate_keypair()

    assert first.public_key != second.public_key
    assert first.signing_key.verify_key.encode().hex() == first.public_key
    assert re.fullmatch(r"[0-9a-f]{64}", first.public_key)


# -- each way to fail ----------------------------------------------------------------

GOOD_SIGNATURE, GOOD_TIMESTAMP = signed()


@pytest.mark.parametrize(
    ("signature", "timestamp", "message"),
    [
        pytest.param(
            None,
            GOOD_TIMESTAMP,
            r"^the X-Signature-Ed25519 header is missing; Discord signs every "
            r"interaction request$",
            id="signature-missing",
        ),
        pytest.param(
            "",
            GOOD_TIMESTAMP,
            r"X-Signature-Ed25519 header is missing",
            id="signature-empty",
        ),
        pytest.param(
            GOOD_SIGNATURE,
            None,
            r"^the X-Signature-Timestamp header is missing; Discord sends it with "
            r"every interaction request$",
            id="timestamp-missing",
        ),
        pytest.param(
            GOOD_SIGNATURE,
            b"",
            r"X-Signature-Timestamp header is missing",
            id="timestamp-empty",
        ),
        pytest.param(
            GOOD_SIGNATURE[:-2],
            GOOD_TIMESTAMP,
            r"^the X-Signature-Ed25519 header must be 128 hex characters "
            r"\(a 64-byte Ed25519 signature\), got 126$",
            id="signature-short",
        ),
        pytest.param(
            GOOD_SIGNATURE + "00",
            GOOD_TIMESTAMP,
            r"must be 128 hex characters \(a 64-byte Ed25519 signature\), got 130$",
            id="signature-long",
        ),
        pytest.param(
            "z" + GOOD_SIGNATURE[1:],
            GOOD_TIMESTAMP,
            r"^the X-Signature-Ed25519 header must be hex \(0-9, a-f\), got a non-hex "
            r"character$",
            id="signature-not-hex",
        ),
        pytest.param(
            "é" + GOOD_SIGNATURE[1:],
            GOOD_TIMESTAMP,
            r"must be hex \(0-9, a-f\), got a non-hex character$",
            id="signature-not-ascii",
        ),
        pytest.param(
            GOOD_SIGNATURE,
            "abc",
            r"^the X-Signature-Timestamp header must be Unix time in seconds "
            r"\(1 to 19 digits\), got 'abc'$",
            id="timestamp-letters",
        ),
        pytest.param(
            GOOD_SIGNATURE,
            f"{NOW}.5",
            r"must be Unix time in seconds \(1 to 19 digits\), got '1700000000.5'$",
            id="timestamp-fraction",
        ),
        pytest.param(
            GOOD_SIGNATURE,
            f"-{NOW}",
            r"must be Unix time in seconds \(1 to 19 digits\), got '-1700000000'$",
            id="timestamp-negative",
        ),
        pytest.param(
            GOOD_SIGNATURE,
            f" {NOW}",
            r"got ' 1700000000'$",
            id="timestamp-space",
        ),
        pytest.param(
            GOOD_SIGNATURE,
            "١٧٠٠٠٠٠٠٠٠",
            r"must be Unix time in seconds \(1 to 19 digits\), got '١٧٠٠٠٠٠٠٠٠'$",
            id="timestamp-arabic-digits",
        ),
        pytest.param(
            GOOD_SIGNATURE,
            "9" * 40,
            r"must be Unix time in seconds \(1 to 19 digits\), got '9{32}\.\.\.'$",
            id="timestamp-too-long-is-truncated",
        ),
        pytest.param(
            GOOD_SIGNATURE,
            b"\xff1",
            "got '\ufffd1'$",
            id="timestamp-bytes-not-ascii",
        ),
    ],
)
def test_malformed_headers(
    verifier: Verifier,
    signature: str | bytes | None,
    timestamp: str | bytes | None,
    message: str,
) -> None:
    with pytest.raises(InvalidSignature, match=message) as caught:
        verifier.verify(signature, timestamp, BODY, now=NOW)

    assert caught.value.status == 401


def test_missing_headers_in_mapping(verifier: Verifier) -> None:
    with pytest.raises(InvalidSignature, match="X-Signature-Ed25519 header is missing"):
        verifier.verify_headers({TIMESTAMP_HEADER: GOOD_TIMESTAMP}, BODY, now=NOW)


BAD_SIGNATURE = (
    r"^the X-Signature-Ed25519 signature does not match the timestamp and body; "
    r"the request was not signed with this application's key \(check that the "
    r"public key is this application's\)$"
)


@pytest.mark.parametrize(
    ("signature", "timestamp", "body"),
    [
        pytest.param(*signed(), BODY + b" ", id="body-changed"),
        pytest.param(*signed(), BODY.replace(b'"1"', b'"3"'), id="body-edited"),
        pytest.param(GOOD_SIGNATURE, str(NOW - 1), BODY, id="timestamp-changed"),
        pytest.param(*signed(key=OTHER_KEY), BODY, id="other-key"),
        pytest.param("0" * 128, GOOD_TIMESTAMP, BODY, id="zeros"),
        pytest.param(
            GOOD_SIGNATURE[64:] + GOOD_SIGNATURE[:64],
            GOOD_TIMESTAMP,
            BODY,
            id="halves-swapped",
        ),
    ],
)
def test_bad_signature(
    verifier: Verifier, signature: str, timestamp: str, body: bytes
) -> None:
    with pytest.raises(InvalidSignature, match=BAD_SIGNATURE) as caught:
        verifier.verify(signature, timestamp, body, now=NOW)

    assert caught.value.status == 401


# -- the timestamp window ------------------------------------------------------------
# The window is inclusive: a request exactly 300 seconds old (or ahead) passes, so a
# clock that ticks between Discord signing and us reading stays on the safe side.


@pytest.mark.parametrize(
    "offset",
    [0, 300, -300, 299.999, -299.999],
    ids=["now", "300s-old", "300s-ahead", "just-under-old", "just-under-ahead"],
)
def test_window_edges_pass(verifier: Verifier, offset: float) -> None:
    verifier.verify(*signed(), BODY, now=NOW + offset)


@pytest.mark.parametrize(
    ("now", "message"),
    [
        pytest.param(
            NOW + 300.5,
            r"^the X-Signature-Timestamp header is 300.5 seconds old; requests more "
            r"than 300 seconds old are refused \(check the server clock\)$",
            id="half-second-too-old",
        ),
        pytest.param(
            NOW + 301, r"header is 301 seconds old; requests more", id="too-old"
        ),
        pytest.param(
            NOW - 301,
            r"^the X-Signature-Timestamp header is 301 seconds in the future; "
            r"requests more than 300 seconds ahead are refused \(check the server "
            r"clock\)$",
            id="too-far-ahead",
        ),
    ],
)
def test_outside_window(verifier: Verifier, now: float, message: str) -> None:
    with pytest.raises(InvalidSignature, match=message):
        verifier.verify(*signed(), BODY, now=now)


def test_window_is_configurable() -> None:
    verifier = Verifier(PUBLIC_KEY, window=5)
    verifier.verify(*signed(), BODY, now=NOW + 5)

    with pytest.raises(
        InvalidSignature, match=r"6 seconds old; .* more than 5 seconds"
    ):
        verifier.verify(*signed(), BODY, now=NOW + 6)


def test_window_checked_before_signature(verifier: Verifier) -> None:
    # An old request is refused without spending an Ed25519 verification on it.
    with pytest.raises(InvalidSignature, match="seconds old"):
        verifier.verify("0" * 128, GOOD_TIMESTAMP, BODY, now=NOW + 1000)


def test_window_disabled() -> None:
    verifier = Verifier(PUBLIC_KEY, window=None)

    verifier.verify(*signed(timestamp=1), BODY, now=NOW)
    verifier.verify(*signed(timestamp="9" * 19), BODY, now=NOW)
    with pytest.raises(InvalidSignature, match="must be Unix time in seconds"):
        verifier.verify(*signed(timestamp="soon"), BODY, now=NOW)
    with pytest.raises(InvalidSignature, match="does not match"):
        verifier.verify(GOOD_SIGNATURE, "1", BODY, now=NOW)


def test_window_uses_the_clock_by_default(verifier: Verifier) -> None:
    with pytest.raises(InvalidSignature, match="seconds old"):
        verifier.verify(*signed(timestamp=1), BODY)


# -- replays -------------------------------------------------------------------------


class Clock:
    def __init__(self, now: float = NOW) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.mark.anyio
async def test_replay_guard_remembers_an_id() -> None:
    guard: ReplayGuard = MemoryReplayGuard(clock=Clock())

    assert await guard.seen(1, NOW + 300) is False
    assert await guard.seen(2, NOW + 300) is False
    assert await guard.seen(1, NOW + 300) is True
    assert await guard.seen(1, NOW + 300) is True


@pytest.mark.anyio
async def test_replay_guard_forgets_after_expiry() -> None:
    clock = Clock()
    guard = MemoryReplayGuard(clock=clock)
    await guard.seen(1, NOW + 300)

    clock.now = NOW + 299.9
    assert await guard.seen(1, NOW + 300) is True

    clock.now = NOW + 300
    assert await guard.seen(1, NOW + 600) is False
    assert len(guard) == 1


@pytest.mark.anyio
async def test_replay_guard_expires_in_any_order() -> None:
    clock = Clock()
    guard = MemoryReplayGuard(clock=clock)
    for interaction_id, expires_at in [(1, NOW + 30), (2, NOW + 10), (3, NOW + 20)]:
        await guard.seen(interaction_id, expires_at)

    clock.now = NOW + 20
    assert await guard.seen(1, NOW + 30) is True
    assert await guard.seen(2, NOW + 40) is False
    assert await guard.seen(3, NOW + 40) is False


@pytest.mark.anyio
async def test_replay_guard_memory_is_bounded() -> None:
    clock = Clock()
    guard = MemoryReplayGuard(clock=clock)
    for interaction_id in range(100_000):
        await guard.seen(interaction_id, NOW + 300 + interaction_id % 7)
    assert len(guard) == 100_000

    clock.now = NOW + 307
    await guard.seen(100_000, NOW + 607)

    assert len(guard) == 1
    assert len(guard._heap) == 1


@pytest.mark.anyio
async def test_replay_guard_uses_the_clock_by_default() -> None:
    guard = MemoryReplayGuard()
    await guard.seen(1, 0.0)

    assert await guard.seen(1, 0.0) is False
