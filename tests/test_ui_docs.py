"""docs/ui.md: its examples run, and its limits table is the one in the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ikit import ui

DOCS = Path(__file__).resolve().parent.parent / "docs" / "ui.md"


def python_blocks() -> list[str]:
    text = DOCS.read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```$", text, flags=re.DOTALL | re.MULTILINE)


def test_the_docs_page_starts_with_an_example() -> None:
    lines = DOCS.read_text(encoding="utf-8").splitlines()

    assert lines[0] == "# Building UIs"
    assert lines[2] == "```python"


@pytest.mark.parametrize(
    "code",
    [pytest.param(code, id=f"block-{i}") for i, code in enumerate(python_blocks())],
)
def test_the_docs_examples_run(code: str, capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(code, str(DOCS), "exec"), {"__name__": "docs_ui"})


def test_the_limits_table_is_generated_from_the_code() -> None:
    table = ui.limits_markdown()

    assert table in DOCS.read_text(encoding="utf-8"), (
        "docs/ui.md is out of step with ikit.ui.limits: paste the output of "
        "`python3 -c 'from ikit import ui; print(ui.limits_markdown(), end=\"\")'` "
        "under its 'Discord's limits' heading"
    )
