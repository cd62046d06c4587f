"""Signal `personal-data`: a column that identifies a person, by the catalogue's words.
(Datasets of people's faces or records carry it through the catalogue's dataset entries.)"""

from __future__ import annotations

import ast
from typing import Final

from raiassist.scan import Context

NAME = "personal-data"
KIND: Final = "signal"


def on_column(text: str, node: ast.AST, ctx: Context) -> None:
    kind = ctx.catalogue.words.personal(text)
    if kind:
        ctx.hit(NAME, KIND, node, f"column '{text}' ({kind})", text)
