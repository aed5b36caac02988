"""The rate-limit bookkeeping, without I/O: parsing, buckets, the global limit.

A simulation plays a Discord bucket against :class:`BucketState` with random
latencies, and checks that no window ever receives more than its limit.
"""

from __future__ import annotations

import heapq
import math
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikit.rest._ratelimit import (
    BucketState,
    GlobalWindow,
    RateLimitInfo,
    Window,
    parse_rate_limit,
)
from tests.shared import load_json, payload_files

RATE_LIMITS = [p for p in payload_files("errors") if p.stem.startswith("ratelimit_429")]


def _window(limit: int, remaining: int, reset: float, after: float) -> RateLimitInfo:
    return RateLimitInfo(
        status=200, bucket="b", window=Window(limit, remaining, reset, after)
    )


# -- parsing ---------------------------------------------------------------------------


@pytest.mark.skipif(not RATE_LIMITS, reason="../shared/discord-payloads is absent")
@pytest.mark.parametrize("path", RATE_LIMITS, ids=[p.stem for p in RATE_LIMITS])
def test_documented_429s_parse(path: Path) -> None:
    example: dict[str, Any] = load_json(path)
    headers = httpx.Headers(example["headers"])
    body = httpx.Response(429, json=example["body"]).content

    info = parse_rate_limit(example["status"], headers, body)

    assert info.scope == example["headers"]["X-RateLimit-Scope"]
    # The body's exact float wins over the header's whole seconds.
    assert info.retry_after == example["body"]["retry_after"]
    assert info.is_global == example["body"]["global"]
    has_bucket = "X-RateLimit-Bucket" in example["headers"]
    assert (info.window is not None) == has_bucket
    assert info.bucket == example["headers"].get("X-RateLimit-Bucket")


def test_success_headers_parse() -> None:
    headers = httpx.Headers(
        {
            "X-RateLimit-Limit": "5",
            "X-RateLimit-Remaining": "4",
            "X-RateLimit-Reset": "1470173023.123",
            "X-RateLimit-Reset-After": "1.5",
            "X-RateLimit-Bucket": "abcd",
        }
    )

    info = parse_rate_limit(200, headers)

    assert info == RateLimitInfo(
        status=200, bucket="abcd", window=Window(5, 4, 1470173023.123, 1.5)
    )
    assert info.retry_after is None


@pytest.mark.parametrize(
    ("headers", "body", "retry_after", "scope"),
    [
        pytest.param({"Retry-After": "3"}, b"", 3.0, "user", id="header-only"),
        pytest.param(
            {"Retry-After": "3"}, b"<html>slow down</html>", 3.0, "user", id="html-body"
        ),
        pytest.param(
            {},
            b'{"retry_after": 0.5, "global": true}',
            0.5,
            "global",
            id="global-in-body",
        ),
        pytest.param(
            {"X-RateLimit-Global": "true", "Retry-After": "2"},
            b"",
            2.0,
            "global",
            id="global-header",
        ),
        pytest.param({}, b"", 1.0, "user", id="nothing-said"),
        pytest.param({"Retry-After": "nan"}, b"", 1.0, "user", id="nonsense"),
    ],
)
def test_429_without_the_usual_parts(
    headers: dict[str, str], body: bytes, retry_after: float, scope: str
) -> None:
    info = parse_rate_limit(429, httpx.Headers(headers), body)

    assert info.retry_after == retry_after
    assert info.scope == scope


def test_incomplete_window_headers_are_no_window() -> None:
    info = parse_rate_limit(200, httpx.Headers({"X-RateLimit-Limit": "5"}))

    assert info.window is None


# -- one bucket ------------------------------------------------------------------------


def test_unknown_bucket_lets_one_request_learn_it() -> None:
    state = BucketState()

    assert state.delay(0.0) == 0
    state.reserve()
    assert state.delay(0.0) == math.inf

    state.finish()
    state.observe(0.1, _window(5, 4, 1000.0, 1.0))

    assert state.delay(0.1) == 0
    assert state.remaining == 4


def test_requests_in_flight_count_against_what_discord_reports() -> None:
    state = BucketState()
    state.reserve()
    state.finish()
    state.observe(0.0, _window(5, 4, 1000.0, 1.0))
    for _ in range(4):
        state.reserve()

    state.finish()
    state.observe(0.1, _window(5, 3, 1000.0, 0.9))

    # Three still in flight, each of which Discord may count after this answer.
    assert state.remaining == 0
    assert state.delay(0.1) == pytest.approx(0.9)


def test_a_late_answer_cannot_raise_remaining() -> None:
    state = BucketState()
    state.reserve()
    state.reserve()
    state.finish()
    state.observe(0.0, _window(5, 2, 1000.0, 1.0))
    state.finish()
    state.observe(0.0, _window(5, 3, 1000.0, 1.0))

    assert state.remaining == 2


def test_an_answer_from_an_old_window_is_ignored() -> None:
    state = BucketState()
    state.reserve()
    state.finish()
    state.observe(0.0, _window(5, 4, 1000.0, 1.0))
    state.reserve()  # answered late, below
    assert state.delay(1.0) == 0
    state.reserve()
    state.finish()
    state.observe(1.1, _window(5, 4, 1001.0, 0.9))
    assert state.remaining == 3

    state.finish()
    state.observe(1.2, _window(5, 0, 1000.0, 0.0))

    assert state.remaining == 3


