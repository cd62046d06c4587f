"""`raiassist attest | waive | na ID`: record a person's answer in the project's record;
`withdraw ID` takes it back, `move-answers OLD NEW` follows a renamed file."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from raiassist.cli.common import Subparsers, add_pack_option, project

VERBS = {
    "attest": ("attested", "note", "record that a requirement is met, with a note on the evidence"),
    "waive": ("waived", "reason", "waive a requirement, with the reason"),
    "na": ("not-applicable", "reason", "mark a requirement not applicable, with the reason"),
}


def add_parser(verbs: Subparsers) -> None:
    for verb, (_, text, summary) in VERBS.items():
        parser = verbs.add_parser(
            verb,
            help=summary,
            description=f"{summary[0].upper()}{summary[1:]}. The answer is written to the "
            "project's record file (responsible-ai.yaml unless configured), keeping everything "
            "else in it intact, for the whole project or for one path.",
        )
        parser.add_argument("id", metavar="ID", help="the requirement, e.g. F1.5")
        parser.add_argument(f"--{text}", required=True, dest="text", help=f"the {text} (required)")
        parser.add_argument(
            "--path",
            type=Path,
            metavar="PATH",
            help="only for this file or folder (default: the whole project)",
        )
        parser.add_argument(
            "--by",
            help="who answers (default: git user.name and user.email, else the 'answerer' "
            "setting or RAIASSIST_ANSWERER, else the system's user name)",
        )
        parser.add_argument(
            "--expires",
            type=dt.date.fromisoformat,
            metavar="YYYY-MM-DD",
            help="the date the answer stops counting",
        )
        add_pack_option(parser)
        parser.set_defaults(run=run, answer_kind=verb)
    parser = verbs.add_parser(
        "withdraw",
        help="take back an answer (attested, waived or not applicable)",
        description="Remove the answer to a requirement from the project's record, for the whole "
        "project or for one path; the requirement is then evaluated from the code again.",
    )
    parser.add_argument("id", metavar="ID", help="the requirement, e.g. F1.5")
    parser.add_argument(
        "--path", type=Path, metavar="PATH", help="the answer for this file or folder"
    )
    add_pack_option(parser)
    parser.set_defaults(run=run_withdraw)
    parser = verbs.add_parser(
        "move-answers",
        help="point the answers for a renamed or moved file at its new path",
        description="After a file was renamed or moved, re-scope the record's answers for its old "
        "path (as the record writes it, relative to the project) to the new path. "
        "`raiassist check` names such answers (RA104) with the likely new path.",
    )
    parser.add_argument("old", metavar="OLD", help="the old path, as written in the record")
    parser.add_argument("new", type=Path, metavar="NEW", help="the file's path now")
    add_pack_option(parser)
    parser.set_defaults(run=run_move)


def run(args: argparse.Namespace) -> int:
    from raiassist.answering import answer

    config, standard = project(args, args.path)
    kind, _, _ = VERBS[args.answer_kind]
    entry = answer(config, standard, args.id, kind, args.text, args.path, args.by, args.expires)  # type: ignore[arg-type]
    print(
        f"Recorded {entry.id} as {entry.answer} for {entry.scope} by {entry.by} "
        f"in {config.record_path}"
    )
    return 0


def run_withdraw(args: argparse.Namespace) -> int:
    from raiassist.answering import withdraw

    config, standard = project(args, args.path)
    removed = withdraw(config, standard, args.id, args.path)
    where = "the project" if args.path is None else str(args.path)
    plural = "answer" if removed == 1 else "answers"
    print(f"Withdrew {removed} {plural} to {args.id.upper()} for {where} in {config.record_path}")
    return 0


def run_move(args: argparse.Namespace) -> int:
    from raiassist.answering import move_answers

    config, _ = project(args, args.new)
    moved = move_answers(config, args.old, args.new)
    plural = "answer" if moved == 1 else "answers"
    print(f"Moved {moved} {plural} from {args.old} to {args.new} in {config.record_path}")
    return 0
