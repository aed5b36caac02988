"""``benchmarks/run.py --docs-only`` rebuilds the docs page from saved results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks import run

ENV = {
    "quick": False,
    "date": "2026-12-04T00:00:00+00:00",
    "python": "3.11.7",
    "implementation": "CPython",
    "platform": "Linux",
    "machine": "x86_64",
    "cpus": 2,
    "load_average": [0.5, 0.5, 0.5],
    "ikit": "0.1.0.dev0",
    "msgspec": "0.23.0",
}

RESULT = {
    "name": "decode a slash command",
    "baseline_label": "json.loads",
    "candidate_label": "ikit.models.decode_interaction",
    "baseline_ns": 15000.0,
    "candidate_ns": 9000.0,
    "ratio": 0.6,
    "rounds": 31,
    "number": 100,
}

COLD = {
    "benchmark": "cold_start",
    "rows": [
        {"what": "ikit: first answer", "kind": "ikit", "median_ms": 60.0, "runs": 7},
        {"what": "deps", "kind": "floor", "median_ms": 40.0, "runs": 7},
        {"what": "hikari: import", "kind": "peer", "median_ms": 400.0, "runs": 7},
        {"what": "discord.http: import", "kind": "peer", "median_ms": 250.0, "runs": 7},
    ],
}


def test_the_page_is_written_from_the_results_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = tmp_path / "results"
    results.mkdir()
    document = {"module": "bench_decode", **ENV, "results": [RESULT]}
    (results / "bench_decode.json").write_text(json.dumps(document))
    (results / "cold_start.json").write_text(json.dumps(COLD))
    page = tmp_path / "benchmarks.md"
    monkeypatch.setattr(run, "DOCS_PAGE", page)

    assert run.main(["--docs-only", "--results", str(results)]) == 0

    text = page.read_text()
    assert "| decode a slash command (`bench_decode`) | json.loads |" in text
    assert "60 ms vs 250 ms: 0.24 (ikit's dependencies alone: 0.16) | yes |" in text
    assert "Python 3.11.7 on Linux (2 CPUs, load average 0.5)" in text


def test_no_results_is_an_error_that_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="run the suite first"):
        run.main(["--docs-only", "--results", str(tmp_path)])
