"""Record, withdraw or move a person's answers to requirements: the one place behind
`raiassist attest | waive | na | withdraw | move-answers`, the editor's code actions and
commands and the notebook sidebar's buttons."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from raiassist.config import Config
from raiassist.discovery import relative_to_root
from raiassist.errors import Problem, UserError, suggestion
from raiassist.record import (
    ANSWERS,
    Answer,
    Answerer,
    Entry,
    add_entry,
    move_scope,
    remove_entries,
    who,
)
from raiassist.safe_read import real
from raiassist.standard.model import Standard


def answer(
    config: Config,
    standard: Standard,
    requirement: str,
    kind: Answer,
    text: str,
    path: Path | None = None,
    by: str | None = None,
    expires: dt.date | None = None,
) -> Entry:
    """Validate and write one answer to the project's record; returns what was written.
    Every surface comes through here, so here the answer kind is checked and the record
    (wherever a link leads) must lie inside the project."""
    if kind not in ANSWERS:
        raise UserError([Problem(str(kind), "an answer is one of " + ", ".join(ANSWERS))])
    _check_confined(config)
    wanted = _known(standard, requirement)
    scope = _scope(config, path)
    words = {"note": text} if kind == "attested" else {"reason": text}
    try:
        entry = Entry(
            id=wanted,
            answer=kind,
            by=by or answerer(config).name,
            date=dt.date.today(),
            scope=scope,
            expires=expires,
            **words,
        )
    except ValueError as exc:
        raise UserError([Problem(config.settings.record, str(exc))]) from None
    add_entry(config.record_path, entry)
    return entry


def withdraw(config: Config, standard: Standard, requirement: str, path: Path | None) -> int:
    """Remove the answers to `requirement` for `path` (None: the project); how many went.
    UserError when there was none, so a surface can say so."""
    _check_confined(config)
    wanted = requirement.strip().upper()
    scope = _scope(config, path)
    removed = remove_entries(config.record_path, wanted, scope)
    if not removed:
        where = "the project" if scope == "project" else scope
        raise UserError([Problem(config.settings.record, f"has no answer to {wanted} for {where}")])
    return removed


def move_answers(config: Config, old: str, new: Path) -> int:
    """Point the answers recorded for the path `old` (relative to the project, as the record
    writes it) at `new`, after a rename or move; how many moved."""
    _check_confined(config)
    target = _scope(config, new)
    if not new.exists():
        raise UserError([Problem(str(new), "does not exist; give the file's new path")])
    former = old.strip().strip("/")
    if (config.root / former).exists():
        message = "still exists: answers move only from a path that was renamed or moved away"
        raise UserError([Problem(former, message)])
    return move_scope(config.record_path, former, target)


def answerer(config: Config) -> Answerer:
    """Who the next answer will be recorded as: git's identity in the project, else the
    `answerer` setting (or RAIASSIST_ANSWERER), else the system's user."""
    setting = config.settings.answerer or os.environ.get("RAIASSIST_ANSWERER", "")
    return who(config.root, setting)


def _known(standard: Standard, requirement: str) -> str:
    wanted = requirement.strip().upper()
    if wanted not in standard.by_id:
        message = "no such requirement in the active Standard" + suggestion(wanted, standard.by_id)
        raise UserError([Problem(requirement, message)])
    return wanted


def _scope(config: Config, path: Path | None) -> str:
    scope = "project" if path is None else relative_to_root(path, config.root)
    if scope.startswith("/"):
        raise UserError([Problem(str(path), f"is outside the project at {config.root}")])
    return scope


def _check_confined(config: Config) -> None:
    root, record = real(config.root), real(config.record_path)
    if not record.is_relative_to(root):
        message = (
            f"leads to {record}, outside the project at {root}; answers are written only "
            "inside the project"
        )
        raise UserError([Problem(config.settings.record, message)])


def answerer_json(config: Config) -> dict[str, str]:
    """`answerer` for the surfaces: the name and where it comes from (git, setting, system)."""
    found = answerer(config)
    return {"name": found.name, "source": found.source}
