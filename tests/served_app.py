"""test_server.py's app, for ``ikit serve tests.served_app:app --server granian``.

The granian worker imports it in a process of its own; the key comes from
DISCORD_PUBLIC_KEY, which the test sets.
"""

from __future__ import annotations

import os

from tests.test_server import _app

app = _app(os.environ["DISCORD_PUBLIC_KEY"])
