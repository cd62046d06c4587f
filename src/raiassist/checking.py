"""Check files or one document against the active Standard: the core's front door.

`check_paths` serves `raiassist check`; `check_document` serves editors and notebooks,
which hold a Document in memory. Both give findings from the same `evaluate`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

from raiassist import time_limit
from raiassist.config import Config
from raiassist.discovery import discover
from raiassist.document import Document, document_kind, read_document
from raiassist.evaluate import STATUS_ORDER, Finding, Inputs, evaluate, tool_finding
from raiassist.frozen import frozen
from raiassist.logfile import logger
from raiassist.printable import printable
from raiassist.project_docs import forget as forget_documents
from raiassist.project_docs import project_evidence, real_folder, search_folders
from raiassist.record import Record, load_record
from raiassist.renames import Orphan, orphans
from raiassist.results import Results, Values, dumped, merge, named
from raiassist.safe_read import real
from raiassist.scan import Facts, Hit, ScanCache, scan
from raiassist.standard.model import Standard, severity_rank
from raiassist.time_limit import TimeLimit, limited

log = logger(__name__)
PARALLEL_FROM = 16  # files; below this, starting workers costs more than it saves
Progress = Callable[[int, int], None]


@frozen
class FileReport:
    path: str  # as shown to the user
    relative: str  # relative to the project root, as the record and config use it
    kind: str
    findings: tuple[Finding, ...]
    facts: Facts

    @property
    def requirements(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == "requirement")

    def __getattr__(self, name: str) -> Any:
        """The findings and facts of a report the result cache kept (see `kept_report`),
        read when first asked for; called only for attributes an instance does not hold."""
        load = self.__dict__.get("_load")
        if load is None or name not in ("findings", "facts"):
            raise AttributeError(name)
        full = load()
        self.__dict__.update(findings=full.findings, facts=full.facts)
        del self.__dict__["_load"]
        return self.__dict__[name]

    def __getstate__(self) -> dict[str, Any]:
        """Pickled with its fields only (read first when kept unread), never its brief."""
        return {name: getattr(self, name) for name in _REPORT_FIELDS}


_REPORT_FIELDS = tuple(f.name for f in fields(FileReport))


@frozen
class Brief:
    """What a file's report gives the text and JSON summaries, the exit code and the
    project's requirements, at one `show` severity: kept beside each report, so that a re-run
    over unchanged files reads an eighth of the bytes and none of the findings that are
    neither shown nor counted one by one (most are project requirements, open in each file).
    `brief_of` makes one; reports read from the result cache come with theirs."""

    path: str
    relative: str
    kind: str
    show: str
    shown: tuple[Finding, ...]  # findings of the file, not the project, open at `show` or above
    counts: tuple[tuple[str, str, int], ...]  # (status, severity, how many) of those findings
    project: str  # "ID<tab>status" lines of the project requirements, in order
    notes: tuple[str, ...]  # what the document's reading noted (see Document.notes)


def brief_of(report: FileReport, show: str) -> Brief:
    counts: dict[tuple[str, str], int] = {}
    shown, project = [], []
    at_least = severity_rank(show)
    for finding in report.findings:
        if finding.scope == "project":
            if finding.kind == "requirement":
                project.append(f"{finding.id}\t{finding.status}")
            continue
        key = (finding.status, finding.severity)
        counts[key] = counts.get(key, 0) + 1
        if finding.status == "open" and severity_rank(finding.severity) >= at_least:
            shown.append(finding)
    return Brief(
        report.path,
        report.relative,
        report.kind,
        show,
        tuple(shown),
        tuple((status, severity, n) for (status, severity), n in counts.items()),
        "\n".join(project),
        report.facts.document.notes,
    )


def kept_report(brief: Brief, load: Callable[[], FileReport]) -> FileReport:
    """A report the result cache kept: its brief at once, its findings and facts from `load`
    when something asks for them."""
    report = object.__new__(FileReport)
    report.__dict__.update(
        path=brief.path, relative=brief.relative, kind=brief.kind, _brief=brief, _load=load
    )
    return report


def briefs(report: Report, show: str) -> list[Brief]:
    """Each file's brief at `show`: the one kept with it, else made from its findings."""
    memo = report.__dict__.setdefault("_briefs", {})  # a report's files never change
    if show not in memo:
        memo[show] = _briefs(report.files, show)
    found: list[Brief] = memo[show]
    return found


