"""Checking that a request comes from Discord, and refusing replays.

Discord signs every interaction request with the application's Ed25519 key. The signed
message is the ``X-Signature-Timestamp`` header's bytes followed by the raw body bytes,
exactly as received; the signature travels hex-encoded in ``X-Signature-Ed25519``.
:class:`Verifier` checks both headers, the timestamp window and the signature, cheapest
check first, and raises :class:`~ikit.errors.InvalidSignature` (401) with the reason.

A valid request can still be captured and sent again. The timestamp window bounds how
long such a copy stays valid; a :class:`ReplayGuard` refuses an interaction id seen
before within that window. :class:`MemoryReplayGuard` does it in one process; several
processes behind a load balancer need a guard on a shared store.

:func:`generate_keypair` and :func:`sign` play Discord's side, for local mode and
:mod:`ikit.testing`. Both sides live here so that the signed message's format is
written once.

This module is pure: no I/O, no server imports.
"""

from __future__ import annotations

import binascii
import heapq
import math
import time
from collections.abc import Callable, Mapping
from typing import NamedTuple, Protocol

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

from ikit.errors import InvalidSignature

__all__ = [
    "DEFAULT_WINDOW",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "Keypair",
    "MemoryReplayGuard",
    "ReplayGuard",
    "Verifier",
    "generate_keypair",
    "sign",
]

SIGNATURE_HEADER = "X-Signature-Ed25519"
TIMESTAMP_HEADER = "X-Signature-Timestamp"

#: Seconds a request's timestamp may differ from the server clock, either way.
DEFAULT_WINDOW = 300.0

_PUBLIC_KEY_HEX_LENGTH = 64  # 32 bytes
_SIGNATURE_HEX_LENGTH = 128  # 64 bytes
# 19 digits hold any Unix time until the year 2^63 seconds; more is not a timestamp,
# and capping it keeps int() cheap on hostile input.
_TIMESTAMP_MAX_DIGITS = 19

_PORTAL_HINT = (
    "copy the Public Key from your application's General Information page in the "
    "Discord Developer Portal (https://discord.com/developers/applications); "
    "it is not the bot token or the client secret"
)


class Verifier:
    """Checks the signature and timestamp of incoming interaction requests.

    ``public_key`` is the application's public key as 64 hex characters.
    ``window`` is how many seconds the timestamp may be old or ahead of the server
    clock (inclusive); ``None`` turns the timestamp check off.

    Build one per application and reuse it: the key is parsed once.
    """

    __slots__ = ("_key", "public_key", "window")

    def __init__(
        self, public_key: str, *, window: float | None = DEFAULT_WINDOW
    ) -> None:
        if window is not None and not (window >= 0 and math.isfinite(window)):
            raise ValueError(
                "window must be a finite number of seconds >= 0, or None, "
                f"got {window!r}"
            )

        self._key = VerifyKey(_parse_public_key(public_key))
        self.public_key = self._key.encode().hex()
        self.window = window

    def __repr__(self) -> str:
        return f"Verifier(public_key={self.public_key!r}, window={self.window!r})"

    def verify(
        self,
        signature: str | bytes | None,
        timestamp: str | bytes | None,
        body: bytes,
        *,
        now: float | None = None,
    ) -> None:
        """Raise :class:`~ikit.errors.InvalidSignature` unless Discord signed ``body``.

        ``signature`` and ``timestamp`` are the values of the ``X-Signature-Ed25519``
        and ``X-Signature-Timestamp`` headers (``None`` when absent), as ``str`` or as
        the raw ``bytes`` an ASGI server hands over. ``now`` is the current Unix time,
        read from the clock when not given.
        """
        raw_signature = _parse_signature(signature)
        raw_timestamp = _check_timestamp_format(timestamp)
        if self.window is not None:
            _check_window(int(raw_timestamp), self.window, now)

        # One join copies the body once; VerifyKey takes signature + message together.
        try:
            self._key.verify(b"".join((raw_signature, raw_timestamp, body)))
        except BadSignatureError:
            raise InvalidSignature(
                f"the {SIGNATURE_HEADER} signature does not match the timestamp and "
                "body; the request was not signed with this application's key "
                "(check that the public key is this application's)"
            ) from None

    def verify_headers(
        self, headers: Mapping[str, str], body: bytes, *, now: float | None = None
    ) -> None:
        """Like :meth:`verify`, reading both values from a mapping of headers.

        Header names match case-insensitively, as HTTP requires.
        """
        self.verify(
            _header(headers, SIGNATURE_HEADER),
            _header(headers, TIMESTAMP_HEADER),
            body,
            now=now,
        )


def _parse_public_key(public_key: str) -> bytes:
    if not isinstance(public_key, str):
        raise ValueError(
            f"public_key must be a str of {_PUBLIC_KEY_HEX_LENGTH} hex characters, "
            f"got {type(public_key).__name__}; {_PORTAL_HINT}"
        )

    # Keys pasted into .env files often carry a newline.
    text = public_key.strip()
    # The value itself stays out of the message: a misplaced token would leak.
    if len(text) != _PUBLIC_KEY_HEX_LENGTH:
        raise ValueError(
            f"public_key must be {_PUBLIC_KEY_HEX_LENGTH} hex characters "
            f"(a 32-byte Ed25519 key), got {len(text)} characters; {_PORTAL_HINT}"
        )

    try:
        return binascii.unhexlify(text)
    except ValueError:
        raise ValueError(
            f"public_key must be {_PUBLIC_KEY_HEX_LENGTH} hex characters "
            f"(0-9, a-f), got a non-hex character; {_PORTAL_HINT}"
        ) from None


