"""Access to Discord's reference material in ../shared, when it lies beside the repo.

Tests that need it call :func:`require` and are skipped, with the reason, on a clone
that does not have it.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("IKIT_SHARED", ROOT.parent / "shared"))
PAYLOADS = SHARED / "discord-payloads"
SPEC_FILE = SHARED / "discord-openapi" / "openapi.json"


def require(path: Path) -> Path:
    """Return ``path``, or skip the test when the reference material is absent."""
    if not path.exists():
        pytest.skip(f"Discord reference material not found at {path}")
    return path


def payload_files(kind: str) -> list[Path]:
    """The example payloads of one kind (received, sent, errors), or [] when absent."""
    folder = PAYLOADS / kind
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@functools.cache
def spec() -> dict[str, Any]:
    """Discord's OpenAPI spec, parsed once per test session."""
    data: dict[str, Any] = load_json(require(SPEC_FILE))
    return data
