"""Descriptions read from a handler's docstring.

The command's description is the docstring's first paragraph, its lines joined by
spaces. Option descriptions come from one parameter section, in either of two
common forms (anything else in the docstring is ignored)::

    Args:                          Parameters
        question: The question.    ----------
        minutes (int): How long,   question : str
            in minutes.                The question.

The Google form's header may also read ``Arguments:``, ``Parameters:`` or
``Params:``. An entry's continuation lines are joined by spaces.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field

__all__ = ["Docstring", "parse_docstring"]

_GOOGLE_HEADER = re.compile(r"(Args|Arguments|Parameters|Params):\s*")
_GOOGLE_ENTRY = re.compile(r"\*{0,2}(?P<name>\w+)\s*(\([^)]*\))?\s*:\s*(?P<text>.*)")
_NUMPY_RULE = re.compile(r"-{3,}\s*")
_NUMPY_ENTRY = re.compile(r"(?P<name>\w+)\s*(:.*)?")


@dataclass(frozen=True, slots=True)
class Docstring:
    """What a docstring says: a summary and one description per parameter."""

    summary: str | None = None
    params: dict[str, str] = field(default_factory=dict)


def parse_docstring(doc: str | None) -> Docstring:
    """The summary and the parameter descriptions of a docstring."""
    lines = inspect.cleandoc(doc or "").splitlines()
    return Docstring(summary=_summary(lines), params=_params(lines))


def _summary(lines: list[str]) -> str | None:
    paragraph: list[str] = []
    for index, line in enumerate(lines):
        if not line.strip() or _is_header(lines, index):
            break
        paragraph.append(line.strip())

    return " ".join(paragraph) or None


def _is_header(lines: list[str], index: int) -> bool:
    line = lines[index]
    if _GOOGLE_HEADER.fullmatch(line):
        return True

    following = lines[index + 1] if index + 1 < len(lines) else ""
    return line.strip() == "Parameters" and bool(_NUMPY_RULE.fullmatch(following))


def _params(lines: list[str]) -> dict[str, str]:
    for index, line in enumerate(lines):
        if _GOOGLE_HEADER.fullmatch(line):
            return _google(lines[index + 1 :], _indent(line))
        if _is_header(lines, index):
            return _numpy(lines[index + 2 :])

    return {}


def _google(lines: list[str], header_indent: int) -> dict[str, str]:
    entries: dict[str, list[str]] = {}
    entry_indent: int | None = None
    current: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        indent = _indent(line)
        if indent <= header_indent:
            break
        match = _GOOGLE_ENTRY.fullmatch(line.strip())
        if match and (entry_indent is None or indent <= entry_indent):
            entry_indent = indent
            current = entries.setdefault(match["name"], [])
            current.append(match["text"])
        else:
            current.append(line.strip())

    return _joined(entries)


def _numpy(lines: list[str]) -> dict[str, str]:
    entries: dict[str, list[str]] = {}
    current: list[str] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if _NUMPY_RULE.fullmatch(following):
            break
        match = _NUMPY_ENTRY.fullmatch(line)
        if match and _indent(line) == 0:
            current = entries.setdefault(match["name"], [])
        elif line.strip():
            current.append(line.strip())

    return _joined(entries)


def _joined(entries: dict[str, list[str]]) -> dict[str, str]:
    return {name: " ".join(p for p in parts if p) for name, parts in entries.items()}


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())
