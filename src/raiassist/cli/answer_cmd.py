"""`raiassist attest | waive | na ID`: record a person's answer in the project's record."""

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
        parser.add_argument("--by", help="who answers (default: git user.name and user.email)")
        parser.add_argument(
            "--expires",
            type=dt.date.fromisoformat,
            metavar="YYYY-MM-DD",
            help="the date the answer stops counting",
        )
        add_pack_option(parser)
        parser.set_defaults(run=run, answer_kind=verb)


def run(args: argparse.Namespace) -> int:
    from raiassist.answering import answer

    config, standard = project(args, args.path)
    kind, _, _ = VERBS[args.answer_kind]
    entry = answer(config, standard, args.id, kind, args.text, args.path, args.by, args.expires)  # type: ignore[arg-type]
    print(f"Recorded {entry.id} as {entry.answer} for {entry.scope} in {config.record_path}")
    return 0
