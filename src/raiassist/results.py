"""The result cache: what the scan found in a file (its Facts), kept on disk and found again
by the file's bytes, so that a re-run over unchanged files neither parses nor walks them (as
ruff's cache spares it the work on files it has seen).

An entry's address is a hash of the file's bytes with raiassist's code (`code_version`),
the digests of the Standard's and the catalogue's files, and the kind of document: a change
to any of them gives a new address, and entries no longer addressed age out. Evaluation is
never cached: configuration, the record and the project's documents apply afresh on every
run, so an answer changes a verdict at once.

So that an unchanged file is not even read, each project keeps an index from a path's stat
(size, modification and change times, inode, device) to the address of its bytes, as git's
index does. Any write changes a file's change time, which no one can set back; a file
written less than `SETTLED` seconds before it was indexed is not indexed, since two writes
in one clock tick would leave the same stat.

Entries and the index are written to a temporary file and renamed into place, so concurrent
runs (pre-commit runs hooks in parallel) and a crash mid-write never leave a half-written
entry where a reader looks; whatever cannot be read is a miss. The folder is bounded
(`MAX_BYTES`, least recently used first out), and used only when it belongs to the user
and no one else can write to it (entries are pickles).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import time
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from raiassist.cache import code_version
from raiassist.catalogue.model import Catalogue
from raiassist.document import document_from_bytes, document_kind, read_document
from raiassist.logfile import log_dir
from raiassist.safe_read import Unreadable, read_bytes
from raiassist.scan import Facts, scan
from raiassist.standard.model import Standard

log = logging.getLogger(__name__)
MAX_BYTES = 256 * 2**20  # the folder's size; beyond it the least recently used entries go
MAX_INDEXED = 50_000  # paths one project's index remembers
SETTLED = 2.0  # seconds a file must be left alone before its stat stands for its bytes
REFRESHED = 86_400  # seconds after which a used entry is marked used again (for pruning)
Stat = tuple[int, int, int, int, int]  # size, mtime_ns, ctime_ns, inode, device
Index = dict[str, tuple[Stat, str]]  # path -> (its stat, the address of its bytes)


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
        name = hashlib.sha256(self.salt + b"\0" + str(root).encode()).hexdigest()[:20]
        self.index_path = where / f"index-{name}.pickle"
        self.index: Index = _load(self.index_path) or {}
        self.noted: Index = {}  # this run's additions to the index
        self.written = 0

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

    def remembered(self, paths: Sequence[Path]) -> dict[int, Facts]:
        """Facts of the files (by position in `paths`) whose stat is as the index has it."""
        found = {}
        for number, path in enumerate(paths):
            known = self.index.get(str(path))
            if known is not None and known[0] == _stat(path):
                facts = self._get(known[1])
                if facts is not None:
                    found[number] = facts
        return found

    def scan(self, path: Path, catalogue: Catalogue) -> Facts:
        """The file's Facts: from the entry for its bytes, else scanned and stored."""
        stat = _stat(path)
        try:
            raw = read_bytes(path)
        except Unreadable:
            return scan(read_document(path), catalogue=catalogue)
        kind = document_kind(path)
        address = self._address(kind, raw)
        facts = self._get(address)
        if facts is None:
            facts = scan(document_from_bytes(raw, kind, ""), catalogue=catalogue)
            if not any(p.message.startswith("internal error") for p in facts.problems):
                self._put(address, facts)  # a crash is not kept: the next run logs it again
        if stat is not None and time.time_ns() - max(stat[1], stat[2]) > SETTLED * 1e9:
            self.noted[str(path)] = (stat, address)
        return facts

    def close(self) -> None:
        """Write this run's index additions, and keep the folder within its bound."""
        if self.noted:
            index = {**(_load(self.index_path) or {}), **self.noted}  # another run's, too
            for path in list(index)[: max(len(index) - MAX_INDEXED, 0)]:
                del index[path]
            _write(self.index_path, index)
        if self.written or self.noted:
            prune(self.folder)

    def _address(self, kind: str, raw: bytes) -> str:
        digest = hashlib.sha256(self.salt)
        digest.update(b"\0" + kind.encode() + b"\0")
        digest.update(raw)
        return digest.hexdigest()[:40]

    def _get(self, address: str) -> Facts | None:
        path = self.folder / f"facts-{address}.pickle"
        try:
            with path.open("rb") as handle:
                stored, facts = pickle.load(handle)
                if time.time() - os.fstat(handle.fileno()).st_mtime > REFRESHED:
                    os.utime(handle.fileno())
        except Exception:  # noqa: BLE001 - a missing, partial or foreign entry is a miss
            return None
        return facts if stored == address and isinstance(facts, Facts) else None

    def _put(self, address: str, facts: Facts) -> None:
        # named afresh when read; cells keep their kind and execution count (evaluation asks
        # which evidence cells ran) but not their source
        cells = tuple(replace(c, source="") for c in facts.document.cells)
        document = replace(facts.document, path="", cells=cells)
        kept = Facts(document, facts.hits, facts.problems, facts.waivers)
        if _write(self.folder / f"facts-{address}.pickle", (address, kept)):
            self.written += 1


def named(facts: Facts, shown: str) -> Facts:
    """Cached Facts under the name this run shows for their file."""
    return replace(facts, document=replace(facts.document, path=shown))


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
                elif entry.name.endswith(".pickle"):
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


def _load(path: Path) -> Index | None:
    try:
        value = pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - a missing or unreadable index starts afresh
        return None
    return value if isinstance(value, dict) else None


def _write(path: Path, value: object) -> bool:
    """Write atomically: a reader sees the old file or the new one, never part of one."""
    import tempfile  # here, not above: a run that writes nothing pays for no `random`

    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
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
