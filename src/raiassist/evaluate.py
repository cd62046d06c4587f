"""Decide, for one scanned document, which requirements apply and what state each is in.

A pure function of (facts, project evidence, standard, settings, record, today): the CLI,
the language server and the Jupyter surfaces all call it and only render its findings.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import field
from functools import cached_property
from typing import Literal

from raiassist.catalogue.model import Entry as Source
from raiassist.config import Settings
from raiassist.document import Location
from raiassist.frozen import frozen
from raiassist.record import Entry, Record
from raiassist.scan import Facts, Hit, by_name
from raiassist.standard import rules
from raiassist.standard.model import Requirement, Standard
from raiassist.waivers import Waiver

Status = Literal["open", "met", "waived", "not-applicable"]
STATUS_ORDER: tuple[Status, ...] = ("met", "not-applicable", "waived", "open")
MAX_MEMOS = 4096  # distinct sets of signals whose rule outcomes are kept


@frozen
class Evidence:
    kind: str
    detail: str
    path: str
    location: Location | None
    entry: Source | None = None  # the catalogue entry that says what this call means


@frozen
class Finding:
    """One requirement (or one tool problem, `kind="tool"`) for one file or the project."""

    id: str
    severity: str
    status: Status
    scope: str
    message: str
    path: str
    location: Location | None = None
    goal: str = ""
    title: str = ""
    kind: Literal["requirement", "tool"] = "requirement"
    signals: tuple[Hit, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    incomplete: tuple[str, ...] = ()
    answer: Entry | None = None
    waiver: Waiver | None = None
    # met by evidence in notebook cells none of which has run, in a notebook where others have
    not_run: bool = False


@frozen
class Inputs:
    """What evaluation needs besides the document itself."""

    standard: Standard
    settings: Settings
    record: Record
    project_hits: tuple[Hit, ...] = ()
    today: dt.date = field(default_factory=dt.date.today)

    @cached_property
    def project_by_name(self) -> dict[str, tuple[Hit, ...]]:
        return by_name(self.project_hits)


def evaluate(facts: Facts, path: str, inputs: Inputs, relative: str | None = None) -> list[Finding]:
    """Every applicable requirement of one document, plus its tool problems. `path` is how
    findings name the file; `relative` (default: `path`) is how the record and config do."""
    relative = path if relative is None else relative
    present = facts.signals
    findings = (
        [tool_finding("RA001", "error", path, None, facts.document.error)]
        if (facts.document.error)
        else []
    )
    findings += [
        tool_finding(_problem_code(p.message), "warning", path, p.location, p.message)
        for p in facts.problems
    ]
    used: set[Waiver] = set()
    memos = inputs.standard.rule_memos
    if len(memos) > MAX_MEMOS:
        memos.clear()
    memo = memos.setdefault(present, {})
    requirements = active(inputs.standard, inputs.settings, relative)
    applying, selected = _applying(requirements, present, memo)
    for req in applying:
        findings.append(_finding(req, facts, path, relative, inputs, used))
    findings += _waiver_problems(facts, path, inputs, used, selected)
    return findings


Applying = tuple[tuple[Requirement, ...], tuple[Requirement, ...], frozenset[str]]
_APPLYING: dict[tuple[int, frozenset[str]], Applying] = {}


def _applying(
    requirements: tuple[Requirement, ...], present: frozenset[str], memo: dict[int, bool]
) -> tuple[tuple[Requirement, ...], frozenset[str]]:
    """The requirements whose rules hold when exactly `present` signals were found, and the
    IDs of all of them: worked out once per set of active requirements and set of signals,
    which most files of a batch share (each rule was asked again for every file)."""
    key = (id(requirements), present)
    held = _APPLYING.get(key)
    if held is None or held[0] is not requirements:  # kept with it: its id is not reused
        if len(_APPLYING) > MAX_MEMOS:
            _APPLYING.clear()
        applying = tuple(r for r in requirements if rules.holds(r.applies_when, present, memo))
        held = _APPLYING[key] = (requirements, applying, frozenset(r.id for r in requirements))
    return held[1], held[2]


def active(standard: Standard, settings: Settings, path: str | None) -> tuple[Requirement, ...]:
    """Requirements left after select, ignore and per-path ignores, severities overridden:
    worked out once per set of per-path ignores that apply, for a batch's files share it."""
    ignored = set(settings.ignore)
    for pattern, ids in settings.per_path_ignores.items():
        if path is not None and (fnmatch.fnmatch(path, pattern) or path.startswith(pattern)):
            ignored.update(ids)
    key = (id(settings), frozenset(ignored))
    held = standard.active_memos.get(key)
    if held is None or held[0] is not settings:  # an id is only unique while its object lives
        held = standard.active_memos[key] = (settings, _active(standard, settings, ignored))
        if len(standard.active_memos) > MAX_MEMOS:
            standard.active_memos.clear()
    return held[1]


