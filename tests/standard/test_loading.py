"""Loading packs: fixture packs that must load, and fixture packs whose problems must be
reported exactly as their `# expect:` lines say (file, line, field path, message)."""

from __future__ import annotations

from pathlib import Path

import pytest

from raiassist.errors import UserError
from raiassist.standard import load_standard
from raiassist.standard.loading import line_of
from tests.helpers import FIXTURES

INVALID = sorted((FIXTURES / "packs" / "invalid").glob("*.yaml"))


def expectations(path: Path) -> list[str]:
    """The `# expect:` lines of a fixture: each problem exactly as a user sees it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.removeprefix("# expect: ") for line in lines if line.startswith("# expect: ")]


@pytest.mark.parametrize("path", INVALID, ids=[p.name for p in INVALID])
def test_invalid_pack_reports_each_problem(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(path.parent)
    with pytest.raises(UserError) as caught:
        load_standard(["msrai-v2", path.name])
    got = sorted(str(p) for p in caught.value.problems)
    want = sorted(expectations(path))
    assert len(got) == len(want), got
    for line, expected in zip(got, want, strict=True):
        # "..." ends an expectation whose wording depends on the YAML parser in use
        assert line.startswith(expected[:-3]) if expected.endswith("...") else line == expected


def test_org_pack_extends_overrides_and_disables_without_copying(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(FIXTURES / "packs" / "valid")
    base = load_standard()
    org = load_standard(["org-extends.yaml"])  # pulls in msrai-v2 through `extends`
    assert [p.id for p in org.packs] == ["msrai-v2", "contoso"]
    assert "CON1.1" in org.by_id and org.by_id["CON1.1"].pack == "contoso"
    assert org.by_id["CON1.1"].severity == "warning"  # inherited from goal CON1
    f15 = org.by_id["F1.5"]
    assert (base.by_id["F1.5"].severity, f15.severity) == ("error", "warning")
    assert f15.prompt == "Contoso asks for a per-group evaluation before every review."
    assert f15.summary == base.by_id["F1.5"].summary
    assert "RS3.9" not in org.by_id and "I1" not in org.goal_by_id
    assert len(org.requirements) == len(base.requirements) - 1 + 1


def test_standalone_pack_needs_no_builtin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES / "packs" / "valid")
    tiny = load_standard(["standalone.yaml"])
    assert [r.id for r in tiny.requirements] == ["C1.1"]
    assert [g.id for g in tiny.goals] == ["C1"]


def test_unknown_builtin_pack_and_missing_file_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"msrai-v3: no built-in pack has this id \(did you mean"):
        load_standard(["msrai-v3"])
    with pytest.raises(UserError, match=r"nowhere\.yaml: pack file not found"):
        load_standard(["nowhere.yaml"], tmp_path)


def test_binary_pack_file_is_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bin.yaml").write_bytes(b"\xff\xfe\x00garbage")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UserError, match=r"bin\.yaml: cannot read the pack"):
        load_standard(["bin.yaml"], tmp_path)


def test_line_of_follows_mappings_and_sequences() -> None:
    text = "a: 1\nlist:\n  - x: 1\n    y: 2\n  - x: 3\n"
    assert line_of(text, ("list", 1, "x")) == 5
    assert line_of(text, ("list", 0, "y")) == 4
    assert line_of(text, ("list", 0, "missing")) == 3
