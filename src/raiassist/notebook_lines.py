"""Map a notebook location (cell, line in cell) to a line of the `.ipynb` JSON file, so tools
that only know files (SARIF viewers, GitHub annotations) point at the right place."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from raiassist.safe_read import Unreadable, read_bytes

_SOURCE = re.compile(r'^\s*"source"\s*:\s*(\[)?')


@lru_cache(maxsize=64)
def _source_starts(path: str) -> tuple[tuple[int, bool], ...]:
    """(0-based file line of each cell's "source" key, whether it is a list), in cell order."""
    try:
        lines = read_bytes(Path(path)).decode("utf-8").splitlines()
    except (Unreadable, UnicodeDecodeError):
        return ()
    found = []
    for number, line in enumerate(lines):
        match = _SOURCE.match(line)
        if match:
            found.append((number, bool(match.group(1)) and not line.rstrip().endswith("]")))
    return tuple(found)


def file_line(path: str, cell: int, line: int) -> int:
    """The 1-based line in the notebook file for a 1-based line of a cell (or 1 if unknown)."""
    starts = _source_starts(path)
    if cell >= len(starts):
        return 1
    start, is_list = starts[cell]
    return start + 1 + (line if is_list else 0)
