"""Class 3: every surface writes only inside the project of the file answered, the notebook
server only inside its root; packs chosen by someone else are read only when built in or
inside the project; errors never echo a file's values; the language server checks every
argument of `raiassist.answer`."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types as T
from pygls.exceptions import JsonRpcInvalidParams
from pytest_lsp import LanguageClient

from tests.helpers import FIXTURES, run_cli
from tests.jupyter.conftest import NOTEBOOK, Api
from tests.lsp.helpers import add_folder, open_text, project_copy

SECRET = "hunter2-do-not-echo"
SECRET_FILE = FIXTURES / "hostile" / "secret.yaml"
PACKS = FIXTURES / "hostile" / "packs"


def _records(folder: Path) -> dict[Path, bytes]:
    """Every YAML file under `folder`, with its content."""
    return {p: p.read_bytes() for p in folder.rglob("*.yaml") if p.is_file()}


@pytest.mark.parametrize("record", ["/tmp/elsewhere.yaml", "../../x.yaml", "a/../../x.yaml", ""])
def test_record_in_configuration_must_stay_inside_the_project(tmp_path: Path, record: str) -> None:
    project = tmp_path / "a" / "b"
    project.mkdir(parents=True)
    (project / "raiassist.toml").write_text(f"record = {json.dumps(record)}\n")
    for args in (
        ["check", str(project)],
        ["attest", "A1.1", "--note", "n", "--path", str(project)],
    ):
        result = run_cli(*args)
        assert result.returncode == 2
        assert "'record' must be a path relative to the project" in result.stderr
    assert sorted(p.name for p in tmp_path.rglob("*.yaml")) == []


def test_a_record_linked_outside_the_project_is_not_written(tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside.yaml"
    project.mkdir()
    (project / "raiassist.toml").write_text("")
    outside.write_text("version: 1\nentries:\n")
    (project / "responsible-ai.yaml").symlink_to(outside)
    result = run_cli("attest", "A1.1", "--note", "n", cwd=project)
    assert result.returncode == 2 and "outside the project" in result.stderr
    assert outside.read_text() == "version: 1\nentries:\n"


def _answer(api: Api, path: str) -> tuple[int, Any]:
    return api("answer", {"path": path, "id": "F1.5", "answer": "waived", "text": "x"})


def test_the_notebook_server_writes_no_record_outside_its_root(
    api: Api, root: Path, notebook: dict[str, Any]
) -> None:
    """A configuration above the root, one inside it naming a record elsewhere, and a record
    that is a link out of the root: each refused, nothing written anywhere."""
    (root / "nb").mkdir()
    (root / "nb" / "credit.ipynb").write_text(json.dumps(notebook))
    (root.parent / "raiassist.toml").write_text("")  # the project reaches above the root
    before = _records(root.parent)
    code, data = _answer(api, "nb/credit.ipynb")
    assert (code, "outside the server's root" in data["message"]) == (403, True)
    (root / "nb" / "raiassist.toml").write_text('record = "/tmp/raiassist-escape.yaml"\n')
    code, data = _answer(api, "nb/credit.ipynb")
    assert (code, "'record' must be a path relative" in data["message"]) == (409, True)
    (root / "nb" / "raiassist.toml").write_text("")
    (root / "nb" / "responsible-ai.yaml").symlink_to(root.parent / "linked.yaml")
    code, data = _answer(api, "nb/credit.ipynb")
    assert (code, "outside the server's root" in data["message"]) == (403, True)
    assert _records(root.parent) == before
    assert not (root.parent / "linked.yaml").exists()
    assert not Path("/tmp/raiassist-escape.yaml").exists()


@pytest.mark.parametrize("where", ["outside", "inside"])
def test_the_notebook_server_reads_no_pack_outside_the_project_and_echoes_no_value(
    api: Api, root: Path, where: str
) -> None:
    config = root / "examples" / "raiassist.toml"
    if where == "outside":
        shutil.copyfile(SECRET_FILE, root.parent / "secret.yaml")
        pack = "../../secret.yaml"
    else:  # inside the project, but a broken pack full of secret values
        shutil.copyfile(PACKS / "secret-values.yaml", root / "examples" / "org.yaml")
        pack = "org.yaml"
    config.write_text(config.read_text().replace('"msrai-v2"', f'"msrai-v2", "{pack}"'))
    code, data = api("checklist", {"path": NOTEBOOK, "content": {"cells": []}})
    assert code == 409, data
    assert SECRET not in json.dumps(data)
    if where == "outside":
        assert "outside the project" in data["message"]


async def test_the_language_server_refuses_answer_arguments_that_do_not_fit(
    client: LanguageClient, tmp_path: Path
) -> None:
    project = project_copy(tmp_path)
    add_folder(client, project)
    uri = open_text(client, project / "train_credit.py")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    good = {"id": "F2.5", "answer": "attested", "text": "Rates compared.", "uri": uri}
    for changed in (
        {"answer": "bogus"},
        {"id": {"not": "a string"}},
        {"expires": "next year"},
        {"path": "../../outside.py"},
        {"uri": (elsewhere / "x.py").as_uri()},
        {"uri": "file:///"},
        {"surprise": True},
    ):
        with pytest.raises(JsonRpcInvalidParams):
            await client.workspace_execute_command_async(
                T.ExecuteCommandParams("raiassist.answer", [{**good, **changed}])
            )
    assert not (project / "responsible-ai.yaml").exists()
    assert not list(elsewhere.iterdir())
    assert not Path("/responsible-ai.yaml").exists()


async def test_packs_from_editor_settings_stay_inside_the_project(
    client: LanguageClient, tmp_path: Path
) -> None:
    project = project_copy(tmp_path)
    shutil.copyfile(SECRET_FILE, tmp_path / "secret.yaml")
    settings = {"raiassist": {"packs": [str(tmp_path / "secret.yaml")]}}
    client.workspace_did_change_configuration(T.DidChangeConfigurationParams(settings))
    open_text(client, project / "train_credit.py")
    async with asyncio.timeout(20):
        while not any("outside the project" in m.message for m in client.messages):
            await asyncio.sleep(0.01)
    assert all(SECRET not in m.message for m in client.messages)


def test_a_project_document_linked_from_outside_is_not_read(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "raiassist.toml").write_text("")
    (project / "train.py").write_text(
        "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n"
        "df = pd.read_csv('a.csv')\nLogisticRegression().fit(df[['sex']], df['y'])\n"
    )
    outside = tmp_path / "notes.md"
    outside.write_text(f"# Model card\n## Intended uses {SECRET}\nwords words words words words\n")
    (project / "MODEL_CARD.md").symlink_to(outside)
    result = run_cli("check", str(project), "--format", "json", "--show", "info")
    assert result.returncode in (0, 1), result.stderr
    assert SECRET not in result.stdout and "MODEL_CARD.md" not in result.stdout
