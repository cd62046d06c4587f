"""Atomic file writes: a temporary file beside the target, then a rename.

Only regular files are replaced. A symbolic link keeps pointing where it did (the file it
points to is replaced). An open descriptor named as a file (`/dev/stdout`, `/dev/fd/3`) is
written through, keeping its position and append mode, and a device or pipe such as
`/dev/null` is written in place: replacing either would swap something that is not ours,
or a log the output is appended to, for a new file.
"""

from __future__ import annotations

import itertools
import os
import re
import stat
from pathlib import Path

_DESCRIPTOR = re.compile(
    r"/dev/(?:fd/(?P<fd>\d+)|(?P<std>stdout|stderr))|/proc/self/fd/(?P<own>\d+)"
)


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Replace `path` with `text` so readers see the old or the new file, never a mix."""
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace `path` with `data` so readers see the old or the new file, never a mix."""
    descriptor = _descriptor(os.fspath(path))
    if descriptor is not None:
        _write_through(descriptor, data)
        return
    target = Path(os.path.realpath(path))
    try:
        mode = Path(path).stat().st_mode
    except FileNotFoundError:
        mode = stat.S_IFREG | 0o644
    if not stat.S_ISREG(mode) or target.is_relative_to("/proc"):
        with Path(path).open("wb") as handle:
            handle.write(data)
        return
    fd, tmp = temporary_beside(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).chmod(stat.S_IMODE(mode))
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def temporary_beside(target: Path) -> tuple[int, str]:
    """A new file of the user's alone (mode 0600), `.NAME.PID.N.tmp` beside `target`, open
    for writing: what `tempfile.mkstemp` makes, without importing `tempfile` (with `random`
    and `shutil`, a tenth of a pre-commit run that writes its cache). The process id keeps
    concurrent runs apart, and a name left by a crashed run is passed over."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    for _ in range(1000):
        name = target.parent / f".{target.name}.{os.getpid()}.{next(_NUMBERS)}.tmp"
        try:
            return os.open(name, flags, 0o600), str(name)
        except FileExistsError:
            continue
    raise FileExistsError(f"no free name for a temporary file beside {target}")


_NUMBERS = itertools.count()


def _descriptor(path: str) -> int | None:
    """The descriptor a path such as `/dev/stdout` or `/dev/fd/3` names, if it is open."""
    match = _DESCRIPTOR.fullmatch(path)
    if match is None:
        return None
    if match["std"]:
        number = 1 if match["std"] == "stdout" else 2
    else:
        number = int(match["fd"] or match["own"])
    try:
        os.fstat(number)
    except OSError:
        return None  # not open here: let opening the path say what is wrong
    return number


def _write_through(descriptor: int, data: bytes) -> None:
    import sys

    for stream in (sys.stdout, sys.stderr):  # what was printed before comes first
        if stream is not None and not stream.closed:
            stream.flush()
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]
