"""A requirement in plain words, as titled sections that every surface can render its own way
(`raiassist explain` as text, the language server's hover as markdown, the report as HTML)."""

from __future__ import annotations

from collections.abc import Sequence

from raiassist.catalogue.model import Entry
from raiassist.evaluate import Finding
from raiassist.missed import HEADING as MISSED
from raiassist.missed import one_line
from raiassist.standard import rules
from raiassist.standard.model import Goal, Requirement, Standard
from raiassist.standard.vocabulary import vocabulary

SCOPE_WORDS = {
    "code": "inline, at the code that triggers it ({anchors})",
    "file": "once per file or notebook",
    "project": "once per project",
}
TAG_WORDS = {
    "impact-assessment": "Impact Assessment",
    "ongoing-evaluation": "Ongoing Evaluation Checkpoint",
    "transparency-note": "Transparency Note",
}


def headline(req: Requirement) -> str:
    return f"{req.id} {req.title}"


def facts(req: Requirement, standard: Standard) -> str:
    goal = standard.goal_by_id[req.goal]
    principle = standard.principle_by_id[goal.principle]
    scope = SCOPE_WORDS[req.scope].format(anchors=", ".join(req.anchor))
    tags = ", ".join(TAG_WORDS[t] for t in req.tags) or "none"
    return (
        f"Goal {goal.id} {goal.title} ({principle.title}). Severity: {req.severity}. "
        f"Reported {scope}. Tags: {tags}."
    )


def requirement_sections(req: Requirement, standard: Standard) -> list[tuple[str, str]]:
    """(title, body) pairs, body in plain text with `- ` bullets."""
    sections = [
        ("What it asks", req.summary),
        ("Why it matters", req.why),
        ("How to satisfy it", req.how_to_satisfy),
        ("When it applies", applies_text(req.applies_when, standard)),
        ("Evidence that satisfies it", evidence_text(req)),
    ]
    recognised = recognised_text(req, standard)
    if recognised:
        sections.append(("What raiassist recognises", recognised))
    if req.practices:
        sections.append(
            (
                "Recommended tools and practices",
                "\n".join(
                    f"- {p.id}: {p.text}" + (f" ({p.url})" if p.url else "") for p in req.practices
                ),
            )
        )
    if any(refs for _, refs in req.crosswalk.items()):
        sections.append(("Crosswalk", crosswalk_text(req)))
    if req.templates:
        sections.append(("Templates", ", ".join(req.templates)))
    source = req.url or standard.source_url
    if source:
        sections.append(("Source", source))
    return sections


def applies_text(rule: rules.Rule | None, standard: Standard) -> str:
    lines = [rules.describe(rule)]
    for name, condition in _conditions_in(rule):
        lines.append(f"- {name} = {rules.describe(condition)}")
    return "\n".join(lines)


def evidence_text(req: Requirement) -> str:
    words = vocabulary().evidence
    lines = [f"- {name}: {words.get(name, '')}" for name in req.satisfied_by]
    if "attestation" not in req.satisfied_by:
        lines.append("- or a person's attestation in the project's record")
    return "\n".join(lines)


MAX_ENTRIES = 6  # entries named per signal or evidence kind; the rest are counted


def recognised_text(req: Requirement, standard: Standard) -> str:
    """Which catalogue entries make the requirement apply and which satisfy it, by name with
    their documentation: why raiassist calls a line what it calls it."""
    catalogue = standard.catalogue
    if catalogue is None:
        return ""
    lines = []
    names = [*req.trigger_signals, *req.satisfied_by]
    for name in dict.fromkeys(names):
        entries = catalogue.by_meaning.get(name, ())
        if entries:
            shown = ", ".join(e.name for e in entries[:MAX_ENTRIES])
            more = len(entries) - MAX_ENTRIES
            lines.append(f"- {name}: {shown}" + (f", and {more} more" if more > 0 else ""))
    if lines:
        lines.append("- each with its documentation: raiassist catalogue NAME")
    return "\n".join(lines)


