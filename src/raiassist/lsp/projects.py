"""The projects behind open documents: configuration (file < editor settings), the Standard,
the record and project documents, loaded once per project root and reloaded when one of
their files changes."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from raiassist import project_docs
from raiassist.checking import hits_for
from raiassist.config import Config, find_root, load_config
from raiassist.errors import UserError
from raiassist.logfile import logger
from raiassist.record import Record, load_record
from raiassist.scan import Hit
from raiassist.standard import Standard, load_standard

log = logger(__name__)
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
    """Loaded projects by root. A project that cannot load keeps its error for display.
    Analysis threads load projects while the event loop forgets them, so the tables are
    changed under a lock, which is never held while a project loads."""

    def __init__(self) -> None:
        self.loaded: dict[Path, Project] = {}
        self.errors: dict[Path, str] = {}
        self.settings: dict[str, Any] = {}
        self.lock = threading.Lock()
        self.generation = 0  # bumped by every `forget`: a load begun before it is stale
        self.roots: dict[Path, Path] = {}  # path -> its project's root, as last found

    def known(self, path: Path) -> Project | None:
        """The loaded project that holds `path`, found in memory without touching the file
        system (the event loop may ask); None when it must be looked for with `for_path`."""
        root = self.roots.get(path)
        return None if root is None else self.loaded.get(root)

    def for_path(self, path: Path) -> Project | None:
        """The project that holds `path`, or None (with `errors[root]`) when it cannot load."""
        root = find_root(path)
        with self.lock:
            self.roots[path] = root
            if root in self.loaded or root in self.errors:
                return self.loaded.get(root)
            generation, settings = self.generation, dict(self.settings)
        project, error = _load(root, settings)
        with self.lock:
            if generation == self.generation:
                if project is not None:
                    self.loaded[root] = project
                else:
                    self.errors[root] = error
        return project

    def error_for(self, path: Path) -> str | None:
        return self.errors.get(find_root(path))

    def use_settings(self, settings: Mapping[str, Any]) -> None:
        """Editor settings (keys of `[tool.raiassist]`) laid over every project's file."""
        with self.lock:
            self.settings = {k: v for k, v in settings.items() if v is not None}
        self.forget()

    def forget(self, changed: Path | None = None) -> None:
        """Reload everything, or the projects a changed file may belong to."""
        project_docs.forget()
        with self.lock:
            self.generation += 1
            self.roots.clear()  # a new config file may make a new root
            if changed is None:
                self.loaded.clear()
                self.errors.clear()
                return
            for root in [*self.loaded, *self.errors]:
                if changed.is_relative_to(root) or root.is_relative_to(changed.parent):
                    self.loaded.pop(root, None)
                    self.errors.pop(root, None)


def _load(root: Path, settings: Mapping[str, Any]) -> tuple[Project | None, str]:
    """The project at `root`. Packs and catalogues named in editor settings (which a
    workspace's own settings file may set) are read only when built in or inside the
    project."""
    try:
        config = load_config(root).with_overrides(settings)
        chosen = "packs" in settings or "catalogues" in settings
        within = config.root if chosen else None
        standard = load_standard(
            config.settings.packs, config.root, config.catalogue_paths, within=within
        )
        record = load_record(config.record_path)
    except UserError as exc:
        error = "; ".join(str(p) for p in exc.problems)
        log.warning("raiassist cannot load the project at %s: %s", root, error)
        return None, error
    return Project(root, config, standard, record, {}), ""
