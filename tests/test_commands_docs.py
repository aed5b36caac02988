"""docs/commands.md: its examples run, and its table of options matches the code."""

from __future__ import annotations

import enum
import re
from pathlib import Path
from typing import Any, Literal

import pytest

from ikit import commands, models
from ikit.commands import SlashCommand

DOCS = Path(__file__).resolve().parent.parent / "docs" / "commands.md"


def python_blocks() -> list[str]:
    text = DOCS.read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```$", text, flags=re.DOTALL | re.MULTILINE)


def test_the_docs_page_starts_with_an_example() -> None:
    lines = DOCS.read_text(encoding="utf-8").splitlines()

    assert lines[0] == "# Commands"
    assert lines[2] == "```python"


@pytest.mark.parametrize(
    "code",
    [pytest.param(code, id=f"block-{i}") for i, code in enumerate(python_blocks())],
)
def test_the_docs_examples_run(code: str) -> None:
    exec(compile(code, str(DOCS), "exec"), {"__name__": "docs_commands"})


class Sample(enum.Enum):
    one = "1"


def option_table() -> list[tuple[str, str]]:
    """The (annotation, option type) rows of the docs' table of options."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("## Options", 1)[1].split("\n\n", 2)[1]
    rows = [line.split(" | ") for line in section.splitlines()[2:]]
    return [(_plain(row[0]), row[1]) for row in rows]


def _plain(cell: str) -> str:
    return cell.strip("| ").replace("`", "").replace("\\|", "|")


@pytest.mark.parametrize(
    ("annotation", "option_type"),
    option_table(),
    ids=[annotation for annotation, _ in option_table()],
)
def test_the_table_of_options_matches_the_code(
    annotation: str, option_type: str
) -> None:
    namespace: dict[str, Any] = {
        **vars(models),
        "Mentionable": commands.Mentionable,
        "Literal": Literal,
        "Enum subclass": Sample,
    }
    hint = (
        namespace[annotation]
        if annotation in namespace
        else eval(annotation, namespace)
    )

    async def handler(ctx: object, value: Any) -> None:
        """Test."""

    handler.__annotations__ = {"ctx": object, "value": hint}
    option = SlashCommand(handler).options[0]

    assert option.type.name in option_type
