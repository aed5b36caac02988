"""``python -m ikit``: the same as the ``ikit`` command."""

from ikit.cli import main

raise SystemExit(main())
