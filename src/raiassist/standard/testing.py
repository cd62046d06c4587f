"""Run a pack's (or a catalogue's) test cases: check each case with the real core, as
`raiassist check` would, and compare what it finds with the outcomes written in the case.

Files directly in the tests folder share that folder as their project; each subfolder is a
project of its own, so that its documents (an impact assessment, a record) count only for
its files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from raiassist.checking import FileReport, Report, check_paths
from raiassist.config import Config, Settings
from raiassist.discovery import SUFFIXES
from raiassist.errors import Problem, UserError, suggestion
from raiassist.evaluate import Finding
from raiassist.frozen import frozen
from raiassist.printable import printable
from raiassist.safe_read import real
from raiassist.standard import cases
from raiassist.standard.cases import Expectation
from raiassist.standard.model import Standard


@frozen
class Suite:
    """What to test: the cases in `folder`, checked with these packs and catalogues."""

    name: str
    folder: Path
    packs: tuple[str, ...]
    catalogues: tuple[str, ...]


@frozen
class Result:
    suite: str
    cases: int
    expectations: int
    failures: tuple[str, ...]


def tests_folder(file: Path) -> Path:
    """Where a pack's or catalogue's tests live: `org.yaml` → `org.tests/` beside it."""
    return file.with_name(f"{file.stem}.tests")


def run(suite: Suite, standard: Standard) -> Result:
    """Every case of the suite checked against `standard`, its failing expectations."""
    failures: list[str] = []
    count = files = 0
    for root, paths in _projects(suite.folder):
        config = Config(root, None, Settings(packs=list(suite.packs), catalogues=[]))
        report = check_paths(paths, config, standard, parallel=False)
        listed = cases.listed(root)
        for file in report.files:
            own = cases.inline(file.facts.document, Path(file.path), printable(file.path))
            expected = own + [e for e in listed if real(e.file) == real(Path(file.path))]
            _known(expected, standard)
            files += 1
            count += len(expected)
            failures += _failures(file, report, expected)
    return Result(suite.name, files, count, tuple(failures))


def _projects(folder: Path) -> Iterable[tuple[Path, list[Path]]]:
    """(project root, files to check): the folder's own files, then each subfolder."""
    own = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())
    if own:
        yield folder, own
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        yield sub, [sub]


def _known(expected: Sequence[Expectation], standard: Standard) -> None:
    for e in expected:
        if e.kind in ("applies", "not-applies") and e.name not in standard.by_id:
            hint = suggestion(e.name, standard.by_id)
            raise UserError([Problem(e.where, f"no requirement {e.name} in the pack{hint}")])


def _failures(file: FileReport, report: Report, expected: Sequence[Expectation]) -> list[str]:
    shown = printable(file.path)
    if file.facts.document.error:
        return [f"{shown}: cannot be checked: {file.facts.document.error}"]
    if not expected:
        return [f"{shown}: expects nothing; add `# rai-test: ID STATUS` lines"]
    return [m for e in expected if (m := _failure(e, file, report)) is not None]


def _failure(e: Expectation, file: FileReport, report: Report) -> str | None:
    if e.kind in ("signal", "no-signal"):
        return _signal_failure(e, file)
    finding = _finding(e.name, file, report)
    if e.kind == "not-applies":
        if finding is None:
            return None
        return (
            f"{e.where}: expected {e.name} not to apply, got {finding.status}{_why(file, finding)}"
        )
    if finding is not None and e.status in (None, finding.status):
        return None
    wanted = f"{e.name} {e.status}" if e.status else f"{e.name} to apply"
    got = finding.status if finding else "does not apply"
    return f"{e.where}: expected {wanted}, got {got}{_why(file, finding)}"


def _finding(req_id: str, file: FileReport, report: Report) -> Finding | None:
    """The file's finding for a requirement; for a project-wide one, the project's."""
    own = next((f for f in file.requirements if f.id == req_id), None)
    if own is not None and own.scope == "project":
        return next((f for f in report.project if f.id == req_id), own)
    return own


def _why(file: FileReport, finding: Finding | None) -> str:
    signals = ", ".join(sorted(file.facts.signals)) or "none"
    found = set(file.facts.evidence) | {e.kind for e in (finding.evidence if finding else ())}
    return f" (signals: {signals}; evidence: {', '.join(sorted(found)) or 'none'})"


def _signal_failure(e: Expectation, file: FileReport) -> str | None:
    lines = {
        (h.location.cell, h.location.line)
        for h in file.facts.of(e.name)
        if h.kind in ("signal", "evidence")
    }
    if ((e.cell, e.line) in lines) == (e.kind == "signal"):
        return None
    wanted = "found" if e.kind == "signal" else "not found"
    return f"{e.where}: expected {e.name} {wanted} on the next line{_why(file, None)}"
