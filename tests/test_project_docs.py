"""Project documents as evidence: a Hugging Face model card (README.md with model-card front
matter and its usual sections) counts as a model card when it is filled in."""

from __future__ import annotations

import shutil
from pathlib import Path

from raiassist.checking import _folder_hits, check_paths, hits_for
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


def test_a_batch_finds_the_documents_each_file_would_find_alone(tmp_path: Path) -> None:
    """`raiassist check` reads the documents at the root and in `docs/` once for all folders;
    each file still gets what the editor finds for it alone (`hits_for`), whether its folder
    holds documents of its own, is `docs/` itself, or is reached through a link."""
    root = tmp_path / "project"
    shutil.copytree(PROJECTS / "documents_everywhere", root)
    (root / "linked").symlink_to(root / "docs", target_is_directory=True)
    (root / "elsewhere").symlink_to(root / "sub", target_is_directory=True)
    config = load_config(root)
    report = check_paths([root], config, load_standard(), parallel=False)
    files = {Path(f.path).resolve() for f in report.files}
    assert len(files) == 4  # the links lead to files already found
    for folder in [root, root / "docs", root / "sub", root / "sub" / "deeper", root / "linked",
                   root / "elsewhere"]:  # fmt: skip
        alone = hits_for(root, folder / "_")
        assert _folder_hits(root, folder.resolve()) == alone, folder
        assert _folder_hits(root, folder) == alone, folder
    details = {h.detail for h in hits_for(root, root / "sub" / "_")}
    assert any("sub/model_card.md is incomplete" in d for d in details)
    assert any("docs/datasheet.md" in d for d in details)
