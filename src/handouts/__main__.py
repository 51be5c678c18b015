"""python -m handouts."""

from .cli import main

raise SystemExit(main())
