"""The HTTP benchmark: ikit, a bare app and the hand-written lower bound on hypercorn
and on granian, and the peers on their own servers, driven by wrk over loopback.

    python3 benchmarks/http/suite.py [--rounds 3] [--seconds 3] [--out FILE.json]

Every app answers the same three requests (PING, the ``/poll create`` command, a
``vote/42/yes`` button click; see apps.py), pre-signed once with a fixed timestamp
and sent over and over by wrk (interaction.lua). Each server runs pinned to CPU 0
and wrk to CPU 1 (taskset), so neither steals the other's core.

A round measures every app once for each request and connection count (32, then
1), in an order that alternates from one round to the next; ratios are taken within
a round, then their median over the rounds is reported, so a machine that gets
busier during the run weighs on both sides of a ratio alike. Every run lasts
``--seconds``, every server is stopped at the end; traffic goes to 127.0.0.1 only.

wrk is Debian's ``wrk`` package: the script installs it with apt-get when it is
missing, and skips (exit 0, saying why) when that fails. granian and the peers are
measured where installed (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import importlib.util
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from benchmarks.payloads import (  # noqa: E402
    APPLICATION_ID,
    body,
    component_click,
    slash_command,
)

from ikit.server.verify import generate_keypair, sign  # noqa: E402

SERVER_CPU = "0"
CLIENT_CPU = "1"
CONNECTIONS = (32, 1)
TIMESTAMP = 1786000000  # fixed: the apps under test do not check its age

CONFIGURATION = (
    "wrk repeats one pre-signed request with a fixed timestamp, so the ikit app runs "
    "with App(timestamp_window=None, replay_guard=AcceptRepeats()): no timestamp "
    "window, and a replay guard that accepts repeats"
)

#: What every app must answer to each request, byte for byte in meaning.
EXPECTED: dict[str, Any] = {
    "ping": {"type": 1},
    "command": {
        "type": 4,
        "data": {"content": "Poll: Pizza on Friday? (closes in 30 minutes)"},
    },
    "button": {"type": 7, "data": {"content": "You voted yes in poll 42."}},
}


@dataclass(frozen=True)
class Target:
    """One app on one server."""

    app: str
    """``ikit``, ``lower bound``, ``bare``, or a peer's name."""
    server: str

    @property
    def name(self) -> str:
        return f"{self.app} on {self.server}"


@dataclass
class Run:
    target: str
    case: str
    connections: int
    round: int
    requests_per_second: float
    p50_us: int
    p99_us: int
    errors: dict[str, int] = field(default_factory=dict)


# -- what to measure -------------------------------------------------------------------


def targets(servers: list[str], peers: list[str]) -> list[Target]:
    found = [
        Target(app, server)
        for server in servers
        for app in ("bare", "lower bound", "ikit")
    ]
    return found + [Target(peer, _peer_server(peer)) for peer in peers]


def _peer_server(peer: str) -> str:
    return "aiohttp (its own)"


#: Requests a peer cannot answer, and why; they are left out of its measurements.
UNANSWERED = {
    ("discord.http", "ping"): "discord.http 3.3 answers a PING (which carries no "
    "user) with 500: it reads the user before it looks at the type",
}


def available_servers() -> list[str]:
    return ["hypercorn"] + (["granian"] if _installed("granian") else [])


def available_peers() -> list[str]:
    modules = {"hikari": "hikari", "discord.http": "discord_http"}
    return [peer for peer, module in modules.items() if _installed(module)]


def _installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def requests(folder: Path) -> dict[str, Path]:
    """The three pre-signed requests, as files for interaction.lua."""
    keys = generate_keypair()
    os.environ["IKIT_BENCH_PUBLIC_KEY"] = keys.public_key
    ping = {"id": "1270000000000000101", "application_id": APPLICATION_ID}
    bodies = {
        "ping": body({**ping, "type": 1, "token": "t" * 160, "version": 1}),
        "command": body(slash_command()),
        "button": body(component_click()),
    }
    files = {}
    for case, payload in bodies.items():
        headers = sign(keys.signing_key, payload, TIMESTAMP)
        lines = [headers["X-Signature-Ed25519"], headers["X-Signature-Timestamp"]]
        files[case] = folder / f"{case}.request"
        files[case].write_bytes("\n".join(lines).encode() + b"\n" + payload)
    return files


# -- servers ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def _pinned(cpu: str, command: list[str]) -> list[str]:
    if shutil.which("taskset") and (os.cpu_count() or 1) > 1:
        return ["taskset", "-c", cpu, *command]
    return command


def _command(target: Target, port: int) -> list[str]:
    if target.app in ("hikari", "discord.http"):
        return [sys.executable, str(HERE / "apps.py"), target.app, str(port)]
    attribute = {"bare": "bare", "lower bound": "lower_bound", "ikit": "ikit_app"}
    return [
        sys.executable, "-m", "ikit", "serve", f"apps:{attribute[target.app]}",
        "--server", target.server, "--port", str(port), "--env-file", "",
    ]  # fmt: skip


