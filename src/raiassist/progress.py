"""A progress bar on stderr for long runs at a terminal."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

MIN_FILES = 20


def progress_bar(width: int = 30) -> Callable[[int, int], None]:
    started = time.monotonic()

    def update(done: int, total: int) -> None:
        if total < MIN_FILES:
            return
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        end = "\n" if done == total else ""
        rate = done / max(time.monotonic() - started, 1e-6)
        sys.stderr.write(f"\r[{bar}] {done}/{total} files, {rate:.0f}/s{end}")
        sys.stderr.flush()

    return update
