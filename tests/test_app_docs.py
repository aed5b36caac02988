"""docs/components.md: its examples run, in order, and its table of the answers
Discord accepts is the App's own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ikit.app import ALLOWED_RESPONSES

DOCS = Path(__file__).resolve().parent.parent / "docs" / "components.md"


def _text() -> str:
    return DOCS.read_text(encoding="utf-8")


def _python_blocks() -> list[str]:
    return re.findall(
        r"^```python\n(.*?)^```$", _text(), flags=re.DOTALL | re.MULTILINE
    )


def _run(code: str, namespace: dict[str, object]) -> None:
    exec(compile(code, str(DOCS), "exec"), namespace)


def test_the_page_starts_with_an_example() -> None:
    lines = _text().splitlines()

    assert lines[0] == "# Components and modals"
    assert lines[2] == "```python"


def test_the_first_example_runs_alone(capsys: pytest.CaptureFixture[str]) -> None:
    _run(_python_blocks()[0], {"__name__": "docs_components"})

    assert '"content":"ana voted no."' in capsys.readouterr().out


@pytest.mark.parametrize(
    "upto",
    [pytest.param(i, id=f"block-{i}") for i in range(1, len(_python_blocks()))],
)
def test_each_example_runs_after_those_before_it(upto: int) -> None:
    # Later examples use the helpers an earlier one defines, as a reader would.
    namespace: dict[str, object] = {"__name__": "docs_components"}
    for code in _python_blocks()[: upto + 1]:
        _run(code, namespace)


@pytest.fixture(scope="module")
def page() -> dict[str, object]:
    """What every example of the page defines, run in order."""
    namespace: dict[str, object] = {"__name__": "docs_components"}
    for code in _python_blocks():
        _run(code, namespace)
    return namespace


@pytest.mark.parametrize(
    ("handler", "kwargs", "custom_id"),
    [
        pytest.param("count", {"n": -1}, "count/-1", id="counter"),
        pytest.param("turn", {"query": "a/b", "n": 0}, "fruits/a~1b/0", id="paginator"),
        pytest.param("team", {"name": "Ana"}, "signup/team/Ana", id="form-step-2"),
        pytest.param(
            "finish",
            {"name": "Ana", "team": "docs"},
            "signup/bio/Ana/docs",
            id="form-3",
        ),
    ],
)
def test_the_flows_keep_their_state_in_the_custom_ids_the_page_shows(
    page: dict[str, object], handler: str, kwargs: dict[str, object], custom_id: str
) -> None:
    built = page[handler].custom_id(**kwargs)  # type: ignore[attr-defined]

    assert built == custom_id


def test_the_table_of_accepted_answers_is_the_apps() -> None:
    text = _text()

    for kind, allowed in ALLOWED_RESPONSES.items():
        if kind.name == "PING":
            continue
        names = ", ".join(f"`{t.__name__}`" for t in allowed)
        row = f"| `{kind.name}` | {names} |"
        assert row in text, f"docs/components.md lacks or differs on: {row}"


def test_the_page_links_to_the_routes_reference() -> None:
    text = _text()

    assert "](routes.md)" in text
    assert "](routes.md#versioning)" in text
