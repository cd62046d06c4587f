"""When this was missed: the real-world incidents behind a requirement, as every surface
shows them. A hover, a sidebar item and a tree item show one incident in one line with its
link (`one_line`); `raiassist explain` and the handbook show them all (`section_text`).
Which incident is "the one" is decided here once: the first that names the requirement,
else the first of its goal (see `Standard.incidents_of`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from raiassist.standard.model import Incident, Standard

HEADING = "When this was missed"


class IncidentLine(NamedTuple):
    """One incident in one line: plain text (no markup) and the address of its source."""

    id: str
    text: str
    url: str


def line_of(incident: Incident) -> IncidentLine:
    return IncidentLine(incident.id, f"{incident.title} ({incident.year})", incident.url)


def one_line(standard: Standard, req_id: str) -> IncidentLine | None:
    """The one incident to show beside a requirement, or None when none is known."""
    found = standard.incidents_of(req_id)
    return line_of(found[0]) if found else None


def lines_json(standard: Standard, req_ids: Iterable[str]) -> list[dict[str, Any]]:
    """`[{"requirement", "id", "text", "url"}]` for the requirements that have an incident:
    what the editor and notebook checklists carry beside their items. A list, not a mapping
    keyed by requirement ID: clients that turn JSON objects into records (pygls) cannot keep
    keys such as `F1.5`."""
    lines = {req_id: one_line(standard, req_id) for req_id in dict.fromkeys(req_ids)}
    return [{"requirement": r, **line._asdict()} for r, line in lines.items() if line]


def section_text(incidents: Iterable[Incident]) -> str:
    """Every incident as plain-text bullets: title and year, what happened, the sources."""
    parts = []
    for incident in incidents:
        parts.append(f"- {incident.title} ({incident.year}). {incident.summary}")
        parts += [f"  Source: {s.publisher}, {s.url}" for s in incident.sources]
    return "\n".join(parts)
