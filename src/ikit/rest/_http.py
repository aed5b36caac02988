"""The REST client's core: one httpx client, authorization, rate limits, retries.

:meth:`HTTPCore.request` sends one logical request. Each attempt reserves a slot in the
:class:`~ikit.rest.RateLimitStore` and settles it, whatever happens. What is retried:

- a 429, after the wait it asks for (the store enforces it), up to
  ``RetryPolicy.rate_limit_retries`` times, and never when the wait is longer than
  ``RetryPolicy.max_retry_after``;
- a connection that failed before the request left (connect error or timeout, no free
  connection in the pool), for every method;
- a 5xx answer or a connection lost after sending, only when sending twice does no harm
  (idempotent methods, and the POSTs the endpoint methods declare safe).

A 401 on a bot-authorized request retires the bot token: later requests that need it
fail at once, without touching the network. So does an "unknown webhook" or "unknown
interaction" answer for the token in its path. The refusal is checked twice: before a
request waits for its slot, and again once it has the slot, since the answer that
refused the credential may have come in while it waited; and it is remembered before
the refused request gives its slot back, so the next in line sees it.

A retried interaction callback that Discord refuses with 40060 ("already
acknowledged") succeeded: an earlier attempt, whose answer was lost, was accepted.
"""

from __future__ import annotations

import logging
import random
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Self, TypeVar, overload

import anyio
import httpx
import msgspec

from ikit import __version__
from ikit.errors import (
    DecodeError,
    HTTPError,
    RestError,
    TransportError,
    Unauthorized,
)
from ikit.models._decode import decode, encode
from ikit.rest._errors import error_from_response
from ikit.rest._multipart import File, MultipartField, build_multipart
from ikit.rest._ratelimit import RateLimitInfo, parse_rate_limit
from ikit.rest._routes import INTERACTION_CALLBACK, Route
from ikit.rest._store import MemoryRateLimitStore, RateLimitStore, Reservation

__all__ = ["DEFAULT_BASE_URL", "USER_AGENT", "HTTPCore", "RetryPolicy"]

T = TypeVar("T")

DEFAULT_BASE_URL = "https://discord.com/api/v10"
# The form Discord asks for; Cloudflare may block requests without it.
USER_AGENT = f"DiscordBot (https://github.com/ikit-py/ikit, {__version__})"

QueryParams = Mapping[str, str | int | bool | None]

_log = logging.getLogger("ikit.rest")

_IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"})
# These failures happen before a byte of the request leaves: retrying cannot repeat it.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# Answers that mean the token in the path is dead: unknown webhook, unknown
# interaction, invalid webhook token.
_DEAD_TOKEN_CODES = frozenset({10015, 10062, 50027})
_DEAD_TOKENS_KEPT = 4096
_ALREADY_ACKNOWLEDGED = 40060