def _briefs(files: Sequence[FileReport], show: str) -> list[Brief]:
    kept = (file.__dict__.get("_brief") for file in files)
    return [
        brief if brief is not None and brief.show == show else brief_of(file, show)
        for brief, file in zip(kept, files, strict=True)
    ]


@frozen
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
    results: Results | None = None,
    close: bool = True,
) -> Report:
    """Check every `.py` and `.ipynb` under `paths` (in worker processes when `parallel`),
    taking what `results` (the result cache) holds for unchanged files; `close`: write what
    it keeps now (else the caller closes it, once the report is rendered)."""
    for cached in (_folder_hits, _root_hits, _folder_key):  # documents may have changed
        cached.cache_clear()
    forget_documents()
    files = discover(paths, config.root, config.settings.exclude)
    record = load_record(config.record_path)
    inputs = Inputs(standard, config.settings, record)
    reports = _check_files(files, config, inputs, parallel, progress, results)
    if results is not None and close:
        results.close()
    left = orphans(record, config.root, [r.relative for r in reports])
    reports = [_with_moved_answers(r, left) for r in reports]
    checked = {r.relative for r in reports}
    kept = _briefs(reports, config.settings.show)
    report = Report(
        config.root,
        tuple(reports),
        _project(reports, config, kept),
        record_problems(record, standard, config.root, inputs.today)
        + tuple(_orphaned(display_path(record.path), o) for o in left if o.likely not in checked),
        standard,
        config,
        record,
    )
    report.__dict__["_briefs"] = {config.settings.show: kept}  # as `briefs` keeps them
    return report


def check_document(
    document: Document,
    relative: str,
    config: Config,
    standard: Standard,
    record: Record | None = None,
    project_hits: Sequence[Hit] | None = None,
    cache: ScanCache | None = None,
    runtime: Sequence[Hit] = (),
) -> FileReport:
    """Check one in-memory document (an editor buffer or a notebook's current content).
    Pass the same `cache` for successive versions of one document to re-walk only what an
    edit can change. `runtime`: what the kernel companion saw in live objects, counted as
    found in the document. Analysis past the time limit gives RA004 for the document."""
    if record is None:
        record = load_record(config.record_path)
    try:
        with limited():
            if project_hits is None:
                project_hits = hits_for(config.root, config.root / relative)
            inputs = Inputs(standard, config.settings, record, tuple(project_hits))
            facts = scan(document, cache, standard.catalogue)
            if runtime:
                facts = replace(facts, hits=facts.hits + tuple(runtime))
            findings = evaluate(facts, document.path, inputs, relative)
    except TimeLimit:
        facts, findings = Facts(document), [_stopped(document.path)]
    except Exception:  # one document's crash must not take its surface down
        log.exception("checking %s failed", document.path)
        facts, findings = Facts(document), [_crashed(document.path)]
    report = FileReport(document.path, relative, document.kind, tuple(findings), facts)
    return _with_moved_answers(report, orphans(record, config.root, [relative]))


def _with_moved_answers(report: FileReport, left: Sequence[Orphan]) -> FileReport:
    """The report with an RA104 for answers that were recorded for a path that is gone and
    most likely belong to this file now."""
    moved = [_orphaned(report.path, o) for o in left if o.likely == report.relative]
    return replace(report, findings=report.findings + tuple(moved)) if moved else report


def _orphaned(path: str, orphan: Orphan) -> Finding:
    return tool_finding("RA104", "warning", path, None, orphan.message())


