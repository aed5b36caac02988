"""Shared fixtures: every async test runs on asyncio and on trio.

With IKIT_REQUIRE_SHARED=1 (as CI sets it), a run without Discord's reference
material in ../shared stops at once instead of skipping the tests that read it, so a
green CI always means the oracle tests ran.
"""

from __future__ import annotations

import os

import pytest

from tests.shared import PAYLOADS, SPEC_FILE


def pytest_sessionstart(session: pytest.Session) -> None:
    if os.environ.get("IKIT_REQUIRE_SHARED") != "1":
        return
    missing = [str(path) for path in (SPEC_FILE, PAYLOADS) if not path.exists()]
    if missing:
        raise pytest.UsageError(
            "IKIT_REQUIRE_SHARED=1, but Discord's reference material is missing: "
            f"{', '.join(missing)}; put it beside the checkout or set IKIT_SHARED"
        )


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    backend: str = request.param
    return backend
