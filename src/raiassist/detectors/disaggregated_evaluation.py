"""Evidence `disaggregated-evaluation`: quality measured per group of a sensitive attribute,
with fairlearn, AIF360, aequitas or the Responsible AI Toolbox, or `groupby(<sensitive>)`
feeding a metric."""

from __future__ import annotations

import ast
from typing import Final

from raiassist import words
from raiassist.detectors._helpers import has_keyword, short
from raiassist.detectors.aggregate_metrics import METRICS
from raiassist.names import keyword, strings
from raiassist.scan import Context

NAME = "disaggregated-evaluation"
KIND: Final = "evidence"
FAIRLEARN_METRICS = (
    "demographic_parity",
    "equalized_odds",
    "equal_opportunity",
    "false_negative_rate_difference",
    "true_positive_rate_difference",
    "selection_rate_difference",
)
CALL_ROOTS = frozenset({"fairlearn", "aif360", "aequitas", "raiwidgets", "responsibleai"})
CALL_LASTS = frozenset({"groupby", "MetricFrame", "unique"})
METRIC_WORDS = tuple(f"{name}(" for name in METRICS) + tuple(
    f"{name}" for name in ("selection_rate", "error_rate", "pred")
)


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    plain = short(resolved)
    final = plain.rsplit(".", 1)[-1]
    if final == "MetricFrame" and has_keyword(node, "sensitive_features"):
        by = _attribute(keyword(node, "sensitive_features"))
        ctx.hit(NAME, KIND, node, f"fairlearn MetricFrame by {by}", by)
    elif plain.startswith("fairlearn.metrics") and final.startswith(FAIRLEARN_METRICS):
        by = _attribute(keyword(node, "sensitive_features"))
        ctx.hit(NAME, KIND, node, f"fairlearn {final} by {by}", by)
    elif plain.startswith(("aif360.metrics", "aequitas")) or final in (
        "FairnessDashboard",
        "ResponsibleAIDashboard",
    ):
        ctx.hit(NAME, KIND, node, f"group fairness metrics with {plain}")
    elif final == "RAIInsights" and has_keyword(node, "feature_metadata", "categorical_features"):
        ctx.hit(NAME, KIND, node, "Responsible AI Toolbox insights")
    elif final == "groupby":
        keys = [t for arg in [*node.args[:1], keyword(node, "by")] for t, _ in _keys(arg)]
        _per_group(node, keys, ctx)
    elif final == "unique" and isinstance(ctx.statement, ast.For):
        receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
        if isinstance(receiver, ast.Subscript):
            _per_group(node, [t for t, _ in strings(receiver.slice)], ctx)


def _per_group(node: ast.Call, keys: list[str], ctx: Context) -> None:
    """A grouping by a sensitive column counts when its statement computes a metric."""
    sensitive = [k for k in keys if words.sensitive(k)]
    if sensitive and ctx.statement is not None:
        source = ast.unparse(ctx.statement).lower()
        if any(word in source for word in METRIC_WORDS):
            ctx.hit(NAME, KIND, node, f"metric computed per '{sensitive[0]}' group", sensitive[0])


def _attribute(node: ast.AST | None) -> str:
    if node is None:
        return "a sensitive feature"
    texts = [t for t, _ in strings(node)]
    if not texts and isinstance(node, ast.Subscript):
        texts = [t for t, _ in strings(node.slice)]
    return ", ".join(f"'{t}'" for t in texts) or ast.unparse(node)[:40]


def _keys(node: ast.AST | None) -> list[tuple[str, ast.AST]]:
    """Grouping keys given as names (`"sex"`) or as columns (`X_test["sex"]`)."""
    if isinstance(node, ast.Subscript):
        return strings(node.slice)
    return strings(node)
