"""Where code names a column of data: `df["sex"]`, `usecols=[...]`, `groupby("race")`,
`features = ["age", ...]`, `df.gender`, `StructField("sex", ...)`, `"age INT, sex STRING"`.

Each column name found is handed to the column detectors (sensitive, proxy and personal
attributes, consequential domains); what counts as which is theirs to decide.
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from raiassist.names import constant_string, strings

if TYPE_CHECKING:
    from raiassist.scan import CellProblem, Context

COLUMN_KEYWORDS = frozenset(
    {
        "usecols",
        "columns",
        "names",
        "sensitive_features",
        "sensitive_feature_names",
        "protected_attribute_names",
        "privileged_groups",
        "unprivileged_groups",
        "by",
        "subset",
        "features",
        "feature_names",
        "categorical_features",
        "numeric_features",
        "id_vars",
        "value_vars",
        "index",
        "protected_attributes",
        "label_names",
        "dtype",
        "drop_cols",
        "attributes",
        "prot_attr",
        "group_col",
        "sensitive_attribute",
        "sensitive_attrs",
    }
)
COLUMN_METHODS = frozenset(
    {
        "groupby",
        "drop",
        "pivot_table",
        "crosstab",
        "value_counts",
        "StructField",
        "col",
        "select",
        "withColumn",
        "sort_values",
        "set_index",
        "pop",
        "get",
        "dropna",
        "fillna",
        "astype",
        "rename",
        "get_dummies",
        "column",
        "Column",
        "field",
    }
)
FEATURE_LIST_NAME = re.compile(
    r"feature|column|cols?$|_cols|attr|sensitive|protected|categor|"
    r"numer|drop|keep|fields|schema|header|predictor|variables",
    re.I,
)
FRAME_NAME = re.compile(r"(^|_)(df|data|frame|dataset|train|test|valid|x|X|features)(_|$|\d)")
SCHEMA_STRING = re.compile(r"^\s*\w+\s+[A-Za-z]+(\(\d+\))?(\s*,\s*\w+\s+[A-Za-z]+(\(\d+\))?)+\s*$")
MAX_COLUMN_LENGTH = 64
_LITERALS = ast.List | ast.Tuple | ast.Dict | ast.Set  # built once, not per call
_SEQUENCES = ast.List | ast.Tuple


def from_subscript(
    node: ast.Subscript, ctx: Context, registry: Any, problems: list[CellProblem]
) -> None:
    index = node.slice
    parts = index.elts if isinstance(index, ast.Tuple) else [index]
    for part in parts:
        for text, where in strings(part):
            registry.column(text, where, ctx, problems)


def from_call(
    node: ast.Call, method: str, ctx: Context, registry: Any, problems: list[CellProblem]
) -> None:
    if method in COLUMN_METHODS:
        for arg in node.args[:2]:
            for text, where in strings(arg):
                registry.column(text, where, ctx, problems)
    for kw in node.keywords:
        if kw.arg in COLUMN_KEYWORDS:
            for text, where in _names_in(kw.value):
                registry.column(text, where, ctx, problems)


def from_attribute(
    node: ast.Attribute, ctx: Context, registry: Any, problems: list[CellProblem]
) -> None:
    if not isinstance(node.ctx, ast.Load) or not isinstance(node.value, ast.Name):
        return
    receiver = node.value.id
    if _frame_like(receiver) or _frame_like_value(ctx.names.bound.get(receiver, "")):
        registry.column(node.attr, node, ctx, problems)


@lru_cache(maxsize=4096)
def _frame_like(name: str) -> bool:
    return bool(FRAME_NAME.search(name))


def _frame_like_value(resolved: str) -> bool:
    return ".read_" in resolved or "DataFrame" in resolved


def from_assignment(
    node: ast.Assign, ctx: Context, registry: Any, problems: list[CellProblem]
) -> None:
    if not isinstance(node.value, _LITERALS):
        return
    named = [t.id for t in node.targets if isinstance(t, ast.Name)]
    if named and any(FEATURE_LIST_NAME.search(n) for n in named):
        for text, where in _names_in(node.value):
            registry.column(text, where, ctx, problems)


def schema_columns(text: str) -> list[str]:
    """Column names in a DDL-like schema string such as `"age INT, sex STRING"`."""
    if len(text) > 2000 or not SCHEMA_STRING.match(text):
        return []
    return [part.split()[0] for part in text.split(",")]


def _names_in(node: ast.AST) -> list[tuple[str, ast.AST]]:
    """Strings in a constant, a flat collection, or the keys and values of a dict (also inside
    a list of dicts, as in AIF360's `privileged_groups=[{"sex": 1}]`)."""
    found = strings(node)
    if isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values, strict=False):
            for text, where in ((constant_string(key), key), (constant_string(value), value)):
                if text and where is not None:
                    found.append((text, where))
    elif isinstance(node, _SEQUENCES):
        for element in node.elts:
            if isinstance(element, ast.Dict):
                found += _names_in(element)
    return [(t, n) for t, n in found if len(t) <= MAX_COLUMN_LENGTH]
