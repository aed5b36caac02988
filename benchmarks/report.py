"""The parts of docs/benchmarks.md that ``run.py --write-docs`` composes from every
result: the targets of issue 8 against what was measured, and the tables of the
suites that run in processes of their own (HTTP, cold start, memory)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from benchmarks.harness import Result

__all__ = ["TUNING_PAGE", "suites_section", "targets_section", "tuning_section"]

#: What bought speed, each change with its measured effect: kept in Markdown beside
#: this file, since its table rows are wider than code lines may be.
TUNING_PAGE = Path(__file__).resolve().parent / "tuning.md"


def tuning_section() -> str:
    return TUNING_PAGE.read_text(encoding="utf-8") + "\n"


def targets_section(results: dict[str, list[Result]], suites: dict[str, Any]) -> str:
    rows = [
        *_http_targets(suites.get("http")),
        _interaction_target(results.get("bench_interaction", [])),
        _routes_target(results.get("bench_dispatch", [])),
        _cold_start_target(suites.get("cold_start")),
        _memory_target(suites.get("memory")),
    ]
    lines = ["## Targets\n", "| target | measured | met |", "| --- | --- | --- |"]
    lines += [f"| {target} | {measured} | {met} |" for target, measured, met in rows]
    return "\n".join(lines) + "\n\n"


def _verdict(met: bool | None) -> str:
    return "not measured" if met is None else ("yes" if met else "**no**")


def _http_targets(http: dict[str, Any] | None) -> list[tuple[str, str, str]]:
    summary = http["summary"] if http else []
    found = []
    for server in ("hypercorn", "granian"):
        ratios = _ratios(summary, f"ikit on {server}", "vs_lower_bound", EVERY_CASE)
        found.append(
            (
                f"on {server}, ikit >= 0.9x the lower bound (req/s, 32 connections)",
                _listed(ratios),
                _verdict(min(ratios.values()) >= 0.9 if ratios else None),
            )
        )
    ratios = _ratios(summary, "ikit on granian", "vs_hikari", ("command", "button"))
    found.append(
        (
            "on granian, ikit >= 1.5x hikari's RESTBot (commands, clicks)",
            _listed(ratios),
            _verdict(min(ratios.values()) >= 1.5 if ratios else None),
        )
    )
    return found


EVERY_CASE = ("ping", "command", "button")


def _ratios(
    summary: list[dict[str, Any]], target: str, key: str, cases: Iterable[str]
) -> dict[str, float]:
    return {
        row["case"]: row[key]
        for row in summary
        if row["target"] == target
        and row["connections"] == 32
        and row["case"] in cases
        and key in row
    }


def _listed(ratios: dict[str, float]) -> str:
    return ", ".join(f"{case} {ratio:.2f}x" for case, ratio in ratios.items()) or "-"


def _interaction_target(results: list[Result]) -> tuple[str, str, str]:
    found = [r for r in results if "button click" in r.name]
    target = "ikit's own cost for a click on a 3 KB message <= 20 µs (median)"
    if not found:
        return target, "-", _verdict(None)
    micros = found[0].candidate_ns / 1000
    return target, f"{micros:.1f} µs", _verdict(micros <= 20)


def _routes_target(results: list[Result]) -> tuple[str, str, str]:
    found = [r for r in results if "10,000 routes" in r.name]
    target = "dispatch among 10,000 routes <= 1.2x among 10"
    if not found:
        return target, "-", _verdict(None)
    return target, f"{found[0].ratio:.2f}x", _verdict(found[0].ratio <= 1.2)


def _cold_start_target(cold: dict[str, Any] | None) -> tuple[str, str, str]:
    target = "cold start to a first answer <= 1/4 of the fastest peer's import"
    rows = cold["rows"] if cold else []
    ikit = [r["median_ms"] for r in rows if r["kind"] == "ikit"]
    peers = [r["median_ms"] for r in rows if r["kind"] == "peer"]
    if not (ikit and peers):
        return target, "-", _verdict(None)
    share = ikit[0] / min(peers)
    measured = f"{ikit[0]:.0f} ms vs {min(peers):.0f} ms: {share:.2f}"
    floor = [r["median_ms"] for r in rows if r["kind"] == "floor"]
    if floor:
        measured += f" (ikit's dependencies alone: {floor[0] / min(peers):.2f})"
    return target, measured, _verdict(share <= 0.25)


def _memory_target(memory: dict[str, Any] | None) -> tuple[str, str, str]:
    target = "RSS after 100,000 interactions within 5% of after 1,000"
    rows = memory["rows"] if memory else []
    if not rows:
        return target, "-", _verdict(None)
    growth = max(row["growth"] for row in rows)
    return target, f"{growth:+.1%} at most", _verdict(abs(growth) <= 0.05)


def suites_section(suites: dict[str, Any]) -> str:
    parts = []
    if "http" in suites:
        parts.append(_http_section(suites["http"]))
    if "cold_start" in suites:
        parts.append("## Cold start\n\n" + _cold_table(suites["cold_start"]["rows"]))
    if "memory" in suites:
        parts.append("## Memory\n\n" + _memory_table(suites["memory"]["rows"]))
    if "instructions" in suites:
        parts.append(_instructions_section(suites["instructions"]))
    return "\n" + "\n".join(parts)


def _instructions_section(counted: dict[str, Any]) -> str:
    lines = [
        "## Instructions per interaction\n",
        "Counted by callgrind (`benchmarks/instructions.py`): each app answers "
        f"{counted['count']:,} signed requests through its ASGI entry point, "
        "in-process, signature check included, server left out. Unlike the timings "
        "above, these counts repeat exactly from run to run (a fixed signing key, "
        "timestamp and hash seed).\n",
        "| request | ikit | lower bound | lower bound / ikit |",
        "| --- | ---: | ---: | ---: |",
    ]
    for row in counted["rows"]:
        spent = row["instructions"]
        lines.append(
            f"| {row['request']} | {spent['ikit']:,} | {spent['lower_bound']:,} "
            f"| {row['lower_bound_over_ikit']:.2f}x |"
        )
    return "\n".join(lines) + "\n"


def _http_section(http: dict[str, Any]) -> str:
    versions = ", ".join(f"{k} {v}" for k, v in http["versions"].items())
    rows = [
        "| connections | request | app on server | req/s | p50 | p99 "
        "| vs bare | vs lower bound | vs hikari |",
        "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    rows += [
        f"| {row['connections']} | {row['case']} | {row['target']} "
        f"| {row['requests_per_second']:,.0f} | {row['p50_us'] / 1000:.2f} ms "
        f"| {row['p99_us'] / 1000:.2f} ms | {_x(row, 'vs_bare')} "
        f"| {_x(row, 'vs_lower_bound')} | {_x(row, 'vs_hikari')} |"
        for row in http["summary"]
    ]
    return (
        "## Over HTTP\n\n"
        f"{http['wrk']}, {http['pinning']}; {http['rounds']} rounds of "
        f"{http['seconds_per_run']} s per app, request and connection count; "
        f"medians over the rounds, ratios taken per round. {versions}. "
        f"{http['configuration']}.\n\n" + "\n".join(rows) + "\n"
    )


def _x(row: dict[str, Any], key: str) -> str:
    return f"{row[key]:.2f}x" if key in row else ""


def _cold_table(rows: list[dict[str, Any]]) -> str:
    lines = ["| fresh process | median |", "| --- | ---: |"]
    lines += [f"| {row['what']} | {row['median_ms']:.0f} ms |" for row in rows]
    return "\n".join(lines) + "\n"


def _memory_table(rows: list[dict[str, Any]]) -> str:
    counts = list(rows[0]["rss_kib"])
    head = " | ".join(f"RSS after {int(count):,}" for count in counts)
    lines = [
        f"| interaction | {head} | growth |",
        "| --- |" + " ---: |" * (len(counts) + 1),
    ]
    for row in rows:
        cells = " | ".join(f"{kib / 1024:.1f} MiB" for kib in row["rss_kib"].values())
        lines.append(f"| {row['interaction']} | {cells} | {row['growth']:+.1%} |")
    return "\n".join(lines) + "\n"
