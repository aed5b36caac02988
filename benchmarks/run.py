"""Run every benchmark of ikit: ``python3 benchmarks/run.py [--quick] [--write-docs]``.

In-process benchmark modules are the ``bench_*.py`` files beside this one; after
them come the suites that need processes of their own (``SUITES``): cold start,
memory, the HTTP benchmark (``benchmarks/http/suite.py``: wrk, hypercorn, granian,
the peers) and instruction counts under callgrind (``benchmarks/instructions.py``).
In quick mode the suites run a tiny version of themselves; the HTTP one and the
instruction counts do not run. A module exposes
either ``benchmarks() -> list[Benchmark]`` (see ``benchmarks/harness.py``), or a
single comparison as module attributes: ``baseline`` and ``candidate`` (callables
taking nothing), with optional ``NAME`` and ``check``.

Each module's results go to ``benchmarks/results/<module>.json``; a Markdown table of
all of them goes to stdout, and with ``--write-docs`` to ``docs/benchmarks.md``.
``--quick`` runs a few calls of each side, to prove in CI that every benchmark still
runs; its numbers mean nothing, so it writes its JSON to a temporary folder instead.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import json
import os
import platform
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if __name__ == "__main__":  # run as a script: make `benchmarks` and `ikit` importable
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from benchmarks import report  # noqa: E402
from benchmarks.harness import Benchmark, Result, calibrate, measure  # noqa: E402

RESULTS = HERE / "results"
DOCS_PAGE = ROOT / "docs" / "benchmarks.md"
FULL_ROUNDS = 31
ROUND_SECONDS = 0.05
QUICK_ROUNDS = 2
QUICK_NUMBER = 3

#: The suites that run in processes of their own: their script, and its arguments
#: in a full run and in a quick one (None: not in quick mode).
SUITES: dict[str, tuple[Path, list[str], list[str] | None]] = {
    "cold_start": (HERE / "cold_start.py", ["--runs", "7"], ["--runs", "1"]),
    "memory": (
        HERE / "memory.py",
        ["--counts", "1000", "100000"],
        ["--counts", "10", "100"],
    ),
    "http": (HERE / "http" / "suite.py", ["--rounds", "5", "--seconds", "3"], None),
    "instructions": (HERE / "instructions.py", ["--count", "1000"], None),
}


def discover(only: list[str] | None = None) -> dict[str, list[Benchmark]]:
    """The benchmarks of every ``bench_*`` module (or of those named in ``only``)."""
    found: dict[str, list[Benchmark]] = {}
    for path in sorted(HERE.glob("bench_*.py")):
        if only and path.stem not in only:
            continue
        module = importlib.import_module(f"benchmarks.{path.stem}")
        found[path.stem] = benchmarks_of(module)
    return found


def benchmarks_of(module: ModuleType) -> list[Benchmark]:
    """A module's benchmarks, from either form it may take."""
    if hasattr(module, "benchmarks"):
        return list(module.benchmarks())
    if hasattr(module, "baseline") and hasattr(module, "candidate"):
        name = module.__name__.rsplit(".", 1)[-1]
        return [
            Benchmark(
                name=getattr(module, "NAME", name),
                baseline=module.baseline,
                candidate=module.candidate,
                check=getattr(module, "check", None),
            )
        ]
    raise SystemExit(
        f"{module.__name__} defines neither benchmarks() nor baseline and candidate"
    )


def run_suite(name: str, folder: Path, *, quick: bool) -> dict[str, Any] | None:
    """Run one suite in its own process; its results, or None if it did not run."""
    script, full, quick_args = SUITES[name]
    if quick and quick_args is None:
        print(f"{name}: not run in quick mode", file=sys.stderr)
        return None
    out = folder / f"{name}.json"
    out.unlink(missing_ok=True)
    print(f"{name}:", file=sys.stderr)
    arguments = full if not quick or quick_args is None else quick_args
    command = [sys.executable, str(script), *arguments]
    subprocess.run([*command, "--out", str(out)], check=True, timeout=3600)
    if not out.exists():  # the suite skipped itself, and said why
        return None
    print(f"  -> {out}", file=sys.stderr)
    document: dict[str, Any] = json.loads(out.read_text())
    return document


def run(benchmarks: list[Benchmark], *, quick: bool) -> list[Result]:
    results = []
    for benchmark in benchmarks:
        if quick:
            result = measure(benchmark, rounds=QUICK_ROUNDS, number=QUICK_NUMBER)
        else:
            number = calibrate(benchmark, ROUND_SECONDS)
            result = measure(benchmark, rounds=FULL_ROUNDS, number=number)
        results.append(result)
        print(f"  {result.name}: {result.ratio:.2f}x", file=sys.stderr)
    return results


def environment(*, quick: bool) -> dict[str, Any]:
    """Where and when the numbers were taken (they mean little without it)."""
    import msgspec

    import ikit

    return {
        "quick": quick,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "ikit": ikit.__version__,
        "msgspec": msgspec.__version__,
    }


