"""Evidence `data-validation`: data checked against stated expectations."""

from typing import Final

from raiassist.detectors._helpers import library_calls

NAME = "data-validation"
KIND: Final = "evidence"
CALL_ROOTS, on_call = library_calls(
    NAME,
    KIND,
    (
        "pandera.",
        "great_expectations.",
        "ydata_profiling.",
        "pandas_profiling.",
        "deepchecks.tabular.suites.data_integrity",
        "tensorflow_data_validation.",
    ),
    "data validation",
)
