"""A small on-disk cache for validated inputs (the Standard, the configuration, the record),
so a pre-commit run pays for YAML parsing and validation only when a file changed.

Entries are pickles of frozen, plain records under `$XDG_CACHE_HOME/raiassist/`, keyed by
raiassist's code (`code_version`) and the content of every file they were built from.
Anything unreadable is rebuilt; a cache that cannot be written is skipped.
`RAIASSIST_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from raiassist import __version__
from raiassist.logfile import log_dir

T = TypeVar("T")
Fingerprint = tuple[tuple[str, str], ...]


@contextmanager
def disabled() -> Iterator[None]:
    """No caching inside this block (for short-lived trees, such as past commits)."""
    before = os.environ.get("RAIASSIST_NO_CACHE")
    os.environ["RAIASSIST_NO_CACHE"] = "1"
    try:
        yield
    finally:
        if before is None:
            del os.environ["RAIASSIST_NO_CACHE"]
        else:
            os.environ["RAIASSIST_NO_CACHE"] = before


@lru_cache(maxsize=1)
def code_version() -> str:
    """raiassist's version and the size and time of each of its modules: an entry that a
    different build of the code pickled (an upgrade, an edited checkout) is never read."""
    stats = list(_modules(str(Path(__file__).resolve().parent), ""))
    digest = hashlib.sha1("\n".join(stats).encode(), usedforsecurity=False).hexdigest()[:16]
    return f"{__version__}+{digest}"


def _modules(folder: str, inside: str) -> Iterator[str]:
    """`path:size:mtime` of each module under `folder`, by name (os.scandir: a third of what
    pathlib's rglob costs, paid by every run)."""
    with contextlib.suppress(OSError):
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            with contextlib.suppress(OSError):
                if entry.name.endswith(".py"):
                    info = entry.stat()
                    yield f"{inside}{entry.name}:{info.st_size}:{info.st_mtime_ns}"
                elif entry.is_dir() and entry.name != "__pycache__":
                    yield from _modules(entry.path, f"{inside}{entry.name}/")


def fingerprint(paths: Iterable[Path]) -> Fingerprint:
    """(path, content hash) of each file; missing or unreadable files (a FIFO, a folder, one
    over the size limit) hash as empty."""
    from raiassist.safe_read import Unreadable, read_bytes

    result = []
    for path in paths:
        try:
            digest = hashlib.sha1(read_bytes(path), usedforsecurity=False).hexdigest()
        except Unreadable:
            digest = ""
        result.append((str(path), digest))
    return tuple(result)


def digest(deps: Fingerprint) -> str:
    """A short name for the files a value was built from, as they are now: what caches
    built on that value (the result cache) put in their keys."""
    return hashlib.sha1(repr(deps).encode(), usedforsecurity=False).hexdigest()[:20]


def remember(kind: str, key: str, build: Callable[[], tuple[Fingerprint, T]]) -> T:
    """The cached value for `key` if the files it was built from are unchanged, else `build()`
    (which returns the fingerprint of what it read, and the value)."""
    if os.environ.get("RAIASSIST_NO_CACHE"):
        return build()[1]
    name = hashlib.sha1(f"{code_version()}\0{kind}\0{key}".encode(), usedforsecurity=False)
    path = log_dir() / "cache" / f"{kind}-{name.hexdigest()[:20]}.pickle"
    try:
        deps, value = pickle.loads(path.read_bytes())
        if fingerprint(Path(p) for p, _ in deps) == deps:
            return value  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - any unreadable cache entry is rebuilt
        pass
    deps, value = build()
    _store(path, (deps, value))
    return value


MAX_ENTRIES = 200  # pickles kept; beyond, the least recently written go (each build of the
# code and each project's files make their own entries)


def _store(path: Path, value: object) -> None:
    try:
        from raiassist.atomic import temporary_beside

        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = temporary_beside(path)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        Path(tmp).replace(path)
        _prune(path.parent)
    except (OSError, pickle.PicklingError):
        return


def _prune(folder: Path) -> None:
    entries = [e for e in os.scandir(folder) if e.name.endswith(".pickle")]
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort(key=lambda e: e.stat().st_mtime_ns)
    for entry in entries[: len(entries) - MAX_ENTRIES // 2]:
        with contextlib.suppress(OSError):  # another process pruned it first
            Path(entry.path).unlink()
