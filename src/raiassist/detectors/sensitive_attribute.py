"""Signal `sensitive-attribute`: code names a protected characteristic of people in a
column, a feature list, a protected-attribute argument or a schema string, by the
catalogue's words (in every language it lists) or a library's column codes (`RAC1P` in
folktables)."""

from __future__ import annotations

import ast
from typing import Final

from raiassist.columns import schema_columns
from raiassist.scan import Context

NAME = "sensitive-attribute"
KIND: Final = "signal"


def on_column(text: str, node: ast.AST, ctx: Context) -> None:
    attribute = ctx.catalogue.words.sensitive(text)
    entry = None
    if not attribute:
        for codes in ctx.catalogue.columns:
            if any(ctx.names.imported(p) for p in codes.imports):
                attribute, entry = codes.words.sensitive(text), codes.entry
                if attribute:
                    break
    if attribute:
        ctx.hit(NAME, KIND, node, f"column '{text}' ({attribute})", text, entry)


STRING_HINTS = (",",)  # a schema string lists columns


def on_string(text: str, node: ast.AST, ctx: Context) -> None:
    for column in schema_columns(text):
        on_column(column, node, ctx)
