"""Signal `aggregate-metrics`: an overall quality metric, not broken down by group."""

from __future__ import annotations

import ast
from typing import Final

from raiassist.detectors._helpers import short
from raiassist.scan import Context

NAME = "aggregate-metrics"
KIND: Final = "signal"
METRICS = frozenset(
    {
        "accuracy_score",
        "balanced_accuracy_score",
        "f1_score",
        "fbeta_score",
        "precision_score",
        "recall_score",
        "roc_auc_score",
        "average_precision_score",
        "log_loss",
        "confusion_matrix",
        "classification_report",
        "precision_recall_fscore_support",
        "mean_squared_error",
        "mean_absolute_error",
        "root_mean_squared_error",
        "r2_score",
        "matthews_corrcoef",
        "brier_score_loss",
        "roc_curve",
        "precision_recall_curve",
        "ConfusionMatrixDisplay",
        "RocCurveDisplay",
        "PrecisionRecallDisplay",
        "mean_absolute_percentage_error",
        "cohen_kappa_score",
        "hamming_loss",
        "jaccard_score",
        "top_k_accuracy_score",
    }
)
CALL_ROOTS = frozenset({"torchmetrics"})
CALL_LASTS = METRICS | {"score", "evaluate", "load", "compute"}


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    receiver, _, final = resolved.removesuffix("()").rpartition(".")
    if final in METRICS and not receiver.startswith("fairlearn"):
        compared = "|".join(ast.unparse(arg) for arg in node.args[:2])
        ctx.hit(NAME, KIND, node, f"overall metric {final}", compared)
    elif final == "score" and len(node.args) >= 2:
        ctx.hit(NAME, KIND, node, f"overall metric {short(resolved)}")
    elif (
        final == "evaluate"
        and (node.args or node.keywords or "Trainer()" in receiver)
        and (not receiver.startswith(("mlflow", "evaluate")))
    ):
        ctx.hit(NAME, KIND, node, f"overall evaluation {short(resolved)}")
    elif receiver.startswith("torchmetrics.functional") or (
        final in ("load", "compute") and receiver.startswith(("evaluate", "torchmetrics"))
    ):
        ctx.hit(NAME, KIND, node, f"overall metric {short(resolved)}")
