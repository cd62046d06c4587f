"""`raiassist standard`: list the active Standard (built-in plus configured packs); its
sub-verbs `test` and `diff` serve the people who write packs."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from raiassist import __version__
from raiassist.cli.common import Subparsers, add_pack_option, project, write_output
from raiassist.standard import Standard, rules
from raiassist.standard.model import Incident, Requirement

STANDARD_JSON_VERSION = "raiassist-standard/1"


def add_parser(verbs: Subparsers) -> None:
    parser = verbs.add_parser(
        "standard",
        help="list the active Standard's requirements, or write it as a training handbook",
        description="List every requirement of the active Standard (the built-in pack plus the "
        "packs configured in [tool.raiassist]) with goal, title, severity, tags, crosswalk, "
        "when it applies and the evidence that satisfies it. --format html or markdown writes "
        "the training handbook: per principle and goal, each requirement in plain words, how "
        "to satisfy it, the evidence raiassist recognises, the crosswalk and the real-world "
        "incidents where it was missed (self-contained and printable, one goal per page).",
    )
    parser.add_argument("--format", choices=("text", "json", "html", "markdown"), default="text")
    parser.add_argument("-o", "--output", metavar="FILE", help="write it to FILE (atomically)")
    add_pack_option(parser)
    parser.set_defaults(run=run)
    from raiassist.cli import standard_diff_cmd, standard_test_cmd

    subverbs = parser.add_subparsers(dest="subverb", metavar="SUBVERB")
    standard_test_cmd.add_parser(subverbs)
    standard_diff_cmd.add_parser(subverbs)


def run(args: argparse.Namespace) -> int:
    _, standard = project(args)
    text = RENDER[args.format](standard)
    if args.output:
        write_output(args.output, text)
    else:
        print(text, end="")
    return 0


def _render_json(standard: Standard) -> str:
    return json.dumps(standard_json(standard), indent=2) + "\n"


def _render_text(standard: Standard) -> str:
    return standard_text(standard) + "\n"


def _render_html(standard: Standard) -> str:
    from raiassist.handbook import handbook_html

    return handbook_html(standard)


def _render_markdown(standard: Standard) -> str:
    from raiassist.handbook import handbook_markdown

    return handbook_markdown(standard)


RENDER: dict[str, Callable[[Standard], str]] = {
    "text": _render_text,
    "json": _render_json,
    "html": _render_html,
    "markdown": _render_markdown,
}


def standard_json(standard: Standard) -> dict[str, Any]:
    """The documented JSON shape of `raiassist standard --format json`."""
    return {
        "version": STANDARD_JSON_VERSION,
        "raiassist": __version__,
        "packs": [
            {
                "id": p.id,
                "title": p.title,
                "version": p.version,
                "file": p.file,
                "extends": p.extends,
                "source": {"title": p.source_title, "url": p.source_url},
            }
            for p in standard.packs
        ],
        "conditions": {
            k: rules.describe(v.rule if isinstance(v, rules.Condition) else v)
            for k, v in standard.conditions.items()
        },
        "principles": [{"id": p.id, "title": p.title} for p in standard.principles],
        "goals": [
            {
                "id": g.id,
                "principle": g.principle,
                "title": g.title,
                "applies_to": g.applies_to,
                "applies_when": rules.describe(g.applies_when),
                "points_to": g.points_to,
                "requirements": [r.id for r in standard.requirements_of(g.id)],
            }
            for g in standard.goals
        ],
        "requirements": [requirement_json(r) for r in standard.requirements],
        "incidents": [incident_json(i) for i in standard.incidents],
    }


def incident_json(incident: Incident) -> dict[str, Any]:
    return {
        "id": incident.id,
        "title": incident.title,
        "year": incident.year,
        "summary": incident.summary,
        "goals": list(incident.goals),
        "requirements": list(incident.requirements),
        "sources": [
            {"title": s.title, "url": s.url, "publisher": s.publisher, "date": s.date}
            for s in incident.sources
        ],
        "pack": incident.pack,
    }


def requirement_json(req: Requirement) -> dict[str, Any]:
    return {
        "id": req.id,
        "goal": req.goal,
        "principle": req.principle,
        "title": req.title,
        "severity": req.severity,
        "tags": list(req.tags),
        "scope": req.scope,
        "anchor": list(req.anchor),
        "applies_when": rules.describe(req.applies_when),
        "signals": sorted(set(rules.signals(req.applies_when))),
        "satisfied_by": list(req.satisfied_by),
        "crosswalk": {k: list(v) for k, v in req.crosswalk.items()},
        "templates": list(req.templates),
        "pack": req.pack,
    }


def standard_text(standard: Standard) -> str:
    lines = [f"{p.title} ({p.id} {p.version})" for p in standard.packs]
    lines.append(f"{len(standard.requirements)} requirements in {len(standard.goals)} goals")
    for principle in standard.principles:
        lines.append(f"\n{principle.title}")
        for goal in (g for g in standard.goals if g.principle == principle.id):
            lines.append(
                f"  {goal.id} {goal.title} — applies when {rules.describe(goal.applies_when)}"
            )
            if goal.points_to:
                lines.append(f"      follow: {goal.points_to}")
            for req in standard.requirements_of(goal.id):
                lines.extend(_requirement_lines(req))
    return "\n".join(lines)


def _requirement_lines(req: Requirement) -> list[str]:
    tags = f" [{', '.join(req.tags)}]" if req.tags else ""
    cross = "; ".join(f"{' '.join(v)}" for _, v in req.crosswalk.items() if v)
    lines = [
        f"    {req.id:<7} {req.severity:<7} {req.scope:<7} {req.title}{tags}",
        f"            evidence: {', '.join(req.satisfied_by)}",
    ]
    if cross:
        lines.append(f"            crosswalk: {cross}")
    return lines
