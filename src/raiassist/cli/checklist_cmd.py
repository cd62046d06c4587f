"""`raiassist checklist PATH`: every applicable requirement of one file, in the order to act
on it."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from raiassist.cli.common import Subparsers, add_pack_option, project

if TYPE_CHECKING:
    from raiassist.evaluate import Finding

MARKS = {"open": "[ ]", "met": "[x]", "waived": "[~]", "not-applicable": "[-]"}


def add_parser(verbs: Subparsers) -> None:
    parser = verbs.add_parser(
        "checklist",
        help="print the whole checklist for one file",
        description="Print every requirement that applies to one script or notebook, in the "
        "order to act on it: open errors and warnings in the code by place, then the file's, "
        "then the process by goal, then info items and what is settled. Marks: [ ] open, "
        "[x] met (with evidence), [~] waived, [-] not applicable. Unlike `check`, this lists "
        "every severity.",
    )
    parser.add_argument("path", type=Path, metavar="PATH")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--status",
        action="append",
        choices=tuple(MARKS),
        help="only requirements in this status (repeat for several)",
    )
    parser.add_argument(
        "--severity",
        action="append",
        choices=("error", "warning", "info"),
        help="only requirements of this severity (repeat for several)",
    )
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
        print(json_text(file_json(file, {g.id: g.title for g in standard.goals}), indent=2))
        return 0
    print(checklist_text(file, standard, args.status or (), args.severity or ()))
    return 0


def checklist_text(
    file: object,
    standard: object,
    statuses: Sequence[str] = (),
    severities: Sequence[str] = (),
) -> str:
    """The checklist in the order to act on it (`next_actions`): what to fix where, then the
    file, then the process by goal, then info items and what is settled, one line each."""
    from raiassist.checking import FileReport
    from raiassist.cli.common import wrap
    from raiassist.explanation import reasons
    from raiassist.next_actions import next_actions, to_act
    from raiassist.printable import printable
    from raiassist.standard.model import Standard

    assert isinstance(file, FileReport) and isinstance(standard, Standard)
    findings = [
        f
        for f in file.requirements
        if (not statuses or f.status in statuses) and (not severities or f.severity in severities)
    ]
    counts = {s: sum(1 for f in file.requirements if f.status == s) for s in MARKS}
    acting = to_act(file.requirements)
    lines = [
        f"{file.path}: {acting} to act on; {len(file.requirements)} requirements apply — "
        + ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    ]
    lines += [
        f"  problem: {f.id} {printable(f.message)}" for f in file.findings if f.kind == "tool"
    ]
    titles = {g.id: g.title for g in standard.goals}
    for section in next_actions(findings, titles):
        lines.append(f"\n{section.title}")
        if section.kind == "info" and not severities:
            lines.append(wrap(", ".join(f.id for f in section.findings), "  "))
            lines.append("  (each in full: raiassist checklist --severity info PATH)")
            continue
        for finding in section.findings:
            mark = MARKS[finding.status]
            place = _place(finding)
            lines.append(f"  {mark} {finding.id:<6} {finding.severity:<7} {finding.title}{place}")
            if section.kind in ("code", "file", "done") or severities:
                lines.append(f"      {printable(_shown_message(finding))}")
            why = reasons(finding) if section.kind in ("code", "file") else []
            if why:
                lines.append(f"      per the catalogue: {printable('; '.join(why))}")
    if not file.requirements:
        lines.append("Nothing applies: no model training, personal data or AI API was found.")
    elif not findings:
        lines.append("\nNothing matches the filters.")
    return "\n".join(lines)


def _place(finding: Finding) -> str:
    where = finding.location
    if where is None:
        return ""
    if where.cell is None:
        return f"  (line {where.line})"
    return f"  (cell_{where.cell + 1}:{where.line})"


def _shown_message(finding: Finding) -> str:
    return ("met — not run yet: " if finding.not_run else "") + finding.message
