"""Route templates and the custom_id grammar: the theory of operation.

A route turns typed values into a custom_id and back. This module holds the part
every other routing module leans on: the grammar, the escaping, and the table key.

Grammar
    A template is segments joined by ``/``::

        template  = literal *("/" segment)
        segment   = literal / "{" name "}"
        literal   = 1*(any character but "/", "~", "{", "}")
        name      = a Python identifier that is not a keyword

    A parameter fills a whole segment; the first segment is always a literal (the
    *head*). A custom_id built from a template has exactly as many ``/``-separated
    segments as the template, because values are escaped (below).

Escaping
    ``/`` separates segments and ``~`` escapes, as in JSON Pointer (RFC 6901): in a
    value, ``~`` is written ``~0`` and ``/`` is written ``~1``. Any other ``~`` is a
    malformed escape. A segment that is exactly ``~`` stands for ``None`` (only an
    Optional parameter accepts it); no escaped value can look like it, since a lone
    ``~`` always escapes to ``~0``. The empty segment is the empty string.

Canonical values
    Each value has exactly one spelling, and parsing accepts only that spelling: a
    segment is decoded, then encoded again, and must come back unchanged (``007``,
    ``+7`` and ``1_0`` are refused as ints). So one value never has two custom_ids.

The table key
    A custom_id is split on ``/`` once. Its first segment and its segment count pick a
    *bucket*; all templates in a bucket keep their literal segments at the same
    positions, so the literals found at those positions pick the template with one
    dict lookup. Dispatch therefore costs a split and two dict lookups, whatever the
    number of routes. :attr:`Template.bucket` and :attr:`Template.literal_key` are the
    two keys; ``_table.py`` keeps the rule that makes them sufficient.

Rules kept
    - Two templates that could match the same custom_id are refused when the second
      is added to a table; so are two templates with the same head and length whose
      literals sit at different positions (they might not collide, but telling them
      apart would need a scan).
    - Values are escaped on build and unescaped on parse, so any str round-trips.
    - Nothing longer than Discord's limit (:data:`MAX_LENGTH`) is ever built.

``_convert.py`` writes each value as text (the converters); ``_route.py`` puts the
two together. A change to the separator, the escape or the None token must keep
``docs/routes.md`` in step.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass

from ikit.errors import DeclarationError

__all__ = [
    "ESCAPE",
    "MAX_LENGTH",
    "NONE_TOKEN",
    "SEPARATOR",
    "EscapeError",
    "Template",
    "escape",
    "parse_template",
    "unescape",
]

#: Discord refuses custom_ids longer than this many characters.
MAX_LENGTH = 100
SEPARATOR = "/"
ESCAPE = "~"
#: The whole segment that stands for None.
NONE_TOKEN = ESCAPE

_UNESCAPED = {"0": ESCAPE, "1": SEPARATOR}
# An escape and the character after it, if any (a trailing "~" is malformed too).
_ESCAPED = re.compile(re.escape(ESCAPE) + "(.?)", re.DOTALL)
_WHOLE = "a parameter, {name}, must fill a whole segment"
_RESERVED_IN_LITERALS = {
    ESCAPE: f"{ESCAPE!r} is the escape character, which literals cannot hold",
    "{": _WHOLE,
    "}": _WHOLE,
}


class EscapeError(ValueError):
    """A ``~`` in a custom_id segment that is not ``~0`` or ``~1``."""

    def __init__(self, found: str) -> None:
        super().__init__(f"expected '~0' or '~1', got {found!r}")
        self.found = found


def escape(text: str) -> str:
    """Write ``text`` so that it holds no separator and no bare escape character."""
    # The escape character first, or the "~" of each "~1" would be escaped again.
    return text.replace(ESCAPE, "~0").replace(SEPARATOR, "~1")


def unescape(segment: str) -> str:
    """Undo :func:`escape`; raise :class:`EscapeError` on a malformed escape."""
    if ESCAPE not in segment:
        return segment

    return _ESCAPED.sub(_unescape_one, segment)


def _unescape_one(found: re.Match[str]) -> str:
    code = found[1]
    if code not in _UNESCAPED:
        raise EscapeError(found[0])

    return _UNESCAPED[code]


@dataclass(frozen=True, slots=True)
class Template:
    """A parsed route template: where its literals and its parameters sit."""

    text: str
    #: (position, literal) for each literal segment, in order; position 0 is the head.
    literals: tuple[tuple[int, str], ...]
    #: (position, name) for each parameter segment, in order.
    params: tuple[tuple[int, str], ...]
    arity: int

    @property
    def head(self) -> str:
        return self.literals[0][1]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for _, name in self.params)

    @property
    def bucket(self) -> tuple[str, int]:
        """The first key: a custom_id's first segment and segment count."""
        return (self.head, self.arity)

    @property
    def literal_positions(self) -> tuple[int, ...]:
        return tuple(position for position, _ in self.literals)

    @property
    def literal_key(self) -> tuple[str, ...]:
        """The second key: the literals, read at :attr:`literal_positions`."""
        return tuple(literal for _, literal in self.literals)

    def fits(self, segments: list[str]) -> bool:
        """Whether a split custom_id has this template's length and literals."""
        if len(segments) != self.arity:
            return False

        return all(segments[position] == text for position, text in self.literals)


def parse_template(text: str) -> Template:
    """Parse a route template, or raise DeclarationError naming the rule broken."""
    literals: list[tuple[int, str]] = []
    params: list[tuple[int, str]] = []
    for position, segment in enumerate(text.split(SEPARATOR)):
        name = _param_name(text, segment)
        if name is None:
            _check_literal(text, position, segment)
            literals.append((position, segment))
        else:
            _check_name(text, name, params)
            params.append((position, name))

    if not literals or literals[0][0] != 0:
        raise DeclarationError(
            f"route template {text!r} must begin with a literal segment, as in "
            "'vote/{choice}', so that the route table finds it without a scan"
        )
    _check_length(text, literals)

    arity = len(literals) + len(params)
    return Template(text, tuple(literals), tuple(params), arity)


def _param_name(text: str, segment: str) -> str | None:
    if not (segment.startswith("{") and segment.endswith("}")):
        return None

    name = segment[1:-1]
    if not name.isidentifier() or keyword.iskeyword(name):
        raise DeclarationError(
            f"route template {text!r} has an invalid parameter {segment!r}: a "
            "parameter is {name}, where name is a Python identifier"
        )

    return name


def _check_literal(text: str, position: int, segment: str) -> None:
    if not segment:
        raise DeclarationError(
            f"route template {text!r} has an empty segment at position {position}; "
            "write a literal or a {parameter} between each pair of '/'"
        )

    for char, reason in _RESERVED_IN_LITERALS.items():
        if char in segment:
            raise DeclarationError(
                f"route template {text!r} has {char!r} in literal segment "
                f"{segment!r}; {reason}"
            )


def _check_name(text: str, name: str, params: list[tuple[int, str]]) -> None:
    if any(name == seen for _, seen in params):
        raise DeclarationError(
            f"route template {text!r} names parameter {name!r} twice"
        )


def _check_length(text: str, literals: list[tuple[int, str]]) -> None:
    # Every custom_id of the template holds all its literals and separators.
    separators = len(text.split(SEPARATOR)) - 1
    least = sum(len(literal) for _, literal in literals) + separators
    if least > MAX_LENGTH:
        raise DeclarationError(
            f"route template {text!r} builds custom_ids of at least {least} "
            f"characters, over Discord's limit of {MAX_LENGTH}; shorten its literals"
        )
