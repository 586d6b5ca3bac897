"""The commands. Thin: parse options, call the application (application.py), print, exit codes.

`base` holds the app, the Dutch help and the error boundary; each other module registers one group of
commands on import. Heavy imports (rich, questionary, the data) happen inside the commands, so that
`pleegreflectie --help` stays fast. The command modules have no `from __future__ import annotations`:
typer reads a command's signature on every run, and string annotations would first be compiled and
evaluated.
"""

from __future__ import annotations

import importlib

from .base import app, run

# Registered in this order, which is the order of `pleegreflectie --help`.
for _group in ("sitting", "papers", "saved", "catalogue", "organisation"):
    importlib.import_module(f"{__name__}.{_group}")

from .saved import OVERVIEW_LIMIT  # noqa: E402 - after the registration above

__all__ = ["OVERVIEW_LIMIT", "app", "run"]
