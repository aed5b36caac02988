"""docs/rest.md: its examples run, and its tables match the client."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from ikit.rest import RestClient
from ikit.rest._http import HTTPCore

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rest.md"


def _text() -> str:
    return DOCS.read_text(encoding="utf-8")


def _python_blocks() -> list[str]:
    return re.findall(
        r"^```python\n(.*?)^```$", _text(), flags=re.DOTALL | re.MULTILINE
    )


def test_the_page_starts_with_an_example() -> None:
    lines = _text().splitlines()

    assert lines[0] == "# The REST client"
    assert lines[2] == "```python"


@pytest.mark.parametrize(
    "code",
    [pytest.param(code, id=f"block-{i}") for i, code in enumerate(_python_blocks())],
)
def test_the_examples_run(code: str, capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(code, str(DOCS), "exec"), {"__name__": "docs_rest"})


def test_the_error_example_prints_what_the_page_says(
    capsys: pytest.CaptureFixture[str],
) -> None:
    block = next(code for code in _python_blocks() if "except HTTPError" in code)
    shown = re.search(
        r"^prints\n\n```\n(.*?)^```$", _text(), flags=re.DOTALL | re.MULTILINE
    )

    exec(compile(block, str(DOCS), "exec"), {"__name__": "docs_rest"})

    assert shown is not None
    assert capsys.readouterr().out == shown.group(1)


def test_the_endpoint_table_lists_every_endpoint_method() -> None:
    listed = re.findall(r"^\| `(\w+)\(", _text(), flags=re.MULTILINE)
    core = set(dir(HTTPCore))
    methods = {
        name
        for name, member in inspect.getmembers(RestClient, inspect.iscoroutinefunction)
        if not name.startswith("_") and name not in core
    }

    assert sorted(listed) == sorted(methods)


def test_the_page_points_at_no_private_module() -> None:
    assert re.findall(r"ikit\.rest\._\w+", _text()) == []
