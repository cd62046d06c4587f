"""Which files `raiassist check` reads: `.py` and `.ipynb` under the given paths, without
configured excludes, `.gitignore`d files, or tool and environment folders."""

from __future__ import annotations

import contextlib
import fnmatch
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from raiassist.safe_read import real

SUFFIXES = (".py", ".ipynb")
SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        ".env",
        "env",
        "node_modules",
        "__pycache__",
        ".ipynb_checkpoints",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        ".tox",
        ".nox",
        "site-packages",
        "build",
        "dist",
        ".eggs",
    }
)


def discover(paths: Iterable[Path], root: Path, exclude: Iterable[str]) -> list[Path]:
    """Files to check, sorted, each once. Named files are kept unless excluded by config."""
    _real_folder.cache_clear()  # folders may have been moved or relinked since a last call
    patterns = list(exclude)
    named: list[Path] = []
    walked: list[tuple[Path, Path]] = []
    for path in paths:
        if path.is_dir():
            walked.extend(_walk(path))
        else:
            named.append(path)  # a missing file is reported when it is read
    walked = _not_ignored(walked, root)
    base = real(root)
    files = [*(_real(p) for p in named), *(resolved for _, resolved in walked)]
    return sorted({p: None for p in files if not _excluded(p, base, patterns)})


def _excluded(resolved: Path, base: Path, patterns: list[str]) -> bool:
    """Whether a resolved path matches an exclude pattern, relative to the resolved root."""
    if not patterns:
        return False
    inside = resolved.is_relative_to(base)
    relative = (resolved.relative_to(base) if inside else resolved).as_posix()
    return any(
        fnmatch.fnmatch(relative, pattern) or relative.startswith(pattern.rstrip("/") + "/")
        for pattern in patterns
    )


def _real(path: Path) -> Path:
    """`real(path)`, with each folder resolved once: a batch names many files per folder."""
    found = _real_folder(path.parent) / path.name
    return real(found) if found.is_symlink() else found


@lru_cache(maxsize=1024)
def _real_folder(folder: Path) -> Path:
    return real(folder)


def relative_to_root(path: Path, root: Path) -> str:
    try:
        return real(path).relative_to(real(root)).as_posix()
    except ValueError:
        return real(path).as_posix()


def _walk(folder: Path) -> Iterator[tuple[Path, Path]]:
    """Each file to check under `folder`, as named from it and as resolved, as `os.walk`
    finds them (links to folders are not followed). The folder is resolved once: below it,
    a folder or file that is no link is where its resolved parent says."""
    top = os.fspath(folder)
    with contextlib.suppress(OSError):
        yield from _files(top, os.fspath(real(folder)))


def _files(folder: str, resolved: str) -> Iterator[tuple[Path, Path]]:
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:  # unreadable or gone: os.walk skips it too
        return
    folders, files = [], []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if entry.name not in SKIPPED_DIRS and not entry.name.endswith(".egg-info"):
                folders.append(entry)
        elif entry.name.endswith(SUFFIXES):
            files.append(entry)
    for entry in sorted(files, key=_name):
        found = Path(_joined(folder, entry.name))
        yield found, real(found) if _is_link(entry) else Path(_joined(resolved, entry.name))
    for entry in sorted(folders, key=_name):
        if not _is_link(entry):
            yield from _files(_joined(folder, entry.name), _joined(resolved, entry.name))


def _joined(folder: str, name: str) -> str:
    return folder + name if folder.endswith(os.sep) else folder + os.sep + name


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return True  # resolved the slow way, which copes with what cannot be read


def _not_ignored(files: list[tuple[Path, Path]], root: Path) -> list[tuple[Path, Path]]:
    """Drop files that git ignores (one `git check-ignore` call for all of them, by the
    names they were found by)."""
    if not files or not (root / ".git").exists():
        return files
    from raiassist import git

    names = b"\0".join(os.fsencode(found) for found, _ in files)
    try:
        out = git.run(["check-ignore", "--stdin", "-z"], cwd=root, stdin=names, timeout=60)
    except git.GitFailed:  # git says 1 when nothing is ignored: nothing to drop either way
        return files
    ignored = {real(Path(p)) for p in os.fsdecode(out).split("\0") if p}
    return [(found, resolved) for found, resolved in files if resolved not in ignored]
