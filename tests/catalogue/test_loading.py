"""Loading catalogues: the built-in files, an organisation's own, and broken files whose
problems must be reported exactly as their `# expect:` lines say."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from raiassist.catalogue import load_catalogue
from raiassist.catalogue.loading import builtin_files
from raiassist.cli.schema_cmd import schema_text
from raiassist.errors import UserError
from raiassist.resources import guidance_dir
from tests.expectations import check
from tests.helpers import FIXTURES, run_cli
from tests.standard.test_loading import expectations

CATALOGUES = FIXTURES / "catalogues"
INVALID = sorted((CATALOGUES / "invalid").glob("*.yaml"))


@pytest.mark.parametrize("path", INVALID, ids=[p.name for p in INVALID])
def test_invalid_catalogue_reports_each_problem(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(path.parent)
    with pytest.raises(UserError) as caught:
        load_catalogue([path.name])
    got = sorted(str(p) for p in caught.value.problems)
    want = sorted(expectations(path))
    assert len(got) == len(want), got
    for line, expected in zip(got, want, strict=True):
        assert line.startswith(expected[:-3]) if expected.endswith("...") else line == expected


def test_an_organisation_extends_the_catalogue_without_code() -> None:
    org = CATALOGUES / "org"
    catalogue = load_catalogue(["acme.catalogue.yaml"], org)
    assert check(org / "scoring.py", catalogue) == []
    assert check(org / "scoring.py") != []  # the built-in catalogue alone knows none of it


def test_check_reads_the_catalogues_the_project_configures(tmp_path: Path) -> None:
    project = tmp_path / "org"
    shutil.copytree(CATALOGUES / "org", project)
    result = run_cli("check", "--format", "json", "scoring.py", cwd=project)
    assert result.returncode == 1, result.stderr
    signals = json.loads(result.stdout)["files"][0]["signals"]
    assert {"calls-llm-api", "personal-data", "sensitive-dataset"} <= set(signals)
    (project / "acme.catalogue.yaml").write_text("schema: raiassist-catalogue/1\nid: acme\n")
    broken = run_cli("check", "scoring.py", cwd=project)
    assert broken.returncode == 2
    assert "acme.catalogue.yaml" in broken.stderr and "title: is required" in broken.stderr


def test_a_changed_catalogue_file_is_read_again(tmp_path: Path) -> None:
    text = (CATALOGUES / "org" / "acme.catalogue.yaml").read_text(encoding="utf-8")
    (tmp_path / "acme.yaml").write_text(text, encoding="utf-8")
    before = load_catalogue(["acme.yaml"], tmp_path)
    assert before.rules_for("acme.llm_gateway.complete")
    (tmp_path / "acme.yaml").write_text(text.replace("llm_gateway", "gateway"), encoding="utf-8")
    after = load_catalogue(["acme.yaml"], tmp_path)
    assert not after.rules_for("acme.llm_gateway.complete")
    assert after.rules_for("acme.gateway.complete")


def test_committed_catalogue_schema_matches_the_models() -> None:
    committed = (guidance_dir() / "schema" / "catalogue.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text("catalogue"), (
        "run: raiassist schema catalogue -o guidance/schema/catalogue.schema.json"
    )


def test_catalogue_files_validate_against_the_published_json_schema() -> None:
    import jsonschema
    import yaml

    schema = json.loads((guidance_dir() / "schema" / "catalogue.schema.json").read_text())
    for path in [*builtin_files(), CATALOGUES / "org" / "acme.catalogue.yaml"]:
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    bad = yaml.safe_load((CATALOGUES / "invalid" / "bad-fields.yaml").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
