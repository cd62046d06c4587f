"""Evidence `results-logged`: evaluation results kept beyond the session."""

from __future__ import annotations

import ast
import re
from typing import Final

from raiassist.detectors._helpers import short
from raiassist.scan import Context

NAME = "results-logged"
KIND: Final = "evidence"
TRACKERS = (
    "mlflow.log_metric",
    "mlflow.log_metrics",
    "mlflow.log_table",
    "mlflow.evaluate",
    "mlflow.log_dict",
    "wandb.log",
    "neptune.",
    "comet_ml.",
    "clearml.",
    "dvclive.",
)
CALL_ROOTS = frozenset(t.split(".")[0] for t in TRACKERS)
CALL_LASTS = frozenset({"dump", "safe_dump"}) | frozenset(
    {
        "to_csv",
        "to_json",
        "to_parquet",
        "to_markdown",
        "to_html",
        "add_scalar",
        "log_metric",
        "log_metrics",
    }
)
RESULT_NAME = re.compile(r"by_group|metric|results?\b|report|scores?\b|fairness", re.I)


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    plain = short(resolved)
    final = plain.rsplit(".", 1)[-1]
    if plain.startswith(TRACKERS) or final in ("add_scalar", "log_metric", "log_metrics"):
        ctx.hit(NAME, KIND, node, f"logs results with {plain}")
    elif plain in ("json.dump", "yaml.dump", "yaml.safe_dump") and node.args:
        if RESULT_NAME.search(ast.unparse(node.args[0])):
            ctx.hit(NAME, KIND, node, f"saves results with {plain}")
    elif final.startswith("to_") and isinstance(node.func, ast.Attribute):
        receiver = ast.unparse(node.func.value)
        if RESULT_NAME.search(receiver) or RESULT_NAME.search(plain):
            ctx.hit(NAME, KIND, node, f"saves evaluation results to a file ({final})")
