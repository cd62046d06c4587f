"""What `report --merge` needs of a project report (`raiassist-report/1`): the fields it
reads, with their types. Other fields pass through unchecked."""

from __future__ import annotations

from typing import Any

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


class ProjectReport(_Open):
    project: str
    metrics: Metrics
    goals: list[Goal]
    principles: list[Any]
    requirements: list[Any]
    waivers: list[Any]
    generated: str | None = None
    files: int | None = None
