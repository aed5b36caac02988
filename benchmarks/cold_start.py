"""Cold start: a fresh process importing ikit, building an App with a few commands and
answering its first interaction, against a fresh process importing each installed
peer (hikari, discord.http).

    python3 benchmarks/cold_start.py [--runs 7]

Each measurement is a new interpreter; the time is taken inside it, from before the
first import to the answer (or to the end of the peer's import), so the
interpreter's own start-up, the same for all, is left out. The median over the runs
is reported. Two more rows split ikit's time: ``import ikit`` alone, and importing
only the dependencies ikit cannot start without (the event loop, anyio, msgspec,
pynacl), the floor under any cold start of ikit's.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: Run in a fresh interpreter: import ikit, declare, answer one signed command.
IKIT = """
import time
started = time.perf_counter()
import anyio
import ikit
from ikit.server.verify import generate_keypair, sign
from benchmarks.payloads import body, slash_command

keys = generate_keypair()
app = ikit.App(application_id=1, public_key=keys.public_key)
poll = app.group("poll", "Polls")

@poll.command
async def create(
    ctx: ikit.CommandContext, question: str, minutes: int, ping: ikit.models.User
) -> ikit.Response:
    "Start a poll."
    return ctx.reply(f"{question} ({minutes} minutes)")

@app.command
async def hello(ctx: ikit.CommandContext, name: str) -> ikit.Response:
    "Say hello."
    return ctx.reply(f"Hello, {name}!")

@app.component("vote/{poll_id}/{choice}")
async def vote(ctx: ikit.ComponentContext, poll_id: int, choice: str) -> ikit.Response:
    return ctx.update(f"You voted {choice}.")

payload = body(slash_command())
result = anyio.run(app.handle, payload, sign(keys.signing_key, payload))
assert result.status == 200, result
print(time.perf_counter() - started)
"""

PEER_IMPORT = """
import time
started = time.perf_counter()
import {module}
print(time.perf_counter() - started)
"""

PEERS = {"hikari": "hikari", "discord.http": "discord_http"}

#: What ikit cannot start without: its event loop, its async layer (anyio loads its
#: asyncio backend on the first call in a running loop), its decoder and its
#: signature check. No code of ikit's can make a cold start cheaper than these.
DEPENDENCIES = "asyncio, anyio._backends._asyncio, msgspec.json, nacl.signing"
DEPENDENCIES_LABEL = "asyncio, anyio and its asyncio backend, msgspec, pynacl"

#: Each side: what it measures, what kind of row it is (``ikit``: the cold start the
#: target is about; ``part``: a piece of it; ``floor``: the dependencies alone;
#: ``peer``), and the code to run.
Side = tuple[str, str, str]


def sides() -> list[Side]:
    found: list[Side] = [
        ("ikit: import, declare, answer the first interaction", "ikit", IKIT),
        ("ikit: import alone", "part", PEER_IMPORT.format(module="ikit")),
        (
            f"ikit's dependencies alone: import {DEPENDENCIES_LABEL}",
            "floor",
            PEER_IMPORT.format(module=DEPENDENCIES),
        ),
    ]
    for peer, module in PEERS.items():
        if importlib.util.find_spec(module) is not None:
            found.append((f"{peer}: import", "peer", PEER_IMPORT.format(module=module)))
    return found


def _seconds(code: str) -> float:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": f"{ROOT}:{ROOT / 'src'}", "PATH": ""},
        timeout=60,
    )
    return float(result.stdout.strip().splitlines()[-1])


def measure(runs: int) -> list[dict[str, Any]]:
    """Median seconds of each side, over ``runs`` fresh processes, alternating."""
    found = sides()
    times: dict[str, list[float]] = {name: [] for name, _, _ in found}
    for _ in range(runs):
        for name, _, code in found:
            times[name].append(_seconds(code))
    return [
        {
            "what": name,
            "kind": kind,
            "median_ms": statistics.median(times[name]) * 1000,
            "runs": runs,
        }
        for name, kind, _ in found
    ]


def table(rows: list[dict[str, Any]]) -> str:
    lines = ["| fresh process | median |", "| --- | ---: |"]
    lines += [f"| {row['what']} | {row['median_ms']:.0f} ms |" for row in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", type=Path, help="write the rows as JSON here")
    args = parser.parse_args(argv)
    rows = measure(args.runs)
    if args.out:
        document = {"benchmark": "cold_start", "rows": rows}
        args.out.write_text(json.dumps(document, indent=2) + "\n")
    print(table(rows), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
