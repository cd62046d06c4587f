"""Helpers shared by reporters: which findings to show, and how to point at them."""

from __future__ import annotations

from collections.abc import Iterator

from raiassist.checking import Report
from raiassist.evaluate import Finding
from raiassist.standard.model import severity_rank


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


def failing(report: Report, fail_on: str) -> list[Finding]:
    if fail_on == "never":
        return []
    return [f for f in reported(report) if shown(f, fail_on)]


def where(finding: Finding, kind: str | None = None) -> str:
    """`path`, `path:line:col` or `path:cell_N:line:col` (cells counted from 1)."""
    loc = finding.location
    if loc is None:
        return finding.path
    cell = f":cell_{loc.cell + 1}" if loc.cell is not None else ""
    return f"{finding.path}{cell}:{loc.line}:{loc.column}"
