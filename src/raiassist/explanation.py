"""A requirement in plain words, as titled sections that every surface can render its own way
(`raiassist explain` as text, the language server's hover as markdown, the report as HTML)."""

from __future__ import annotations

import re
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
    """The rule in words: what the code must show, then what each named condition means."""
    if rule is None:
        return "Never from code alone: a person decides (attest it or mark it not applicable)."
    lines = [f"When the code {rule_words(rule)}."]
    conditions = _conditions_in(rule)
    if conditions:
        lines.append("Where:")
    for name, condition in conditions:
        lines.append(f"- {_condition_name(name)}: the code {rule_words(condition)}")
    return "\n".join(lines)


_DETAIL = re.compile(r"[:(.;]")  # where a signal's description turns to its details
_ACRONYM = re.compile(r"\b(?:ai|llm|ml|api)\b")


def rule_words(rule: rules.Rule, nested: bool = False) -> str:
    """A rule as a sentence part: signals by what they mean, named conditions by name."""
    match rule:
        case rules.Signal(name):
            return signal_words(name)
        case rules.Condition(name, _):
            return f"is {_condition_name(name)}"
        case rules.All(parts) | rules.Any(parts):
            joiner = " and " if isinstance(rule, rules.All) else " or "
            text = joiner.join(rule_words(p, True) for p in parts)
            return f"({text})" if nested and len(parts) > 1 else text
        case rules.Not(part):
            return f"not ({rule_words(part)})"
    raise TypeError(rule)


def signal_words(name: str) -> str:
    """A signal's meaning in a few words: its description up to the first detail."""
    described = vocabulary().signals.get(name)
    if not described:
        return name
    short = _DETAIL.split(described, maxsplit=1)[0].strip().rstrip(",")
    return short[:1].lower() + short[1:]


def _condition_name(name: str) -> str:
    words = _ACRONYM.sub(lambda m: m.group().upper(), name.replace("-", " "))
    return f"'{words}'"


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
    web = url.startswith(("https://", "http://"))
    return f"[{name}]({url})" if web and _link_safe(url) else name


def _link_safe(url: str) -> bool:
    """No character that ends a markdown link target or starts a new one."""
    return not any(c in url for c in " ()<>[]`\n")


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


def hover_markdown(
    standard: Standard,
    req: Requirement,
    finding: Finding | None,
    message: str | None,
    page: str | None,
    others: Sequence[str] = (),
) -> str:
    """A hover: one requirement in a few lines: its status, what was found here, what to do,
    a link to the full page (where the crosswalk, tools and rule live) and one incident where
    it was missed. Everything taken
    from code, the record or a catalogue is escaped."""
    status: str | None = finding.status if finding else None
    if finding is not None and finding.not_run:
        status = "met — not run yet"
    head = f"**{req.id} {markdown_text(req.title)}** · {req.severity}"  # ids: [A-Z0-9.-]
    lines = [head + (f" · {status}" if status else "")]
    if finding is not None and finding.status == "open":
        found = [h.detail for h in finding.signals][:2]
        if found:
            lines.append(f"**Found here:** {markdown_text('; '.join(found))}")
        lines.append(f"**To do:** {markdown_text(req.prompt)}")
    elif message:
        lines.append(markdown_text(message))
    else:
        lines.append(markdown_text(req.summary))
    why = sources_of(finding) if finding else []
    links = [f"[Full requirement]({page})"] if page and _link_safe(page) else []
    links += [markdown_link(entry) for entry in why[:2]]
    if links:
        lines.append(" · ".join(links))
    missed = incident_markdown(standard, req.id)
    if missed:
        lines.append(missed)
    if others:
        lines.append(f"Also on this line: {markdown_text(', '.join(others))}")
    return "\n\n".join(lines)
