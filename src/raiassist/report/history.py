"""The trend: the project checked as it was at past commits (one sample per week since a
date), with coverage and open errors per sample, and the time it took requirements to close."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from raiassist import git
from raiassist.errors import Problem, UserError
from raiassist.safe_read import real

MAX_SAMPLES = 104


def weekly_commits(root: Path, since: dt.date) -> list[tuple[str, dt.date]]:
    """The last commit of each week since `since`, oldest first (first-parent history)."""
    after = f"--since={since.isoformat()}T00:00:00"
    log = _git(root, "log", *git.NO_DIFF_PROGRAMS, "--first-parent", after, "--format=%H %cs")
    weeks: dict[tuple[int, int], tuple[str, dt.date]] = {}
    for line in log.splitlines():
        sha, day = line.split()
        date = dt.date.fromisoformat(day)
        key = date.isocalendar()[:2]
        weeks.setdefault(key, (sha, date))  # git log is newest first: keep the week's last
    return sorted(weeks.values(), key=lambda c: c[1])[-MAX_SAMPLES:]


@contextmanager
def checkout(root: Path, sha: str) -> Iterator[Path]:
    """The project folder as it was at `sha`, in a temporary directory. Only its regular
    files are written, straight from git's objects: symbolic links (which could point
    anywhere) and submodules are left out, and nothing of the repository's own
    configuration (filters, attributes) runs."""
    top = Path(_git(root, "rev-parse", "--show-toplevel").strip())
    inside = real(root).relative_to(real(top))
    with tempfile.TemporaryDirectory(prefix="raiassist-history-") as folder:
        tree = Path(folder) / "tree"
        tree.mkdir()
        _write_files(top, sha, inside, tree)
        yield tree / inside


def _write_files(top: Path, sha: str, inside: Path, tree: Path) -> None:
    spec = inside.as_posix() if inside.parts else "."
    listing = _git_bytes(top, "ls-tree", "-r", "-z", "--full-tree", sha, "--", spec)
    files = [f for f in map(_blob, listing.split(b"\0")) if f is not None]
    if not files:
        return
    with git.popen(["cat-file", "--batch"], top) as batch:
        assert batch.stdin is not None and batch.stdout is not None
        feeder = threading.Thread(target=_feed, args=(batch.stdin, [oid for oid, _ in files]))
        feeder.start()
        for _, path in files:
            header = batch.stdout.readline().split()
            size = int(header[2]) if len(header) == 3 else 0
            target = tree / path
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as handle:
                _copy(batch.stdout, handle, size)
            batch.stdout.read(1)  # the line break after each object
        feeder.join()


def _blob(entry: bytes) -> tuple[bytes, Path] | None:
    """(object id, path) of a regular file in `ls-tree -z` output; None for anything else."""
    meta, _, name = entry.partition(b"\t")
    fields = meta.split()
    if len(fields) != 3 or fields[1] != b"blob" or fields[0] not in (b"100644", b"100755"):
        return None  # a symbolic link (120000), a submodule, or the empty tail
    path = Path(os.fsdecode(name))
    if path.is_absolute() or ".." in path.parts or ".git" in path.parts:
        return None
    return fields[2], path


def _feed(stream: IO[bytes], oids: list[bytes]) -> None:
    with stream:
        for oid in oids:
            stream.write(oid + b"\n")


def _copy(source: IO[bytes], target: IO[bytes], size: int) -> None:
    while size > 0:
        chunk = source.read(min(size, 1 << 20))
        if not chunk:
            break
        target.write(chunk)
        size -= len(chunk)


def time_to_close(samples: list[dict[str, Any]]) -> list[int]:
    """Days from the first sample where a requirement was open to the first later sample
    where it was met (or answered not applicable)."""
    opened: dict[str, dt.date] = {}
    closed: dict[str, int] = {}
    for sample in samples:
        date = dt.date.fromisoformat(sample["date"])
        for req_id, status in sample["statuses"].items():
            if status == "open":
                opened.setdefault(req_id, date)
            elif status in ("met", "not-applicable") and req_id in opened and req_id not in closed:
                closed[req_id] = (date - opened[req_id]).days
    return list(closed.values())


def summary(samples: list[dict[str, Any]]) -> dict[str, Any]:
    days = time_to_close(samples)
    return {
        "time_to_close_median_days": statistics.median(days) if days else None,
        "time_to_close_count": len(days),
    }


def parse_since(text: str, today: dt.date) -> dt.date:
    """`2026-01-31`, or a span back from today: `12w`, `90d`, `6m`."""
    try:
        if text[-1:] in "dwm" and text[:-1].isdigit():
            days = int(text[:-1]) * {"d": 1, "w": 7, "m": 30}[text[-1]]
            return today - dt.timedelta(days=days)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(
            [Problem("--since", f"'{text}' is not a date (YYYY-MM-DD) or a span like 12w, 90d, 6m")]
        ) from None


def _git(root: Path, *args: str) -> str:
    return _git_bytes(root, *args).decode("utf-8", "surrogateescape")


def _git_bytes(root: Path, *args: str) -> bytes:
    try:
        return git.run(list(args), cwd=root, timeout=300)
    except git.GitFailed as exc:
        raise UserError(
            [Problem(str(root), f"--since needs the project in a git repository: {exc}")]
        ) from None
