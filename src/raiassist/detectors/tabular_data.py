"""Signal `loads-tabular-data`: reading a table of records."""

from __future__ import annotations

import ast
from typing import Final

from raiassist.detectors._helpers import short
from raiassist.scan import Context

NAME = "loads-tabular-data"
KIND: Final = "signal"
READERS = frozenset(
    {
        "read_csv",
        "read_parquet",
        "read_excel",
        "read_json",
        "read_sql",
        "read_sql_query",
        "read_sql_table",
        "read_table",
        "read_feather",
        "read_orc",
        "read_stata",
        "read_sas",
        "read_spss",
        "read_fwf",
        "read_pickle",
        "load_dataset",
        "fetch_openml",
        "fetch_adult",
        "fetch_acs_income",
        "fetch_credit_card",
        "fetch_diabetes_hospital",
        "fetch_bank_marketing",
        "fetch_boston",
        "fetch_california_housing",
        "fetch_covtype",
        "fetch_kddcup99",
        "load_iris",
        "load_diabetes",
        "load_breast_cancer",
        "load_wine",
        "load_digits",
    }
)
CALL_LASTS = READERS | {"csv", "parquet", "table", "json", "load", "orc", "jdbc"}
_SPARK_READS = frozenset({"csv", "parquet", "table", "json", "load", "orc", "jdbc"})


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    final = resolved.rstrip("()").rsplit(".", 1)[-1]
    spark = resolved.startswith("spark") or "SparkSession" in resolved
    if final in READERS or (
        spark and (".read." in resolved or final == "table") and (final in _SPARK_READS)
    ):
        statement = ctx.statement
        target = ""
        if isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name):
            target = statement.targets[0].id
        ctx.hit(NAME, KIND, node, f"reads a table with {short(resolved)}", target)
