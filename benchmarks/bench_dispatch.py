"""Dispatching interactions: a click among 10 to 10,000 routes, and a button click end
to end against hikari's in-process path.

Routes
    ``app.dispatch`` of one decoded button click, with 1,000 and 10,000 component
    routes registered (the candidate) against the same click with 10 (the baseline).
    The route table finds a custom_id's route with one split and two dict lookups,
    so the ratio should stay at 1: it is the measure of "does not grow". The routes
    spread over 100 first segments, each with up to 100 templates of the same shape,
    so both of the table's levels are full. The handler answers ``defer_update()``,
    so little but the routing and the context separates the sides.

hikari
    The same realistic Components V2 button click (``payloads.component_click()``),
    answered with the same ephemeral message, by an ikit App and by hikari's
    ``RESTBot`` with a listener that routes the custom_id by hand, as hikari's users
    do. Two comparisons:

    - decode + dispatch + encode: ikit's ``decode_interaction``, ``app.dispatch``
      and ``encode``, against hikari's JSON decoder (orjson when installed, as its
      server uses), ``EntityFactory.deserialize_interaction``, the listener, the
      response builder's ``build`` and hikari's JSON encoder;
    - the whole request in process, signature included: ``app.handle(body,
      headers)`` inside ``app.lifespan()`` (as a server runs it: the deadline, the
      background task group, the replay guard), against
      ``interaction_server.on_interaction(body, signature, timestamp)``.

    hikari is optional (``pip install -e '.[bench]'``); without it these two are
    skipped, with the reason printed.

Each timed call runs ``BATCH`` interactions inside one turn of a persistent asyncio
event loop, so that the loop's own cost per call is shared out and both sides pay
it alike.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from functools import cache
from typing import Any, Literal

from benchmarks.harness import Benchmark
from benchmarks.payloads import body, component_click
from ikit import models
from ikit.app import App
from ikit.context import ComponentContext, Response
from ikit.server.verify import generate_keypair, sign

try:
    import hikari  # type: ignore[import-not-found, unused-ignore]
    from hikari.internal import (  # type: ignore[import-not-found, unused-ignore]
        data_binding,
    )
except ImportError:  # CI installs only .[dev]
    HAS_HIKARI = False
else:
    HAS_HIKARI = True

__all__ = ["BATCH", "benchmarks"]

BATCH = 100
ROUTE_COUNTS = (10, 1_000, 10_000)
HEADS = 100
CLICK = body(component_click())
KEYS = generate_keypair()
ANSWER = "You voted yes."


def _run(make: Callable[[], Awaitable[object]]) -> Callable[[], object]:
    """A call that awaits ``make()`` BATCH times in one turn of a persistent loop."""

    async def many() -> object:
        result = None
        for _ in range(BATCH):
            result = await make()
        return result

    return lambda: _runner().run(many())


@cache
def _runner() -> asyncio.Runner:
    return asyncio.Runner()


# -- routes --------------------------------------------------------------------------


def app_with_routes(count: int) -> tuple[App, models.Interaction]:
    """An app with ``count`` routes, and a decoded click on the last one."""
    app = App(application_id=1)

    async def clicked(ctx: ComponentContext, poll_id: int) -> Response:
        return ctx.defer_update()

    for n in range(count):
        app.component(f"g{n % HEADS}/{{poll_id}}/a{n // HEADS}")(clicked)
    last = f"g{(count - 1) % HEADS}/42/a{(count - 1) // HEADS}"
    payload = component_click()
    payload["data"]["custom_id"] = last
    return app, models.decode_interaction(body(payload))


def _routed(app: App, interaction: models.Interaction) -> None:
    answer = _runner().run(app.dispatch(interaction))
    if not isinstance(answer, models.DeferredUpdateResponse):
        raise AssertionError(f"the click was answered {answer!r}, not by its route")


def _dispatching(app: App, interaction: models.Interaction) -> Callable[[], object]:
    return _run(lambda: app.dispatch(interaction))


def route_benchmarks() -> list[Benchmark]:
    few = app_with_routes(ROUTE_COUNTS[0])
    found = []
    for count in ROUTE_COUNTS:
        many = app_with_routes(count)
        found.append(
            Benchmark(
                name=f"dispatch a click among {count:,} routes (x{BATCH})",
                baseline=_dispatching(*few),
                candidate=_dispatching(*many),
                baseline_label=f"`app.dispatch`, {ROUTE_COUNTS[0]} routes",
                candidate_label=f"`app.dispatch`, {count:,} routes",
                check=_both_routed(few, many),
            )
        )
    return found


def _both_routed(*apps: tuple[App, models.Interaction]) -> Callable[[], None]:
    def check() -> None:
        for app, interaction in apps:
            _routed(app, interaction)

    return check


# -- a button click, ikit against hikari ---------------------------------------------


class _AcceptRepeats:
    """A replay guard that accepts every id: the benchmark repeats one request."""

    async def seen(self, interaction_id: int, expires_at: float) -> bool:
        return False


def ikit_app() -> App:
    app = App(
        application_id=1,
        public_key=KEYS.public_key,
        timestamp_window=None,
        replay_guard=_AcceptRepeats(),
    )

    @app.component("vote/{poll_id}/{choice}")
    async def vote(
        ctx: ComponentContext, poll_id: int, choice: Literal["yes", "no"]
    ) -> Response:
        return ctx.reply(f"You voted {choice}.", ephemeral=True)

    return app


def hikari_bot() -> Any:
    bot = hikari.RESTBot(
        "benchmark-token",
        "Bot",
        public_key=KEYS.public_key,
        banner=None,
        logs=None,
        suppress_optimization_warning=True,
    )

    async def on_component(interaction: Any) -> Any:
        head, poll_id, choice = interaction.custom_id.split("/")
        if head != "vote" or choice not in ("yes", "no"):
            return None
        int(poll_id)  # converted, as ikit's route does
        response = interaction.build_response(hikari.ResponseType.MESSAGE_CREATE)
        return response.set_content(f"You voted {choice}.").set_flags(
            hikari.MessageFlag.EPHEMERAL
        )

    bot.set_listener(hikari.ComponentInteraction, on_component)
    return bot


def _ikit_in_process(app: App) -> Callable[[], Awaitable[bytes]]:
    async def answer() -> bytes:
        return models.encode(await app.dispatch(models.decode_interaction(CLICK)))

    return answer


def _hikari_in_process(bot: Any) -> Callable[[], Awaitable[bytes]]:
    factory = bot.entity_factory
    listener = bot.get_listener(hikari.ComponentInteraction)

    async def answer() -> bytes:
        interaction = factory.deserialize_interaction(
            data_binding.default_json_loads(CLICK)
        )
        payload, _files = (await listener(interaction)).build(factory)
        encoded: bytes = data_binding.default_json_dumps(payload)
        return encoded

    return answer


def _ikit_request(app: App, headers: dict[str, str]) -> Callable[[], object]:
    async def many() -> bytes:
        async with app.lifespan():
            for _ in range(BATCH):
                result = await app.handle(CLICK, headers)
        return result.body

    return lambda: _runner().run(many())


def _hikari_request(bot: Any, headers: dict[str, str]) -> Callable[[], object]:
    server = bot.interaction_server
    signature = bytes.fromhex(headers["X-Signature-Ed25519"])
    timestamp = headers["X-Signature-Timestamp"].encode()

    async def answer() -> bytes:
        response = await server.on_interaction(CLICK, signature, timestamp)
        payload: bytes = response.payload
        return payload

    return _run(answer)


def _same_answer(*sides: Callable[[], object]) -> Callable[[], None]:
    """A check that every side answers the click with the same ephemeral message."""

    def check() -> None:
        for side in sides:
            raw = side()
            answer = json.loads(raw) if isinstance(raw, bytes) else None
            if answer is None or answer["type"] != 4:
                raise AssertionError(f"unexpected answer {raw!r}")
            if answer["data"]["content"] != ANSWER or answer["data"]["flags"] != 64:
                raise AssertionError(f"not the ephemeral {ANSWER!r}: {answer}")

    return check


def hikari_benchmarks() -> list[Benchmark]:
    if not HAS_HIKARI:
        print(
            "  bench_dispatch: hikari is not installed, so the comparisons with it "
            "are skipped (pip install -e '.[bench]' to run them)",
            file=sys.stderr,
        )
        return []
    app, bot = ikit_app(), hikari_bot()
    headers = sign(KEYS.signing_key, CLICK)
    in_process = _run(_ikit_in_process(app)), _run(_hikari_in_process(bot))
    requests = _ikit_request(app, headers), _hikari_request(bot, headers)
    version = hikari.__version__
    return [
        Benchmark(
            name=f"decode + dispatch + encode a {len(CLICK):,}-byte click (x{BATCH})",
            baseline=in_process[1],
            candidate=in_process[0],
            baseline_label=f"hikari {version}: deserialize_interaction + listener",
            candidate_label="ikit: decode_interaction + `app.dispatch` + encode",
            check=_same_answer(*in_process),
        ),
        Benchmark(
            name=f"verify, decode, dispatch, encode the click (x{BATCH})",
            baseline=requests[1],
            candidate=requests[0],
            baseline_label=f"hikari {version}: `interaction_server.on_interaction`",
            candidate_label="ikit: `app.handle` in `app.lifespan()`",
            check=_same_answer(*requests),
        ),
    ]


def benchmarks() -> list[Benchmark]:
    return route_benchmarks() + hikari_benchmarks()