def write_json(
    folder: Path, module: str, env: dict[str, Any], results: list[Result]
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{module}.json"
    partial = target.with_name(target.name + ".tmp")
    document = {"module": module, **env, "results": [asdict(r) for r in results]}
    partial.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    partial.replace(target)  # a reader never sees a half-written file
    return target


def table(results: dict[str, list[Result]]) -> str:
    """The Markdown table of every result."""
    lines = [
        "| benchmark | baseline | candidate | baseline, median | candidate, median "
        "| candidate / baseline |",
        "| --- | --- | --- | ---: | ---: | ---: |",
    ]
    for module, module_results in results.items():
        lines += [
            f"| {r.name} (`{module}`) | {r.baseline_label} | {r.candidate_label} "
            f"| {_duration(r.baseline_ns)} | {_duration(r.candidate_ns)} "
            f"| **{r.ratio:.2f}** |"
            for r in module_results
        ]
    return "\n".join(lines) + "\n"


def _duration(ns: float) -> str:
    if ns >= 1_000_000:
        return f"{ns / 1_000_000:,.2f} ms"
    if ns >= 1_000:
        return f"{ns / 1_000:,.2f} µs"
    return f"{ns:,.0f} ns"


DOCS_INTRO = """# Benchmarks

```python
from benchmarks.bench_decode import benchmarks
from benchmarks.harness import measure

for benchmark in benchmarks():
    result = measure(benchmark, rounds=3, number=20)
    print(f"{result.name}: {result.ratio:.2f}x {result.baseline_label}")
```

Each in-process benchmark times ikit (the candidate) against a reference doing the
same job (the baseline), in the same process, in alternating rounds; the ratio is
the median over the rounds of candidate time / baseline time, so below 1 means ikit
is faster. The HTTP benchmark serves each app in a process of its own and drives it
with wrk; cold start and memory take fresh processes too.

Every number on this page comes from one command, run from the repository's root
after `pip install -e '.[dev,bench]'`:

```sh
python3 benchmarks/run.py --write-docs
```

`benchmarks/README.md` says what each part measures and how to add a benchmark; the
raw numbers are the JSON files in `benchmarks/results/`.

"""


def write_docs(
    results: dict[str, list[Result]], suites: dict[str, Any], env: dict[str, Any]
) -> None:
    where = (
        f"Python {env['python']} on {env['platform']} ({env['cpus']} CPUs, load "
        f"average {env['load_average'][0]}), msgspec {env['msgspec']}, "
        f"{env['date']}."
    )
    DOCS_PAGE.write_text(
        DOCS_INTRO
        + report.targets_section(results, suites)
        + report.tuning_section()
        + "## In process\n\n"
        + table(results)
        + "\n"
        + where
        + "\n"
        + report.suites_section(suites)
    )


def from_results(
    folder: Path,
) -> tuple[dict[str, list[Result]], dict[str, Any], dict[str, Any]]:
    """The results, suites and environment that a full run left in ``folder``.

    The environment is that of the in-process modules' run (every module's JSON
    carries it).
    """
    results: dict[str, list[Result]] = {}
    env: dict[str, Any] = {}
    for path in sorted(folder.glob("bench_*.json")):
        document = json.loads(path.read_text())
        results[path.stem] = [Result(**r) for r in document.pop("results")]
        document.pop("module")
        env = document
    suites = {
        name: json.loads((folder / f"{name}.json").read_text())
        for name in SUITES
        if (folder / f"{name}.json").exists()
    }
    if not results:
        raise SystemExit(f"no bench_*.json in {folder}: run the suite first")
    return results, suites, env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="a few calls each, to prove it runs"
    )
    parser.add_argument(
        "--write-docs",
        action="store_true",
        help="also write docs/benchmarks.md",
    )
    parser.add_argument(
        "--docs-only",
        action="store_true",
        help="run nothing: write the docs page from the JSON results already there "
        "(after editing benchmarks/tuning.md, or re-running one suite)",
    )
    parser.add_argument("--results", type=Path, help="where to write the JSON results")
    parser.add_argument(
        "only", nargs="*", help="module names (bench_decode, ...); default: all"
    )
    args = parser.parse_args(argv)
    if args.quick and args.write_docs:
        parser.error("--write-docs needs a full run: quick numbers mean nothing")

    if args.docs_only:
        write_docs(*from_results(args.results or RESULTS))
        return 0

    folder = args.results or (Path(tempfile.mkdtemp()) if args.quick else RESULTS)
    env = environment(quick=args.quick)
    results: dict[str, list[Result]] = {}
    for module, benchmarks in discover(args.only).items():
        print(f"{module}:", file=sys.stderr)
        results[module] = run(benchmarks, quick=args.quick)
        print(
            f"  -> {write_json(folder, module, env, results[module])}", file=sys.stderr
        )

    suites: dict[str, Any] = {}
    for name in SUITES:
        if not args.only or name in args.only:
            document = run_suite(name, folder, quick=args.quick)
            if document is not None:
                suites[name] = document

    print(table(results), end="")
    if args.write_docs:
        write_docs(results, suites, env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
