"""The catalogue file format: pydantic models for what `guidance/catalogue/*.yaml` and an
organisation's own catalogue files say about the ecosystem.

A catalogue says what libraries' calls, datasets, strings and words *mean*, in the names of
`guidance/vocabulary.yaml`. These models validate at the boundary only;
`raiassist.catalogue.model` compiles a validated catalogue into frozen records. The JSON
Schema that editors use for completion is generated from them (`raiassist schema catalogue`).
"""

from __future__ import annotations

import string
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", examples=["fairlearn"])]
Name = Annotated[str, Field(pattern=r"^[a-z][a-z0-9.-]*$", examples=["trains-model"])]
Text = Annotated[str, Field(min_length=1)]
Url = Annotated[str, Field(pattern=r"^https?://\S+$", examples=["https://fairlearn.org/"])]
Word = Annotated[str, Field(min_length=1, max_length=60)]
PATTERN = r"^(\*\*|[A-Za-z_*][A-Za-z0-9_*]*)(\.(\*\*|[A-Za-z_*][A-Za-z0-9_*]*))*$"
PATTERN_HELP = "is not a dotted call name (parts of letters, digits, _ and *, or **)"
Pattern = Annotated[
    str,
    Field(
        pattern=PATTERN,
        max_length=200,
        description="A dotted call name as code resolves it from its imports "
        "(`fairlearn.metrics.MetricFrame`); `*` stands for part of one name, `**` for any "
        "number of names (`openai.**.chat.completions.create`).",
        examples=["sklearn.**.fit"],
    ),
]
Scalar = str | int


