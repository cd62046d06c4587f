"""The server extension's routes against a real Jupyter server: the checklist of a notebook's
current content, explanations, templates, answers, and what it refuses."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import yaml

from tests.jupyter.conftest import NOTEBOOK, Api, Fetch


def item(checklist: dict[str, Any], requirement: str) -> dict[str, Any]:
    return next(r for r in checklist["requirements"] if r["id"] == requirement)


def test_checklist_is_the_json_report_of_one_file_plus_goals(
    api: Api, notebook: dict[str, Any]
) -> None:
    status, data = api("checklist", {"path": NOTEBOOK, "content": notebook})
    assert status == 200
    assert data["relative"] == "credit/credit_model.ipynb" and data["kind"] == "notebook"
    f15 = item(data, "F1.5")
    assert (f15["status"], f15["severity"], f15["goal"]) == ("open", "error", "F1")
    assert f15["locations"][0]["cell"] == 6
    assert item(data, "F2.5")["status"] == "open"
    assert {"id", "title", "principle"} <= data["goals"][0].keys()
    assert "F1" in [g["id"] for g in data["goals"]]
    lines = {line["requirement"]: line for line in data["incidents"]}
    f25 = lines["F2.5"]  # the one incident line the item detail shows
    assert (f25["id"], f25["url"]) == (
        "health-cost-proxy",
        "https://science.sciencemag.org/content/366/6464/447/tab-figures-data",
    )
    assert f25["text"] == "A health-care risk score used spending as a stand-in for need (2019)"
    assert set(lines) <= {r["id"] for r in data["requirements"]}


def test_unsaved_edits_count(api: Api, with_evaluation: dict[str, Any]) -> None:
    status, data = api("checklist", {"path": NOTEBOOK, "content": with_evaluation})
    assert status == 200
    f15 = item(data, "F1.5")
    assert f15["status"] == "met"
    assert f15["evidence"][0]["kind"] == "disaggregated-evaluation"
    assert f15["evidence"][0]["cell"] == 8


def test_explain_gives_the_requirement_in_plain_words(api: Api) -> None:
    status, data = api("requirements/F1.5", params={"path": NOTEBOOK})
    assert status == 200 and data["id"] == "F1.5"
    assert [s["title"] for s in data["sections"]][:3] == [
        "What it asks",
        "Why it matters",
        "How to satisfy it",
    ]
    status, data = api("requirements/ZZ9.9", params={"path": NOTEBOOK})
    assert status == 404 and "ZZ9.9" in data["message"]


def test_standard_is_the_cli_json(api: Api) -> None:
    status, data = api("standard", params={"path": NOTEBOOK})
    assert status == 200 and data["version"] == "raiassist-standard/1"


def test_templates_fill_the_evaluation_from_the_notebook(
    api: Api, notebook: dict[str, Any]
) -> None:
    status, data = api("templates", {"path": NOTEBOOK, "content": notebook, "id": "F1.5"})
    assert status == 200 and data["index"] == 7
    code = next(t for t in data["templates"] if t["kind"] == "code")
    # the same choice as the language server's quick fix: the first sensitive column seen
    assert "y_true=y_test,\n    y_pred=y_pred," in code["text"]
    assert 'sensitive_features=df.loc[y_test.index, "age"]' in code["text"]
    markdown = next(t for t in data["templates"] if t["kind"] == "markdown")
    assert markdown["name"] == "fairness-evaluation" and "[TODO" in markdown["text"]


def test_an_attestation_lands_in_the_record(api: Api, root: Path) -> None:
    body = {"path": NOTEBOOK, "id": "F1.4", "answer": "attested", "text": "Targets in RC-7."}
    status, data = api("answer", body)
    assert status == 200, data
    record = yaml.safe_load((root / "examples" / "responsible-ai.yaml").read_text())
    entry = record["entries"][-1]
    assert entry["id"] == "F1.4" and entry["scope"] == "credit/credit_model.ipynb"
    assert entry["note"] == "Targets in RC-7."
    _, checklist = api("checklist", {"path": NOTEBOOK, "content": _notebook(root)})
    assert item(checklist, "F1.4")["status"] == "met"


def test_concurrent_answers_are_all_kept(
    fetch: Fetch, jp_asyncio_loop: asyncio.AbstractEventLoop, root: Path
) -> None:
    ids = ["A1.1", "A1.2", "A1.3", "A2.1", "A2.3", "A3.1", "A3.2", "A3.3", "A3.4", "F1.4"]
    bodies = [{"path": NOTEBOOK, "id": i, "answer": "waived", "text": f"reason {i}"} for i in ids]
    together = asyncio.gather(*(fetch("answer", b) for b in bodies))
    results = jp_asyncio_loop.run_until_complete(together)
    assert [status for status, _ in results] == [200] * len(ids)
    record = yaml.safe_load((root / "examples" / "responsible-ai.yaml").read_text())
    assert {e["id"] for e in record["entries"]} >= set(ids)
    assert record["entries"][0]["id"] == "A2.2"  # what was there before is still there


def test_an_answer_needs_its_words(api: Api, root: Path) -> None:
    before = (root / "examples" / "responsible-ai.yaml").read_bytes()
    for body, says in [
        ({"path": NOTEBOOK, "id": "F1.5", "answer": "waived", "text": " "}, "reason"),
        ({"path": NOTEBOOK, "id": "F1.5", "answer": "maybe", "text": "x"}, "answer"),
        ({"path": NOTEBOOK, "id": "NOPE1", "answer": "waived", "text": "x"}, "no such"),
    ]:
        status, data = api("answer", body)
        assert status == 400 and says in data["message"]
    assert (root / "examples" / "responsible-ai.yaml").read_bytes() == before


def _notebook(root: Path) -> Any:
    return json.loads((root / NOTEBOOK).read_text(encoding="utf-8"))
