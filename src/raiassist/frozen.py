"""`@frozen`: a frozen dataclass that is cheap to define.

Python 3.11's `@dataclass(frozen=True)` compiles six functions for every class (`__init__`,
`__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`): about 1 ms a class, and the
fifty records a `raiassist check` imports made that a third of a pre-commit run. Here only
`__init__` is compiled (its signature is the class's own); the other five are shared
functions that read the field names the class keeps. The result is a dataclass
(`dataclasses.fields`, `replace`, `asdict` and pickling work as before) whose instances
compare, hash and print as `@dataclass(frozen=True)`'s do, and refuse every assignment.
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T", bound=type)


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def frozen(cls: T) -> T:
    """Make `cls` a frozen dataclass (what `@dataclass(frozen=True)` gives)."""
    return _made(cls, compared=True)


@dataclass_transform(frozen_default=True, eq_default=False, field_specifiers=(dataclasses.field,))
def frozen_identity(cls: T) -> T:
    """A frozen dataclass whose instances are equal only to themselves and hash by identity
    (`@dataclass(frozen=True, eq=False)`): for records that hold memos or large tables."""
    return _made(cls, compared=False)


def _made(cls: T, compared: bool) -> T:
    if cls.__doc__ is None:  # else dataclass() spends longer on a signature than on the rest
        cls.__doc__ = cls.__name__
    dataclasses.dataclass(cls, init=False, repr=False, eq=False)  # the same class, given fields
    fields = dataclasses.fields(cls)
    hashed = [f.name for f in fields if (f.compare if f.hash is None else f.hash)]
    own = {
        "__init__": _init(cls, fields),
        "_frozen_repr": tuple(f.name for f in fields if f.repr),
        "_frozen_compared": staticmethod(_getter([f.name for f in fields if f.compare])),
        "_frozen_hashed": staticmethod(_getter(hashed)),
    }
    for name, value in own.items():
        setattr(cls, name, value)
    for name, shared in _SHARED.items():
        # a class's own method stays, as with dataclass(); the None that defining __eq__
        # leaves for __hash__ is not one
        if cls.__dict__.get(name) is None and (compared or name not in ("__eq__", "__hash__")):
            setattr(cls, name, shared)
    return cls


def _getter(names: list[str]) -> Any:
    """The values of these fields as one tuple (a tuple even for one field, or none)."""
    if not names:
        return lambda _: ()
    get = attrgetter(*names)
    return get if len(names) > 1 else lambda item: (get(item),)


def _init(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> Any:
    """The class's `__init__`, compiled once: the fields in order as parameters (with their
    defaults and default factories), set past the refusing `__setattr__`, then
    `__post_init__` when the class has one."""
    names: dict[str, Any] = {"_set": object.__setattr__, "_none": dataclasses.MISSING}
    parameters, body = ["self"], []
    for f in fields:
        factory = f.default_factory is not dataclasses.MISSING
        if factory:
            names[f"_f_{f.name}"] = f.default_factory
        if not f.init:
            value = f"_f_{f.name}()" if factory else f"_d_{f.name}"
            if not factory and f.default is not dataclasses.MISSING:
                names[f"_d_{f.name}"] = f.default
            elif not factory:
                continue
        elif factory:
            parameters.append(f"{f.name}=_none")
            value = f"_f_{f.name}() if {f.name} is _none else {f.name}"
        elif f.default is not dataclasses.MISSING:
            names[f"_d_{f.name}"] = f.default
            parameters.append(f"{f.name}=_d_{f.name}")
            value = f.name
        else:
            parameters.append(f.name)
            value = f.name
        body.append(f"  _set(self, {f.name!r}, {value})")
    if hasattr(cls, "__post_init__"):
        body.append("  self.__post_init__()")
    source = f"def __init__({', '.join(parameters)}) -> None:\n" + "\n".join(body or ["  pass"])
    exec(source, names)
    function = names["__init__"]
    function.__qualname__ = f"{cls.__qualname__}.__init__"
    return function


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._frozen_repr)
    return f"{type(self).__qualname__}({shown})"


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return self._frozen_compared(self) == self._frozen_compared(other)


def _hash(self: Any) -> int:
    return hash(self._frozen_hashed(self))


def _setattr(self: Any, name: str, value: object) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


_SHARED = {
    "__repr__": _repr,
    "__eq__": _eq,
    "__hash__": _hash,
    "__setattr__": _setattr,
    "__delattr__": _delattr,
}
