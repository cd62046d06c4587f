"""Evidence `content-filtering`: a safety filter around generated content."""

from __future__ import annotations

import ast
from typing import Final

from raiassist.detectors._helpers import library_calls, short
from raiassist.scan import Context

NAME = "content-filtering"
KIND: Final = "evidence"
_ROOTS, _library = library_calls(
    NAME,
    KIND,
    (
        "azure.ai.contentsafety",
        "guardrails.",
        "nemoguardrails.",
        "llm_guard.",
        "detoxify.",
        "langchain.chains.OpenAIModerationChain",
        "langchain_experimental.comprehend_moderation",
    ),
    "content safety filter",
)
CALL_ROOTS = _ROOTS | {"openai"}


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    if resolved.startswith("openai") and ".moderations." in resolved:
        ctx.hit(NAME, KIND, node, f"moderation check ({short(resolved)})")
    else:
        _library(node, resolved, ctx)
