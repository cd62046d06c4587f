"""Answers left behind by a rename: record entries scoped to a path that no longer exists, and
the file they most likely belong to now, so every surface can say so and offer the move.

A likely new path is, in this order: a file of the same name elsewhere in the project; a
file whose content is mostly the old file's content as git last committed it (git's own
rename test, done here because an editor's rename is not yet staged); a file of the same
kind in the old folder with a similar name. Candidates are only files near the old one or
those the caller names, so an editor's check stays cheap.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path, PurePosixPath

from raiassist.frozen import frozen
from raiassist.record import Record

SIMILAR_CONTENT = 0.5  # share of the old file's distinct lines still present
SIMILAR_NAME = 0.6  # difflib ratio of the names without their suffix


@frozen
class Orphan:
    """Answers recorded for `scope`, a path (relative to the project) that does not exist."""

    scope: str
    ids: tuple[str, ...]
    likely: str | None  # the file they probably belong to now, relative to the project

    def message(self) -> str:
        ids = ", ".join(self.ids)
        plural = "answer" if len(self.ids) == 1 else "answers"
        text = f"{plural} for {ids} name {self.scope}, which no longer exists"
        if self.likely:
            text += (
                f"; it looks moved to {self.likely}: run `raiassist move-answers "
                f"{_quoted(self.scope)} {_quoted(self.likely)}` to keep them"
            )
        else:
            text += "; run `raiassist move-answers OLD NEW` if it was renamed, or withdraw them"
        return text


def orphans(record: Record, root: Path, candidates: Iterable[str] = ()) -> tuple[Orphan, ...]:
    """The record's answers for missing paths, grouped by path, each with its likely new
    path among `candidates` (paths relative to the project) and the old file's folder."""
    missing: dict[str, list[str]] = {}
    for entry in record.entries:
        scope = entry.scope.rstrip("/")
        if entry.scope == "project":
            continue
        if scope not in missing:
            if (root / scope).exists():
                continue
            missing[scope] = []
        if entry.id not in missing[scope]:
            missing[scope].append(entry.id)
    if not missing:
        return ()
    known = tuple(candidates)
    return tuple(Orphan(s, tuple(ids), likely(root, s, known)) for s, ids in missing.items())


def likely(root: Path, old: str, candidates: Sequence[str]) -> str | None:
    """The file `old` was most likely renamed or moved to, or None."""
    suffix = PurePosixPath(old).suffix
    pool = sorted(
        {c for c in (*candidates, *_beside(root, old)) if PurePosixPath(c).suffix == suffix} - {old}
    )
    name = PurePosixPath(old).name
    same_name = [c for c in pool if PurePosixPath(c).name == name]
    if same_name:
        return same_name[0]
    before = _committed_lines(root, old)
    if before:
        scored = [(_kept(before, root / c), c) for c in pool]
        best = max(scored, default=(0.0, ""))
        if best[0] >= SIMILAR_CONTENT:
            return best[1]
    folder = str(PurePosixPath(old).parent)
    stem = PurePosixPath(old).stem
    near = [c for c in pool if str(PurePosixPath(c).parent) == folder]
    import difflib

    ratios = [(difflib.SequenceMatcher(None, stem, PurePosixPath(c).stem).ratio(), c) for c in near]
    best = max(ratios, default=(0.0, ""))
    return best[1] if best[0] >= SIMILAR_NAME else None


def _beside(root: Path, old: str) -> list[str]:
    """Files in the folder the old path was in (when it still exists)."""
    folder = root / PurePosixPath(old).parent
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in entries if e.is_file(follow_symlinks=False)]
    except OSError:
        return []
    parent = PurePosixPath(old).parent
    return [str(parent / n) if str(parent) != "." else n for n in names]


@lru_cache(maxsize=64)
def _committed_lines(root: Path, old: str) -> frozenset[str]:
    """The distinct non-blank lines of `old` as git's HEAD has it; empty when git has none."""
    from raiassist import git

    try:
        text = git.run(["show", f"HEAD:./{old}"], cwd=root, timeout=5)
    except git.GitFailed:
        return frozenset()
    return _lines(text)


def _kept(before: frozenset[str], path: Path) -> float:
    try:
        stat = path.stat()
    except OSError:
        return 0.0
    after = _file_lines(path, stat.st_mtime_ns, stat.st_size)
    return len(before & after) / len(before)


@lru_cache(maxsize=256)
def _file_lines(path: Path, mtime: int, size: int) -> frozenset[str]:
    """A file's distinct lines, read once per version (an editor asks on every keystroke
    while answers wait to be moved)."""
    from raiassist.safe_read import Unreadable, read_bytes

    try:
        return _lines(read_bytes(path))
    except Unreadable:
        return frozenset()


def _lines(data: bytes) -> frozenset[str]:
    text = data.decode("utf-8", "replace")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def _quoted(path: str) -> str:
    import shlex

    return shlex.quote(path)
