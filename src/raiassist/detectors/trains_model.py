"""Signal `trains-model`: fitting or training a model, from scikit-learn `fit` to PyTorch
loops, Hugging Face trainers and hosted fine-tuning jobs."""

from __future__ import annotations

import ast
from typing import Final

from raiassist.detectors._helpers import has_keyword, short
from raiassist.scan import Context

NAME = "trains-model"
KIND: Final = "signal"
CALL_LASTS = frozenset({"fit", "fit_generator", "partial_fit", "train", "backward", "create"})
MODEL_ROOTS = (
    "sklearn",
    "xgboost",
    "lightgbm",
    "catboost",
    "keras",
    "tensorflow",
    "tf",
    "statsmodels",
    "fairlearn",
    "interpret",
    "imblearn",
    "sktime",
    "prophet",
)
NOT_MODELS = (
    "sklearn.preprocessing",
    "sklearn.impute",
    "sklearn.feature_extraction",
    "sklearn.compose",
    "category_encoders",
)
TRAIN_FUNCTIONS = ("xgboost.train", "lightgbm.train", "catboost.train", "vertexai")


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    receiver, _, final = resolved.removesuffix("()").rpartition(".")
    if final in ("fit", "fit_generator", "partial_fit"):
        if receiver.startswith(NOT_MODELS):
            return
        known = receiver.startswith(MODEL_ROOTS)
        if known or len(node.args) >= 2 or has_keyword(node, "y", "epochs"):
            ctx.hit(NAME, KIND, node, f"trains a model with {short(resolved)}")
    elif final == "train":
        if resolved.startswith(TRAIN_FUNCTIONS) or "Trainer()" in receiver:
            ctx.hit(NAME, KIND, node, f"trains a model with {short(resolved)}")
    elif final == "backward":
        if not node.args and ctx.names.imported("torch"):
            ctx.hit(NAME, KIND, node, "trains a model (PyTorch backward pass)")
    elif final == "create" and ("fine_tuning" in resolved or "FineTun" in resolved):
        ctx.hit(NAME, KIND, node, f"starts a hosted fine-tuning job ({short(resolved)})")
