"""Where a diagnostic's `codeDescription` points: the pack's own docs URL when it has one,
otherwise a markdown page raiassist writes for the requirement (readable offline)."""

from __future__ import annotations

import hashlib

from raiassist.atomic import write_text
from raiassist.explanation import requirement_markdown
from raiassist.logfile import log_dir
from raiassist.standard.model import Standard


def docs_uri(standard: Standard, requirement: str) -> str | None:
    req = standard.by_id.get(requirement)
    if req is None:
        return None
    if req.url:
        return req.url
    packs = ",".join(f"{p.id}@{p.version}" for p in standard.packs)
    folder = (
        log_dir() / "docs" / hashlib.sha1(packs.encode(), usedforsecurity=False).hexdigest()[:12]
    )
    path = folder / f"{req.id}.md"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        write_text(path, requirement_markdown(req, standard) + "\n")
    return path.as_uri()
