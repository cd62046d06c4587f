"""Evidence `results-logged` written to files: `json.dump` of results, or a results table's
`to_csv`/`to_json`/... (experiment trackers are catalogue entries)."""

from __future__ import annotations

import ast
import re
from typing import Final

from raiassist.detectors._helpers import short
from raiassist.scan import Context

NAME = "results-logged"
KIND: Final = "evidence"
CALL_LASTS = frozenset(
    {"dump", "safe_dump", "to_csv", "to_json", "to_parquet", "to_markdown", "to_html"}
)
RESULT_NAME = re.compile(r"by_group|metric|results?\b|report|scores?\b|fairness", re.I)
DUMPERS = ("json.dump", "yaml.dump", "yaml.safe_dump")


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    plain = short(resolved)
    final = plain.rsplit(".", 1)[-1]
    if plain in DUMPERS and node.args:
        if RESULT_NAME.search(ast.unparse(node.args[0])[:200]):
            ctx.hit(NAME, KIND, node, f"saves results with {plain}")
    elif final.startswith("to_") and isinstance(node.func, ast.Attribute):
        receiver = ast.unparse(node.func.value)[:200]
        if RESULT_NAME.search(receiver) or RESULT_NAME.search(plain):
            ctx.hit(NAME, KIND, node, f"saves evaluation results to a file ({final})")