def test_a_new_window_expects_the_requests_still_in_flight() -> None:
    state = BucketState()
    state.reserve()
    state.finish()
    state.observe(0.0, _window(3, 2, 1000.0, 1.0))
    state.reserve()
    state.reserve()

    assert state.delay(0.5) == pytest.approx(0.5)
    assert state.delay(1.0) == 0
    assert state.remaining == 1


def test_a_429_blocks_the_bucket_for_retry_after() -> None:
    state = BucketState()
    state.reserve()
    state.finish()
    state.observe(0.0, RateLimitInfo(status=429, retry_after=2.0, scope="shared"))

    assert state.delay(0.5) == pytest.approx(1.5)
    assert state.delay(2.0) == 0


def test_success_without_headers_means_no_route_limit() -> None:
    state = BucketState()
    state.reserve()
    state.finish()
    state.observe(0.0, RateLimitInfo(status=200))
    for _ in range(100):
        assert state.delay(0.0) == 0
        state.reserve()


def test_a_proxy_error_without_headers_teaches_nothing() -> None:
    state = BucketState()
    state.reserve()
    state.finish()
    state.observe(0.0, RateLimitInfo(status=502))

    assert not state.unlimited
    assert state.limit is None


def test_cancel_gives_the_slot_back() -> None:
    state = BucketState()
    state.reserve()
    state.finish()
    state.observe(0.0, _window(2, 1, 1000.0, 1.0))
    state.reserve()
    state.cancel()

    assert state.remaining == 1
    assert state.in_flight == 0


def test_idle_only_when_nothing_is_pending() -> None:
    state = BucketState()
    state.reserve()
    assert not state.idle(0.0)

    state.finish()
    state.observe(0.0, _window(2, 1, 1000.0, 1.0))
    assert not state.idle(0.5)
    assert state.idle(1.0)


# -- the global limit ------------------------------------------------------------------


def test_global_window_counts_until_a_period_after_the_answer() -> None:
    limit = GlobalWindow(limit=2, period=1.0)
    limit.reserve()
    limit.reserve()
    assert limit.delay(0.0) == math.inf

    limit.finish(0.2)
    limit.finish(0.3)
    assert limit.delay(0.5) == pytest.approx(0.7)
    assert limit.delay(1.2) == 0


def test_global_429_blocks_everything() -> None:
    limit = GlobalWindow()
    limit.block(0.0, 3.0)

    assert limit.delay(1.0) == pytest.approx(2.0)
    assert limit.delay(3.0) == 0


# -- a simulated Discord bucket --------------------------------------------------------


class _Server:
    """A fixed window that opens with the first request after the last one ended."""

    def __init__(self, limit: int, period: float) -> None:
        self.limit = limit
        self.period = period
        self.ends = -math.inf
        self.count = 0
        self.worst = 0

    def arrive(self, now: float) -> Window:
        if now >= self.ends:
            self.ends, self.count = now + self.period, 0

        self.count += 1
        self.worst = max(self.worst, self.count)
        return Window(
            self.limit, max(self.limit - self.count, 0), self.ends, self.ends - now
        )


class _Simulation:
    """Requests, each (latency to Discord, latency back, when the caller asks for it),
    sent through a :class:`BucketState` to a :class:`_Server`."""

    # Same instant: Discord handles arrivals first, then answers land, then callers.
    ARRIVE, ANSWER, ASK, WAKE = range(4)

    def __init__(
        self, server: _Server, requests: list[tuple[float, float, float]]
    ) -> None:
        self.server = server
        self.requests = requests
        self.state = BucketState()
        self.events: list[tuple[float, int, int, int, Window | None]] = []
        self.waiting: list[int] = []
        self.sent = 0
        self._seq = 0

    def run(self) -> None:
        for index, (_, _, asked) in enumerate(self.requests):
            self._push(asked, self.ASK, index)

        while self.events:
            now, kind, _, index, window = heapq.heappop(self.events)
            self._happen(now, kind, index, window)
            self._send_what_may_go(now)

    def _push(
        self, at: float, kind: int, index: int, window: Window | None = None
    ) -> None:
        self._seq += 1
        heapq.heappush(self.events, (at, kind, self._seq, index, window))

    def _happen(self, now: float, kind: int, index: int, window: Window | None) -> None:
        if kind == self.ASK:
            self.waiting.append(index)
        elif kind == self.ARRIVE:
            answer = self.server.arrive(now)
            self._push(now + self.requests[index][1], self.ANSWER, index, answer)
        elif kind == self.ANSWER:
            self.state.finish()
            self.state.observe(now, RateLimitInfo(status=200, window=window))

    def _send_what_may_go(self, now: float) -> None:
        while self.waiting:
            delay = self.state.delay(now)
            if delay > 0:
                if delay != math.inf:
                    self._push(now + delay, self.WAKE, -1)
                return

            self.state.reserve()
            self.sent += 1
            index = self.waiting.pop(0)
            self._push(now + self.requests[index][0], self.ARRIVE, index)


@settings(max_examples=300, deadline=None)
@given(
    limit=st.integers(1, 6),
    period=st.floats(0.05, 1.0),
    requests=st.lists(
        st.tuples(st.floats(0, 0.2), st.floats(0, 0.2), st.floats(0, 0.5)),
        min_size=1,
        max_size=40,
    ),
)
def test_simulated_bucket_is_never_exceeded(
    limit: int, period: float, requests: list[tuple[float, float, float]]
) -> None:
    server = _Server(limit, period)
    simulation = _Simulation(server, requests)

    simulation.run()

    assert simulation.sent == len(requests)
    assert server.worst <= limit
