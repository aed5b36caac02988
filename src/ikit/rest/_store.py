"""Where rate-limit state lives: the :class:`RateLimitStore` interface and its
in-process default.

The REST client calls :meth:`RateLimitStore.acquire` before every attempt and
:meth:`RateLimitStore.release` exactly once after it, whatever happened. A store shared
between processes (Redis, say) implements the same two calls; the bookkeeping it needs
is :class:`ikit.rest.BucketState` per (bucket, major) and
:class:`ikit.rest.GlobalWindow` for the global limit, which this store wraps in locks
and queues.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

import anyio

from ikit.rest._ratelimit import BucketState, GlobalWindow, RateLimitInfo

__all__ = ["MemoryRateLimitStore", "RateLimitStore", "Reservation"]


@dataclass(frozen=True, slots=True)
class Reservation:
    """A slot taken by :meth:`RateLimitStore.acquire`, handed back to ``release``."""

    route: str
    """``"METHOD /template"``: the route as Discord maps it to a bucket."""
    major: str
    """The route's major parameters (see :attr:`ikit.rest.Route.major`)."""
    bucket: str
    """The key of the limit the slot was taken from."""
    counts_global: bool
    """Whether the request also took a slot of the global limit."""


class RateLimitStore(Protocol):
    """Rate-limit state for one bot token, possibly shared by many processes."""

    async def acquire(
        self, route: str, major: str, *, counts_global: bool
    ) -> Reservation:
        """Wait until a request on ``route`` may be sent, then reserve its slot.

        Waiters for one bucket should be served in arrival order. Cancelling the wait
        must leave nothing reserved.
        """
        ...

    async def release(
        self, reservation: Reservation, info: RateLimitInfo | None
    ) -> None:
        """Settle a reservation with what its response said (None: no response).

        Called exactly once per reservation, also when the request failed or was
        cancelled; it must not block for long.
        """
        ...


_L = TypeVar("_L", BucketState, GlobalWindow)


class _Queue(Generic[_L]):
    """A limiter and the line of tasks that wait for it, first come, first served."""

    def __init__(self, limiter: _L) -> None:
        self.limiter: _L = limiter
        self.users = 0
        self._lock = anyio.Lock()
        self._changed = anyio.Event()

    async def take(self, still_here: Callable[[], bool]) -> bool:
        """Reserve a slot once the limiter allows; False if ``still_here`` turns false.

        The lock is held while waiting, so the line stays in arrival order.
        """
        self.users += 1
        try:
            async with self._lock:
                return await self._wait_for_slot(still_here)
        finally:
            self.users -= 1

    def notify(self) -> None:
        """Wake the task at the head of the line: the limiter changed."""
        changed, self._changed = self._changed, anyio.Event()
        changed.set()

    async def _wait_for_slot(self, still_here: Callable[[], bool]) -> bool:
        while still_here():
            delay = self.limiter.delay(anyio.current_time())
            if delay <= 0:
                self.limiter.reserve()
                return True

            with anyio.move_on_after(delay):
                await self._changed.wait()

        return False


def _always() -> bool:
    return True


class MemoryRateLimitStore:
    """The default store: rate-limit state in this process's memory.

    Enough for one process per bot token. Processes that share a token need a store
    they share, or Discord will answer some of their requests with 429s.
    """

    def __init__(
        self,
        *,
        global_limit: int = 50,
        global_period: float = 1.0,
        sweep_every: float = 60.0,
    ) -> None:
        self._global = _Queue(GlobalWindow(global_limit, global_period))
        self._bucket_of_route: dict[str, str] = {}
        self._queues: dict[str, _Queue[BucketState]] = {}
        self._sweep_every = sweep_every
        self._next_sweep = -math.inf

    async def acquire(
        self, route: str, major: str, *, counts_global: bool
    ) -> Reservation:
        self._sweep(anyio.current_time())
        key = await self._take_bucket(route, major)
        if counts_global:
            try:
                await self._global.take(_always)
            except BaseException:
                self._queues[key].limiter.cancel()
                self._queues[key].notify()
                raise

        return Reservation(route, major, key, counts_global)

    async def release(
        self, reservation: Reservation, info: RateLimitInfo | None
    ) -> None:
        now = anyio.current_time()
        if reservation.counts_global:
            self._settle_global(now, info)

        queue = self._queues[reservation.bucket]
        queue.limiter.finish()
        queue.notify()
        if info is None:
            return

        if info.bucket:
            self._bucket_of_route[reservation.route] = info.bucket

        # The response may have named the bucket: its state goes there, and the
        # requests queued under the provisional key move over.
        target = self._queue(self._key(reservation.route, reservation.major))
        target.limiter.observe(now, info)
        target.notify()

    def _key(self, route: str, major: str) -> str:
        # Until Discord names the bucket, the route itself stands for it.
        bucket = self._bucket_of_route.get(route, route)
        return f"{bucket} {major}"

    def _queue(self, key: str) -> _Queue[BucketState]:
        queue = self._queues.get(key)
        if queue is None:
            queue = self._queues[key] = _Queue(BucketState())

        return queue

    async def _take_bucket(self, route: str, major: str) -> str:
        while True:
            key = self._key(route, major)
            still_here = functools.partial(self._maps_to, route, major, key)
            if await self._queue(key).take(still_here):
                return key

    def _maps_to(self, route: str, major: str, key: str) -> bool:
        return self._key(route, major) == key

    def _settle_global(self, now: float, info: RateLimitInfo | None) -> None:
        self._global.limiter.finish(now)
        if info is not None and info.is_global and info.retry_after is not None:
            self._global.limiter.block(now, info.retry_after)

        self._global.notify()

    def _sweep(self, now: float) -> None:
        # Interaction tokens make new keys all day; forget the ones gone quiet.
        if now < self._next_sweep:
            return

        self._next_sweep = now + self._sweep_every
        for key, queue in list(self._queues.items()):
            if queue.users == 0 and queue.limiter.idle(now):
                del self._queues[key]
