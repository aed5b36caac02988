"""Discord's rate limits, as pure bookkeeping: no I/O, no waiting, time passed in.

Theory of operation
-------------------

Discord limits requests per *bucket*. A response names its bucket
(``X-RateLimit-Bucket``) and says how many requests the current window still allows
(``X-RateLimit-Remaining``), when the window ends (``X-RateLimit-Reset``, an epoch that
names the window, and ``X-RateLimit-Reset-After``, in seconds) and its size
(``X-RateLimit-Limit``). A bucket is further split by the route's major parameters, so
the unit of limiting is the pair (bucket, major); see :mod:`ikit.rest._routes`.

The rules kept here:

1. Never send into a full window. A request *reserves* a slot before it is sent and
   stays *in flight* until its response (or failure) is settled.
2. Until a route's bucket is known, it gets one request in flight at a time: the first
   response teaches the limit, and the ones queued behind it use it.
3. Responses arrive out of order, so within one window the lowest ``Remaining`` seen is
   the truth, and every request still in flight may be counted after it. Hence
   ``remaining = lowest_reported - in_flight``: a bound that is never too high.
4. When the local estimate of the window end passes, a new window is assumed with
   ``limit - in_flight`` slots (requests in flight may land in it). Its end is unknown
   until a response reports it; the local end is always later than Discord's, because
   it is measured when the response arrives.
5. A response that carries no rate-limit headers (a proxy's 502, a dropped connection)
   teaches nothing and refunds nothing.
6. A 429 blocks the bucket (scope ``user`` or ``shared``) or every bot-authorized
   request (scope ``global``) for ``retry_after`` seconds.
7. The global limit (50 requests per second per bot) is kept by counting each request
   from when it is sent until one period after its response: Discord saw it somewhere
   in between, so no period of Discord's clock can hold more than the limit.

These classes only compute. :mod:`ikit.rest._store` adds the locks and the waiting
(FIFO per bucket); :mod:`ikit.rest._http` parses each answer's headers into
:class:`RateLimitInfo` and settles every reservation exactly once. A change to the
rules here is a change to what a shared store must do too.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass

import msgspec

__all__ = [
    "BucketState",
    "GlobalWindow",
    "RateLimitInfo",
    "Window",
    "parse_rate_limit",
]


@dataclass(frozen=True, slots=True)
class Window:
    """A bucket's window, as one response describes it."""

    limit: int
    remaining: int
    reset: float
    """The epoch at which the window ends; it also names the window."""
    reset_after: float


@dataclass(frozen=True, slots=True)
class RateLimitInfo:
    """What one response says about rate limits."""

    status: int
    bucket: str | None = None
    window: Window | None = None
    retry_after: float | None = None
    """On a 429: seconds to wait before trying again."""
    scope: str | None = None
    """On a 429: ``user``, ``global`` or ``shared``."""

    @property
    def is_global(self) -> bool:
        return self.status == 429 and self.scope == "global"


class _RateLimitBody(msgspec.Struct):
    retry_after: float | None = None
    is_global: bool = msgspec.field(default=False, name="global")


def parse_rate_limit(
    status: int, headers: Mapping[str, str], body: bytes = b""
) -> RateLimitInfo:
    """Read the rate-limit headers (and, on a 429, the body) of a response.

    ``headers`` must look names up case-insensitively, as ``httpx.Headers`` does.
    """
    window = _parse_window(headers)
    bucket = headers.get("x-ratelimit-bucket")
    if status != 429:
        return RateLimitInfo(status=status, bucket=bucket, window=window)

    parsed = _decode_429(body)
    return RateLimitInfo(
        status=status,
        bucket=bucket,
        window=window,
        retry_after=_retry_after(parsed, headers, window),
        scope=_scope(parsed, headers),
    )


def _parse_window(headers: Mapping[str, str]) -> Window | None:
    limit = _integer(headers.get("x-ratelimit-limit"))
    remaining = _integer(headers.get("x-ratelimit-remaining"))
    reset = _number(headers.get("x-ratelimit-reset"))
    reset_after = _number(headers.get("x-ratelimit-reset-after"))
    if limit is None or remaining is None or reset is None or reset_after is None:
        return None

    return Window(limit, remaining, reset, reset_after)


def _retry_after(
    parsed: _RateLimitBody, headers: Mapping[str, str], window: Window | None
) -> float:
    # The body's float is exact; the header is rounded up to whole seconds.
    retry_after = parsed.retry_after
    if retry_after is None:
        retry_after = _number(headers.get("retry-after"))

    if retry_after is None:
        retry_after = window.reset_after if window else 1.0

    return max(retry_after, 0.0)


def _scope(parsed: _RateLimitBody, headers: Mapping[str, str]) -> str:
    scope = headers.get("x-ratelimit-scope")
    if scope:
        return scope.lower()

    is_global = parsed.is_global or headers.get("x-ratelimit-global") == "true"
    return "global" if is_global else "user"


def _decode_429(body: bytes) -> _RateLimitBody:
    # Cloudflare answers some 429s with HTML; the headers still apply.
    try:
        return msgspec.json.decode(body, type=_RateLimitBody)
    except msgspec.MsgspecError:
        return _RateLimitBody()