_ADVICE = {
    "user": "another process may be using this token: give them one shared "
    "RateLimitStore",
    "global": "the bot sends more than the global limit allows across its processes: "
    "share one RateLimitStore or send fewer requests",
    "shared": "the resource is busy for everyone; nothing to change unless it lasts",
}


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How hard the client tries before it raises."""

    retries: int = 3
    """Retries after a 5xx or a failed connection (where retrying is safe)."""
    backoff: float = 0.5
    """The first retry waits up to this many seconds; each later one, twice as long."""
    max_backoff: float = 8.0
    rate_limit_retries: int = 5
    """Retries after a 429, each after the wait Discord asked for."""
    max_retry_after: float = 60.0
    """A 429 asking to wait longer than this is raised at once as RateLimited."""

    def delay(self, failures: int) -> float:
        """The wait before retry number ``failures`` (1-based), with full jitter."""
        ceiling = min(self.max_backoff, self.backoff * 2 ** (failures - 1))
        return random.uniform(0, ceiling)


@dataclass(slots=True)
class _Call:
    """One logical request, as every attempt sends it."""

    method: str
    route: Route
    idempotent: bool
    wants_body: bool = True
    content: bytes | None = None
    files: list[MultipartField] | None = None
    params: dict[str, str | int | bool] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    may_have_landed: bool = False
    """Whether an earlier attempt may have reached Discord (5xx, or lost after
    sending)."""

    @property
    def name(self) -> str:
        """``METHOD /template``: how logs, errors and the rate limiter name it."""
        return f"{self.method} {self.route.template}"


class HTTPCore:
    """Sends requests to Discord's REST API; the endpoint methods build on it."""

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float | httpx.Timeout = 10.0,
        store: RateLimitStore | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        user_agent: str = USER_AGENT,
    ) -> None:
        self._authorization = _authorization(token)
        self._token_retired = False
        self._dead_tokens: OrderedDict[str, HTTPError] = OrderedDict()
        self.store: RateLimitStore = store or MemoryRateLimitStore()
        self.retry = retry or RetryPolicy()
        self._http = httpx.AsyncClient(
            base_url=base_url,
            timeout=timeout,
            transport=transport,
            headers={"User-Agent": user_agent},
        )

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connections. The client cannot send afterwards."""
        await self._http.aclose()

    @property
    def is_closed(self) -> bool:
        """Whether :meth:`aclose` has run: a closed client cannot send."""
        return self._http.is_closed

    @overload
    async def request(
        self,
        method: str,
        route: Route,
        *,
        json: object = None,
        files: Sequence[File] = (),
        params: QueryParams | None = None,
        idempotent: bool | None = None,
        response_type: type[T],
    ) -> T: ...

    @overload
    async def request(
        self,
        method: str,
        route: Route,
        *,
        json: object = None,
        files: Sequence[File] = (),
        params: QueryParams | None = None,
        idempotent: bool | None = None,
        response_type: None = None,
    ) -> None: ...

    async def request(
        self,
        method: str,
        route: Route,
        *,
        json: object = None,
        files: Sequence[File] = (),
        params: QueryParams | None = None,
        idempotent: bool | None = None,
        response_type: type[T] | None = None,
    ) -> T | None:
        """Send one request and decode its answer into ``response_type``.

        ``json`` is encoded with msgspec (snowflakes as strings); with ``files`` it
        becomes the ``payload_json`` part of a multipart body. ``idempotent`` says
        whether sending it twice is harmless (default: by method; POST is not).
        ``response_type=None`` ignores the body.

        Raises a subclass of :class:`ikit.errors.HTTPError` for an error status, and
        :class:`ikit.errors.TransportError` when the connection fails, once the
        retries allowed are spent.
        """
        method = method.upper()
        # Checked again once the request has its slot (see _attempt); this check
        # spares it the wait.
        refusal = self._refusal(method, route)
        if refusal is not None:
            raise refusal

        if idempotent is None:
            idempotent = method in _IDEMPOTENT

        call = _Call(method, route, idempotent, wants_body=response_type is not None)

        await self._prepare(call, json, files, params)
        response = await self._send(call)
        if response_type is None:
            return None

        return _decode(call, response, response_type)

    async def _prepare(
        self,
        call: _Call,
        json: object,
        files: Sequence[File],
        params: QueryParams | None,
    ) -> None:
        call.params = {k: v for k, v in (params or {}).items() if v is not None}
        if not call.route.token_in_path and self._authorization:
            call.headers["Authorization"] = self._authorization

        if files:
            in_data = call.route.template == INTERACTION_CALLBACK
            call.files = await build_multipart(json, files, in_data=in_data)
        elif json is not None:
            call.content = encode(json)
            call.headers["Content-Type"] = "application/json"

    def _refusal(self, method: str, route: Route) -> HTTPError | None:
        """The error to raise without the network, when the credential is known to
        be refused."""
        if route.token_in_path:
            dead = self._dead_tokens.get(route.token_key or "")
            if dead is None:
                return None

            return type(dead)(
                status=dead.status,
                method=method,
                route=route.template,
                code=dead.code,
                message=f"{dead.message} (reported earlier for this token, "
                "so the request was not sent)",
            )

        if self._authorization is None:
            return _unauthorized(
                method, route, "this RestClient has no bot token; pass token="
            )

        if self._token_retired:
            return _unauthorized(
                method,
                route,
                "Discord refused this bot token earlier, so it is not sent again; "
                "create a RestClient with a valid token",
            )

        return None

    async def _send(self, call: _Call) -> httpx.Response:
        failures = limited = 0
        while True:
            try:
                response, info, error = await self._attempt(call)
            except httpx.TransportError as failed:
                failures += 1
                await self._before_transport_retry(call, failed, failures)
                continue

            status = response.status_code
            if status == 429 and error is not None:
                limited += 1
                self._before_rate_limit_retry(call, error, info, limited)
                continue

            if status >= 500 and call.idempotent and failures < self.retry.retries:
                failures += 1
                call.may_have_landed = True
                await self._pause(call, f"status {status}", failures)
                continue

            if error is not None:
                return self._raise_unless_answered(call, response, error)

            return response

    async def _attempt(
        self, call: _Call
    ) -> tuple[httpx.Response, RateLimitInfo, HTTPError | None]:
        """One attempt: the answer, its rate-limit headers, and its error if any."""
        reservation = await self.store.acquire(
            call.name, call.route.major, counts_global=not call.route.token_in_path
        )
        # The request ahead of this one in the bucket may have been refused while
        # this one waited: the same credential would be refused again.
        refusal = self._refusal(call.method, call.route)
        if refusal is not None:
            await self._settle(reservation, None)
            raise refusal

        try:
            response = await self._http.request(
                call.method,
                call.route.path,
                content=call.content,
                files=call.files,
                # None, not {}: an empty mapping costs httpx a second URL parse.
                params=call.params or None,
                headers=call.headers,
            )
        except BaseException:
            # No answer, or cancelled: the slot is settled all the same, or it leaks.
            await self._settle(reservation, None)
            raise

        info = parse_rate_limit(
            response.status_code, response.headers, response.content
        )
        # Before the slot is given back: a refusal must be known to whoever takes it.
        error = (
            self._error(call, response, info) if response.status_code >= 400 else None
        )
        await self._settle(reservation, info)

        _log_attempt(call, response, info)
        return response, info, error

    async def _settle(
        self, reservation: Reservation, info: RateLimitInfo | None
    ) -> None:
        with anyio.CancelScope(shield=True):
            await self.store.release(reservation, info)

    def _raise_unless_answered(
        self, call: _Call, response: httpx.Response, error: HTTPError
    ) -> httpx.Response:
        """Raise ``error``, unless it says a lost earlier attempt was accepted.

        Discord accepts one answer per interaction. A retried callback refused as
        already acknowledged means the first attempt went through; only its answer
        was lost.
        """
        answered = (
            error.code == _ALREADY_ACKNOWLEDGED
            and call.may_have_landed
            and call.route.template == INTERACTION_CALLBACK
        )
        if not answered:
            raise error

        if call.wants_body:
            # What the first attempt created was in the answer that was lost.
            raise HTTPError(
                status=error.status,
                method=error.method,
                route=error.route,
                code=error.code,
                message=f"{error.message} (an earlier attempt, whose answer was lost, "
                "was accepted; read the message it made with get_original_response)",
            )

        _log.debug(
            "%s: the retry was refused as already acknowledged, so an earlier "
            "attempt was accepted; treating the callback as sent",
            call.name,
        )
        return response

    async def _before_transport_retry(
        self, call: _Call, error: httpx.TransportError, failures: int
    ) -> None:
        safe = call.idempotent or isinstance(error, _NOT_SENT)
        if not safe or failures > self.retry.retries:
            raise _transport_error(call, error, failures, safe) from error

        if not isinstance(error, _NOT_SENT):
            call.may_have_landed = True

        await self._pause(call, type(error).__name__, failures)

    async def _pause(self, call: _Call, why: str, failures: int) -> None:
        delay = self.retry.delay(failures)
        _log.debug("%s failed (%s); retry %d in %.2fs", call.name, why, failures, delay)
        await anyio.sleep(delay)

    def _before_rate_limit_retry(
        self,
        call: _Call,
        error: HTTPError,
        info: RateLimitInfo,
        limited: int,
    ) -> None:
        retry_after = info.retry_after or 0.0
        if (
            limited > self.retry.rate_limit_retries
            or retry_after > self.retry.max_retry_after
        ):
            raise error

        scope = info.scope or "user"
        _log.warning(
            "%s was rate limited (%s scope); retrying in %.2fs. If this repeats, %s.",
            call.name,
            scope,
            retry_after,
            _ADVICE.get(scope, _ADVICE["user"]),
        )

    def _error(
        self, call: _Call, response: httpx.Response, info: RateLimitInfo
    ) -> HTTPError:
        error = error_from_response(
            status=response.status_code,
            method=call.method,
            route=call.route.template,
            body=response.content,
            reason=response.reason_phrase,
            rate_limit=info,
        )
        self._remember_refusal(call, error)
        return error

    def _remember_refusal(self, call: _Call, error: HTTPError) -> None:
        if call.route.token_in_path:
            if error.code in _DEAD_TOKEN_CODES and call.route.token_key:
                self._dead_tokens[call.route.token_key] = error
                if len(self._dead_tokens) > _DEAD_TOKENS_KEPT:
                    self._dead_tokens.popitem(last=False)
            return

        if isinstance(error, Unauthorized) and not self._token_retired:
            self._token_retired = True
            _log.warning(
                "Discord refused the bot token (401 on %s); this client will not send "
                "it again. Check the token (DISCORD_TOKEN) and create a new client.",
                call.name,
            )


def _authorization(token: str | None) -> str | None:
    if not token:
        return None

    if token.startswith(("Bot ", "Bearer ")):
        return token

    return f"Bot {token}"


def _unauthorized(method: str, route: Route, message: str) -> Unauthorized:
    return Unauthorized(
        status=401, method=method, route=route.template, message=message
    )


def _transport_error(
    call: _Call, error: httpx.TransportError, failures: int, safe: bool
) -> TransportError:
    if safe:
        why = f"after {failures} attempts"
    else:
        why = (
            "and was not retried: Discord may have received it, and sending it "
            "again could repeat it"
        )

    return TransportError(f"{call.name} failed ({type(error).__name__}: {error}) {why}")


def _decode(call: _Call, response: httpx.Response, response_type: type[T]) -> T:
    try:
        if response_type is object:
            # Plain JSON, as Python's builtins: for endpoints without a model.
            raw: T = msgspec.json.decode(response.content)
            return raw

        return decode(response.content, response_type)
    except (DecodeError, msgspec.DecodeError) as error:
        name = getattr(response_type, "__name__", str(response_type))
        raise RestError(
            f"{call.name} answered {response.status_code} with a body that does not "
            f"decode as {name}: {error}"
        ) from None


def _log_attempt(
    call: _Call, response: httpx.Response, info: RateLimitInfo | None
) -> None:
    window = info.window if info else None
    _log.debug(
        "%s -> %d (bucket %s, remaining %s)",
        call.name,
        response.status_code,
        info.bucket if info else None,
        window.remaining if window else None,
    )