@contextlib.contextmanager
def serving(target: Target, log: Path) -> Iterator[str]:
    """Run ``target`` pinned to the server's CPU; yields its URL."""
    port = _free_port()
    env = {
        **os.environ,
        "DISCORD_PUBLIC_KEY": os.environ["IKIT_BENCH_PUBLIC_KEY"],
        "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT), str(ROOT / "src")]),
    }
    with log.open("ab") as output:
        process = subprocess.Popen(
            _pinned(SERVER_CPU, _command(target, port)),
            env=env,
            cwd=HERE,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait_until_listening(port, process, log)
        yield url
    finally:
        _stop(process)


def _wait_until_listening(
    port: int, process: subprocess.Popen[bytes], log: Path
) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited early: {log.read_text()[-2000:]}")
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), timeout=1),
        ):
            return
        time.sleep(0.05)
    raise RuntimeError(f"the server did not listen within 30 s; see {log}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    # The server runs in a session of its own: signal its whole group (granian's
    # workers too), and kill it if it has not stopped in 10 seconds.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextlib.contextmanager
def fake_discord() -> Iterator[str]:
    """What discord.http reads from Discord at start-up: the application, its bot
    user and its commands (none)."""
    public_key = os.environ["IKIT_BENCH_PUBLIC_KEY"]
    bot = {"id": APPLICATION_ID, "username": "pollbot", "discriminator": "0"}
    application = {
        "id": APPLICATION_ID,
        "name": "pollbot",
        "description": "",
        "verify_key": public_key,
        # With no endpoint URL, discord.http would open a Gateway connection.
        "interactions_endpoint_url": "http://127.0.0.1/",
        "bot": bot,
        "flags": 0,
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            reply = json.dumps(
                [] if self.path.endswith("/commands")
                else application if self.path.endswith("/applications/@me")
                else bot
            )  # fmt: skip
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply.encode())

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api"
    finally:
        server.shutdown()
        server.server_close()


# -- measuring -------------------------------------------------------------------------


def check(url: str, request: Path, case: str, target: Target) -> None:
    """Refuse to measure an app that does not answer as the others do."""
    import httpx

    signature, timestamp, payload = request.read_bytes().split(b"\n", 2)
    headers = {
        "content-type": "application/json",
        "x-signature-ed25519": signature.decode(),
        "x-signature-timestamp": timestamp.decode(),
    }
    response = httpx.post(url, content=payload, headers=headers, timeout=10)
    if target.app == "bare":
        return
    if response.status_code != 200 or _essence(response.json()) != EXPECTED[case]:
        raise RuntimeError(
            f"{target.name} answered {case} with {response.status_code} "
            f"{response.text!r}, expected {EXPECTED[case]}"
        )


def _essence(answer: dict[str, Any]) -> dict[str, Any]:
    # Peers add defaults of their own (hikari: allowed_mentions); compare what the
    # user sees.
    content = answer.get("data", {}).get("content")
    return {
        "type": answer["type"],
        **({"data": {"content": content}} if content else {}),
    }


def wrk(url: str, request: Path, connections: int, seconds: int) -> dict[str, Any]:
    command = [
        "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
        "-s", str(HERE / "interaction.lua"), url,
    ]  # fmt: skip
    env = {**os.environ, "IKIT_BENCH_REQUEST": str(request)}
    result = subprocess.run(
        _pinned(CLIENT_CPU, command),
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    )
    report: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def measure(
    plan: list[Target],
    files: dict[str, Path],
    *,
    rounds: int,
    seconds: int,
    logs: Path,
) -> list[Run]:
    runs: list[Run] = []
    with contextlib.ExitStack() as stack:
        if "discord.http" in {t.app for t in plan}:
            os.environ["IKIT_BENCH_REST_URL"] = stack.enter_context(fake_discord())
        urls = {}
        for target in plan:
            log = logs / f"{target.name.replace(' ', '-')}.log"
            urls[target] = stack.enter_context(serving(target, log))
            for case, request in files.items():
                if (target.app, case) not in UNANSWERED:
                    check(urls[target], request, case, target)
                    wrk(urls[target], request, 8, 1)  # warm up
        for round_ in range(rounds):
            order = plan if round_ % 2 == 0 else plan[::-1]
            for connections in CONNECTIONS:
                for case, request in files.items():
                    for target in order:
                        if (target.app, case) in UNANSWERED:
                            continue
                        report = wrk(urls[target], request, connections, seconds)
                        runs.append(_run(target, case, connections, round_, report))
                        print(f"  {_describe(runs[-1])}", file=sys.stderr)
    return runs


def _run(
    target: Target, case: str, connections: int, round_: int, report: dict[str, Any]
) -> Run:
    errors = {k: v for k, v in report["errors"].items() if v}
    if errors:
        raise RuntimeError(f"{target.name} failed requests under wrk: {errors}")
    return Run(
        target=target.name,
        case=case,
        connections=connections,
        round=round_,
        requests_per_second=report["requests"] / (report["duration_us"] / 1e6),
        p50_us=report["p50_us"],
        p99_us=report["p99_us"],
        errors=errors,
    )


def _describe(run: Run) -> str:
    return (
        f"round {run.round}, {run.connections:>2} conn, {run.case:<7} "
        f"{run.target:<28} {run.requests_per_second:>8,.0f} req/s  "
        f"p50 {run.p50_us / 1000:.2f} ms  p99 {run.p99_us / 1000:.2f} ms"
    )


# -- summaries -------------------------------------------------------------------------


def summarize(runs: list[Run], plan: list[Target]) -> list[dict[str, Any]]:
    """Per target, request and connection count: medians over the rounds, and the
    median per-round ratio of its requests per second to its references'."""
    rows = []
    for connections in CONNECTIONS:
        for case in EXPECTED:
            rows += [
                _row(runs, target, case, connections)
                for target in plan
                if (target.app, case) not in UNANSWERED
            ]
    return rows


def _row(
    runs: list[Run], target: Target, case: str, connections: int
) -> dict[str, Any]:
    mine = _select(runs, target.name, case, connections)
    row: dict[str, Any] = {
        "target": target.name,
        "case": case,
        "connections": connections,
        "requests_per_second": statistics.median(r.requests_per_second for r in mine),
        "p50_us": statistics.median(r.p50_us for r in mine),
        "p99_us": statistics.median(r.p99_us for r in mine),
    }
    references = {
        "vs_bare": f"bare on {target.server}",
        "vs_lower_bound": f"lower bound on {target.server}",
        "vs_hikari": "hikari on aiohttp (its own)",
    }
    for key, reference in references.items():
        theirs = _select(runs, reference, case, connections)
        if theirs and reference != target.name:
            row[key] = statistics.median(
                m.requests_per_second / t.requests_per_second
                for m, t in zip(mine, theirs, strict=True)
            )
    return row


def _select(runs: list[Run], target: str, case: str, connections: int) -> list[Run]:
    found = [
        r
        for r in runs
        if (r.target, r.case, r.connections) == (target, case, connections)
    ]
    return sorted(found, key=lambda r: r.round)


def table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| connections | request | app on server | req/s | p50 | p99 "
        "| vs bare | vs lower bound | vs hikari |",
        "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {row['connections']} | {row['case']} | {row['target']} "
        f"| {row['requests_per_second']:,.0f} | {_ms(row['p50_us'])} "
        f"| {_ms(row['p99_us'])} | {_ratio(row, 'vs_bare')} "
        f"| {_ratio(row, 'vs_lower_bound')} | {_ratio(row, 'vs_hikari')} |"
        for row in rows
    ]
    return "\n".join(lines) + "\n"


