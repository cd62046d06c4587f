"""Evidence `explainability`: explaining the model's behaviour."""

from typing import Final

from raiassist.detectors._helpers import library_calls

NAME = "explainability"
KIND: Final = "evidence"
CALL_ROOTS, on_call = library_calls(
    NAME,
    KIND,
    (
        "shap.",
        "lime.",
        "interpret.",
        "interpret_community.",
        "captum.",
        "alibi.explainers",
        "dalex.",
        "eli5.",
        "sklearn.inspection.",
        "dice_ml.",
        "responsibleai.RAIInsights().explainer",
    ),
    "explains the model",
)
