"""The organisation view: many projects' JSON reports (each produced by its own CI) merged
side by side with the same metrics, where the Standard blocks teams, the trend when reports
from several dates are given, and (with a candidate Standard) what it would change.

Reports are read one at a time; of each only a summary is kept (its metrics, per-goal
coverage, requirement statuses and waivers), so that thousands merge in bounded memory.
Inputs are validated: a malformed, foreign or outdated file is a clear error naming it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic_core

from raiassist import __version__
from raiassist.errors import Problem, UserError
from raiassist.printable import printable
from raiassist.report import blockers, org_trend
from raiassist.report.project import VERSION as PROJECT_VERSION
from raiassist.standard.loading import format_loc
from raiassist.standard.model import Standard

VERSION = "raiassist-org-report/2"
REQUIRED = ("project", "metrics", "goals", "principles", "requirements", "waivers", "facts")
TOTALS = (
    "applicable",
    "met",
    "open",
    "waived",
    "not-applicable",
    "open_errors",
    "waiver_count",
    "expired_waivers",
)
_MESSAGES = {"missing": "is missing"}


def report_files(paths: Iterable[Path]) -> list[Path]:
    """The files to merge: those named, and every `*.json` in a folder named."""
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise UserError([Problem(", ".join(map(str, paths)) or "--merge", "no reports to merge")])
    return files


def read_reports(files: Iterable[Path], replayable: bool = False) -> Iterator[dict[str, Any]]:
    """Each readable report in turn; the problems of the others are raised at the end.
    With `replayable`, each must also carry facts a what-if can evaluate again."""
    problems: list[Problem] = []
    for file in files:
        try:
            yield read_report(file, replayable)
        except UserError as exc:
            problems += exc.problems
    if problems:
        raise UserError(problems)


def read_report(path: Path, replayable: bool = False) -> dict[str, Any]:
    from raiassist.safe_read import read_text

    name = printable(str(path))
    text = read_text(path, name, "report")
    try:  # pydantic's parser: the same JSON as the standard library's, twice as fast
        data = pydantic_core.from_json(text)
    except (ValueError, RecursionError):
        raise UserError([Problem(name, "not a readable JSON report")]) from None
    version = data.get("version") if isinstance(data, dict) else None
    if version != PROJECT_VERSION:
        raise UserError([Problem(name, _version_message(version))])
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        raise UserError([Problem(name, f"is missing {', '.join(missing)}")])
    _check_shape(data, name, replayable)
    return data  # type: ignore[no-any-return]


def _version_message(version: object) -> str:
    again = "write it again with this raiassist's `raiassist report` in the project's CI"
    if isinstance(version, str) and version.startswith("raiassist-report/"):
        return (
            f"is a {version} report, from another raiassist version; this one merges "
            f"{PROJECT_VERSION} reports, which record what a candidate Standard needs: {again}"
        )
    found = version if isinstance(version, str | None) else type(version).__name__
    return f"is not a {PROJECT_VERSION} report (found {found!r}); {again}"


def _check_shape(data: dict[str, Any], name: str, replayable: bool) -> None:
    """The parts the merge reads, with the types it needs (a report of the right version
    may still have been edited by hand)."""
    import pydantic

    from raiassist.report.shape import ProjectReport, Replayable

    try:
        ProjectReport.model_validate(data, strict=True)
        if replayable:
            Replayable.model_validate(data, strict=True)
    except pydantic.ValidationError as exc:
        problems = [
            Problem(name, _MESSAGES.get(e["type"], e["msg"]), path=format_loc(e["loc"]))
            for e in exc.errors()
        ]
        raise UserError(problems[:10]) from None


@dataclass
class _Latest:
    """A project's newest report, in summary."""

    generated: str
    row: dict[str, Any]
    goals: dict[str, tuple[str, float | None]]
    blockers: dict[str, Any]
    impact: dict[str, Any] | None


