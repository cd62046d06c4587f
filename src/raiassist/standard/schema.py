"""The pack file format: pydantic models for what authors write in `guidance/*.yaml`.

These models validate at the boundary only; `raiassist.standard.model` turns a validated
pack into frozen records. The JSON Schema that editors use for completion is generated from
these models (`raiassist schema`).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field
from pydantic import Tag as Branch

from raiassist.standard.model import Scope, Severity

Tag = Literal["impact-assessment", "ongoing-evaluation", "transparency-note"]

PackId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", examples=["msrai-v2"])]
GoalId = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9-]*[0-9]$", examples=["F1"])]
RequirementId = Annotated[
    str, Field(pattern=r"^[A-Z][A-Z0-9-]*[0-9](\.[0-9]+)+$", examples=["F1.5"])
]
Name = Annotated[str, Field(pattern=r"^[a-z][a-z0-9.-]*$")]
Text = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class AllOf(_Strict):
    """Holds when every rule in the list holds."""

    all: list[Rule] = Field(min_length=1)


class AnyOf(_Strict):
    """Holds when at least one rule in the list holds."""

    any: list[Rule] = Field(min_length=1)


class NotOf(_Strict):
    """Holds when the rule does not hold."""

    not_: Rule = Field(alias="not")


def _rule_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "rule:name"
    for model, kind in ((AllOf, "rule:all"), (AnyOf, "rule:any"), (NotOf, "rule:not")):
        if isinstance(value, model):
            return kind
    if isinstance(value, dict) and len(value) == 1:
        key = next(iter(value))
        return f"rule:{key}" if key in ("all", "any", "not") else None
    return None


RULE_HELP = "must be a signal or condition name, or a mapping with one key: all, any or not"

Rule = Annotated[
    Annotated[Name, Branch("rule:name")]
    | Annotated[AllOf, Branch("rule:all")]
    | Annotated[AnyOf, Branch("rule:any")]
    | Annotated[NotOf, Branch("rule:not")],
    Discriminator(_rule_kind, custom_error_type="rule", custom_error_message=RULE_HELP),
]
"""A signal or condition name, or `{all: [...]}`, `{any: [...]}`, `{not: ...}`."""

AllOf.model_rebuild()
AnyOf.model_rebuild()
NotOf.model_rebuild()


class Source(_Strict):
    title: Text
    url: Text
    publisher: str | None = None
    date: str | None = None


class Crosswalk(_Strict):
    """Where the same obligation sits in other frameworks."""

    nist_ai_rmf: list[str] = Field(default_factory=list, examples=[["MEASURE 2.11"]])
    eu_ai_act: list[str] = Field(default_factory=list, examples=[["Art. 10(2)(f)"]])
    iso_42001: list[str] = Field(default_factory=list, examples=[["A.5.4"]])


class Practice(_Strict):
    """A recommended tool or practice (numbered after its requirement, e.g. F1.5.1)."""

    id: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9-]*[0-9](\.[0-9]+)+$")]
    text: Text
    tools: list[str] = Field(default_factory=list)
    url: str | None = None


class Principle(_Strict):
    id: Name
    title: Text
    summary: Text


class Goal(_Strict):
    id: GoalId
    principle: Name
    title: Text
    outcome: Text = Field(description="The goal's intended outcome, in our own words.")
    applies_to: Text = Field(description="The Standard's scope for the goal, paraphrased.")
    applies_when: Rule | None = Field(
        default=None,
        description="When the goal's requirements apply, over signals and conditions. "
        "A goal without a rule applies to nothing until it has one (e.g. pointer goals).",
    )
    severity: Severity = "info"
    points_to: str | None = Field(
        default=None,
        description="For goals without public requirements: the organisation's own standard.",
    )
    url: str | None = None


class Requirement(_Strict):
    id: RequirementId
    goal: GoalId
    title: Text
    summary: Text = Field(description="What the requirement asks, in plain words.")
    why: Text = Field(description="Why it matters.")
    how_to_satisfy: Text = Field(description="What to do, with which tool, what counts as done.")
    prompt: Text = Field(description="One short sentence shown inline: what to do next.")
    severity: Severity | None = None
    tags: list[Tag] = Field(default_factory=list)
    scope: Scope = "project"
    anchor: list[Name] = Field(
        default_factory=list,
        description="For scope 'code': signals whose first location carries the finding, "
        "in order of preference.",
    )
    applies_when: Rule | None = Field(
        default=None, description="Narrows the goal's rule (both must hold)."
    )
    satisfied_by: list[Name] = Field(min_length=1, description="Any one of these evidence kinds.")
    templates: list[Name] = Field(default_factory=list)
    practices: list[Practice] = Field(default_factory=list)
    crosswalk: Crosswalk = Field(default_factory=Crosswalk)
    url: str | None = None


class Override(_Strict):
    """Changes to an existing requirement; fields left out keep their value."""

    id: RequirementId
    title: str | None = None
    summary: str | None = None
    why: str | None = None
    how_to_satisfy: str | None = None
    prompt: str | None = None
    severity: Severity | None = None
    tags: list[Tag] | None = None
    scope: Scope | None = None
    anchor: list[Name] | None = None
    applies_when: Rule | None = None
    satisfied_by: list[Name] | None = None
    templates: list[Name] | None = None
    crosswalk: Crosswalk | None = None
    url: str | None = None


IncidentId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", examples=["health-cost-proxy"])]
WEB_ADDRESS = r"^https?://[^\s<>\"'`]+$"
WEB_ADDRESS_HELP = "must be an http:// or https:// address, without spaces or quotes"
WebAddress = Annotated[str, Field(pattern=WEB_ADDRESS)]


class Citation(_Strict):
    """Where an incident is documented: a publication, court document, regulator's report
    or news article, at the address it was read."""

    title: Text
    url: WebAddress
    publisher: Text
    date: str | None = Field(default=None, pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")


class Incident(_Strict):
    """A real-world harm that happened when what a requirement asks was not done."""

    id: IncidentId
    title: Text = Field(max_length=100, description="Short: it is shown in one line.")
    year: int = Field(ge=1900, le=2100)
    summary: Text = Field(
        max_length=700,
        description="What happened and who was harmed, in two or three sentences of your own.",
    )
    goals: list[GoalId] = Field(min_length=1)
    requirements: list[RequirementId] = Field(
        min_length=1, description="The requirements it illustrates, the most fitting first."
    )
    sources: list[Citation] = Field(min_length=1)


class IncidentsFile(_Strict):
    """A file of incidents (`guidance/incidents/<pack id>.yaml` for a built-in pack)."""

    schema_: Literal["raiassist-incidents/1"] = Field(alias="schema")
    incidents: list[Incident] = Field(default_factory=list)


class Pack(_Strict):
    """One pack file. A base pack defines principles, goals and requirements; a pack that
    `extends` another may add its own, override existing ones and disable some."""

    schema_: Literal["raiassist-pack/1"] = Field(alias="schema")
    id: PackId
    title: Text
    version: Text
    description: str | None = None
    source: Source | None = None
    extends: str | None = Field(
        default=None, description="The id of a built-in pack, or a path relative to this file."
    )
    conditions: dict[Name, Rule] = Field(
        default_factory=dict, description="Named rules that other rules can refer to."
    )
    principles: list[Principle] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    requirements: list[Requirement] = Field(default_factory=list)
    overrides: list[Override] = Field(default_factory=list)
    disable: list[Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9.-]*$")]] = Field(
        default_factory=list, description="Requirement or goal IDs to switch off."
    )
    incidents: list[Incident] = Field(
        default_factory=list, description="The organisation's own incidents (post-mortems)."
    )
    hide_incidents: list[IncidentId] = Field(
        default_factory=list, description="Incident ids, built-in or from other packs, to hide."
    )
