"""The result cache: what the scan found in a file (its Facts), kept on disk and found again
by the file's bytes, so that a re-run over unchanged files neither parses nor walks them (as
ruff's cache spares it the work on files it has seen).

Each project keeps a snapshot: for each path, its stat (size, modification and change times,
inode, device, as git's index keeps them), the address of its bytes, and the file's last
report (its facts and findings) with the key of everything else its findings were decided
from (configuration, the record, the project's documents, the date, the names it is shown by;
see `checking.verdict_key`). An address is a hash of the file's bytes with raiassist's code
(`code_version`), the digests of the Standard's and the catalogue's files, and the kind of
document, and a snapshot's name carries the same salt: a change to any of them starts afresh.

A file whose stat is as the snapshot has it is not even read: while its key is the same it
keeps its report, and when the key changed it is evaluated afresh from the kept facts, so an
answer, a configuration change or a new model card changes a verdict at once. A file whose
stat changed is read, and its bytes' address looked up among the snapshot's entries: a file
touched, written again as it was, or renamed keeps its facts and is only evaluated. Any write
changes a file's change time, which no one can set back; a file written less than `SETTLED`
seconds before it was indexed is kept under a stat no file has (`UNSETTLED`), since two writes
in one clock tick would leave the same stat: the next run reads it, and finds its facts by
its bytes' address. The snapshot is split by path into `SHARDS` files, so that a pre-commit run
over the one file that changed rewrites a sixteenth of it, and so that a cold run writes
sixteen files, not one per file checked (creating a file costs this kind of machine half a
millisecond).

Snapshots are written to a temporary file and renamed into place, so concurrent runs
(pre-commit runs hooks in parallel) and a crash mid-write never leave a half-written one
where a reader looks; whatever cannot be read is a miss. The folder is bounded (`MAX_BYTES`,
least recently used first out), and used only when it belongs to the user and no one else
can write to it (snapshots hold pickles).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import time
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from stat import S_ISREG
from typing import Any

from raiassist.cache import code_version
from raiassist.catalogue.model import Catalogue
from raiassist.document import Cell, document_from_bytes, document_kind, read_document
from raiassist.logfile import log_dir, logger
from raiassist.safe_read import Unreadable, read_bytes
from raiassist.scan import Facts, scan
from raiassist.standard.model import Standard

log = logger(__name__)
MAX_BYTES = 256 * 2**20  # the folder's size; beyond it the least recently used entries go
SHARDS = 16  # files a project's snapshot is split into, by path
MAX_INDEXED = 50_000 // SHARDS  # paths one shard of a project's snapshot remembers
MAX_SNAPSHOT = MAX_BYTES // 4 // SHARDS  # bytes of reports one shard keeps
SETTLED = 2.0  # seconds a file must be left alone before its stat stands for its bytes
REFRESHED = 86_400  # seconds after which a used entry is marked used again (for pruning)
SNAPSHOT = b"raiassist-snapshot-3\n"  # the first bytes of a project's snapshot
Stat = tuple[int, int, int, int, int]  # size, mtime_ns, ctime_ns, inode, device
UNSETTLED: Stat = (-1, 0, 0, 0, 0)  # kept for a file too fresh to be known by its stat: no
# file has this stat, so the file is read, and its facts found by their bytes' address
Index = dict[str, tuple[Stat, str]]  # path -> (its stat, the address of its bytes)
Place = tuple[int, int]  # offset and length of a value in a snapshot
# path -> (stat, address, key, where its report is, its cells, its JSON, its brief, the
# CRC-32 of its report's bytes) in a snapshot
Kept = dict[str, tuple[Stat, str, str, Place, Place, Place | None, Place, int]]
Values = tuple[bytes, bytes, bytes]  # a report, its cells and its brief, pickled


def folder() -> Path:
    """Where entries live: `$RAIASSIST_CACHE_DIR`, else `results` in raiassist's folder in
    the user's cache folder (`$XDG_CACHE_HOME/raiassist`)."""
    configured = os.environ.get("RAIASSIST_CACHE_DIR")
    return Path(configured).expanduser() if configured else log_dir() / "results"


