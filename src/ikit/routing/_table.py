"""RouteTable: find the route of a custom_id in constant time.

The two keys are described atop ``_template.py``. This module keeps the rule that
makes them enough: within one bucket (same head, same segment count) every template
has its literals at the same positions, and no two have the same literals.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ikit.errors import DeclarationError
from ikit.routing._route import Route
from ikit.routing._template import SEPARATOR, Template, parse_template

__all__ = ["Match", "RouteTable"]

logger = logging.getLogger("ikit.router")

H = TypeVar("H")


@dataclass(frozen=True, slots=True)
class Match(Generic[H]):
    """A custom_id's route, the handler added with it, and the converted values."""

    route: Route
    handler: H
    params: dict[str, object]


@dataclass(slots=True)
class _Bucket(Generic[H]):
    # Where the literals sit, the same for every template in the bucket.
    positions: tuple[int, ...]
    entries: dict[tuple[str, ...], tuple[Route, H]] = field(default_factory=dict)


class RouteTable(Generic[H]):
    """Routes and their handlers, found from a custom_id without a scan.

    ``H`` is whatever the caller keeps beside each route (the App keeps its handler
    objects). :meth:`match` costs the same for one route or ten thousand.
    """

    __slots__ = ("_buckets", "_count")

    def __init__(self) -> None:
        self._buckets: dict[tuple[str, int], _Bucket[H]] = {}
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Route]:
        """The routes, in the order they were added."""
        for bucket in self._buckets.values():
            for route, _ in bucket.entries.values():
                yield route

    def add(self, route: Route, handler: H) -> None:
        """Add ``route`` with its handler.

        Raise :class:`~ikit.errors.DeclarationError`, naming both templates, when
        the route conflicts with one added before.
        """
        template = parse_template(route.template)
        bucket = self._buckets.setdefault(
            template.bucket, _Bucket[H](template.literal_positions)
        )
        _check_conflict(template, bucket)

        bucket.entries[template.literal_key] = (route, handler)
        self._count += 1
        logger.debug("added route %r", route.template)

    def match(self, custom_id: str) -> Match[H] | None:
        """The route of ``custom_id`` with its handler and values, or None.

        Raise :class:`~ikit.errors.CustomIdError` when a route claims the custom_id
        but a value does not convert (see :meth:`Route.parse`).
        """
        segments = custom_id.split(SEPARATOR)
        bucket = self._buckets.get((segments[0], len(segments)))
        entry = None
        if bucket is not None:
            positions = bucket.positions
            if len(positions) == 1:  # most templates: the head, then values only
                key: tuple[str, ...] = (segments[positions[0]],)
            else:
                key = tuple([segments[i] for i in positions])
            entry = bucket.entries.get(key)

        if entry is None:
            logger.debug("no route matches custom_id %r", custom_id)
            return None

        # The bucket's keys are the route's first literal, length and other
        # literals, so the custom_id fits it: only the values remain to convert.
        route, handler = entry
        return Match(route, handler, route.values(custom_id, segments))


def _check_conflict(template: Template, bucket: _Bucket[H]) -> None:
    if not bucket.entries:
        return

    if bucket.positions != template.literal_positions:
        other, _ = next(iter(bucket.entries.values()))
        raise DeclarationError(
            f"route {template.text!r} conflicts with route {other.template!r}, "
            f"added before: templates that begin with {template.head!r} and have "
            f"{template.arity} segments must keep their literal segments in the same "
            "places, so that the table finds them without a scan; change the first "
            "segment of one of them"
        )

    entry = bucket.entries.get(template.literal_key)
    if entry is not None:
        raise DeclarationError(
            f"route {template.text!r} conflicts with route {entry[0].template!r}, "
            "added before: both match the same custom_ids; change a literal segment "
            "of one of them"
        )
