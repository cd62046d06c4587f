"""Signal `processes-faces`: detecting, encoding, verifying or analysing faces."""

from __future__ import annotations

import ast
from typing import Final

from raiassist.detectors._helpers import short
from raiassist.scan import Context

NAME = "processes-faces"
KIND: Final = "signal"
LIBRARIES = (
    "face_recognition",
    "deepface",
    "insightface",
    "facenet_pytorch",
    "retinaface",
    "mtcnn",
    "azure.cognitiveservices.vision.face",
    "azure.ai.vision.face",
)
DLIB = frozenset(
    {
        "get_frontal_face_detector",
        "face_recognition_model_v1",
        "shape_predictor",
        "cnn_face_detection_model_v1",
    }
)
CLOUD = frozenset(
    {
        "detect_faces",
        "compare_faces",
        "search_faces",
        "search_faces_by_image",
        "index_faces",
        "recognize_celebrities",
    }
)
CALL_ROOTS = frozenset(lib.split(".")[0] for lib in LIBRARIES) | {"dlib", "cv2", "mediapipe"}
CALL_LASTS = CLOUD


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    plain = short(resolved)
    final = plain.rsplit(".", 1)[-1]
    if resolved.startswith(LIBRARIES) or (resolved.startswith("dlib") and final in DLIB):
        ctx.hit(NAME, KIND, node, f"processes faces with {plain}")
    elif final in CLOUD:
        ctx.hit(NAME, KIND, node, f"calls a face API ({plain})")
    elif final == "CascadeClassifier" and "face" in ast.unparse(node).lower():
        ctx.hit(NAME, KIND, node, "detects faces with an OpenCV cascade")
    elif resolved.startswith("mediapipe") and "face" in plain.lower():
        ctx.hit(NAME, KIND, node, f"processes faces with {plain}")
