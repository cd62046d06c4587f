"""`raiassist checklist PATH`: every applicable requirement of one file, grouped by goal."""

from __future__ import annotations

import argparse
from pathlib import Path

from raiassist.cli.common import Subparsers, add_pack_option, project

MARKS = {"open": "[ ]", "met": "[x]", "waived": "[~]", "not-applicable": "[-]"}


def add_parser(verbs: Subparsers) -> None:
    parser = verbs.add_parser(
        "checklist",
        help="print the whole checklist for one file",
        description="Print every requirement that applies to one script or notebook, grouped by "
        "goal, with its status: [ ] open, [x] met (with evidence), [~] waived, [-] not "
        "applicable. Unlike `check`, this lists every severity.",
    )
    parser.add_argument("path", type=Path, metavar="PATH")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_pack_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from raiassist.checking import check_paths
    from raiassist.errors import Problem, UserError
    from raiassist.printable import json_text
    from raiassist.reporters.json_report import file_json

    if not args.path.is_file():
        raise UserError([Problem(str(args.path), "not a file")])
    config, standard = project(args, args.path)
    report = check_paths([args.path], config, standard)
    if not report.files:
        raise UserError([Problem(str(args.path), "excluded by the configuration")])
    file = report.files[0]
    if args.format == "json":
        print(json_text(file_json(file), indent=2))
        return 0
    print(checklist_text(file, standard))
    return 0


def checklist_text(file: object, standard: object) -> str:
    from raiassist.checking import FileReport
    from raiassist.explanation import reasons
    from raiassist.printable import printable
    from raiassist.standard.model import Standard

    assert isinstance(file, FileReport) and isinstance(standard, Standard)
    findings = file.requirements
    counts = {s: sum(1 for f in findings if f.status == s) for s in MARKS}
    lines = [
        f"{file.path}: {len(findings)} requirements apply — "
        + ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    ]
    lines += [
        f"  problem: {f.id} {printable(f.message)}" for f in file.findings if f.kind == "tool"
    ]
    for goal in standard.goals:
        mine = [f for f in findings if f.goal == goal.id]
        if not mine:
            continue
        lines.append(f"\n{goal.id} {goal.title}")
        for finding in mine:
            lines.append(
                f"  {MARKS[finding.status]} {finding.id:<6} {finding.severity:<7} {finding.title}"
            )
            lines.append(f"      {printable(finding.message)}")
            why = reasons(finding)
            if why:
                lines.append(f"      per the catalogue: {printable('; '.join(why))}")
    if not findings:
        lines.append("Nothing applies: no model training, personal data or AI API was found.")
    return "\n".join(lines)
