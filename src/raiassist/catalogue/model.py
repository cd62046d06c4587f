"""The compiled catalogue: frozen rules the scan asks "what does this call mean?".

Call names are matched against dotted glob patterns (`sklearn.**.fit`): `*` inside a part,
`**` for any number of parts. Patterns are indexed by their last part (or first, when the
last is a glob), and each resolved name's candidates are remembered, so a call costs one
dictionary lookup once its name has been seen.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import field
from functools import cached_property, lru_cache
from typing import Any

from raiassist.frozen import frozen, frozen_identity
from raiassist.words import Words

MAX_MEMO = 65536
MAX_REMEMBERED = 200  # a longer string rarely comes again: what it holds is not remembered


@frozen
class Entry:
    """Where a hit's meaning comes from: a library, dataset or string entry of a catalogue."""

    id: str
    name: str
    docs: str
    catalogue: str


@frozen
class Arg:
    keywords: tuple[str, ...] = ()
    position: int | None = None
    values: frozenset[str | int] = frozenset()
    contains: tuple[str, ...] = ()


@frozen
class Cond:
    positional_at_least: int | None = None
    keywords: frozenset[str] = frozenset()
    missing: frozenset[str] = frozenset()
    truthy: frozenset[str] = frozenset()
    argument: Arg | None = None
    mentions: tuple[str, ...] = ()
    imports: tuple[str, ...] = ()
    any: tuple[Cond, ...] = ()


@frozen
class DatasetInfo:
    id: str
    name: str
    sensitive: tuple[str, ...]
    domain: str | None


@frozen
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

    def excluded(self, name: str) -> bool:
        return any(g.matches(name) for g in self._unless)

    @cached_property
    def _unless(self) -> tuple[Glob, ...]:
        return tuple(Glob.of(p) for p in self.unless)

    @cached_property
    def specificity(self) -> int:
        """How many literal parts its most literal pattern has: `sklearn.**.fit` speaks
        before `**.fit` for the same call."""
        return max(sum("*" not in p for p in pattern) for pattern in self.patterns)


@frozen
class StringMeaning:
    entry: Entry
    contains: tuple[str, ...]
    means: tuple[str, ...]
    shape: str | None = None
    groups_after: tuple[str, ...] = ()


@frozen
class ColumnCodes:
    """A library's column codes (`RAC1P` in folktables), used when the library is imported."""

    imports: tuple[str, ...]
    words: Words
    entry: Entry


@frozen_identity
class Catalogue:
    rules: tuple[CallRule, ...]
    strings: tuple[StringMeaning, ...]
    words: Words
    columns: tuple[ColumnCodes, ...]
    phrases: Mapping[str, str]
    evidence: frozenset[str]  # the names entries produce that are evidence kinds, not signals
    _index: dict[str, tuple[tuple[Glob, CallRule], ...]] = field(default_factory=dict, repr=False)
    _heads: list[str] = field(default_factory=list, repr=False)  # `langchain` of `langchain*`
    _memo: dict[str, tuple[CallRule, ...]] = field(default_factory=dict, repr=False)
    _calls: dict[str, tuple[CallRule, ...]] = field(default_factory=dict, repr=False)
    _texts: dict[str, tuple[StringMeaning, ...]] = field(default_factory=dict, repr=False)
    digest: str = ""  # of the files it was compiled from, when read from files

    def __post_init__(self) -> None:
        """Each pattern filed under the part a name must have for it to match."""
        index: dict[str, list[tuple[Glob, CallRule]]] = {}
        for rule in self.rules:
            for pattern in rule.patterns:
                index.setdefault(_index_key(pattern), []).append((Glob.of(pattern), rule))
        self._index.update({k: tuple(v) for k, v in index.items()})
        self._heads.extend(k.removeprefix("head:") for k in index if k.startswith("head:"))

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
        first, _, rest = name.partition(".")
        final = rest.rpartition(".")[2] if rest else first
        found: dict[int, CallRule] = {}  # by identity: rules are not hashed
        heads = [f"head:{h}" for h in self._heads if first.startswith(h)]
        for key in (f"both:{first}|{final}", "last:" + final, "first:" + first, *heads, "any"):
            for matcher, rule in self._index.get(key, ()):
                if id(rule) not in found and matcher.matches(name) and not rule.excluded(name):
                    found[id(rule)] = rule
        return tuple(sorted(found.values(), key=lambda r: -r.specificity))

    def strings_in(self, text: str) -> tuple[StringMeaning, ...]:
        """The string entries one of whose texts a string holds (ignoring case), remembered
        for short strings: most strings come back in cell after cell and hold none."""
        found = self._texts.get(text)
        if found is None:
            found = self._strings_in(text)
            if len(text) <= MAX_REMEMBERED:
                if len(self._texts) > MAX_MEMO:
                    self._texts.clear()
                self._texts[text] = found
        return found

    def _strings_in(self, text: str) -> tuple[StringMeaning, ...]:
        pattern = self.string_pattern
        if pattern is None or len(text) < self.shortest_string:
            return ()
        lowered = text.lower()
        if pattern.search(lowered) is None:
            return ()
        return tuple(s for s in self.strings if any(t in lowered for t in s.contains))

    @cached_property
    def string_pattern(self) -> re.Pattern[str] | None:
        """One search, over a lower-cased string, for every string entry's texts: literal
        alternatives merged by their common beginnings (`api.(?:openai|cohere)...`), so
        that at each place in a string only the branches of its next letter are tried. Linear,
        and four times quicker than the flat alternation of every text, which tried each
        text at each place."""
        texts = {t for s in self.strings for t in s.contains}
        return re.compile(_alternatives(texts)) if texts else None

    @cached_property
    def entries(self) -> dict[str, Entry]:
        """Every entry by its id (library, dataset and string ids share one namespace)."""
        found = {r.entry.id: r.entry for r in self.rules}
        return found | {s.entry.id: s.entry for s in self.strings}

    @cached_property
    def shortest_string(self) -> int:
        """No string shorter than the shortest text a string entry looks for can match."""
        return min((len(t) for s in self.strings for t in s.contains), default=0)

    @cached_property
    def means(self) -> frozenset[str]:
        """Every signal or evidence name some entry can produce."""
        return frozenset(self.by_meaning)

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
        state["_memo"], state["_calls"], state["_texts"] = {}, {}, {}
        return state


