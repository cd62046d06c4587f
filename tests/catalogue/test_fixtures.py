"""The built-in catalogue against real-looking code: every fixture under
`tests/fixtures/catalogue/<catalogue id>/` carries its expectations inline (see
`tests/expectations.py`). Supporting a new library is a catalogue entry and a fixture line;
this file does not change."""

from __future__ import annotations

from pathlib import Path

import pytest

from raiassist.catalogue.loading import builtin_files
from tests.expectations import check
from tests.helpers import FIXTURES

FOLDER = FIXTURES / "catalogue"
CASES = sorted(p for p in FOLDER.rglob("*") if p.suffix in (".py", ".ipynb"))


@pytest.mark.parametrize("path", CASES, ids=[str(p.relative_to(FOLDER)) for p in CASES])
def test_catalogue_fixture(path: Path) -> None:
    assert check(path) == []


def test_every_builtin_catalogue_file_has_fixtures() -> None:
    import yaml

    for path in builtin_files():
        catalogue_id = yaml.safe_load(path.read_text(encoding="utf-8"))["id"]
        assert any((FOLDER / catalogue_id).glob("*.py")), f"no fixtures for {path.name}"
