"""Build the report data for a project, today and (with `since`) at past commits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from raiassist.cache import disabled
from raiassist.checking import check_paths
from raiassist.config import Config, load_config
from raiassist.errors import UserError
from raiassist.report import history
from raiassist.report.project import project_report
from raiassist.standard import Standard, load_standard


def build(
    config: Config, standard: Standard, since: dt.date | None, today: dt.date
) -> dict[str, Any]:
    """The project's report; with `since`, its trend and time-to-close from git history."""
    report = check_paths([config.root], config, standard)
    data = project_report(report, config.root.name, today)
    if since is not None:
        samples = [
            _sample(config.root, sha, date)
            for sha, date in history.weekly_commits(config.root, since)
        ]
        data["trend"] = [{k: v for k, v in s.items() if k != "statuses"} for s in samples]
        data["metrics"].update(history.summary(samples))
    return data


def _sample(root: Path, sha: str, date: dt.date) -> dict[str, Any]:
    """The project's coverage and open errors at one commit (as configured then)."""
    with history.checkout(root, sha) as tree, disabled():
        sample: dict[str, Any] = {"commit": sha[:12], "date": date.isoformat()}
        if not tree.is_dir():
            return {**sample, "coverage": None, "open_errors": 0, "applicable": 0, "statuses": {}}
        try:
            config = load_config(tree)
            standard = load_standard(config.settings.packs, config.root, config.catalogue_paths)
        except UserError as exc:  # a commit with a broken configuration: recorded, not fatal
            return {
                **sample,
                "coverage": None,
                "open_errors": 0,
                "applicable": 0,
                "statuses": {},
                "error": str(exc.problems[0]),
            }
        data = project_report(
            check_paths([config.root], config, standard, parallel=False),
            root.name,
            date,
            facts=False,
        )
    metrics = data["metrics"]
    return {
        **sample,
        "coverage": metrics["coverage"],
        "open_errors": metrics["open_errors"],
        "applicable": metrics["applicable"],
        "statuses": {r["id"]: r["status"] for r in data["requirements"]},
    }
