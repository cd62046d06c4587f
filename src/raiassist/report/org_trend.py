"""Teams over time: with reports from several dates, each project's series (coverage, open
errors) and the organisation's, where a date counts every project's latest report up to it;
time to close from the days between a report where a requirement was open and the first
later one where it was met or answered not applicable."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

from raiassist.report import history


@dataclass
class Trend:
    """Per project, one small sample per report date (never the report itself)."""

    samples: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    def add(self, report: dict[str, Any]) -> None:
        date = report.get("generated")
        if not isinstance(date, str):
            return
        m = report["metrics"]
        self.samples.setdefault(report["project"], {})[date] = {
            "date": date,
            "coverage": m["coverage"],
            "open_errors": m["open_errors"],
            "met": m["met"],
            "counted": m["applicable"] - m["not-applicable"],
            "statuses": {r["id"]: r["status"] for r in report["requirements"]},
        }

    def summary(self) -> dict[str, Any]:
        projects: list[dict[str, Any]] = []
        days: list[int] = []
        for name, by_date in sorted(self.samples.items()):
            series = [by_date[d] for d in sorted(by_date)]
            closed = history.time_to_close(series)
            days += closed
            projects.append(
                {
                    "project": name,
                    "samples": [_public(s) for s in series],
                    "time_to_close_median_days": statistics.median(closed) if closed else None,
                }
            )
        return {
            "dates": len({d for by_date in self.samples.values() for d in by_date}),
            "organisation": self._organisation(),
            "projects": [p for p in projects if len(p["samples"]) > 1],
            "time_to_close_median_days": statistics.median(days) if days else None,
            "time_to_close_count": len(days),
        }

    def _organisation(self) -> list[dict[str, Any]]:
        dates = sorted({d for by_date in self.samples.values() for d in by_date})
        series = []
        for date in dates:
            current = [
                by_date[max(d for d in by_date if d <= date)]
                for by_date in self.samples.values()
                if any(d <= date for d in by_date)
            ]
            met = sum(s["met"] for s in current)
            counted = sum(s["counted"] for s in current)
            series.append(
                {
                    "date": date,
                    "projects": len(current),
                    "coverage": round(met / counted, 4) if counted else None,
                    "open_errors": sum(s["open_errors"] for s in current),
                }
            )
        return series


def _public(sample: dict[str, Any]) -> dict[str, Any]:
    return {k: sample[k] for k in ("date", "coverage", "open_errors")}
