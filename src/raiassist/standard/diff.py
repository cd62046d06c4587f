"""What changes between two versions of a Standard: requirements added, removed and changed
(severity, scope, applicability, evidence, wording, crosswalk), and named conditions whose
meaning changed, each change said in a sentence a reviewer can paste into a change request."""

from __future__ import annotations

from raiassist.frozen import frozen
from raiassist.standard import rules
from raiassist.standard.model import Requirement, Standard, severity_rank
from raiassist.standard.vocabulary import vocabulary

WORDING = ("title", "summary", "why", "how_to_satisfy", "prompt")


@frozen
class Change:
    field: str
    before: object
    after: object
    words: str


@frozen
class Changed:
    id: str
    title: str
    changes: tuple[Change, ...]


@frozen
class StandardDiff:
    old: str
    new: str
    added: tuple[Requirement, ...]
    removed: tuple[Requirement, ...]
    changed: tuple[Changed, ...]
    conditions: tuple[Change, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.conditions)


def label(standard: Standard) -> str:
    """The Standard's packs as `id version`, outermost last."""
    return " + ".join(f"{p.id} {p.version}" for p in standard.packs)


def diff(old: Standard, new: Standard) -> StandardDiff:
    """Everything that differs between `old` and `new`, requirements in `new`'s order."""
    before, after = old.by_id, new.by_id
    conditions = _conditions(old, new)
    changed_conditions = {c.field for c in conditions}
    changed = []
    for req in new.requirements:
        if req.id in before:
            changes = requirement_changes(before[req.id], req, changed_conditions)
            if changes:
                changed.append(Changed(req.id, req.title, changes))
    return StandardDiff(
        label(old),
        label(new),
        tuple(r for r in new.requirements if r.id not in before),
        tuple(r for r in old.requirements if r.id not in after),
        tuple(changed),
        conditions,
    )


def requirement_changes(
    old: Requirement,
    new: Requirement,
    conditions: set[str] = frozenset(),  # type: ignore[assignment]
) -> tuple[Change, ...]:
    """The changes from one version of a requirement to the next, in reading order."""
    changes = [*_placement(old, new), *_applicability(old, new, conditions)]
    changes += _evidence(old, new)
    for name in WORDING:
        if getattr(old, name) != getattr(new, name):
            changes.append(_reworded(name, getattr(old, name), getattr(new, name)))
    changes += _crosswalk(old, new)
    if old.tags != new.tags:
        changes.append(_listed("tags", old.tags, new.tags))
    return tuple(changes)


def _placement(old: Requirement, new: Requirement) -> list[Change]:
    changes = []
    if old.severity != new.severity:
        way = "raised" if severity_rank(new.severity) > severity_rank(old.severity) else "lowered"
        words = f"severity {way} from {old.severity} to {new.severity}"
        changes.append(Change("severity", old.severity, new.severity, words))
    if old.scope != new.scope:
        words = f"checked per {_scope(new.scope)} instead of per {_scope(old.scope)}"
        changes.append(Change("scope", old.scope, new.scope, words))
    if old.goal != new.goal:
        words = f"moved from goal {old.goal} to goal {new.goal}"
        changes.append(Change("goal", old.goal, new.goal, words))
    return changes


def _scope(scope: str) -> str:
    return {"code": "place in the code", "file": "file", "project": "project"}[scope]


def _applicability(old: Requirement, new: Requirement, conditions: set[str]) -> list[Change]:
    was, now = rules.describe(old.applies_when), rules.describe(new.applies_when)
    if was != now:
        words = f"applies when {now} (was: when {was})"
        return [Change("applies_when", was, now, words)]
    moved = sorted(conditions.intersection(_condition_names(new.applies_when)))
    if moved and expanded(old.applies_when) != expanded(new.applies_when):
        words = f"applies when {now}, and what {', '.join(moved)} means has changed"
        return [
            Change("applies_when", expanded(old.applies_when), expanded(new.applies_when), words)
        ]
    return []


def _evidence(old: Requirement, new: Requirement) -> list[Change]:
    gained = [k for k in new.satisfied_by if k not in old.satisfied_by]
    lost = [k for k in old.satisfied_by if k not in new.satisfied_by]
    if not (gained or lost):
        return []
    parts = []
    if gained:
        parts.append(f"now also met by {', '.join(gained)}")
    if lost:
        parts.append(f"no longer met by {', '.join(lost)}")
    return [
        Change("satisfied_by", list(old.satisfied_by), list(new.satisfied_by), "; ".join(parts))
    ]


def _reworded(name: str, before: str, after: str) -> Change:
    field = name.replace("_", " ")
    if name == "title":
        return Change(name, before, after, f"retitled '{after}' (was '{before}')")
    return Change(name, before, after, f"{field} reworded: {after}")


def _crosswalk(old: Requirement, new: Requirement) -> list[Change]:
    frameworks = vocabulary().frameworks
    changes = []
    for (key, was), (_, now) in zip(old.crosswalk.items(), new.crosswalk.items(), strict=True):
        if was == now:
            continue
        title = frameworks[key].label if key in frameworks else key
        parts = [f"adds {', '.join(r for r in now if r not in was)}" if set(now) - set(was) else ""]
        parts.append(
            f"drops {', '.join(r for r in was if r not in now)}" if set(was) - set(now) else ""
        )
        words = f"crosswalk to {title}: {'; '.join(p for p in parts if p) or 'reordered'}"
        changes.append(Change(f"crosswalk.{key}", list(was), list(now), words))
    return changes


def _listed(name: str, before: tuple[str, ...], after: tuple[str, ...]) -> Change:
    words = f"{name} now {', '.join(after) or 'none'} (was {', '.join(before) or 'none'})"
    return Change(name, list(before), list(after), words)


def _conditions(old: Standard, new: Standard) -> tuple[Change, ...]:
    """Named conditions added, removed or meaning something else."""
    changes = []
    for name in dict.fromkeys([*old.conditions, *new.conditions]):
        was, now = old.conditions.get(name), new.conditions.get(name)
        before = expanded(_inner(was)) if was is not None else None
        after = expanded(_inner(now)) if now is not None else None
        if before == after:
            continue
        if before is None:
            words = f"new condition {name}: {after}"
        elif after is None:
            words = f"condition {name} removed (was: {before})"
        else:
            words = f"condition {name} now means {after} (was: {before})"
        changes.append(Change(name, before, after, words))
    return tuple(changes)


def _inner(rule: rules.Rule) -> rules.Rule:
    return rule.rule if isinstance(rule, rules.Condition) else rule


def expanded(rule: rules.Rule | None) -> str:
    """The rule in words with every named condition spelled out in signals."""
    return rules.describe(_spelled(rule)) if rule is not None else rules.describe(None)


def _spelled(rule: rules.Rule) -> rules.Rule:
    match rule:
        case rules.Condition(_, inner):
            return _spelled(inner)
        case rules.All(parts):
            return rules.All(tuple(_spelled(p) for p in parts))
        case rules.Any(parts):
            return rules.Any(tuple(_spelled(p) for p in parts))
        case rules.Not(part):
            return rules.Not(_spelled(part))
    return rule


def _condition_names(rule: rules.Rule | None) -> list[str]:
    match rule:
        case rules.Condition(name, inner):
            return [name, *_condition_names(inner)]
        case rules.All(parts) | rules.Any(parts):
            return [n for p in parts for n in _condition_names(p)]
        case rules.Not(part):
            return _condition_names(part)
    return []
