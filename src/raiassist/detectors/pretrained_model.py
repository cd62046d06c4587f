"""Signal `uses-pretrained-model`: loading a model someone else trained."""

from __future__ import annotations

import ast
from typing import Final

from raiassist.detectors._helpers import short
from raiassist.names import keyword
from raiassist.scan import Context

NAME = "uses-pretrained-model"
KIND: Final = "signal"
LOADERS = frozenset(
    {
        "from_pretrained",
        "hf_hub_download",
        "snapshot_download",
        "SentenceTransformer",
        "create_model_and_transforms",
        "KerasLayer",
        "YOLO",
    }
)
CALL_LASTS = LOADERS | {"pipeline", "load", "create_model", "load_model"}
CALL_ROOTS = frozenset({"torchvision", "keras", "tensorflow", "tf"})
HUB_ROOTS = ("torch.hub", "tensorflow_hub", "spacy", "whisper", "timm", "open_clip")


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    plain = short(resolved)
    final = plain.rsplit(".", 1)[-1]
    if (
        final in LOADERS
        or (final == "pipeline" and plain.startswith("transformers"))
        or (final in ("load", "load_model") and plain.startswith(HUB_ROOTS))
        or (final == "create_model" and _truthy(keyword(node, "pretrained")))
    ):
        ctx.hit(NAME, KIND, node, f"loads a pre-trained model ({plain})")
    elif plain.startswith(
        (
            "torchvision.models",
            "keras.applications",
            "tensorflow.keras.applications",
            "tf.keras.applications",
        )
    ) and (_truthy(keyword(node, "weights")) or _truthy(keyword(node, "pretrained"))):
        ctx.hit(NAME, KIND, node, f"loads pre-trained weights ({plain})")


def _truthy(node: ast.AST | None) -> bool:
    """Whether a `weights=` or `pretrained=` argument asks for trained weights."""
    if node is None:
        return False
    return not (isinstance(node, ast.Constant) and node.value in (None, False))
