"""Project configuration: `[tool.raiassist]` in pyproject.toml, or a `raiassist.toml`.

Precedence, lowest first: built-in defaults < the file < editor settings < the command line.
Editor settings and command-line options arrive as a mapping of the same keys and are laid
over the file with `Config.with_overrides`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pydantic
from pydantic import BaseModel, ConfigDict, Field

from raiassist.errors import Problem, UserError, suggestion
from raiassist.standard.loading import DEFAULT_PACKS, format_loc
from raiassist.standard.schema import Severity

CONFIG_FILES = ("raiassist.toml", "pyproject.toml")
RECORD_FILE = "responsible-ai.yaml"
FailOn = Literal["info", "warning", "error", "never"]


class Settings(BaseModel):
    """The keys of `[tool.raiassist]`; the one source of truth for configuration."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    packs: list[str] = Field(
        default_factory=lambda: list(DEFAULT_PACKS),
        description="Packs to use, in order: built-in pack ids or paths to YAML files.",
    )
    select: list[str] = Field(
        default_factory=list, description="Only these requirement or goal IDs (empty: all)."
    )
    ignore: list[str] = Field(
        default_factory=list, description="Requirement or goal IDs to leave out."
    )
    severity: dict[str, Severity] = Field(
        default_factory=dict, description="Severity overrides by requirement or goal ID."
    )
    per_path_ignores: dict[str, list[str]] = Field(
        default_factory=dict,
        alias="per-path-ignores",
        description="Glob pattern (relative to the project) to the IDs ignored there.",
    )
    exclude: list[str] = Field(
        default_factory=list,
        description="Glob patterns of paths never checked, on top of .gitignore.",
    )
    fail_on: FailOn = Field(
        default="error",
        alias="fail-on",
        description="Exit with 1 when a requirement at or above this severity is open.",
    )
    show: Severity = Field(
        default="warning",
        description="Lowest severity shown as a finding in text output and editors; "
        "everything applicable is always in the checklist and JSON.",
    )
    record: str = Field(
        default=RECORD_FILE, description="The project's record file, relative to the project."
    )


@dataclass(frozen=True)
class Config:
    """Settings together with the project they belong to."""

    root: Path
    file: Path | None
    settings: Settings

    @property
    def record_path(self) -> Path:
        return self.root / self.settings.record

    def with_overrides(self, overrides: Mapping[str, Any]) -> Config:
        """These settings with some keys replaced (editor settings, command-line options)."""
        merged = {**self.settings.model_dump(by_alias=True), **overrides}
        name = "command line" if self.file is None else str(self.file)
        return Config(self.root, self.file, _validate(merged, name, None))


def find_root(start: Path) -> Path:
    """The project root for a path: the nearest folder with a config file or `.git`."""
    start = start.resolve()
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
            table = _read_table(path)
            if table is not None:
                return Config(root, path, _validate(table, _display(path), path))
    return Config(root, None, Settings())


def _read_table(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError([Problem(_display(path), f"cannot read: {exc}")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise UserError([Problem(_display(path), f"not valid TOML: {exc}")]) from None
    if path.name == "raiassist.toml":
        return data
    table = data.get("tool", {}).get("raiassist")
    if table is not None and not isinstance(table, dict):
        raise UserError([Problem(_display(path), "must be a table", path="tool.raiassist")])
    return table


def _validate(table: Mapping[str, Any], name: str, path: Path | None) -> Settings:
    try:
        return Settings.model_validate(dict(table))
    except pydantic.ValidationError as exc:
        prefix = ("tool", "raiassist") if path is not None and path.name == "pyproject.toml" else ()
        raise UserError(_problems(exc, name, prefix)) from None


def _problems(exc: pydantic.ValidationError, name: str, prefix: tuple[str, ...]) -> list[Problem]:
    keys = [f.alias or k for k, f in Settings.model_fields.items()]
    problems = []
    for error in exc.errors():
        loc = (*prefix, *error["loc"])
        if error["type"] == "extra_forbidden":
            message = "unknown key" + suggestion(str(error["loc"][-1]), keys)
        elif error["type"] == "literal_error":
            choices = str((error.get("ctx") or {}).get("expected", "")).replace("'", "")
            message = f"must be one of {choices.replace(' or ', ', ')}"
        else:
            message = error["msg"]
        problems.append(Problem(name, message, path=format_loc(loc)))
    return problems


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
