"""ikit: Discord interactions over HTTP, typed and stateless.

The public namespace. Heavy parts (the server, the REST client) are imported on first
use, so ``import ikit`` stays light.
"""

from __future__ import annotations

from ikit import errors, models

__all__ = ["errors", "models"]

__version__ = "0.1.0.dev0"
