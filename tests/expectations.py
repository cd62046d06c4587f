"""Inline expectations in fixture files, as semgrep's rule tests have them.

A fixture carries `# expect: NAME` (or `<!-- expect: NAME -->` in markdown) above a line where
signal or evidence NAME must be found, and `# expect-not: NAME` above a line where it must
not. `check` scans the fixture (with a catalogue, by default the built-in one) and returns
every expectation that did not hold.
"""

from __future__ import annotations

import re
from pathlib import Path

from raiassist.catalogue.model import Catalogue
from raiassist.document import Location, read_document
from raiassist.scan import Facts, scan

EXPECT = re.compile(r"(?:#|<!--)\s*(expect|expect-not):\s*([\w.,\s-]+?)\s*(?:-->)?\s*$")


def expectations(facts: Facts) -> list[tuple[str, str, Location]]:
    """(expect|expect-not, name, location of the line below the comment) in document order."""
    found = []
    for cell in facts.document.cells:
        for number, line in enumerate(cell.source.splitlines(), start=1):
            match = EXPECT.search(line)
            if match:
                where = facts.document.location(cell, number + 1, 0)
                for name in re.split(r"[,\s]+", match.group(2).strip()):
                    found.append((match.group(1), name, where))
    return found


def check(path: Path, catalogue: Catalogue | None = None) -> list[str]:
    """The expectations of a fixture that do not hold, as readable lines (none: all hold)."""
    facts = scan(read_document(path), catalogue=catalogue)
    failures = [f"{path.name}: {p.message}" for p in facts.problems]
    checks = expectations(facts)
    if not any(kind == "expect" for kind, _, _ in checks):
        failures.append(f"{path.name} expects nothing")
    for kind, name, where in checks:
        lines = {
            (h.location.cell, h.location.line)
            for h in facts.of(name)
            if h.kind in ("signal", "evidence")
        }
        if ((where.cell, where.line) in lines) != (kind == "expect"):
            place = path.name + (f" cell {where.cell}" if where.cell is not None else "")
            failures.append(f"{place} line {where.line}: {kind} {name}")
    return failures
