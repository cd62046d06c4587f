"""`raiassist report [PATH]`: the Responsible AI lead's view, as HTML and JSON."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from raiassist.cli.common import (
    Subparsers,
    add_pack_option,
    project,
    refuse_overwriting,
    write_output,
)
from raiassist.errors import Problem, UserError


def add_parser(verbs: Subparsers) -> None:
    parser = verbs.add_parser(
        "report",
        help="write the project's (or organisation's) Responsible AI report",
        description="Write a self-contained HTML report (no network needed to open it) and the "
        "same data as JSON: which requirements apply, per goal and principle how many are met, "
        "open, waived or not applicable, open ones by severity, every waiver, the evidence, the "
        "crosswalk coverage and the success metrics. With --since, the trend from git history. "
        "With --merge, the organisation view from many projects' JSON reports: projects side by "
        "side, where the Standard blocks teams, the trend over the reports' dates, and with "
        "--pack, what a candidate Standard would newly open, close or change in each project.",
    )
    parser.add_argument(
        "path", nargs="?", type=Path, metavar="PATH", help="the project (default: the current one)"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("raiassist-report.html"),
        metavar="FILE",
        help="the HTML report (default: raiassist-report.html)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        metavar="FILE",
        help="the JSON report (default: the HTML path with .json)",
    )
    parser.add_argument(
        "--since",
        metavar="DATE",
        help="sample the git history weekly since DATE (YYYY-MM-DD, or 12w, 90d)",
    )
    parser.add_argument(
        "--merge",
        nargs="+",
        type=Path,
        metavar="JSON",
        help="merge these project JSON reports (or folders of them)",
    )
    add_pack_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from raiassist.printable import json_text, printable
    from raiassist.report import html, org_html
    from raiassist.safe_read import real

    json_path = args.json or args.output.with_suffix(".json")
    if real(json_path) == real(args.output):
        message = "the HTML and the JSON report would be the same file; use -o x.html or --json"
        raise UserError([Problem(printable(str(args.output)), message)])
    refuse_overwriting(args.output, args.merge or [], "one of the reports being merged")
    refuse_overwriting(json_path, args.merge or [], "one of the reports being merged")

    today = dt.date.today()
    if args.merge:
        from raiassist.report.merge import org_report, read_reports, report_files
        from raiassist.standard import load_standard

        candidate = load_standard(args.packs, Path.cwd()) if args.packs else None
        reports = read_reports(report_files(args.merge), replayable=candidate is not None)
        data = org_report(reports, today, candidate)
        page = org_html.org_page(data)
    else:
        from raiassist.report.build import build
        from raiassist.report.history import parse_since

        config, standard = project(args, args.path)
        since = parse_since(args.since, today) if args.since else None
        data = build(config, standard, since, today)
        page = html.project_page(data)
    write_output(args.output, page)
    write_output(json_path, json_text(data, indent=2) + "\n")
    print(f"Wrote {printable(str(args.output))} and {printable(str(json_path))}")
    return 0
