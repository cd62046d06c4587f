"""Evaluation: how a met requirement names its evidence, as every surface shows it."""

from __future__ import annotations

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