class Results:
    """The result cache as one run of `raiassist check` over one project uses it."""

    def __init__(self, where: Path, salt: str, root: Path) -> None:
        self.folder = where
        self.salt = salt.encode()
        self.name = hashlib.sha256(self.salt + b"\0" + str(root).encode()).hexdigest()[:20]
        self.shards: dict[int, _Snapshot] = {}  # the snapshot's shards read so far
        self.noted: Index = {}  # files read this run: path -> (stat, address)
        self.kept: dict[str, tuple[str, Values]] = {}  # reports made this run: path -> key, bytes
        self.used: set[str] = set()  # paths whose kept report this run took
        self.known: dict[int, tuple[str, Any]] = {}  # id of a report given or kept -> its path
        self.fragments: dict[str, bytes] = {}  # JSON of a file's report made this run, by path
        self.written = 0
        # each address kept in the shards read so far, and how many shards that was
        self._addressed: tuple[int, dict[str, tuple[_Snapshot, Any]]] = (0, {})

    @classmethod
    def open(cls, standard: Standard, root: Path, where: Path | None = None) -> Results | None:
        """The cache for checking `root` against `standard`, or None when caching is off
        (`RAIASSIST_NO_CACHE`), the Standard was not read from files, or the folder cannot be
        used safely."""
        catalogue = standard.catalogue
        if os.environ.get("RAIASSIST_NO_CACHE") or catalogue is None:
            return None
        if not standard.digest or not catalogue.digest:
            return None
        where = where or folder()
        if not _private(where):
            return None
        return cls(where, f"{code_version()}\0{standard.digest}\0{catalogue.digest}", root)

    def remembered(
        self, paths: Sequence[Path], make: Callable[[Any, Callable[[], Any]], Any]
    ) -> dict[int, tuple[str, Any]]:
        """The last reports (by position in `paths`), with their keys, of the files whose stat
        is as the snapshot has it, each as `make(brief, load)` gives it: its brief read now,
        the report itself unpickled when `load` is called (its bytes are read and checked
        now, so that it can be). A report comes without its cells (`facts` asks for them)."""
        found = {}
        for number, path in enumerate(paths):
            shard, known = self._entry(str(path))
            if known is None or known[0] != _stat(path):
                continue
            data, brief = shard.report(known), shard.read(known[6])
            if data is None or brief is None:
                continue
            report = make(brief, functools.partial(pickle.loads, data))
            found[number] = (known[2], report)
            self.used.add(str(path))
            self.known[id(report)] = (str(path), report)
        return found

    def facts(self, path: Path, report: Any) -> Facts | None:
        """The Facts of a report `remembered` gave, with their cells (evaluation asks which
        evidence cells ran), or None when they cannot be read."""
        shard, known = self._entry(str(path))
        return None if known is None else _with_cells(shard, known, report)

    def keep(
        self, path: Path, key: str, report: Any, brief: Any, values: Values | None = None
    ) -> None:
        """Keep a report made this run (`report.facts` with its cells) and its `brief` for the
        next run, under `key`, the digest of what its findings were decided from; `values`:
        them as a worker process already turned them into bytes (`dumped`)."""
        if values is None:
            try:
                values = dumped(report, brief)
            except (pickle.PicklingError, TypeError, AttributeError) as exc:
                log.warning("cannot keep the report of %s: %s", path, exc)
                return
        self.kept[str(path)] = (key, values)
        self.known[id(report)] = (str(path), report)
        self.fragments.pop(str(path), None)

    def fragment(self, report: Any) -> bytes | None:
        """The JSON of `report`, in UTF-8, as a run kept it with the same report (see
        `keep_fragment`), or None. Only the very object `remembered` gave has one: a report
        changed since (an answer moved onto it, say) is a new object."""
        path, _ = self.known.get(id(report), ("", None))
        if not path or path in self.kept:
            return None
        shard, known = self._entry(path)
        if known is None or known[5] is None:
            return None
        return shard.raw(known[5])

    def keep_fragment(self, report: Any, data: bytes) -> None:
        """Keep the JSON (UTF-8) of a report this run gave or kept, for the next run to print
        as it is while the report is unchanged."""
        path, held = self.known.get(id(report), ("", None))
        if held is report:
            self.fragments[path] = data

    def scan(self, path: Path, catalogue: Catalogue) -> Facts:
        """The file's Facts: those kept with the last report of a file of the same bytes
        (this path's, or, among the shards read so far, any path's: a file touched, written
        again as it was, or renamed), else scanned."""
        stat = _stat(path)
        try:
            raw = read_bytes(path)
        except Unreadable:
            return scan(read_document(path), catalogue=catalogue)
        kind = document_kind(path)
        address = self._address(kind, raw)
        facts = self._facts_at(str(path), address)
        if facts is None:
            facts = scan(document_from_bytes(raw, kind, ""), catalogue=catalogue)
        if stat is None or time.time_ns() - max(stat[1], stat[2]) <= SETTLED * 1e9:
            stat = UNSETTLED
        self.noted[str(path)] = (stat, address)
        return facts

    def _facts_at(self, path: str, address: str) -> Facts | None:
        """The kept Facts of bytes at `address`, or None when no shard read holds them."""
        shard, known = self._entry(path)
        if known is None or known[1] != address:
            if len(self.shards) != self._addressed[0]:
                self._addressed = (len(self.shards), _by_address(self.shards.values()))
            shard, known = self._addressed[1].get(address, (shard, None))
        data = None if known is None else shard.report(known)
        if data is None:
            return None
        try:
            report = pickle.loads(data)
        except Exception:  # noqa: BLE001 - a foreign value is a miss
            return None
        if not isinstance(getattr(report, "facts", None), Facts):
            return None
        return _with_cells(shard, known, report)

    def close(self) -> None:
        """Write each shard of the snapshot that this run changed, its reports laid over the
        last ones (read again: a concurrent run's count too), and keep the folder within its
        bound. A run that changed one file rewrites one shard, not the project's snapshot."""
        changed: dict[int, tuple[dict[str, tuple[Stat, str, str, Values]], dict[str, bytes]]] = {}
        for path, value in self._placed().items():
            changed.setdefault(_shard_of(path), ({}, {}))[0][path] = value
        for path, text in self.fragments.items():
            changed.setdefault(_shard_of(path), ({}, {}))[1][path] = text
        for number, (kept, fragments) in changed.items():
            where = self._shard_path(number)
            self._shard(number).close()
            last = self.shards[number] = _Snapshot(where)
            if _write_snapshot(where, last, kept, self.used, fragments):
                self.written += 1
        for number in {_shard_of(path) for path in self.used} - set(changed):
            _refresh(self._shard_path(number))  # used, if not rewritten: not the least recent
        for shard in self.shards.values():
            shard.close()
        if self.written:
            prune(self.folder)

    def _placed(self) -> dict[str, tuple[Stat, str, str, Values]]:
        """This run's reports that can be found again: of files that were read (`noted`), or
        whose stat the snapshot already held."""
        placed = {}
        for path, (key, report) in self.kept.items():
            where = self.noted.get(path) or self._entry(path)[1]
            if where is not None:
                placed[path] = (where[0], where[1], key, report)
        return placed

    def _entry(self, path: str) -> tuple[_Snapshot, Any]:
        """The shard that holds `path`, and its entry there (None when it has none)."""
        shard = self._shard(_shard_of(path))
        return shard, shard.index.get(path)

    def _shard(self, number: int) -> _Snapshot:
        if number not in self.shards:
            self.shards[number] = _Snapshot(self._shard_path(number))
        return self.shards[number]

    def _shard_path(self, number: int) -> Path:
        return self.folder / f"snapshot-{self.name}-{number:02x}.bin"

    def _address(self, kind: str, raw: bytes) -> str:
        digest = hashlib.sha256(self.salt)
        digest.update(b"\0" + kind.encode() + b"\0")
        digest.update(raw)
        return digest.hexdigest()[:40]


