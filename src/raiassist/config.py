"""Project configuration: `[tool.raiassist]` in pyproject.toml, or a `raiassist.toml`.

Precedence, lowest first: built-in defaults < the file < editor settings < the command line.
Editor settings and command-line options arrive as a mapping of the same keys and are laid
over the file with `Config.with_overrides`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import Field, field, fields
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar, Literal

from raiassist.cache import Fingerprint, fingerprint, remember
from raiassist.errors import Problem, UserError, suggestion
from raiassist.frozen import frozen
from raiassist.safe_read import real
from raiassist.standard.loading import DEFAULT_PACKS, format_loc
from raiassist.standard.model import Severity

CONFIG_FILES = ("raiassist.toml", "pyproject.toml")
RECORD_FILE = "responsible-ai.yaml"
FailOn = Literal["info", "warning", "error", "never"]


def _inside_the_project(value: str) -> bool:
    """A record path stays inside the project: relative, with no `..` and no drive."""
    pure = PurePosixPath(value.replace("\\", "/"))
    unsafe = pure.is_absolute() or ".." in pure.parts or ":" in value or "\0" in value
    return bool(value.strip()) and not unsafe


def _setting(default: Any, description: str, key: str | None = None) -> Any:
    """A setting's default, with its documentation and its key in the file (if not its name)."""
    metadata = {"description": description, "key": key}
    if isinstance(default, list | dict):
        return field(default_factory=lambda: type(default)(default), metadata=metadata)
    return field(default=default, metadata=metadata)


