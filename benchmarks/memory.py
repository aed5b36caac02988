"""Memory: the resident set size (RSS) of a process that has answered 1,000 and then
100,000 interactions in process, through ``app.handle`` inside ``app.lifespan()``.

    python3 benchmarks/memory.py [--counts 1000 100000]

One fresh process for each kind of interaction (the ``/poll create`` command, the
``vote/42/yes`` button click): it answers the same signed request over and over, with
the benchmark configuration of ``benchmarks.subjects`` (no timestamp window, a replay
guard that accepts repeats; the default guard remembers each id for two windows, by
design). The garbage collector runs before each reading.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

CHILD = """
import gc, json, sys
import anyio
from benchmarks.payloads import body, component_click, slash_command
from benchmarks.subjects import ikit_app
from ikit.server.verify import generate_keypair, sign

def rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")

async def main(kind: str, counts: list[int]) -> None:
    keys = generate_keypair()
    app = ikit_app(keys.public_key)
    payload = body(slash_command() if kind == "command" else component_click())
    headers = sign(keys.signing_key, payload)
    readings = {}
    done = 0
    async with app.lifespan():
        for count in counts:
            for _ in range(count - done):
                result = await app.handle(payload, headers)
            assert result.status == 200, result
            done = count
            gc.collect()
            readings[count] = rss_kib()
    print(json.dumps(readings))

anyio.run(main, sys.argv[1], [int(c) for c in sys.argv[2:]])
"""


def measure(counts: list[int]) -> list[dict[str, Any]]:
    rows = []
    for kind in ("command", "button"):
        result = subprocess.run(
            [sys.executable, "-c", CHILD, kind, *map(str, counts)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={"PYTHONPATH": f"{ROOT}:{ROOT / 'src'}", "PATH": ""},
            timeout=600,
        )
        readings = json.loads(result.stdout.strip().splitlines()[-1])
        rss = {int(count): kib for count, kib in readings.items()}
        first, last = rss[counts[0]], rss[counts[-1]]
        rows.append({"interaction": kind, "rss_kib": rss, "growth": last / first - 1})
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    counts = list(rows[0]["rss_kib"])
    head = " | ".join(f"RSS after {count:,}" for count in counts)
    lines = [
        f"| interaction | {head} | growth |",
        "| --- |" + " ---: |" * (len(counts) + 1),
    ]
    for row in rows:
        cells = " | ".join(f"{kib / 1024:.1f} MiB" for kib in row["rss_kib"].values())
        lines.append(f"| {row['interaction']} | {cells} | {row['growth']:+.1%} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--out", type=Path, help="write the rows as JSON here")
    args = parser.parse_args(argv)
    rows = measure(args.counts)
    if args.out:
        document = {"benchmark": "memory", "rows": rows}
        args.out.write_text(json.dumps(document, indent=2) + "\n")
    print(table(rows), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
