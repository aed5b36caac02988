"""custom_id routes: typed templates that build and parse custom_ids, and the table
that finds a custom_id's route.

>>> route = Route("vote/{poll_id}/{choice}", {"poll_id": int, "choice": str})
>>> route.build(poll_id=7, choice="yes/no")
'vote/7/yes~1no'
>>> route.parse("vote/7/yes~1no")
{'poll_id': 7, 'choice': 'yes/no'}

The grammar, the escaping and the table key are described atop ``_template.py``;
``docs/routes.md`` is the user's guide.

Versioning
    Discord keeps a message's custom_ids for as long as the message lives, so a click
    may carry an id built months and many deploys ago. Only the values are in the
    id, by position; the parameter names are not. So renaming a parameter, or
    widening its type (adding a Literal value, an Enum member), keeps old ids
    working. Anything else (adding, removing or reordering parameters, changing a
    type) changes what an id means: register the new handler under a new template,
    ``vote/v2/{poll_id}/{choice}``, and keep the old template ``vote/{choice}`` with
    a small adapter handler that converts the old values and calls the new one. When
    the table refuses the pair (same first segment and length, literals in other
    places), put the version in the first segment instead: ``vote2/{...}``.
"""

from __future__ import annotations

from ikit.routing._route import Route
from ikit.routing._table import Match, RouteTable
from ikit.routing._template import ESCAPE, MAX_LENGTH, SEPARATOR

__all__ = ["ESCAPE", "MAX_LENGTH", "SEPARATOR", "Match", "Route", "RouteTable"]
