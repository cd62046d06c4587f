"""Every detector against its fixture: `tests/fixtures/detectors/<module>.py` (or `.ipynb`).

A fixture carries its expectations inline: `# expect: NAME` (or `<!-- expect: NAME -->` in
markdown) above a line where NAME must be found, `# expect-not: NAME` above a line where it
must not. Adding a detector means one module and one fixture; this file does not change.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from raiassist import detectors
from raiassist.document import Location, read_document
from raiassist.project_docs import KINDS
from raiassist.scan import Facts, scan
from raiassist.standard.vocabulary import vocabulary
from tests.helpers import FIXTURES, ROOT

FIXTURE_DIR = FIXTURES / "detectors"
EXPECT = re.compile(r"(?:#|<!--)\s*(expect|expect-not):\s*([\w.,\s-]+?)\s*(?:-->)?\s*$")
MODULES = {m.__name__.rsplit(".", 1)[1]: m for m in detectors.DETECTORS}


def fixture_for(name: str) -> Path:
    matches = [p for p in FIXTURE_DIR.glob(f"{name}.*") if p.suffix in (".py", ".ipynb")]
    assert matches, f"detector {name} has no fixture in {FIXTURE_DIR}"
    return matches[0]


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


@pytest.mark.parametrize("module", sorted(MODULES))
def test_detector_fixture(module: str) -> None:
    path = fixture_for(module)
    facts = scan(read_document(path))
    assert not facts.problems, facts.problems
    checks = expectations(facts)
    assert any(kind == "expect" for kind, _, _ in checks), f"{path.name} expects nothing"
    for kind, name, where in checks:
        lines = {
            (h.location.cell, h.location.line)
            for h in facts.of(name)
            if h.kind in ("signal", "evidence")
        }
        found = (where.cell, where.line) in lines
        place = f"{path.name}" + (f" cell {where.cell}" if where.cell is not None else "")
        assert found == (kind == "expect"), f"{place} line {where.line}: {kind} {name}"


def test_every_detector_module_is_registered() -> None:
    folder = ROOT / "src" / "raiassist" / "detectors"
    modules = {p.stem for p in folder.glob("*.py") if not p.stem.startswith("_")}
    assert modules == set(MODULES), "list every detector module in detectors.DETECTORS"


def test_detectors_and_vocabulary_name_the_same_things() -> None:
    produced = {name for m in detectors.DETECTORS for name in detectors.names(m)}
    produced |= set(KINDS) | {"attestation"}
    words = vocabulary()
    assert produced == set(words.signals) | set(words.evidence)
    for module in detectors.DETECTORS:
        kinds = {"signal": words.signals, "evidence": words.evidence}[module.KIND]
        assert set(detectors.names(module)) <= set(kinds), module.__name__
