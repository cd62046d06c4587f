"""Notebooks as VS Code sends them over LSP 3.17: one URI for the notebook, one per cell."""

from __future__ import annotations

import json
from pathlib import Path

from lsprotocol import types as T
from pytest_lsp import LanguageClient


def cell_uri(notebook: Path, index: int) -> str:
    return f"vscode-notebook-cell:{notebook.as_posix()}#W{index}sZmlsZQ%3D%3D"


def cells_of(path: Path) -> list[tuple[str, str]]:
    """(kind, text) of each cell of a notebook file."""
    data = json.loads(path.read_text())
    return [(c["cell_type"], "".join(c["source"])) for c in data["cells"]]


def open_notebook(client: LanguageClient, path: Path, cells: list[tuple[str, str]]) -> list[str]:
    uris = [cell_uri(path, i) for i in range(len(cells))]
    client.notebook_document_did_open(
        T.DidOpenNotebookDocumentParams(
            notebook_document=T.NotebookDocument(
                uri=path.as_uri(),
                notebook_type="jupyter-notebook",
                version=0,
                cells=[
                    T.NotebookCell(kind=_kind(kind), document=uri)
                    for (kind, _), uri in zip(cells, uris, strict=True)
                ],
            ),
            cell_text_documents=[
                T.TextDocumentItem(uri, "markdown" if kind == "markdown" else "python", 1, text)
                for (kind, text), uri in zip(cells, uris, strict=True)
            ],
        )
    )
    return uris


def edit_cell(
    client: LanguageClient, path: Path, version: int, uri: str, text: str, old: str
) -> None:
    """Replace a cell's whole text with a ranged change, as VS Code does."""
    lines = old.split("\n")
    whole = T.Range(T.Position(0, 0), T.Position(len(lines) - 1, len(lines[-1])))
    change_cell(client, path, version, uri, whole, text)


def change_cell(
    client: LanguageClient, path: Path, version: int, uri: str, where: T.Range, text: str
) -> None:
    """Replace the text in one range of one cell."""
    content = T.NotebookDocumentCellContentChanges(
        document=T.VersionedTextDocumentIdentifier(version=version, uri=uri),
        changes=[T.TextDocumentContentChangePartial(range=where, text=text)],
    )
    _change(client, path, version, T.NotebookDocumentCellChanges(text_content=[content]))


def restructure(
    client: LanguageClient,
    path: Path,
    version: int,
    start: int,
    delete: int,
    insert: list[tuple[str, str, str]],
) -> None:
    """Delete `delete` cells at `start` and insert (uri, kind, text) cells there."""
    structure = T.NotebookDocumentCellChangeStructure(
        array=T.NotebookCellArrayChange(
            start=start,
            delete_count=delete,
            cells=[T.NotebookCell(kind=_kind(k), document=u) for u, k, _ in insert],
        ),
        did_open=[
            T.TextDocumentItem(u, "markdown" if k == "markdown" else "python", 1, t)
            for u, k, t in insert
        ],
        did_close=[],
    )
    _change(client, path, version, T.NotebookDocumentCellChanges(structure=structure))


def _change(
    client: LanguageClient, path: Path, version: int, cells: T.NotebookDocumentCellChanges
) -> None:
    """Send one notebook change (cell text or cell structure) at `version`."""
    client.notebook_document_did_change(
        T.DidChangeNotebookDocumentParams(
            notebook_document=T.VersionedNotebookDocumentIdentifier(version, path.as_uri()),
            change=T.NotebookDocumentChangeEvent(cells=cells),
        )
    )


def _kind(kind: str) -> T.NotebookCellKind:
    return T.NotebookCellKind.Markup if kind == "markdown" else T.NotebookCellKind.Code
