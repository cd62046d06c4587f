"""`raiassist schema`: the JSON Schema of pack files, for editor completion."""

from __future__ import annotations

import argparse
import json
from typing import Any

from raiassist.cli.common import Subparsers, write_output


def add_parser(verbs: Subparsers) -> None:
    parser = verbs.add_parser(
        "schema",
        help="print or write the JSON Schema of pack files",
        description="Print the JSON Schema that pack YAML files follow, or write it to a file. "
        "Point your editor's YAML support at it for completion and checking.",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write it to FILE")
    parser.set_defaults(run=run)


def pack_schema() -> dict[str, Any]:
    from raiassist.standard.schema import Pack

    schema = Pack.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://raiassist.dev/schema/pack-1.json"
    schema["title"] = "raiassist pack"
    return schema


def schema_text() -> str:
    return json.dumps(pack_schema(), indent=2, sort_keys=True) + "\n"


def run(args: argparse.Namespace) -> int:
    if args.output:
        write_output(args.output, schema_text())
    else:
        print(schema_text(), end="")
    return 0
