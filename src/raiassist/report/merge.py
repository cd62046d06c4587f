"""The organisation view: many projects' JSON reports (each produced by its own CI) merged
side by side with the same metrics. Inputs are validated: a malformed or foreign file is
a clear error naming it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from raiassist import __version__
from raiassist.errors import Problem, UserError
from raiassist.printable import printable
from raiassist.report.project import VERSION as PROJECT_VERSION
from raiassist.standard.loading import format_loc

VERSION = "raiassist-org-report/1"
REQUIRED = ("project", "metrics", "goals", "principles", "requirements", "waivers")
_MESSAGES = {"missing": "is missing"}


def read_reports(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """Project reports from files and folders (every `*.json` in a folder)."""
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.json")) if path.is_dir() else [path]
    problems: list[Problem] = []
    reports: list[dict[str, Any]] = []
    for file in files:
        try:
            reports.append(_read(file))
        except UserError as exc:
            problems += exc.problems
    if problems:
        raise UserError(problems)
    if not reports:
        raise UserError([Problem(", ".join(map(str, paths)) or "--merge", "no reports to merge")])
    return reports


def _read(path: Path) -> dict[str, Any]:
    from raiassist.safe_read import read_text

    name = printable(str(path))
    text = read_text(path, name, "report")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise UserError([Problem(name, "not a readable JSON report")]) from None
    version = data.get("version") if isinstance(data, dict) else None
    if version != PROJECT_VERSION:
        found = version if isinstance(version, str | None) else type(version).__name__
        raise UserError(
            [
                Problem(
                    name,
                    f"is not a {PROJECT_VERSION} report (found "
                    f"{found!r}); write it with `raiassist report --json`",
                )
            ]
        )
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        raise UserError([Problem(name, f"is missing {', '.join(missing)}")])
    _check_shape(data, name)
    return data  # type: ignore[no-any-return]


def _check_shape(data: dict[str, Any], name: str) -> None:
    """The parts the merge reads, with the types it needs (a report of the right version
    may still have been edited by hand)."""
    import pydantic

    from raiassist.report.shape import ProjectReport

    try:
        ProjectReport.model_validate(data, strict=True)
    except pydantic.ValidationError as exc:
        problems = [
            Problem(name, _MESSAGES.get(e["type"], e["msg"]), path=format_loc(e["loc"]))
            for e in exc.errors()
        ]
        raise UserError(problems[:10]) from None


def org_report(reports: list[dict[str, Any]], today: dt.date) -> dict[str, Any]:
    """Projects side by side, per-goal coverage per project, and organisation totals."""
    names = [r["project"] for r in reports]
    goals: dict[str, dict[str, Any]] = {}
    for report in reports:
        for goal in report["goals"]:
            row = goals.setdefault(
                goal["id"], {"id": goal["id"], "title": goal["title"], "coverage": {}}
            )
            if goal["applicable"]:
                row["coverage"][report["project"]] = goal["coverage"]
    totals = {
        key: sum(r["metrics"].get(key) or 0 for r in reports)
        for key in (
            "applicable",
            "met",
            "open",
            "waived",
            "not-applicable",
            "open_errors",
            "waiver_count",
            "expired_waivers",
        )
    }
    denominator = totals["applicable"] - totals["not-applicable"]
    totals["coverage"] = round(totals["met"] / denominator, 4) if denominator else None
    return {
        "version": VERSION,
        "raiassist": __version__,
        "generated": today.isoformat(),
        "projects": [
            {
                "project": r["project"],
                "generated": r.get("generated"),
                "files": r.get("files"),
                "metrics": r["metrics"],
            }
            for r in reports
        ],
        "totals": totals,
        "goals": list(goals.values()),
        "names": names,
    }
