"""The runtime companion's state: after each executed cell it looks at what the cell created
or changed in the user's namespace, turns what it sees into signals and evidence, and asks
the core which requirements apply and which are now evidenced. Only a change in what it sees
costs an evaluation; an unchanged namespace costs one pass over its names.

A failure inside the hook is logged once and never reaches the user's cell.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from raiassist.catalogue import builtin_catalogue
from raiassist.config import Config, load_config
from raiassist.document import Document, Location
from raiassist.evaluate import Finding, Inputs, evaluate
from raiassist.frozen import frozen
from raiassist.kernel.observe import Observation, kind_of, marker, observe
from raiassist.record import load_record
from raiassist.safe_read import real
from raiassist.scan import Facts, Hit
from raiassist.standard import Standard, load_standard
from raiassist.words import Words

log = logging.getLogger(__name__)
SHOWN_SEVERITIES = ("error", "warning")


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
    """What the widget shows."""

    seen: tuple[Observation, ...] = ()
    findings: tuple[Finding, ...] = ()
    applicable: int = 0
    error: str = ""


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
        """Which requirements apply to what the kernel holds, and their status."""
        seen = tuple(o for s in self.seen.values() for o in s.observations)
        here = Location(None, 1, 1)
        hits = tuple(Hit(o.name, o.kind, here, o.detail, o.subject) for o in seen)
        project = self.project
        record = load_record(project.config.record_path)
        inputs = Inputs(project.standard, project.config.settings, record)
        document = Document(project.relative, "notebook")
        findings = [
            f
            for f in evaluate(Facts(document, hits), project.relative, inputs, project.relative)
            if f.kind == "requirement"
        ]
        shown = [f for f in findings if _shown(f)]
        shown.sort(key=lambda f: (f.status != "open", SHOWN_SEVERITIES.index(f.severity), f.id))
        self.state = State(seen, tuple(shown), len(findings))
        return self.state

    def record(self, finding: Finding) -> str:
        """Attest a requirement with what was observed; returns the record's file name."""
        from raiassist.answering import answer

        note = "; ".join(e.detail for e in finding.evidence) + " (observed in the kernel)"
        project = self.project
        answer(project.config, project.standard, finding.id, "attested", note, project.notebook)
        return project.config.settings.record


def _shown(finding: Finding) -> bool:
    """Inline requirements at warning or above, and anything evidenced at runtime."""
    if finding.evidence:
        return True
    return finding.scope == "code" and finding.severity in SHOWN_SEVERITIES
