"""record_edit: one entry's text added or replaced in place, proved before it is kept."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from raiassist.errors import UserError
from raiassist.record_edit import with_entry

ENTRY = {"id": "F1.5", "answer": "attested", "scope": "project", "note": "MetricFrame by sex",
         "by": "Dee", "date": dt.date(2026, 11, 27)}  # fmt: skip
BLOCK = (
    "  - id: F1.5\n    answer: attested\n    scope: project\n    note: MetricFrame by sex\n"
    "    by: Dee\n    date: 2026-11-27\n"
)


def edited(text: str, replace: int | None = None) -> str:
    return with_entry(text, yaml.safe_load(text), ENTRY, replace, "responsible-ai.yaml")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("", "entries:\n" + BLOCK),
        ("# only a comment", "# only a comment\nentries:\n" + BLOCK),
        ("version: 1\n", "version: 1\nentries:\n" + BLOCK),
        ("version: 1\nentries:\n", "version: 1\nentries:\n" + BLOCK),
        ("version: 1\nentries: []  # none yet\n", "version: 1\nentries:   # none yet\n" + BLOCK),
        ("version: 1\nentries: ~", "version: 1\nentries: \n" + BLOCK),
    ],
    ids=["empty", "comment", "no-entries", "null", "empty-list", "tilde-at-end"],
)
def test_the_first_entry_goes_after_what_is_there(before: str, after: str) -> None:
    assert edited(before) == after


def test_crlf_and_a_missing_final_newline_are_kept_as_they_were() -> None:
    text = (
        "version: 1\r\nentries:\r\n  - id: A1.2\r\n    answer: attested\r\n    note: n\r\n"
        "    by: B\r\n    date: 2026-01-01"
    )
    result = edited(text)
    assert result.startswith(text + "\r\n  - id: F1.5\r\n")
    assert result.count("\n") == result.count("\r\n")


def test_replacing_keeps_the_neighbours_and_their_comments() -> None:
    text = (
        "entries:\n  # first\n  - id: F1.5\n    answer: attested\n    note: old  # said so\n"
        "    by: B\n    date: 2026-01-01\n  # second\n  - id: A1.2\n    answer: attested\n"
        "    note: n\n    by: B\n    date: 2026-01-01\n"
    )
    result = edited(text, replace=0)
    assert result == text.replace(
        "  - id: F1.5\n    answer: attested\n    note: old  # said so\n    by: B\n"
        "    date: 2026-01-01\n",
        BLOCK,
    )


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("entries: [{id: A1.2}]\n", "flow style"),
        ("{entries: []}\n", "not block YAML"),
        ("entries: []\nentries: []\n", "appears 2 times"),
        ("- a\n- b\n", "not block YAML"),
        ("entries: {a: 1}\n", "'entries' is not a list"),
    ],
)
def test_what_cannot_be_edited_safely_is_refused(text: str, says: str) -> None:
    with pytest.raises(UserError, match=says):
        edited(text)
