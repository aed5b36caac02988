"""Every docs page opens with an example that runs.

The first ```python block of each page in docs/ is executed as it stands (top-level
``await`` allowed, run on asyncio), from the repository's root. A page whose first
example cannot run in a test (it needs a server, a token, the network) marks it with
``<!-- example: no-run -->`` on the line just before the block; use it sparingly.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.shared import ROOT

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
NO_RUN = "<!-- example: no-run -->"
FENCE = re.compile(r"^```python[ \t]*\n(?P<code>.*?)^```[ \t]*$", re.S | re.M)


@dataclass(frozen=True)
class Example:
    """The first python block of a page."""

    code: str
    line: int
    runs: bool


def first_example(text: str) -> Example | None:
    block = FENCE.search(text)
    if block is None:
        return None
    before = text[: block.start()].rstrip("\n").rsplit("\n", 1)[-1]
    return Example(
        code=block["code"],
        line=text.count("\n", 0, block.start("code")) + 1,
        runs=before.strip() != NO_RUN,
    )


def run(
    example: Example, filename: str, namespace: dict[str, object] | None = None
) -> None:
    code = compile(example.code, filename, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    # Line numbers in a traceback count from the block's first line.
    code = code.replace(co_firstlineno=example.line)
    result = eval(code, {"__name__": "__docs__", **(namespace or {})})
    if inspect.iscoroutine(result):
        asyncio.run(result)


def test_there_are_pages() -> None:
    assert PAGES, f"no docs found in {DOCS}"


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_the_first_example_of_a_page_runs(
    page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    example = first_example(page.read_text(encoding="utf-8"))

    assert example is not None, f"{page.name} has no ```python example to open with"
    if not example.runs:
        pytest.skip(f"{page.name} marks its first example {NO_RUN}")
    monkeypatch.chdir(ROOT)
    run(example, str(page))


# -- the extraction itself -----------------------------------------------------------


def test_only_the_first_python_block_is_taken() -> None:
    text = "# Title\n\n```sh\nls\n```\n\n```python\nx = 1\n```\n\n```python\ny\n```\n"

    example = first_example(text)

    assert example == Example(code="x = 1\n", line=8, runs=True)


def test_the_marker_just_before_the_block_skips_it() -> None:
    text = f"# Title\n\n{NO_RUN}\n```python\nserve()\n```\n"

    example = first_example(text)

    assert example is not None
    assert not example.runs


def test_a_marker_elsewhere_does_not_skip_the_block() -> None:
    text = f"{NO_RUN}\n\nSome words.\n\n```python\nx = 1\n```\n"

    example = first_example(text)

    assert example is not None
    assert example.runs


def test_a_failing_example_fails_with_the_page_line() -> None:
    example = Example(code="x = 1\nraise ValueError('boom')\n", line=10, runs=True)

    with pytest.raises(ValueError, match="boom") as info:
        run(example, "docs/page.md")

    assert info.traceback[-1].lineno + 1 == 11


def test_top_level_await_runs() -> None:
    seen: list[int] = []
    example = Example(
        code="import asyncio\nawait asyncio.sleep(0)\nseen.append(1)\n",
        line=1,
        runs=True,
    )

    run(example, "docs/page.md", {"seen": seen})

    assert seen == [1]
