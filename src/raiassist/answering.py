"""Record a person's answer to a requirement: the one function behind `raiassist attest`,
`waive` and `na`, the editor's code actions and the notebook sidebar's buttons."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from raiassist.config import Config
from raiassist.discovery import relative_to_root
from raiassist.errors import Problem, UserError, suggestion
from raiassist.record import ANSWERS, Answer, Entry, add_entry, who
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
    wanted = requirement.strip().upper()
    if wanted not in standard.by_id:
        raise UserError(
            [
                Problem(
                    requirement,
                    "no such requirement in the active Standard"
                    + suggestion(wanted, standard.by_id),
                )
            ]
        )
    scope = "project" if path is None else relative_to_root(path, config.root)
    if scope.startswith("/"):
        raise UserError([Problem(str(path), f"is outside the project at {config.root}")])
    words = {"note": text} if kind == "attested" else {"reason": text}
    try:
        entry = Entry(
            id=wanted,
            answer=kind,
            by=by or who(),
            date=dt.date.today(),
            scope=scope,
            expires=expires,
            **words,
        )
    except ValueError as exc:
        raise UserError([Problem(config.settings.record, str(exc))]) from None
    add_entry(config.record_path, entry)
    return entry


def _check_confined(config: Config) -> None:
    root, record = real(config.root), real(config.record_path)
    if not record.is_relative_to(root):
        message = (
            f"leads to {record}, outside the project at {root}; answers are written only "
            "inside the project"
        )
        raise UserError([Problem(config.settings.record, message)])