def hits_for(root: Path, path: Path) -> tuple[Hit, ...]:
    """Evidence from the project documents that count for one file: at the root, in `docs/`
    and beside the file. The CLI and the editors both ask this, so they agree."""
    return project_evidence(search_folders(root, [path]), root)


@lru_cache(maxsize=1024)
def _folder_hits(root: Path, folder: Path) -> tuple[Hit, ...]:
    """`hits_for` once per folder in a batch run (a long-lived process calls `hits_for`),
    with the documents at the root and in `docs/` read once for all folders."""
    common, searched = _root_hits(root)
    return common if real_folder(folder) in searched else common + project_evidence([folder], root)


@lru_cache(maxsize=8)
def _root_hits(root: Path) -> tuple[tuple[Hit, ...], frozenset[Path]]:
    """Hits of the documents that count for every file of the project (as `search_folders`
    finds them), and the real folders they were looked for in."""
    folders = [f for f in search_folders(root, []) if f.is_dir()]
    return project_evidence(folders, root), frozenset(real_folder(f) for f in folders)


@lru_cache(maxsize=8)
def _resolved(root: Path) -> Path:
    return real(root)


def _relative(path: Path, root: Path) -> str:
    """`path` (resolved, as `discover` gives it) relative to the project root; a file outside
    the project keeps its absolute path, as `relative_to_root` gives it."""
    text, base = os.fspath(path), _resolved_text(root)
    if text.startswith(base) and os.path.normpath(text) == text:  # most often, at a tenth
        return text[len(base) :]  # of what `relative_to` costs
    inside = path.is_relative_to(_resolved(root))
    return path.relative_to(_resolved(root)).as_posix() if inside else path.as_posix()


@lru_cache(maxsize=8)
def _resolved_text(root: Path) -> str:
    """The resolved root as the start of the paths below it: `/root/`."""
    return _as_folder(os.fspath(_resolved(root)))


def _check_files(
    files: Sequence[Path],
    config: Config,
    inputs: Inputs,
    parallel: bool,
    progress: Progress | None,
    results: Results | None = None,
) -> list[FileReport]:
    """Reports in file order: first those of files the result cache remembers unchanged
    (kept as they were when nothing their findings depend on changed, else evaluated again
    from their facts), then the rest, on Linux with several cores and files shared with
    forked workers (see `_shared`). Every report made is kept for the next run."""
    run = _run_key(inputs) if results is not None else ""
    reports = {}
    remembered = results.remembered(files, kept_report) if results is not None else {}
    for i, (key, report) in remembered.items():
        if not isinstance(report, FileReport) or results is None:
            continue  # not what this code keeps: the file is checked afresh
        now = verdict_key(run, config.root, files[i])
        if key == now:
            reports[i] = report
        elif (facts := results.facts(files[i], report)) is not None:
            again = _check_file(files[i], config, inputs, facts=facts)
            reports[i] = _kept(results, files[i], now, again, config.settings.show)
    if progress and reports:
        progress(len(reports), len(files))
    left = [path for i, path in enumerate(files) if i not in reports]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    done = len(reports)

    def step(checked: int, total: int) -> None:
        if progress:
            progress(done + checked, len(files))

    as_bytes: dict[int, Values] = {}  # reports that workers made, as bytes
    if parallel and cores > 1 and len(left) >= PARALLEL_FROM and sys.platform == "linux":
        checked = _shared(left, config, inputs, min(cores, 8) - 1, step, results, as_bytes)
    else:
        checked = []
        for path in left:
            checked.append(_check_file(path, config, inputs, results))
            step(len(checked), len(left))
    if results is not None:
        for i, (path, report) in enumerate(zip(left, checked, strict=True)):
            key = verdict_key(run, config.root, path)
            _kept(results, path, key, report, config.settings.show, as_bytes.get(i))
    fresh = iter(checked)
    return [reports[i] if i in reports else next(fresh) for i in range(len(files))]


