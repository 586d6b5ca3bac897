"""The bundled data files, checked once: a msgpack copy of each checked model next to its YAML.

Reading pillars.yaml, courses.yaml, signalen.yaml, advies.yaml, profiel.yaml and landen.yaml means
parsing YAML and checking every field and id, a tenth of a whole run. The bundled files change only
with the program, so the wheel holds `pleegreflectie/data/<file>.msgpack`: the checked model together
with checksums of the text it came from (and of the framework it was checked against). When the hash
fits, msgspec decodes the model at once (and checks its types and bounds again); when it does not (the
YAML changed, a copy is missing or broken), the YAML is read as always. A user's own file is always
read as YAML.

The copies are made when the wheel is built (hatch_build.py, with build_copies.py), never committed:
an editable install or a source checkout has none and reads the YAML. This module imports nothing of
the project (the loaders import it). No user interface here.
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
    """Where the copy of a bundled file sits in an installed wheel: next to its YAML, in the package.

    A source checkout keeps its YAML in data/ at the top of the repository and has no copies."""
    folder = Path(__file__).resolve().parent / "data"
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


def encode(text: str, model: Any, *context: Any) -> bytes:
    """The copy of a model checked from `text` (against `context`), as `cached` reads it."""
    return msgspec.msgpack.encode(
        _Copy(key=key(text, *context), model=msgspec.Raw(msgspec.msgpack.encode(model)))
    )
