"""Signal `uses-pretrained-model`: loading a model someone else trained."""

from __future__ import annotations

import ast
from typing import Final

from raiassist.detectors._helpers import has_keyword, short
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
CALL_LASTS = LOADERS | {"pipeline", "load", "create_model"}
CALL_ROOTS = frozenset({"torchvision", "keras", "tensorflow", "tf"})
HUB_ROOTS = ("torch.hub", "tensorflow_hub", "spacy", "whisper", "timm", "open_clip")


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    plain = short(resolved)
    final = plain.rsplit(".", 1)[-1]
    if (
        final in LOADERS
        or (final == "pipeline" and plain.startswith("transformers"))
        or (final in ("load", "load_model", "create_model") and plain.startswith(HUB_ROOTS))
    ):
        ctx.hit(NAME, KIND, node, f"loads a pre-trained model ({plain})")
    elif plain.startswith(
        (
            "torchvision.models",
            "keras.applications",
            "tensorflow.keras.applications",
            "tf.keras.applications",
        )
    ) and (has_keyword(node, "weights", "pretrained")):
        ctx.hit(NAME, KIND, node, f"loads pre-trained weights ({plain})")
