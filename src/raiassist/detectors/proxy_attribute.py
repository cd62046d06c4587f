"""Signal `proxy-attribute`: a column that often stands in for a protected characteristic."""

from __future__ import annotations

import ast
from typing import Final

from raiassist.scan import Context

NAME = "proxy-attribute"
KIND: Final = "signal"


def on_column(text: str, node: ast.AST, ctx: Context) -> None:
    proxy = ctx.catalogue.words.proxy(text)
    if proxy:
        ctx.hit(NAME, KIND, node, f"column '{text}' ({proxy}, a possible proxy)", text)
