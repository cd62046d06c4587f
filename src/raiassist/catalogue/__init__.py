"""The catalogue: what the field's libraries, calls, datasets and words mean, as data.

Importing this package is light: the file format (pydantic) is imported only when a
catalogue has to be validated again, not when a cached one is read.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from raiassist.catalogue.model import Catalogue, Entry

__all__ = ["Catalogue", "Entry", "builtin_catalogue", "load_catalogue"]


def load_catalogue(
    extra: Sequence[str] = (), base_dir: Path | None = None, within: Path | None = None
) -> Catalogue:
    """The built-in catalogue with the organisation's files (paths relative to `base_dir`)
    laid over it, none from outside `within` when given; see `raiassist.catalogue.loading`."""
    from raiassist.catalogue.loading import load

    return load(extra, base_dir, within)


@cache
def builtin_catalogue() -> Catalogue:
    """The built-in catalogue alone, for callers with no project (tests, a kernel before its
    project is known)."""
    return load_catalogue()
