"""Signal `consequential-domain`: identifiers, column names or data files from a domain where
outputs shape people's access to credit, jobs, housing, insurance, education, healthcare,
justice or welfare."""

from __future__ import annotations

import ast
from typing import Final

from raiassist import words
from raiassist.names import constant_string
from raiassist.scan import Context

NAME = "consequential-domain"
KIND: Final = "signal"
CALL_LASTS = frozenset(
    {
        "read_csv",
        "read_parquet",
        "read_excel",
        "read_json",
        "read_table",
        "fetch_openml",
        "load_dataset",
    }
)


def _report(text: str, node: ast.AST, ctx: Context, what: str) -> None:
    domain = words.domain(text)
    if domain:
        ctx.hit(NAME, KIND, node, f"{what} '{text}' suggests {domain}", domain)


def on_column(text: str, node: ast.AST, ctx: Context) -> None:
    _report(text, node, ctx, "column")


def on_identifier(name: str, node: ast.AST, ctx: Context) -> None:
    _report(name, node, ctx, "name")


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    source = constant_string(node.args[0]) if node.args else None
    if source and len(source) < 300:
        _report(source.rsplit("/", 1)[-1], node, ctx, "data")
