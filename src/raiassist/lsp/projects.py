"""The projects behind open documents: configuration (file < editor settings), the Standard,
the record and project documents, loaded once per project root and reloaded when one of
their files changes."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from raiassist import project_docs
from raiassist.checking import hits_for
from raiassist.config import Config, find_root, load_config
from raiassist.errors import UserError
from raiassist.record import Record, load_record
from raiassist.scan import Hit
from raiassist.standard import Standard, load_standard

log = logging.getLogger(__name__)
WATCHED = ("**/pyproject.toml", "**/raiassist.toml", "**/*.yaml", "**/*.yml", "**/*.md")


@dataclass
class Project:
    root: Path
    config: Config
    standard: Standard
    record: Record
    hits_by_folder: dict[Path, tuple[Hit, ...]]

    def hits_for(self, path: Path) -> tuple[Hit, ...]:
        """Evidence from project documents, as `raiassist check` finds it for this file."""
        folder = path.parent
        if folder not in self.hits_by_folder:
            self.hits_by_folder[folder] = hits_for(self.config.root, path)
        return self.hits_by_folder[folder]


class Projects:
    """Loaded projects by root. A project that cannot load keeps its error for display."""

    def __init__(self) -> None:
        self.loaded: dict[Path, Project] = {}
        self.errors: dict[Path, str] = {}
        self.settings: dict[str, Any] = {}

    def for_path(self, path: Path) -> Project | None:
        """The project that holds `path`, or None (with `errors[root]`) when it cannot load."""
        root = find_root(path)
        if root not in self.loaded and root not in self.errors:
            self._load(root)
        return self.loaded.get(root)

    def error_for(self, path: Path) -> str | None:
        return self.errors.get(find_root(path))

    def use_settings(self, settings: Mapping[str, Any]) -> None:
        """Editor settings (keys of `[tool.raiassist]`) laid over every project's file."""
        self.settings = {k: v for k, v in settings.items() if v is not None}
        self.forget()

    def forget(self, changed: Path | None = None) -> None:
        """Reload everything, or the projects a changed file may belong to."""
        project_docs.forget()
        if changed is None:
            self.loaded.clear()
            self.errors.clear()
            return
        for root in [*self.loaded, *self.errors]:
            if changed.is_relative_to(root) or root.is_relative_to(changed.parent):
                self.loaded.pop(root, None)
                self.errors.pop(root, None)

    def _load(self, root: Path) -> None:
        try:
            config = load_config(root).with_overrides(self.settings)
            standard = load_standard(config.settings.packs, config.root, config.catalogue_paths)
            record = load_record(config.record_path)
        except UserError as exc:
            self.errors[root] = "; ".join(str(p) for p in exc.problems)
            log.warning("raiassist cannot load the project at %s: %s", root, self.errors[root])
            return
        self.loaded[root] = Project(root, config, standard, record, {})
