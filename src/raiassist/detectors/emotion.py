"""Signal `infers-emotion`: inferring emotions from faces, voice or text."""

from __future__ import annotations

import ast
import re
from typing import Final

from raiassist.detectors._helpers import short
from raiassist.names import keyword, strings
from raiassist.scan import Context

NAME = "infers-emotion"
KIND: Final = "signal"
_MODEL_ID = re.compile(r"^[\w.-]+/[\w.-]+$(?<!\.csv)(?<!\.json)(?<!\.parquet)(?<!\.txt)")
STRING_HINTS = ("motion", "MOTION")
CALL_ROOTS = frozenset({"deepface", "fer", "transformers", "hume"})


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    plain = short(resolved)
    if plain.endswith("DeepFace.analyze"):
        actions = [t for t, _ in strings(keyword(node, "actions"))]
        if not keyword(node, "actions") or "emotion" in actions:
            ctx.hit(NAME, KIND, node, "infers emotion with DeepFace.analyze")
    elif resolved.startswith(("fer", "hume")):
        ctx.hit(NAME, KIND, node, f"infers emotion with {plain}")
    elif resolved.startswith("transformers") and any(
        "emotion" in text.lower()
        for arg in [*node.args, keyword(node, "model")]
        for text, _ in strings(arg)
    ):
        ctx.hit(NAME, KIND, node, "infers emotion with a transformers model")


def on_string(text: str, node: ast.AST, ctx: Context) -> None:
    if _MODEL_ID.match(text) and "emotion" in text.lower():
        ctx.hit(NAME, KIND, node, f"uses an emotion model '{text}'")
