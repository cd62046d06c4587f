"""How other clients talk to the server: jupyterlab-lsp's concatenated notebook, and a client
that pulls diagnostics (it must never also get them pushed)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.lsp.conftest import SERVER, published, start
from tests.lsp.helpers import open_text, project_copy, replace_text


def concatenated(notebook: Path) -> str:
    """Code cells joined by blank lines, as jupyterlab-lsp builds its virtual document."""
    cells = json.loads(notebook.read_text())["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code") + "\n"


async def test_concatenated_notebook_under_an_ipynb_uri(
    client: LanguageClient, tmp_path: Path
) -> None:
    path = project_copy(tmp_path) / "credit_model.ipynb"
    text = concatenated(path)
    uri = open_text(client, path, text)
    items = await published(client, uri, lambda d: "F1.5" in {x.code for x in d})
    f15 = next(d for d in items if d.code == "F1.5")
    assert text.splitlines()[f15.range.start.line].startswith('print("accuracy", accuracy_score(')
    # markdown lives only in the saved notebook: a filled section there counts as evidence
    data = json.loads(path.read_text())
    data["cells"].insert(
        1,
        {
            "cell_type": "markdown",
            "id": "prov",
            "metadata": {},
            "source": "## Data provenance\n\nThe bureau's monthly extract of closed loans, "
            "joined by the risk team; labels are observed defaults after twelve months.\n",
        },
    )
    path.write_text(json.dumps(data))
    replace_text(client, uri, 2, text + "\n")
    await published(client, uri, lambda d: "A4.2" not in {x.code for x in d})


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def pulling(lsp_client: LanguageClient) -> AsyncIterator[None]:
    lsp_client.init_result = await start(lsp_client, pull=True)  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def test_a_pulling_client_gets_no_push(pulling: LanguageClient, tmp_path: Path) -> None:
    lsp_client = pulling
    capabilities = lsp_client.init_result.capabilities  # type: ignore[attr-defined]
    assert capabilities.diagnostic_provider is not None
    path = project_copy(tmp_path) / "train_credit.py"
    uri = open_text(lsp_client, path)
    report = await lsp_client.text_document_diagnostic_async(
        T.DocumentDiagnosticParams(T.TextDocumentIdentifier(uri))
    )
    assert {"F1.5", "F2.5", "A4.2"} <= {d.code for d in report.items}  # type: ignore[union-attr]
    replace_text(lsp_client, uri, 2, path.read_text() + "\n")
    report = await lsp_client.text_document_diagnostic_async(
        T.DocumentDiagnosticParams(T.TextDocumentIdentifier(uri))
    )
    assert report.items  # type: ignore[union-attr]
    # Absence needs a time bound: a push is debounced by 5 ms, so 300 ms is ample.
    await asyncio.sleep(0.3)
    assert uri not in lsp_client.diagnostics


async def test_a_pulling_client_gets_each_cells_diagnostics(
    pulling: LanguageClient, tmp_path: Path
) -> None:
    from tests.lsp.notebook_helpers import cells_of, open_notebook

    path = project_copy(tmp_path) / "credit_model.ipynb"
    uris = open_notebook(pulling, path, cells_of(path))
    report = await pulling.text_document_diagnostic_async(
        T.DocumentDiagnosticParams(T.TextDocumentIdentifier(uris[6]))
    )
    assert {"F1.5", "F2.5"} <= {d.code for d in report.items}  # type: ignore[union-attr]
    assert uris[6] not in pulling.diagnostics