def _kept(
    results: Results,
    path: Path,
    key: str,
    report: FileReport,
    show: str,
    as_bytes: Values | None = None,
) -> FileReport:
    """`report` and its brief at `show` (`as_bytes`: as a worker turned them into bytes),
    kept for the next run unless checking stopped or crashed (a crash is not kept: the next
    run logs it again)."""
    if any(f.id in ("RA003", "RA004") and f.kind == "tool" for f in report.findings):
        return report
    brief = None
    if as_bytes is None:
        brief = report.__dict__["_brief"] = brief_of(report, show)  # for `briefs`, as kept
    results.keep(path, key, report, brief, as_bytes)
    return report


def _run_key(inputs: Inputs) -> str:
    """A digest of what every file's findings are decided from besides its own facts and
    folder: the Standard, the settings, the record and the date (answers and waivers
    expire). Records print every field, so their `repr` stands for their content."""
    import hashlib

    what = (
        inputs.standard.digest,
        inputs.settings,
        str(inputs.record.path),
        inputs.record.entries,
        inputs.today.isoformat(),
    )
    return hashlib.sha256(repr(what).encode()).hexdigest()


def verdict_key(run: str, root: Path, path: Path) -> str:
    """The key a file's kept report is found again by: `run` (see `_run_key`), the project
    documents that count for its folder, and how it is named (shown, and in the record)."""
    import hashlib

    what = (run, _folder_key(root, path.parent), display_path(path), _relative(path, root))
    return hashlib.sha256(repr(what).encode()).hexdigest()[:40]


@lru_cache(maxsize=1024)
def _folder_key(root: Path, folder: Path) -> str:
    return repr(_folder_hits(root, folder))


def _shared(
    files: Sequence[Path],
    config: Config,
    inputs: Inputs,
    workers: int,
    progress: Progress | None,
    results: Results | None,
    as_bytes: dict[int, Values],
) -> list[FileReport]:
    """This process and `workers` forked copies take files, biggest first, from one pipe of
    tokens until none are left. Each worker sends all its reports back at the end through a
    pipe of its own, as the result cache keeps them (`results.dumped`; they go into
    `as_bytes` as they came, by index); a file whose report never arrives (a worker died) is
    checked here."""
    import pickle

    children: list[tuple[int, BinaryIO]] = []
    reports: dict[int, FileReport] = {}
    shown = 0

    def advance(done: int) -> None:
        nonlocal shown
        if progress and done > shown:
            shown = done
            progress(done, len(files))

    with _Tokens(sorted(range(len(files)), key=lambda i: -_size(files[i]))) as tokens:
        try:
            for _ in range(workers):
                # Ctrl-C is held back until the new worker is listed, so that an
                # interruption never leaves one behind unstopped.
                held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
                try:
                    child = _fork(files, config, inputs, tokens, held, results)
                    if child is not None:
                        children.append(child)
                finally:
                    signal.pthread_sigmask(signal.SIG_SETMASK, held)
                if child is None:
                    break
            for index in tokens.taken():
                reports[index] = _check_file(files[index], config, inputs, results)
                # files handed out, less those that may still be in the workers' hands
                handed_out = tokens.handed_out() - len(children)
                advance(min(max(len(reports), handed_out), len(files) - 1))
            while children:
                pid, stream = children[-1]
                with stream:
                    try:
                        sent, noted = pickle.load(stream)
                        for index, values in sent.items():
                            reports[index] = pickle.loads(values[0])
                            as_bytes[index] = values
                        merge(results, noted)
                    except Exception:  # noqa: BLE001 - a truncated pickle raises many kinds
                        log.warning("a worker sent no reports; its files are checked again")
                _reap(pid)
                children.pop()
        finally:
            for pid, stream in children:  # left only when this process was interrupted
                _stop(pid, stream)
    for index, path in enumerate(files):
        if index not in reports:
            reports[index] = _check_file(path, config, inputs, results)
    advance(len(files))
    return [reports[index] for index in range(len(files))]


