"""`raiassist standard test`: the built-in pack's own cases pass and cover every requirement
that code decides; an organisation's pack and catalogue run their cases from its project;
failing and broken cases are reported as the contract says (exit 1 and 2)."""

from __future__ import annotations

import re

import pytest

from raiassist.resources import guidance_dir
from raiassist.standard import load_standard
from tests.helpers import FIXTURES, run_cli

CASES = FIXTURES / "packtests"
BUILTIN_TESTS = guidance_dir() / "packs" / "msrai-v2.tests"


def test_the_builtin_pack_passes_its_own_cases() -> None:
    result = run_cli("standard", "test", "msrai-v2")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r"msrai-v2: \d+ expectations in 5 cases, 0 failing\n", result.stdout)


def _written(status: str) -> set[str]:
    """Requirement ids the built-in cases expect in `status`, read with a regex of the
    test's own rather than the runner's parser."""
    found: set[str] = set()
    for path in BUILTIN_TESTS.rglob("*"):
        if path.suffix in (".py", ".ipynb"):
            found.update(re.findall(rf"([A-Z]+\d+\.\d+) {status}\b", path.read_text()))
    return found


def test_every_code_decided_requirement_has_an_open_and_a_met_case() -> None:
    decided = {r.id for r in load_standard().requirements if set(r.satisfied_by) - {"attestation"}}
    assert len(decided) > 50
    assert decided - _written("open") == set()
    assert decided - _written("met") == set()


def test_an_organisations_pack_and_catalogue_run_their_cases() -> None:
    result = run_cli("standard", "test", cwd=CASES / "org")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "rai/contoso.yaml: 6 expectations in 3 cases, 0 failing",
        "rai/acme.catalogue.yaml: 3 expectations in 1 cases, 0 failing",
    ]


def test_each_failing_expectation_is_one_line_naming_the_place() -> None:
    result = run_cli("standard", "test", "wrong.yaml", cwd=CASES / "failing")
    assert result.returncode == 1
    seen = "signals: aggregate-metrics, loads-tabular-data, sensitive-attribute, trains-model"
    assert result.stdout.splitlines() == [
        "wrong.tests/silent.py: expects nothing; add `# rai-test: ID STATUS` lines",
        f"wrong.tests/train.py:7: expected F1.5 met, got open ({seen}; evidence: none)",
        f"wrong.tests/train.py:11: expected A3.2 not to apply, got open ({seen}; evidence: none)",
        f"wrong.tests/train.py:12: expected T3.2 to apply, got does not apply ({seen}; "
        "evidence: none)",
        "wrong.yaml: 4 expectations in 2 cases, 4 failing",
    ]


@pytest.mark.parametrize(
    ("pack", "message"),
    [
        ("status", "status.tests/case.py:3: 'done' is not a status; use one of open, met"),
        ("unknown", "unknown.tests/case.py:3: no requirement F1.55 in the pack (did you mean"),
        ("listed", "listed.tests/rai-tests.yaml:1: missing.py: no such case file beside"),
        ("absent", "absent.yaml: is neither a built-in pack nor a pack file"),
    ],
)
def test_broken_cases_are_usage_errors(pack: str, message: str) -> None:
    result = run_cli("standard", "test", f"{pack}.yaml", cwd=CASES / "broken")
    assert result.returncode == 2
    assert result.stderr.startswith(f"raiassist: {message}"), result.stderr
    assert "Traceback" not in result.stderr


def test_a_named_pack_without_cases_is_a_usage_error() -> None:
    result = run_cli("standard", "test", str(FIXTURES / "packs" / "valid" / "standalone.yaml"))
    assert result.returncode == 2
    assert "has no tests; put cases in" in result.stderr
