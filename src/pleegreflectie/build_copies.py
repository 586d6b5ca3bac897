"""Make the msgpack copies of the bundled data files (datacache.py) in a folder.

Called only when the wheel is built (hatch_build.py runs `python -m pleegreflectie.build_copies
FOLDER` with src/ on the path) and by the tests; the program never imports it. It reads the bundled
YAML files, checks them as the loaders do, and stops with their Dutch file:line message when one is
wrong, so a wheel with broken data is not built.
"""

import sys
from pathlib import Path

from . import datacache
from .advice_file import ADVICE
from .load import CATALOGUE, FRAMEWORK
from .profile_file import PROFILE
from .signals_file import SIGNALS
from .terms_file import COUNTRIES


def copies() -> dict[str, bytes]:
    """Each bundled YAML file's name -> its copy, from the YAML (never from a copy)."""
    framework_source = FRAMEWORK.bundled()
    framework = FRAMEWORK.parse(framework_source)
    result = {FRAMEWORK.name: datacache.encode(framework_source.text, framework)}
    for kind, context in ((CATALOGUE, (framework,)), (SIGNALS, (framework,))):
        source = kind.bundled()
        result[kind.name] = datacache.encode(source.text, kind.parse(source, *context), *context)
    for plain in (ADVICE, PROFILE, COUNTRIES):
        source = plain.bundled()
        result[plain.name] = datacache.encode(source.text, plain.parse(source))
    return result


def write_copies(folder: Path) -> list[Path]:
    """Write `<name>.msgpack` for every bundled file into `folder`; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in copies().items():
        path = folder / f"{name}{datacache.SUFFIX}"
        path.write_bytes(data)
        written.append(path)
    return written


def main() -> None:
    """`... FOLDER`: write the copies into FOLDER and name them."""
    for path in write_copies(Path(sys.argv[-1])):
        print(path)


if __name__ == "__main__":
    main()