def _fork(
    files: Sequence[Path],
    config: Config,
    inputs: Inputs,
    tokens: _Tokens,
    held: set[int | signal.Signals],
    results: Results | None,
) -> tuple[int, BinaryIO] | None:
    """Start one worker: its process id and the pipe its reports will come through, or None
    when no process can be started (a process limit, say)."""
    read_end, write_end = os.pipe()
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError as exc:
        log.warning("cannot start a worker process: %s", exc)
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:
        _work((read_end, write_end), parent, files, config, inputs, tokens, held, results)
    os.close(write_end)
    return pid, os.fdopen(read_end, "rb")


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):  # SIGCHLD ignored: the system reaped it
        os.waitpid(pid, 0)


def _stop(pid: int, stream: BinaryIO) -> None:
    """End a worker that an interruption left behind, and release its pipe."""
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    _reap(pid)
    stream.close()


class _Tokens:
    """Work shared by forked processes without locks: a pipe holding one 4-byte token per
    chunk of `order`, written in full before any process reads. A pipe read of 4 bytes is
    atomic, so each chunk goes to exactly one reader; an empty read means no work is left."""

    def __init__(self, order: list[int]) -> None:
        import fcntl

        self.order = order
        self.read_end, write_end = os.pipe()
        try:
            if 4 * len(order) > fcntl.fcntl(write_end, fcntl.F_GETPIPE_SZ):
                with contextlib.suppress(OSError):  # grow up to the system's limit for a pipe
                    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, min(4 * len(order), 1 << 20))
            room = fcntl.fcntl(write_end, fcntl.F_GETPIPE_SZ) // 4
            self.chunk = -(-len(order) // room)  # files per token, 1 unless there are very many
            self.count = -(-len(order) // self.chunk)
            os.write(write_end, b"".join(k.to_bytes(4, "little") for k in range(self.count)))
        except BaseException:
            os.close(self.read_end)
            raise
        finally:
            os.close(write_end)

    def __enter__(self) -> _Tokens:
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.read_end)

    def taken(self) -> Iterator[int]:
        """Indexes into the files, a chunk at a time, until every token is taken."""
        while token := os.read(self.read_end, 4):
            start = int.from_bytes(token, "little") * self.chunk
            yield from self.order[start : start + self.chunk]

    def handed_out(self) -> int:
        """How many files the tokens taken so far stand for."""
        import fcntl
        import termios

        unread = fcntl.ioctl(self.read_end, termios.FIONREAD, bytes(4))
        left = int.from_bytes(unread, sys.byteorder) // 4
        return min((self.count - left) * self.chunk, len(self.order))


def _work(
    pipe: tuple[int, int],
    parent: int,
    files: Sequence[Path],
    config: Config,
    inputs: Inputs,
    tokens: _Tokens,
    signals: set[int | signal.Signals],
    results: Results | None,
) -> NoReturn:
    """A forked worker's life: check files until none are left (or the process that started
    it is gone), send the reports (as the result cache keeps them: without cells, which
    nothing downstream reads, and the cells apart, without their sources) and
    what it added to the result cache's index, and exit without running the exit handlers
    it inherited. It starts with Ctrl-C held back and lets it through once an interruption
    can only end here."""
    import pickle

    status = 1
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, signals)
        read_end, write_end = pipe
        os.close(read_end)
        reports = {}
        for index in tokens.taken():
            if os.getppid() != parent:
                break
            report = _check_file(files[index], config, inputs, results)
            reports[index] = dumped(report, brief_of(report, config.settings.show))
        with os.fdopen(write_end, "wb") as stream:
            noted = list(results.noted.items()) if results is not None else []
            pickle.dump((reports, noted), stream, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    except Exception:  # logged here: the parent only sees that reports are missing
        log.exception("a worker process failed; its files are checked again")
    finally:
        os._exit(status)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _check_file(
    path: Path,
    config: Config,
    inputs: Inputs,
    results: Results | None = None,
    facts: Facts | None = None,
) -> FileReport:
    """One file's report, from `facts` when the result cache had them, else from a scan
    (through the cache when there is one)."""
    shown = display_path(path)
    relative = _relative(path, config.root)
    try:
        with limited():
            if facts is None:
                facts = _scan_file(path, inputs, results)
            facts = named(facts, shown)
            inputs = replace(inputs, project_hits=_folder_hits(config.root, path.parent))
            findings = evaluate(facts, shown, inputs, relative)
    except TimeLimit:
        log.warning("checking %s stopped at the time limit", shown)
        facts, findings = Facts(Document(shown, document_kind(path))), [_stopped(shown)]
    except Exception:
        log.exception("checking %s failed", shown)
        facts, findings = Facts(Document(shown, document_kind(path))), [_crashed(shown)]
    return FileReport(shown, relative, facts.document.kind, tuple(findings), facts)


def _scan_file(path: Path, inputs: Inputs, results: Results | None) -> Facts:
    catalogue = inputs.standard.catalogue
    if results is not None and catalogue is not None:
        return results.scan(path, catalogue)
    return scan(read_document(path), catalogue=catalogue)


def _stopped(shown: str) -> Finding:
    return tool_finding("RA004", "error", shown, None, time_limit.message())


def _crashed(shown: str) -> Finding:
    message = "internal error while checking this file (details in the log)"
    return tool_finding("RA003", "error", shown, None, message)


def _project(
    reports: Sequence[FileReport], config: Config, kept: Sequence[Brief]
) -> tuple[Finding, ...]:
    """Project-scope requirements once each, in their most settled state across files (on a
    tie, the first file's); their signals keep the file they were found in. Which file
    settles each is read from the briefs (`kept`), so that only those files' findings are."""
    settled: dict[str, tuple[int, int, str]] = {}  # requirement -> (its rank, file, status)
    rank: dict[str, int] = {s: number for number, s in enumerate(STATUS_ORDER)}  # as `best` does
    seen: set[str] = set()
    for number, brief in enumerate(kept):
        if brief.project in seen:  # as a file before it in every way: no tie goes its way
            continue
        seen.add(brief.project)
        for line in brief.project.split("\n") if brief.project else ():
            requirement, status = line.split("\t")
            held = settled.get(requirement)
            if held is None or rank[status] < held[0]:
                settled[requirement] = (rank[status], number, status)
    root = display_path(config.root)
    found = []
    for requirement, (_, number, status) in settled.items():
        path = reports[number].path
        finding = next(
            f
            for f in reports[number].findings
            if f.id == requirement
            and f.status == status
            and f.scope == "project"
            and f.kind == "requirement"
        )
        signals = tuple(replace(h, path=h.path or path) for h in finding.signals)
        found.append(replace(finding, path=root, signals=signals))
    return tuple(found)


def record_problems(
    record: Record, standard: Standard, root: Path, today: dt.date
) -> tuple[Finding, ...]:
    """What is wrong with the record's entries themselves: unknown requirements and expired
    answers (answers for missing paths are `renames.orphans`)."""
    problems = []
    name = display_path(record.path)
    for entry in record.entries:
        if entry.id not in standard.by_id:
            message = f"record entry for unknown requirement {entry.id}"
            problems.append(tool_finding("RA103", "warning", name, None, message))
        elif entry.expired(today):
            message = (
                f"{entry.answer} answer for {entry.id} ({entry.scope}) expired on {entry.expires}"
            )
            problems.append(tool_finding("RA102", "warning", name, None, message))
    return tuple(problems)


def display_path(path: Path) -> str:
    """A path relative to the current folder when it is below it, else absolute; odd
    characters in names (control characters, bytes that are not UTF-8) escaped."""
    text = os.fspath(path)
    here = _as_folder(str(Path.cwd()))
    if text.startswith(here) and os.path.normpath(text) == text:  # what `relpath` gives,
        return printable(text[len(here) :])  # at a twentieth of its cost
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return printable(str(path))
    return printable(str(path) if relative.startswith("..") else relative)


def _as_folder(path: str) -> str:
    """A folder's path as the start of the paths below it: `/a/b/` (`/` stays `/`)."""
    return path if path.endswith(os.sep) else path + os.sep
