"""The trend: the project checked as it was at past commits (one sample per week since a
date), with coverage and open errors per sample, and the time it took requirements to close."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from raiassist.errors import Problem, UserError
from raiassist.safe_read import real

MAX_SAMPLES = 104


def weekly_commits(root: Path, since: dt.date) -> list[tuple[str, dt.date]]:
    """The last commit of each week since `since`, oldest first (first-parent history)."""
    log = _git(
        root, "log", "--first-parent", f"--since={since.isoformat()}T00:00:00", "--format=%H %cs"
    )
    weeks: dict[tuple[int, int], tuple[str, dt.date]] = {}
    for line in log.splitlines():
        sha, day = line.split()
        date = dt.date.fromisoformat(day)
        key = date.isocalendar()[:2]
        weeks.setdefault(key, (sha, date))  # git log is newest first: keep the week's last
    return sorted(weeks.values(), key=lambda c: c[1])[-MAX_SAMPLES:]


@contextmanager
def checkout(root: Path, sha: str) -> Iterator[Path]:
    """The project folder as it was at `sha`, in a temporary directory (git archive)."""
    top = Path(_git(root, "rev-parse", "--show-toplevel").strip())
    inside = real(root).relative_to(real(top))
    with tempfile.TemporaryDirectory(prefix="raiassist-history-") as folder:
        archive = Path(folder) / "tree.tar"
        with archive.open("wb") as handle:
            subprocess.run(
                ["git", "archive", "--format=tar", sha],
                cwd=top,
                stdout=handle,
                check=True,
                timeout=300,
            )
        with tarfile.open(archive) as tar:
            tar.extractall(Path(folder) / "tree", filter="data")
        yield Path(folder) / "tree" / inside


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
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    try:
        result = subprocess.run(
            ["git", *args],
            cwd=root,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
    except OSError as exc:
        raise UserError([Problem(str(root), f"git is needed for --since: {exc}")]) from None
    if result.returncode != 0:
        raise UserError(
            [
                Problem(
                    str(root),
                    "--since needs the project in a git repository: "
                    + result.stderr.strip().splitlines()[-1:][0]
                    if result.stderr.strip()
                    else "git failed",
                )
            ]
        )
    return result.stdout
