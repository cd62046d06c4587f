"""Applicability rules as frozen values: build them from pack data, test them against signals."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from raiassist.frozen import frozen

if TYPE_CHECKING:
    from raiassist.standard import schema


@frozen
class Signal:
    name: str


@frozen
class Condition:
    """A named rule from a pack's `conditions`, kept by name so it reads well when explained."""

    name: str
    rule: Rule


@frozen
class All:
    parts: tuple[Rule, ...]


@frozen
class Any:
    parts: tuple[Rule, ...]


@frozen
class Not:
    part: Rule


Rule = Signal | Condition | All | Any | Not


def holds(rule: Rule | None, present: frozenset[str], memo: dict[int, bool] | None = None) -> bool:
    """Whether the rule holds when exactly the `present` signals were found. Pass the same
    `memo` for one set of signals to evaluate shared conditions once."""
    if rule is None:
        return False
    if memo is None:
        memo = {}
    key = id(rule)
    if key not in memo:
        memo[key] = _holds(rule, present, memo)
    return memo[key]


def _holds(rule: Rule, present: frozenset[str], memo: dict[int, bool]) -> bool:
    match rule:
        case Signal(name):
            return name in present
        case Condition(_, inner):
            return holds(inner, present, memo)
        case All(parts):
            return all(holds(p, present, memo) for p in parts)
        case Any(parts):
            return any(holds(p, present, memo) for p in parts)
        case Not(part):
            return not holds(part, present, memo)
    raise TypeError(rule)


def signals(rule: Rule | None) -> Iterator[str]:
    """Every signal name the rule mentions, through conditions."""
    match rule:
        case Signal(name):
            yield name
        case Condition(_, inner):
            yield from signals(inner)
        case All(parts) | Any(parts):
            for part in parts:
                yield from signals(part)
        case Not(part):
            yield from signals(part)


def signal_names(rule: Rule | None) -> tuple[str, ...]:
    """The distinct signal names a rule mentions, in order."""
    return tuple(dict.fromkeys(signals(rule)))


def describe(rule: Rule | None) -> str:
    """The rule in words, e.g. `ai-system and (sensitive-attribute or processes-faces)`."""
    match rule:
        case None:
            return "never (no rule)"
        case Signal(name) | Condition(name, _):
            return name
        case All(parts):
            return " and ".join(_nested(p) for p in parts)
        case Any(parts):
            return " or ".join(_nested(p) for p in parts)
        case Not(part):
            return f"not {_nested(part)}"
    raise TypeError(rule)


def _nested(rule: Rule) -> str:
    text = describe(rule)
    return f"({text})" if isinstance(rule, All | Any) and len(rule.parts) > 1 else text


def both(first: Rule | None, second: Rule | None) -> Rule | None:
    """The conjunction of two optional rules."""
    if first is None or second is None:
        return first if second is None else second
    return All((first, second))


def build(raw: schema.Rule, conditions: Mapping[str, Rule]) -> Rule:
    """Turn a validated rule into a frozen one; names found in `conditions` become conditions."""
    from raiassist.standard import schema

    if isinstance(raw, str):
        return Condition(raw, conditions[raw]) if raw in conditions else Signal(raw)
    if isinstance(raw, schema.AllOf):
        return All(tuple(build(r, conditions) for r in raw.all))
    if isinstance(raw, schema.AnyOf):
        return Any(tuple(build(r, conditions) for r in raw.any))
    return Not(build(raw.not_, conditions))


def raw_names(raw: schema.Rule | None) -> Iterator[tuple[str, str]]:
    """(name, field path suffix) for every name in a validated rule, for error reports."""
    from raiassist.standard import schema

    if raw is None:
        return
    if isinstance(raw, str):
        yield raw, ""
    elif isinstance(raw, schema.AllOf | schema.AnyOf):
        key = "all" if isinstance(raw, schema.AllOf) else "any"
        items = raw.all if isinstance(raw, schema.AllOf) else raw.any
        for i, item in enumerate(items):
            for name, path in raw_names(item):
                yield name, f".{key}[{i}]{path}"
    else:
        for name, path in raw_names(raw.not_):
            yield name, f".not{path}"
