"""Every output stream, every environment: a short Dutch message and a documented exit code, never a
traceback. Each case runs the program in its own process (streams and environment are per process).

- standard output closed (`>&-`), full (`> /dev/full`), a reader that goes away (`| head`);
- an encoding that cannot show Dutch (PYTHONIOENCODING=ascii or latin-1, LC_ALL=C without UTF-8 mode);
- no home folder, a read-only store, an unreadable answers file, standard input closed or too big;
- `-o` only writes regular files; without POSIX calls (Windows) files and the store still work;
- a tampered store row (too deep, too large) marks that reflection damaged and the rest works.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pleegreflectie.errors import ExitCode, PleegreflectieError

OMA = Path(__file__).resolve().parent / "fixtures" / "oma.yaml"
POSIX = sys.platform != "win32"
ROOT = POSIX and os.geteuid() == 0
OTHER_USER = 54321  # a user id with no entry in the password file


def program(
    home: Path,
    *args: str,
    shell_redirect: str = "",
    env: dict[str, str] | None = None,
    stdin: int | None = subprocess.DEVNULL,
    user: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """The program in its own process; `shell_redirect` such as `>&-` or `> /dev/full`."""
    environment = {**os.environ, "PLEEGREFLECTIE_HOME": str(home / "opslag"), "COLUMNS": "80"}
    environment.pop("PLEEGREFLECTIE_DEBUG", None)
    environment.update(env or {})
    for name, value in list(environment.items()):
        if value == "":
            del environment[name]
    command = [sys.executable, "-m", "pleegreflectie", *args]
    if shell_redirect:
        import shlex

        command = ["sh", "-c", f"exec {shlex.join(command)} {shell_redirect}"]
    if user is not None:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
        _other_user_can_import(user, environment)
    return subprocess.run(
        command,
        capture_output=not shell_redirect or "2>" not in shell_redirect,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
        env=environment,
        cwd=home,
        stdin=stdin,
    )


_CAN_IMPORT: dict[int, bool] = {}


def _other_user_can_import(user: int, environment: dict[str, str]) -> None:
    """Skip, with the reason, when the second user cannot start this Python with the package
    (a private folder on the way to the venv, as a venv made in a private temporary folder).
    Tried once per user (a test starts the program as that user up to eight times)."""
    if user not in _CAN_IMPORT:
        check = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"]
        done = subprocess.run(
            [*check, sys.executable, "-c", "import pleegreflectie"],
            capture_output=True,
            timeout=60,
            env=environment,
            cwd="/",
        )
        _CAN_IMPORT[user] = done.returncode == 0
    if not _CAN_IMPORT[user]:
        pytest.skip("the second user cannot start this Python with pleegreflectie (a private folder)")


def no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    assert "onverwacht" not in done.stderr and "niet verwachtten" not in done.stderr, done.stderr


@pytest.fixture(scope="module")
def saved_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with one reflection (number 1), saved by the program once per module."""
    folder = tmp_path_factory.mktemp("saved")
    done = program(folder, "start", "--antwoorden", str(OMA))
    assert done.returncode == 0, done.stderr
    return folder / "opslag"


@pytest.fixture
def saved(saved_once: Path, tmp_path: Path) -> Path:
    """A folder with one saved reflection (number 1): this test's own copy of the store."""
    shutil.copytree(saved_once, tmp_path / "opslag")  # with the folder's and files' modes
    return tmp_path


# ---------------------------------------------------------------- closed, full, broken


CLOSED = [
    ["sjabloon"],
    ["vragenlijst", "-o", "-"],
    ["rapport", "1", "-o", "-"],
    ["papier", "getypt.txt"],
    ["--help"],
    ["--version"],
    ["overzicht"],
]


@pytest.mark.skipif(not POSIX, reason="shell redirection")
@pytest.mark.parametrize("args", CLOSED, ids=" ".join)
def test_closed_standard_output(saved: Path, args: list[str]) -> None:
    (saved / "getypt.txt").write_text("zorgen: 4444444444\n", encoding="utf-8")
    done = program(saved, *args, shell_redirect=">&-")
    no_traceback(done)
    assert done.returncode == ExitCode.OUTPUT, done.stderr
    assert "uitvoer" in done.stderr and "gesloten" in done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [*CLOSED, ["catalogus", "dekking"]], ids=" ".join)
