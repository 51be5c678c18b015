"""`handouts i18n ...` subcommands (extract, update, status, pseudo): argument wiring only.

PLACEHOLDER until the localization issue lands.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]", add_project: Callable[[argparse.ArgumentParser], None], root: Callable[[argparse.Namespace], Path]) -> None:
    """Add the i18n command group to the top-level parser."""
    sub.add_parser("i18n", help="translation catalogs: extract, update, status, pseudo")
