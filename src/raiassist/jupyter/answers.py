"""What the sidebar writes to the project's record: an answer (attest, not applicable, waive;
answering again replaces it), a withdrawal, and answers moved to this notebook after a
rename. Each goes through `raiassist.answering`, as the CLI's verbs do, and only after the
record is known to lie inside the server's root. Also who the next answer is recorded as,
and a stamp of the record that changes whenever the file does, so the panel can follow
answers written elsewhere (the CLI, VS Code)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from raiassist.answering import answer, answerer_json, move_answers, withdraw
from raiassist.errors import UserError
from raiassist.jupyter.projects import RequestError, Target
from raiassist.record import ANSWERS, load_record
from raiassist.renames import orphans
from raiassist.safe_read import real

T = TypeVar("T")


def write_answer(target: Target, body: dict[str, Any]) -> dict[str, Any]:
    """Attest, mark not applicable or waive: one entry in the project's record, replacing an
    earlier answer to the same requirement and scope."""
    kind = body.get("answer")
    text = body.get("text")
    if kind not in ANSWERS:
        raise RequestError(400, "'answer' must be one of " + ", ".join(ANSWERS))
    if not isinstance(text, str) or not text.strip():
        word = "note" if kind == "attested" else "reason"
        raise RequestError(400, f"type a {word} first: the record keeps why")
    path = _scope_path(target, body)
    _writable(target)
    config, standard = target.config, target.standard
    entry = _refused_as_400(lambda: answer(config, standard, _id(body), kind, text.strip(), path))
    written = {k: str(v) for k, v in entry.as_dict().items() if v is not None}
    return {"entry": written, "record": str(target.config.record_path)}


def withdraw_answer(target: Target, body: dict[str, Any]) -> dict[str, Any]:
    """Take back the answer to `id` for this notebook (or, with `scope: project`, the
    project's); 400 when there is none."""
    path = _scope_path(target, body)
    _writable(target)
    config, standard, requirement = target.config, target.standard, _id(body)
    removed = _refused_as_400(lambda: withdraw(config, standard, requirement, path))
    return {"id": requirement.strip().upper(), "removed": removed}


def move_here(target: Target, body: dict[str, Any]) -> dict[str, Any]:
    """Point the answers recorded for `old`, a path that no longer exists, at this notebook.
    Only a path the record really names for a missing file is accepted (the RA104 the
    checklist shows), so a request cannot take another file's answers."""
    old = body.get("old")
    missing = {o.scope for o in orphans(load_record(target.config.record_path), target.config.root)}
    if not isinstance(old, str) or old.strip().strip("/") not in missing:
        raise RequestError(400, "'old' must be a path the record names that no longer exists")
    _writable(target)
    config, file = target.config, target.file
    moved = _refused_as_400(lambda: move_answers(config, old, file))
    return {"old": old.strip().strip("/"), "new": target.relative, "moved": moved}


def moved_here(target: Target) -> list[dict[str, Any]]:
    """The answers recorded for missing paths that most likely belong to this notebook now
    (what RA104 reports), as `{"old", "ids"}` for the panel's "move the answers here"."""
    record = load_record(target.config.record_path)
    found = orphans(record, target.config.root, [target.relative])
    return [{"old": o.scope, "ids": list(o.ids)} for o in found if o.likely == target.relative]


def answerer(target: Target) -> dict[str, str]:
    """Who the next answer will be recorded as, and where the name comes from."""
    return answerer_json(target.config)


def record_stamp(target: Target) -> dict[str, Any]:
    """The record's path and a stamp (modification time and size) that changes with it;
    `null` while there is no record."""
    record = target.config.record_path
    try:
        info = record.stat()
    except OSError:
        stamp = None
    else:
        stamp = f"{info.st_mtime_ns}-{info.st_size}"
    return {"record": target.config.settings.record, "stamp": stamp}


def _id(body: dict[str, Any]) -> str:
    requirement = body.get("id")
    if not isinstance(requirement, str) or not requirement.strip():
        raise RequestError(400, "'id' must name a requirement, such as F1.5")
    return requirement


def _scope_path(target: Target, body: dict[str, Any]) -> Path | None:
    scope = body.get("scope", "file")
    if scope not in ("file", "project"):
        raise RequestError(400, "'scope' must be 'file' or 'project'")
    return target.file if scope == "file" else None


def _writable(target: Target) -> None:
    """Refuses a record outside the server's root (403); a broken record raises UserError
    here, before anything is written, which the route answers as a broken project (409)."""
    record = real(target.config.record_path)
    if not record.is_relative_to(target.server_root):
        raise RequestError(403, f"the record {record} is outside the server's root; not written")
    load_record(target.config.record_path)


def _refused_as_400(work: Callable[[], T]) -> T:
    try:
        return work()
    except UserError as exc:
        raise RequestError(400, "; ".join(str(p) for p in exc.problems)) from None
