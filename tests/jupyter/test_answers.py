"""The sidebar's writes to the record through a real Jupyter server: answering again replaces
the earlier answer, withdrawing takes it back, answers a rename left behind move to the
notebook, who answers is recorded as; and a broken record gives the CLI's message, not a
traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import FIXTURES
from tests.jupyter.conftest import NOTEBOOK, Api

RECORD = Path("examples") / "responsible-ai.yaml"
RENAMED = "renamed/notebooks/credit.ipynb"


def _content(root: Path, path: str = NOTEBOOK) -> Any:
    return json.loads((root / path).read_text(encoding="utf-8"))


def _item(checklist: dict[str, Any], requirement: str) -> dict[str, Any]:
    return next(r for r in checklist["requirements"] if r["id"] == requirement)


def _entries(root: Path, requirement: str) -> list[dict[str, Any]]:
    record = yaml.safe_load((root / RECORD).read_text(encoding="utf-8"))
    return [e for e in record["entries"] if e["id"] == requirement]


@pytest.fixture
def renamed(root: Path) -> Path:
    """A project whose record still names `notebooks/credit_v1.ipynb`, renamed since."""
    shutil.copytree(FIXTURES / "projects" / "renamed", root / "renamed")
    return root / "renamed"


@pytest.fixture
def no_git_identity(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """git knows no user here (this machine's global identity would come first)."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def test_answering_again_replaces_the_answer(api: Api, root: Path) -> None:
    first = {"path": NOTEBOOK, "id": "F1.4", "answer": "waived", "text": "Targets pending."}
    second = {**first, "answer": "attested", "text": "Targets agreed in RC-7."}
    assert api("answer", first)[0] == 200
    assert api("answer", second)[0] == 200
    assert [(e["answer"], e.get("note")) for e in _entries(root, "F1.4")] == [
        ("attested", "Targets agreed in RC-7.")
    ]
    _, checklist = api("checklist", {"path": NOTEBOOK, "content": _content(root)})
    assert _item(checklist, "F1.4")["status"] == "met"
    assert _item(checklist, "F1.4")["answer"]["note"] == "Targets agreed in RC-7."


def test_withdrawing_takes_the_answer_back(api: Api, root: Path) -> None:
    body = {"path": NOTEBOOK, "id": "F1.4", "answer": "waived", "text": "Targets pending."}
    assert api("answer", body)[0] == 200
    status, data = api("withdraw", {"path": NOTEBOOK, "id": "f1.4"})
    assert (status, data) == (200, {"id": "F1.4", "removed": 1})
    assert _entries(root, "F1.4") == []
    _, checklist = api("checklist", {"path": NOTEBOOK, "content": _content(root)})
    assert _item(checklist, "F1.4")["status"] == "open"


def test_withdrawing_what_was_never_answered_says_so(api: Api, root: Path) -> None:
    before = (root / RECORD).read_bytes()
    status, data = api("withdraw", {"path": NOTEBOOK, "id": "F1.4"})
    assert status == 400
    assert data["message"] == (
        "responsible-ai.yaml: has no answer to F1.4 for credit/credit_model.ipynb"
    )
    for body, says in [
        ({"path": NOTEBOOK}, "'id' must name a requirement"),
        ({"path": NOTEBOOK, "id": "F1.4", "scope": "cell"}, "'scope' must be"),
    ]:
        status, data = api("withdraw", body)
        assert status == 400 and says in data["message"]
    assert (root / RECORD).read_bytes() == before


def test_answers_left_by_a_rename_move_to_the_notebook(api: Api, renamed: Path) -> None:
    _, checklist = api("checklist", {"path": RENAMED, "content": _content(renamed.parent, RENAMED)})
    assert [p["id"] for p in checklist["problems"]] == ["RA104"]
    assert checklist["moved"] == [{"old": "notebooks/credit_v1.ipynb", "ids": ["F1.5", "T2.2"]}]
    assert _item(checklist, "F1.5")["status"] == "open"

    status, data = api("move", {"path": RENAMED, "old": "notebooks/credit_v1.ipynb"})
    assert (status, data) == (
        200,
        {"old": "notebooks/credit_v1.ipynb", "new": "notebooks/credit.ipynb", "moved": 2},
    )
    _, checklist = api("checklist", {"path": RENAMED, "content": _content(renamed.parent, RENAMED)})
    assert checklist["problems"] == [] and checklist["moved"] == []
    assert _item(checklist, "F1.5")["status"] == "waived"


def test_only_answers_of_a_missing_file_can_be_moved(api: Api, root: Path) -> None:
    """A request cannot take the answers of a file that still exists."""
    before = (root / RECORD).read_bytes()
    for old in ["credit/credit_model_fair.ipynb", "nowhere.ipynb", None]:
        status, data = api("move", {"path": NOTEBOOK, "old": old})
        assert status == 400 and "no longer exists" in data["message"]
    assert (root / RECORD).read_bytes() == before


@pytest.mark.usefixtures("no_git_identity")
def test_the_answerer_setting_comes_before_the_system_user(api: Api, root: Path) -> None:
    content = _content(root)
    _, checklist = api("checklist", {"path": NOTEBOOK, "content": content})
    assert checklist["answerer"]["source"] == "system"
    body = {"path": NOTEBOOK, "content": content, "answerer": "Dana Whitfield"}
    _, checklist = api("checklist", body)
    assert checklist["answerer"] == {"name": "Dana Whitfield", "source": "setting"}
    answer = {"path": NOTEBOOK, "id": "F1.4", "answer": "attested", "text": "RC-7."}
    status, _ = api("answer", {**answer, "answerer": "Dana Whitfield"})
    assert status == 200
    assert [e["by"] for e in _entries(root, "F1.4")] == ["Dana Whitfield"]
    status, data = api("answer", {**answer, "answerer": 7})
    assert status == 400 and "'answerer' must be a name" in data["message"]


def test_git_identity_still_comes_first(api: Api, root: Path) -> None:
    subprocess.run(["git", "init", "-q", str(root / "examples")], check=True)
    for key, value in [("user.name", "Ana Git"), ("user.email", "ana@example.com")]:
        subprocess.run(["git", "-C", str(root / "examples"), "config", key, value], check=True)
    body = {"path": NOTEBOOK, "content": _content(root), "answerer": "Dana Whitfield"}
    _, checklist = api("checklist", body)
    assert checklist["answerer"] == {"name": "Ana Git <ana@example.com>", "source": "git"}


def test_the_record_stamp_changes_when_the_record_does(api: Api, root: Path) -> None:
    status, before = api("record", params={"path": NOTEBOOK})
    assert status == 200 and before["record"] == "responsible-ai.yaml" and before["stamp"]
    assert api("record", params={"path": NOTEBOOK})[1] == before
    body = {"path": NOTEBOOK, "id": "F1.4", "answer": "attested", "text": "RC-7."}
    api("answer", body)
    assert api("record", params={"path": NOTEBOOK})[1]["stamp"] != before["stamp"]
    _, checklist = api("checklist", {"path": NOTEBOOK, "content": _content(root)})
    assert checklist["record"] == api("record", params={"path": NOTEBOOK})[1]


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        (
            "bad-date.yaml",
            "responsible-ai.yaml:15: not valid YAML: not a valid date "
            "(day is out of range for month)",
        ),
        ("bad-indent.yaml", "responsible-ai.yaml:7: not valid YAML: did not find expected '-' "),
    ],
)
def test_a_broken_record_gives_the_clis_message(
    api: Api, root: Path, fixture: str, message: str
) -> None:
    shutil.copy(FIXTURES / "jupyter" / "records" / fixture, root / RECORD)
    cli = subprocess.run(
        [sys.executable, "-m", "raiassist", "check", "credit/credit_model.ipynb"],
        cwd=root / "examples",
        capture_output=True,
        text=True,
        check=False,
    )
    assert cli.returncode == 2
    assert cli.stderr.startswith(f"raiassist: {message}")
    status, data = api("checklist", {"path": NOTEBOOK, "content": _content(root)})
    assert status == 409
    assert data["message"].startswith(message) and "traceback" not in data
    body = {"path": NOTEBOOK, "id": "F1.4", "answer": "attested", "text": "RC-7."}
    assert api("answer", body)[0] == 409
    assert (root / RECORD).read_bytes() == (FIXTURES / "jupyter" / "records" / fixture).read_bytes()
