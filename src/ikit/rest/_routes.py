"""Routes: a path template, the values that fill it, and the keys derived from them.

A :class:`Route` is what the rate limiter and the logs see of a request. The template
(``/channels/{channel_id}/messages``) names the route in logs, so a token in the path
never reaches a log line. The major parameters (channel, guild, webhook or interaction
token) split one Discord bucket into independent limits, as Discord documents.
"""

from __future__ import annotations

import functools
import hashlib
import string
from collections.abc import Mapping
from urllib.parse import quote

__all__ = ["INTERACTION_CALLBACK", "Route"]

#: The one route whose body wraps its message in ``data``.
INTERACTION_CALLBACK = "/interactions/{interaction_id}/{interaction_token}/callback"

# Discord's top-level resources. A route's rate limit is shared only between requests
# that agree on these; the first group found in a template is the route's major key.
_MAJOR_GROUPS: tuple[tuple[str, ...], ...] = (
    ("webhook_id", "webhook_token"),
    ("application_id", "interaction_token"),
    ("interaction_id", "interaction_token"),
    ("channel_id",),
    ("guild_id",),
    ("webhook_id",),
)

# Path parameters that are credentials: the route is authorized by them, not by the
# bot token, and their values are hashed before they become rate-limit keys.
_SECRETS = frozenset({"webhook_token", "interaction_token"})


@functools.lru_cache(maxsize=512)
def _fields(template: str) -> tuple[str, ...]:
    names = [name for _, name, _, _ in string.Formatter().parse(template) if name]
    return tuple(names)


def _fingerprint(secret: str) -> str:
    # Stable across processes (a shared store keys on it) and short; not reversible.
    return hashlib.blake2b(secret.encode(), digest_size=8).hexdigest()


def _major_key(names: tuple[str, ...], values: dict[str, str]) -> str:
    for group in _MAJOR_GROUPS:
        if all(name in names for name in group):
            return ",".join(f"{name}={_keyable(name, values[name])}" for name in group)

    return ""


def _keyable(name: str, value: str) -> str:
    return "#" + _fingerprint(value) if name in _SECRETS else value


class Route:
    """A REST path template and the values that fill it.

    ``Route("/channels/{channel_id}/messages", channel_id=123)`` names the route
    ``/channels/{channel_id}/messages`` in logs and errors, requests
    ``/channels/123/messages``, and shares its rate limit with other requests only
    when they are for channel 123.
    """

    __slots__ = ("major", "path", "template", "token_in_path", "token_key")

    template: str
    """The path with its ``{placeholders}``; the route's name in logs and errors."""
    path: str
    """The path with every placeholder filled and URL-quoted."""
    major: str
    """The major parameters, as a rate-limit key; tokens appear only as hashes."""
    token_in_path: bool
    """Whether a webhook or interaction token in the path authorizes the request.

    Such routes are sent without the bot token and are exempt from the global limit.
    """
    token_key: str | None
    """A fingerprint of the token in the path, or None when the route has none."""

    def __init__(self, template: str, /, **params: int | str) -> None:
        names = _fields(template)
        _check_params(template, names, params)
        values = {name: str(params[name]) for name in names}
        self.template = template
        self.path = template.format_map(
            {name: quote(value, safe="") for name, value in values.items()}
        )
        self.major = _major_key(names, values)
        secrets = [values[name] for name in names if name in _SECRETS]
        self.token_in_path = bool(secrets)
        self.token_key = _fingerprint(secrets[0]) if secrets else None

    def __repr__(self) -> str:
        return f"Route({self.template!r}, major={self.major!r})"


def _check_params(
    template: str, names: tuple[str, ...], params: Mapping[str, object]
) -> None:
    missing = [name for name in names if name not in params]
    extra = sorted(set(params) - set(names))
    if missing:
        raise TypeError(
            f"Route {template!r} needs a value for {', '.join(missing)}; "
            "pass each placeholder as a keyword argument."
        )

    if extra:
        raise TypeError(
            f"Route {template!r} has no placeholder for {', '.join(extra)}; "
            f"its placeholders are: {', '.join(names) or 'none'}."
        )
