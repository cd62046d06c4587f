"""The active Standard as frozen records: principles, goals and requirements from all packs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from raiassist.frozen import frozen
from raiassist.standard.rules import Rule, signal_names

if TYPE_CHECKING:
    from raiassist.catalogue.model import Catalogue

Severity = Literal["info", "warning", "error"]
Scope = Literal["code", "file", "project"]

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@frozen
class Crosswalk:
    nist_ai_rmf: tuple[str, ...] = ()
    eu_ai_act: tuple[str, ...] = ()
    iso_42001: tuple[str, ...] = ()

    def items(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return (
            ("nist_ai_rmf", self.nist_ai_rmf),
            ("eu_ai_act", self.eu_ai_act),
            ("iso_42001", self.iso_42001),
        )


@frozen
class Practice:
    id: str
    text: str
    tools: tuple[str, ...] = ()
    url: str | None = None


@frozen
class Principle:
    id: str
    title: str
    summary: str


@frozen
class Goal:
    id: str
    principle: str
    title: str
    outcome: str
    applies_to: str
    applies_when: Rule | None
    severity: Severity
    points_to: str | None
    url: str | None
    pack: str


@frozen
class Requirement:
    """One requirement with everything resolved: its goal's rule is already folded into
    `applies_when`, its severity is the pack's final word (config may still override)."""

    id: str
    goal: str
    principle: str
    title: str
    summary: str
    why: str
    how_to_satisfy: str
    prompt: str
    severity: Severity
    tags: tuple[str, ...]
    scope: Scope
    anchor: tuple[str, ...]
    applies_when: Rule | None
    satisfied_by: tuple[str, ...]
    templates: tuple[str, ...]
    practices: tuple[Practice, ...]
    crosswalk: Crosswalk
    url: str | None
    pack: str

    @cached_property
    def trigger_signals(self) -> tuple[str, ...]:
        """The signals that can make this requirement apply, its anchors first."""
        return tuple(dict.fromkeys([*self.anchor, *signal_names(self.applies_when)]))


@frozen
class Citation:
    title: str
    url: str
    publisher: str
    date: str | None = None


@frozen
class Incident:
    """A documented real-world harm behind goals and requirements, from a pack's data."""

    id: str
    title: str
    year: int
    summary: str
    goals: tuple[str, ...]
    requirements: tuple[str, ...]
    sources: tuple[Citation, ...]
    pack: str  # the pack it came from: built-in ones carry the built-in pack's id

    @property
    def url(self) -> str:
        return self.sources[0].url


@frozen
class PackInfo:
    id: str
    title: str
    version: str
    source_title: str | None
    source_url: str | None
    file: str
    extends: str | None


@frozen
class Standard:
    packs: tuple[PackInfo, ...]
    principles: tuple[Principle, ...]
    goals: tuple[Goal, ...]
    requirements: tuple[Requirement, ...]
    conditions: Mapping[str, Rule] = field(default_factory=dict)
    catalogue: Catalogue | None = None  # what the code's calls, datasets and words mean
    digest: str = field(default="", compare=False)  # of the pack files, when read from files
    incidents: tuple[Incident, ...] = ()  # real-world harms, in the order the data gives

    @cached_property
    def by_id(self) -> Mapping[str, Requirement]:
        return {r.id: r for r in self.requirements}

    @cached_property
    def goal_by_id(self) -> Mapping[str, Goal]:
        return {g.id: g for g in self.goals}

    @cached_property
    def principle_by_id(self) -> Mapping[str, Principle]:
        return {p.id: p for p in self.principles}

    @cached_property
    def rule_memos(self) -> dict[frozenset[str], dict[int, bool]]:
        """Outcomes of this Standard's rules per set of signals present, as `rules.holds`
        memoises them: most files in a batch share a handful of sets."""
        return {}

    @cached_property
    def active_memos(
        self,
    ) -> dict[tuple[int, frozenset[str]], tuple[object, tuple[Requirement, ...]]]:
        """The active requirements per settings object and set of ignored IDs, as
        `evaluate.active` memoises them."""
        return {}

    def __getstate__(self) -> dict[str, object]:
        """Pickled (for the on-disk cache) without `rule_memos` and `active_memos`, whose
        keys are object ids that mean nothing in another process."""
        state = dict(self.__dict__)
        state.pop("rule_memos", None)
        state.pop("active_memos", None)
        return state

    def incidents_of(self, req_id: str) -> tuple[Incident, ...]:
        """The incidents that name the requirement; failing those, its goal's."""
        named = tuple(i for i in self.incidents if req_id in i.requirements)
        req = self.by_id.get(req_id)
        return named or (self.incidents_of_goal(req.goal) if req else ())

    def incidents_of_goal(self, goal_id: str) -> tuple[Incident, ...]:
        return tuple(i for i in self.incidents if goal_id in i.goals)

    def requirements_of(self, goal_id: str) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if r.goal == goal_id)

    @property
    def source_url(self) -> str | None:
        return next((p.source_url for p in self.packs if p.source_url), None)
