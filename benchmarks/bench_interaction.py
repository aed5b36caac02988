"""ikit's own cost per interaction: decode, dispatch, encode; no signature, no HTTP.

For the ``/poll create`` slash command (2 KB) and the ``vote/42/yes`` click on a
3 KB Components V2 message, ikit's ``decode_interaction``, ``app.dispatch`` and
``encode`` (the candidate) against the hand-written lower bound of
``benchmarks.subjects``: msgspec decoding into minimal structs, a branch, msgspec
encoding (the baseline). Both give the same answer, byte for byte in meaning.

The handlers never wait, so ``app.dispatch``'s coroutine completes at its first
step: it is driven by hand, with no event loop, and what is timed is ikit alone.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from functools import partial
from typing import Any

from benchmarks.harness import Benchmark
from benchmarks.payloads import body, component_click, slash_command
from benchmarks.subjects import ikit_app, lower_bound_answer
from ikit import models
from ikit.app import App
from ikit.server.verify import generate_keypair

__all__ = ["benchmarks", "ikit_answer"]


def _completed(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """The result of a coroutine that finishes without waiting."""
    try:
        coroutine.send(None)
    except StopIteration as done:
        return done.value
    coroutine.close()
    raise RuntimeError("the handler waited; this benchmark times handlers that don't")


def ikit_answer(app: App, payload: bytes) -> bytes:
    """Decode ``payload``, dispatch it, encode the answer."""
    interaction = models.decode_interaction(payload)
    return models.encode(_completed(app.dispatch(interaction)))


def _same_answer(candidate: Callable[[], bytes], baseline: Callable[[], bytes]) -> None:
    if json.loads(candidate()) != json.loads(baseline()):
        raise AssertionError(f"ikit answered {candidate()!r}, not {baseline()!r}")


def benchmarks() -> list[Benchmark]:
    app = ikit_app(generate_keypair().public_key)
    cases = [
        ("a slash command", body(slash_command())),
        ("a button click on a V2 message", body(component_click())),
    ]
    found = []
    for what, payload in cases:
        candidate = partial(ikit_answer, app, payload)
        baseline = partial(lower_bound_answer, payload)
        found.append(
            Benchmark(
                name=f"decode, dispatch, encode {what} ({len(payload):,} bytes)",
                baseline=baseline,
                candidate=candidate,
                baseline_label="hand-written msgspec lower bound",
                candidate_label="ikit decode + app.dispatch + encode",
                check=partial(_same_answer, candidate, baseline),
            )
        )
    return found