def _alternatives(texts: set[str]) -> str:
    """A regular expression that finds any of `texts`, written as the trie of their letters
    (a text that begins another one ends the branch: finding it is enough)."""
    trie: dict[str, dict[str, Any]] = {}
    for text in texts:
        node = trie
        for char in text:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(trie)


def _branches(node: dict[str, Any]) -> str:
    if "" in node:
        return ""
    parts = [re.escape(char) + _branches(node[char]) for char in sorted(node)]
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _index_key(pattern: tuple[str, ...]) -> str:
    """The parts a name must have for the pattern to match: its first and last when both
    are literal (`sklearn.**.fit`), else either, else how its first part starts
    (`langchain*`), else none."""
    first, last = ("*" not in pattern[0]), ("*" not in pattern[-1])
    if first and last:
        return f"both:{pattern[0]}|{pattern[-1]}"
    if last:
        return "last:" + pattern[-1]
    if first:
        return "first:" + pattern[0]
    head = pattern[0].split("*", 1)[0]
    return f"head:{head}" if head else "any"


@frozen
class Glob:
    """A dotted glob pattern made ready to match: the common shapes (`a.b.c`, `**.c`, `a.**`,
    `a.**.c`, their parts literal) as string tests, the rest as a regular expression."""

    pattern: tuple[str, ...]
    head: str = ""  # what the name starts with
    tail: str = ""  # what it ends with
    literal: bool = False  # the name is `head`, exactly
    prefix: str = ""  # the literal parts before the first glob, which a name must start with

    @classmethod
    def of(cls, pattern: tuple[str, ...]) -> Glob:
        stars = [i for i, part in enumerate(pattern) if "*" in part]
        if not stars:
            return cls(pattern, ".".join(pattern), literal=True)
        if len(stars) == 1 and pattern[stars[0]] == "**":
            cut = stars[0]
            return cls(pattern, ".".join(pattern[:cut]), ".".join(pattern[cut + 1 :]))
        return cls(pattern, prefix="".join(part + "." for part in pattern[: stars[0]]))

    def matches(self, name: str) -> bool:
        if self.literal:
            return name == self.head
        if not (self.head or self.tail):
            # most names a pattern is tried on (`sklearn.svm.SVC` on `sklearn.metrics.*_score`)
            # already differ in the literal parts: no regular expression for them
            if not name.startswith(self.prefix):
                return False
            return _compiled(self.pattern).fullmatch(name) is not None
        head, tail = self.head, self.tail
        if head and name != head and not name.startswith(head + "."):
            return False
        if tail and name != tail and not name.endswith("." + tail):
            return False
        return len(name) >= len(head) + len(tail) + (1 if head and tail else 0)


@lru_cache(maxsize=4096)
def _compiled(pattern: tuple[str, ...]) -> re.Pattern[str]:
    """A regular expression for a dotted glob pattern. Each part is a run of non-dots and
    `**` a run of whole parts, so matching stays linear in the name; names are at most a
    dozen parts and each is matched once per process (`rules_for` remembers)."""
    return re.compile(_regex(pattern))


def _regex(pattern: tuple[str, ...]) -> str:
    out = []
    for index, part in enumerate(pattern):
        last = index == len(pattern) - 1
        if part == "**":
            out.append(r"[^.]*(?:\.[^.]+)*" if last else r"(?:[^.]+\.)*")
        else:
            segment = "".join("[^.]*" if c == "*" else re.escape(c) for c in part)
            out.append(segment if last else segment + r"\.")
    return "".join(out)
