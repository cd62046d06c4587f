"""Atomic file writes: a temporary file beside the target, then a rename.

Only regular files are replaced. A symbolic link keeps pointing where it did (the file it
points to is replaced), and a device, pipe or socket such as `/dev/null` or `/dev/stdout` is
written to in place: replacing it would swap something that is not ours for a plain file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Replace `path` with `text` so readers see the old or the new file, never a mix."""
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = stat.S_IFREG | 0o644
    if not stat.S_ISREG(mode):
        with target.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        return
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).chmod(stat.S_IMODE(mode))
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