def _shard_of(path: str) -> int:
    """Which of the `SHARDS` files of a snapshot holds a path's entry."""
    return zlib.crc32(os.fsencode(path)) % SHARDS


def named(facts: Facts, shown: str) -> Facts:
    """Cached Facts under the name this run shows for their file."""
    return replace(facts, document=replace(facts.document, path=shown))


def dumped(report: Any, brief: Any) -> Values:
    """A report as the snapshot keeps it: pickled without its cells, the cells as plain
    tuples (index, kind, execution count, line offset) without their sources (evaluation
    asks which evidence cells ran, nothing reads their code), and its brief."""
    facts = report.facts
    bare = replace(report, facts=replace(facts, document=replace(facts.document, cells=())))
    cells = _plain_cells(facts.document.cells)
    protocol = pickle.HIGHEST_PROTOCOL
    return (
        pickle.dumps(bare, protocol=protocol),
        pickle.dumps(cells, protocol=protocol),
        pickle.dumps(brief, protocol=protocol),
    )


def _plain_cells(cells: Sequence[Cell]) -> list[tuple[int, str, int | None, int]]:
    """Cells as entries keep them: (index, kind, execution count, line offset), no source
    (evaluation asks which evidence cells ran; nothing reads their code)."""
    return [(c.index, c.kind, c.execution_count, c.line_offset) for c in cells]


