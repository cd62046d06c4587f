"""A real `raiassist lsp` over stdio, driven by pytest-lsp. The bundled client profiles lack
notebook capabilities, so they are declared here (as VS Code sends them)."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Iterable

import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.helpers import ROOT

SERVER = [sys.executable, "-m", "raiassist.lsp"]


def capabilities(pull: bool = False) -> T.ClientCapabilities:
    caps = client_capabilities("visual-studio-code")
    caps.notebook_document = T.NotebookDocumentClientCapabilities(
        synchronization=T.NotebookDocumentSyncClientCapabilities(execution_summary_support=True)
    )
    caps.text_document.diagnostic = T.DiagnosticClientCapabilities() if pull else None  # type: ignore[union-attr]
    caps.window.work_done_progress = True  # type: ignore[union-attr]
    return caps


def answer_server_requests(client: LanguageClient) -> None:
    """Accept dynamic registrations, as an editor does (pytest-lsp answers the rest)."""
    client.registrations = []  # type: ignore[attr-defined]

    @client.feature(T.CLIENT_REGISTER_CAPABILITY)
    def register(params: T.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)  # type: ignore[attr-defined]


async def start(
    client: LanguageClient, pull: bool = False, **options: object
) -> T.InitializeResult:
    answer_server_requests(client)
    return await client.initialize_session(
        T.InitializeParams(
            capabilities=capabilities(pull),
            root_uri=ROOT.as_uri(),
            workspace_folders=[T.WorkspaceFolder(ROOT.as_uri(), "main")],
            initialization_options=options or None,
        )
    )


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await start(lsp_client)
    yield
    await lsp_client.shutdown_session()


async def wait_for(client: LanguageClient, uris: Iterable[str], timeout: float = 20) -> None:
    """Wait until diagnostics were published for every URI (pytest-lsp keeps the latest)."""
    wanted = set(uris)
    async with asyncio.timeout(timeout):
        while not wanted <= set(client.diagnostics):
            await asyncio.sleep(0.01)


async def published(
    client: LanguageClient, uri: str, predicate, timeout: float = 20
) -> list[T.Diagnostic]:  # type: ignore[no-untyped-def]
    """Wait until the latest diagnostics for `uri` satisfy `predicate`, and return them."""
    async with asyncio.timeout(timeout):
        while True:
            items = list(client.diagnostics.get(uri, ()))
            if uri in client.diagnostics and predicate(items):
                return items
            await asyncio.sleep(0.01)
