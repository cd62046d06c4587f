"""The language server's state: open units, their projects, analysis and publishing.

Handlers (in `features.py`) only record what changed and ask for analysis; analysis calls
`raiassist.checking.check_document`, the same core as `raiassist check`, so the editor and
the commit hook never disagree. Edits are coalesced: a burst of changes is analysed once.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TypeVar
from urllib.parse import unquote

from lsprotocol import types as T
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from raiassist import __version__
from raiassist.checking import check_document
from raiassist.document import Document
from raiassist.evaluate import tool_finding
from raiassist.logfile import logger
from raiassist.lsp import diagnostics
from raiassist.lsp.docs import docs_uri
from raiassist.lsp.documents import Unit, UnitKind, build
from raiassist.lsp.projects import Project, Projects
from raiassist.safe_read import real

log = logger(__name__)
DEBOUNCE = 0.001  # seconds: edits closer than this are analysed once
ANALYSES = 2  # analysis threads: a slow document leaves one for the others
T_ = TypeVar("T_")
Handler = TypeVar("Handler", bound=Callable[..., Awaitable[Any]])


class RaiServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "raiassist", __version__, notebook_document_sync=NOTEBOOK_SYNC, protocol_cls=Protocol
        )
        self.projects = Projects()
        self.units: dict[str, Unit] = {}
        self.dirty: set[str] = set()
        self.pending: dict[str, asyncio.Task[None]] = {}
        # pull diagnostics (client asks) rather than push (server sends); notebooks are always
        # pushed: vscode-languageclient forgets pulled cell diagnostics once a cell scrolls out
        self.pull = False
        self.reported_errors: set[str] = set()
        # Analysis runs here, never on the event loop: a slow file delays only itself.
        self.workers = ThreadPoolExecutor(ANALYSES, thread_name_prefix="raiassist-analysis")
        self.analysing: dict[str, asyncio.Lock] = {}  # one analysis at a time per unit

    # -- units ---------------------------------------------------------------------------

    def open_unit(self, uri: str, kind: UnitKind) -> Unit:
        uri = unquote(uri)
        unit = self.units.get(uri) or Unit(uri, kind, [uri] if kind != "notebook" else [])
        self.units[uri] = unit
        self.touch(uri)
        return unit

    def touch(self, uri: str) -> None:
        """Something the unit's analysis depends on changed."""
        self.dirty.add(uri)
        unit = self.units.get(uri)
        if unit is not None:
            unit.changes += 1

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
        self.analysing.pop(unquote(uri), None)
        task = self.pending.pop(unquote(uri), None)
        if task:
            task.cancel()
        pushed = not self.pull or (unit is not None and unit.kind == "notebook")
        for cell in cell_uris or (unit.published if unit else []):
            if pushed:
                self.text_document_publish_diagnostics(T.PublishDiagnosticsParams(cell, []))

    # -- analysis -------------------------------------------------------------------------

    async def off_loop(self, work: Callable[..., T_], *args: Any) -> T_:
        """`work(*args)` in an analysis thread, so the event loop keeps serving requests."""
        return await asyncio.get_running_loop().run_in_executor(self.workers, work, *args)

    async def project_of(self, unit: Unit) -> Project | None:
        path = unit.path or Path.cwd() / "untitled.py"
        project = self.projects.known(path) or await self.off_loop(self.projects.for_path, path)
        if project is None:
            self._report_once(self.projects.error_for(path) or "the project cannot be loaded")
        return project

    async def analysed(self, unit: Unit) -> Project | None:
        """Bring the unit's report and diagnostics up to date with the editor's content, off
        the event loop; its project, or None when it cannot be analysed."""
        async with self.analysing.setdefault(unit.uri, asyncio.Lock()):
            project = await self.project_of(unit)
            if project is None:
                return None
            if unit.uri not in self.dirty and unit.report is not None:
                return project
            seen = unit.changes
            path = unit.path or project.root / "untitled.py"
            relative = _relative(path, project.root)
            make = build(self.workspace, unit, relative)  # the editor's content, now
            if make is None:
                return None
            await self.off_loop(_analyse, unit, make, relative, project, path)
            if unit.changes == seen:  # no edit arrived meanwhile
                self.dirty.discard(unit.uri)
            return project

    async def diagnostics_of(self, unit: Unit) -> dict[str, list[T.Diagnostic]]:
        project = await self.analysed(unit)
        if project is None or unit.diagnostics is None:
            return {}
        return unit.diagnostics[2]

    async def diagnostics_at(self, unit: Unit, uri: str) -> list[T.Diagnostic]:
        """One URI's diagnostics. Clients quote URIs in different ways (VS Code's cell URIs
        carry `%3D`), so they are compared unquoted."""
        wanted = unquote(uri)
        found = await self.diagnostics_of(unit)
        return next((items for key, items in found.items() if unquote(key) == wanted), [])

    # -- publishing -----------------------------------------------------------------------

    def refresh(self, uri: str, delay: float = 0.0) -> None:
        """Analyse and publish soon; requests arriving meanwhile are folded into one run."""
        uri = unquote(uri)
        self.touch(uri)
        if not self.pushes(uri):
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
            await self.publish(unit)

    async def publish(self, unit: Unit) -> None:
        try:
            fresh = await self.diagnostics_of(unit)
        except Exception:
            log.exception("publishing %s failed", unit.uri)
            return
        if self.units.get(unit.uri) is not unit:
            return  # closed while it was analysed
        for uri in set(unit.published) - set(fresh):
            self._publish(unit, uri, [])
        for uri, items in fresh.items():
            if unit.published.get(uri) != items:
                self._publish(unit, uri, items)
        unit.published = fresh

    def pushes(self, uri: str) -> bool:
        """Whether the server sends this unit's diagnostics (rather than waiting to be asked)."""
        unit = self.units.get(unquote(uri))
        return not self.pull or (unit is not None and unit.kind == "notebook")

    def pulled(self, unit: Unit) -> bool:
        """Whether a pull request for the unit gets its diagnostics (else they are pushed)."""
        return self.pull and unit.kind != "notebook"

    def refresh_all(self) -> None:
        """After configuration, packs or the record changed: everything is analysed again."""
        for uri in self.units:
            self.touch(uri)
        for uri in [u for u in self.units if self.pull and self.pushes(u)]:
            self.refresh(uri)
        if self.pull:
            capabilities = self.client_capabilities.workspace
            if (
                capabilities
                and capabilities.diagnostics
                and capabilities.diagnostics.refresh_support
            ):
                self.workspace_diagnostic_refresh(None)
            return
        for uri in list(self.units):
            self.refresh(uri)

    def _publish(self, unit: Unit, uri: str, items: list[T.Diagnostic]) -> None:
        if not self.pull or unit.kind == "notebook":
            self.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri, items))

    def _report_once(self, message: str) -> None:
        if message not in self.reported_errors:
            self.reported_errors.add(message)
            log.warning("%s", message)
            self.window_show_message(
                T.ShowMessageParams(T.MessageType.Error, f"raiassist: {message}")
            )