def _active(standard: Standard, settings: Settings, ignored: set[str]) -> tuple[Requirement, ...]:
    selected = set(settings.select)
    result = []
    for req in standard.requirements:
        if req.id in ignored or req.goal in ignored:
            continue
        if selected and req.id not in selected and req.goal not in selected:
            continue
        severity = settings.severity.get(req.id) or settings.severity.get(req.goal)
        result.append(_with_severity(req, severity) if severity else req)
    return tuple(result)


def _with_severity(req: Requirement, severity: str) -> Requirement:
    from dataclasses import replace

    return replace(req, severity=severity)  # type: ignore[arg-type]


def _finding(
    req: Requirement, facts: Facts, path: str, relative: str, inputs: Inputs, used: set[Waiver]
) -> Finding:
    grouped = facts.grouped
    location = _anchor(req, grouped)
    signals = _triggers(req, grouped)
    evidence, incomplete = _satisfied(req, facts, grouped, inputs.project_by_name)
    current = answer_for(inputs.record, req.id, relative, inputs.today)
    answers = {current.answer: current} if current else {}
    waiver = None
    if "not-applicable" in answers:
        answer: Entry | None = answers["not-applicable"]
        status: Status = "not-applicable"
        message = f"not applicable: {answers['not-applicable'].text}"
    elif evidence:
        answer, status = None, "met"
        more = f"; and {len(evidence) - 3} more" if len(evidence) > 3 else ""
        message = "met by " + "; ".join(e.detail for e in evidence[:3]) + more
    elif "attested" in answers:
        answer, status = answers["attested"], "met"
        message = f"attested by {answers['attested'].by}: {answers['attested'].text}"
    elif "waived" in answers:
        answer, status = answers["waived"], "waived"
        message = f"waived: {answers['waived'].text}"
    else:
        answer = None
        waiver = (
            _inline_waiver(req, facts, location if req.scope == "code" else None, inputs.today)
            if facts.waivers  # most files have none
            else None
        )
        if waiver is not None:
            used.add(waiver)
            status, message = "waived", f"waived: {waiver.reason}"
        else:
            status, message = "open", _open_message(req, signals, incomplete)
    return Finding(
        req.id,
        req.severity,
        status,
        req.scope,
        message,
        path,
        location,
        req.goal,
        req.title,
        "requirement",
        signals,
        evidence,
        incomplete,
        answer,
        waiver,
        status == "met" and answer is None and _not_run(evidence, facts),
    )


def _satisfied(
    req: Requirement,
    facts: Facts,
    grouped: dict[str, tuple[Hit, ...]],
    project: dict[str, tuple[Hit, ...]],
) -> tuple[tuple[Evidence, ...], tuple[str, ...]]:
    """The evidence for `req` in the document (its hits `grouped` by name) and then the
    project, and what the documents that would satisfy it lack (their `incomplete` hits),
    in one look at each name."""
    evidence: list[Evidence] = []
    incomplete: list[str] = []
    for name in req.satisfied_by:
        if name not in grouped and name not in project:  # most names: found nowhere
            continue
        for hits in (grouped.get(name, ()), project.get(name, ())):
            for hit in hits:
                if hit.kind == "evidence":
                    path = hit.path or facts.document.path
                    evidence.append(Evidence(hit.name, hit.detail, path, hit.location, hit.entry))
                elif hit.kind == "incomplete":
                    incomplete.append(hit.detail)
    return tuple(evidence), tuple(incomplete)


