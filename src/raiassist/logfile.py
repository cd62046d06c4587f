"""Where full details of an internal error go, so the user sees one sentence, not a traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from raiassist import __version__

_to_file = False  # `log_to_file` was asked for; done when the first message is logged


def log_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "raiassist"


def write_crash_log(argv: Sequence[str] | None) -> Path:
    """Append the current exception with context to the log file and return its path."""
    import traceback

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
    """Send warnings and errors from the core to the log file, never to the terminal: from
    the first message on, so that a run that logs nothing does not import `logging`."""
    global _to_file
    _to_file = True
    if "logging" in sys.modules:
        _configure()


def logger(name: str) -> Any:
    """A module's logger (`log = logger(__name__)`), `logging.getLogger(name)` once a message
    is logged through it: importing `logging` (with `traceback` and `threading`) is a tenth
    of a pre-commit run that, as most do, logs nothing."""
    return _Logger(name)


class _Logger:
    def __init__(self, name: str) -> None:
        self.name = name

    def __getattr__(self, attribute: str) -> Any:
        import logging

        if _to_file:
            _configure()
        return getattr(logging.getLogger(self.name), attribute)


def _configure() -> None:
    import logging

    root = logging.getLogger("raiassist")
    if getattr(root, "_raiassist_to_file", False):
        return
    root._raiassist_to_file = True  # type: ignore[attr-defined]
    path = log_dir() / "raiassist.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("--- %(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    root.propagate = False
