"""Instructions per interaction, counted by callgrind: the same count on every run.

    python3 benchmarks/instructions.py [--count 1000]

Wall-clock numbers on a shared two-core machine move by 10-30% from run to run;
an instruction count does not, given the same key, signature and hash seed, which
the driver fixes. Each app here (ikit's and the hand-written lower
bound of ``benchmarks/http/apps.py``) answers the slash command and the button click
of ``benchmarks/payloads.py`` through its ASGI entry point, called in-process on an
asyncio loop with a signed request, ``--count`` times under ``valgrind
--tool=callgrind``. A run that answers nothing is subtracted, so what remains is
the cost of one interaction, signature check included, without the server.

Skipped, saying why, when valgrind is not installed (Debian's ``valgrind``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: Run under callgrind: serve ``count`` signed requests to one app through ASGI.
DRIVER = """
import asyncio, os, sys
from nacl.signing import SigningKey

# A fixed key and timestamp: Ed25519 verification takes a number of steps that
# depends on the key and the signature, so a new key per run moves the count by
# thousands of instructions (the app under test keeps no timestamp window).
key = SigningKey(bytes(range(32)))
os.environ["IKIT_BENCH_PUBLIC_KEY"] = key.verify_key.encode().hex()
from benchmarks.http import apps
from benchmarks.payloads import body, component_click, slash_command

app_name, request, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
app = {"ikit": apps.ikit_app, "lower_bound": apps.lower_bound}[app_name]
payload = body(slash_command() if request == "command" else component_click())
stamp = b"1764806400"
signature = key.sign(stamp + payload).signature.hex().encode()
headers = [
    (b"content-type", b"application/json"),
    (b"content-length", str(len(payload)).encode()),
    (b"x-signature-ed25519", signature),
    (b"x-signature-timestamp", stamp),
]
scope = {
    "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
    "method": "POST", "scheme": "http", "path": "/", "raw_path": b"/",
    "query_string": b"", "root_path": "", "headers": headers,
}
answers = []


async def receive():
    return {"type": "http.request", "body": payload, "more_body": False}


async def send(message):
    if message["type"] == "http.response.body":
        answers.append(message["body"])


async def main():
    startup = asyncio.Queue()
    await startup.put({"type": "lifespan.startup"})
    lifespan = asyncio.create_task(app({"type": "lifespan"}, startup.get, send))
    await asyncio.sleep(0.01)
    for _ in range(count):
        await app(dict(scope), receive, send)
        await asyncio.sleep(0)
    await startup.put({"type": "lifespan.shutdown"})
    await lifespan
    if count:
        assert answers[-1].startswith(b'{"type":'), answers[-1]


asyncio.run(main())
"""

APPS = ("ikit", "lower_bound")
REQUESTS = ("command", "button")


def _instructions(app: str, request: str, count: int) -> int:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        result = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={out}",
                sys.executable,
                "-c",
                DRIVER,
                app,
                request,
                str(count),
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            # A fixed hash seed: dict and set layouts (and so their probes) repeat.
            env={
                **os.environ,
                "PYTHONPATH": f"{ROOT}:{ROOT / 'src'}",
                "PYTHONHASHSEED": "0",
            },
            timeout=900,
        )
    found = re.search(r"Collected : (\d+)", result.stderr)
    if found is None:
        raise RuntimeError(f"callgrind printed no count:\n{result.stderr}")
    return int(found[1])


def measure(count: int) -> dict[str, Any]:
    """Instructions per interaction for each app and request, and the ratios."""
    rows = []
    for request in REQUESTS:
        per_app = {}
        for app in APPS:
            idle = _instructions(app, request, 0)
            busy = _instructions(app, request, count)
            per_app[app] = round((busy - idle) / count)
            print(
                f"  {request:7} {app:11} {per_app[app]:>10,} instructions", flush=True
            )
        rows.append(
            {
                "request": request,
                "instructions": per_app,
                "lower_bound_over_ikit": per_app["lower_bound"] / per_app["ikit"],
            }
        )
    return {"count": count, "rows": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument(
        "--out", type=Path, default=HERE / "results" / "instructions.json"
    )
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("instructions: valgrind is not installed, so nothing was counted")
        return 0

    document = measure(args.count)
    args.out.write_text(json.dumps(document, indent=2) + "\n")
    print(f"  -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