def _ms(us: float) -> str:
    return f"{us / 1000:.2f} ms"


def _ratio(row: dict[str, Any], key: str) -> str:
    return f"{row[key]:.2f}x" if key in row else ""


# -- the command -----------------------------------------------------------------------


def ensure_wrk() -> str | None:
    """None when wrk is there (installing it if it can); else why it is not."""
    if shutil.which("wrk"):
        return None
    if shutil.which("apt-get"):
        install = ["apt-get", "install", "-y", "-q", "wrk"]
        if subprocess.run(install, capture_output=True, check=False).returncode:
            subprocess.run(
                ["apt-get", "update", "-q"], capture_output=True, check=False
            )
            subprocess.run(install, capture_output=True, check=False)
    return None if shutil.which("wrk") else "wrk is not installed (apt-get install wrk)"


def environment() -> dict[str, Any]:
    versions = {}
    for package in ("ikit", "hypercorn", "granian", "hikari", "discord.http", "uvloop"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            versions[package] = version(package)
    wrk_version = subprocess.run(
        ["wrk", "--version"], capture_output=True, text=True, check=False
    ).stdout.split(" [")[0]
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "versions": versions,
        "wrk": wrk_version.strip(),
        "pinning": f"servers on CPU {SERVER_CPU}, wrk on CPU {CLIENT_CPU}"
        if (os.cpu_count() or 1) > 1
        else "none (one CPU)",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument(
        "--out", type=Path, default=ROOT / "benchmarks/results/http.json"
    )
    parser.add_argument(
        "--servers", nargs="*", default=None, help="default: hypercorn and granian"
    )
    parser.add_argument("--peers", nargs="*", default=None, help="default: installed")
    args = parser.parse_args(argv)

    missing = ensure_wrk()
    if missing:
        print(f"http benchmark skipped: {missing}", file=sys.stderr)
        return 0
    servers = args.servers if args.servers is not None else available_servers()
    peers = args.peers if args.peers is not None else available_peers()
    plan = targets(servers, peers)
    with tempfile.TemporaryDirectory() as folder:
        files = requests(Path(folder))
        runs = measure(
            plan, files, rounds=args.rounds, seconds=args.seconds, logs=Path(folder)
        )
    rows = summarize(runs, plan)
    document = {
        "benchmark": "http",
        **environment(),
        "rounds": args.rounds,
        "seconds_per_run": args.seconds,
        "connections": list(CONNECTIONS),
        "configuration": CONFIGURATION,
        "summary": rows,
        "runs": [asdict(r) for r in runs],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(document, indent=2) + "\n")
    args.out.with_suffix(".md").write_text(table(rows))
    print(table(rows), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