def test_full_standard_output(saved: Path, args: list[str]) -> None:
    (saved / "getypt.txt").write_text("zorgen: 4444444444\n", encoding="utf-8")
    done = program(saved, *args, shell_redirect="> /dev/full")
    no_traceback(done)
    assert done.returncode == ExitCode.OUTPUT, done.stderr
    assert "de schijf is vol" in done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("json", [True, False])
def test_saved_but_not_shown_says_the_number_so_nobody_starts_again(tmp_path: Path, json: bool) -> None:
    args = ["start", "--antwoorden", str(OMA), *(["--json"] if json else [])]
    done = program(tmp_path, *args, shell_redirect="> /dev/full")
    no_traceback(done)
    assert done.returncode == ExitCode.OUTPUT
    assert "bewaard als nummer 1" in done.stderr and "niet opnieuw" in done.stderr
    assert "rapport 1" in done.stderr
    listing = program(tmp_path, "overzicht", "--json")
    assert listing.stdout.count('"id"') == 1  # one reflection: nothing to do again


@pytest.mark.parametrize(
    "args",
    [["sjabloon"], ["vragenlijst"], ["start", "--geen-opslag", "--antwoorden", str(OMA)], ["--help"]],
    ids=" ".join,
)
def test_a_reader_that_goes_away_is_no_error(tmp_path: Path, args: list[str]) -> None:
    environment = {**os.environ, "PLEEGREFLECTIE_HOME": str(tmp_path / "opslag")}
    child = subprocess.Popen(
        [sys.executable, "-m", "pleegreflectie", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=environment,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.readline()
    child.stdout.close()  # as `| head -1` does
    error = child.stderr.read().decode("utf-8", "replace")
    assert child.wait(timeout=60) == 0, error
    assert "Traceback" not in error and "Exception ignored" not in error and "Fout" not in error


# ---------------------------------------------------------------- encodings


ENCODINGS = [
    {"PYTHONIOENCODING": "ascii"},
    {"PYTHONIOENCODING": "latin-1"},
    {"PYTHONUTF8": "0", "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": ""},
]


@pytest.mark.parametrize("encoding", ENCODINGS, ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items()))
@pytest.mark.parametrize(
    "args",
    [
        ["rapport", "1", "-o", "-"],
        ["catalogus", "dekking"],
        ["sjabloon"],
        ["vragenlijst"],
        ["overzicht"],
        ["start", "--geen-opslag", "--antwoorden", str(OMA)],
        ["start", "--antwoorden", "bestaat-niet.yaml"],
    ],
    ids=" ".join,
)
def test_an_encoding_that_cannot_show_dutch(saved: Path, encoding: dict[str, str], args: list[str]) -> None:
    done = program(saved, *args, env=encoding)
    no_traceback(done)
    assert "UnicodeEncodeError" not in done.stderr
    if "bestaat-niet.yaml" in args:
        assert done.returncode == ExitCode.NOT_FOUND and "bestaat-niet.yaml" in done.stderr
    else:
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip()


# ---------------------------------------------------------------- the environment


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another user can reach (pytest's own tmp folder is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="pleegreflectie-"))
    folder.chmod(0o755)
    os.chown(folder, OTHER_USER, OTHER_USER)
    yield folder
    subprocess.run(["rm", "-rf", str(folder)], check=False)


needs_root = pytest.mark.skipif(not ROOT, reason="runs the program as another user (needs root)")


@needs_root
def test_no_home_and_no_password_entry_names_the_variable(shared_folder: Path) -> None:
    done = program(shared_folder, "overzicht", env={"HOME": "", "PLEEGREFLECTIE_HOME": ""}, user=OTHER_USER)
    no_traceback(done)
    assert done.returncode == ExitCode.STORE
    assert "PLEEGREFLECTIE_HOME" in done.stderr and "thuismap" in done.stderr


def test_no_home_without_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same, in this process: platformdirs cannot find a home folder."""
    import platformdirs

    from pleegreflectie.store import default_home

    def nowhere(*args: object, **kwargs: object) -> str:
        raise RuntimeError("could not determine the home directory")

    monkeypatch.delenv("PLEEGREFLECTIE_HOME")
    monkeypatch.setattr(platformdirs, "user_data_dir", nowhere)
    with pytest.raises(PleegreflectieError, match="PLEEGREFLECTIE_HOME"):
        default_home()


@needs_root
def test_a_read_only_store_serves_the_commands_that_only_read(shared_folder: Path) -> None:
    answers = shared_folder / "oma.yaml"
    answers.write_text(OMA.read_text(encoding="utf-8"), encoding="utf-8")
    for _ in range(2):
        done = program(shared_folder, "start", "--antwoorden", str(answers), user=OTHER_USER)
        assert done.returncode == 0, done.stderr
    (shared_folder / "opslag").chmod(0o500)
    for args in (["overzicht"], ["rapport", "2", "-o", "-"], ["route", "1"], ["vergelijk"]):
        done = program(shared_folder, *args, user=OTHER_USER)
        no_traceback(done)
        assert done.returncode == 0, (args, done.stderr)
        assert done.stdout.strip()
    writing = program(shared_folder, "start", "--antwoorden", str(answers), user=OTHER_USER)
    no_traceback(writing)
    assert writing.returncode == ExitCode.STORE and "mag niet schrijven" in writing.stderr


@needs_root
def test_an_unreadable_answers_file_names_the_file_and_the_cause(shared_folder: Path) -> None:
    answers = shared_folder / "oma.yaml"
    answers.write_text(OMA.read_text(encoding="utf-8"), encoding="utf-8")
    answers.chmod(0o000)
    done = program(shared_folder, "start", "--geen-opslag", "--antwoorden", str(answers), user=OTHER_USER)
    no_traceback(done)
    assert done.returncode == ExitCode.ERROR
    # said by the program's own reading of the file (click does not check it first): the cause and what to do
    assert str(answers) in done.stderr and "niet lezen" in done.stderr and "rechten" in done.stderr
    assert "klopt niet" not in done.stderr


@pytest.mark.skipif(not POSIX, reason="shell redirection")
@pytest.mark.parametrize("args", [["papier"], ["papier", "-"]], ids=" ".join)
def test_papier_with_standard_input_closed(tmp_path: Path, args: list[str]) -> None:
    done = program(tmp_path, *args, shell_redirect="<&-")
    no_traceback(done)
    assert done.returncode == ExitCode.INVALID_INPUT
    assert "standaardinvoer" in done.stderr and "gesloten" in done.stderr
    assert "foutcode" not in done.stderr


def test_papier_reads_standard_input_with_the_limit_of_a_file(tmp_path: Path) -> None:
    big = tmp_path / "groot.txt"
    with big.open("wb") as handle:
        handle.write(b"zorgen: 4444444444\n" * 3_000_000)  # 57 MB
    start = time.perf_counter()
    with big.open("rb") as handle:
        done = program(tmp_path, "papier", "-", stdin=handle.fileno())
    seconds = time.perf_counter() - start
    no_traceback(done)
    assert done.returncode == ExitCode.INVALID_INPUT
    assert "standaardinvoer" in done.stderr and "te groot" in done.stderr and "1 MB" in done.stderr
    assert "catalogus" not in done.stderr
    assert seconds < 10
    as_file = program(tmp_path, "papier", str(big))
    assert as_file.returncode == ExitCode.INVALID_INPUT
    assert "overgetypte" in as_file.stderr and "catalogus" not in as_file.stderr


# ---------------------------------------------------------------- -o: regular files only


@pytest.mark.skipif(not POSIX, reason="devices and FIFOs")
@pytest.mark.parametrize("overwrite", [False, True])
def test_o_never_replaces_a_device_fifo_or_socket(tmp_path: Path, overwrite: bool) -> None:
    import socket

    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    sock = tmp_path / "sok"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock))
    link = tmp_path / "naar-null"
    link.symlink_to("/dev/null")
    try:
        for target in ("/dev/null", str(fifo), str(sock), str(link)):
            args = ["sjabloon", "-o", target, *(["--overschrijf"] if overwrite else [])]
            done = program(tmp_path, *args)
            no_traceback(done)
            assert done.returncode == ExitCode.INVALID_INPUT, (target, done.stderr)
            assert "geen gewoon bestand" in done.stderr, done.stderr
        assert Path("/dev/null").is_char_device()
        assert fifo.is_fifo() and sock.is_socket()
    finally:
        server.close()


# ---------------------------------------------------------------- without POSIX (Windows)


def test_files_and_the_store_without_posix_calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows' Python before 3.13 has no os.fchmod; Windows has no owners (getuid) and no O_NOFOLLOW."""
    from pleegreflectie.answers_file import ANSWERS_LIMITS
    from pleegreflectie.files import write_user_file
    from pleegreflectie.flow import Sitting
    from pleegreflectie.store import Store
    from pleegreflectie.yamlfile import read_source

    for name in ("fchmod", "geteuid", "getuid", "O_NOFOLLOW", "O_NONBLOCK", "O_CLOEXEC"):
        if hasattr(os, name):
            monkeypatch.delattr(os, name)
    written = write_user_file(str(tmp_path / "verslag.md"), "# Verslag\n", what="het verslag")
    assert written is not None and written.read_text(encoding="utf-8") == "# Verslag\n"
    again = write_user_file(str(tmp_path / "verslag.md"), "# Twee\n", what="het verslag", overwrite=True)
    assert again is not None and again.read_text(encoding="utf-8") == "# Twee\n"

    sitting = Sitting(pillar_ids=["zorgen"], answers={"zorgen.gedrag.weten": 3}, notes={"zorgen": "Goed"})
    with Store.open(tmp_path / "opslag") as store:
        number = store.create(sitting, household="Gezin A", framework_version="1")
    with Store.open(tmp_path / "opslag") as store:
        info, loaded = store.load(number)
    assert loaded.answers == {"zorgen.gedrag.weten": 3} and loaded.notes == {"zorgen": "Goed"}
    assert info.household == "Gezin A"
    assert "antwoorden:" in read_source(OMA, ANSWERS_LIMITS).text  # reading a file, too


# ---------------------------------------------------------------- a tampered store


def test_a_tampered_row_is_damaged_and_the_rest_works(saved: Path) -> None:
    assert program(saved, "start", "--antwoorden", str(OMA)).returncode == 0  # number 2
    database = saved / "opslag" / "reflecties.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute(
            "UPDATE steps SET value = ? WHERE reflection_id = 1 AND step_id = 'notitie:zorgen'",
            ("[" * 100_000 + "]" * 100_000,),
        )
        db.execute(
            "UPDATE steps SET value = ? WHERE reflection_id = 1 AND step_id = 'notitie:samenwerken'",
            ('"' + "x" * 50_000_000 + '"',),
        )
    db.close()
    for args in (["rapport", "1", "-o", "-"], ["vergelijk", "1", "2"], ["route", "1"]):
        start = time.perf_counter()
        done = program(saved, *args)
        seconds = time.perf_counter() - start
        no_traceback(done)
        assert done.returncode == ExitCode.STORE, (args, done.stderr)
        assert "beschadigd" in done.stderr and "wis 1" in done.stderr
        assert seconds < 5, (args, seconds)
    for args in (["rapport", "2", "-o", "-"], ["route", "2"], ["overzicht"]):
        done = program(saved, *args)
        no_traceback(done)
        assert done.returncode == 0, (args, done.stderr)
    listing = done.stdout  # of overzicht
    assert "Reflectie 1 is beschadigd" in listing and "Reflectie 2 is beschadigd" not in listing


@pytest.mark.skipif(not POSIX, reason="file names with control characters")
def test_the_o_path_is_said_back_clean(tmp_path: Path) -> None:
    name = "x\x1b]0;PWNED\x07\u202egpj.yaml"
    done = program(tmp_path, "sjabloon", "-o", name)
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / name).exists()
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout and "\u202e" not in done.stdout
    assert "staat in" in done.stdout and "PWNED" in done.stdout


@pytest.mark.skipif(not POSIX, reason="shell redirection")
def test_other_commands_with_standard_input_closed(tmp_path: Path) -> None:
    asking = program(tmp_path, "start", shell_redirect="<&-")
    no_traceback(asking)
    assert asking.returncode == ExitCode.NO_TERMINAL and "terminal" in asking.stderr
    writing = program(tmp_path, "sjabloon", "-o", "leeg.yaml", shell_redirect="<&-")
    no_traceback(writing)
    assert writing.returncode == 0 and (tmp_path / "leeg.yaml").exists()
