"""Signal `exports-model` from generic serialisers: `joblib.dump`, `pickle.dump` or `.save`
of something that looks like a model (a model file name, a model-like variable). Libraries'
own save and publish calls are catalogue entries."""

from __future__ import annotations

import ast
import re
from typing import Final

from raiassist.detectors._helpers import short
from raiassist.names import constant_string
from raiassist.scan import Context

NAME = "exports-model"
KIND: Final = "signal"
CALL_LASTS = frozenset({"dump", "save", "dumps"})
MODEL_FILE = re.compile(r"\.(?:pkl|pickle|joblib|pt|pth|h5|keras|onnx|safetensors|ckpt|bin|sav)$")
MODEL_TYPE = re.compile(
    r"Sequential\(\)|Model\(\)|from_pretrained\(\)|Classifier\(\)|Regressor\(\)"
)
MODEL_NAME = re.compile(r"model|clf|classifier|regressor|estimator|pipe|net|booster", re.I)
SERIALISERS = ("joblib", "pickle", "cloudpickle", "dill")


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    plain = short(resolved)
    if _looks_like_a_model(node, plain):
        ctx.hit(NAME, KIND, node, f"saves a model ({plain})")


def _looks_like_a_model(node: ast.Call, plain: str) -> bool:
    paths = [constant_string(a) or "" for a in node.args]
    if any(len(p) < 300 and MODEL_FILE.search(p) for p in paths):
        return True
    first = node.args[0] if node.args else None
    if plain.startswith(SERIALISERS) and isinstance(first, ast.Name):
        return bool(MODEL_NAME.search(first.id))
    if not plain.endswith(".save") or not isinstance(node.func, ast.Attribute):
        return False
    written = ast.unparse(node.func.value)[:200]  # the name as written, e.g. `keras_model`
    return bool(MODEL_NAME.search(written) or MODEL_TYPE.search(plain))
