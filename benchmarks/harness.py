"""Timing a candidate against its baseline, in the same process and the same rounds.

A round times ``number`` calls of the baseline and ``number`` calls of the candidate,
back to back, with the garbage collector paused; the order alternates from one round
to the next, so neither side always runs on a warmer cache. A result keeps the median
time per call of each side and the median of the per-round ratios candidate /
baseline: comparing the two sides round by round makes the ratio robust to the
machine getting busier or quieter during the run.
"""

from __future__ import annotations

import gc
import itertools
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Benchmark", "Result", "calibrate", "measure"]


@dataclass(frozen=True)
class Benchmark:
    """One comparison: ``candidate`` (ikit) against ``baseline`` (the reference)."""

    name: str
    baseline: Callable[[], object]
    candidate: Callable[[], object]
    baseline_label: str = "baseline"
    candidate_label: str = "candidate"
    check: Callable[[], None] | None = None
    """Raises unless both sides do the same work (run once, before timing)."""


@dataclass(frozen=True)
class Result:
    name: str
    baseline_label: str
    candidate_label: str
    baseline_ns: float
    """The median time of one baseline call, in nanoseconds."""
    candidate_ns: float
    ratio: float
    """The median over the rounds of candidate time / baseline time."""
    rounds: int
    number: int


def _time(function: Callable[[], object], number: int) -> int:
    calls = itertools.repeat(None, number)
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter_ns()
        for _ in calls:
            function()
        return time.perf_counter_ns() - start
    finally:
        if enabled:
            gc.enable()


def calibrate(benchmark: Benchmark, round_seconds: float) -> int:
    """The number of calls per side that makes a round last about ``round_seconds``."""
    number = 1
    while number < 10_000_000:
        slower = max(
            _time(benchmark.baseline, number), _time(benchmark.candidate, number)
        )
        if slower >= round_seconds * 1e9 / 2:
            break
        number *= 2
    return number


def measure(benchmark: Benchmark, *, rounds: int, number: int) -> Result:
    """Time ``rounds`` alternating rounds of ``number`` calls per side."""
    if benchmark.check is not None:
        benchmark.check()
    base: list[float] = []
    cand: list[float] = []
    for round_ in range(rounds):
        if round_ % 2 == 0:
            base.append(_time(benchmark.baseline, number) / number)
            cand.append(_time(benchmark.candidate, number) / number)
        else:
            cand.append(_time(benchmark.candidate, number) / number)
            base.append(_time(benchmark.baseline, number) / number)
    return Result(
        name=benchmark.name,
        baseline_label=benchmark.baseline_label,
        candidate_label=benchmark.candidate_label,
        baseline_ns=statistics.median(base),
        candidate_ns=statistics.median(cand),
        ratio=statistics.median(c / b for c, b in zip(cand, base, strict=True)),
        rounds=rounds,
        number=number,
    )
