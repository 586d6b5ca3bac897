"""Entry point: `pleegreflectie` and `python -m pleegreflectie`."""

from __future__ import annotations

import sys


def main() -> None:
    # The version needs nothing else: answer it before typer and click are imported.
    if sys.argv[1:] in (["--version"], ["-V"]):
        from . import __version__

        print(f"pleegreflectie {__version__}")
        return
    from .cli import run

    sys.exit(run())


if __name__ == "__main__":
    main()