@dataclass
class Merge:
    """The organisation view built one report at a time."""

    candidate: Standard | None = None
    latest: dict[str, _Latest] = field(default_factory=dict)
    trend: org_trend.Trend = field(default_factory=org_trend.Trend)

    def add(self, report: dict[str, Any]) -> None:
        name, generated = report["project"], str(report.get("generated") or "")
        self.trend.add(report)
        held = self.latest.get(name)
        if held is not None and held.generated > generated:
            return
        self.latest[name] = _Latest(
            generated,
            {k: report.get(k) for k in ("project", "generated", "files", "metrics")},
            {g["id"]: (g["title"], g["coverage"]) for g in report["goals"] if g["applicable"]},
            blockers.contribution(report),
            self._impact(report),
        )

    def _impact(self, report: dict[str, Any]) -> dict[str, Any] | None:
        if self.candidate is None:
            return None
        from raiassist.report.whatif import candidate_report, impact

        return impact(report, candidate_report(report, self.candidate))

    def result(self, today: dt.date) -> dict[str, Any]:
        projects = sorted(self.latest.values(), key=lambda p: p.row["project"])
        found = blockers.Blockers()
        for project in projects:
            found.add(project.blockers)
        data = {
            "version": VERSION,
            "raiassist": __version__,
            "generated": today.isoformat(),
            "projects": [p.row for p in projects],
            "totals": _totals([p.row["metrics"] for p in projects]),
            "goals": _goals(projects),
            "names": [p.row["project"] for p in projects],
            "blockers": found.summary(),
            "trend": self.trend.summary(),
        }
        if self.candidate is not None:
            data["what_if"] = _what_if(projects, self.candidate)
        return data


def org_report(
    reports: Iterable[dict[str, Any]], today: dt.date, candidate: Standard | None = None
) -> dict[str, Any]:
    """Projects side by side, per-goal coverage per project, organisation totals, blockers,
    the trend, and with `candidate` what it would change."""
    merge = Merge(candidate)
    for report in reports:
        merge.add(report)
    return merge.result(today)


def _totals(metrics: list[dict[str, Any]]) -> dict[str, Any]:
    totals: dict[str, Any] = {key: sum(m.get(key) or 0 for m in metrics) for key in TOTALS}
    denominator = totals["applicable"] - totals["not-applicable"]
    totals["coverage"] = round(totals["met"] / denominator, 4) if denominator else None
    return totals


def _goals(projects: list[_Latest]) -> list[dict[str, Any]]:
    goals: dict[str, dict[str, Any]] = {}
    for project in projects:
        for goal_id, (title, coverage) in project.goals.items():
            row = goals.setdefault(goal_id, {"id": goal_id, "title": title, "coverage": {}})
            row["coverage"][project.row["project"]] = coverage
    return list(goals.values())


def _what_if(projects: list[_Latest], candidate: Standard) -> dict[str, Any]:
    from raiassist.standard.diff import label

    impacts = [p.impact for p in projects if p.impact is not None]
    newly: dict[str, dict[str, Any]] = {}
    for item in impacts:
        for row in item["opens"]:
            entry = newly.setdefault(row["id"], {**row, "projects": 0})
            entry["projects"] += 1
    return {
        "standard": label(candidate),
        "projects": [i for i in impacts if i["opens"] or i["closes"] or i["changes"]],
        "totals": {
            "opens": sum(len(i["opens"]) for i in impacts),
            "opens_errors": sum(1 for i in impacts for r in i["opens"] if r["severity"] == "error"),
            "closes": sum(len(i["closes"]) for i in impacts),
            "changes": sum(len(i["changes"]) for i in impacts),
            "projects_affected": sum(
                1 for i in impacts if i["opens"] or i["closes"] or i["changes"]
            ),
            "open_errors_before": sum(i["before"]["open_errors"] for i in impacts),
            "open_errors_after": sum(i["after"]["open_errors"] for i in impacts),
        },
        "newly_open": sorted(
            newly.values(), key=lambda r: (r["severity"] != "error", -r["projects"], r["id"])
        ),
    }
