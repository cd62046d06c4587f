"""`raiassist check` as users and CI run it: text, exit codes, every output format."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from tests.helpers import FIXTURES, ROOT, corpus, run_cli

EXAMPLES = ROOT / "examples"
WAIVERS = FIXTURES / "projects" / "waivers"


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line]


def test_examples_report_open_errors_on_the_lines_that_need_them() -> None:
    result = run_cli("check", "examples")
    assert result.returncode == 1, result.stderr
    out = lines(result.stdout)
    credit = "examples/credit/credit_model.ipynb"
    assert f"{credit}:cell_7:2:19: F1.5 error Evaluate the model per sensitive group" in "\n".join(
        out
    )
    assert any(line.startswith(f"{credit}:cell_7:2:19: F2.5 error") for line in out)
    assert any(line.startswith(f"{credit}:cell_8:3:1: T2.2 warning") for line in out)
    assert any(
        line.startswith("examples/chatbot/support_bot.py:15:16: T3.2 warning") for line in out
    )
    fair = [line for line in out if "credit_model_fair" in line]
    assert fair == [], "the evaluated notebook is clean: met, attested or waived"
    assert not any("sales_summary" in line for line in out), "plain analysis stays quiet"
    assert out[-1].startswith("Checked 4 files: 2 errors, ")


def test_nothing_applicable_exits_0_with_a_quiet_summary() -> None:
    result = run_cli("check", "examples/analysis/sales_summary.ipynb")
    assert (result.returncode, result.stdout.strip()) == (
        0,
        "Checked 1 file: nothing open to act on.",
    )


def test_fail_on_show_select_and_quiet() -> None:
    assert run_cli("check", "examples", "--fail-on", "never").returncode == 0
    only = run_cli("check", "examples", "--select", "F1", "-q")
    assert {line.split()[1] for line in lines(only.stdout)} == {"F1.5", "F1.4"}
    shown = run_cli("check", "examples/chatbot", "--show", "info", "-q").stdout
    assert " info " in shown and "F3.1" in shown


def test_waivers_answers_and_config_of_a_project() -> None:
    result = run_cli("check", str(WAIVERS.relative_to(ROOT)), "--format", "json")
    assert result.returncode == 1  # fail-on = "warning"
    data = json.loads(result.stdout)
    files = {Path(f["relative"]).as_posix(): f for f in data["files"]}
    assert set(files) == {"train.py", "notebooks/explore.py"}, "scratch/ is excluded"
    train = {r["id"]: r for r in files["train.py"]["requirements"]}
    assert train["F1.5"]["status"] == "waived"
    assert train["F1.5"]["waiver"]["reason"] == (
        "per-group evaluation runs in the nightly fairness job (FAIR-12)"
    )
    assert (train["F2.5"]["status"], train["F2.5"]["answer"]["answer"]) == (
        "not-applicable",
        "not-applicable",
    )
    assert (train["A4.2"]["status"], train["A4.2"]["severity"]) == ("waived", "error")
    assert train["A1.1"]["status"] == "open", "the attestation expired"
    problems = {p["id"]: p for p in files["train.py"]["problems"]}
    assert {p: problems[p]["locations"][0]["line"] for p in problems} == {
        "RA101": 16,
        "RA100": 17,
        "RA102": 18,
        "RA103": 19,
    }
    explore = {r["id"] for r in files["notebooks/explore.py"]["requirements"]}
    assert not {i for i in explore if i.startswith(("F1.", "F2."))}, "per-path ignores"
    record = {p["id"]: p["message"] for p in data["project"]["problems"]}
    assert record == {
        "RA102": "attested answer for A1.1 (project) expired on 2026-08-20",
        "RA103": "record entry for unknown requirement Z9.1",
    }


def test_json_is_versioned_and_lists_every_applicable_requirement() -> None:
    data = json.loads(run_cli("check", "examples", "--format", "json").stdout)
    assert data["version"] == "raiassist-check/1"
    assert data["summary"]["failed"] is True
    files = {Path(f["relative"]).as_posix(): f for f in data["files"]}
    assert files["analysis/sales_summary.ipynb"]["requirements"] == []
    fair = {r["id"]: r for r in files["credit/credit_model_fair.ipynb"]["requirements"]}
    f15 = fair["F1.5"]
    assert f15["status"] == "met"
    assert [(x["cell"], x["line"], x["column"]) for x in f15["locations"]] == [(7, 2, 19)]
    assert f15["evidence"][0]["kind"] == "disaggregated-evaluation"
    assert f15["evidence"][0]["detail"] == "fairlearn MetricFrame by 'sex'"
    assert f15["evidence"][0]["because"] == "fairlearn"
    source = files["credit/credit_model_fair.ipynb"]["sources"]["fairlearn"]
    assert (source["name"], source["catalogue"]) == ("fairlearn", "fairness")
    assert source["docs"].startswith("https://fairlearn.org/")
    assert (f15["evidence"][0]["cell"], f15["evidence"][0]["line"]) == (9, 3)
    assert fair["A2.2"]["answer"]["by"] == "Dana Whitfield <dana.whitfield@example.com>"
    assert fair["T2.2"]["waiver"]["reason"].startswith("the model card lives in the model registry")
    credit = {r["id"]: r for r in files["credit/credit_model.ipynb"]["requirements"]}
    loc = credit["F1.5"]["locations"][0]
    assert (loc["cell"], loc["line"], loc["column"]) == (6, 2, 19)
    assert {"trains-model", "sensitive-attribute"} <= {s["name"] for s in credit["F1.4"]["signals"]}
    for requirement in credit.values():
        assert set(requirement) >= {
            "id",
            "goal",
            "status",
            "severity",
            "locations",
            "evidence",
            "signals",
            "waiver",
            "answer",
        }


def sarif_schema() -> dict[str, object]:
    cache = os.environ.get("RAIASSIST_TEST_CACHE", str(Path.home() / ".cache" / "raiassist-test"))
    path = Path(cache) / "sarif-2.1.0-rtm.5.json"
    assert path.is_file(), "run scripts/test-deps to fetch the SARIF schema"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_sarif_is_valid_and_carries_rules_crosswalk_and_suppressions() -> None:
    result = run_cli("check", "examples", "--format", "sarif")
    sarif = json.loads(result.stdout)
    jsonschema.validate(sarif, sarif_schema())
    run = sarif["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert "MEASURE 2.11" in rules["F1.5"]["properties"]["crosswalk"]["nist_ai_rmf"]
    assert rules["F1.5"]["fullDescription"]["text"]
    waived = [r for r in run["results"] if r.get("suppressions")]
    assert [(r["ruleId"], r["suppressions"][0]["kind"]) for r in waived] == [("T2.2", "inSource")]
    f15 = next(r for r in run["results"] if r["ruleId"] == "F1.5")
    region = f15["locations"][0]["physicalLocation"]["region"]
    notebook = (EXAMPLES / "credit" / "credit_model.ipynb").read_text().splitlines()
    assert "accuracy_score" in notebook[region["startLine"] - 1], "points into the .ipynb file"


def test_github_annotations_and_junit() -> None:
    github = lines(run_cli("check", "examples", "--format", "github").stdout)
    assert any(
        a.startswith("::error file=examples/credit/credit_model.ipynb,line=") for a in github
    )
    assert all(a.startswith(("::error ", "::warning ", "::notice ")) for a in github)
    junit = ET.fromstring(run_cli("check", "examples", "--format", "junit").stdout)
    suites = {s.get("name"): s for s in junit.iter("testsuite")}
    assert suites["examples/credit/credit_model.ipynb"].get("failures") == "6"
    assert suites["examples/credit/credit_model_fair.ipynb"].get("skipped") == "1"


def test_output_file_is_written_and_checked_files_are_not(tmp_path: Path) -> None:
    before = {
        p: hashlib.sha256(p.read_bytes()).hexdigest() for p in EXAMPLES.rglob("*") if p.is_file()
    }
    result = run_cli("check", "examples", "--format", "json", "-o", str(tmp_path / "out.json"))
    assert result.returncode == 1 and result.stdout == ""
    assert json.loads((tmp_path / "out.json").read_text())["version"] == "raiassist-check/1"
    after = {
        p: hashlib.sha256(p.read_bytes()).hexdigest() for p in EXAMPLES.rglob("*") if p.is_file()
    }
    assert after == before


def test_internal_errors_exit_3_with_a_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from raiassist.cli.main import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("raiassist.cli.check_cmd.check_paths", explode)
    assert main(["check", "examples"]) == 3
    err = capsys.readouterr().err
    log = tmp_path / "raiassist" / "raiassist.log"
    assert err.strip() == f"raiassist: internal error; details are in {log}"
    assert "RuntimeError: a bug" in log.read_text()


def test_every_corpus_file_is_checked_without_a_crash() -> None:
    folder = corpus()
    result = run_cli("check", str(folder), "--format", "json", timeout=600)
    assert result.returncode in (0, 1), result.stderr
    data = json.loads(result.stdout)
    expected = {p.resolve() for p in folder.rglob("*") if p.suffix in (".py", ".ipynb")}
    assert len(expected) > 50
    assert {(ROOT / f["path"]).resolve() for f in data["files"]} == expected
    crashed = [
        (f["path"], p["message"])
        for f in data["files"]
        for p in f["problems"]
        if p["id"] == "RA003"
    ]
    assert crashed == []


def test_gitignored_and_tool_folders_are_skipped(tmp_path: Path) -> None:
    import shutil
    import subprocess

    project = tmp_path / "project"
    for folder in ("notebooks", "build", ".ipynb_checkpoints", "private"):
        (project / folder).mkdir(parents=True)
        shutil.copy(EXAMPLES / "credit" / "credit_model.ipynb", project / folder / "model.ipynb")
    (project / ".gitignore").write_text("private/\n")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    data = json.loads(run_cli("check", str(project), "--format", "json").stdout)
    assert [Path(f["relative"]).as_posix() for f in data["files"]] == ["notebooks/model.ipynb"]


@pytest.mark.parametrize("closed", [1, 2])
def test_a_closed_output_stream_changes_nothing_but_what_is_seen(closed: int) -> None:
    """`raiassist check 2>&-` (or `>&-`): Python then has no such stream; the exit code must
    still say what the check found, not that raiassist broke."""
    result = subprocess.run(
        [sys.executable, "-m", "raiassist", "check", "examples/analysis"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=lambda: os.close(closed),
    )
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert ("nothing open" in result.stdout) == (closed == 2)