def answers(empty: Callable[[], Any]) -> Callable[[Handler], Handler]:
    """A request handler that answers `empty()` when it fails, rather than a traceback: a
    request the server cannot serve gets an empty answer (and the log the details)."""

    def wrap(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def safe(ls: RaiServer, params: Any) -> Any:
            try:
                return await handler(ls, params)
            except Exception:
                log.exception("answering %s failed", handler.__name__)
                return empty()

        return safe  # type: ignore[return-value]

    return wrap


class Protocol(LanguageServerProtocol):
    """pygls's protocol, except that a request whose parameters do not fit its method gets
    an "invalid params" answer instead of none (pygls only logs it)."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcInvalidParams as exc:
            if "id" not in data or "method" not in data:
                raise
            log.warning("invalid parameters for %s", data["method"])
            self._send_response(data["id"], None, exc.to_response_error())
            return SimpleNamespace(jsonrpc="answered")  # handle_message passes it by


def _analyse(
    unit: Unit, make: Callable[[], Document], relative: str, project: Project, path: Path
) -> None:
    """Check the unit's document (in an analysis thread) and work out its diagnostics."""
    try:
        unit.report = check_document(
            make(),
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
    show = project.config.settings.show
    found = diagnostics.for_unit(unit, show, lambda i: docs_uri(project.standard, i))
    unit.diagnostics = (unit.report, show, found)


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
