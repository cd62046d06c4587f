"""Evidence `robustness-testing`: behaviour under perturbation or attack."""

from typing import Final

from raiassist.detectors._helpers import library_calls

NAME = "robustness-testing"
KIND: Final = "evidence"
CALL_ROOTS, on_call = library_calls(
    NAME,
    KIND,
    (
        "checklist.",
        "textattack.",
        "art.attacks",
        "art.estimators",
        "art.defences",
        "giskard.",
        "deepchecks.tabular.suites.model_evaluation",
        "garak.",
        "hypothesis.given",
        "pyrit.",
    ),
    "robustness testing",
)
