"""Read pack files, validate them, follow `extends`, and build the active Standard.

Every problem in every pack is collected and reported together, each naming the file, the
line and the field path; nothing here prints or exits.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from raiassist.cache import Fingerprint, digest, fingerprint, remember
from raiassist.errors import Problem, UserError, suggestion
from raiassist.resources import (
    builtin_incidents_path,
    builtin_pack_ids,
    builtin_pack_path,
    guidance_dir,
)
from raiassist.safe_read import real
from raiassist.standard.model import Standard

if TYPE_CHECKING:
    import pydantic

    from raiassist.standard.assembly import PackSource
    from raiassist.standard.incidents import IncidentSource

Loc = tuple[str | int, ...]

DEFAULT_PACKS = ("msrai-v2",)
_MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "is not a known field",
    "string_too_short": "must not be empty",
    "too_short": "must not be empty",
}


def load_standard(
    packs: Sequence[str] = DEFAULT_PACKS,
    base_dir: Path | None = None,
    catalogues: Sequence[str] = (),
    within: Path | None = None,
) -> Standard:
    """The Standard made of the given packs (built-in ids or paths relative to `base_dir`),
    with the built-in catalogue and the given catalogue files (paths relative to `base_dir`).
    With `within`, a pack or catalogue file outside that folder is refused: where someone
    else chooses them (the notebook server, a workspace's editor settings), only built-in
    ones and the project's own are read. Validated once per change of any file it is built
    from (see `raiassist.cache`)."""
    from dataclasses import replace

    from raiassist.catalogue import load_catalogue

    base = real(base_dir or Path.cwd())
    inside = None if within is None else real(within)
    key = repr((tuple(packs), str(base), str(inside)))
    standard = remember("standard", key, lambda: _build(packs, base, inside))
    return replace(standard, catalogue=load_catalogue(catalogues, base, inside))


def _build(packs: Sequence[str], base: Path, within: Path | None) -> tuple[Fingerprint, Standard]:
    from dataclasses import replace

    from raiassist.standard.assembly import assemble

    sources: list[PackSource] = []
    for spec in packs:
        _resolve(spec, base, sources, (), within)
    incidents = builtin_incidents(sources)
    standard, issues = assemble(sources, incidents)
    if issues:
        raise UserError(_problem(i.source.file, i.source.text, i.loc, i.message) for i in issues)
    assert standard is not None
    guidance = guidance_dir()
    inputs = (
        [s.path for s in sources]
        + [s.path for s in incidents.values()]
        + [
            guidance / "vocabulary.yaml",
            guidance / "frameworks.yaml",
        ]
    )
    inputs += sorted((guidance / "templates").glob("*.md"))
    deps = fingerprint(inputs)
    return deps, replace(standard, digest=digest(deps))


def read_pack(path: Path, display: str) -> PackSource:
    """One pack file, parsed and validated against the schema."""
    from raiassist.standard import schema
    from raiassist.standard.assembly import PackSource

    text, pack = read_model(path, display, schema.Pack, "pack")
    return PackSource(pack, display, path, text)


def builtin_incidents(sources: Sequence[PackSource]) -> dict[str, IncidentSource]:
    """The built-in incidents files of the built-in packs among `sources`, by pack id."""
    from raiassist.standard import schema
    from raiassist.standard.incidents import IncidentSource

    found = {}
    for source in sources:
        path = builtin_incidents_path(source.pack.id)
        if source.file.startswith("<built-in>/") and path.is_file():
            display = f"<built-in>/incidents/{path.name}"
            text, data = read_model(path, display, schema.IncidentsFile, "incidents")
            found[source.pack.id] = IncidentSource(data, display, path, text)
    return found


M = TypeVar("M", bound="pydantic.BaseModel")


def read_model(path: Path, display: str, model: type[M], what: str) -> tuple[str, M]:
    """A YAML file (a pack, a catalogue) read safely (`raiassist.safe_read`), parsed and
    validated against `model`; every problem names the file, the line and the field path."""
    from raiassist.safe_read import load_yaml, read_text

    text = read_text(path, display, f"{what} file")
    data = load_yaml(text, display)
    if not isinstance(data, dict):
        raise UserError([Problem(display, f"a {what} must be a YAML mapping with a 'schema' key")])
    import pydantic

    try:
        return text, model.model_validate(data)
    except pydantic.ValidationError as exc:
        raise UserError(_validation_problems(display, text, exc, model)) from None


def _resolve(
    spec: str, base: Path, out: list[PackSource], chain: tuple[str, ...], within: Path | None
) -> None:
    path, display = _locate(spec, base)
    if any(s.path == path for s in out):
        return
    if str(path) in chain:
        raise UserError([Problem(display, "packs extend each other in a loop", path="extends")])
    if within is not None and not display.startswith("<built-in>/"):
        check_within(path, display, within)
    source = read_pack(path, display)
    if source.pack.extends:
        _resolve(source.pack.extends, path.parent, out, (*chain, str(path)), within)
    out.append(source)


def check_within(path: Path, display: str, within: Path, what: str = "packs") -> None:
    """Refuse a file outside the project where someone else chose it."""
    if not path.is_relative_to(within):
        message = (
            f"is outside the project at {within}; only built-in {what} and the project's "
            "own are read here"
        )
        raise UserError([Problem(display, message)])


def _locate(spec: str, base: Path) -> tuple[Path, str]:
    if not spec.endswith((".yaml", ".yml")) and "/" not in spec and os.sep not in spec:
        path = builtin_pack_path(spec)
        if not path.is_file():
            known = builtin_pack_ids()
            raise UserError(
                [
                    Problem(
                        spec,
                        "no built-in pack has this id"
                        + suggestion(spec, known)
                        + f"; built-in packs: {', '.join(known)}",
                    )
                ]
            )
        return path, f"<built-in>/{spec}.yaml"
    path = real(base / spec)
    try:
        display = os.path.relpath(path)
    except ValueError:
        display = str(path)
    return path, display


def _validation_problems(
    file: str, text: str, exc: pydantic.ValidationError, root: type[pydantic.BaseModel]
) -> list[Problem]:
    problems = []
    seen: set[Loc] = set()
    for error in exc.errors():
        loc = tuple(part for part in error["loc"] if not _union_branch(part))
        if loc in seen:  # a value that fits no branch of a union: its first complaint is enough
            continue
        seen.add(loc)
        message = _MESSAGES.get(error["type"], error["msg"])
        ctx = error.get("ctx") or {}
        if error["type"] in ("literal_error", "enum"):
            choices = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
            message = f"must be one of {choices}"
        elif error["type"] == "value_error":
            message = str(error["msg"]).removeprefix("Value error, ")
        elif error["type"] == "string_pattern_mismatch":
            message = _pattern_help(str(ctx.get("pattern")))  # no value echoed
        elif error["type"] == "extra_forbidden":
            message += suggestion(str(loc[-1]), _fields_at(root, loc[:-1]))
        problems.append(_problem(file, text, loc, message))
    return problems


def _pattern_help(pattern: str) -> str:
    from raiassist.catalogue.schema import PATTERN, PATTERN_HELP
    from raiassist.standard.schema import WEB_ADDRESS, WEB_ADDRESS_HELP

    helps = {PATTERN: PATTERN_HELP, WEB_ADDRESS: WEB_ADDRESS_HELP}
    return helps.get(pattern, f"does not match the pattern {pattern}")


def _union_branch(part: str | int) -> bool:
    """A location part that names a branch of a union (`rule:all`, `str`, `list[str]`,
    `constrained-str`, a model such as `Argument`) rather than a field or a key."""
    if isinstance(part, int):
        return False
    if part in ("str", "int", "bool", "float", "constrained-str", "constrained-int"):
        return True
    model_name = part.isidentifier() and part[0].isupper()
    return model_name or part.startswith(("rule:", "list[", "dict[", "function-"))


def _fields_at(root: type[pydantic.BaseModel], loc: Loc) -> list[str]:
    """Field names valid at a location, for 'did you mean' on unknown keys."""
    import pydantic

    model = root
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(str(part))
        inner = getattr(field, "annotation", None) if field else None
        args = getattr(inner, "__args__", ())
        candidates = [a for a in (inner, *args) if isinstance(a, type)]
        models = [c for c in candidates if issubclass(c, pydantic.BaseModel)]
        if not models:
            return []
        model = models[0]
    return [f.alias or name for name, f in model.model_fields.items()]


def _problem(file: str, text: str, loc: Loc, message: str) -> Problem:
    return Problem(file, message, path=format_loc(loc), line=line_of(text, loc))


def format_loc(loc: Loc) -> str:
    """`('requirements', 3, 'severity')` as `requirements[3].severity`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def line_of(text: str, loc: Loc) -> int | None:
    """The 1-based line where the YAML node at `loc` starts, as near as it can be found."""
    import yaml

    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return None
    line = 1
    for part in loc:
        key = str(part).split(".")[0].split("[")[0]
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        elif isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == key), None)
            if match is None:
                break
            line = match[0].start_mark.line + 1
            node = match[1]
            continue
        else:
            break
        line = node.start_mark.line + 1
    return line
