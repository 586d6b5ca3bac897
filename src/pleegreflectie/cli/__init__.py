"""The commands. Thin: parse options, call the domain, print, exit codes.

`base` holds the app, the Dutch help and the error boundary; each other module registers one group of
commands on import. Heavy imports (rich, questionary, the data) happen inside the commands, so that
`pleegreflectie --help` stays fast.
"""

from __future__ import annotations

from . import catalogue, papers, saved, sitting  # noqa: F401 - registers the commands
from .base import app, run
from .saved import OVERVIEW_LIMIT

__all__ = ["OVERVIEW_LIMIT", "app", "run"]
