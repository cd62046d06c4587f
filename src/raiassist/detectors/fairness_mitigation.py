"""Evidence `fairness-mitigation`: reducing group differences with fairlearn or AIF360."""

from typing import Final

from raiassist.detectors._helpers import library_calls

NAME = "fairness-mitigation"
KIND: Final = "evidence"
CALL_ROOTS, on_call = library_calls(
    NAME,
    KIND,
    (
        "fairlearn.reductions",
        "fairlearn.postprocessing",
        "fairlearn.preprocessing",
        "fairlearn.adversarial",
        "aif360.algorithms",
    ),
    "fairness mitigation",
)
