"""The typing examples also run: every element they build is built for real."""

from __future__ import annotations

from tests import typing_examples_ui


def test_typing_examples_run() -> None:
    typing_examples_ui.inferred()
    typing_examples_ui.inferred(admin=True)
