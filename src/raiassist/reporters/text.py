"""Plain text: one line per finding, `path[:cell_N]:line:col: ID severity message`."""

from __future__ import annotations

import os
from collections import Counter

from raiassist.checking import Report
from raiassist.printable import printable
from raiassist.reporters.common import reported, shown, where

COLOURS = {"error": "31", "warning": "33", "info": "34", "id": "1", "dim": "2"}


def render(report: Report, show: str, colour: bool = False, quiet: bool = False) -> str:
    paint = _painter(colour)
    lines = []
    for finding in reported(report):
        if shown(finding, show):
            lines.append(
                f"{where(finding)}: {paint(finding.id, 'id')} "
                f"{paint(finding.severity, finding.severity)} {printable(finding.message)}"
            )
    if not quiet:
        for file in report.files:
            notes = file.facts.document.notes
            lines.extend(f"{file.path}: note: {printable(note)}" for note in notes)
        lines.append(paint(summary(report, show), "dim"))
    return "\n".join(lines)


def summary(report: Report, show: str) -> str:
    findings = list(reported(report))
    counted = Counter(f.severity for f in findings if shown(f, show))
    quiet = sum(1 for f in findings if f.status == "open" and not shown(f, show))
    met = sum(1 for f in findings if f.status == "met")
    settled = sum(1 for f in findings if f.status in ("waived", "not-applicable"))
    noun = "file" if len(report.files) == 1 else "files"
    parts = [
        f"{counted[s]} {s}{'s' if counted[s] != 1 else ''}"
        for s in ("error", "warning", "info")
        if counted[s]
    ]
    head = f"Checked {len(report.files)} {noun}: " + (
        ", ".join(parts) + " open" if parts else "nothing open to act on"
    )
    extra = []
    if quiet:
        extra.append(
            f"{quiet} more open at lower severity in the checklist (raiassist checklist PATH)"
        )
    if met:
        extra.append(f"{met} met")
    if settled:
        extra.append(f"{settled} waived or not applicable")
    return head + (". " + "; ".join(extra) if extra else "") + "."


def _painter(colour: bool):  # type: ignore[no-untyped-def]
    def paint(text: str, style: str) -> str:
        return f"\033[{COLOURS[style]}m{text}\033[0m" if colour else text

    return paint


def use_colour(stream_isatty: bool, no_colour: bool) -> bool:
    return stream_isatty and not no_colour and "NO_COLOR" not in os.environ
