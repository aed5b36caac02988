"""docs/testing.md: its tables name every action and every rule of the simulator,
and its payload example runs."""

from __future__ import annotations

import inspect
import re

import ikit.testing
from ikit.testing import Discord
from tests.shared import ROOT
from tests.test_docs_examples import FENCE, Example, run

PAGE = ROOT / "docs" / "testing.md"


def _section(title: str) -> str:
    text = PAGE.read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def _first_column(section: str) -> set[str]:
    rows = re.findall(r"^\| `([a-z_-]+)[(`]", section, re.M)
    return set(rows)


def test_the_table_of_actions_lists_every_action() -> None:
    actions = {
        name
        for name, member in inspect.getmembers(Discord, inspect.iscoroutinefunction)
        if not name.startswith("_")
    }

    assert _first_column(_section("The simulator")) == actions


def test_the_table_of_rules_lists_every_rule() -> None:
    assert _first_column(_section("Discord's rules")) == set(ikit.testing.RULES)


def test_the_payload_example_runs() -> None:
    section = _section("Payload factories")
    block = FENCE.search(section)

    assert block is not None
    run(Example(code=block["code"], line=1, runs=True), str(PAGE))
