"""Building and encoding a 40-component Components V2 message with ikit.ui, against
assembling the same JSON from plain dicts with ``json.dumps``.

The candidate does more than the baseline: ``ui.Message`` checks every Discord rule
over the tree before ``encode`` runs. The ratio says what that safety costs.
``check`` proves both sides build the same JSON; ``python3 benchmarks/run.py
bench_ui`` times them.
"""

from __future__ import annotations

import json

from benchmarks.harness import Benchmark
from ikit import models, ui

__all__ = ["NAME", "baseline", "benchmarks", "candidate", "check"]

NAME = "ui: build and encode a 40-component V2 message (vs dicts + json.dumps)"

SETTINGS = [("Notifications", True), ("Digest", False), ("Beta", True), ("DMs", False)]
ROWS = 3
BUTTONS = 5
LINES = 6


def _section(name: str, on: bool) -> models.Section:
    return ui.Section(
        f"**{name}**: {'on' if on else 'off'}",
        accessory=ui.Button(
            "Turn off" if on else "Turn on",
            custom_id=f"settings/{name.lower()}",
            style="danger" if on else "success",
        ),
    )


def _row(row: int) -> models.ActionRow:
    return ui.ActionRow(
        ui.Button(f"{row}.{n}", custom_id=f"pick/{row}/{n}") for n in range(BUTTONS)
    )


def candidate() -> bytes:
    """The message built with ikit.ui (checked) and encoded by msgspec."""
    message = ui.Message(
        ui.Container(
            "## Settings",
            ui.Separator(),
            [_section(name, on) for name, on in SETTINGS],
            [_row(row) for row in range(ROWS)],
            ui.MediaGallery("https://example.com/banner.png"),
            [f"Line {n}" for n in range(LINES)],
            accent_color=0x5865F2,
        )
    )
    return models.encode(message)


def _dict_text(content: str) -> dict[str, object]:
    return {"type": 10, "content": content}


def _dict_section(name: str, on: bool) -> dict[str, object]:
    button = {
        "type": 2,
        "style": 4 if on else 3,
        "label": "Turn off" if on else "Turn on",
        "custom_id": f"settings/{name.lower()}",
    }
    text = _dict_text(f"**{name}**: {'on' if on else 'off'}")
    return {"type": 9, "components": [text], "accessory": button}


def _dict_row(row: int) -> dict[str, object]:
    buttons = [
        {"type": 2, "style": 2, "label": f"{row}.{n}", "custom_id": f"pick/{row}/{n}"}
        for n in range(BUTTONS)
    ]
    return {"type": 1, "components": buttons}


def baseline() -> bytes:
    """The same JSON from plain dicts (no checks), encoded by the standard library."""
    children: list[dict[str, object]] = [_dict_text("## Settings"), {"type": 14}]
    children += [_dict_section(name, on) for name, on in SETTINGS]
    children += [_dict_row(row) for row in range(ROWS)]
    gallery = {"media": {"url": "https://example.com/banner.png"}}
    children.append({"type": 12, "items": [gallery]})
    children += [_dict_text(f"Line {n}") for n in range(LINES)]
    container = {"type": 17, "components": children, "accent_color": 0x5865F2}
    body = {"flags": 1 << 15, "components": [container]}
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()


def _count(node: object) -> int:
    if isinstance(node, list):
        return sum(_count(item) for item in node)

    if not isinstance(node, dict) or "type" not in node:
        return 0

    inner = [node.get("components"), node.get("accessory")]
    return 1 + sum(_count(item) for item in inner if item is not None)


def check() -> None:
    """Both sides build the same JSON, with exactly 40 components."""
    built, expected = json.loads(candidate()), json.loads(baseline())
    if built != expected:
        raise AssertionError("bench_ui: the candidate and the baseline differ")

    if _count(built["components"]) != 40:
        raise AssertionError("bench_ui: the message must hold 40 components")


def benchmarks() -> list[Benchmark]:
    return [
        Benchmark(
            name=NAME,
            baseline=baseline,
            candidate=candidate,
            baseline_label="dicts + json.dumps",
            candidate_label="ikit.ui build, check and encode",
            check=check,
        )
    ]
