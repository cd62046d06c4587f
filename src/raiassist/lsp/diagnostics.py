"""Findings as LSP diagnostics, each on its own cell's URI."""

from __future__ import annotations

from typing import Any

from lsprotocol import types as T

from raiassist.document import Location
from raiassist.evaluate import Finding
from raiassist.lsp.documents import Unit
from raiassist.standard.model import severity_rank

SEVERITY = {
    "error": T.DiagnosticSeverity.Error,
    "warning": T.DiagnosticSeverity.Warning,
    "info": T.DiagnosticSeverity.Information,
}


def for_unit(unit: Unit, show: str, docs: Any) -> dict[str, list[T.Diagnostic]]:
    """Diagnostics by URI for every code cell (or the text document), empty lists included
    so that nothing stale stays on screen."""
    result: dict[str, list[T.Diagnostic]] = {uri: [] for uri in _code_uris(unit)}
    report = unit.report
    if report is None:
        return result
    for finding in report.findings:
        if finding.status != "open" or severity_rank(finding.severity) < severity_rank(show):
            continue
        if finding.scope == "project" and finding.kind == "requirement":
            continue
        uri, where = _place(unit, finding.location)
        if uri is None:
            continue
        result.setdefault(uri, []).append(diagnostic(finding, where, docs))
    return result


def diagnostic(finding: Finding, where: T.Range, docs: Any) -> T.Diagnostic:
    href = docs(finding.id) if finding.kind == "requirement" else None
    return T.Diagnostic(
        range=where,
        message=finding.message,
        severity=SEVERITY.get(finding.severity, T.DiagnosticSeverity.Warning),
        code=finding.id,
        code_description=T.CodeDescription(href=href) if href else None,
        source="raiassist",
        data={"id": finding.id, "scope": finding.scope, "kind": finding.kind},
    )


def _code_uris(unit: Unit) -> list[str]:
    if unit.kind != "notebook" or unit.report is None:
        return list(unit.cell_uris)
    cells = unit.report.facts.document.cells
    return [uri for uri, cell in zip(unit.cell_uris, cells, strict=False) if cell.kind == "code"]


def _place(unit: Unit, location: Location | None) -> tuple[str | None, T.Range]:
    """The URI and range for a location; file-level findings go on the first code line."""
    if location is None:
        uris = _code_uris(unit)
        return (uris[0] if uris else None), T.Range(T.Position(0, 0), T.Position(0, 0))
    uri = unit.cell_uris[location.cell] if location.cell is not None else unit.cell_uris[0]
    start = T.Position(max(location.line - 1, 0), max(location.column - 1, 0))
    end_line = max((location.end_line or location.line) - 1, start.line)
    end = T.Position(end_line, max(location.end_column - 1, 0))
    if (end.line, end.character) < (start.line, start.character):
        end = start
    return uri, T.Range(start, end)
