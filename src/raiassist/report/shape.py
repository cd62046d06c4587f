"""What `report --merge` needs of a project report (`raiassist-report/2`): the fields it
reads, with their types. Other fields pass through unchecked."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True, populate_by_name=True)


class Metrics(_Open):
    applicable: int
    met: int
    open: int
    waived: int
    not_applicable: int = Field(alias="not-applicable")
    open_errors: int
    waiver_count: int
    expired_waivers: int
    coverage: float | None
    time_to_close_median_days: float | None = None


class Goal(_Open):
    id: str
    title: str
    applicable: int
    coverage: float | None


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Place(_Closed):
    cell: int | None
    line: int
    column: int


class FileHit(Place):
    name: str
    kind: str
    detail: str = ""


class InlineWaiver(Place):
    ids: list[str]
    reason: str
    until: str | None
    own_line: bool
    problem: str | None


class FileFacts(_Closed):
    path: str
    kind: Literal["script", "notebook"]
    error: bool
    hits: list[FileHit]
    documents: list[int]
    waivers: list[InlineWaiver]


class DocumentHit(_Closed):
    name: str
    kind: str
    path: str
    detail: str


class Facts(_Closed):
    settings: dict[str, Any]
    answers: list[dict[str, Any]]
    documents: list[DocumentHit]
    files: list[FileFacts]


class Requirement(_Open):
    id: str
    title: str
    severity: str
    status: str


class Waiver(_Open):
    id: str
    reason: str | None


class ProjectReport(_Open):
    project: str
    metrics: Metrics
    goals: list[Goal]
    principles: list[Any]
    requirements: list[Requirement]
    waivers: list[Waiver]
    generated: str | None = None
    files: int | None = None


class Replayable(_Open):
    """What a what-if reads besides: checked only when a candidate Standard is given."""

    project: str
    generated: str
    facts: Facts
