"""`raiassist standard diff OLD NEW`: what a new version of a Standard changes, in words."""

from __future__ import annotations

import argparse
from pathlib import Path

from raiassist.cli.common import Subparsers


def add_parser(verbs: Subparsers) -> None:
    parser = verbs.add_parser(
        "diff",
        help="list the requirements two versions of a Standard add, remove and change",
        description="Compare two Standards (each a built-in pack id or a pack YAML path, with "
        "what it extends) and list the requirements added, removed and changed: severity, "
        "scope, when it applies, the evidence that meets it, its wording and crosswalk, and "
        "named conditions that now mean something else.",
    )
    parser.add_argument("old", metavar="OLD", help="the current Standard (id or YAML path)")
    parser.add_argument("new", metavar="NEW", help="the candidate Standard (id or YAML path)")
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from raiassist.printable import json_text
    from raiassist.standard import diff_render, load_standard
    from raiassist.standard.diff import diff

    old = load_standard([args.old], Path.cwd())
    new = load_standard([args.new], Path.cwd())
    result = diff(old, new)
    if args.format == "json":
        print(json_text(diff_render.as_json(result), indent=2))
    elif args.format == "markdown":
        print(diff_render.markdown(result))
    else:
        print(diff_render.text(result))
    return 0
