"""Atomic writes replace regular files only: links and special files are left as they are."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from raiassist.atomic import write_text
from tests.helpers import run_cli


def test_a_regular_file_is_replaced_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")
    target.chmod(0o600)
    write_text(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary left


def test_a_symbolic_link_keeps_pointing_at_its_file(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "report.json"
    real.write_text("old")
    link = tmp_path / "report.json"
    link.symlink_to(real)
    write_text(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_a_pipe_is_written_to_not_replaced(tmp_path: Path) -> None:
    """As `-o /dev/stdout` or `-o /dev/null` would be: the special file must survive."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # so that opening to write won't block
    try:
        write_text(pipe, "through the pipe")
        received = os.read(reader, 1024)
    finally:
        os.close(reader)
    assert received == b"through the pipe"
    assert stat.S_ISFIFO(pipe.stat().st_mode)


WRITE = "import sys; from raiassist.atomic import write_text; write_text(sys.argv[1], 'new\\n')"


def test_dev_stdout_appended_to_a_log_keeps_the_log(tmp_path: Path) -> None:
    """`raiassist check -o /dev/stdout >> build.log` must add to build.log, not replace it."""
    log = tmp_path / "build.log"
    log.write_text("earlier\n")
    with log.open("a") as stdout:
        subprocess.run([sys.executable, "-c", WRITE, "/dev/stdout"], stdout=stdout, check=True)
    assert log.read_text() == "earlier\nnew\n"


def test_an_inherited_descriptor_is_written_through(tmp_path: Path) -> None:
    log = tmp_path / "fd3.log"
    log.write_text("earlier\n")
    with log.open("a") as handle:
        number = handle.fileno()
        command = [sys.executable, "-c", WRITE, f"/dev/fd/{number}"]
        subprocess.run(command, check=True, pass_fds=(number,))
    assert log.read_text() == "earlier\nnew\n"


def test_check_output_to_dev_stdout_through_a_pipe() -> None:
    result = run_cli("check", "--format", "json", "-o", "/dev/stdout", "examples")
    assert result.returncode == 1, result.stderr  # the examples hold open errors
    assert json.loads(result.stdout)["version"] == "raiassist-check/1"


def test_a_temporary_file_is_private_new_and_passes_over_leftovers(tmp_path: Path) -> None:
    """Temporary files beside a target are made new (never an existing file, such as one a
    crashed run left with the same name) and readable by the user alone."""
    from raiassist import atomic

    target = tmp_path / "entry.pickle"
    number = next(atomic._NUMBERS) + 1
    left = tmp_path / f".entry.pickle.{os.getpid()}.{number}.tmp"
    left.write_bytes(b"left by a crash")
    fd, name = atomic.temporary_beside(target)
    os.close(fd)
    assert Path(name) != left and left.read_bytes() == b"left by a crash"
    assert Path(name).parent == tmp_path and Path(name).name.endswith(".tmp")
    assert stat.S_IMODE(Path(name).stat().st_mode) == 0o600
