"""Evidence `error-analysis`: finding where the model fails."""

from typing import Final

from raiassist.detectors._helpers import library_calls

NAME = "error-analysis"
KIND: Final = "evidence"
CALL_ROOTS, on_call = library_calls(
    NAME,
    KIND,
    (
        "erroranalysis.",
        "raiwidgets.ErrorAnalysisDashboard",
        "responsibleai.RAIInsights().error_analysis",
    ),
    "error analysis",
)
