"""Entry point: `pleegreflectie` and `python -m pleegreflectie`."""

from __future__ import annotations

import sys


def main() -> None:
    # The version needs nothing else: answer it before typer and click are imported.
    if sys.argv[1:] in (["--version"], ["-V"]):
        from . import __version__
        from .errors import PleegreflectieError
        from .streams import finish, prepare

        prepare()
        try:
            print(f"pleegreflectie {__version__}")
            finish()
        except PleegreflectieError as exc:
            print(f"Fout: {exc.message}", file=sys.stderr)
            sys.exit(int(exc.exit_code))
        return
    from .cli import run

    sys.exit(run())


if __name__ == "__main__":
    main()