def _parse_signature(signature: str | bytes | None) -> bytes:
    if not signature:
        raise InvalidSignature(
            f"the {SIGNATURE_HEADER} header is missing; Discord signs every "
            "interaction request"
        )

    if len(signature) != _SIGNATURE_HEX_LENGTH:
        raise InvalidSignature(
            f"the {SIGNATURE_HEADER} header must be {_SIGNATURE_HEX_LENGTH} hex "
            f"characters (a 64-byte Ed25519 signature), got {len(signature)}"
        )

    try:
        return binascii.unhexlify(signature)
    except ValueError:
        raise InvalidSignature(
            f"the {SIGNATURE_HEADER} header must be hex (0-9, a-f), "
            "got a non-hex character"
        ) from None


def _check_timestamp_format(timestamp: str | bytes | None) -> bytes:
    """The timestamp's bytes as signed, once it is known to be Unix seconds."""
    if not timestamp:
        raise InvalidSignature(
            f"the {TIMESTAMP_HEADER} header is missing; Discord sends it with every "
            "interaction request"
        )

    # isascii() first: str.isdigit() also accepts digits of other scripts.
    if not (
        len(timestamp) <= _TIMESTAMP_MAX_DIGITS
        and timestamp.isascii()
        and timestamp.isdigit()
    ):
        raise InvalidSignature(
            f"the {TIMESTAMP_HEADER} header must be Unix time in seconds "
            f"(1 to {_TIMESTAMP_MAX_DIGITS} digits), got {_preview(timestamp)}"
        )

    return timestamp if isinstance(timestamp, bytes) else timestamp.encode("ascii")


def _check_window(timestamp: int, window: float, now: float | None) -> None:
    age = (time.time() if now is None else now) - timestamp
    if age > window:
        raise InvalidSignature(
            f"the {TIMESTAMP_HEADER} header is {_seconds(age)} seconds old; "
            f"requests more than {window:g} seconds old are refused (check the "
            "server clock)"
        )

    if -age > window:
        raise InvalidSignature(
            f"the {TIMESTAMP_HEADER} header is {_seconds(-age)} seconds in the future; "
            f"requests more than {window:g} seconds ahead are refused (check the "
            "server clock)"
        )


def _seconds(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if value is None:
        value = headers.get(name.lower())
    if value is not None:
        return value

    # A plain dict may spell the name in any case; scan only when the fast paths miss.
    lowered = name.lower()
    return next((v for k, v in headers.items() if k.lower() == lowered), None)


def _preview(value: str | bytes) -> str:
    """A short repr of an untrusted value, so that messages and logs stay small."""
    text = value.decode("ascii", "replace") if isinstance(value, bytes) else value
    return repr(text if len(text) <= 32 else text[:32] + "...")


# -- replays ---------------------------------------------------------------------------


class ReplayGuard(Protocol):
    """Remembers interaction ids until they expire, to refuse a request sent twice.

    The server calls :meth:`seen` once per verified interaction, with the moment after
    which the :class:`Verifier` would refuse the request anyway: its timestamp plus the
    window. A guard may forget the id after that moment.
    """

    async def seen(self, interaction_id: int, expires_at: float) -> bool:
        """Record ``interaction_id``; return True if it was recorded before and has
        not expired."""
        ...


class MemoryReplayGuard:
    """A :class:`ReplayGuard` in this process's memory.

    Memory is bounded by the interactions received within one window: each call first
    drops the ids whose time has passed, cheapest first, from a heap ordered by expiry.
    It sees only the requests this process receives; when several processes serve the
    same application, use a guard on a store they share.

    ``clock`` returns the current Unix time; tests pass their own.
    """

    __slots__ = ("_clock", "_expiry", "_heap")

    def __init__(self, *, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._expiry: dict[int, float] = {}
        self._heap: list[tuple[float, int]] = []

    def __len__(self) -> int:
        """How many ids are remembered now."""
        return len(self._expiry)

    async def seen(self, interaction_id: int, expires_at: float) -> bool:
        # No await inside: the check and the insert happen as one step on any loop.
        self._prune(self._clock())
        if interaction_id in self._expiry:
            return True

        self._expiry[interaction_id] = expires_at
        heapq.heappush(self._heap, (expires_at, interaction_id))
        return False

    def _prune(self, now: float) -> None:
        heap = self._heap
        while heap and heap[0][0] <= now:
            _, interaction_id = heapq.heappop(heap)
            del self._expiry[interaction_id]


# -- Discord's side --------------------------------------------------------------------


class Keypair(NamedTuple):
    """An Ed25519 key pair: ``signing_key`` signs, ``public_key`` (hex) verifies."""

    signing_key: SigningKey
    public_key: str


def generate_keypair() -> Keypair:
    """A new random key pair, to stand in for Discord in local mode and tests."""
    signing_key = SigningKey.generate()
    return Keypair(signing_key, signing_key.verify_key.encode().hex())


def sign(
    signing_key: SigningKey, body: bytes, timestamp: int | str | None = None
) -> dict[str, str]:
    """The signature headers Discord would send with ``body``.

    ``timestamp`` defaults to now, in whole Unix seconds. A ``str`` is signed as
    given, so tests can sign malformed timestamps too.
    """
    if timestamp is None:
        timestamp = int(time.time())
    stamp = str(timestamp)
    signed = signing_key.sign(stamp.encode() + body)
    return {SIGNATURE_HEADER: signed.signature.hex(), TIMESTAMP_HEADER: stamp}