def _not_run(evidence: Sequence[Evidence], facts: Facts) -> bool:
    """Whether all the evidence sits in this notebook's code cells that were never executed,
    while other cells were (a notebook with no execution counts at all, as saved by
    nbstripout, says nothing about what ran)."""
    document = facts.document
    if document.kind != "notebook" or not evidence:
        return False
    counts = {c.index: c.execution_count for c in document.code_cells}
    if all(count is None for count in counts.values()):
        return False
    cells = [e.location.cell if e.path == document.path and e.location else None for e in evidence]
    return all(cell in counts and counts[cell] is None for cell in cells)


def answer_for(record: Record, requirement: str, path: str, today: dt.date) -> Entry | None:
    """The answer that counts for a requirement in a file: the one recorded for the most
    specific scope (the file, then its folders, then the project); of several for one scope
    (a record written by hand or by an older raiassist), the last."""
    if not record.entries:  # most runs: asked once per requirement of every file
        return None
    found = [e for e in record.answers(requirement, path) if not e.expired(today)]
    return max(reversed(found), key=lambda e: _depth(e.scope), default=None)


def _depth(scope: str) -> int:
    return 0 if scope == "project" else 1 + scope.rstrip("/").count("/")


def _anchor(req: Requirement, grouped: dict[str, tuple[Hit, ...]]) -> Location | None:
    if req.scope != "code":
        return None
    for name in req.anchor:
        if name in grouped:  # a name is there only with its hits
            return grouped[name][0].location
    return None


def _triggers(req: Requirement, grouped: dict[str, tuple[Hit, ...]]) -> tuple[Hit, ...]:
    """The first hit of each signal the requirement's rule mentions, anchors first."""
    found = []
    for name in req.trigger_signals:
        if name in grouped:  # a name is there only with its hits
            first = grouped[name][0]
            if first.kind == "signal":
                found.append(first)
    return tuple(found)


def _inline_waiver(
    req: Requirement, facts: Facts, location: Location | None, today: dt.date
) -> Waiver | None:
    for waiver in facts.waivers:
        usable = waiver.problem is None and not waiver.expired(today)
        if req.id in waiver.ids and usable and waiver.covers(location):
            return waiver
    return None


def _open_message(req: Requirement, signals: Sequence[Hit], incomplete: Sequence[str]) -> str:
    found = [h.detail for h in signals[:2]]
    message = req.prompt.rstrip(".")
    if found:
        message += f" (found: {'; '.join(found)})"
    if incomplete:
        message += f"; {incomplete[0]}"
    return message + "."


def _waiver_problems(
    facts: Facts, path: str, inputs: Inputs, used: set[Waiver], selected: frozenset[str]
) -> list[Finding]:
    problems = []
    known = inputs.standard.by_id
    for waiver in facts.waivers:
        unknown = [i for i in waiver.ids if i not in known]
        if waiver.problem:
            problems.append(tool_finding("RA100", "warning", path, waiver.location, waiver.problem))
        elif unknown:
            message = f"waiver names unknown requirement {', '.join(unknown)}"
            problems.append(tool_finding("RA103", "warning", path, waiver.location, message))
        elif waiver.expired(inputs.today):
            message = f"waiver for {', '.join(waiver.ids)} expired on {waiver.until}"
            problems.append(tool_finding("RA102", "warning", path, waiver.location, message))
        elif waiver not in used and selected.intersection(waiver.ids):
            message = (
                f"waiver for {', '.join(waiver.ids)} matches no open requirement here; remove it"
            )
            problems.append(tool_finding("RA101", "warning", path, waiver.location, message))
    return problems


def tool_finding(
    code: str, severity: str, path: str, location: Location | None, message: str | None
) -> Finding:
    return Finding(code, severity, "open", "file", message or "", path, location, kind="tool")


def _problem_code(message: str) -> str:
    return "RA003" if message.startswith("internal error") else "RA002"


def best(findings: Iterable[Finding]) -> Finding:
    """The finding with the most settled status (met > not applicable > waived > open)."""
    return min(findings, key=lambda f: STATUS_ORDER.index(f.status))
