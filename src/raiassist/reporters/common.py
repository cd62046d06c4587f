"""Helpers shared by reporters: which findings to show, and how to point at them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from raiassist.checking import Report, briefs
from raiassist.evaluate import Finding
from raiassist.standard.model import SEVERITIES, severity_rank


def shown(finding: Finding, show: str) -> bool:
    """Open findings at or above the `show` severity are reported as findings."""
    return finding.status == "open" and severity_rank(finding.severity) >= severity_rank(show)


def reported(report: Report) -> Iterator[Finding]:
    """Findings reported once each: file-level ones per file, project-level ones once."""
    for file in report.files:
        for finding in file.findings:
            if finding.scope != "project":
                yield finding
    yield from report.project
    yield from report.problems


def reported_shown(report: Report, show: str) -> Iterator[Finding]:
    """The reported findings that `shown` lets through, in the order `reported` gives them,
    from each file's brief: files the result cache kept are not read for them."""
    for brief in briefs(report, show):
        yield from brief.shown
    for finding in (*report.project, *report.problems):
        if shown(finding, show):
            yield finding


def tally(report: Report, show: str) -> Counter[tuple[str, str]]:
    """How many of the reported findings there are of each (status, severity), from each
    file's brief at `show` (the counts are the same at any)."""
    counted: Counter[tuple[str, str]] = Counter()
    for brief in briefs(report, show):
        for status, severity, number in brief.counts:
            counted[status, severity] += number
    counted.update((f.status, f.severity) for f in (*report.project, *report.problems))
    return counted


def failing(report: Report, fail_on: str) -> bool:
    """Whether a reported finding is open at or above `fail_on` (never, for "never")."""
    if fail_on == "never":
        return False
    counted = tally(report, report.config.settings.show)
    above = SEVERITIES[severity_rank(fail_on) :]
    return any(counted["open", severity] for severity in above)


def where(finding: Finding, kind: str | None = None) -> str:
    """`path`, `path:line:col` or `path:cell_N:line:col` (cells counted from 1)."""
    loc = finding.location
    if loc is None:
        return finding.path
    cell = f":cell_{loc.cell + 1}" if loc.cell is not None else ""
    return f"{finding.path}{cell}:{loc.line}:{loc.column}"
