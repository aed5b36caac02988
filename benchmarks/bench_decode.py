"""Decoding an interaction into typed models, against ``json.loads`` of the same bytes.

``json.loads`` only builds dicts and lists; ``decode_interaction`` also checks every
field's type, turns ids into snowflakes, permission strings into permission sets,
timestamps into datetimes and numbers into enums, and picks the struct of each
tagged union. Typed decoding should still not be slower.
"""

from __future__ import annotations

import json
from functools import partial

from benchmarks.harness import Benchmark
from benchmarks.payloads import body, component_click, slash_command
from ikit import models

__all__ = ["benchmarks"]

SLASH_COMMAND = body(slash_command())
COMPONENT_CLICK = body(component_click())


def _same_content(payload: bytes, expected: type) -> None:
    interaction = models.decode_interaction(payload)
    if not isinstance(interaction, expected):
        raise AssertionError(f"decoded {type(interaction).__name__}, not {expected}")
    if json.loads(models.encode(interaction))["id"] != json.loads(payload)["id"]:
        raise AssertionError("the decoded interaction lost its id")


def benchmarks() -> list[Benchmark]:
    cases = [
        ("a slash command", SLASH_COMMAND, models.ApplicationCommandInteraction),
        ("a V2 component click", COMPONENT_CLICK, models.MessageComponentInteraction),
    ]
    return [
        Benchmark(
            name=f"decode {what} ({len(payload):,} bytes)",
            baseline=partial(json.loads, payload),
            candidate=partial(models.decode_interaction, payload),
            baseline_label="json.loads",
            candidate_label="ikit.models.decode_interaction",
            check=partial(_same_content, payload, expected),
        )
        for what, payload, expected in cases
    ]
