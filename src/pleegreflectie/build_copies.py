"""Make the msgpack copies of the bundled data files (datacache.py) in a folder.

Called only when the wheel is built (hatch_build.py runs `python -m pleegreflectie.build_copies
FOLDER` with src/ on the path) and by the tests; the program never imports it. It reads the bundled
YAML files, checks them as the loaders do, and stops with their Dutch file:line message when one is
wrong, so a wheel with broken data is not built.
"""

import sys
from pathlib import Path

from . import datacache
from .advice import ADVICE_FILE, parse_advice
from .load import CATALOGUE_FILE, FRAMEWORK_FILE, bundled, parse_catalogue, parse_framework
from .profile import PROFILE_FILE, PROFILE_LIMITS, parse_profile_questions
from .signals import SIGNALS_FILE, parse_signals
from .terms import COUNTRIES_FILE, COUNTRIES_LIMITS, parse_countries


def copies() -> dict[str, bytes]:
    """Each bundled YAML file's name -> its copy, from the YAML (never from a copy)."""
    framework_source = bundled(FRAMEWORK_FILE)
    framework = parse_framework(framework_source)
    catalogue = bundled(CATALOGUE_FILE)
    signals = bundled(SIGNALS_FILE)
    advice = bundled(ADVICE_FILE)
    profile = bundled(PROFILE_FILE, PROFILE_LIMITS)
    countries = bundled(COUNTRIES_FILE, COUNTRIES_LIMITS)
    return {
        FRAMEWORK_FILE: datacache.encode(framework_source.text, framework),
        CATALOGUE_FILE: datacache.encode(catalogue.text, parse_catalogue(framework, catalogue), framework),
        SIGNALS_FILE: datacache.encode(signals.text, parse_signals(framework, signals), framework),
        ADVICE_FILE: datacache.encode(advice.text, parse_advice(advice)),
        PROFILE_FILE: datacache.encode(profile.text, parse_profile_questions(profile)),
        COUNTRIES_FILE: datacache.encode(countries.text, parse_countries(countries)),
    }


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
