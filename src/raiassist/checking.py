"""Check files or one document against the active Standard: the core's front door.

`check_paths` serves `raiassist check`; `check_document` serves editors and notebooks,
which hold a Document in memory. Both give findings from the same `evaluate`.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from raiassist.config import Config
from raiassist.discovery import discover, relative_to_root
from raiassist.document import Document, read_document
from raiassist.evaluate import Finding, Inputs, best, evaluate, tool_finding
from raiassist.project_docs import project_evidence, search_folders
from raiassist.record import Record, load_record
from raiassist.scan import Facts, Hit, ScanCache, scan
from raiassist.standard.catalogue import Standard

log = logging.getLogger(__name__)
PARALLEL_FROM = 16  # files; below this, starting workers costs more than it saves
_JOB: tuple[Config, Inputs] | None = None  # what forked workers inherit
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class FileReport:
    path: str  # as shown to the user
    relative: str  # relative to the project root, as the record and config use it
    kind: str
    findings: tuple[Finding, ...]
    facts: Facts

    @property
    def requirements(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == "requirement")


@dataclass(frozen=True)
class Report:
    root: Path
    files: tuple[FileReport, ...]
    project: tuple[Finding, ...]  # project-scope requirements, settled across files
    problems: tuple[Finding, ...]  # about the record itself
    standard: Standard
    config: Config
    record: Record


def check_paths(
    paths: Sequence[Path],
    config: Config,
    standard: Standard,
    progress: Progress | None = None,
    parallel: bool = True,
) -> Report:
    """Check every `.py` and `.ipynb` under `paths` (in worker processes when `parallel`)."""
    _folder_hits.cache_clear()  # documents may have changed since an earlier run
    files = discover(paths, config.root, config.settings.exclude)
    record = load_record(config.record_path)
    inputs = Inputs(standard, config.settings, record)
    reports = []
    checked = _check_files(files, config, inputs, parallel)
    for done, report in enumerate(checked, start=1):
        reports.append(report)
        if progress:
            progress(done, len(files))
    return Report(
        config.root,
        tuple(reports),
        _project(reports, config),
        _record_problems(record, standard, config.root, inputs.today),
        standard,
        config,
        record,
    )


def check_document(
    document: Document,
    relative: str,
    config: Config,
    standard: Standard,
    record: Record | None = None,
    project_hits: Sequence[Hit] | None = None,
    cache: ScanCache | None = None,
) -> FileReport:
    """Check one in-memory document (an editor buffer or a notebook's current content).
    Pass the same `cache` for successive versions of one document to re-walk only what an
    edit can change."""
    if record is None:
        record = load_record(config.record_path)
    if project_hits is None:
        project_hits = hits_for(config.root, config.root / relative)
    inputs = Inputs(standard, config.settings, record, tuple(project_hits))
    facts = scan(document, cache)
    findings = evaluate(facts, document.path, inputs, relative)
    return FileReport(document.path, relative, document.kind, tuple(findings), facts)


def hits_for(root: Path, path: Path) -> tuple[Hit, ...]:
    """Evidence from the project documents that count for one file: at the root, in `docs/`
    and beside the file. The CLI and the editors both ask this, so they agree."""
    return project_evidence(search_folders(root, [path]), root)


@lru_cache(maxsize=1024)
def _folder_hits(root: Path, folder: Path) -> tuple[Hit, ...]:
    """`hits_for` once per folder in a batch run (a long-lived process calls `hits_for`)."""
    return hits_for(root, folder / "_")


@lru_cache(maxsize=8)
def _resolved(root: Path) -> Path:
    return root.resolve()


def _relative(path: Path, root: Path) -> str:
    """`path` (resolved, as `discover` gives it) relative to the project root."""
    try:
        return path.relative_to(_resolved(root)).as_posix()
    except ValueError:
        return relative_to_root(path, root)


def _check_files(
    files: Sequence[Path], config: Config, inputs: Inputs, parallel: bool
) -> Iterator[FileReport]:
    """Reports in file order; on Linux with several cores and files, from forked workers."""
    workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, 8)
    if not parallel or workers < 2 or len(files) < PARALLEL_FROM or sys.platform != "linux":
        for path in files:
            yield _check_file(path, config, inputs)
        return
    import multiprocessing

    global _JOB
    _JOB = (config, inputs)
    context = multiprocessing.get_context("fork")
    biggest_first = sorted(range(len(files)), key=lambda i: -_size(files[i]))
    done: dict[int, FileReport] = {}
    following = 0
    with context.Pool(workers) as pool:
        jobs = pool.imap_unordered(_check_in_worker, [(i, files[i]) for i in biggest_first])
        for index, report in jobs:
            done[index] = report
            while following in done:
                yield done.pop(following)
                following += 1
    _JOB = None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _check_in_worker(job: tuple[int, Path]) -> tuple[int, FileReport]:
    """In a worker: the report, without cell sources (nothing downstream reads them)."""
    assert _JOB is not None
    index, path = job
    report = _check_file(path, *_JOB)
    document = replace(report.facts.document, cells=())
    return index, replace(report, facts=replace(report.facts, document=document))


def _check_file(path: Path, config: Config, inputs: Inputs) -> FileReport:
    shown = display_path(path)
    relative = _relative(path, config.root)
    document = read_document(path, shown)
    inputs = replace(inputs, project_hits=_folder_hits(config.root, path.parent))
    try:
        facts = scan(document)
        findings = evaluate(facts, shown, inputs, relative)
    except Exception:
        log.exception("checking %s failed", shown)
        facts = Facts(document)
        findings = [
            tool_finding(
                "RA003",
                "error",
                shown,
                None,
                "internal error while checking this file (details in the log)",
            )
        ]
    return FileReport(shown, relative, document.kind, tuple(findings), facts)


def _project(reports: Sequence[FileReport], config: Config) -> tuple[Finding, ...]:
    """Project-scope requirements once each, in their most settled state across files; their
    signals keep the file they were found in."""
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for report in reports:
        for finding in report.requirements:
            if finding.scope == "project":
                signals = tuple(replace(h, path=h.path or report.path) for h in finding.signals)
                grouped[finding.id].append(replace(finding, signals=signals))
    root = display_path(config.root)
    return tuple(replace(best(group), path=root) for group in grouped.values())


def _record_problems(
    record: Record, standard: Standard, root: Path, today: dt.date
) -> tuple[Finding, ...]:
    problems = []
    name = display_path(record.path)
    for entry in record.entries:
        if entry.id not in standard.by_id:
            problems.append(
                tool_finding(
                    "RA103",
                    "warning",
                    name,
                    None,
                    f"record entry for unknown requirement {entry.id}",
                )
            )
        elif entry.expired(today):
            problems.append(
                tool_finding(
                    "RA102",
                    "warning",
                    name,
                    None,
                    f"{entry.answer} answer for {entry.id} "
                    f"({entry.scope}) expired on {entry.expires}",
                )
            )
        elif entry.scope != "project" and not (root / entry.scope).exists():
            problems.append(
                tool_finding(
                    "RA104",
                    "info",
                    name,
                    None,
                    f"record entry for {entry.id} names a path that does not exist: {entry.scope}",
                )
            )
    return tuple(problems)


def display_path(path: Path) -> str:
    """A path relative to the current folder when it is below it, else absolute."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative
