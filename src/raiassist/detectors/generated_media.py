"""Signal `generates-media`: generating images, audio or video."""

from __future__ import annotations

import ast
from typing import Final

from raiassist.detectors._helpers import short
from raiassist.names import constant_string, keyword
from raiassist.scan import Context

NAME = "generates-media"
KIND: Final = "signal"
MEDIA_TASKS = frozenset(
    {
        "text-to-image",
        "image-to-image",
        "text-to-speech",
        "text-to-audio",
        "text-to-video",
        "image-to-video",
    }
)
CALL_LASTS = frozenset({"generate_images", "generate_videos", "edit_image"})
CALL_ROOTS = frozenset({"diffusers", "openai", "elevenlabs", "TTS", "bark", "transformers"})


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    plain = short(resolved)
    if resolved.startswith("diffusers") and "Pipeline" in resolved:
        ctx.hit(NAME, KIND, node, f"generates images with {plain}")
    elif (
        resolved.startswith("openai") and any(p in plain for p in (".images.", ".audio.speech."))
    ) or plain.rsplit(".", 1)[-1] in ("generate_images", "generate_videos", "edit_image"):
        ctx.hit(NAME, KIND, node, f"generates media with {plain}")
    elif resolved.startswith(("elevenlabs", "TTS", "bark")) and "(" in resolved:
        ctx.hit(NAME, KIND, node, f"synthesises speech with {plain}")
    elif resolved.startswith("transformers") and plain.endswith("pipeline"):
        task = constant_string(node.args[0] if node.args else keyword(node, "task"))
        if task in MEDIA_TASKS:
            ctx.hit(NAME, KIND, node, f"generates media (transformers pipeline '{task}')")
