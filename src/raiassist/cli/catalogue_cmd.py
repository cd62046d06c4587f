"""`raiassist catalogue [NAME]`: what the active catalogue knows, entry by entry, with the
documentation each entry was written from."""

from __future__ import annotations

import argparse
import json

from raiassist.cli.common import Subparsers, add_pack_option, project
from raiassist.errors import Problem, UserError, suggestion


def add_parser(verbs: Subparsers) -> None:
    parser = verbs.add_parser(
        "catalogue",
        help="list what the catalogue knows: libraries, datasets, strings and their meaning",
        description="List the active catalogue (the built-in one and the project's "
        "`catalogues`): each library, dataset or string entry, what it means (signal or "
        "evidence names) and its documentation. Give a NAME (e.g. calls-llm-api) to list "
        "only the entries that produce it.",
    )
    parser.add_argument("name", nargs="?", metavar="NAME", help="a signal or evidence name")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_pack_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    _, standard = project(args)
    catalogue = standard.catalogue
    assert catalogue is not None
    meanings = catalogue.by_meaning
    if args.name and args.name not in meanings:
        message = "no catalogue entry produces this name" + suggestion(args.name, meanings)
        raise UserError([Problem(args.name, message)])
    names = [args.name] if args.name else sorted(meanings)
    listing = {name: [vars(e) for e in meanings[name]] for name in names}
    if args.format == "json":
        print(json.dumps(listing, indent=2, ensure_ascii=False))
        return 0
    for name in names:
        print(f"{name} ({len(listing[name])})")
        for entry in listing[name]:
            print(f"  {entry['name']}  [{entry['catalogue']}]  {entry['docs']}")
    return 0
