"""LSP handlers: each records what changed and asks the server to analyse, or answers from
the latest analysis. Nothing here knows about requirements; that is the core's job."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from lsprotocol import types as T

from raiassist.logfile import logger
from raiassist.lsp import actions, commands, hover
from raiassist.lsp.documents import UnitKind, known_text, uri_path
from raiassist.lsp.projects import WATCHED
from raiassist.lsp.server import DEBOUNCE, RaiServer, answers
from raiassist.safe_read import real

log = logger(__name__)


def register(server: RaiServer) -> None:
    @server.feature(T.INITIALIZE)
    def initialize(ls: RaiServer, params: T.InitializeParams) -> None:
        options = (
            params.initialization_options if isinstance(params.initialization_options, dict) else {}
        )
        mode = options.get("diagnosticMode", "auto")
        can_pull = params.capabilities.text_document is not None and (
            params.capabilities.text_document.diagnostic is not None
        )
        ls.pull = mode == "pull" or (mode == "auto" and can_pull)
        if isinstance(options.get("settings"), dict):
            ls.projects.use_settings(options["settings"])

    @server.feature(T.INITIALIZED)
    async def initialized(ls: RaiServer, params: T.InitializedParams) -> None:
        watched = ls.client_capabilities.workspace
        if (
            watched
            and watched.did_change_watched_files
            and (watched.did_change_watched_files.dynamic_registration)
        ):
            watchers = [T.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
            registration = T.Registration(
                id="raiassist-watch",
                method=T.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=T.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
            )
            try:
                await ls.client_register_capability_async(T.RegistrationParams([registration]))
            except Exception:  # noqa: BLE001 - a client that refuses still works without it
                log.warning("the client did not accept file watchers")

    # -- text documents ----------------------------------------------------------------

    @server.feature(T.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: RaiServer, params: T.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        if item.uri.startswith("vscode-notebook-cell") or item.language_id not in ("python", ""):
            return
        kind: UnitKind = "concatenated" if unquote(item.uri).endswith(".ipynb") else "text"
        ls.open_unit(item.uri, kind)
        ls.refresh(item.uri)

    @server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: RaiServer, params: T.DidChangeTextDocumentParams) -> None:
        if unquote(params.text_document.uri) in ls.units:
            ls.refresh(params.text_document.uri, DEBOUNCE)

    @server.feature(T.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: RaiServer, params: T.DidSaveTextDocumentParams) -> None:
        if unquote(params.text_document.uri) in ls.units:
            ls.refresh(params.text_document.uri)

    @server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: RaiServer, params: T.DidCloseTextDocumentParams) -> None:
        if unquote(params.text_document.uri) in ls.units:
            ls.close_unit(params.text_document.uri)

    # -- notebooks (LSP 3.17 notebook sync) --------------------------------------------

    @server.feature(T.NOTEBOOK_DOCUMENT_DID_OPEN)
    def nb_open(ls: RaiServer, params: T.DidOpenNotebookDocumentParams) -> None:
        ls.open_unit(params.notebook_document.uri, "notebook")
        ls.refresh(params.notebook_document.uri)

    @server.feature(T.NOTEBOOK_DOCUMENT_DID_CHANGE)
    def nb_change(ls: RaiServer, params: T.DidChangeNotebookDocumentParams) -> None:
        ls.refresh(params.notebook_document.uri, DEBOUNCE)

    @server.feature(T.NOTEBOOK_DOCUMENT_DID_SAVE)
    def nb_save(ls: RaiServer, params: T.DidSaveNotebookDocumentParams) -> None:
        ls.refresh(params.notebook_document.uri)

    @server.feature(T.NOTEBOOK_DOCUMENT_DID_CLOSE)
    def nb_close(ls: RaiServer, params: T.DidCloseNotebookDocumentParams) -> None:
        ls.close_unit(params.notebook_document.uri, [c.uri for c in params.cell_text_documents])

    # -- diagnostics, hover, actions -----------------------------------------------------

    @server.feature(
        T.TEXT_DOCUMENT_DIAGNOSTIC,
        T.DiagnosticOptions(
            # not the client's name: VS Code keeps markers by owner, and a pull collection
            # named like the push one would wipe pushed notebook diagnostics with each pull
            identifier="raiassist-pull",
            inter_file_dependencies=True,
            workspace_diagnostics=False,
        ),
    )
    @answers(lambda: T.FullDocumentDiagnosticReport(items=[]))
    async def pull(
        ls: RaiServer, params: T.DocumentDiagnosticParams
    ) -> T.FullDocumentDiagnosticReport:
        unit = ls.unit_for(params.text_document.uri)
        if unit is None or not ls.pulled(unit):  # pushed instead: nothing here, no duplicates
            return T.FullDocumentDiagnosticReport(items=[])
        items = await ls.diagnostics_at(unit, params.text_document.uri)
        return T.FullDocumentDiagnosticReport(items=items)

    @server.feature(T.TEXT_DOCUMENT_HOVER)
    @answers(lambda: None)
    async def on_hover(ls: RaiServer, params: T.HoverParams) -> T.Hover | None:
        unit = ls.unit_for(params.text_document.uri)
        project = await ls.analysed(unit) if unit else None
        text = known_text(ls.workspace, params.text_document.uri)
        if unit is None or project is None or text is None:
            return None
        published = await ls.diagnostics_at(unit, params.text_document.uri)
        return hover.at(project.standard, text, params.position, published, unit)

    @server.feature(
        T.TEXT_DOCUMENT_CODE_ACTION,
        T.CodeActionOptions(code_action_kinds=[T.CodeActionKind.QuickFix]),
    )
    @answers(list)
    async def code_action(ls: RaiServer, params: T.CodeActionParams) -> list[T.CodeAction]:
        unit = ls.unit_for(params.text_document.uri)
        text = known_text(ls.workspace, params.text_document.uri)
        if unit is None or text is None:
            return []
        project = await ls.analysed(unit)
        if project is None:
            return []
        lines = text.splitlines(keepends=True)
        found: list[T.CodeAction] = []
        for diagnostic in params.context.diagnostics:
            if diagnostic.source == "raiassist":
                found += actions.for_diagnostic(
                    unit, project, params.text_document.uri, diagnostic, lines
                )
        return found

    # -- workspace -------------------------------------------------------------------------

    @server.feature(T.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: RaiServer, params: T.DidChangeWatchedFilesParams) -> None:
        for change in params.changes:
            path = uri_path(change.uri)
            ls.projects.forget(real(path) if path else None)
        ls.refresh_all()

    @server.feature(T.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def configuration(ls: RaiServer, params: T.DidChangeConfigurationParams) -> None:
        settings: Any = params.settings
        if isinstance(settings, dict):
            settings = settings.get("raiassist", settings)
            ls.projects.use_settings(settings if isinstance(settings, dict) else {})
            ls.refresh_all()

    commands.register(server)
