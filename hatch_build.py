"""Hatchling build hook: the wheel gets a checked msgpack copy of each bundled data file.

`pleegreflectie/data/<file>.msgpack` next to `<file>.yaml` in the wheel lets an installed program skip
parsing and checking the YAML (see src/pleegreflectie/datacache.py). The copies are made here from
the YAML of the checkout, by `python -m pleegreflectie.build_copies` in a child process with src/ on
the path (so the build imports nothing of the package itself), and never committed. A bundled file
that does not pass its checks stops the build with its Dutch file:line message. An editable install
gets no copies: it reads the YAML, as a source checkout does.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def make_copies(root: Path, folder: Path) -> list[Path]:
    """Write the copies of the bundled files of the checkout at `root` into `folder`; their paths."""
    # src/ goes first on sys.path in the child itself: pip's isolated build drops PYTHONPATH entries
    # that an editable install of the package has put on the path.
    run = "import sys; sys.path.insert(0, sys.argv[1]); import pleegreflectie.build_copies as b; b.main()"
    subprocess.run([sys.executable, "-c", run, str(root / "src"), str(folder)], check=True)
    return sorted(folder.glob("*.msgpack"))


class DataCopiesHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable":
            return
        self._folder = Path(tempfile.mkdtemp(prefix="pleegreflectie-copies-"))
        for path in make_copies(Path(self.root), self._folder):
            build_data["force_include"][str(path)] = f"pleegreflectie/data/{path.name}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
