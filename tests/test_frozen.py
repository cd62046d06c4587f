"""`@frozen` behaves as `@dataclass(frozen=True)` does: the standard library's decorator is
the oracle, applied to the same class body."""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Callable
from typing import Any

import pytest

from raiassist.frozen import frozen, frozen_identity


def _body(name: str) -> type:
    """A class with every kind of field the code base uses, not yet decorated."""

    def __post_init__(self: Any) -> None:
        self.memo["made"] = 1

    namespace = {
        "__annotations__": {
            "name": "str",
            "count": "int",
            "tags": "tuple[str, ...]",
            "table": "dict[str, int]",
            "seen": "list[str]",
            "memo": "dict[str, int]",
        },
        "__module__": __name__,
        "__qualname__": name,
        "count": 0,
        "tags": (),
        "table": dataclasses.field(default_factory=dict, repr=False),
        "seen": dataclasses.field(default_factory=list, compare=False),
        "memo": dataclasses.field(init=False, repr=False, compare=False, default_factory=dict),
        "__post_init__": __post_init__,
    }
    return type(name, (), namespace)


Ours = frozen(_body("Ours"))
Theirs = dataclasses.dataclass(frozen=True)(_body("Theirs"))
OursByIdentity = frozen_identity(_body("OursByIdentity"))
TheirsByIdentity = dataclasses.dataclass(frozen=True, eq=False)(_body("TheirsByIdentity"))


def _both(**options: Any) -> tuple[type, type]:
    return (Ours, Theirs) if options.get("eq", True) else (OursByIdentity, TheirsByIdentity)


def _same(make: Callable[[type], Any]) -> None:
    ours, theirs = _both()
    assert repr(make(ours)) == repr(make(theirs)).replace(theirs.__qualname__, ours.__qualname__)


def test_construction_defaults_and_repr_are_the_standard_librarys() -> None:
    _same(lambda cls: cls("a"))
    _same(lambda cls: cls("a", 2, ("x",), {"k": 1}, ["s"]))
    _same(lambda cls: cls(name="b", seen=["t"]))
    ours, _ = _both()
    assert ours("a").memo == {"made": 1}  # __post_init__ ran, the init=False field is set
    assert ours("a").table is not ours("a").table  # a fresh default each time


def test_equality_and_hash_follow_the_compared_fields() -> None:
    ours, theirs = _both()
    for cls in (ours, theirs):
        assert cls("a", 1, seen=["x"]) == cls("a", 1, seen=["y"])  # compare=False ignored
        assert cls("a", 1) != cls("a", 2)
        assert cls("a") != ("a", 0, (), {})
    point = {"__annotations__": {"x": "int", "y": "int"}}
    hashable_ours = frozen(type("Point", (), dict(point)))
    hashable_theirs = dataclasses.dataclass(frozen=True)(type("Point", (), dict(point)))
    assert hash(hashable_ours(1, 2)) == hash(hashable_theirs(1, 2))
    assert {hashable_ours(1, 2), hashable_ours(1, 2)} == {hashable_ours(1, 2)}


def test_identity_records_are_equal_only_to_themselves() -> None:
    ours, theirs = _both(eq=False)
    for cls in (ours, theirs):
        one = cls("a")
        assert one == one and one != cls("a")
        assert hash(one) == object.__hash__(one)


def test_assignment_and_deletion_are_refused() -> None:
    ours, _ = _both()
    record = ours("a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.name = "b"
    with pytest.raises(dataclasses.FrozenInstanceError):
        del record.count
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.other = 1


def test_the_dataclass_functions_and_pickle_work() -> None:
    ours, _ = _both()
    record = ours("a", 3, ("t",))
    assert [f.name for f in dataclasses.fields(record)] == [
        "name", "count", "tags", "table", "seen", "memo"
    ]  # fmt: skip
    changed = dataclasses.replace(record, count=4)
    assert (changed.name, changed.count, changed.tags) == ("a", 4, ("t",))
    assert dataclasses.asdict(record)["tags"] == ("t",)
    assert pickle.loads(pickle.dumps(record)) == record
    with pytest.raises(TypeError):
        ours()  # the name has no default


def test_methods_are_compiled_on_first_use_whichever_comes_first() -> None:
    """A record's methods are compiled when it is first used: an instance that no `__init__`
    made (as pickle makes them) hashes and compares before any other is made, and a class's
    own methods are never replaced."""
    point = {"__annotations__": {"x": "int", "y": "int"}}
    cls = frozen(type("Point", (), dict(point)))
    made = object.__new__(cls)
    object.__setattr__(made, "x", 1)
    object.__setattr__(made, "y", 2)
    assert hash(made) == hash((1, 2))  # the first call of any method: __hash__
    assert made == cls(1, 2) and made != cls(1, 3)
    assert {made, cls(1, 2)} == {made}

    def own_eq(self: Any, other: object) -> bool:
        return True

    custom = frozen(type("Custom", (), {**point, "__eq__": own_eq, "__hash__": lambda s: 7}))
    assert custom(1, 2) == custom(3, 4) and hash(custom(1, 2)) == 7
