"""The bundled data files, checked once: a msgpack copy of each checked model next to its YAML.

Reading pillars.yaml, courses.yaml, signalen.yaml, advies.yaml, profiel.yaml and landen.yaml means
parsing YAML and checking every field and id, a tenth of a whole run. The bundled files change only
with the program, so `data/<file>.msgpack` holds the checked model together with checksums of the
text it came from (and of the framework it was checked against). When the hash fits, msgspec decodes
the model at once (and checks its types and bounds again); when it does not (the YAML changed, a
copy is missing or broken), the YAML is read as always. A user's own file is always read as YAML.

Make the copies again after changing a bundled file: `python -m pleegreflectie.datacache` (a test
fails while a copy is stale). No user interface here.
"""

import zlib
from pathlib import Path
from typing import Any, TypeVar

import msgspec

FORMAT = 1  # raise when the layout of a copy changes
SUFFIX = ".msgpack"

T = TypeVar("T")


class _Copy(msgspec.Struct, frozen=True):
    key: str
    model: msgspec.Raw


def key(text: str, *context: Any) -> str:
    """What a copy must have been made from: this text, checked against this context.

    Two checksums and the length (zlib is loaded already; hashlib would load OpenSSL). This only
    notices a changed file: it is no seal, and needs none, since a copy sits next to its YAML.
    """
    data = b"".join([*(msgspec.msgpack.encode(item) for item in context), text.encode("utf-8")])
    return f"{FORMAT}:{len(data)}:{zlib.crc32(data):08x}:{zlib.adler32(data):08x}"


def copy_path(name: str) -> Path | None:
    """Where the copy of a bundled file sits (next to the YAML, as `load.bundled` finds it)."""
    here = Path(__file__).resolve().parent
    for folder in (here / "data", here.parents[1] / "data"):
        if (folder / name).is_file():
            return folder / f"{name}{SUFFIX}"
    return None


def cached(name: str, text: str, kind: type[T], *context: Any) -> T | None:
    """The checked model of a bundled file from its copy, or None when there is no fitting copy."""
    path = copy_path(name)
    if path is None:
        return None
    try:
        copy = msgspec.msgpack.decode(path.read_bytes(), type=_Copy)
        if copy.key != key(text, *context):
            return None
        return msgspec.msgpack.decode(copy.model, type=kind)
    except (OSError, msgspec.DecodeError, ValueError, TypeError):
        return None


def write(name: str, text: str, model: Any, *context: Any) -> Path:
    path = copy_path(name)
    if path is None:
        raise FileNotFoundError(name)
    copy = _Copy(key=key(text, *context), model=msgspec.Raw(msgspec.msgpack.encode(model)))
    path.write_bytes(msgspec.msgpack.encode(copy))
    return path


def refresh() -> list[Path]:
    """Read the bundled YAML files (never the copies) and write their copies."""
    from .advice import ADVICE_FILE, parse_advice
    from .load import CATALOGUE_FILE, FRAMEWORK_FILE, bundled, parse_catalogue, parse_framework
    from .profile import PROFILE_FILE, PROFILE_LIMITS, ProfileQuestions, parse_profile_questions
    from .signals import SIGNALS_FILE, parse_signals
    from .terms import COUNTRIES_FILE, COUNTRIES_LIMITS, parse_countries

    framework_source = bundled(FRAMEWORK_FILE)
    framework = parse_framework(framework_source)
    catalogue_source = bundled(CATALOGUE_FILE)
    signals_source = bundled(SIGNALS_FILE)
    advice_source = bundled(ADVICE_FILE)
    profile_source = bundled(PROFILE_FILE, PROFILE_LIMITS)
    profile: ProfileQuestions = parse_profile_questions(profile_source)
    countries_source = bundled(COUNTRIES_FILE, COUNTRIES_LIMITS)
    return [
        write(FRAMEWORK_FILE, framework_source.text, framework),
        write(CATALOGUE_FILE, catalogue_source.text, parse_catalogue(framework, catalogue_source), framework),
        write(SIGNALS_FILE, signals_source.text, parse_signals(framework, signals_source), framework),
        write(ADVICE_FILE, advice_source.text, parse_advice(advice_source)),
        write(PROFILE_FILE, profile_source.text, profile),
        write(COUNTRIES_FILE, countries_source.text, parse_countries(countries_source)),
    ]


if __name__ == "__main__":
    for written in refresh():
        print(written)
