"""What to do now: one order for every surface, answers that replace each other and follow a
renamed file, and evidence that has not run yet."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from raiassist.checking import check_document, check_paths, hits_for
from raiassist.config import load_config
from raiassist.document import read_document
from raiassist.next_actions import next_actions, to_act
from raiassist.standard import load_standard
from tests.helpers import FIXTURES, ROOT, run_cli

CREDIT = ROOT / "examples" / "credit" / "credit_model.ipynb"
RENAMED = FIXTURES / "projects" / "renamed"


def _file(path: Path):  # type: ignore[no-untyped-def]
    report = check_paths([path], load_config(path), load_standard(), parallel=False)
    return report, report.files[0]


def test_open_errors_come_first_then_warnings_by_place_then_the_file_then_the_process() -> None:
    _, file = _file(CREDIT)
    sections = next_actions(file.findings)
    kinds = [s.kind for s in sections]
    assert kinds[:2] == ["code", "file"] and kinds[-2:] == ["info", "done"]
    assert set(kinds[2:-2]) == {"process"} and all(s.collapsed for s in sections[2:])
    code = sections[0].findings
    assert [f.id for f in code[:2]] == ["F1.5", "F2.5"], "the example's two open errors"
    severities = [f.severity for f in code]
    assert severities == sorted(severities, key=["error", "warning"].index)
    warnings = [f.location for f in code if f.severity == "warning"]
    assert all(w is not None for w in warnings)
    places = [(w.cell, w.line) for w in warnings if w is not None]
    assert places == sorted(places)
    info = next(s for s in sections if s.kind == "info")
    assert {f.severity for f in info.findings} == {"info"}
    assert info.title.startswith(f"{len(info.findings)} more to consider")
    acting = sum(len(s.findings) for s in sections if s.kind in ("code", "file", "process"))
    assert to_act(file.findings) == acting
    assert {f.status for s in sections if s.kind != "done" for f in s.findings} == {"open"}


def test_the_checklist_and_its_json_give_that_order() -> None:
    text = run_cli("checklist", str(CREDIT)).stdout
    header = text.splitlines()[0]
    assert " 7 to act on;" in header, header
    assert text.index("Fix in the code") < text.index("For this file") < text.index("(info)")
    assert text.index("F1.5") < text.index("F1.4") < text.index("A1.2")
    data = json.loads(run_cli("checklist", "--format", "json", str(CREDIT)).stdout)
    assert data["to_act"] == 7
    first = data["next_actions"][0]
    assert first["kind"] == "code" and first["ids"][:2] == ["F1.5", "F2.5"]
    process = [s for s in data["next_actions"] if s["kind"] == "process"]
    assert process and process[0]["title"] == "A1 Impact assessment" and process[0]["collapsed"]


def test_checklist_filters_by_status_and_severity() -> None:
    def listed(text: str) -> list[str]:
        return re.findall(r"^  \[.\] (\S+)", text, re.M)

    assert listed(run_cli("checklist", "--severity", "error", str(CREDIT)).stdout) == [
        "F1.5",
        "F2.5",
    ]
    assert listed(run_cli("checklist", "--status", "met", str(CREDIT)).stdout) == ["A3.5"]


@pytest.fixture
def renamed(tmp_path: Path) -> Path:
    project = tmp_path / "renamed"
    shutil.copytree(RENAMED, project)
    return project


def test_the_answer_for_the_file_wins_over_the_project_answer(renamed: Path) -> None:
    _, file = _file(renamed / "notebooks" / "credit.ipynb")
    f14 = next(f for f in file.findings if f.id == "F1.4")
    assert (
        f14.status == "met" and f14.answer is not None and f14.answer.scope.endswith("credit.ipynb")
    )


def test_answers_left_by_a_rename_are_named_on_the_file_they_moved_to(renamed: Path) -> None:
    report, file = _file(renamed / "notebooks" / "credit.ipynb")
    moved = [f for f in file.findings if f.id == "RA104"]
    assert len(moved) == 1 and moved[0].severity == "warning"
    assert "F1.5, T2.2 name notebooks/credit_v1.ipynb" in moved[0].message
    assert "raiassist move-answers notebooks/credit_v1.ipynb notebooks/credit.ipynb" in (
        moved[0].message
    )
    unmatched = [p for p in report.problems if p.id == "RA104"]
    assert len(unmatched) == 1 and "drafts/gone.ipynb" in unmatched[0].message
    assert next(f for f in file.findings if f.id == "F1.5").status == "open"


def test_move_answers_makes_them_count_again(renamed: Path) -> None:
    done = run_cli(
        "move-answers", "notebooks/credit_v1.ipynb", "notebooks/credit.ipynb", cwd=renamed
    )
    assert done.returncode == 0 and "Moved 2 answers" in done.stdout, done.stdout + done.stderr
    _, file = _file(renamed / "notebooks" / "credit.ipynb")
    assert not [f for f in file.findings if f.id == "RA104"]
    assert next(f for f in file.findings if f.id == "F1.5").status == "waived"
    assert "# Recorded while the notebook" in (renamed / "responsible-ai.yaml").read_text()
    taken = run_cli("move-answers", "notebooks/credit.ipynb", "raiassist.toml", cwd=renamed)
    assert taken.returncode == 2 and "still exists" in taken.stderr, "a file's answers stay put"


def test_a_rename_to_an_unlike_name_is_found_by_its_committed_content(tmp_path: Path) -> None:
    project = tmp_path / "git"
    project.mkdir()
    (project / "raiassist.toml").write_text('fail-on = "error"\n')
    shutil.copy(CREDIT, project / "untitled.ipynb")
    waived = run_cli("waive", "F1.5", "--reason", "Pilot only.", "--path", "untitled.ipynb",
                     "--by", "Q", cwd=project)  # fmt: skip
    assert "Recorded F1.5 as waived for untitled.ipynb by Q in " in waived.stdout, waived.stderr
    git = ["git", "-c", "user.name=Q", "-c", "user.email=q@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "first"], cwd=project, check=True)
    (project / "untitled.ipynb").rename(project / "default-risk.ipynb")  # as JupyterLab renames
    _, file = _file(project / "default-risk.ipynb")
    moved = [f.message for f in file.findings if f.id == "RA104"]
    assert moved and "looks moved to default-risk.ipynb" in moved[0]


def test_withdraw_takes_an_answer_back(renamed: Path) -> None:
    notebook = renamed / "notebooks" / "credit.ipynb"
    done = run_cli("withdraw", "F1.4", "--path", str(notebook), cwd=renamed)
    assert done.returncode == 0 and "Withdrew 1 answer to F1.4" in done.stdout
    _, file = _file(notebook)
    f14 = next(f for f in file.findings if f.id == "F1.4")
    assert f14.status == "waived", "the project's answer counts again"
    again = run_cli("withdraw", "F1.4", "--path", str(notebook), cwd=renamed)
    assert again.returncode == 2 and "has no answer to F1.4 for notebooks/credit.ipynb" in (
        again.stderr
    )


def test_answering_again_replaces_the_answer_the_file_had(renamed: Path) -> None:
    notebook = renamed / "notebooks" / "credit.ipynb"
    run_cli("waive", "F1.4", "--reason", "Changed our mind.", "--path", str(notebook), cwd=renamed)
    _, file = _file(notebook)
    f14 = next(f for f in file.findings if f.id == "F1.4")
    assert f14.status == "waived" and f14.message == "waived: Changed our mind."
    text = (renamed / "responsible-ai.yaml").read_text()
    assert "Targets for this model are in docs/targets.md." not in text


def test_evidence_in_cells_that_never_ran_is_met_but_not_run_yet() -> None:
    path = FIXTURES / "projects" / "not_run" / "fair_not_run.ipynb"
    _, file = _file(path)
    f15 = next(f for f in file.findings if f.id == "F1.5")
    assert f15.status == "met" and f15.not_run
    text = run_cli("checklist", str(path)).stdout
    assert "met — not run yet: met by fairlearn" in text
    _, fair = _file(ROOT / "examples" / "credit" / "credit_model_fair.ipynb")
    assert not next(f for f in fair.findings if f.id == "F1.5").not_run, (
        "a notebook with no execution counts at all says nothing about what ran"
    )


def test_nulling_execution_counts_changes_no_status_over_the_corpus() -> None:
    """VS Code nulls an edited cell's execution count; JupyterLab numbers cells in the order
    they ran. Neither may change a verdict: every executed notebook of the corpus gets the
    same statuses with its counts removed."""
    from tests.helpers import corpus

    root = corpus()
    config, standard = load_config(root), load_standard()
    executed = 0
    for path in sorted(root.rglob("*.ipynb")):
        document = read_document(path)
        if not any(c.execution_count for c in document.cells):
            continue
        executed += 1
        nulled = replace(
            document, cells=tuple(replace(c, execution_count=None) for c in document.cells)
        )
        relative = path.relative_to(root).as_posix()
        hits = hits_for(root, path)
        before = check_document(document, relative, config, standard, project_hits=hits)
        after = check_document(nulled, relative, config, standard, project_hits=hits)
        assert [(f.id, f.status) for f in after.findings] == [
            (f.id, f.status) for f in before.findings
        ], relative
    assert executed > 100, "the corpus has many executed notebooks"


def test_not_run_yet_is_the_same_from_the_result_cache(tmp_path: Path) -> None:
    path = FIXTURES / "projects" / "not_run" / "fair_not_run.ipynb"
    cache = tmp_path / "cache"

    def f15() -> dict:  # type: ignore[type-arg]
        done = run_cli("check", "--format", "json", "--cache-dir", str(cache), str(path))
        data = json.loads(done.stdout)
        return next(r for r in data["files"][0]["requirements"] if r["id"] == "F1.5")

    cold, warm = f15(), f15()
    assert any(cache.rglob("snapshot-*")), "the second run read the cache"
    assert cold["status"] == warm["status"] == "met" and cold["not_run"] and warm["not_run"]
