"""Which files `raiassist check` reads: `.py` and `.ipynb` under the given paths, without
configured excludes, `.gitignore`d files, or tool and environment folders."""

from __future__ import annotations

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
    walked: list[Path] = []
    for path in paths:
        if path.is_dir():
            walked.extend(_walk(path))
        elif path.suffix in SUFFIXES or path.exists():
            named.append(path)
        else:
            named.append(path)  # a missing file is reported when it is read
    walked = _not_ignored(walked, root)
    base = real(root)
    files = (_real(p) for p in [*named, *walked])
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


def _walk(folder: Path) -> Iterator[Path]:
    for current, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.endswith(".egg-info"))
        for name in sorted(files):
            if name.endswith(SUFFIXES):
                yield Path(current) / name


def _not_ignored(files: list[Path], root: Path) -> list[Path]:
    """Drop files that git ignores (one `git check-ignore` call for all of them)."""
    if not files or not (root / ".git").exists():
        return files
    from raiassist import git

    names = b"\0".join(map(os.fsencode, files))
    try:
        out = git.run(["check-ignore", "--stdin", "-z"], cwd=root, stdin=names, timeout=60)
    except git.GitFailed:  # git says 1 when nothing is ignored: nothing to drop either way
        return files
    ignored = {real(Path(p)) for p in os.fsdecode(out).split("\0") if p}
    return [f for f in files if real(f) not in ignored]
