"""Hover: the requirement in plain words, on a flagged line or on an ID in a waiver comment."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types as T

from raiassist.explanation import requirement_markdown, sources_of
from raiassist.lsp.documents import Unit
from raiassist.standard.model import Standard

# Starts only where an ID can start, and never gives back what it took: linear on any line.
_ID = re.compile(r"(?<![A-Z0-9-])[A-Z][A-Z0-9-]*+(?<=[0-9])(?:\.[0-9]++)++")


def at(
    standard: Standard, text: str, position: T.Position, published: list[T.Diagnostic], unit: Unit
) -> T.Hover | None:
    """The hover for a position: a waiver's ID under the cursor, else the line's findings."""
    lines = text.splitlines()
    line = lines[position.line] if position.line < len(lines) else ""
    if "rai:" in line:
        for match in _ID.finditer(line):
            if (
                match.start() <= position.character <= match.end()
                and match.group() in standard.by_id
            ):
                return _hover(standard, [(match.group(), None)])
    here = [
        (str(d.code), d.message)
        for d in published
        if d.range.start.line <= position.line <= d.range.end.line and str(d.code) in standard.by_id
    ]
    return _hover(standard, here, unit) if here else None


def _hover(
    standard: Standard, items: Sequence[tuple[str, str | None]], unit: Unit | None = None
) -> T.Hover:
    seen = dict.fromkeys(items)
    findings = {f.id: f for f in unit.report.findings} if unit and unit.report else {}
    parts = [
        requirement_markdown(
            standard.by_id[i], standard, message, sources_of(findings[i]) if i in findings else ()
        )
        for i, message in seen
    ]
    body = "\n\n---\n\n".join(parts)
    return T.Hover(contents=T.MarkupContent(kind=T.MarkupKind.Markdown, value=body))
