"""Class 6: bad input is a finding for its file or an exit-2 message, never an internal
error (exit 3) and never an HTTP 500: symbolic-link loops, notebooks whose `nbformat` is no
version, file names that are not UTF-8, YAML nested hundreds deep, history holding links
out of the tree, merged reports with the right keys and the wrong types, `-o` where no file
can go. (A record that is a folder, unreadable, in a missing folder or a dangling link:
`test_record_edits.py`.)"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, run_cli
from tests.hostile import generate
from tests.hostile.generate import project
from tests.jupyter.conftest import NOTEBOOK, Api

HOSTILE = FIXTURES / "hostile"
NBFORMATS = sorted((HOSTILE / "documents").glob("nbformat-*.ipynb"))
REPORTS = HOSTILE / "reports"
TRAINS = (
    "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n"
    "df = pd.read_csv('a.csv')\nLogisticRegression().fit(df[['sex', 'age']], df['y'])\n"
)
ODD_NAMES = [b"caf\xe9.py", b"tab\there.py", b"esc\x1b[31mred.py", b"nl\nname.py"]


def files_of(result: subprocess.CompletedProcess[str]) -> dict[str, dict]:  # type: ignore[type-arg]
    assert result.returncode in (0, 1), result.stderr
    return {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}


def test_symbolic_link_loops_are_a_finding_for_their_file(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (folder / "self.py").symlink_to("self.py")
    (folder / "a.ipynb").symlink_to("b.ipynb")
    (folder / "b.ipynb").symlink_to("a.ipynb")
    (folder / "loop").symlink_to(".", target_is_directory=True)
    for target in (folder, folder / "self.py", folder / "a.ipynb"):
        files = files_of(run_cli("check", str(target), "--format", "json"))
        looped = {n: f for n, f in files.items() if n != "train.py"}
        assert looped and all("symbolic links form a loop" in f["error"] for f in looped.values())


@pytest.mark.parametrize("looped", ["responsible-ai.yaml", "org.yaml"])
def test_a_looping_record_or_pack_is_an_exit_2_message(tmp_path: Path, looped: str) -> None:
    folder = project(tmp_path)
    (folder / looped).symlink_to(looped)
    result = run_cli(
        "check", str(folder), *(["--pack", "org.yaml"] if looped == "org.yaml" else []), cwd=folder
    )
    assert result.returncode == 2 and "symbolic links form a loop" in result.stderr


@pytest.mark.parametrize("fixture", NBFORMATS, ids=[p.stem for p in NBFORMATS])
def test_an_nbformat_that_is_no_version_is_a_finding(fixture: Path) -> None:
    files = files_of(run_cli("check", str(fixture), "--format", "json"))
    assert files[fixture.name]["error"] == "not a notebook: 'nbformat' is not a whole number"


@pytest.mark.parametrize("fixture", NBFORMATS, ids=[p.stem for p in NBFORMATS])
def test_the_notebook_server_answers_400_for_them(api: Api, fixture: Path) -> None:
    content = json.loads(fixture.read_text())
    status, data = api("checklist", {"path": NOTEBOOK, "content": content})
    assert status == 400 and "'nbformat' is not a whole number" in data["message"]


def test_a_body_nested_too_deeply_is_a_400(api: Api) -> None:
    status, data = api(
        "checklist", '{"path": "x", "content": ' + "[" * 100_000 + "]" * 100_000 + "}"
    )
    assert status == 400 and "Invalid JSON" in data["message"]


@pytest.mark.parametrize("name", ODD_NAMES, ids=["latin-1", "tab", "escape", "newline"])
def test_odd_file_names_give_valid_output_in_every_format(tmp_path: Path, name: bytes) -> None:
    folder = project(tmp_path)
    odd = Path(os.fsdecode(os.fsencode(folder) + b"/" + name))
    odd.write_text("import pandas as pd\ndf = pd.read_csv('a.csv')\ndf['sex\\x1b[2J'].mean()\n")
    for fmt in ("json", "sarif"):
        out = tmp_path / f"out.{fmt}"
        result = run_cli("check", str(folder), "--format", fmt, "-o", str(out), "--show", "info")
        assert result.returncode in (0, 1), result.stderr
        json.loads(out.read_bytes().decode("utf-8"))  # valid UTF-8 JSON
    for fmt in ("text", "github", "junit"):
        result = run_cli("check", str(folder), "--format", fmt, "--show", "info")
        assert result.returncode in (0, 1), result.stderr
        assert "\x1b" not in result.stdout and "\t" not in result.stdout.replace("\n", "")
    junit = run_cli("check", str(folder), "--format", "junit", "--show", "info").stdout
    import xml.etree.ElementTree as ET

    ET.fromstring(junit.encode())  # characters XML forbids are escaped
    report = run_cli(
        "report", str(folder), "-o", os.fsdecode(os.fsencode(tmp_path) + b"/r\xff.html")
    )
    assert report.returncode == 0, report.stderr


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("responsible-ai.yaml", "version: 1\n" + generate.nested_yaml(500, "deep")),
        (
            "org.yaml",
            'schema: raiassist-pack/1\nid: org\ntitle: Org\nversion: "1"\nconditions:\n'
            "  deep: " + "{any: [" * 900 + "trains-model" + "]}" * 900 + "\n",
        ),
    ],
    ids=["record-500-deep", "pack-rule-900-deep"],
)
def test_yaml_nested_hundreds_deep_is_an_exit_2_message(
    tmp_path: Path, name: str, text: str
) -> None:
    folder = project(tmp_path)
    (folder / name).write_text(text)
    packs = ["--pack", "org.yaml"] if name == "org.yaml" else []
    result = run_cli("check", str(folder), *packs, cwd=folder)
    assert result.returncode == 2 and "nested more than 64 levels deep" in result.stderr
    assert name in result.stderr


def test_history_with_links_out_of_the_tree_is_read(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (folder / "train.py").write_text(TRAINS)
    (folder / "passwd.py").symlink_to("/etc/passwd")
    (folder / "up.py").symlink_to("../../../x.py")
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2026-10-05T10:00",
        "GIT_COMMITTER_DATE": "2026-10-05T10:00",
    }
    for args in (
        ["init", "-q"],
        ["add", "."],
        ["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)
    result = run_cli("report", str(folder), "--since", "2026-10-01", "-o", str(tmp_path / "r.html"))
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "r.json").read_text())
    assert len(data["trend"]) == 1 and data["trend"][0]["applicable"] > 0
    assert data["trend"][0]["applicable"] == data["metrics"]["applicable"]


@pytest.mark.parametrize(
    ("fixture", "field"),
    [
        ("goals-a-number.json", "goals"),
        ("metric-a-string.json", "metrics.applicable"),
        ("project-a-list.json", "project"),
        ("goal-without-title.json", "goals[0].title"),
        ("coverage-a-dict.json", "metrics.coverage"),
    ],
)
def test_merged_reports_with_the_wrong_types_are_refused(
    tmp_path: Path, fixture: str, field: str
) -> None:
    result = run_cli("report", "--merge", str(REPORTS / "good.json"), str(REPORTS / fixture),
                     "-o", str(tmp_path / "org.html"))  # fmt: skip
    assert result.returncode == 2
    assert f"{fixture}: {field}:" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "org.html").exists()


@pytest.mark.parametrize("where", ["folder", "missing/out"])
def test_output_where_no_file_can_go_is_an_exit_2_message(tmp_path: Path, where: str) -> None:
    folder = project(tmp_path)
    target = tmp_path / where
    if where == "folder":
        target.mkdir()
    for args, suffix in (
        (["check", str(folder), "--format", "json"], ".json"),
        (["report", str(folder)], ".html"),
    ):
        result = run_cli(*args, "-o", str(target) + ("" if where == "folder" else suffix))
        assert result.returncode == 2, result.stderr
        assert ("is a folder" if where == "folder" else "cannot write") in result.stderr


def test_a_broken_record_is_a_409_from_the_notebook_server(api: Api, root: Path) -> None:
    record = root / "examples" / "responsible-ai.yaml"
    record.write_text("version: 1\n" + generate.nested_yaml(500, "deep"))
    status, data = api("checklist", {"path": NOTEBOOK, "content": {"cells": []}})
    assert status == 409 and "responsible-ai.yaml" in data["message"]
    assert "nested more than 64 levels" in data["message"]
