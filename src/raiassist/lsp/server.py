"""The language server's state: open units, their projects, analysis and publishing.

Handlers (in `features.py`) only record what changed and ask for analysis; analysis calls
`raiassist.checking.check_document`, the same core as `raiassist check`, so the editor and
the commit hook never disagree. Edits are coalesced: a burst of changes is analysed once.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from urllib.parse import unquote

from lsprotocol import types as T
from pygls.lsp.server import LanguageServer

from raiassist import __version__
from raiassist.checking import check_document
from raiassist.evaluate import tool_finding
from raiassist.lsp import diagnostics
from raiassist.lsp.docs import docs_uri
from raiassist.lsp.documents import Unit, UnitKind, build
from raiassist.lsp.projects import Project, Projects
from raiassist.safe_read import real

log = logging.getLogger(__name__)
DEBOUNCE = 0.005  # seconds: edits closer than this are analysed once


class RaiServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("raiassist", __version__, notebook_document_sync=NOTEBOOK_SYNC)
        self.projects = Projects()
        self.units: dict[str, Unit] = {}
        self.dirty: set[str] = set()
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.pull = False  # pull diagnostics (client asks) rather than push (server sends)
        self.reported_errors: set[str] = set()

    # -- units ---------------------------------------------------------------------------

    def open_unit(self, uri: str, kind: UnitKind) -> Unit:
        uri = unquote(uri)
        unit = self.units.get(uri) or Unit(uri, kind, [uri] if kind != "notebook" else [])
        self.units[uri] = unit
        self.dirty.add(uri)
        return unit

    def unit_for(self, uri: str) -> Unit | None:
        """The unit a text document, a notebook or a notebook cell belongs to."""
        uri = unquote(uri)
        if uri in self.units:
            return self.units[uri]
        notebook = self.workspace.get_notebook_document(cell_uri=uri)
        return self.units.get(unquote(notebook.uri)) if notebook else None

    def close_unit(self, uri: str, cell_uris: list[str] | None = None) -> None:
        unit = self.units.pop(unquote(uri), None)
        self.dirty.discard(unquote(uri))
        task = self.pending.pop(unquote(uri), None)
        if task:
            task.cancel()
        for cell in cell_uris or (unit.published if unit else []):
            self._publish(cell, [])

    # -- analysis -------------------------------------------------------------------------

    def project_of(self, unit: Unit) -> Project | None:
        path = unit.path or Path.cwd() / "untitled.py"
        project = self.projects.for_path(path)
        if project is None:
            self._report_once(self.projects.error_for(path) or "the project cannot be loaded")
        return project

    def analyse(self, unit: Unit) -> bool:
        """Bring the unit's report up to date with the editor's content; False if it cannot."""
        if unit.uri not in self.dirty and unit.report is not None:
            return True
        project = self.project_of(unit)
        if project is None:
            return False
        path = unit.path or project.root / "untitled.py"
        relative = _relative(path, project.root)
        document = build(self.workspace, unit, relative)
        if document is None:
            return False
        try:
            unit.report = check_document(
                document,
                relative,
                project.config,
                project.standard,
                project.record,
                project.hits_for(path),
                cache=unit.cache,
            )
        except Exception:
            log.exception("analysing %s failed", unit.uri)
            unit.report = _failed_report(unit, relative)
        self.dirty.discard(unit.uri)
        return True

    def diagnostics_of(self, unit: Unit) -> dict[str, list[T.Diagnostic]]:
        project = self.project_of(unit)
        if project is None or not self.analyse(unit) or unit.report is None:
            return {}
        show = project.config.settings.show
        cached = unit.diagnostics
        if cached is not None and cached[0] is unit.report and cached[1] == show:
            return cached[2]
        found = diagnostics.for_unit(unit, show, lambda i: docs_uri(project.standard, i))
        unit.diagnostics = (unit.report, show, found)
        return found

    def diagnostics_at(self, unit: Unit, uri: str) -> list[T.Diagnostic]:
        """One URI's diagnostics. Clients quote URIs in different ways (VS Code's cell URIs
        carry `%3D`), so they are compared unquoted."""
        wanted = unquote(uri)
        found = self.diagnostics_of(unit)
        return next((items for key, items in found.items() if unquote(key) == wanted), [])

    # -- publishing -----------------------------------------------------------------------

    def refresh(self, uri: str, delay: float = 0.0) -> None:
        """Analyse and publish soon; requests arriving meanwhile are folded into one run."""
        uri = unquote(uri)
        self.dirty.add(uri)
        if self.pull:
            return
        if uri not in self.pending:
            self.pending[uri] = asyncio.ensure_future(self._refresh_later(uri, delay))

    async def _refresh_later(self, uri: str, delay: float) -> None:
        try:
            await asyncio.sleep(delay)
        finally:
            self.pending.pop(uri, None)
        unit = self.units.get(uri)
        if unit is not None:
            self.publish(unit)

    def publish(self, unit: Unit) -> None:
        try:
            fresh = self.diagnostics_of(unit)
        except Exception:
            log.exception("publishing %s failed", unit.uri)
            return
        for uri in set(unit.published) - set(fresh):
            self._publish(uri, [])
        for uri, items in fresh.items():
            if unit.published.get(uri) != items:
                self._publish(uri, items)
        unit.published = fresh

    def refresh_all(self) -> None:
        """After configuration, packs or the record changed: everything is analysed again."""
        self.dirty.update(self.units)
        if self.pull:
            capabilities = self.client_capabilities.workspace
            if (
                capabilities
                and capabilities.diagnostics
                and capabilities.diagnostics.refresh_support
            ):
                self.workspace_diagnostic_refresh(None)
            return
        for unit in list(self.units.values()):
            self.publish(unit)

    def _publish(self, uri: str, items: list[T.Diagnostic]) -> None:
        if not self.pull:
            self.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri, items))

    def _report_once(self, message: str) -> None:
        if message not in self.reported_errors:
            self.reported_errors.add(message)
            log.warning("%s", message)
            self.window_show_message(
                T.ShowMessageParams(T.MessageType.Error, f"raiassist: {message}")
            )


NOTEBOOK_SYNC = T.NotebookDocumentSyncOptions(
    notebook_selector=[
        T.NotebookDocumentFilterWithCells(
            notebook="*",
            cells=[
                T.NotebookCellLanguage(language="python"),
                T.NotebookCellLanguage(language="markdown"),
            ],
        )
    ],
    save=True,
)


def _relative(path: Path, root: Path) -> str:
    try:
        return real(path).relative_to(real(root)).as_posix()
    except (ValueError, OSError):
        return path.name


def _failed_report(unit: Unit, relative: str):  # type: ignore[no-untyped-def]
    from raiassist.checking import FileReport
    from raiassist.document import Document
    from raiassist.scan import Facts

    document = Document(relative, "script")
    problem = tool_finding(
        "RA003",
        "warning",
        relative,
        None,
        "internal error while checking this file (details in the log)",
    )
    return FileReport(relative, relative, unit.kind, (problem,), Facts(document))
