"""Evidence `monitoring`: a monitoring or drift-detection library wired into the code."""

from typing import Final

from raiassist.detectors._helpers import library_calls

NAME = "monitoring"
KIND: Final = "evidence"
CALL_ROOTS, on_call = library_calls(
    NAME,
    KIND,
    (
        "evidently.",
        "nannyml.",
        "whylogs.",
        "alibi_detect.",
        "prometheus_client.",
        "azureml.ai.monitoring",
        "arize.",
        "deepchecks.tabular.suites.train_test_validation",
    ),
    "monitoring",
)
