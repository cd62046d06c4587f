"""The compiled catalogue: frozen rules the scan asks "what does this call mean?".

Call names are matched against dotted glob patterns (`sklearn.**.fit`): `*` inside a part,
`**` for any number of parts. Patterns are indexed by their last part (or first, when the
last is a glob), and each resolved name's candidates are remembered, so a call costs one
dictionary lookup once its name has been seen.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from raiassist.words import Words

MAX_MEMO = 65536


@dataclass(frozen=True)
class Entry:
    """Where a hit's meaning comes from: a library, dataset or string entry of a catalogue."""

    id: str
    name: str
    docs: str
    catalogue: str


@dataclass(frozen=True)
class Arg:
    keywords: tuple[str, ...] = ()
    position: int | None = None
    values: frozenset[str | int] = frozenset()
    contains: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cond:
    positional_at_least: int | None = None
    keywords: frozenset[str] = frozenset()
    missing: frozenset[str] = frozenset()
    truthy: frozenset[str] = frozenset()
    argument: Arg | None = None
    mentions: tuple[str, ...] = ()
    imports: tuple[str, ...] = ()
    any: tuple[Cond, ...] = ()


@dataclass(frozen=True)
class DatasetInfo:
    id: str
    name: str
    sensitive: tuple[str, ...]
    domain: str | None


@dataclass(frozen=True)
class CallRule:
    """One `calls` entry of a library, or one loader of a dataset."""

    entry: Entry
    patterns: tuple[tuple[str, ...], ...]
    unless: tuple[tuple[str, ...], ...]
    means: tuple[str, ...]
    where: Cond | None = None
    groups: tuple[Arg, ...] = ()
    says: str | None = None
    docs: str | None = None
    dataset: DatasetInfo | None = None
    fallback: bool = False
    columns: tuple[Arg, ...] = ()

    def matches(self, parts: tuple[str, ...]) -> bool:
        return any(glob(p, parts) for p in self.patterns) and not any(
            glob(p, parts) for p in self.unless
        )


@dataclass(frozen=True)
class StringMeaning:
    entry: Entry
    contains: tuple[str, ...]
    means: tuple[str, ...]
    shape: str | None = None
    groups_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class ColumnCodes:
    """A library's column codes (`RAC1P` in folktables), used when the library is imported."""

    imports: tuple[str, ...]
    words: Words
    entry: Entry


@dataclass(frozen=True)
class CatalogueInfo:
    id: str
    title: str
    file: str


@dataclass(frozen=True, eq=False)
class Catalogue:
    files: tuple[CatalogueInfo, ...]
    rules: tuple[CallRule, ...]
    strings: tuple[StringMeaning, ...]
    words: Words
    columns: tuple[ColumnCodes, ...]
    phrases: Mapping[str, str]
    means: frozenset[str]  # every name some entry can produce
    evidence: frozenset[str]  # those of them that are evidence kinds, not signals
    _index: dict[str, tuple[CallRule, ...]] = field(default_factory=dict, repr=False)
    _memo: dict[str, tuple[CallRule, ...]] = field(default_factory=dict, repr=False)
    _calls: dict[str, tuple[CallRule, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, list[CallRule]] = {}
        for rule in self.rules:
            for key in {_index_key(p) for p in rule.patterns}:
                index.setdefault(key, []).append(rule)
        self._index.update({k: tuple(v) for k, v in index.items()})

    def rules_for_call(self, resolved: str) -> tuple[CallRule, ...]:
        """`rules_for` a call name as `Names.resolve` gives it (`a.B().c`), remembered as it
        is: most calls in a notebook repeat a handful of names."""
        found = self._calls.get(resolved)
        if found is None:
            if len(self._calls) > MAX_MEMO:
                self._calls.clear()
            plain = resolved.replace("()", "").replace("[]", "")
            found = self._calls[resolved] = self.rules_for(plain)
        return found

    def rules_for(self, name: str) -> tuple[CallRule, ...]:
        """The rules whose patterns match a dotted call name (without `()` or `[]`)."""
        found = self._memo.get(name)
        if found is None:
            if len(self._memo) > MAX_MEMO:
                self._memo.clear()
            found = self._memo[name] = self._lookup(name)
        return found

    def _lookup(self, name: str) -> tuple[CallRule, ...]:
        parts = tuple(name.split("."))
        candidates = [
            *self._index.get("last:" + parts[-1], ()),
            *self._index.get("first:" + parts[0], ()),
            *self._index.get("any", ()),
        ]
        found = dict.fromkeys(r for r in candidates if r.matches(parts))
        return tuple(sorted(found, key=_specificity))

    @cached_property
    def string_pattern(self) -> re.Pattern[str] | None:
        """One search, over a lower-cased string, for every string entry's texts (lower-case
        literal alternatives: linear, and several times quicker than a case-blind search)."""
        texts = sorted({t for s in self.strings for t in s.contains}, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, texts))) if texts else None

    @cached_property
    def by_meaning(self) -> dict[str, tuple[Entry, ...]]:
        """The entries that can produce each signal or evidence name, in catalogue order."""
        found: dict[str, dict[Entry, None]] = {}
        for rule in self.rules:
            names = (
                (*rule.means, "sensitive-dataset")
                if rule.dataset and rule.dataset.sensitive
                else rule.means
            )
            for name in names:
                found.setdefault(name, {})[rule.entry] = None
            if rule.groups:
                found.setdefault("sensitive-attribute", {})[rule.entry] = None
        for string in self.strings:
            for name in string.means:
                found.setdefault(name, {})[string.entry] = None
        return {name: tuple(entries) for name, entries in found.items()}

    def phrase(self, name: str) -> str:
        return self.phrases.get(name, name + ": {call}")

    def __getstate__(self) -> dict[str, object]:
        """Pickled (for the on-disk cache) without the lookup memo."""
        state = dict(self.__dict__)
        state["_memo"], state["_calls"] = {}, {}
        return state


def _specificity(rule: CallRule) -> int:
    """More literal parts first, so `sklearn.**.fit` speaks before `**.fit`."""
    return -max(sum("*" not in p for p in pattern) for pattern in rule.patterns)


def _index_key(pattern: tuple[str, ...]) -> str:
    if "*" not in pattern[-1]:
        return "last:" + pattern[-1]
    if "*" not in pattern[0]:
        return "first:" + pattern[0]
    return "any"


def glob(pattern: tuple[str, ...], parts: tuple[str, ...]) -> bool:
    """Whether dotted name parts match a pattern's parts (`**` is any number of parts)."""
    if not pattern:
        return not parts
    head = pattern[0]
    if head == "**":
        return any(glob(pattern[1:], parts[i:]) for i in range(len(parts) + 1))
    return bool(parts) and _part(head, parts[0]) and glob(pattern[1:], parts[1:])


def _part(pattern: str, part: str) -> bool:
    return pattern == part if "*" not in pattern else _segment(pattern).fullmatch(part) is not None


@lru_cache(maxsize=4096)
def _segment(pattern: str) -> re.Pattern[str]:
    return re.compile(fnmatch.translate(pattern))
