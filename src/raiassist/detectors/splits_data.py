"""Signal `splits-data`: holding data out for evaluation."""

from __future__ import annotations

import ast
from typing import Final

from raiassist.detectors._helpers import short
from raiassist.scan import Context

NAME = "splits-data"
KIND: Final = "signal"
SPLITTERS = frozenset(
    {
        "train_test_split",
        "KFold",
        "StratifiedKFold",
        "GroupKFold",
        "StratifiedGroupKFold",
        "RepeatedKFold",
        "RepeatedStratifiedKFold",
        "ShuffleSplit",
        "StratifiedShuffleSplit",
        "GroupShuffleSplit",
        "TimeSeriesSplit",
        "LeaveOneOut",
        "cross_val_score",
        "cross_validate",
        "cross_val_predict",
        "random_split",
        "GridSearchCV",
        "RandomizedSearchCV",
    }
)
CALL_LASTS = SPLITTERS


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    ctx.hit(NAME, KIND, node, f"holds out data with {short(resolved)}")
