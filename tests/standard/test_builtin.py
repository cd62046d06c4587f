"""The built-in pack against the facts of the Microsoft Responsible AI Standard v2."""

from __future__ import annotations

import pickle
import re

import pytest

from raiassist.resources import template_path
from raiassist.standard import Standard, load_standard, rules
from raiassist.standard.vocabulary import vocabulary

# Facts from the Standard's external release (June 2022): requirements per goal.
REQUIREMENTS_PER_GOAL = {
    "A1": 3,
    "A2": 3,
    "A3": 8,
    "A4": 5,
    "A5": 7,
    "T1": 6,
    "T2": 3,
    "T3": 5,
    "F1": 9,
    "F2": 9,
    "F3": 7,
    "RS1": 9,
    "RS2": 4,
    "RS3": 9,
    "PS1": 0,
    "PS2": 0,
    "I1": 0,
}
PRINCIPLES = {
    "accountability": ["A1", "A2", "A3", "A4", "A5"],
    "transparency": ["T1", "T2", "T3"],
    "fairness": ["F1", "F2", "F3"],
    "reliability-and-safety": ["RS1", "RS2", "RS3"],
    "privacy-and-security": ["PS1", "PS2"],
    "inclusiveness": ["I1"],
}


@pytest.fixture(scope="module")
def standard() -> Standard:
    return load_standard()


def test_every_goal_has_the_standards_requirements_numbered_from_one(standard: Standard) -> None:
    assert {g.id: len(standard.requirements_of(g.id)) for g in standard.goals} == (
        REQUIREMENTS_PER_GOAL
    )
    for goal in standard.goals:
        numbers = [int(r.id.split(".")[1]) for r in standard.requirements_of(goal.id)]
        assert numbers == list(range(1, len(numbers) + 1)), goal.id
    assert len(standard.requirements) == 87


def test_principles_group_the_goals(standard: Standard) -> None:
    grouped = {
        p.id: [g.id for g in standard.goals if g.principle == p.id] for p in standard.principles
    }
    assert grouped == PRINCIPLES


def test_goals_without_public_requirements_point_to_the_organisations_own_standard(
    standard: Standard,
) -> None:
    for goal in standard.goals:
        empty = not standard.requirements_of(goal.id)
        assert empty == (goal.points_to is not None), goal.id


def test_ids_are_unique_and_every_requirement_applies_somewhere(standard: Standard) -> None:
    ids = [r.id for r in standard.requirements]
    assert len(ids) == len(set(ids))
    for req in standard.requirements:
        assert req.applies_when is not None, req.id
        assert set(rules.signals(req.applies_when)) <= set(vocabulary().signals), req.id


def test_attestation_only_requirements_are_the_ones_code_cannot_evidence(
    standard: Standard,
) -> None:
    only_attested = [r for r in standard.requirements if r.satisfied_by == ("attestation",)]
    assert only_attested, "process requirements (reviews, escalation) need attestation"
    for req in only_attested:
        assert req.scope == "project", f"{req.id} can only be attested, so it is project-wide"


def test_inline_findings_are_few_and_anchored_on_signals(standard: Standard) -> None:
    inline = [r for r in standard.requirements if r.scope == "code"]
    assert 3 <= len(inline) <= 10
    for req in inline:
        assert req.anchor and set(req.anchor) <= set(vocabulary().signals)


def test_every_requirement_is_written_out(standard: Standard) -> None:
    for req in standard.requirements:
        for text in (req.title, req.summary, req.why, req.how_to_satisfy, req.prompt):
            assert len(text.split()) >= 3, (req.id, text)
        assert len(req.prompt) <= 120, req.id


def test_crosswalk_uses_known_identifiers_and_most_requirements_have_one(
    standard: Standard,
) -> None:
    mapped = [r for r in standard.requirements if any(refs for _, refs in r.crosswalk.items())]
    assert len(mapped) >= 80
    for req in mapped:
        for key, refs in req.crosswalk.items():
            for ref in refs:
                assert vocabulary().frameworks[key].base_id(ref), (req.id, ref)


def test_templates_exist_with_a_recognisable_heading_and_todo_placeholders(
    standard: Standard,
) -> None:
    used = {t for r in standard.requirements for t in r.templates}
    for name in used:
        lines = template_path(name).read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("## "), name
        ids = re.findall(r"[A-Z]+\d\.\d+", lines[1])
        assert ids and set(ids) <= set(standard.by_id), name
        assert any("[TODO:" in line for line in lines), name


def test_pack_files_validate_against_the_published_json_schema() -> None:
    import json

    import jsonschema
    import yaml

    from raiassist.resources import builtin_pack_path, guidance_dir
    from tests.helpers import FIXTURES

    schema = json.loads((guidance_dir() / "schema" / "pack.schema.json").read_text())
    packs = [builtin_pack_path("msrai-v2"), *(FIXTURES / "packs" / "valid").glob("*.yaml")]
    for path in packs:
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    bad = yaml.safe_load((FIXTURES / "packs" / "invalid" / "bad-severity.yaml").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_incident_files_validate_against_their_committed_json_schema() -> None:
    import json

    import jsonschema
    import yaml

    from raiassist.cli.schema_cmd import schema_text
    from raiassist.resources import builtin_incidents_path, guidance_dir

    committed = (guidance_dir() / "schema" / "incidents.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text("incidents"), (
        "run: raiassist schema incidents -o guidance/schema/incidents.schema.json"
    )
    path = builtin_incidents_path("msrai-v2")
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), json.loads(committed))


def test_rule_memos_stay_in_the_process_that_made_them() -> None:
    """The Standard is pickled to the on-disk cache; outcomes memoised by object id must not
    travel with it into another process, where those ids name other objects."""
    standard = load_standard()
    standard.rule_memos[frozenset({"trains-model"})] = {id(standard): True}
    copy = pickle.loads(pickle.dumps(standard))
    assert copy.rule_memos == {}
    assert copy.requirements == standard.requirements
