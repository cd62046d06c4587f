"""What the server analyses: a Python text document, an LSP notebook, or a notebook sent as
one concatenated text document (jupyterlab-lsp), each turned into one core Document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlparse

from lsprotocol import types as T
from pygls.workspace import Workspace

from raiassist.checking import FileReport
from raiassist.document import (
    Cell,
    CellKind,
    Document,
    concatenated_from_text,
    notebook_from_cells,
    read_document,
    script_from_text,
)
from raiassist.logfile import logger
from raiassist.safe_read import over_limit, too_large
from raiassist.scan import ScanCache

log = logger(__name__)
UnitKind = Literal["text", "notebook", "concatenated"]


@dataclass
class Unit:
    """One analysed thing and what the server remembers about it."""

    uri: str
    kind: UnitKind
    cell_uris: list[str] = field(default_factory=list)  # by cell index; [uri] for text
    cache: ScanCache = field(default_factory=ScanCache)
    changes: int = 0  # how many changes the server has seen; analysis notes which it saw
    report: FileReport | None = None
    published: dict[str, list[T.Diagnostic]] = field(default_factory=dict)
    # diagnostics of `report` as last computed, by URI, and the `show` they were made for
    diagnostics: tuple[FileReport, str, dict[str, list[T.Diagnostic]]] | None = None

    @property
    def path(self) -> Path | None:
        return uri_path(self.uri)


def uri_path(uri: str) -> Path | None:
    parsed = urlparse(uri)
    if parsed.scheme not in ("file", "vscode-notebook-cell", ""):
        return None
    return Path(unquote(parsed.path)) if parsed.path else None


def known_text(workspace: Workspace, uri: str) -> str | None:
    """The text of an open document, or None; never reads a file for an unknown URI."""
    document = workspace.text_documents.get(unquote(uri))
    return None if document is None else document.source


def build(workspace: Workspace, unit: Unit, display: str) -> Callable[[], Document] | None:
    """What the editor holds for the unit now (taken on the event loop, cheaply), as a
    function that makes the core Document of it (run in an analysis thread: it may split a
    large text or read the saved notebook). None when the editor holds nothing for it."""
    if unit.kind == "notebook":
        document = _notebook(workspace, unit, display)
        return None if document is None else partial(_notebook_within_limit, document)
    text = known_text(workspace, unit.uri)
    return None if text is None else partial(_script, unit, text, display)


def _script(unit: Unit, text: str, display: str) -> Document:
    if over_limit(len(text)):
        return Document(display, "script", error=too_large())
    if unit.kind == "concatenated":
        return _with_saved_markdown(concatenated_from_text(text, display), unit.path)
    return script_from_text(text, display)


def _notebook_within_limit(document: Document) -> Document:
    if over_limit(sum(len(c.source) for c in document.cells)):
        return Document(document.path, "notebook", error=too_large())
    return document


def _notebook(workspace: Workspace, unit: Unit, display: str) -> Document | None:
    notebook = workspace.get_notebook_document(notebook_uri=unit.uri)
    if notebook is None:
        return None
    cells: list[tuple[CellKind, str]] = []
    orders: list[int | None] = []
    unit.cell_uris = []
    for cell in notebook.cells:
        text = known_text(workspace, cell.document) or ""
        document = workspace.text_documents.get(unquote(cell.document))
        language = document.language_id if document is not None else "python"
        if cell.kind == T.NotebookCellKind.Markup:
            kind: CellKind = "markdown"
        else:
            kind = "code" if language in (None, "python") else "raw"
        cells.append((kind, text))
        summary = cell.execution_summary
        orders.append(summary.execution_order if summary else None)
        unit.cell_uris.append(cell.document)
    document = notebook_from_cells(display, cells)
    if any(order is not None for order in orders):
        numbered = [
            replace(c, execution_count=o) for c, o in zip(document.cells, orders, strict=True)
        ]
        document = replace(document, cells=tuple(numbered))
    return document


def _with_saved_markdown(document: Document, path: Path | None) -> Document:
    """A concatenated notebook carries only code; its markdown (documentation sections) is
    read from the saved notebook, so evidence in markdown cells still counts."""
    if path is None or not path.is_file():
        return document
    saved = read_document(path)
    start = len(document.cells)
    extra = [
        Cell(start + i, "markdown", c.source, line_offset=10**6)
        for i, c in enumerate(c for c in saved.cells if c.kind == "markdown")
    ]
    return replace(document, cells=document.cells + tuple(extra))
