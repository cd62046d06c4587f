"""Hover: one requirement in a few lines, on a flagged line or on an ID in a waiver comment."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types as T

from raiassist.evaluate import Finding
from raiassist.explanation import hover_markdown
from raiassist.lsp.docs import docs_uri
from raiassist.lsp.documents import Unit
from raiassist.standard.model import Standard

# Starts only where an ID can start, and never gives back what it took: linear on any line.
_ID = re.compile(r"(?<![A-Z0-9-])[A-Z][A-Z0-9-]*+(?<=[0-9])(?:\.[0-9]++)++")


def at(
    standard: Standard, text: str, position: T.Position, published: list[T.Diagnostic], unit: Unit
) -> T.Hover | None:
    """The hover for a position: a waiver's ID under the cursor, else the most severe finding
    of the line (the others named in one line). One requirement, a few lines: the full page
    is one click away."""
    lines = text.splitlines()
    line = lines[position.line] if position.line < len(lines) else ""
    findings = {f.id: f for f in unit.report.findings} if unit.report else {}
    if "rai:" in line:
        for match in _ID.finditer(line):
            found = match.group()
            if match.start() <= position.character <= match.end() and found in standard.by_id:
                return _hover(standard, found, findings.get(found), None)
    here = [
        d
        for d in published
        if d.range.start.line <= position.line <= d.range.end.line and str(d.code) in standard.by_id
    ]
    if not here:
        return None
    first = min(here, key=lambda d: d.severity or T.DiagnosticSeverity.Hint)
    others = [str(d.code) for d in here if d is not first]
    code = str(first.code)
    return _hover(standard, code, findings.get(code), first.message, list(dict.fromkeys(others)))


def _hover(
    standard: Standard,
    requirement: str,
    finding: Finding | None,
    message: str | None,
    others: Sequence[str] = (),
) -> T.Hover:
    req = standard.by_id[requirement]
    page = docs_uri(standard, requirement)
    body = hover_markdown(standard, req, finding, message, page, others)
    return T.Hover(contents=T.MarkupContent(kind=T.MarkupKind.Markdown, value=body))
