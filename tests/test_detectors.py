"""Every analysis detector against its fixture: `tests/fixtures/detectors/<module>.py` (or
`.ipynb`), with inline expectations (see `tests/expectations.py`). The catalogue engine
(`catalogued`) is tested through the catalogue's own fixtures (`tests/catalogue/`).
Adding a detector means one module and one fixture; this file does not change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from raiassist import detectors
from raiassist.catalogue import builtin_catalogue
from raiassist.project_docs import KINDS
from raiassist.standard.vocabulary import vocabulary
from tests.expectations import check
from tests.helpers import FIXTURES, ROOT

FIXTURE_DIR = FIXTURES / "detectors"
MODULES = {m.__name__.rsplit(".", 1)[1]: m for m in detectors.DETECTORS}
ANALYSES = sorted(name for name, m in MODULES.items() if m.KIND != "catalogue")


def fixture_for(name: str) -> Path:
    matches = [p for p in FIXTURE_DIR.glob(f"{name}.*") if p.suffix in (".py", ".ipynb")]
    assert matches, f"detector {name} has no fixture in {FIXTURE_DIR}"
    return matches[0]


@pytest.mark.parametrize("module", ANALYSES)
def test_detector_fixture(module: str) -> None:
    assert check(fixture_for(module)) == []


def test_every_detector_module_is_registered() -> None:
    folder = ROOT / "src" / "raiassist" / "detectors"
    modules = {p.stem for p in folder.glob("*.py") if not p.stem.startswith("_")}
    assert modules == set(MODULES), "list every detector module in detectors.DETECTORS"


def test_detectors_catalogue_and_vocabulary_name_the_same_things() -> None:
    produced = {name for m in detectors.DETECTORS for name in detectors.names(m)}
    produced |= set(KINDS) | {"attestation"}
    words = vocabulary()
    assert produced == set(words.signals) | set(words.evidence)
    assert builtin_catalogue().means <= produced
    for module in detectors.DETECTORS:
        if module.KIND == "catalogue":
            continue
        kinds = {"signal": words.signals, "evidence": words.evidence}[module.KIND]
        assert set(detectors.names(module)) <= set(kinds), module.__name__
