"""`raiassist catalogue [NAME]`: what the active catalogue knows, entry by entry, with the
documentation each entry was written from."""

from __future__ import annotations

import argparse
import json

from raiassist.catalogue.model import Entry
from raiassist.cli.common import Subparsers, add_pack_option, project
from raiassist.errors import Problem, UserError, suggestion


def add_parser(verbs: Subparsers) -> None:
    parser = verbs.add_parser(
        "catalogue",
        help="list what the catalogue knows: libraries, datasets, strings and their meaning",
        description="List the active catalogue (the built-in one and the project's "
        "`catalogues`): each library, dataset or string entry, what it means (signal or "
        "evidence names) and its documentation. Give a NAME (e.g. calls-llm-api) to list "
        "only the entries that produce it, or an entry id (as JSON reports cite it in "
        "`because`, e.g. fairlearn) to see that entry.",
    )
    parser.add_argument(
        "name", nargs="?", metavar="NAME", help="a signal or evidence name, or an entry id"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_pack_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    _, standard = project(args)
    catalogue = standard.catalogue
    assert catalogue is not None
    meanings = catalogue.by_meaning
    if args.name in catalogue.entries:
        return _entry(catalogue.entries[args.name], meanings, args.format)
    if args.name and args.name not in meanings:
        known = [*meanings, *catalogue.entries]
        message = "no catalogue entry has this id or produces this name"
        raise UserError([Problem(args.name, message + suggestion(args.name, known))])
    names = [args.name] if args.name else sorted(meanings)
    listing = {name: [vars(e) for e in meanings[name]] for name in names}
    if args.format == "json":
        print(json.dumps(listing, indent=2, ensure_ascii=False))
        return 0
    print("Each entry: its id, its name, [the catalogue file it comes from], its documentation.")
    for name in names:
        print(f"\n{name} ({len(listing[name])})")
        for entry in listing[name]:
            print(f"  {entry['id']}: {entry['name']}  [{entry['catalogue']}]  {entry['docs']}")
    return 0


def _entry(entry: Entry, meanings: dict[str, tuple[Entry, ...]], output: str) -> int:
    means = sorted(name for name, entries in meanings.items() if entry in entries)
    if output == "json":
        print(json.dumps({**vars(entry), "means": means}, indent=2, ensure_ascii=False))
        return 0
    print(f"{entry.id}: {entry.name}  [{entry.catalogue}]")
    print(f"  documentation: {entry.docs}")
    print(f"  means: {', '.join(means)}")
    return 0
