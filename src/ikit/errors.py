"""Every exception ikit raises.

Catch :class:`IkitError` to catch them all. The tree::

    IkitError
    ├── RequestRejected            an incoming request ikit refuses; carries .status
    │   ├── PayloadTooLarge        413: the body is over the size cap
    │   ├── InvalidSignature       401: missing, malformed or wrong Ed25519 signature,
    │   │                               or a timestamp outside the window
    │   ├── ReplayedInteraction    401: an interaction id seen before in the window
    │   └── DecodeError            400: the body is not a valid interaction payload
    ├── BuildError (ValueError)    a message, modal or component breaks Discord's
    │                              limits; .violations lists each with path and rule
    ├── DeclarationError (ValueError)
    │                              a command, option or route declaration Discord (or
    │                              ikit) would refuse; raised when it is declared
    ├── CustomIdError (ValueError) a custom_id that a route cannot build or parse
    ├── ResponseError              a handler answered in a way Discord forbids for
    │                              that interaction (an update to a command, ...)
    └── RestError                  the REST client gave up on a request
        ├── TransportError         the connection failed, after the retries allowed
        └── HTTPError              Discord answered with an error status
            ├── Unauthorized       401: the token is invalid; the client stops using it
            ├── Forbidden          403: missing access or permissions
            ├── NotFound           404: unknown message, webhook, interaction, ...
            ├── RateLimited        429: still limited after the retries allowed
            └── ServerError        5xx: Discord failed, after the retries allowed

An error says what went wrong and what to do next. Errors about a payload say what
was expected, what was found and where; errors about an argument name the parameter,
the rule and the value given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "BuildError",
    "CustomIdError",
    "DeclarationError",
    "DecodeError",
    "Forbidden",
    "HTTPError",
    "IkitError",
    "InvalidSignature",
    "NotFound",
    "PayloadTooLarge",
    "RateLimited",
    "ReplayedInteraction",
    "RequestRejected",
    "ResponseError",
    "RestError",
    "ServerError",
    "TransportError",
    "Unauthorized",
    "Violation",
]


class IkitError(Exception):
    """The base of every exception ikit raises."""


# -- incoming requests ---------------------------------------------------------------


class RequestRejected(IkitError):
    """An incoming request that ikit refuses, with the HTTP status to answer."""

    status: int = 400

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        if status is not None:
            self.status = status


class PayloadTooLarge(RequestRejected):
    """The request body is larger than the configured cap."""

    status = 413


class InvalidSignature(RequestRejected):
    """The request is not signed by Discord, or the signature is too old or too new."""

    status = 401


class ReplayedInteraction(RequestRejected):
    """An interaction id that was already received within the replay window."""

    status = 401


class DecodeError(RequestRejected):
    """The body is not a valid interaction payload.

    The message keeps the decoder's own words: what was expected, what was found, and
    the JSON path (``$.data.custom_id``). ``path`` holds that path alone when known.
    """

    status = 400

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


# -- building and declaring ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule: where in the tree, and what the rule says."""

    path: str
    rule: str

    def __str__(self) -> str:
        return f"{self.path}: {self.rule}" if self.path else self.rule


class BuildError(IkitError, ValueError):
    """A message, modal or component that breaks one or more of Discord's limits.

    The message lists every violation, one per line, each with its path from the root,
    for example ``components[0].components[5]: an action row holds at most 5 buttons
    (got 6)``.
    """

    def __init__(
        self, violations: Sequence[Violation], *, root: str = "message"
    ) -> None:
        self.violations: tuple[Violation, ...] = tuple(violations)
        self.root = root
        count = len(self.violations)
        lines = "\n".join(f"  {v}" for v in self.violations)
        super().__init__(f"this {root} breaks {count} of Discord's rules:\n{lines}")


class DeclarationError(IkitError, ValueError):
    """A command, option or route declaration that Discord or ikit would refuse."""


class CustomIdError(IkitError, ValueError):
    """A custom_id that a route cannot build (too long, bad value) or parse."""


class ResponseError(IkitError):
    """A handler answered an interaction in a way Discord forbids for it."""


# -- REST ----------------------------------------------------------------------------


class RestError(IkitError):
    """The REST client gave up on a request."""


class TransportError(RestError):
    """The connection to Discord failed, and retries (where safe) did not help."""


class HTTPError(RestError):
    """Discord answered a request with an error status.

    ``errors`` maps each failing field's path (``embeds.0.title``) to Discord's
    messages for it, flattened from the nested ``errors`` object of the body.
    """

    def __init__(
        self,
        *,
        status: int,
        method: str,
        route: str,
        code: int = 0,
        message: str = "",
        errors: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        self.status = status
        self.method = method
        self.route = route
        self.code = code
        self.message = message
        self.errors: dict[str, list[str]] = {
            k: list(v) for k, v in (errors or {}).items()
        }
        super().__init__(self._describe())

    def _describe(self) -> str:
        head = f"{self.method} {self.route} failed with {self.status}"
        if self.code:
            head += f" (Discord code {self.code})"
        if self.message:
            head += f": {self.message}"
        # An error about the request as a whole has the empty path.
        details = [
            f"  {path}: {msg}" if path else f"  {msg}"
            for path, msgs in self.errors.items()
            for msg in msgs
        ]
        return "\n".join([head, *details])


class Unauthorized(HTTPError):
    """401: the token is invalid or revoked; the client refuses to use it again."""


class Forbidden(HTTPError):
    """403: the bot lacks access or permissions for this request."""


class NotFound(HTTPError):
    """404: the resource (message, webhook, interaction token, ...) does not exist."""


class RateLimited(HTTPError):
    """429: still rate limited after the retries allowed.

    ``retry_after`` is in seconds; ``scope`` is ``user``, ``global`` or ``shared``.
    """

    def __init__(
        self,
        *,
        method: str,
        route: str,
        retry_after: float,
        scope: str = "user",
        is_global: bool = False,
        code: int = 0,
        message: str = "",
    ) -> None:
        self.retry_after = retry_after
        self.scope = scope
        self.is_global = is_global
        super().__init__(
            status=429, method=method, route=route, code=code, message=message
        )


class ServerError(HTTPError):
    """5xx: Discord failed to handle the request, and retries did not help."""
