"""The REST client: the core and the endpoint methods, by resource, in one class."""

from __future__ import annotations

from ikit.rest._commands import CommandEndpoints
from ikit.rest._interactions import InteractionEndpoints
from ikit.rest._resources import ResourceEndpoints

__all__ = ["RestClient"]


class RestClient(InteractionEndpoints, CommandEndpoints, ResourceEndpoints):
    """A client for Discord's REST API, on one ``httpx.AsyncClient``.

    ``RestClient(token=...)`` sends ``Authorization: Bot <token>`` on the routes that
    need it; the interaction and webhook routes are authorized by the token in their
    path and work without one. Use it as an async context manager, or call
    :meth:`aclose`. Every request keeps Discord's rate limits (see
    :class:`~ikit.rest.RateLimitStore`) and is retried where that is safe (see
    :class:`~ikit.rest.RetryPolicy`).

    ``request(method, route, ...)`` reaches any endpoint that has no method yet.
    """
