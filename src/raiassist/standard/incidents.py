"""The incidents of the active Standard: the built-in ones that go with a built-in pack
(`guidance/incidents/<pack id>.yaml`), then each pack's own `incidents`, less the ones a
pack hides with `hide_incidents`.

Every reference is checked once all packs are read, since a pack's incident may name a
requirement its own pack defines: an unknown requirement or goal, a requirement whose goal is
not listed, a duplicate id or a hidden id that names no incident is a problem in the file it
came from. A requirement or goal a pack disables drops out of the incidents that name it,
quietly: the built-in data was right for the built-in pack.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Protocol

from raiassist.errors import suggestion
from raiassist.frozen import frozen
from raiassist.standard import model as cat
from raiassist.standard import schema

Loc = tuple[str | int, ...]


class Located(Protocol):
    """A file problems can point into."""

    @property
    def file(self) -> str: ...

    @property
    def text(self) -> str: ...


@frozen
class IncidentSource:
    """A validated incidents file with where it came from."""

    data: schema.IncidentsFile
    file: str
    path: Path
    text: str


@frozen
class Problem:
    source: Located
    loc: Loc
    message: str


@frozen
class _Entry:
    incident: schema.Incident
    source: Located
    loc: Loc
    pack: str
    rank: int  # packs read later come first: an organisation's own post-mortems lead


class IncidentSet:
    """Incidents collected pack by pack, checked and resolved at the end."""

    def __init__(self) -> None:
        self.entries: dict[str, _Entry] = {}
        self.hides: list[tuple[Located, Loc, str]] = []
        self.problems: list[Problem] = []
        self.packs = 0

    def add_pack(self, source: Located, pack: schema.Pack, builtin: IncidentSource | None) -> None:
        self.packs += 1
        if builtin is not None:
            self._add(builtin, ("incidents",), builtin.data.incidents, pack.id)
        self._add(source, ("incidents",), pack.incidents, pack.id)
        self.hides += [
            (source, ("hide_incidents", i), hid) for i, hid in enumerate(pack.hide_incidents)
        ]

    def _add(
        self, source: Located, at: Loc, incidents: Iterable[schema.Incident], pack: str
    ) -> None:
        for i, incident in enumerate(incidents):
            loc = (*at, i)
            if incident.id in self.entries:
                self.problems.append(Problem(source, (*loc, "id"), f"duplicate id '{incident.id}'"))
            else:
                self.entries[incident.id] = _Entry(incident, source, loc, pack, -self.packs)

    def check(self, goal_of: Mapping[str, str], goals: Collection[str]) -> list[Problem]:
        """Problems with references, given every requirement's goal and every goal id."""
        problems = list(self.problems)
        for entry in self.entries.values():
            problems += _references(entry, goal_of, goals)
        for source, loc, hidden in self.hides:
            if hidden not in self.entries:
                message = f"unknown incident '{hidden}'" + suggestion(hidden, self.entries)
                problems.append(Problem(source, loc, message))
        return problems

    def resolve(
        self, live_requirements: Collection[str], live_goals: Collection[str]
    ) -> tuple[cat.Incident, ...]:
        hidden = {h for _, _, h in self.hides}
        kept = sorted(
            (e for e in self.entries.values() if e.incident.id not in hidden),
            key=lambda e: e.rank,
        )
        out = []
        for entry in kept:
            incident = entry.incident
            goals = tuple(g for g in incident.goals if g in live_goals)
            reqs = tuple(r for r in incident.requirements if r in live_requirements)
            if goals:
                out.append(_record(incident, goals, reqs, entry.pack))
        return tuple(out)


def _references(entry: _Entry, goal_of: Mapping[str, str], goals: Collection[str]) -> list[Problem]:
    incident, problems = entry.incident, []
    for j, goal in enumerate(incident.goals):
        if goal not in goals:
            message = f"unknown goal '{goal}'" + suggestion(goal, goals)
            problems.append(Problem(entry.source, (*entry.loc, "goals", j), message))
    for j, req in enumerate(incident.requirements):
        loc = (*entry.loc, "requirements", j)
        if req not in goal_of:
            message = f"unknown requirement '{req}'" + suggestion(req, goal_of)
            problems.append(Problem(entry.source, loc, message))
        elif goal_of[req] not in incident.goals:
            message = (
                f"'{req}' belongs to goal {goal_of[req]}, which is not in this incident's goals"
            )
            problems.append(Problem(entry.source, loc, message))
    return problems


def _record(
    incident: schema.Incident, goals: tuple[str, ...], reqs: tuple[str, ...], pack: str
) -> cat.Incident:
    return cat.Incident(
        id=incident.id,
        title=incident.title,
        year=incident.year,
        summary=incident.summary,
        goals=goals,
        requirements=reqs,
        sources=tuple(cat.Citation(**s.model_dump()) for s in incident.sources),
        pack=pack,
    )
