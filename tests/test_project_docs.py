"""Project documents as evidence: a Hugging Face model card (README.md with model-card front
matter and its usual sections) counts as a model card when it is filled in."""

from __future__ import annotations

from pathlib import Path

from raiassist.checking import check_paths
from raiassist.config import load_config
from raiassist.standard import load_standard
from tests.helpers import FIXTURES

PROJECTS = FIXTURES / "projects"


def t22(project: Path) -> tuple[str, list[str]]:
    """The status of T2.2 (model card) for the project's training script, and its evidence."""
    config = load_config(project)
    report = check_paths([project / "finetune.py"], config, load_standard(), parallel=False)
    finding = next(f for f in report.files[0].findings if f.id == "T2.2")
    return finding.status, [e.detail for e in finding.evidence] + list(finding.incomplete)


def test_a_filled_hugging_face_model_card_is_a_model_card() -> None:
    status, evidence = t22(PROJECTS / "hf_model_card")
    assert status == "met"
    assert any("README.md" in e for e in evidence)


def test_the_hub_template_left_unfilled_is_not() -> None:
    status, notes = t22(PROJECTS / "hf_model_card_template")
    assert status == "open"
    assert any("README.md is incomplete" in n for n in notes)


def test_a_project_readme_without_model_card_metadata_is_not_a_model_card() -> None:
    status, evidence = t22(PROJECTS / "plain_readme")
    assert (status, evidence) == ("open", [])
