"""A pack's test cases: small notebooks and scripts in the folder beside the pack
(`org.yaml` → `org.tests/`), each with the outcomes the pack must give it.

Outcomes are written where the reader sees them, as semgrep's rule tests and OPA's policy
tests keep them beside the rule: `# rai-test: F1.5 open` (or `met`, `waived`,
`not-applicable`; no status: it applies), `# rai-test-not: T3.2` (it must not apply), in a
code comment or a markdown cell; several separated by commas. `# expect: NAME` above a line
where the catalogue must find signal or evidence NAME (and `# expect-not: NAME`) checks a
catalogue's own entries. The same outcomes can be listed in `rai-tests.yaml` in the folder:

    credit.ipynb:
      F1.5: open
      T3.2: not-applies
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from raiassist.document import Document
from raiassist.errors import Problem, UserError
from raiassist.frozen import frozen

STATUSES = ("open", "met", "waived", "not-applicable")
NOT_APPLIES = "not-applies"  # the YAML word for what `rai-test-not` says inline
YAML_NAME = "rai-tests.yaml"
_ID = r"[A-Za-z][\w.-]*+"
# Possessive runs, and the rest of a line taken apart in code, not by backtracking: linear on
# any comment, however long.
_SIGNAL = re.compile(r"(?:#|<!--)\s*+(expect-not|expect):")
_NAMES = re.compile(r"[\w.,\s-]++")
_ITEM = re.compile(rf"^\s*+({_ID})(?:\s++([\w-]++))?\s*+$")
_SEPARATORS = re.compile(r"[,\s]++")

Kind = Literal["applies", "not-applies", "signal", "no-signal"]


@frozen
class Expectation:
    """One outcome a case must give: requirement `name` is `status` (None: applies in any
    status) or does not apply; or catalogue name `name` is (not) found on `line`."""

    file: Path
    kind: Kind
    name: str
    status: str | None
    where: str  # `path:cell_N:line` or `rai-tests.yaml:line`, for the failure message
    cell: int | None = None
    line: int = 0


def inline(document: Document, file: Path, shown: str) -> list[Expectation]:
    """Every expectation written in a case's comments and markdown cells."""
    found: list[Expectation] = []
    for cell in document.cells:
        for number, text in enumerate(cell.source.splitlines(), start=1):
            where = document.location(cell, number, 0)
            place = _place(shown, where.cell, where.line)
            outcome = _outcome(text)
            if outcome is not None:
                found += _outcomes(*outcome, file, place, where.cell, where.line)
            signal = _SIGNAL.search(text)
            names = _ending(text[signal.end() :]) if signal else ""
            if signal and names and _NAMES.fullmatch(names):
                kind: Kind = "signal" if signal.group(1) == "expect" else "no-signal"
                below = document.location(cell, number + 1, 0)
                for name in _SEPARATORS.split(names):
                    found.append(Expectation(file, kind, name, None, place, below.cell, below.line))
    return found


def _place(shown: str, cell: int | None, line: int) -> str:
    return f"{shown}:cell_{cell + 1}:{line}" if cell is not None else f"{shown}:{line}"


def _outcome(text: str) -> tuple[bool, str] | None:
    """`(negated, body)` of `rai-test: ...` or `rai-test-not: ...` on a line, else None."""
    at = text.find("rai-test")
    if at < 0:
        return None
    rest = text[at + len("rai-test") :]
    negated = rest.startswith("-not")
    rest = rest[4:] if negated else rest
    return (negated, _ending(rest[1:])) if rest.startswith(":") else None


def _ending(text: str) -> str:
    """A comment's text without the spaces and the `-->` that close it."""
    return text.strip().removesuffix("-->").strip()


def _outcomes(
    negated: bool, body: str, file: Path, place: str, cell: int | None, line: int
) -> list[Expectation]:
    result = []
    for item in body.split(","):
        parsed = _ITEM.match(item)
        if parsed is None or (negated and parsed.group(2)):
            raise UserError([Problem(place, f"cannot read the expectation '{item.strip()}'")])
        req_id, status = parsed.group(1).upper(), parsed.group(2)
        kind: Kind = "not-applies" if negated else "applies"
        result.append(Expectation(file, kind, req_id, _status(status, place), place, cell, line))
    return result


def _status(word: str | None, place: str) -> str | None:
    if word is None or word in STATUSES:
        return word
    choices = ", ".join(STATUSES)
    raise UserError([Problem(place, f"'{word}' is not a status; use one of {choices}")])


def listed(folder: Path) -> list[Expectation]:
    """The expectations in `rai-tests.yaml` in `folder` (none when there is no such file)."""
    from raiassist.checking import display_path
    from raiassist.safe_read import load_yaml, read_text
    from raiassist.standard.loading import line_of

    path = folder / YAML_NAME
    if not path.is_file():
        return []
    shown = display_path(path)
    text = read_text(path, shown, "pack test list")
    data = load_yaml(text, shown)
    if data is None:
        return []
    if not isinstance(data, dict):
        raise UserError([Problem(shown, "must map case files to their expected outcomes")])
    found = []
    for case, outcomes in data.items():
        where = f"{shown}:{line_of(text, (str(case),)) or 1}"
        if not isinstance(outcomes, dict) or not outcomes:
            raise UserError([Problem(where, f"{case}: list requirement ids with their outcome")])
        for req_id, word in outcomes.items():
            found.append(_listed(folder / str(case), str(req_id), word, f"{where}: {case}"))
    return found


def _listed(file: Path, req_id: str, word: object, where: str) -> Expectation:
    if not file.is_file():
        raise UserError([Problem(where, "no such case file beside the list")])
    if word == NOT_APPLIES:
        return Expectation(file, "not-applies", req_id.upper(), None, where)
    if word == "applies":
        return Expectation(file, "applies", req_id.upper(), None, where)
    status = _status(str(word), where)
    return Expectation(file, "applies", req_id.upper(), status, where)
