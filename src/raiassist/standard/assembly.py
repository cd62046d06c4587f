"""Merge validated packs, base first, into one Standard, checking every cross-reference.

Each problem keeps the pack it came from and the field path inside it, so the loader can
report `org.yaml:14: requirements[3].satisfied_by[0]: unknown evidence 'x' (did you mean ...)`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from raiassist.errors import suggestion
from raiassist.frozen import frozen
from raiassist.resources import template_names
from raiassist.standard import model as cat
from raiassist.standard import rules, schema
from raiassist.standard.incidents import IncidentSet, IncidentSource, Located
from raiassist.standard.vocabulary import vocabulary

Loc = tuple[str | int, ...]


@frozen
class PackSource:
    """A validated pack with where it came from."""

    pack: schema.Pack
    file: str
    path: Path
    text: str


@frozen
class Issue:
    source: Located
    loc: Loc
    message: str


def assemble(
    sources: Sequence[PackSource], incidents: Mapping[str, IncidentSource] | None = None
) -> tuple[cat.Standard | None, list[Issue]]:
    """The Standard made of the packs, base first; `incidents` are the built-in incidents
    files by the id of the pack they go with."""
    builder = _Builder(incidents or {})
    for source in sources:
        builder.add(source)
    builder.check_incidents()
    if builder.issues:
        return None, builder.issues
    return builder.standard(), []


class _Builder:
    def __init__(self, builtin_incidents: Mapping[str, IncidentSource]) -> None:
        self.issues: list[Issue] = []
        self.builtin_incidents = builtin_incidents
        self.incidents = IncidentSet()
        self.principles: dict[str, cat.Principle] = {}
        self.goals: dict[str, schema.Goal] = {}
        self.goal_pack: dict[str, str] = {}
        self.requirements: dict[str, tuple[schema.Requirement, str]] = {}
        self.raw_conditions: dict[str, schema.Rule] = {}
        self.conditions: dict[str, rules.Rule] = {}
        self.disabled: set[str] = set()
        self.packs: list[cat.PackInfo] = []
        self.vocab = vocabulary()
        self.templates = set(template_names())

    def add(self, src: PackSource) -> None:
        pack = src.pack
        self.packs.append(
            cat.PackInfo(
                pack.id,
                pack.title,
                pack.version,
                pack.source.title if pack.source else None,
                pack.source.url if pack.source else None,
                src.file,
                pack.extends,
            )
        )
        self._add_conditions(src)
        for i, principle in enumerate(pack.principles):
            if self._fresh(src, ("principles", i, "id"), principle.id, self.principles):
                self.principles[principle.id] = cat.Principle(**principle.model_dump())
        for i, goal in enumerate(pack.goals):
            self._add_goal(src, i, goal)
        for i, req in enumerate(pack.requirements):
            self._add_requirement(src, i, req)
        for i, override in enumerate(pack.overrides):
            self._override(src, i, override)
        self.incidents.add_pack(src, pack, self.builtin_incidents.get(pack.id))
        for i, target in enumerate(pack.disable):
            if target in self.requirements or target in self.goals:
                self.disabled.add(target)
            else:
                known = [*self.requirements, *self.goals]
                self._issue(
                    src,
                    ("disable", i),
                    f"unknown requirement or goal '{target}'" + suggestion(target, known),
                )

    def check_incidents(self) -> None:
        goal_of = {req_id: req.goal for req_id, (req, _) in self.requirements.items()}
        for problem in self.incidents.check(goal_of, self.goals):
            self.issues.append(Issue(problem.source, problem.loc, problem.message))

    # -- pieces ---------------------------------------------------------------------------

    def _issue(self, src: PackSource, loc: Loc, message: str) -> None:
        self.issues.append(Issue(src, loc, message))

    def _fresh(self, src: PackSource, loc: Loc, key: str, seen: Iterable[str]) -> bool:
        if key in seen:
            self._issue(src, loc, f"duplicate id '{key}'")
            return False
        return True

    def _add_conditions(self, src: PackSource) -> None:
        for name, raw in src.pack.conditions.items():
            if name in self.vocab.signals:
                self._issue(src, ("conditions", name), f"'{name}' is already a signal name")
            elif name in self.raw_conditions:
                self._issue(src, ("conditions", name), f"condition '{name}' is already defined")
            else:
                self.raw_conditions[name] = raw
        for name in src.pack.conditions:
            self._check_rule(src, ("conditions", name), src.pack.conditions[name])
        for name in src.pack.conditions:
            self._build_condition(src, name, ())

    def _build_condition(self, src: PackSource, name: str, stack: tuple[str, ...]) -> None:
        if name in self.conditions or name not in self.raw_conditions:
            return
        if name in stack:
            self._issue(
                src,
                ("conditions", name),
                "conditions refer to each other in a loop: " + " -> ".join((*stack, name)),
            )
            self.conditions[name] = rules.Signal(name)
            return
        raw = self.raw_conditions[name]
        for used, _ in rules.raw_names(raw):
            if used in self.raw_conditions:
                self._build_condition(src, used, (*stack, name))
        self.conditions[name] = rules.build(raw, self.conditions)

    def _check_rule(self, src: PackSource, loc: Loc, raw: schema.Rule | None) -> None:
        known = [*self.vocab.signals, *self.raw_conditions]
        for name, suffix in rules.raw_names(raw):
            if name not in known:
                where = (*loc[:-1], f"{loc[-1]}{suffix}")
                self._issue(
                    src, where, f"unknown signal or condition '{name}'" + suggestion(name, known)
                )

    def _check_names(
        self, src: PackSource, loc: Loc, names: Iterable[str], valid: Iterable[str], kind: str
    ) -> None:
        valid = list(valid)
        for i, name in enumerate(names):
            if name not in valid:
                self._issue(src, (*loc, i), f"unknown {kind} '{name}'" + suggestion(name, valid))

    def _add_goal(self, src: PackSource, i: int, goal: schema.Goal) -> None:
        if not self._fresh(src, ("goals", i, "id"), goal.id, self.goals):
            return
        if goal.principle not in self.principles:
            self._issue(
                src,
                ("goals", i, "principle"),
                f"unknown principle '{goal.principle}'"
                + suggestion(goal.principle, self.principles),
            )
        self._check_rule(src, ("goals", i, "applies_when"), goal.applies_when)
        self.goals[goal.id] = goal
        self.goal_pack[goal.id] = src.pack.id

    def _add_requirement(self, src: PackSource, i: int, req: schema.Requirement) -> None:
        loc: Loc = ("requirements", i)
        if not self._fresh(src, (*loc, "id"), req.id, self.requirements):
            return
        if req.goal not in self.goals:
            self._issue(
                src, (*loc, "goal"), f"unknown goal '{req.goal}'" + suggestion(req.goal, self.goals)
            )
        elif not req.id.startswith(req.goal + "."):
            self._issue(src, (*loc, "id"), f"must start with its goal's id '{req.goal}.'")
        self._check_fields(src, loc, req)
        self.requirements[req.id] = (req, src.pack.id)

    def _check_fields(
        self, src: PackSource, loc: Loc, item: schema.Requirement | schema.Override
    ) -> None:
        self._check_rule(src, (*loc, "applies_when"), item.applies_when)
        self._check_names(src, (*loc, "anchor"), item.anchor or (), self.vocab.signals, "signal")
        self._check_names(
            src,
            (*loc, "satisfied_by"),
            item.satisfied_by or (),
            self.vocab.evidence,
            "evidence kind",
        )
        self._check_names(
            src, (*loc, "templates"), item.templates or (), self.templates, "template"
        )
        if isinstance(item, schema.Requirement):
            self._check_scope(src, loc, item.scope, item.anchor)
        for key, refs in (item.crosswalk or schema.Crosswalk()).model_dump().items():
            framework = self.vocab.frameworks[key]
            for j, ref in enumerate(refs):
                if framework.base_id(ref) is None:
                    self._issue(
                        src,
                        (*loc, "crosswalk", key, j),
                        f"unknown {framework.label} reference '{ref}'"
                        + ("" if key == "eu_ai_act" else suggestion(ref, framework.ids)),
                    )

    def _check_scope(self, src: PackSource, loc: Loc, scope: str, anchor: list[str]) -> None:
        if scope == "code" and not anchor:
            self._issue(src, (*loc, "anchor"), "is required when scope is 'code'")
        if scope != "code" and anchor:
            self._issue(src, (*loc, "anchor"), "is only used when scope is 'code'")

    def _override(self, src: PackSource, i: int, override: schema.Override) -> None:
        loc: Loc = ("overrides", i)
        if override.id not in self.requirements:
            self._issue(
                src,
                (*loc, "id"),
                f"unknown requirement '{override.id}'" + suggestion(override.id, self.requirements),
            )
            return
        self._check_fields(src, loc, override)
        base, pack_id = self.requirements[override.id]
        changes: dict[str, Any] = override.model_dump(exclude_unset=True, exclude={"id"})
        merged = base.model_copy(update={k: getattr(override, k) for k in changes})
        self._check_scope(src, loc, merged.scope, merged.anchor)
        self.requirements[override.id] = (merged, pack_id)

    # -- result ---------------------------------------------------------------------------

    def standard(self) -> cat.Standard:
        goals = [self._goal(g) for g in self.goals.values() if g.id not in self.disabled]
        live = {g.id: g for g in goals}
        requirements = [
            self._requirement(req, pack, live[req.goal])
            for req, pack in self.requirements.values()
            if req.id not in self.disabled and req.goal in live
        ]
        used_principles = {g.principle for g in goals}
        return cat.Standard(
            packs=tuple(self.packs),
            principles=tuple(p for p in self.principles.values() if p.id in used_principles),
            goals=tuple(goals),
            requirements=tuple(requirements),
            conditions=dict(self.conditions),
            incidents=self.incidents.resolve({r.id for r in requirements}, live),
        )

    def _goal(self, goal: schema.Goal) -> cat.Goal:
        rule = rules.build(goal.applies_when, self.conditions) if goal.applies_when else None
        return cat.Goal(
            goal.id,
            goal.principle,
            goal.title,
            goal.outcome,
            goal.applies_to,
            rule,
            goal.severity,
            goal.points_to,
            goal.url,
            self.goal_pack[goal.id],
        )

    def _requirement(self, req: schema.Requirement, pack: str, goal: cat.Goal) -> cat.Requirement:
        own = rules.build(req.applies_when, self.conditions) if req.applies_when else None
        return cat.Requirement(
            id=req.id,
            goal=req.goal,
            principle=goal.principle,
            title=req.title,
            summary=req.summary,
            why=req.why,
            how_to_satisfy=req.how_to_satisfy,
            prompt=req.prompt,
            severity=req.severity or goal.severity,
            tags=tuple(req.tags),
            scope=req.scope,
            anchor=tuple(req.anchor),
            applies_when=rules.both(goal.applies_when, own) if goal.applies_when else None,
            satisfied_by=tuple(req.satisfied_by),
            templates=tuple(req.templates),
            practices=tuple(
                replace(cat.Practice(p.id, p.text), tools=tuple(p.tools), url=p.url)
                for p in req.practices
            ),
            crosswalk=cat.Crosswalk(**{k: tuple(v) for k, v in req.crosswalk.model_dump().items()}),
            url=req.url,
            pack=pack,
        )
