"""benchmarks/bench_ui.py compares like with like: both sides build the same JSON."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_ui.py"


def test_the_benchmark_sides_build_the_same_message() -> None:
    spec = importlib.util.spec_from_file_location("bench_ui", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    module.check()
    assert isinstance(module.NAME, str)
    assert module.baseline() != b""
    [benchmark] = module.benchmarks()
    assert (benchmark.baseline_label, benchmark.candidate_label) == (
        "dicts + json.dumps",
        "ikit.ui build, check and encode",
    )
