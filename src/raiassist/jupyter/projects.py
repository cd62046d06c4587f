"""The project, Standard and record behind a notebook path under the server's root, and the
in-memory scan caches that keep re-checks of an edited notebook cheap.

Paths come from the browser, so every one is resolved and refused when it leaves the root.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from raiassist.config import Config, load_config
from raiassist.frozen import frozen
from raiassist.safe_read import real
from raiassist.scan import ScanCache
from raiassist.standard import Standard, load_standard

MAX_CACHED_DOCUMENTS = 32


class RequestError(Exception):
    """A request the server refuses: an HTTP status and one sentence for the user."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@frozen
class Target:
    """A notebook (or script) the browser names, resolved under the root."""

    api_path: str  # as the contents API names it: relative, '/'-separated
    file: Path  # absolute
    config: Config
    standard: Standard
    server_root: Path  # resolved: nothing outside it is written

    @property
    def relative(self) -> str:
        """Relative to the project root, as the record and configuration name it."""
        return self.file.relative_to(self.config.root).as_posix()


def resolve(root: Path, api_path: object) -> Path:
    """The absolute path of an existing file for a contents-API path (relative to `root`,
    as is one with a leading slash); refuses anything outside `root`."""
    if not isinstance(api_path, str) or not api_path.strip("/"):
        raise RequestError(400, "'path' must name a file relative to the server's root")
    pure = PurePosixPath(api_path.strip("/"))
    if ".." in pure.parts or "\x00" in api_path:
        raise RequestError(403, f"{api_path}: outside the server's root")
    file = real(root / pure)
    if not file.is_relative_to(real(root)):
        raise RequestError(403, f"{api_path}: outside the server's root")
    if not file.is_file():
        raise RequestError(404, f"{api_path}: no such file under the server's root")
    return file


def target(root: Path, api_path: object, answerer: object = None) -> Target:
    """The file and its project (configuration and Standard). Packs are read only when
    built in or inside the project: whoever can write a notebook folder's configuration
    must not make the server read (and report on) files elsewhere. `answerer` is the
    JupyterLab setting of that name: it counts over the project's file, as editor settings
    do (git's identity still comes first)."""
    from raiassist.errors import UserError

    file = resolve(root, api_path)
    if answerer is not None and not isinstance(answerer, str):
        raise RequestError(400, "'answerer' must be a name, such as Dana Whitfield")
    try:
        config = load_config(file)
        if answerer and answerer.strip():
            config = config.with_overrides({"answerer": answerer.strip()})
        standard = load_standard(
            config.settings.packs, config.root, config.catalogue_paths, within=config.root
        )
    except UserError as exc:
        raise RequestError(409, "; ".join(str(p) for p in exc.problems)) from None
    return Target(str(api_path).strip("/"), file, config, standard, real(root))


class ScanCaches:
    """One ScanCache per recently checked document, least recently used dropped first.
    Checks run in several threads: one document's checks take turns on its cache, while
    other documents' go ahead."""

    def __init__(self) -> None:
        self._caches: OrderedDict[Path, tuple[ScanCache, threading.Lock]] = OrderedDict()
        self._lock = threading.Lock()

    @contextmanager
    def get(self, file: Path) -> Iterator[ScanCache]:
        """The document's cache, held for this thread until the block ends."""
        with self._lock:
            kept = self._caches.pop(file) if file in self._caches else None
            cache, turn = kept or (ScanCache(), threading.Lock())
            self._caches[file] = (cache, turn)
            while len(self._caches) > MAX_CACHED_DOCUMENTS:
                self._caches.popitem(last=False)
        with turn:
            yield cache
