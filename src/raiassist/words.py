"""Match column names and identifiers against the catalogue's words: sensitive attributes,
proxies, personal data and consequential domains, in every language the catalogue lists.

Matching is by whole tokens, so `age` matches `Age`, `age_group` and `applicant_age` but not
`page` or `image`; a phrase matches adjacent tokens (`date of birth` matches `DateOfBirth`).
Case and accents are ignored (`Género` matches `genero`). The tables are data, in
`guidance/catalogue/words.yaml` and an organisation's catalogues.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import field
from functools import lru_cache

from raiassist.frozen import frozen_identity

# Tokens: runs of letters or digits; a lower-to-upper change or a letter-digit change also
# splits (`SexMale`, `race2`). One pass, no nested quantifiers: linear in the text.
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_CAMEL = re.compile(r"(?<=[^\W\d_])(?<![A-Z])(?=[A-Z])")
FILLER = frozenset({"of", "the", "a", "is", "in", "de", "du", "des", "la", "le", "van", "der"})
MAX_TEXT = 200  # longer texts are not names


def plain(text: str) -> str:
    """Lower case without accents: `Género` -> `genero`."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[str, ...]:
    """Lower-case word tokens of an identifier or column name (`Sex_Male` -> sex, male)."""
    if len(text) > MAX_TEXT:
        return ()
    if text.isascii() and text.islower():
        if text.replace("_", "").isalpha():
            # `snake_case` (most names in code): its tokens are its parts, without the regular
            # expressions (a third of the cost of the names a corpus of notebooks defines)
            return tuple(part for part in text.split("_") if part)
        # no capital to split at, no accent to take off (`x_train2`): the runs are the tokens
        return tuple(_TOKEN.findall(text))
    found: list[str] = []
    for part in _TOKEN.findall(text):
        found.extend(plain(p) for p in _CAMEL.split(part) if p)
    return tuple(found)


@lru_cache(maxsize=65536)
def content_words(text: str) -> tuple[str, ...]:
    """The tokens of a name without filler words (`date of birth` -> date, birth)."""
    return tuple(t for t in tokens(text) if t not in FILLER)


@frozen_identity
class Table:
    """One kind of word (e.g. sensitive attributes): single words, phrases, whole names."""

    single: Mapping[str, str] = field(default_factory=dict)
    phrases: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    whole: Mapping[str, str] = field(default_factory=dict)

    @property
    def starts(self) -> frozenset[str]:
        """The first words of the phrases: a name without one has no phrase to look up."""
        found = self.__dict__.get("_starts")
        if found is None:
            found = self.__dict__["_starts"] = frozenset(p[0] for p in self.phrases)
        return found

    @property
    def known(self) -> frozenset[str]:
        """Every word a single word or a phrase begins with: a name without one of them
        matches nothing but a whole name."""
        found = self.__dict__.get("_known")
        if found is None:
            found = self.__dict__["_known"] = frozenset(self.single) | self.starts
        return found

    def match(self, text: str) -> str | None:
        """The category a name falls in, or None: a whole name, then a phrase (the longest
        first), then a single word."""
        whole = self.whole.get(plain(text)) if self.whole else None
        if whole:
            return whole
        parts = content_words(text)
        if self.known.isdisjoint(parts):  # most names: one test, not a loop per word
            return None
        starts = self.starts
        for i, part in enumerate(parts):
            if part in starts:
                for size in (3, 2):
                    found = self.phrases.get(parts[i : i + size])
                    if found:
                        return found
        single = self.single
        for part in parts:
            if part in single:
                return single[part]
        return None


def table(
    categories: Iterable[tuple[str, Iterable[str]]],
    whole: Iterable[tuple[str, Iterable[str]]] = (),
) -> Table:
    """A table from (category, words) pairs, later pairs winning over earlier ones."""
    single: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for category, listed in categories:
        for word in listed:
            parts = tuple(t for t in tokens(word) if t not in FILLER)
            if len(parts) == 1:
                single[parts[0]] = category
            elif parts:
                phrases[parts[:3]] = category
    exact = {plain(word): category for category, listed in whole for word in listed}
    return Table(single, phrases, exact)


@frozen_identity
class Words:
    """Every kind of word the catalogue knows, with the matching it needs. Each kind's
    answers are remembered per name (a notebook names the same columns again and again)."""

    sensitive_table: Table = field(default_factory=Table)
    proxy_table: Table = field(default_factory=Table)
    personal_table: Table = field(default_factory=Table)
    domain_table: Table = field(default_factory=Table)
    not_a_person: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        for kind in KINDS:  # lru_cache's C lookup is several times quicker than a method
            matcher = lru_cache(maxsize=65536)(getattr(self, f"_{kind}"))
            object.__setattr__(self, kind, matcher)

    # the remembered `sensitive`, `proxy`, `personal` and `domain` are set per instance
    sensitive: Callable[[str], str | None] = field(init=False, repr=False, compare=False)
    proxy: Callable[[str], str | None] = field(init=False, repr=False, compare=False)
    personal: Callable[[str], str | None] = field(init=False, repr=False, compare=False)
    domain: Callable[[str], str | None] = field(init=False, repr=False, compare=False)

    def _sensitive(self, text: str) -> str | None:
        found = self.sensitive_table.match(text)
        if found == "age" and self.not_a_person.intersection(tokens(text)):
            return None
        return found

    def _proxy(self, text: str) -> str | None:
        return self.proxy_table.match(text)

    def _personal(self, text: str) -> str | None:
        return self.personal_table.match(text)

    def _domain(self, text: str) -> str | None:
        return self.domain_table.match(text)

    def __getstate__(self) -> dict[str, object]:
        """Pickled (for the on-disk cache) without the remembered answers."""
        return {k: v for k, v in self.__dict__.items() if k not in KINDS}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.__post_init__()


KINDS = ("sensitive", "proxy", "personal", "domain")