def _template(text: str) -> str:
    """A detail template may use `{call}` (the call's dotted name) and `{name}` (its last
    part) and nothing else, so that a hit's message can always be written."""
    try:
        fields = {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError as exc:
        raise ValueError(f"is not a valid template: {exc}") from None
    if fields - {"call", "name"}:
        raise ValueError("may use only {call} and {name} (write {{ and }} for braces)")
    return text


Template = Annotated[str, Field(max_length=120), AfterValidator(_template)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Argument(_Strict):
    """One argument of a call, by keyword, by position, or either."""

    keyword: str | list[str] | None = Field(
        default=None, description="Its keyword name (or names, where libraries differ)."
    )
    position: Annotated[int, Field(ge=0, le=20)] | None = None
    in_: list[Scalar] = Field(
        default_factory=list,
        alias="in",
        description="Its value is one of these constants (strings compare case-insensitively).",
    )
    contains: list[Word] = Field(
        default_factory=list,
        description="A string constant in it contains one of these (case-insensitively).",
    )


class Where(_Strict):
    """Conditions on a call; every condition given must hold."""

    positional_at_least: Annotated[int, Field(ge=1, le=20)] | None = None
    keywords: list[str] = Field(default_factory=list, description="One of these is passed.")
    missing: list[str] = Field(default_factory=list, description="None of these is passed.")
    truthy: list[str] = Field(
        default_factory=list, description="One of these is passed, and not as None or False."
    )
    argument: Argument | None = None
    mentions: list[Word] = Field(
        default_factory=list,
        description="The call's arguments, as written, mention one of these (lower case).",
    )
    imports: list[str] = Field(
        default_factory=list, description="The document imports one of these packages."
    )
    any: list[Where] = Field(default_factory=list, description="At least one of these holds.")


Where.model_rebuild()

GroupArgument = Annotated[
    str | Argument,
    Field(description="A keyword name, or an argument given by keyword and position."),
]


class Call(_Strict):
    """What calls of a library mean."""

    match: Pattern | list[Pattern]
    unless: list[Pattern] = Field(
        default_factory=list, description="Calls that match one of these are left out."
    )
    means: Name | list[Name] = Field(
        default_factory=list,
        description="Signal or evidence names from the vocabulary (none: an entry that only "
        "says which arguments name columns).",
    )
    where: Where | None = None
    columns: list[GroupArgument] = Field(
        default_factory=list,
        description="Arguments that name columns of data (`features` of a partial-dependence "
        "plot); the names in them are read like any column name.",
    )
    groups: list[GroupArgument] = Field(
        default_factory=list,
        description="For group-wise evidence: the arguments that hold group membership (a "
        "sensitive feature). It counts only when they name a sensitive attribute, or when "
        "they are opaque and the document names one; they then also show the code works "
        "with that attribute.",
    )
    says: Template | None = Field(
        default=None,
        description="The detail shown for a hit; `{call}` is replaced by the call's dotted "
        "name and `{name}` by its last part.",
    )
    docs: Url | None = Field(default=None, description="The documentation of these calls.")
    fallback: bool = Field(
        default=False,
        description="Counts only when nothing else in the document means the same (a client "
        "that is created and passed on, whose calls happen inside another library).",
    )


class Columns(_Strict):
    """Column codes that mean something in a library's data (applied when it is imported)."""

    sensitive: dict[Word, list[Word]] = Field(default_factory=dict)
    proxy: dict[Word, list[Word]] = Field(default_factory=dict)
    personal: dict[Word, list[Word]] = Field(default_factory=dict)


class Library(_Strict):
    id: Id
    name: Text
    docs: Url
    imports: list[str] = Field(min_length=1, description="Its top-level import names.")
    calls: list[Call] = Field(default_factory=list)
    columns: Columns | None = None


class Loader(_Strict):
    """A call that loads a dataset."""

    match: Pattern | list[Pattern]
    where: Where | None = None


class Dataset(_Strict):
    id: Id
    name: Text
    docs: Url
    loaders: list[Loader] = Field(min_length=1)
    sensitive: list[Word] = Field(
        default_factory=list, description="Sensitive attributes of people it carries."
    )
    means: list[Name] = Field(
        default_factory=list,
        description="Signals that loading it shows (processes-faces for face images, "
        "personal-data for data about identifiable people).",
    )
    domain: Word | None = Field(
        default=None, description="The consequential domain its records come from."
    )


class StringRule(_Strict):
    """String constants that mean something, such as a documented API endpoint."""

    id: Id
    name: Text
    contains: list[Word] = Field(min_length=1, description="Case-insensitive substrings.")
    means: Name | list[Name]
    shape: Literal["model-id"] | None = Field(
        default=None,
        description="Only a string of this shape counts: `model-id` is `owner/name`, as "
        "model hubs name models.",
    )
    groups_after: list[Word] = Field(
        default_factory=list,
        description="For group-wise evidence written as configuration text: the group names "
        "follow one of these markers (`feature_keys:` in a TensorFlow Model Analysis config).",
    )
    docs: Url | None = None


Vocabulary = dict[Word, list[Word]]


class Words(_Strict):
    """Words of one language, each listed under the category it means. A phrase of several
    words matches adjacent words of a name (`date of birth` matches `DateOfBirth`)."""

    language: Annotated[str, Field(pattern=r"^[a-z]{2}$", examples=["de"])]
    sensitive: Vocabulary = Field(default_factory=dict)
    proxy: Vocabulary = Field(default_factory=dict)
    personal: Vocabulary = Field(default_factory=dict)
    personal_whole: Vocabulary = Field(
        default_factory=dict, description="Personal data only as a whole column name."
    )
    domain: Vocabulary = Field(default_factory=dict)
    not_a_person: list[Word] = Field(
        default_factory=list,
        description="Words that show an `age` is not a person's (`battery_age`).",
    )


class CatalogueFile(_Strict):
    """One catalogue file: built-in (`guidance/catalogue/`) or an organisation's own."""

    schema_: Literal["raiassist-catalogue/1"] = Field(alias="schema")
    id: Id
    title: Text
    description: str | None = None
    phrases: dict[Name, Template] = Field(
        default_factory=dict,
        description="How a hit of each name reads by default; `{call}` is the call's name.",
    )
    libraries: list[Library] = Field(default_factory=list)
    datasets: list[Dataset] = Field(default_factory=list)
    strings: list[StringRule] = Field(default_factory=list)
    words: list[Words] = Field(default_factory=list)


Kind = Literal["sensitive", "proxy", "personal", "personal_whole", "domain"]