def _number(text: str | None) -> float | None:
    if text is None:
        return None

    try:
        value = float(text)
    except ValueError:
        return None

    return value if math.isfinite(value) else None


def _integer(text: str | None) -> int | None:
    value = _number(text)
    return None if value is None else int(value)


class BucketState:
    """One (bucket, major) pair: what may be sent now, and what is in flight.

    For the authors of a :class:`~ikit.rest.RateLimitStore`: call :meth:`delay`,
    then :meth:`reserve` when it is 0, in ``acquire``; :meth:`finish` then
    :meth:`observe` in ``release``. Times are the store's own monotonic clock. Its
    state is its plain attributes, so a shared store can save and load it.
    """

    __slots__ = (
        "blocked_until",
        "floor",
        "in_flight",
        "limit",
        "remaining",
        "reset_at",
        "unlimited",
        "window",
    )

    def __init__(self) -> None:
        self.limit: int | None = None
        self.remaining = 0
        self.floor = 0
        self.window = -math.inf
        self.reset_at: float | None = None
        self.in_flight = 0
        self.blocked_until = -math.inf
        self.unlimited = False

    def delay(self, now: float) -> float:
        """Seconds until a request may be sent: 0 now, ``inf`` until a response.

        May open a new window (rule 4), so call it before :meth:`reserve`.
        """
        if now < self.blocked_until:
            return self.blocked_until - now

        if self.unlimited:
            return 0.0

        if self.limit is None:
            return 0.0 if self.in_flight == 0 else math.inf

        if self.reset_at is not None and now >= self.reset_at:
            # Rule 4: Discord's window is over too; requests in flight may land in
            # the next one.
            self.remaining = self.limit - self.in_flight
            self.reset_at = None

        if self.remaining > 0:
            return 0.0

        if self.reset_at is not None:
            return self.reset_at - now

        # Nothing in flight can report the window: send one to learn it.
        return math.inf if self.in_flight else 0.0

    def reserve(self) -> None:
        """Count a request that is about to be sent."""
        self.remaining -= 1
        self.in_flight += 1

    def finish(self) -> None:
        """A request reserved here is no longer in flight."""
        self.in_flight -= 1

    def cancel(self) -> None:
        """A reserved request will not be sent after all: give its slot back."""
        self.in_flight -= 1
        self.remaining += 1

    def observe(self, now: float, info: RateLimitInfo) -> None:
        """Learn from a response's headers (rules 3 and 5) and from a 429 (rule 6)."""
        if info.retry_after is not None:
            self.blocked_until = max(self.blocked_until, now + info.retry_after)

        window = info.window
        if window is None:
            self._learn_unlimited(info)
            return

        self.limit = window.limit
        if window.reset > self.window:
            self.window = window.reset
            self.reset_at = now + window.reset_after
            self.floor = window.remaining
        elif window.reset == self.window and self.reset_at is not None:
            self.floor = min(self.floor, window.remaining)
        else:
            # A late answer from a window already over: nothing to learn.
            return

        self.remaining = max(self.floor - self.in_flight, 0)

    def idle(self, now: float) -> bool:
        """Whether forgetting this state loses nothing (it would be learned again)."""
        if self.in_flight or now < self.blocked_until:
            return False

        return self.reset_at is None or now >= self.reset_at

    def _learn_unlimited(self, info: RateLimitInfo) -> None:
        # A success without headers: the route has no per-route limit. Anything else
        # without headers (an error page from a proxy) says nothing.
        if self.limit is None and 200 <= info.status < 300:
            self.unlimited = True


class GlobalWindow:
    """The per-bot global limit, kept by the rule 7 count.

    A store calls :meth:`delay`, then :meth:`reserve`, for a request with
    ``counts_global``; :meth:`finish` when it is settled, and :meth:`block` after a
    global 429.
    """

    __slots__ = ("_ends", "blocked_until", "in_flight", "limit", "period")

    def __init__(self, limit: int = 50, period: float = 1.0) -> None:
        self.limit = limit
        self.period = period
        self.in_flight = 0
        self.blocked_until = -math.inf
        self._ends: deque[float] = deque()

    def delay(self, now: float) -> float:
        """Seconds until one more request may be sent (``inf``: until one settles)."""
        if now < self.blocked_until:
            return self.blocked_until - now

        while self._ends and self._ends[0] <= now:
            self._ends.popleft()

        if self.in_flight + len(self._ends) < self.limit:
            return 0.0

        return self._ends[0] - now if self._ends else math.inf

    def reserve(self) -> None:
        """Count a request that is about to be sent."""
        self.in_flight += 1

    def finish(self, now: float) -> None:
        """A request is settled; it still counts for one period from now."""
        self.in_flight -= 1
        self._ends.append(now + self.period)

    def block(self, now: float, retry_after: float) -> None:
        """A global 429: nothing bot-authorized goes out for ``retry_after`` seconds."""
        self.blocked_until = max(self.blocked_until, now + retry_after)
