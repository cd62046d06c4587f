"""Incidents as data: the built-in ones cover every goal with public requirements and cite
checkable sources; an organisation pack adds its own, hides built-in ones, and disabling a
requirement drops it from the incidents that name it. Fixtures that must fail are under
tests/fixtures/packs/invalid/incident-*.yaml."""

from __future__ import annotations

import re

import pytest

from raiassist.missed import lines_json, one_line
from raiassist.standard import load_standard
from tests.helpers import FIXTURES

SENTENCE_END = re.compile(r"[.!?] +(?=[A-Z\"])")


def test_every_goal_with_public_requirements_has_at_least_two_incidents() -> None:
    standard = load_standard()
    goals = [g.id for g in standard.goals if standard.requirements_of(g.id)]
    assert len(goals) == 14
    for goal in goals:
        assert len(standard.incidents_of_goal(goal)) >= 2, goal


def test_each_builtin_incident_is_short_and_cites_web_sources() -> None:
    standard = load_standard()
    assert len(standard.incidents) >= 28
    for incident in standard.incidents:
        assert incident.pack == "msrai-v2"
        assert len(SENTENCE_END.findall(incident.summary)) <= 2, incident.id  # 2-3 sentences
        assert 1900 < incident.year <= 2025 and len(incident.title) <= 100
        assert incident.sources and all(
            s.url.startswith(("https://", "http://")) for s in incident.sources
        )
        for req in incident.requirements:
            assert standard.by_id[req].goal in incident.goals, (incident.id, req)


def test_one_line_is_the_first_incident_that_names_the_requirement_else_its_goals() -> None:
    standard = load_standard()
    line = one_line(standard, "F1.5")
    assert line is not None and line.id == "gender-shades"
    assert line.text == "Commercial face analysis failed darker-skinned women most (2018)"
    assert "\n" not in line.text
    rs39 = one_line(standard, "RS3.9")  # no incident names RS3.9: its goal's first one
    assert rs39 is not None and rs39.id == standard.incidents_of_goal("RS3")[0].id
    assert one_line(standard, "PS1.1") is None
    assert [line["requirement"] for line in lines_json(standard, ["F1.5", "F1.5", "NOPE"])] == [
        "F1.5"
    ]


@pytest.fixture
def org(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(FIXTURES / "packs" / "valid")
    return load_standard(["org-incidents.yaml"])


def test_an_org_pack_adds_its_own_incident_first_and_hides_a_builtin_one(org) -> None:  # type: ignore[no-untyped-def]
    ids = [i.id for i in org.incidents]
    assert ids[0] == "contoso-pm-12", "the organisation's own post-mortems lead"
    assert "gender-shades" not in ids and "face-recognition-demographics" in ids
    assert org.incidents[0].pack == "contoso-incidents"
    line = one_line(org, "F1.5")
    assert line is not None and line.url == "https://wiki.contoso.example/post-mortems/pm-12"
    assert len(org.incidents) == len(load_standard().incidents)  # one added, one hidden


def test_a_disabled_requirement_drops_out_of_the_incidents_that_name_it(org) -> None:  # type: ignore[no-untyped-def]
    robocall = next(i for i in org.incidents if i.id == "cloned-voice-robocall")
    assert robocall.requirements == () and robocall.goals == ("T3",)
    koko = next(i for i in org.incidents if i.id == "undisclosed-ai-counselling")
    assert koko.requirements == ("T3.1",)
