"""Turning Discord's error answers into ikit's exceptions.

Discord's error body is ``{"code", "message", "errors"?}``. ``errors`` mirrors the
shape of the request (array indices become keys ``"0"``, ``"1"``...) and holds, at each
failing node, ``{"_errors": [{"code", "message"}]}``. :func:`flatten_errors` turns it
into ``{"embeds.0.title": ["Must be 256 or fewer in length."]}``; an error about the
whole request has the empty path.
"""

from __future__ import annotations

from typing import Any

import msgspec

from ikit.errors import (
    Forbidden,
    HTTPError,
    NotFound,
    RateLimited,
    ServerError,
    Unauthorized,
)
from ikit.rest._ratelimit import RateLimitInfo

__all__ = ["error_from_response", "flatten_errors"]

_BY_STATUS: dict[int, type[HTTPError]] = {
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
}


class ErrorBody(msgspec.Struct):
    code: int = 0
    message: str = ""
    errors: Any = None


def decode_error_body(body: bytes) -> ErrorBody:
    """The error body, or an empty one when it is not Discord's JSON (a proxy page)."""
    try:
        return msgspec.json.decode(body, type=ErrorBody)
    except msgspec.MsgspecError:
        return ErrorBody()


def flatten_errors(errors: object) -> dict[str, list[str]]:
    """Map each failing field's dotted path to Discord's messages for it."""
    flat: dict[str, list[str]] = {}
    _walk(errors, "", flat)
    return flat


def _walk(node: object, path: str, flat: dict[str, list[str]]) -> None:
    if not isinstance(node, dict):
        return

    for key, child in node.items():
        if key == "_errors":
            flat.setdefault(path, []).extend(_messages(child))
        else:
            _walk(child, f"{path}.{key}" if path else str(key), flat)


def _messages(entries: object) -> list[str]:
    if not isinstance(entries, list):
        return []

    return [_message(entry) for entry in entries]


def _message(entry: object) -> str:
    if isinstance(entry, dict):
        return str(entry.get("message") or entry.get("code") or entry)

    return str(entry)


def error_from_response(
    *,
    status: int,
    method: str,
    route: str,
    body: bytes,
    reason: str = "",
    rate_limit: RateLimitInfo | None = None,
) -> HTTPError:
    """The exception for an error answer; ``route`` is the template, never the path."""
    parsed = decode_error_body(body)
    message = parsed.message or reason
    if status == 429:
        info = rate_limit or RateLimitInfo(status=429)
        return RateLimited(
            method=method,
            route=route,
            retry_after=info.retry_after or 0.0,
            scope=info.scope or "user",
            is_global=info.is_global,
            code=parsed.code,
            message=message,
        )

    cls = ServerError if status >= 500 else _BY_STATUS.get(status, HTTPError)
    return cls(
        status=status,
        method=method,
        route=route,
        code=parsed.code,
        message=message,
        errors=flatten_errors(parsed.errors),
    )
