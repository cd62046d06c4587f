"""Signal `sensitive-attribute`: code names a protected characteristic of people, in a
column, a feature list, a protected-attribute argument, a schema string, or by loading a
dataset known to carry such columns."""

from __future__ import annotations

import ast
from typing import Final

from raiassist import words
from raiassist.columns import schema_columns
from raiassist.names import constant_string, keyword
from raiassist.scan import Context

NAME = "sensitive-attribute"
KIND: Final = "signal"
DATASETS = {
    "fetch_adult": "sex, race",
    "fetch_acs_income": "sex, race",
    "fetch_credit_card": "sex",
    "fetch_diabetes_hospital": "race, gender",
    "fetch_boston": "race",
}
OPENML = {
    "adult": "sex, race",
    "credit-g": "personal_status (sex), age",
    "compas-two-years": "race, sex, age",
    "titanic": "sex, age",
}
CALL_LASTS = frozenset(DATASETS) | {"fetch_openml", "load_dataset"}


def on_column(text: str, node: ast.AST, ctx: Context) -> None:
    attribute = words.sensitive(text)
    if attribute:
        ctx.hit(NAME, KIND, node, f"column '{text}' ({attribute})", text)


STRING_HINTS = (",",)  # a schema string lists columns


def on_string(text: str, node: ast.AST, ctx: Context) -> None:
    for column in schema_columns(text):
        on_column(column, node, ctx)


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    final = resolved.rstrip("()").rsplit(".", 1)[-1]
    if final in DATASETS:
        ctx.hit(NAME, KIND, node, f"dataset with {DATASETS[final]} ({final})", final)
        return
    dataset = constant_string(node.args[0] if node.args else keyword(node, "name"))
    if dataset and dataset.lower() in OPENML:
        ctx.hit(NAME, KIND, node, f"dataset '{dataset}' has {OPENML[dataset.lower()]}", dataset)
