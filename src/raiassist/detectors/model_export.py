"""Signal `exports-model`: saving or publishing a trained model."""

from __future__ import annotations

import ast
import re
from typing import Final

from raiassist.detectors._helpers import short
from raiassist.names import constant_string
from raiassist.scan import Context

NAME = "exports-model"
KIND: Final = "signal"
ALWAYS = frozenset(
    {
        "save_pretrained",
        "push_to_hub",
        "log_model",
        "register_model",
        "save_model",
        "convert_sklearn",
        "convert_keras",
        "export_saved_model",
        "save_file",
    }
)
CALL_LASTS = ALWAYS | {"dump", "save", "export", "dumps"}
MODEL_FILE = re.compile(r"\.(pkl|pickle|joblib|pt|pth|h5|keras|onnx|safetensors|ckpt|bin|sav)$")
MODEL_TYPE = re.compile(
    r"Sequential\(\)|Model\(\)|from_pretrained\(\)|Classifier\(\)|Regressor\(\)"
)
MODEL_NAME = re.compile(r"model|clf|classifier|regressor|estimator|pipe|net|booster", re.I)


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    plain = short(resolved)
    final = plain.rsplit(".", 1)[-1]
    if final in ALWAYS or plain in (
        "torch.save",
        "torch.onnx.export",
        "tf.saved_model.save",
        "tensorflow.saved_model.save",
        "onnx.save",
    ):
        ctx.hit(NAME, KIND, node, f"saves or publishes a model ({plain})")
    elif final in ("dump", "dumps", "save") and _looks_like_a_model(node, plain):
        ctx.hit(NAME, KIND, node, f"saves a model ({plain})")


def _looks_like_a_model(node: ast.Call, plain: str) -> bool:
    paths = [constant_string(a) or "" for a in node.args]
    if any(MODEL_FILE.search(p) for p in paths):
        return True
    first = node.args[0] if node.args else None
    if plain.startswith(("joblib", "pickle", "cloudpickle", "dill")) and isinstance(
        first, ast.Name
    ):
        return bool(MODEL_NAME.search(first.id))
    if not plain.endswith(".save") or not isinstance(node.func, ast.Attribute):
        return False
    written = ast.unparse(node.func.value)  # the name as written, e.g. `keras_model`
    return bool(MODEL_NAME.search(written) or MODEL_TYPE.search(plain))