@frozen
class Settings:
    """The keys of `[tool.raiassist]`: the one source of truth for configuration (validation,
    the README table and the editors' settings schemas are derived from it)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    packs: list[str] = _setting(
        list(DEFAULT_PACKS), "Packs to use, in order: built-in pack ids or paths to YAML files."
    )
    catalogues: list[str] = _setting(
        [],
        "Catalogue files laid over the built-in catalogue, relative to the project: what your "
        "own libraries, datasets and words mean (see guidance/catalogue/).",
    )
    select: list[str] = _setting([], "Only these requirement or goal IDs (empty: all).")
    ignore: list[str] = _setting([], "Requirement or goal IDs to leave out.")
    severity: dict[str, Severity] = _setting({}, "Severity overrides by requirement or goal ID.")
    per_path_ignores: dict[str, list[str]] = _setting(
        {}, "Glob pattern (relative to the project) to the IDs ignored there.", "per-path-ignores"
    )
    exclude: list[str] = _setting([], "Glob patterns of paths never checked, besides .gitignore.")
    fail_on: FailOn = _setting(
        "error", "Exit with 1 when a requirement at or above this severity is open.", "fail-on"
    )
    show: Severity = _setting(
        "warning",
        "Lowest severity shown as a finding in text output and editors; everything applicable "
        "is always in the checklist and JSON.",
    )
    record: str = _setting(RECORD_FILE, "The project's record file, relative to the project.")
    answerer: str = _setting(
        "",
        "Who answers are recorded as when git has no user.name (best set per person, in the "
        "editor's settings or RAIASSIST_ANSWERER, not in the shared project file).",
    )

    def __post_init__(self) -> None:
        if not _inside_the_project(self.record):
            raise ValueError(
                "'record' must be a path relative to the project and inside it, such as "
                "responsible-ai.yaml"
            )

    def as_table(self) -> dict[str, Any]:
        """The settings as they are written in the file (`fail-on`, not `fail_on`)."""
        return {key_of(f): getattr(self, f.name) for f in fields(self)}


def key_of(setting: Field[Any]) -> str:
    return str(setting.metadata.get("key") or setting.name)


@frozen
class Config:
    """Settings together with the project they belong to."""

    root: Path
    file: Path | None
    settings: Settings

    @property
    def record_path(self) -> Path:
        return self.root / self.settings.record

    @property
    def catalogue_paths(self) -> tuple[str, ...]:
        """The configured catalogue files, resolved against the project root."""
        return tuple(str(self.root / c) for c in self.settings.catalogues)

    def with_overrides(self, overrides: Mapping[str, Any]) -> Config:
        """These settings with some keys replaced (editor settings, command-line options)."""
        if not overrides:
            return self
        merged = {**self.settings.as_table(), **overrides}
        name = "command line" if self.file is None else str(self.file)
        return Config(self.root, self.file, _validate(merged, name, None))


def find_root(start: Path) -> Path:
    """The project root for a path: the nearest folder with a config file or `.git`."""
    start = real(start)
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        if any((candidate / name).is_file() for name in CONFIG_FILES):
            return candidate
        if (candidate / ".git").exists():
            return candidate
    return folder


def load_config(start: Path | None = None) -> Config:
    """The configuration of the project that holds `start` (default: the current folder)."""
    root = find_root(start or Path.cwd())
    for name in CONFIG_FILES:
        path = root / name
        if path.is_file():
            settings = remember("config", str(path), _settings_of(path))
            if settings is not None:
                return Config(root, path, settings)
    return Config(root, None, Settings())


def _settings_of(path: Path) -> Callable[[], tuple[Fingerprint, Settings | None]]:
    def build() -> tuple[Fingerprint, Settings | None]:
        table = _read_table(path)
        settings = None if table is None else _validate(table, _display(path), path)
        return fingerprint([path]), settings

    return build


def _read_table(path: Path) -> dict[str, Any] | None:
    import tomllib  # only when the file changed since it was last validated and cached

    from raiassist.safe_read import read_text

    text = read_text(path, _display(path), "configuration")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError([Problem(_display(path), f"not valid TOML: {exc}")]) from None
    if path.name == "raiassist.toml":
        return data
    table = data.get("tool", {}).get("raiassist")
    if table is not None and not isinstance(table, dict):
        raise UserError([Problem(_display(path), "must be a table", path="tool.raiassist")])
    return table


def _validate(table: Mapping[str, Any], name: str, path: Path | None) -> Settings:
    import pydantic

    names = {key_of(f): f.name for f in fields(Settings)}
    data = {names.get(key, key): value for key, value in table.items()}
    try:
        settings: Settings = pydantic.TypeAdapter(Settings).validate_python(data)
    except pydantic.ValidationError as exc:
        prefix = ("tool", "raiassist") if path is not None and path.name == "pyproject.toml" else ()
        raise UserError(_problems(exc, name, prefix)) from None
    return settings


def _problems(exc: Any, name: str, prefix: tuple[str, ...]) -> list[Problem]:
    keys = {f.name: key_of(f) for f in fields(Settings)}
    problems = []
    for error in exc.errors():
        loc = (*prefix, *(keys.get(str(p), p) for p in error["loc"]))
        if error["type"] in ("unexpected_keyword_argument", "extra_forbidden"):
            message = "unknown key" + suggestion(str(error["loc"][-1]), keys.values())
        elif error["type"] == "literal_error":
            choices = str((error.get("ctx") or {}).get("expected", "")).replace("'", "")
            message = f"must be one of {choices.replace(' or ', ', ')}"
        else:
            message = error["msg"].removeprefix("Value error, ")
        problems.append(Problem(name, message, path=format_loc(loc)))
    return problems


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def settings_schema() -> dict[str, dict[str, Any]]:
    """JSON Schema of each setting by its key: the source editors' settings are generated
    from (the VS Code extension's `raiassist.*` settings, JupyterLab's settings schema)."""
    import typing

    hints = typing.get_type_hints(Settings)
    return {
        key_of(f): {
            **_json_type(hints[f.name]),
            "default": getattr(Settings(), f.name),
            "description": f.metadata["description"],
        }
        for f in fields(Settings)
    }


def _json_type(hint: Any) -> dict[str, Any]:
    import typing

    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Literal:
        return {"type": "string", "enum": list(args)}
    if origin is list:
        return {"type": "array", "items": _json_type(args[0])}
    if origin is dict:
        return {"type": "object", "additionalProperties": _json_type(args[1])}
    return {"type": "string"}