def _cells(kept: Any) -> tuple[Cell, ...]:
    """The cells `_plain_cells` kept (TypeError or ValueError when `kept` is not that)."""
    if not isinstance(kept, list):
        raise TypeError("not kept cells")
    return tuple(Cell(index, kind, "", ran, offset) for index, kind, ran, offset in kept)


def _with_cells(shard: _Snapshot, known: Any, report: Any) -> Facts | None:
    """A kept report's Facts with the cells its snapshot entry `known` keeps beside it, or
    None when they cannot be read."""
    try:
        cells = _cells(shard.read(known[4]))
    except (TypeError, ValueError):  # nothing, or not what `dumped` keeps
        return None
    facts: Facts = report.facts
    return replace(facts, document=replace(facts.document, cells=cells))


def _by_address(shards: Iterable[_Snapshot]) -> dict[str, tuple[_Snapshot, Any]]:
    return {known[1]: (shard, known) for shard in shards for known in shard.index.values()}


class _Snapshot:
    """A project's snapshot as read from its file: the index at once, each report or cells
    only when asked for (`read`), straight from the file."""

    def __init__(self, path: Path) -> None:
        self.index: Kept = {}
        self.fd: int | None = None
        self.start = 0
        try:
            self.fd = _open_regular(path)
            head = os.pread(self.fd, len(SNAPSHOT) + 8, 0)
            size = int.from_bytes(head[len(SNAPSHOT) :], "little")
            if head[: len(SNAPSHOT)] != SNAPSHOT:
                raise ValueError("not a snapshot")
            self.start = len(head) + size
            index = pickle.loads(os.pread(self.fd, size, len(head)))
            if isinstance(index, dict):
                self.index = index
        except Exception:  # noqa: BLE001 - a missing, partial or foreign snapshot starts afresh
            self.index = {}

    def read(self, where: Place) -> Any:
        """The value at (offset, length) past the index, or None when it cannot be read."""
        data = self.raw(where)
        try:
            return None if data is None else pickle.loads(data)
        except Exception:  # noqa: BLE001 - a truncated or foreign value is a miss
            return None

    def report(self, known: Any) -> bytes | None:
        """The bytes of the report an index entry places, when they are as written (their
        CRC-32 is the one kept beside them), else None."""
        data = self.raw(known[3])
        return data if data is not None and zlib.crc32(data) == known[7] else None

    def raw(self, where: Place) -> bytes | None:
        """The bytes at (offset, length) past the index, or None when they cannot be read."""
        if self.fd is None:
            return None
        try:
            data = os.pread(self.fd, where[1], self.start + where[0])
        except OSError:
            return None
        return data if len(data) == where[1] else None

    def close(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None


def _write_snapshot(
    path: Path,
    last: _Snapshot,
    kept: dict[str, tuple[Stat, str, str, Values]],
    used: set[str],
    fragments: dict[str, bytes],
) -> bool:
    """Write a snapshot: `kept` laid over `last` (whose values are copied as they are), with
    the JSON `fragments` made this run, within `MAX_INDEXED` paths and `MAX_SNAPSHOT` bytes,
    the longest unused out first (`used`: the paths this run took a report of)."""
    values: dict[str, tuple[Stat, str, str, bytes, bytes, bytes | None, bytes]] = {}
    for name, (stat, address, key, report_at, cells_at, json_at, brief_at, _) in sorted(
        last.index.items(), key=lambda item: item[0] in used
    ):
        if name not in kept:
            report, cells, brief = last.raw(report_at), last.raw(cells_at), last.raw(brief_at)
            text = fragments.get(name) or (last.raw(json_at) if json_at else None)
            if report is not None and cells is not None and brief is not None:
                values[name] = (stat, address, key, report, cells, text, brief)
    for name, (stat, address, key, (report, cells, brief)) in kept.items():
        values[name] = (stat, address, key, report, cells, fragments.get(name), brief)
    size = sum(sum(len(b) for b in v[3:] if b) for v in values.values())
    for name in list(values):
        if len(values) <= MAX_INDEXED and size <= MAX_SNAPSHOT:
            break
        size -= sum(len(b) for b in values[name][3:] if b)
        del values[name]
    index: Kept = {}
    parts: list[bytes] = []
    offset = 0

    def place(value: bytes) -> Place:
        nonlocal offset
        parts.append(value)
        offset += len(value)
        return offset - len(value), len(value)

    for name, (stat, address, key, report, cells, text, brief) in values.items():
        index[name] = (
            stat,
            address,
            key,
            place(report),
            place(cells),
            place(text) if text else None,
            place(brief),
            zlib.crc32(report),
        )
    head = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
    return _write_bytes(path, [SNAPSHOT, len(head).to_bytes(8, "little"), head, *parts])


def prune(where: Path) -> None:
    """Keep the folder under `MAX_BYTES`: least recently used entries first out, and
    temporary files that a crash left behind an hour ago."""
    entries = []
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(where):
            with contextlib.suppress(OSError):
                info = entry.stat()
                if entry.name.endswith(".tmp") and now - info.st_mtime > 3600:
                    Path(entry.path).unlink()
                elif entry.name.endswith((".pickle", ".bin")):
                    entries.append((info.st_mtime, info.st_size, entry.path))
    total = sum(size for _, size, _ in entries)
    if total <= MAX_BYTES:
        return
    entries.sort()
    for _, size, path in entries:
        if total <= MAX_BYTES * 0.8:
            break
        with contextlib.suppress(OSError):  # another run pruned it first
            Path(path).unlink()
        total -= size


def _open_regular(path: Path) -> int:
    """A descriptor of `path` for reading, when it is a regular file: a FIFO put where an
    entry should be is never waited on (OSError otherwise)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    if not S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(f"{path} is not a regular file")
    return fd


def _refresh(path: Path) -> None:
    """Mark a used file as used (its modification time, which pruning goes by), once a day."""
    with contextlib.suppress(OSError):
        if time.time() - path.stat().st_mtime > REFRESHED:
            os.utime(path)


def _stat(path: Path) -> Stat | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def _private(where: Path) -> bool:
    """Whether the folder exists (it is made if not) as the user's own, closed to others."""
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = where.stat()
    except OSError as exc:
        log.warning("the result cache at %s cannot be used: %s", where, exc)
        return False
    if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
        log.warning("the result cache at %s is not used: others can write to it", where)
        return False
    return True


def _write_bytes(path: Path, parts: list[bytes]) -> bool:
    """Write atomically: a reader sees the old file or the new one, never part of one."""
    from raiassist.atomic import temporary_beside

    try:
        fd, temporary = temporary_beside(path)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.writelines(parts)
            Path(temporary).replace(path)
        except BaseException:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()
            raise
    except (OSError, pickle.PicklingError) as exc:
        log.warning("cannot write to the result cache: %s", exc)
        return False
    return True


def merge(results: Results | None, noted: Iterable[tuple[str, tuple[Stat, str]]]) -> None:
    """Index additions made by a worker process, taken into this process's cache."""
    if results is not None:
        results.noted.update(noted)
