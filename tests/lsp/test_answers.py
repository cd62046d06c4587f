"""Answers stay right in the editor: a rename is noticed and the answers follow it in one
action; an answer can be withdrawn; the checklist names who will be recorded."""

from __future__ import annotations

import shutil
from pathlib import Path

from lsprotocol import types as T
from pytest_lsp import LanguageClient

from raiassist.record import load_record
from tests.lsp.conftest import published
from tests.lsp.helpers import actions_for, add_folder, open_text, project_copy, request


def codes(items: list[T.Diagnostic]) -> set[str]:
    return {str(d.code) for d in items}


async def test_answers_left_by_a_rename_are_moved_here_from_the_editor(
    client: LanguageClient, tmp_path: Path
) -> None:
    project = project_copy(tmp_path)
    shutil.copy(project / "renamed-record.yaml", project / "responsible-ai.yaml")
    add_folder(client, project)
    uri = open_text(client, project / "train_credit.py")
    items = await published(client, uri, lambda d: "RA104" in codes(d))
    moved = next(d for d in items if d.code == "RA104")
    assert "train_credit_v1.py" in moved.message and "F1.5" in codes(items)
    (action,) = await actions_for(client, uri, moved)
    assert action.title == "Move the answers for train_credit_v1.py (F1.5) to this file"
    assert action.command is not None
    result = await client.workspace_execute_command_async(
        T.ExecuteCommandParams(action.command.command, action.command.arguments)
    )
    assert result["moved"] == 1
    entry = load_record(project / "responsible-ai.yaml").entries[0]
    assert (entry.scope, entry.reason) == (
        "train_credit.py",
        "Scored on synthetic applicants only.",
    )
    await published(client, uri, lambda d: not {"RA104", "F1.5"} & codes(d))


async def test_an_answer_is_withdrawn_from_the_editor(
    client: LanguageClient, tmp_path: Path
) -> None:
    project = project_copy(tmp_path)
    add_folder(client, project)
    uri = open_text(client, project / "train_credit.py")
    await published(client, uri, lambda d: "F2.5" in codes(d))
    answer = {"id": "F2.5", "answer": "waived", "path": "train_credit.py", "uri": uri}
    await client.workspace_execute_command_async(
        T.ExecuteCommandParams("raiassist.answer", [{**answer, "text": "Pilot only."}])
    )
    await published(client, uri, lambda d: "F2.5" not in codes(d))
    again = {**answer, "answer": "not-applicable", "text": "No decisions are made with it."}
    await client.workspace_execute_command_async(
        T.ExecuteCommandParams("raiassist.answer", [again])
    )
    entries = load_record(project / "responsible-ai.yaml").entries
    assert [(e.id, e.answer) for e in entries] == [("F2.5", "not-applicable")], (
        "replaced, not added"
    )
    checklist = await request(client, "raiassist/checklist", {"uri": uri})
    assert checklist["answerer"]["source"] in ("git", "setting", "system")
    assert checklist["answerer"]["name"]
    f25 = next(r for r in checklist["requirements"] if r["id"] == "F2.5")
    assert f25["status"] == "not-applicable"
    withdrawn = await client.workspace_execute_command_async(
        T.ExecuteCommandParams(
            "raiassist.withdraw", [{"id": "F2.5", "path": "train_credit.py", "uri": uri}]
        )
    )
    assert withdrawn == {"id": "F2.5", "removed": 1}
    assert load_record(project / "responsible-ai.yaml").entries == ()
    await published(client, uri, lambda d: "F2.5" in codes(d))
