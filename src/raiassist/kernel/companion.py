"""The runtime companion's state: after each executed cell it looks at what the cell created
or changed in the user's namespace, turns what it sees into signals and evidence, and asks
the core, with the notebook's saved content, which requirements apply and which are now
evidenced, exactly as the sidebar asks it (`check_document`), so both agree on the same
content. Only a change in what it sees (or in the saved notebook or the record) costs an
evaluation; an unchanged namespace costs one pass over its names.

A failure inside the hook is logged once and never reaches the user's cell.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from raiassist.catalogue import builtin_catalogue
from raiassist.checking import check_document, hits_for
from raiassist.config import Config, load_config
from raiassist.document import Document, Location, read_document
from raiassist.evaluate import Finding
from raiassist.frozen import frozen
from raiassist.kernel.observe import Observation, kind_of, marker, observe
from raiassist.logfile import logger
from raiassist.next_actions import Section, next_actions, to_act
from raiassist.record import load_record
from raiassist.safe_read import real
from raiassist.scan import Hit, ScanCache
from raiassist.standard import Standard, load_standard
from raiassist.words import Words

log = logger(__name__)


@frozen
class Seen:
    """One variable as last observed: its object's identity, a change marker, what it showed."""

    identity: int
    marker: object
    observations: tuple[Observation, ...]


@dataclass
class Project:
    config: Config
    standard: Standard
    notebook: Path | None  # the notebook this kernel runs, when the frontend says

    @property
    def relative(self) -> str:
        if self.notebook is not None and self.notebook.is_relative_to(self.config.root):
            return self.notebook.relative_to(self.config.root).as_posix()
        return "<kernel>"


@dataclass
class State:
    """What the widget shows: what was seen, and the notebook's checklist (its saved content
    and what was seen, through the same core path as the sidebar) in the order to act on."""

    seen: tuple[Observation, ...] = ()
    findings: tuple[Finding, ...] = ()
    sections: tuple[Section, ...] = ()
    to_act: int = 0
    runtime: frozenset[str] = frozenset()  # what live objects showed, by detail
    error: str = ""

    @property
    def applicable(self) -> int:
        return len(self.findings)


def find_project(cwd: Path, user_ns: dict[str, Any]) -> Project:
    """The project of the kernel's working folder; the notebook from JupyterLab's session
    name or VS Code's `__vsc_ipynb_file__`, when either is there."""
    config = load_config(cwd)
    standard = load_standard(config.settings.packs, config.root, config.catalogue_paths)
    named = os.environ.get("JPY_SESSION_NAME") or user_ns.get("__vsc_ipynb_file__")
    notebook = None
    if isinstance(named, str) and named.endswith(".ipynb"):
        candidate = real(cwd / named) if not Path(named).is_absolute() else Path(named)
        notebook = candidate if candidate.is_file() else None
        if notebook is None and (cwd / Path(named).name).is_file():
            notebook = real(cwd / Path(named).name)
    return Project(config, standard, notebook)


@dataclass
class Companion:
    project: Project
    seen: dict[str, Seen] = field(default_factory=dict)
    state: State = field(default_factory=State)
    failed: bool = False
    _cache: ScanCache = field(default_factory=ScanCache)
    _read: tuple[object, Document] | None = None
    _stamps: tuple[object, object] = (None, None)
    _hits: tuple[Hit, ...] | None = None

    @property
    def words(self) -> Words:
        catalogue = self.project.standard.catalogue
        return catalogue.words if catalogue is not None else builtin_catalogue().words

    def look(self, user_ns: dict[str, Any], hidden: Any, cell: str) -> bool:
        """Update from the namespace after a cell; True when what it sees changed."""
        changed = False
        present = set()
        for name, obj in list(user_ns.items()):
            if name.startswith("_") or name in hidden:
                continue
            kind = kind_of(obj)
            if kind is None:
                continue
            present.add(name)
            before = self.seen.get(name)
            mark = marker(kind, obj)
            if before is None or before.identity != id(obj) or before.marker != mark:
                found = observe(kind, name, obj, cell, self.words)
                self.seen[name] = Seen(id(obj), mark, found)
                changed |= before is None or before.observations != found
        for name in set(self.seen) - present:
            changed |= bool(self.seen.pop(name).observations)
        return changed

    def evaluate(self) -> State:
        """The checklist of the notebook as saved, with what the kernel holds added: the same
        `check_document` as the sidebar's, so both agree on the same content."""
        project = self.project
        here = Location(None, 1, 1)
        seen = tuple(o for s in self.seen.values() for o in s.observations)
        runtime = tuple(Hit(o.name, o.kind, here, o.detail, o.subject) for o in seen)
        report = check_document(
            self._document(),
            project.relative,
            project.config,
            project.standard,
            record=load_record(project.config.record_path),
            project_hits=self._project_hits(),
            cache=self._cache,
            runtime=runtime,
        )
        findings = report.requirements
        titles = {g.id: g.title for g in project.standard.goals}
        sections = next_actions(findings, titles)
        details = frozenset(o.detail for o in seen)
        self.state = State(seen, findings, sections, to_act(findings), details)
        return self.state

    def stale(self) -> bool:
        """True when the notebook file or the record changed on disk since the last look."""
        stamp = (_stamp(self.project.notebook), _stamp(self.project.config.record_path))
        changed, self._stamps = stamp != self._stamps, stamp
        if changed:
            self._hits = None  # a save is when project documents are most likely edited too
        return changed

    def _project_hits(self) -> tuple[Hit, ...]:
        """Evidence from the project's documents, as `check_document` would find it; read
        again after the notebook or the record changed on disk, not after every cell."""
        if self._hits is None:
            place = self.project.notebook or self.project.config.root / "<kernel>"
            self._hits = hits_for(self.project.config.root, place)
        return self._hits

    def _document(self) -> Document:
        """The notebook as saved (read again only when the file changed), or an empty one
        when the frontend does not say which notebook this kernel runs."""
        notebook = self.project.notebook
        if notebook is None:
            return Document(self.project.relative, "notebook")
        stamp = _stamp(notebook)
        if self._read is None or self._read[0] != stamp:
            self._read = (stamp, read_document(notebook, self.project.relative))
        return self._read[1]

    def record(self, finding: Finding) -> str:
        """Attest a requirement with what was observed; returns the record's file name."""
        from raiassist.answering import answer

        seen = [e.detail for e in finding.evidence if e.detail in self.state.runtime]
        note = "; ".join(seen or [e.detail for e in finding.evidence]) + " (observed in the kernel)"
        project = self.project
        answer(project.config, project.standard, finding.id, "attested", note, project.notebook)
        return project.config.settings.record


def _stamp(path: Path | None) -> object:
    try:
        info = path.stat() if path is not None else None
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size) if info is not None else None
