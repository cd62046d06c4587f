"""Plain text: one line per finding, `path[:cell_N]:line:col: ID severity message`."""

from __future__ import annotations

import os
from collections import Counter

from raiassist.checking import Report, briefs
from raiassist.printable import printable
from raiassist.reporters.common import reported_shown, tally, where
from raiassist.standard.model import severity_rank

COLOURS = {"error": "31", "warning": "33", "info": "34", "id": "1", "dim": "2"}


def render(report: Report, show: str, colour: bool = False, quiet: bool = False) -> str:
    paint = _painter(colour)
    lines = [
        f"{where(finding)}: {paint(finding.id, 'id')} "
        f"{paint(finding.severity, finding.severity)} {printable(finding.message)}"
        for finding in reported_shown(report, show)
    ]
    if not quiet:
        for brief in briefs(report, show):
            lines.extend(f"{brief.path}: note: {printable(note)}" for note in brief.notes)
        lines.append(paint(summary(report, show), "dim"))
    return "\n".join(lines)


def summary(report: Report, show: str) -> str:
    tallied = tally(report, show)
    at_least = severity_rank(show)
    counted: Counter[str] = Counter()
    quiet = 0
    for (status, severity), number in tallied.items():
        if status == "open" and severity_rank(severity) >= at_least:
            counted[severity] += number
        elif status == "open":
            quiet += number
    met = sum(n for (status, _), n in tallied.items() if status == "met")
    settled = sum(n for (status, _), n in tallied.items() if status in ("waived", "not-applicable"))
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
