"""The ``ikit`` command: ``ikit serve module:app`` runs an app on hypercorn."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from ikit.cli._sync import add_sync_command

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``ikit`` command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    status: int = args.run(args)
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ikit", description="Discord interactions over HTTP."
    )
    commands = parser.add_subparsers(title="commands")
    serve = commands.add_parser("serve", help="serve an app on hypercorn (or granian)")
    serve.add_argument(
        "app", help="the app to serve: module:attribute, or path/to/bot.py[:attribute]"
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument(
        "--backlog",
        type=int,
        default=1024,
        help="pending connections the socket queues (hypercorn's own default of 100 "
        "drops connections under bursts)",
    )
    serve.add_argument("--reload", action="store_true", help="restart on code changes")
    serve.add_argument("--root-path", default="", help="the path prefix behind a proxy")
    serve.add_argument(
        "--worker-class",
        choices=("asyncio", "uvloop", "trio"),
        default=None,
        help="the event loop (default: uvloop when installed, else asyncio)",
    )
    serve.add_argument(
        "--server",
        choices=("hypercorn", "granian"),
        default="hypercorn",
        help="the HTTP server: hypercorn (embedded), or granian, the fast path "
        "(pip install 'ikit[granian]')",
    )
    serve.add_argument(
        "--env-file", default=".env", help="read DISCORD_* variables from this file"
    )
    serve.set_defaults(run=_serve)

    ping = commands.add_parser("ping", help="send a signed PING to a running app")
    ping.add_argument("url", help="the app's interactions URL")
    ping.add_argument("--signing-key", required=True, help="hex, as serve printed it")
    ping.set_defaults(run=_ping)
    add_sync_command(commands)
    return parser


def _ping(args: argparse.Namespace) -> int:
    import json

    import httpx
    from nacl.signing import SigningKey

    from ikit.models._base import DISCORD_EPOCH_MS
    from ikit.server.verify import sign

    # A fresh id each time: the app refuses an interaction id it has seen.
    interaction_id = str(int(time.time() * 1000 - DISCORD_EPOCH_MS) << 22)
    ping = {"id": interaction_id, "application_id": "1", "type": 1, "token": "local"}
    body = json.dumps(ping).encode()
    key = SigningKey(bytes.fromhex(args.signing_key))
    headers = {**sign(key, body), "content-type": "application/json"}
    response = httpx.post(args.url, content=body, headers=headers)
    print(response.status_code, response.text)
    return 0 if response.status_code == 200 else 1


def _serve(args: argparse.Namespace) -> int:
    from ikit.app import _read_env_file
    from ikit.server._serve import shutdown_timeout_of
    from ikit.server.verify import Verifier, generate_keypair

    env_file = Path(args.env_file) if args.env_file else None
    for key, value in (_read_env_file(env_file) if env_file else {}).items():
        os.environ.setdefault(key, value)

    public_key = os.environ.get("DISCORD_PUBLIC_KEY")
    if public_key:
        try:
            Verifier(public_key)
        except ValueError as error:
            print(f"ikit: DISCORD_PUBLIC_KEY is not usable: {error}", file=sys.stderr)
            return 2
    else:
        keys = generate_keypair()
        os.environ["DISCORD_PUBLIC_KEY"] = keys.public_key
        _print_local_mode(args, keys.signing_key.encode().hex())

    application_path = _application_path(args.app)
    app = _load(application_path)
    if args.server == "granian":
        return _run_granian(args, application_path)
    return _run_hypercorn(args, application_path, shutdown_timeout_of(app))


def _application_path(target: str) -> str:
    """``module:attr`` for hypercorn, from ``module[:attr]`` or ``path/file.py[:attr]``.

    A file's folder goes on the import path (through PYTHONPATH, so that worker
    processes see it too).
    """
    location, _, attribute = target.partition(":")
    if location.endswith(".py"):
        path = Path(location).resolve()
        if not path.is_file():
            raise SystemExit(f"ikit: no such file: {location}")
        folder = str(path.parent)
        existing = os.environ.get("PYTHONPATH")
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [folder, existing]))
        sys.path.insert(0, folder)
        location = path.stem
    else:
        sys.path.insert(0, os.getcwd())
    return f"{location}:{attribute or 'app'}"


def _load(application_path: str) -> object:
    """The app at ``application_path``, imported here so that a mistake is reported
    before any worker starts."""
    module_name, _, attribute = application_path.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise SystemExit(f"ikit: cannot import {module_name}: {error}") from None
    if not hasattr(module, attribute):
        raise SystemExit(f"ikit: {module_name} has no attribute {attribute!r}")
    return getattr(module, attribute)


def _run_hypercorn(
    args: argparse.Namespace, application_path: str, shutdown_timeout: float | None
) -> int:
    from hypercorn.config import Config
    from hypercorn.run import run

    from ikit.server._serve import apply_shutdown_timeout

    config = Config()
    config.application_path = application_path
    config.bind = [f"{args.host}:{args.port}"]
    config.backlog = args.backlog
    config.workers = args.workers
    config.use_reloader = args.reload
    config.root_path = args.root_path
    config.worker_class = args.worker_class or _default_worker()
    apply_shutdown_timeout(config, shutdown_timeout)
    return run(config)


def _run_granian(args: argparse.Namespace, application_path: str) -> int:
    from ikit.server._granian import run

    if args.worker_class == "trio":
        raise SystemExit("ikit: granian runs asyncio loops only, not trio")
    return run(
        application_path,
        host=args.host,
        port=args.port,
        workers=args.workers,
        backlog=args.backlog,
        reload=args.reload,
        root_path=args.root_path,
        loop=args.worker_class or "auto",
    )


def _default_worker() -> str:
    try:
        importlib.import_module("uvloop")
    except ImportError:
        return "asyncio"
    return "uvloop"


def _print_local_mode(args: argparse.Namespace, signing_key: str) -> None:
    url = f"http://{args.host}:{args.port}/"
    print(
        "ikit: no DISCORD_PUBLIC_KEY found, so this runs in local mode with a fresh "
        "key pair.\n"
        f"  public key:  {os.environ['DISCORD_PUBLIC_KEY']}\n"
        f"  signing key: {signing_key}\n"
        "Send it a signed PING with:\n"
        f"  ikit ping {url} --signing-key {signing_key}",
        file=sys.stderr,
    )