def sources_of(finding: Finding) -> list[Entry]:
    """The catalogue entries behind a finding's signals and evidence: which documented API
    made raiassist read the code as it did (at most three, each once)."""
    entries = [h.entry for h in finding.signals] + [e.entry for e in finding.evidence]
    return list(dict.fromkeys(e for e in entries if e is not None))[:3]


def reasons(finding: Finding) -> list[str]:
    """`sources_of` as plain text, `name (docs)`."""
    return [f"{e.name} ({e.docs})" for e in sources_of(finding)]


_MARKDOWN = str.maketrans(
    {c: "\\" + c for c in "\\`*_{}[]()#+-.!|~>"} | {"<": "&lt;", "&": "&amp;"}
)


def markdown_text(text: str) -> str:
    """Text from code, a notebook, a record or a catalogue, safe to place in markdown: every
    character markdown or HTML would act on is escaped, so it shows as written."""
    return text.translate(_MARKDOWN)


def markdown_link(entry: Entry) -> str:
    """`[name](docs)` for an http(s) address without characters that end a link target;
    the escaped name alone otherwise."""
    return _link(entry.name, entry.docs)


def _link(text: str, url: str) -> str:
    name = markdown_text(text)
    safe = url.startswith(("https://", "http://")) and not any(c in url for c in " ()<>[]`")
    return f"[{name}]({url})" if safe else name


def incident_markdown(standard: Standard, req_id: str) -> str:
    """`**When this was missed:** [title (year)](source)` in one line, or "" if none is known."""
    line = one_line(standard, req_id)
    return f"**{MISSED}:** {_link(line.text, line.url)}" if line else ""


def crosswalk_text(req: Requirement) -> str:
    frameworks = vocabulary().frameworks
    lines = []
    for key, refs in req.crosswalk.items():
        if refs:
            framework = frameworks[key]
            named = [
                f"{ref} ({framework.ids.get(framework.base_id(ref) or '', '')})" for ref in refs
            ]
            lines.append(f"- {framework.label}: " + "; ".join(named))
    return "\n".join(lines)


def goal_sections(goal: Goal, standard: Standard) -> list[tuple[str, str]]:
    principle = standard.principle_by_id[goal.principle]
    sections = [
        ("Principle", principle.title),
        ("Outcome", goal.outcome),
        ("Applies to", goal.applies_to),
        ("When it applies", applies_text(goal.applies_when, standard)),
    ]
    if goal.points_to:
        sections.append(("Follow", goal.points_to))
    reqs = standard.requirements_of(goal.id)
    listing = "\n".join(f"- {r.id} [{r.severity}] {r.title}" for r in reqs)
    sections.append(("Requirements", listing or "none in the public Standard"))
    return sections


def _conditions_in(rule: rules.Rule | None) -> list[tuple[str, rules.Rule]]:
    found: dict[str, rules.Rule] = {}

    def walk(node: rules.Rule | None) -> None:
        match node:
            case rules.Condition(name, inner):
                found.setdefault(name, inner)
                walk(inner)
            case rules.All(parts) | rules.Any(parts):
                for part in parts:
                    walk(part)
            case rules.Not(part):
                walk(part)

    walk(rule)
    return list(found.items())


def requirement_markdown(
    req: Requirement, standard: Standard, here: str | None = None, why: Sequence[Entry] = ()
) -> str:
    """The requirement as markdown (hovers, generated docs); `here` says what was found and
    `why` which catalogue entries say what it means (both escaped: they come from code and
    data, not from the Standard)."""
    parts = [f"**{req.id} {req.title}** · {req.severity}", "", facts(req, standard)]
    if here:
        parts += ["", f"**Here:** {markdown_text(here)}"]
    missed = incident_markdown(standard, req.id)
    if missed:
        parts += ["", missed]
    if why:
        parts += ["", "**Why:**", *(f"- {markdown_link(entry)}" for entry in why)]
    for heading, body in requirement_sections(req, standard):
        parts += ["", f"**{heading}**", "", body]
    return "\n".join(parts)
