"""What the companion sees in a kernel's namespace: DataFrames and their columns, fitted
estimators, metric values and fairlearn MetricFrames, as signals and evidence of the
vocabulary.

Objects are identified by their type's module and name, never by importing their library,
and read without running user code: no method calls, no properties (pandas' own
`DataFrame.columns` aside, on pandas' own DataFrame class only), no `__repr__`, `__str__`
or `__bool__`; a class's module and name and an instance's `__dict__` are read through
`type`'s and `object`'s own descriptors, past anything a class or metaclass defines.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal, cast

from raiassist.frozen import frozen
from raiassist.words import Words, tokens

MAX_COLUMNS = 500  # a wider frame is read only this far
ESTIMATOR_LIBRARIES = frozenset(
    {"sklearn", "xgboost", "lightgbm", "catboost", "imblearn", "fairlearn", "interpret"}
)
METRIC_WORDS = frozenset(
    {"accuracy", "acc", "auc", "roc", "f1", "precision", "recall", "mse", "rmse", "mae",
     "r2", "logloss", "brier", "score", "error", "tpr", "fpr"}
)  # fmt: skip


@frozen
class Observation:
    """One signal or evidence kind seen on a live object."""

    name: str  # vocabulary name, e.g. `sensitive-attribute`
    kind: Literal["signal", "evidence"]
    detail: str  # what a person reads, e.g. "DataFrame df has column 'sex'"
    subject: str = ""  # column, attribute or metric the observation is about
    variable: str = ""  # the name that holds the object
    category: str = ""  # for a column: what the catalogue's words say it is ("sex")


def kind_of(obj: object) -> str | None:
    """`dataframe`, `metricframe`, `estimator` or `metric` for objects worth a look."""
    cls = type(obj)
    library, name = _module(cls).partition(".")[0], _TYPE_NAME.__get__(cls)
    if cls is _loaded_class("pandas", "DataFrame"):
        return "dataframe"
    if library == "fairlearn" and name == "MetricFrame":
        return "metricframe"
    if library in ESTIMATOR_LIBRARIES and _instance_dict(obj) is not None:
        return "estimator"
    if cls is float or (library == "numpy" and _loaded_class("numpy", "floating") in _mro(cls)):
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
        names.append(label(column))
    return names


def label(value: object) -> str:
    """A column or group name as text, without running the value's own code: strings and
    plain numbers as they are, anything else by its type's name."""
    kind = type(value)
    if issubclass(kind, str):  # a subclass's own methods are not called: copied as a str
        text = cast(str, value)
        return text if kind is str else str.__getitem__(text, slice(None))
    if kind in (int, float, bool) or value is None:
        return repr(value)
    if kind is tuple:
        return "(" + ", ".join(label(v) for v in cast(tuple[object, ...], value)) + ")"
    return f"<{_TYPE_NAME.__get__(kind)}>"


def fitted(obj: object) -> bool:
    """scikit-learn's convention: a fitted estimator has public attributes ending in `_`
    (`coef_`, `classes_`, `n_features_in_`); a pipeline is fitted when its last step is."""
    state = _instance_dict(obj) or {}
    if any(type(k) is str and k.endswith("_") and not k.startswith("_") for k in state):
        return True
    steps = state.get("steps")
    last = steps[-1] if type(steps) is list and steps else None
    if type(last) is tuple and len(last) == 2:
        return fitted(last[1])
    return False


def _instance_dict(obj: object) -> dict[str, Any] | None:
    """The instance's own `__dict__`, only through the interpreter's own descriptor (a class
    may define `__dict__` as a property of its own)."""
    for klass in _mro(type(obj)):
        found = _NAMESPACE.__get__(klass).get("__dict__")
        if found is not None:
            if type(found) is not _GETSET:
                return None
            state = found.__get__(obj, klass)
            return state if type(state) is dict else None
    return None


_NAMESPACE: Any = type.__dict__["__dict__"]  # a class's own namespace, as `type` reads it
_TYPE_NAME: Any = type.__dict__["__name__"]
_MRO: Any = type.__dict__["__mro__"]
_GETSET = type(type.__dict__["__dict__"])


def _mro(cls: type) -> tuple[type, ...]:
    mro: tuple[type, ...] = _MRO.__get__(cls)
    return mro


def _module(cls: type) -> str:
    module = _NAMESPACE.__get__(cls).get("__module__")
    return module if type(module) is str else ""


def _loaded_class(module: str, name: str) -> type | None:
    """A class of a library the user has imported (never importing it here)."""
    import sys

    found = getattr(sys.modules.get(module), name, None)
    return found if isinstance(found, type) else None


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
                found.append(Observation(name, "signal", detail, column, variable, category))
    return tuple(found)


def _estimator(variable: str, obj: object, cell: str) -> tuple[Observation, ...]:
    if not fitted(obj):
        return ()
    cls = type(obj)
    library = _module(cls).partition(".")[0]
    detail = f"{variable} is a fitted {library} {_TYPE_NAME.__get__(cls)}, {cell}"
    return (Observation("trains-model", "signal", detail, variable),)


def _metric(variable: str, value: float, cell: str) -> tuple[Observation, ...]:
    if not METRIC_WORDS.intersection(tokens(variable)):
        return ()
    detail = f"overall metric {variable} = {float(value):.4g}, {cell}"
    return (Observation("aggregate-metrics", "signal", detail, variable),)


def _metricframe(variable: str, obj: object, cell: str, words: Words) -> tuple[Observation, ...]:
    state = _instance_dict(obj) or {}
    names, cache = state.get("_sf_names"), state.get("_result_cache")
    groups = [label(n) for n in names] if type(names) is list else []
    by_group = cache.get("by_group") if type(cache) is dict else None
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
