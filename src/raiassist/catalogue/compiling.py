"""Turn validated catalogue files into one frozen Catalogue."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from raiassist.catalogue import model as m
from raiassist.catalogue import schema
from raiassist.standard.vocabulary import vocabulary
from raiassist.words import Words, table

Source = tuple[schema.CatalogueFile, str, str]
WORD_KINDS = ("sensitive", "proxy", "personal", "domain")


def compile_catalogue(sources: Sequence[Source], digest: str = "") -> m.Catalogue:
    rules: list[m.CallRule] = []
    strings: list[m.StringMeaning] = []
    columns: list[m.ColumnCodes] = []
    phrases: dict[str, str] = {}
    for data, _file, _text in sources:
        phrases.update(data.phrases)
        for library in data.libraries:
            entry = m.Entry(library.id, library.name, library.docs, data.id)
            rules += [_call(entry, call) for call in library.calls]
            if library.columns:
                columns.append(_columns(library, entry))
        for dataset in data.datasets:
            rules += _loaders(dataset, data.id)
        for rule in data.strings:
            entry = m.Entry(rule.id, rule.name, rule.docs or "", data.id)
            strings.append(
                m.StringMeaning(
                    entry,
                    tuple(t.lower() for t in rule.contains),
                    (rule.means,) if isinstance(rule.means, str) else tuple(rule.means),
                    rule.shape,
                    tuple(rule.groups_after),
                )
            )
    produced = {n for r in rules for n in r.means} | {n for s in strings for n in s.means}
    return m.Catalogue(
        tuple(rules),
        tuple(strings),
        _words(d.words for d, _, _ in sources),
        tuple(columns),
        phrases,
        frozenset(produced) & frozenset(vocabulary().evidence),
        digest=digest,
    )


def _call(entry: m.Entry, call: schema.Call) -> m.CallRule:
    return m.CallRule(
        entry,
        _patterns(call.match),
        tuple(_pattern(p) for p in call.unless),
        (call.means,) if isinstance(call.means, str) else tuple(call.means),
        _where(call.where),
        tuple(_argument(g) for g in call.groups),
        call.says,
        call.docs,
        fallback=call.fallback,
        columns=tuple(_argument(c) for c in call.columns),
    )


def _loaders(dataset: schema.Dataset, catalogue: str) -> list[m.CallRule]:
    entry = m.Entry(dataset.id, dataset.name, dataset.docs, catalogue)
    info = m.DatasetInfo(dataset.id, dataset.name, tuple(dataset.sensitive), dataset.domain)
    means = [*dataset.means]
    if dataset.domain:
        means.append("consequential-domain")
    return [
        m.CallRule(
            entry, _patterns(loader.match), (), tuple(means), _where(loader.where), dataset=info
        )
        for loader in dataset.loaders
    ]


def _patterns(match: str | list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(_pattern(p) for p in ([match] if isinstance(match, str) else match))


def _pattern(text: str) -> tuple[str, ...]:
    return tuple(text.split("."))


def _argument(arg: str | schema.Argument) -> m.Arg:
    if isinstance(arg, str):
        return m.Arg(keywords=(arg,))
    keywords = [arg.keyword] if isinstance(arg.keyword, str) else (arg.keyword or [])
    values = frozenset(v.lower() if isinstance(v, str) else v for v in arg.in_)
    contains = tuple(t.lower() for t in arg.contains)
    return m.Arg(tuple(keywords), arg.position, values, contains)


def _where(where: schema.Where | None) -> m.Cond | None:
    if where is None:
        return None
    return m.Cond(
        where.positional_at_least,
        frozenset(where.keywords),
        frozenset(where.missing),
        frozenset(where.truthy),
        _argument(where.argument) if where.argument else None,
        tuple(w.lower() for w in where.mentions),
        tuple(where.imports),
        tuple(c for c in (_where(w) for w in where.any) if c is not None),
    )


def _columns(library: schema.Library, entry: m.Entry) -> m.ColumnCodes:
    codes = library.columns
    assert codes is not None
    words = Words(
        table((), codes.sensitive.items()),
        table((), codes.proxy.items()),
        table((), codes.personal.items()),
    )
    return m.ColumnCodes(tuple(library.imports), words, entry)


def _words(files: Iterable[list[schema.Words]]) -> Words:
    """Every language's words in one table per kind (later files win on a clash)."""
    lists = [w for words in files for w in words]
    kinds = {
        kind: [item for w in lists for item in getattr(w, kind).items()] for kind in WORD_KINDS
    }
    whole = [item for w in lists for item in w.personal_whole.items()]
    return Words(
        table(kinds["sensitive"]),
        table(kinds["proxy"]),
        table(kinds["personal"], whole),
        table(kinds["domain"]),
        frozenset(t for w in lists for word in w.not_a_person for t in [word.lower()]),
    )
