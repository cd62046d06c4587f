"""What the companion sees in a kernel's namespace: DataFrames and their columns, fitted
estimators, metric values and fairlearn MetricFrames, as signals and evidence of the
vocabulary.

Objects are identified by their type's module and name, never by importing their library,
and read without running user code: no method calls and no properties except pandas' own
`DataFrame.columns`; estimator state comes from the instance `__dict__`, fetched past any
custom `__getattribute__`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from raiassist.words import Words, tokens

MAX_COLUMNS = 500  # a wider frame is read only this far
ESTIMATOR_LIBRARIES = frozenset(
    {"sklearn", "xgboost", "lightgbm", "catboost", "imblearn", "fairlearn", "interpret"}
)
METRIC_WORDS = frozenset(
    {"accuracy", "acc", "auc", "roc", "f1", "precision", "recall", "mse", "rmse", "mae",
     "r2", "logloss", "brier", "score", "error", "tpr", "fpr"}
)  # fmt: skip


@dataclass(frozen=True)
class Observation:
    """One signal or evidence kind seen on a live object."""

    name: str  # vocabulary name, e.g. `sensitive-attribute`
    kind: Literal["signal", "evidence"]
    detail: str  # what a person reads, e.g. "DataFrame df has column 'sex'"
    subject: str = ""  # column, attribute or metric the observation is about


def kind_of(obj: object) -> str | None:
    """`dataframe`, `metricframe`, `estimator` or `metric` for objects worth a look."""
    cls = type(obj)
    module = getattr(cls, "__module__", "") or ""
    library = module.partition(".")[0]
    if library == "pandas" and cls.__name__ == "DataFrame":
        return "dataframe"
    if library == "fairlearn" and cls.__name__ == "MetricFrame":
        return "metricframe"
    if library in ESTIMATOR_LIBRARIES and _instance_dict(obj) is not None:
        return "estimator"
    if cls is float or (library == "numpy" and cls.__name__.startswith("float")):
        return "metric"
    return None


def marker(kind: str, obj: Any) -> object:
    """Changes when what `observe` would say changes (cheap: no walk over the object)."""
    if kind == "dataframe":
        return id(obj.columns)  # pandas makes a new Index whenever columns change
    if kind == "estimator":
        return fitted(obj)
    return None


def observe(kind: str, variable: str, obj: Any, cell: str, words: Words) -> tuple[Observation, ...]:
    """What one object shows, by the catalogue's `words`; `cell` says where ("cell 14")."""
    if kind == "dataframe":
        return _dataframe(variable, columns_of(obj), cell, words)
    if kind == "metricframe":
        return _metricframe(variable, obj, cell, words)
    if kind == "estimator":
        return _estimator(variable, obj, cell)
    return _metric(variable, obj, cell)


def columns_of(frame: Any) -> list[str]:
    """The column names of a pandas DataFrame (the first MAX_COLUMNS)."""
    names = []
    for index, column in enumerate(frame.columns):
        if index >= MAX_COLUMNS:
            break
        names.append(column if isinstance(column, str) else repr(column))
    return names


def fitted(obj: object) -> bool:
    """scikit-learn's convention: a fitted estimator has public attributes ending in `_`
    (`coef_`, `classes_`, `n_features_in_`); a pipeline is fitted when its last step is."""
    state = _instance_dict(obj) or {}
    if any(k.endswith("_") and not k.startswith("_") for k in state):
        return True
    steps = state.get("steps")
    if isinstance(steps, list) and steps and isinstance(steps[-1], tuple) and len(steps[-1]) == 2:
        return fitted(steps[-1][1])
    return False


def _instance_dict(obj: object) -> dict[str, Any] | None:
    try:
        state = object.__getattribute__(obj, "__dict__")
    except AttributeError:
        return None
    return state if type(state) is dict else None


def _dataframe(
    variable: str, columns: Iterable[str], cell: str, words: Words
) -> tuple[Observation, ...]:
    columns = list(columns)
    found = [
        Observation(
            "loads-tabular-data",
            "signal",
            f"DataFrame {variable} with {len(columns)} columns, {cell}",
            variable,
        )
    ]
    for column in columns:
        for name, category in (
            ("sensitive-attribute", words.sensitive(column)),
            ("proxy-attribute", words.proxy(column)),
            ("personal-data", words.personal(column)),
        ):
            if category:
                detail = f"DataFrame {variable} has column '{column}' ({category}), {cell}"
                found.append(Observation(name, "signal", detail, column))
    return tuple(found)


def _estimator(variable: str, obj: object, cell: str) -> tuple[Observation, ...]:
    if not fitted(obj):
        return ()
    cls = type(obj)
    library = cls.__module__.partition(".")[0]
    detail = f"{variable} is a fitted {library} {cls.__name__}, {cell}"
    return (Observation("trains-model", "signal", detail, variable),)


def _metric(variable: str, value: float, cell: str) -> tuple[Observation, ...]:
    if not METRIC_WORDS.intersection(tokens(variable)):
        return ()
    detail = f"overall metric {variable} = {float(value):.4g}, {cell}"
    return (Observation("aggregate-metrics", "signal", detail, variable),)


def _metricframe(variable: str, obj: object, cell: str, words: Words) -> tuple[Observation, ...]:
    state = _instance_dict(obj) or {}
    groups = [str(n) for n in state.get("_sf_names") or []]
    by_group = (state.get("_result_cache") or {}).get("by_group")
    metrics = columns_of(by_group) if kind_of(by_group) == "dataframe" else []
    what = ", ".join(metrics) or "a metric"
    by = " and ".join(groups) or "a sensitive feature"
    detail = f"MetricFrame {variable} of {what} by {by} computed in {cell}"
    found = [Observation("disaggregated-evaluation", "evidence", detail, by)]
    found += [
        Observation("sensitive-attribute", "signal", f"{variable} groups by '{g}', {cell}", g)
        for g in groups
        if words.sensitive(g)
    ]
    return tuple(found)
