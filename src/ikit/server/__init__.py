"""The way in: verify a request, then hand it to the app.

- :class:`Verifier` checks Discord's Ed25519 signature and timestamp;
  :class:`ReplayGuard` refuses an interaction id seen before.
- :class:`ASGIApp` serves an App over ASGI (``App.__call__`` builds one);
  :class:`HTTPResult` is what ``App.handle`` returns on serverless platforms.
- :func:`serve` runs an App on hypercorn, on asyncio or trio.
- :func:`generate_keypair` and :func:`sign` play Discord's side, for local mode and
  tests.

Importing this package imports no server library: hypercorn loads in :func:`serve`.
"""

from __future__ import annotations

from ikit.server._asgi import ASGIApp
from ikit.server._core import HTTPResult
from ikit.server._serve import serve
from ikit.server.verify import (
    DEFAULT_WINDOW,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    Keypair,
    MemoryReplayGuard,
    ReplayGuard,
    Verifier,
    generate_keypair,
    sign,
)

__all__ = [
    "DEFAULT_WINDOW",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "ASGIApp",
    "HTTPResult",
    "Keypair",
    "MemoryReplayGuard",
    "ReplayGuard",
    "Verifier",
    "generate_keypair",
    "serve",
    "sign",
]
