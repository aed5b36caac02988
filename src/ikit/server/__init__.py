"""The way in: verify a request, then hand it to the app.

Only the pure verification parts live here for now; importing this package starts no
server and imports no server library.
"""

from __future__ import annotations

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
    "Keypair",
    "MemoryReplayGuard",
    "ReplayGuard",
    "Verifier",
    "generate_keypair",
    "sign",
]
