"""The Standard's verbs (`explain`, `standard`, `schema`, `--version`) as a user runs them."""

from __future__ import annotations

import json

import pytest

from raiassist import __version__
from raiassist.cli.schema_cmd import schema_text
from raiassist.resources import guidance_dir
from tests.helpers import FIXTURES, run_cli


def test_version() -> None:
    result = run_cli("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"raiassist {__version__}")


def verbs(only: str | None = None) -> list[str]:
    """Every verb the parser (for every verb, or for `only`) knows, read from the parser."""
    import argparse

    from raiassist.cli.main import build_parser

    actions = build_parser(only)._subparsers._group_actions  # type: ignore[union-attr]
    return sorted(
        a
        for action in actions
        if isinstance(action, argparse._SubParsersAction)
        for a in action.choices
    )


@pytest.mark.parametrize("verb", verbs())
def test_every_verb_has_help(verb: str) -> None:
    result = run_cli(verb, "--help")
    assert result.returncode == 0
    assert f"usage: raiassist {verb}" in result.stdout
    assert len(result.stdout.splitlines()) >= 4


def test_explain_prints_the_requirement_in_plain_words() -> None:
    result = run_cli("explain", "f1.5")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("F1.5 ")
    for heading in (
        "What it asks",
        "Why it matters",
        "How to satisfy it",
        "When it applies",
        "Evidence that satisfies it",
        "Crosswalk",
        "Source",
        "What raiassist recognises",
    ):
        assert f"\n{heading}\n" in out
    assert "Goal F1 Quality of service (Fairness)" in out
    assert "MEASURE 2.11" in out and "disaggregated-evaluation" in out
    assert "fairlearn" in out and "raiassist catalogue NAME" in out


def test_catalogue_lists_entries_with_their_documentation() -> None:
    result = run_cli("catalogue", "disaggregated-evaluation", "--format", "json")
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)["disaggregated-evaluation"]
    fairlearn = next(e for e in entries if e["id"] == "fairlearn")
    assert fairlearn["docs"].startswith("https://fairlearn.org/")
    text = run_cli("catalogue", "calls-llm-api").stdout
    assert "\ncalls-llm-api (" in text and "  openai: OpenAI Python SDK  [llm]  https://" in text
    entry = run_cli("catalogue", "openai").stdout
    assert entry.startswith("openai: OpenAI Python SDK  [llm]") and "calls-llm-api" in entry
    wrong = run_cli("catalogue", "calls-llm")
    assert wrong.returncode == 2 and "did you mean 'calls-llm-api'" in wrong.stderr


def test_explain_unknown_id_suggests_the_closest_and_exits_2() -> None:
    result = run_cli("explain", "RS3.10")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "no such requirement or goal" in result.stderr and "Traceback" not in result.stderr


def test_standard_json_lists_every_requirement_with_its_data() -> None:
    result = run_cli("standard", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["version"] == "raiassist-standard/1"
    assert len(data["requirements"]) == 87 and len(data["goals"]) == 17
    f15 = next(r for r in data["requirements"] if r["id"] == "F1.5")
    assert f15["goal"] == "F1" and f15["severity"] == "error" and f15["scope"] == "code"
    assert "trains-model" in f15["signals"] and f15["satisfied_by"] == ["disaggregated-evaluation"]
    assert "MEASURE 2.11" in f15["crosswalk"]["nist_ai_rmf"]
    assert set(f15) >= {"title", "tags", "applies_when", "anchor", "templates", "pack"}


def test_standard_uses_the_packs_configured_in_pyproject() -> None:
    result = run_cli("standard", "--format", "json", cwd=FIXTURES / "projects" / "org")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [p["id"] for p in data["packs"]] == ["msrai-v2", "contoso"]
    by_id = {r["id"]: r for r in data["requirements"]}
    assert by_id["F1.5"]["severity"] == "warning" and "CON1.1" in by_id and "RS3.9" not in by_id
    text = run_cli("standard", cwd=FIXTURES / "projects" / "org").stdout
    assert "CON1.1" in text and "Customer data minimisation" in text


def test_bad_configuration_is_exit_2_with_one_line_per_problem() -> None:
    result = run_cli("standard", cwd=FIXTURES / "projects" / "bad-config")
    assert result.returncode == 2
    lines = sorted(result.stderr.splitlines())
    assert lines == [
        "raiassist: pyproject.toml: tool.raiassist.fail-on: "
        "must be one of info, warning, error, never",
        "raiassist: pyproject.toml: tool.raiassist.selct: unknown key (did you mean 'select'?)",
    ]


def test_broken_pack_from_the_command_line_is_exit_2_without_traceback() -> None:
    result = run_cli("standard", "--pack", "bad-severity.yaml", cwd=FIXTURES / "packs" / "invalid")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "raiassist: bad-severity.yaml:20: requirements[0].severity: "
        "must be one of info, warning, error"
    )


def test_committed_pack_schema_matches_the_models() -> None:
    committed = (guidance_dir() / "schema" / "pack.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: raiassist schema -o guidance/schema/pack.schema.json"


def test_schema_verb_prints_the_same_schema() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"] == "raiassist pack"


def test_every_verb_is_listed_with_its_module() -> None:
    from raiassist.cli.main import VERBS

    assert sorted(VERBS) == verbs()
    for verb in VERBS:  # the parser made for one verb knows it (and its module's others)
        assert verb in verbs(verb) and len(verbs(verb)) < len(VERBS)
