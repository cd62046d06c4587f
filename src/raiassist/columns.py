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
        "protected_attribute",
        "protected",
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
        "reindex",
        "column",
        "Column",
        "field",
    }
)
FEATURE_LIST_NAME = re.compile(
    r"feature|column|cols?$|_cols|attr|sensitive|protected|categor|"
    r"numer|drop|keep|fields|schema|header|predictor|variables|group|slice",
    re.I,
)
FRAME_NAME = re.compile(r"(^|_)(df|data|frame|dataset|train|test|valid|x|X|features)(_|$|\d)")
MAX_SCHEMA = 2000  # a longer string is text, not a schema or a header line
MAX_COLUMN_LENGTH = 64
_LITERALS = ast.List | ast.Tuple | ast.Dict | ast.Set  # built once, not per call
_SEQUENCES = ast.List | ast.Tuple


def from_subscript(
    node: ast.Subscript, ctx: Context, registry: Any, problems: list[CellProblem]
) -> None:
    if _environment(node.value, ctx):
        return  # `os.environ["WANDB_DISABLED"]` names a setting, not a column
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
        if kw.arg and (kw.arg in COLUMN_KEYWORDS or _feature_list(kw.arg)):
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
def _feature_list(name: str) -> bool:
    return bool(FEATURE_LIST_NAME.search(name))


@lru_cache(maxsize=4096)
def _frame_like(name: str) -> bool:
    return bool(FRAME_NAME.search(name))


def _frame_like_value(resolved: str) -> bool:
    return ".read_" in resolved or "DataFrame" in resolved


def from_assignment(
    node: ast.Assign, ctx: Context, registry: Any, problems: list[CellProblem]
) -> None:
    if not isinstance(node.value, _LITERALS) and constant_string(node.value) is None:
        return
    named = [t.id for t in node.targets if isinstance(t, ast.Name)]
    relabelled = any(isinstance(t, ast.Attribute) and t.attr == "columns" for t in node.targets)
    if relabelled or any(_feature_list(n) for n in named):
        for text, where in _names_in(node.value):
            registry.column(text, where, ctx, problems)


def _environment(node: ast.AST, ctx: Context) -> bool:
    resolved = ctx.names.resolve(node)
    return resolved in ("os.environ", "environ") or resolved.endswith(".environ")


def schema_columns(text: str) -> list[str]:
    """Column names in a schema string (`"age INT, sex STRING"`), a table definition
    (`CREATE TABLE people (name_last varchar(20), age integer)`) or a CSV header line
    (`"Patient ID,Date of Birth,Gender"`). Plain string methods: linear in the text."""
    if len(text) > MAX_SCHEMA:
        return []
    if "create table" in text.lower() and "(" in text and text.rstrip().endswith(")"):
        return _typed(text[text.index("(") + 1 : text.rstrip().rindex(")")], table=True)
    first = text.split("\n", 1)[0]
    return _typed(first, table=False) or _header(first)


def _typed(text: str, table: bool) -> list[str]:
    """`name TYPE` pairs separated by commas (more words after the type in a table)."""
    names = []
    for part in _top_level(text):
        words = part.split()
        if len(words) < 2 or (len(words) > 2 and not table):
            return []
        kind = words[1].split("(", 1)[0]
        if not (words[0].replace("_", "").isalnum() and kind.isalpha()):
            return []
        names.append(words[0])
    return names if len(names) >= 2 else []


def _top_level(text: str) -> list[str]:
    """Parts of a comma-separated list, keeping `varchar(20, 2)` whole."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts]


def _header(line: str) -> list[str]:
    """A CSV header: three or more short names separated by commas."""
    fields = [f.strip().strip("\"'") for f in line.split(",")]
    if len(fields) < 3 or line.rstrip().endswith("."):
        return []
    if all(0 < len(f) <= 40 and len(f.split()) <= 4 and _plain(f) for f in fields):
        return fields
    return []


def _plain(field: str) -> bool:
    return all(c.isalnum() or c in " _-()/" for c in field)


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
