"""`raiassist explain ID`: one requirement (or goal) in plain words."""

from __future__ import annotations

import argparse

from raiassist.cli.common import Subparsers, add_pack_option, project, wrap
from raiassist.errors import Problem, UserError, suggestion


def add_parser(verbs: Subparsers) -> None:
    parser = verbs.add_parser(
        "explain",
        help="explain a requirement or goal in plain words",
        description="Print a requirement (e.g. F1.5) or a goal (e.g. F1) in plain words: what "
        "it asks, why, how to satisfy it, when it applies, what evidence counts, crosswalk, and "
        "the real-world incidents where it was missed.",
    )
    parser.add_argument("id", metavar="ID", help="a requirement or goal ID, e.g. F1.5 or A3")
    add_pack_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from raiassist import explanation, missed

    _, standard = project(args)
    wanted = args.id.strip().upper()
    if wanted in standard.by_id:
        req = standard.by_id[wanted]
        title = explanation.headline(req)
        sections = [("", explanation.facts(req, standard))]
        sections += explanation.requirement_sections(req, standard)
        incidents = standard.incidents_of(req.id)
    elif wanted in standard.goal_by_id:
        goal = standard.goal_by_id[wanted]
        title = f"{goal.id} {goal.title}"
        sections = explanation.goal_sections(goal, standard)
        incidents = standard.incidents_of_goal(goal.id)
    else:
        known = [*standard.by_id, *standard.goal_by_id]
        raise UserError(
            [
                Problem(
                    args.id,
                    "no such requirement or goal in the active Standard"
                    + suggestion(wanted, known),
                )
            ]
        )
    if incidents:
        sections.append((missed.HEADING, missed.section_text(incidents)))
    print(title)
    print("=" * len(title))
    for heading, body in sections:
        print(f"\n{heading}" if heading else "")
        print(wrap(body))
    return 0
