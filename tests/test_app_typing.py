"""tests/typing_examples_app.py is checked by mypy, not run; importing it here proves
that its declarations are ones the App accepts at runtime too."""

from __future__ import annotations

import uuid

import pytest

from tests import typing_examples_app as examples


def test_the_typing_examples_declare_a_valid_app() -> None:
    commands = sorted(command.name for command in examples.app.commands)

    assert commands == ["Inspect User", "Quote", "ask", "poll"]


def test_the_custom_ids_of_the_typing_examples_build() -> None:
    poll_id = uuid.UUID(int=7)

    assert examples.vote.custom_id(poll_id=poll_id, choice="yes") == (
        "poll/AAAAAAAAAAAAAAAAAAAABw/vote/yes"
    )
    assert examples.page.custom_id(n=2) == "page/2"
    assert examples.report.custom_id(project=7) == "report/7"


def test_custom_id_refuses_positional_values_that_the_types_allow() -> None:
    # ParamSpec cannot make custom_id() keyword-only for the checker; ikit refuses
    # positional values at runtime instead.
    with pytest.raises(TypeError, match="takes the template's parameters by keyword"):
        examples.page.custom_id(2)
