"""A Standard diff as text (for a terminal or a change request), markdown (escaped: pack
text is someone else's words) and JSON (`raiassist-standard-diff/1`)."""

from __future__ import annotations

from typing import Any

from raiassist.explanation import markdown_text
from raiassist.printable import printable
from raiassist.standard import rules
from raiassist.standard.diff import StandardDiff
from raiassist.standard.model import Requirement

VERSION = "raiassist-standard-diff/1"


def headline(d: StandardDiff) -> str:
    if d.empty:
        return "No differences"
    counts = f"{len(d.added)} added, {len(d.removed)} removed, {len(d.changed)} changed"
    conditions = len(d.conditions)
    if conditions:
        counts += f"; {conditions} condition{'s' if conditions > 1 else ''} changed"
    return f"Requirements: {counts}"


def _summary(req: Requirement) -> str:
    evidence = ", ".join(req.satisfied_by)
    return (
        f"{req.severity}, per {req.scope}; applies when {rules.describe(req.applies_when)}; "
        f"met by {evidence}"
    )


def text(d: StandardDiff) -> str:
    lines = [f"{printable(d.old)} -> {printable(d.new)}", headline(d)]
    if d.added:
        lines += ["", "Added"]
        lines += [f"  {r.id} {printable(r.title)} ({printable(_summary(r))})" for r in d.added]
    if d.removed:
        lines += ["", "Removed"]
        lines += [f"  {r.id} {printable(r.title)}" for r in d.removed]
    if d.changed:
        lines += ["", "Changed"]
        for item in d.changed:
            lines.append(f"  {item.id} {printable(item.title)}")
            lines += [f"    - {printable(c.words)}" for c in item.changes]
    if d.conditions:
        lines += ["", "Conditions"]
        lines += [f"  - {printable(c.words)}" for c in d.conditions]
    return "\n".join(lines)


def markdown(d: StandardDiff) -> str:
    m = markdown_text
    lines = [f"## {m(d.old)} → {m(d.new)}", "", f"{headline(d)}."]
    if d.added:
        lines += ["", "### Added", ""]
        lines += [f"- **{r.id}** {m(r.title)} ({m(_summary(r))})" for r in d.added]
    if d.removed:
        lines += ["", "### Removed", ""]
        lines += [f"- **{r.id}** {m(r.title)}" for r in d.removed]
    if d.changed:
        lines += ["", "### Changed", ""]
        for item in d.changed:
            lines.append(f"- **{item.id}** {m(item.title)}")
            lines += [f"  - {m(c.words)}" for c in item.changes]
    if d.conditions:
        lines += ["", "### Conditions", ""]
        lines += [f"- {m(c.words)}" for c in d.conditions]
    return "\n".join(lines)


def as_json(d: StandardDiff) -> dict[str, Any]:
    from raiassist.cli.standard_cmd import requirement_json

    return {
        "version": VERSION,
        "old": d.old,
        "new": d.new,
        "added": [requirement_json(r) for r in d.added],
        "removed": [requirement_json(r) for r in d.removed],
        "changed": [
            {
                "id": item.id,
                "title": item.title,
                "changes": [
                    {"field": c.field, "before": c.before, "after": c.after, "words": c.words}
                    for c in item.changes
                ],
            }
            for item in d.changed
        ],
        "conditions": [
            {"name": c.field, "before": c.before, "after": c.after, "words": c.words}
            for c in d.conditions
        ],
    }
