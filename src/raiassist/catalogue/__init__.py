"""The catalogue: what the field's libraries, calls, datasets and words mean, as data."""

from __future__ import annotations

from functools import cache

from raiassist.catalogue.loading import load_catalogue
from raiassist.catalogue.model import Catalogue, Entry

__all__ = ["Catalogue", "Entry", "builtin_catalogue", "load_catalogue"]


@cache
def builtin_catalogue() -> Catalogue:
    """The built-in catalogue alone, for callers with no project (tests, the kernel's
    first cell before a project is known)."""
    return load_catalogue()
