"""Read catalogue files (the built-in ones, then an organisation's), validate them, and
compile one Catalogue.

Problems are reported like a pack's: file, line, field path and a did-you-mean, all of them
at once. The result is cached on disk per change of any file it is built from.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from raiassist.cache import Fingerprint, digest, fingerprint, remember
from raiassist.catalogue.model import Catalogue
from raiassist.errors import Problem, UserError, suggestion
from raiassist.resources import guidance_dir
from raiassist.safe_read import real
from raiassist.standard.loading import Loc, check_within, format_loc, line_of, read_model
from raiassist.standard.vocabulary import vocabulary

if TYPE_CHECKING:
    from raiassist.catalogue import schema

Source = tuple["schema.CatalogueFile", str, str]  # (validated file, display name, text)


ORDER = ("ml", "fairness", "llm", "faces", "datasets", "words")  # how listings run


def builtin_files() -> list[Path]:
    """The built-in catalogue files: the everyday ML stack first, then the rest."""
    files = (guidance_dir() / "catalogue").glob("*.yaml")
    return sorted(files, key=lambda p: (ORDER.index(p.stem) if p.stem in ORDER else 99, p.name))


def load(
    extra: Sequence[str] = (), base_dir: Path | None = None, within: Path | None = None
) -> Catalogue:
    """The built-in catalogue with the organisation's files (paths relative to `base_dir`)
    laid over it; with `within`, a file outside that folder is refused. Validated once per
    change of any file it is built from."""
    base = real(base_dir or Path.cwd())
    key = repr((tuple(extra), str(base), str(within)))
    return remember("catalogue", key, lambda: _build(extra, base, within))


def _build(extra: Sequence[str], base: Path, within: Path | None) -> tuple[Fingerprint, Catalogue]:
    from raiassist.catalogue import schema
    from raiassist.catalogue.compiling import compile_catalogue

    paths = [(p, f"<built-in>/catalogue/{p.name}") for p in builtin_files()]
    paths += [_located(spec, base) for spec in extra]
    for path, display in paths[len(paths) - len(extra) :]:
        if within is not None:
            check_within(path, display, within, "catalogues")
    sources: list[Source] = []
    problems: list[Problem] = []
    for path, display in paths:
        try:
            text, data = read_model(path, display, schema.CatalogueFile, "catalogue")
        except UserError as exc:
            problems.extend(exc.problems)
            continue
        sources.append((data, display, text))
    problems += list(_cross_checks(sources))
    if problems:
        raise UserError(problems)
    inputs = [p for p, _ in paths] + [guidance_dir() / "vocabulary.yaml"]
    deps = fingerprint(inputs)
    return deps, compile_catalogue(sources, digest(deps))


def _located(spec: str, base: Path) -> tuple[Path, str]:
    path = real(base / spec)
    try:
        return path, os.path.relpath(path)
    except ValueError:
        return path, str(path)


def _cross_checks(sources: Sequence[Source]) -> Iterable[Problem]:
    """Names that must be in the vocabulary, and ids that must be unique across files."""
    words = vocabulary()
    known = [*words.signals, *words.evidence]
    seen: dict[str, str] = {}
    for data, file, text in sources:

        def problem(loc: Loc, message: str, file: str = file, text: str = text) -> Problem:
            return Problem(file, message, path=format_loc(loc), line=line_of(text, loc))

        for loc, name in _named(data):
            choices = (
                list(words.signals) if loc[-2:-1] == ("means",) and loc[0] == "datasets" else known
            )
            if name not in choices:
                yield problem(
                    loc, f"unknown signal or evidence '{name}'" + suggestion(name, choices)
                )
        for loc, key in _ids(data):
            if key in seen:
                yield problem(loc, f"duplicate id '{key.split(':', 1)[1]}' (first in {seen[key]})")
            else:
                seen[key] = file


def _named(data: schema.CatalogueFile) -> Iterable[tuple[Loc, str]]:
    """Every vocabulary name a file uses, with where it stands."""
    for name in data.phrases:
        yield ("phrases", name), name
    for i, library in enumerate(data.libraries):
        for j, call in enumerate(library.calls):
            means = [call.means] if isinstance(call.means, str) else call.means
            for k, name in enumerate(means):
                loc: Loc = ("libraries", i, "calls", j, "means")
                yield ((*loc, k) if isinstance(call.means, list) else loc), name
    for i, dataset in enumerate(data.datasets):
        for k, name in enumerate(dataset.means):
            yield ("datasets", i, "means", k), name
    for i, rule in enumerate(data.strings):
        names = [rule.means] if isinstance(rule.means, str) else rule.means
        for k, name in enumerate(names):
            loc = ("strings", i, "means")
            yield ((*loc, k) if isinstance(rule.means, list) else loc), name


def _ids(data: schema.CatalogueFile) -> Iterable[tuple[Loc, str]]:
    yield ("id",), f"catalogue:{data.id}"
    # libraries, datasets and strings share one namespace: reports name an entry by its id
    for i, library in enumerate(data.libraries):
        yield ("libraries", i, "id"), f"entry:{library.id}"
    for i, dataset in enumerate(data.datasets):
        yield ("datasets", i, "id"), f"entry:{dataset.id}"
    for i, rule in enumerate(data.strings):
        yield ("strings", i, "id"), f"entry:{rule.id}"
