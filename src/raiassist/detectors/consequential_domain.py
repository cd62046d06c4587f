"""Signal `consequential-domain`: identifiers or column names from a domain where outputs
shape people's access to credit, jobs, housing, insurance, education, healthcare, justice or
welfare, by the catalogue's words. (Datasets from such a domain carry it through the
catalogue's dataset entries; the file a table is read from, through the engine.)"""

from __future__ import annotations

import ast
from typing import Final

from raiassist.scan import Context

NAME = "consequential-domain"
KIND: Final = "signal"


def _report(text: str, node: ast.AST, ctx: Context, what: str) -> None:
    domain = ctx.catalogue.words.domain(text)
    if domain:
        ctx.hit(NAME, KIND, node, f"{what} '{text}' suggests {domain}", domain)


def on_column(text: str, node: ast.AST, ctx: Context) -> None:
    _report(text, node, ctx, "column")


def on_identifier(name: str, node: ast.AST, ctx: Context) -> None:
    _report(name, node, ctx, "name")
