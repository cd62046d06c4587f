"""Evidence `disaggregated-evaluation` computed by hand: `groupby(<sensitive column>)` or a
loop over a sensitive column's values in a statement that computes a metric. (Fairness
libraries' group-wise metrics are catalogue entries with `groups`.)"""

from __future__ import annotations

import ast
from typing import Final

from raiassist.detectors._helpers import short
from raiassist.names import keyword, strings
from raiassist.scan import Context

NAME = "disaggregated-evaluation"
KIND: Final = "evidence"
CALL_LASTS = frozenset({"groupby", "unique"})
# Words of an aggregated column or variable that show a quality measure, not a description.
OUTCOME_WORDS = ("pred", "error", "correct", "accura", "selection_rate", "tpr", "fpr", "recall")
MAX_CALLS = 50


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    final = short(resolved).rsplit(".", 1)[-1]
    if final == "groupby":
        keys = [t for arg in [*node.args[:1], keyword(node, "by")] for t, _ in _keys(arg)]
        _per_group(node, keys, ctx)
    elif final == "unique" and isinstance(ctx.statement, ast.For):
        receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
        if isinstance(receiver, ast.Subscript):
            _per_group(node, [t for t, _ in strings(receiver.slice)], ctx)


def _per_group(node: ast.Call, keys: list[str], ctx: Context) -> None:
    """A grouping by a sensitive column counts when its statement computes a metric."""
    sensitive = [k for k in keys if ctx.catalogue.words.sensitive(k)]
    if sensitive and ctx.statement is not None and _measures(ctx.statement, ctx):
        ctx.hit(NAME, KIND, node, f"metric computed per '{sensitive[0]}' group", sensitive[0])


def _measures(statement: ast.stmt, ctx: Context) -> bool:
    """Whether a statement calls a metric the catalogue knows, or aggregates predictions."""
    calls = 0
    for child in ast.walk(statement):
        if isinstance(child, ast.Call):
            calls += 1
            name = short(ctx.names.resolve(child.func))
            if any("aggregate-metrics" in r.means for r in ctx.catalogue.rules_for(name)):
                return True
            if calls > MAX_CALLS:
                return False
        elif isinstance(child, ast.Constant | ast.Name | ast.Attribute):
            text = _text(child).lower()
            if any(word in text for word in OUTCOME_WORDS):
                return True
    return False


def _text(node: ast.AST) -> str:
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else ""
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else ""


def _keys(node: ast.AST | None) -> list[tuple[str, ast.AST]]:
    """Grouping keys given as names (`"sex"`) or as columns (`X_test["sex"]`)."""
    if isinstance(node, ast.Subscript):
        return strings(node.slice)
    return strings(node)
