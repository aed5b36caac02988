"""Children, the JSX way: positional, with conditions and loops written in Python.

``None``, ``False`` and ``True`` vanish (so ``flag and Element()`` reads as "only if"),
lists, tuples and generators flatten to any depth (so a comprehension, or a function
returning several elements, drops in place), and everything else is a child.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol, SupportsIndex, TypeAlias, TypeVar

import msgspec

__all__ = ["Child", "Many", "describe", "flatten"]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class Many(Protocol[T_co]):
    """A list or tuple of children, and nothing that is a ``str``.

    ``Sequence`` would let a type checker take a ``str`` as a sequence of children;
    ``str.__contains__`` accepts only strings, so it does not match this protocol.
    """

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[T_co]: ...

    def __getitem__(self, index: SupportsIndex, /) -> T_co: ...

    def __contains__(self, value: object, /) -> bool: ...


Child: TypeAlias = T | bool | Many["Child[T]"] | Iterator["Child[T]"] | None
"""One child of an element: an element, a flag that vanishes, or a list, tuple or
generator of children."""


def flatten(element: str, children: Sequence[object]) -> list[object]:
    """The children in order, with flags and ``None`` dropped and lists flattened.

    ``element`` names the caller in the error raised for a child that is neither
    a struct, a string, a flag nor a list.
    """
    out: list[object] = []
    _collect(element, children, out)
    return out


def _collect(element: str, children: Sequence[object], out: list[object]) -> None:
    for child in children:
        if child is None or isinstance(child, bool):
            continue

        if isinstance(child, msgspec.Struct | str):
            out.append(child)
        elif isinstance(child, list | tuple | Iterator):
            _collect(element, list(child), out)
        else:
            raise TypeError(
                f"{element}: children must be elements, strings, None, booleans, or "
                f"lists, tuples and generators of them; got {child!r} "
                f"({type(child).__name__})"
            )


def describe(value: object) -> str:
    """A short name for a value in an error message."""
    return f"{value!r} ({type(value).__name__})"
