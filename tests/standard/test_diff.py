"""`raiassist standard diff`: golden outputs on two fixture versions of a small Standard
(reviewed by hand against the changes new.yaml's header lists), and an org pack against
the built-in one."""

from __future__ import annotations

import json

import pytest

from tests.helpers import FIXTURES, run_cli

DIFF = FIXTURES / "packs" / "diff"


@pytest.mark.parametrize(
    ("form", "golden"), [("text", "txt"), ("markdown", "md"), ("json", "json")]
)
def test_diff_matches_the_reviewed_golden_output(form: str, golden: str) -> None:
    result = run_cli("standard", "diff", "old.yaml", "new.yaml", "--format", form, cwd=DIFF)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (DIFF / f"expected.{golden}").read_text()


def test_an_org_pack_against_the_builtin_one() -> None:
    org = FIXTURES / "packs" / "valid" / "org-extends.yaml"
    result = run_cli("standard", "diff", "msrai-v2", str(org), "--format", "json")
    data = json.loads(result.stdout)
    assert [r["id"] for r in data["added"]] == ["CON1.1"]
    assert [r["id"] for r in data["removed"]] == ["RS3.9"]
    (f15,) = data["changed"]
    assert [c["field"] for c in f15["changes"]] == ["severity", "prompt"]
    assert f15["changes"][0]["words"] == "severity lowered from error to warning"


def test_the_same_standard_has_no_differences() -> None:
    result = run_cli("standard", "diff", "msrai-v2", "msrai-v2")
    assert result.stdout.splitlines()[1] == "No differences"


def test_a_pack_that_does_not_load_is_a_usage_error() -> None:
    bad = FIXTURES / "packs" / "invalid" / "bad-severity.yaml"
    result = run_cli(
        "standard", "diff", "msrai-v2", str(bad.relative_to(DIFF.parent.parent.parent.parent))
    )
    assert result.returncode == 2, result.stderr
    assert "bad-severity.yaml:20: requirements[0].severity: must be one of" in result.stderr
