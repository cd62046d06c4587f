"""Evaluation: how a met requirement names its evidence, as every surface shows it."""

from __future__ import annotations

from pathlib import Path

from raiassist.checking import check_paths
from raiassist.config import load_config
from raiassist.standard import load_standard
from tests.helpers import FIXTURES


def test_a_met_requirement_names_three_pieces_of_evidence_and_counts_the_rest() -> None:
    path = FIXTURES / "catalogue" / "fairness" / "libraries.py"
    report = check_paths([path], load_config(path), load_standard(), parallel=False)
    f15 = next(f for f in report.files[0].findings if f.id == "F1.5")
    assert f15.status == "met" and len(f15.evidence) > 3
    named = "; ".join(e.detail for e in f15.evidence[:3])
    assert f15.message == f"met by {named}; and {len(f15.evidence) - 3} more"


def test_the_active_requirements_follow_each_file_and_each_configuration() -> None:
    """What is active is worked out once per set of per-path ignores and settings, and still
    differs where they do: per file in one batch, and per configuration in one process."""
    project = FIXTURES / "projects" / "waivers"
    config = load_config(project)
    standard = load_standard(config.settings.packs, config.root, config.catalogue_paths)
    files = [project / "train.py", project / "notebooks" / "explore.py"]
    report = check_paths(files, config, standard, parallel=False)
    goals = {Path(f.path).name: {r.goal for r in f.requirements} for f in report.files}
    assert {"F1", "F2"} <= goals["train.py"] and not {"F1", "F2"} & goals["explore.py"]
    louder = config.with_overrides({"severity": {"F2": "error"}})
    again = check_paths(files[:1], louder, standard, parallel=False)
    severities = {r.severity for r in again.files[0].requirements if r.goal == "F2"}
    first = {r.severity for r in report.files[0].requirements if r.goal == "F2"}
    assert severities == {"error"} != first
