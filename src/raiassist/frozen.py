"""`@frozen`: a frozen dataclass that is cheap to define.

Python 3.11's `@dataclass(frozen=True)` compiles six functions for every class (`__init__`,
`__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`): about 1 ms a class, and the
fifty records a `raiassist check` imports made that a third of a pre-commit run. Here what
runs often is compiled, in one piece (`__init__`, and `__eq__` and `__hash__`, which sets and
dictionary keys call by the million), and only when the class is first used; `__repr__`,
`__setattr__` and `__delattr__` are shared functions that read the field names the class
keeps. The result is a dataclass (`dataclasses.fields`, `replace`, `asdict` and pickling
work as before) whose instances compare, hash and print as `@dataclass(frozen=True)`'s do,
and refuse every assignment.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
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
    made = ["__init__", "__eq__", "__hash__"] if compared else ["__init__"]
    # a class's own method stays, as with dataclass(); the None that defining __eq__ leaves
    # for __hash__ is not one
    wanted = [name for name in made if cls.__dict__.get(name) is None]

    def compile_now() -> None:
        own = _compiled(cls, fields, compared)
        for name in wanted:
            if getattr(cls.__dict__.get(name), "_frozen_placeholder", False):
                setattr(cls, name, own[name])

    for name in wanted:
        setattr(cls, name, _placeholder(cls, name, compile_now))
    cls._frozen_repr = tuple(f.name for f in fields if f.repr)  # type: ignore[attr-defined]
    for name, shared in _SHARED.items():
        if cls.__dict__.get(name) is None:
            setattr(cls, name, shared)
    return cls


def _placeholder(cls: type, name: str, compile_now: Callable[[], None]) -> Callable[..., Any]:
    """A stand-in for a method not compiled yet: the first call compiles the class's methods
    and puts them in place. Compiling is most of what defining a record costs (about 0.3 ms
    a class), and a run uses few of the records it imports: a warm `raiassist check` creates
    instances of a handful, so the others are never compiled."""

    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        compile_now()
        return getattr(cls, name)(self, *args, **kwargs)

    method._frozen_placeholder = True  # type: ignore[attr-defined]
    method.__name__ = name
    method.__qualname__ = f"{cls.__qualname__}.{name}"
    return method


def _values(names: list[str], of: str) -> str:
    """Source for the tuple of these fields of `of`."""
    return "(" + "".join(f"{of}.{name}," for name in names) + ")"


def _compiled(
    cls: type, fields: tuple[dataclasses.Field[Any], ...], compared: bool
) -> dict[str, Any]:
    """The class's `__init__` (the fields in order as parameters, with their defaults and
    default factories, written to the instance's dict past the refusing `__setattr__`, then
    `__post_init__` when the class has one) and, when `compared`, `__eq__` and `__hash__`
    over the compared fields: compiled together, once."""
    names: dict[str, Any] = {"_none": dataclasses.MISSING}
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
        body.append(f"  _own[{f.name!r}] = {value}")
    if body:  # the refusing __setattr__ is passed by writing the instance's dict, as
        # object.__setattr__ does for a class without slots, at a third of the cost
        body.insert(0, "  _own = self.__dict__")
    if hasattr(cls, "__post_init__"):
        body.append("  self.__post_init__()")
    source = [f"def __init__({', '.join(parameters)}):", *(body or ["  pass"])]
    made = ["__init__"]
    if compared:
        equal = [f.name for f in fields if f.compare]
        hashed = [f.name for f in fields if (f.compare if f.hash is None else f.hash)]
        source += [
            "def __eq__(self, other):",
            "  if other.__class__ is self.__class__:",
            f"    return {_values(equal, 'self')} == {_values(equal, 'other')}",
            "  return NotImplemented",
            "def __hash__(self):",
            f"  return hash({_values(hashed, 'self')})",
        ]
        made += ["__eq__", "__hash__"]
    exec("\n".join(source), names)
    for name in made:
        names[name].__qualname__ = f"{cls.__qualname__}.{name}"
    return {name: names[name] for name in made}


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._frozen_repr)
    return f"{type(self).__qualname__}({shown})"


def _setattr(self: Any, name: str, value: object) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


_SHARED = {
    "__repr__": _repr,
    "__setattr__": _setattr,
    "__delattr__": _delattr,
}
