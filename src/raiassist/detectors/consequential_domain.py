"""Signal `consequential-domain`: identifiers, column names or data files from a domain where
outputs shape people's access to credit, jobs, housing, insurance, education, healthcare,
justice or welfare, by the catalogue's words. (Datasets from such a domain carry it through
the catalogue's dataset entries.)"""

from __future__ import annotations

import ast
from typing import Final

from raiassist.detectors._helpers import short
from raiassist.names import constant_string
from raiassist.scan import Context

NAME = "consequential-domain"
KIND: Final = "signal"
CALL_ANY = True
MAX_SOURCE = 300


def _report(text: str, node: ast.AST, ctx: Context, what: str) -> None:
    domain = ctx.catalogue.words.domain(text)
    if domain:
        ctx.hit(NAME, KIND, node, f"{what} '{text}' suggests {domain}", domain)


def on_column(text: str, node: ast.AST, ctx: Context) -> None:
    _report(text, node, ctx, "column")


def on_identifier(name: str, node: ast.AST, ctx: Context) -> None:
    _report(name, node, ctx, "name")


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    """The file name a table is read from (`read_csv("loan_applications.csv")`)."""
    source = constant_string(node.args[0]) if node.args else None
    if not source or len(source) >= MAX_SOURCE:
        return
    if any("loads-tabular-data" in r.means for r in ctx.catalogue.rules_for(short(resolved))):
        _report(source.rsplit("/", 1)[-1], node, ctx, "data")
