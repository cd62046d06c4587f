"""Signal `personal-data`: a column that identifies a person."""

from __future__ import annotations

import ast
from typing import Final

from raiassist import words
from raiassist.scan import Context

NAME = "personal-data"
KIND: Final = "signal"


def on_column(text: str, node: ast.AST, ctx: Context) -> None:
    kind = words.personal(text)
    if kind:
        ctx.hit(NAME, KIND, node, f"column '{text}' ({kind})", text)
