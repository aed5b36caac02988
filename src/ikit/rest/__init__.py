"""ikit's REST client: Discord's HTTP API with its rate limits kept.

>>> async with RestClient(token=token) as rest:  # doctest: +SKIP
...     await rest.create_followup(application_id, interaction_token, message)
"""

from __future__ import annotations

from ikit.rest._client import RestClient
from ikit.rest._http import DEFAULT_BASE_URL, USER_AGENT, RetryPolicy
from ikit.rest._multipart import File
from ikit.rest._ratelimit import BucketState, GlobalWindow, RateLimitInfo, Window
from ikit.rest._routes import Route
from ikit.rest._store import MemoryRateLimitStore, RateLimitStore, Reservation

__all__ = [
    "DEFAULT_BASE_URL",
    "USER_AGENT",
    "BucketState",
    "File",
    "GlobalWindow",
    "MemoryRateLimitStore",
    "RateLimitInfo",
    "RateLimitStore",
    "Reservation",
    "RestClient",
    "RetryPolicy",
    "Route",
    "Window",
]
