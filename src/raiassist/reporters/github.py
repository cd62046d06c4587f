"""GitHub Actions workflow commands: `::error file=...,line=...::message` annotations."""

from __future__ import annotations

from raiassist.checking import Report
from raiassist.evaluate import Finding
from raiassist.notebook_lines import file_line
from raiassist.printable import printable
from raiassist.reporters.common import reported_shown

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def render(report: Report, show: str) -> str:
    return "\n".join(_annotation(f) for f in reported_shown(report, show))


def _annotation(finding: Finding) -> str:
    origin = next((h.path for h in finding.signals if h.path), None)
    path = origin if finding.scope == "project" and origin else finding.path
    props = [f"file={_escape_property(path)}"]
    loc = finding.location
    if loc is not None:
        line = file_line(path, loc.cell, loc.line) if loc.cell is not None else loc.line
        props += [f"line={line}", f"col={loc.column}"]
    props.append(f"title={_escape_property(f'{finding.id} {finding.title}'.strip())}")
    message = _escape_data(printable(finding.message))
    return f"::{LEVELS[finding.severity]} {','.join(props)}::{message}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
