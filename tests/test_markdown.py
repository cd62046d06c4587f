"""Which headings count as documentation topics, and when a section is filled in."""

from __future__ import annotations

import pytest

from raiassist import markdown
from raiassist.resources import template_names, template_path


@pytest.mark.parametrize(
    ("heading", "topic"),
    [
        ("Intended uses", "section.intended-uses"),
        ("2.1 Model limitations", "section.limitations"),
        ("Bias, Risks, and Limitations", "section.limitations"),
        ("Training Data", "section.data-provenance"),
        ("Fairness evaluation", "section.fairness-evaluation"),
        ("Release criteria", "section.release-criteria"),
        ("Failure modes", "section.failure-modes"),
        ("Human oversight", "section.human-oversight"),
        ("Monitoring", "section.monitoring"),
        ("Disclosure of AI interaction", "section.disclosure"),
        ("Features and targets", None),
        ("Choosing the decision threshold", None),
        ("Override default hyperparameters", None),
        ("Monitoring training progress", None),
        ("Load the training data", None),
    ],
)
def test_heading_topics(heading: str, topic: str | None) -> None:
    assert markdown.topic_of(heading) == topic


def test_a_section_counts_only_when_written_and_free_of_placeholders() -> None:
    lines = [
        "## Intended uses",
        "Ranks support tickets by urgency for the on-call engineer; never closes tickets.",
        "## Limitations",
        "[TODO: what the model cannot do]",
        "## Monitoring",
        "",
    ]
    found = {s.topic: s for s in markdown.sections(lines)}
    assert found["section.intended-uses"].filled
    limitations = found["section.limitations"]
    assert not limitations.filled and limitations.placeholders == 1
    assert not found["section.monitoring"].filled and found["section.monitoring"].words == 0


def test_every_template_is_a_recognised_but_unfilled_section() -> None:
    for name in template_names():
        lines = template_path(name).read_text(encoding="utf-8").splitlines()
        sections = markdown.sections(lines)
        assert sections, f"{name}: its heading names no known topic"
        assert not any(s.filled for s in sections if s.line == 0), name
