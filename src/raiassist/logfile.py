"""Where full details of an internal error go, so the user sees one sentence, not a traceback."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from raiassist import __version__


def log_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "raiassist"


def write_crash_log(argv: Sequence[str] | None) -> Path:
    """Append the current exception with context to the log file and return its path."""
    path = log_dir() / "raiassist.log"
    text = (
        f"--- {datetime.now(UTC).isoformat()} raiassist {__version__} "
        f"python {sys.version.split()[0]}\n"
        f"argv: {list(sys.argv if argv is None else argv)}\n{traceback.format_exc()}\n"
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError:
        sys.stderr.write(text)
    return path


def log_to_file() -> None:
    """Send warnings and errors from the core to the log file, never to the terminal."""
    import logging

    path = log_dir() / "raiassist.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("--- %(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("raiassist")
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    root.propagate = False
