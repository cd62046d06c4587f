"""Evidence from project documents: a model card, a datasheet, an impact assessment, a
transparency note, found at the project root, in `docs/`, or beside the checked file.

A document counts when every section its kind needs is there and filled in and no
placeholder is left; otherwise it is reported as incomplete with what is missing. Filled
sections inside these documents also count as section evidence for the whole project.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from raiassist.document import Location
from raiassist.safe_read import Unreadable, read_bytes, real
from raiassist.scan import Hit

if TYPE_CHECKING:
    from raiassist import markdown

KINDS: dict[str, re.Pattern[str]] = {
    "doc.model-card": re.compile(r"^model[-_ ]?card.*\.md$", re.I),
    "doc.datasheet": re.compile(r"^(datasheet|data[-_ ]?card|dataset[-_ ]?card).*\.md$", re.I),
    "doc.impact-assessment": re.compile(r"^(rai[-_ ]?)?impact[-_ ]?assessment.*\.(md|docx)$", re.I),
    "doc.transparency-note": re.compile(r"^transparency[-_ ]?note.*\.md$", re.I),
}
REQUIRED: dict[str, dict[str, str]] = {
    "doc.model-card": {
        "section.intended-uses": "Intended uses",
        "section.limitations": "Limitations",
    },
    "doc.datasheet": {"section.data-provenance": "Data provenance or collection"},
    "doc.impact-assessment": {"section.intended-uses": "Intended uses"},
    "doc.transparency-note": {
        "section.intended-uses": "Intended uses",
        "section.limitations": "Limitations",
    },
}
EXTRA_HEADINGS = {
    "doc.model-card": (
        "Evaluation or performance",
        re.compile(r"evaluat|performance|metric", re.I),
    ),
    "doc.datasheet": ("Composition", re.compile(r"composition|contents|fields|schema", re.I)),
    "doc.impact-assessment": (
        "Sign-off or review",
        re.compile(r"sign[- ]?off|review|approv", re.I),
    ),
    "doc.transparency-note": ("System performance", re.compile(r"performance|evaluat", re.I)),
}
# Metadata keys of a Hugging Face model card's front matter (the README.md of a model repo).
HF_CARD_KEYS = frozenset({"model-index", "library_name", "pipeline_tag", "base_model"})


def project_evidence(folders: Iterable[Path], root: Path) -> tuple[Hit, ...]:
    """Hits for every project document in the given folders (searched once each). A
    document that is a link leading out of the project is not read: what it shows (its
    headings) would come from a file the project does not hold."""
    hits: list[Hit] = []
    seen: set[Path] = set()
    inside = real_folder(root)
    for folder in folders:
        for path in _documents(real_folder(folder)):
            if path not in seen and not _links_out(path, inside):
                seen.add(path)
                hits.extend(_judged(path, _relative(path, root)))
    return tuple(hits)


def _links_out(path: Path, root: Path) -> bool:
    return path.is_symlink() and not real(path).is_relative_to(root)


def search_folders(root: Path, files: Iterable[Path]) -> list[Path]:
    """Where project documents are looked for: the root, `docs/`, and each file's folder."""
    folders = [root, root / "docs", root / "doc"]
    folders += sorted({real(f).parent for f in files})
    return [f for f in dict.fromkeys(folders) if f.is_dir()]


def forget() -> None:
    """Forget folder listings and where folders lead (a long-running editor server calls
    this when files change)."""
    _documents.cache_clear()
    real_folder.cache_clear()


@lru_cache(maxsize=256)
def real_folder(folder: Path) -> Path:
    """`real(folder)`, remembered until `forget`: a batch asks it of the project's root and
    of each folder again and again (a realpath is a stat of every part of a path)."""
    return real(folder)


@lru_cache(maxsize=256)
def _documents(folder: Path) -> tuple[Path, ...]:
    """The folder's project documents, by name: names first, then whether each is a file
    (following links), so that a folder of many notebooks costs no stat per notebook."""
    try:
        with os.scandir(folder) as entries:
            named = sorted(
                (e.name, e) for e in entries if _named(e.name) or e.name.lower() == "readme.md"
            )
    except OSError:
        return ()
    return tuple(folder / name for name, entry in named if _is_file(entry))


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _named(name: str) -> str | None:
    return next((kind for kind, pattern in KINDS.items() if pattern.match(name)), None)


def _kind(path: Path) -> str | None:
    return _named(path.name)


def _judged(path: Path, shown: str) -> list[Hit]:
    """A document's hits, read again only when the file changed."""
    try:
        stat = path.stat()
    except OSError:
        return []
    return list(_judge_cached(path, shown, stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=512)
def _judge_cached(path: Path, shown: str, mtime: int, size: int) -> tuple[Hit, ...]:
    return tuple(_judge(path, shown))


def _judge(path: Path, shown: str) -> list[Hit]:
    kind = _kind(path)
    if path.suffix.lower() == ".docx" and kind:
        return [
            Hit(
                kind,
                "evidence",
                Location(None, 1, 1),
                f"{shown} (a .docx, contents not checked)",
                path=shown,
            )
        ]
    try:
        text = read_bytes(path).decode("utf-8")
    except (Unreadable, UnicodeDecodeError):
        return []
    if kind is None:
        if not HF_CARD_KEYS.intersection(front_matter_keys(text)):
            return []
        kind = "doc.model-card"
    from raiassist import markdown  # here: its patterns are compiled only for a document

    lines = text.splitlines()
    found = markdown.sections(lines)
    hits = [
        Hit(
            s.topic,
            "evidence",
            Location(None, s.line + 1, 1),
            f"filled-in section '{s.title}' in {shown}",
            path=shown,
        )
        for s in found
        if s.filled
    ]
    gaps = _gaps(kind, found, lines) + _placeholder_gap(text)
    where = Location(None, 1, 1)
    if gaps:
        detail = f"{shown} is incomplete: " + "; ".join(gaps)
        hits.append(Hit(kind, "incomplete", where, detail, path=shown))
    else:
        hits.append(Hit(kind, "evidence", where, f"{shown}, complete", path=shown))
    return hits


def front_matter_keys(text: str) -> set[str]:
    """The top-level keys of a `---` YAML front matter block (string methods: linear)."""
    if not text.startswith("---"):
        return set()
    end = text.find("\n---", 3)
    if end < 0:
        return set()
    keys = set()
    for line in text[3:end].splitlines():
        if line and not line[0].isspace() and not line.startswith("#") and ":" in line:
            keys.add(line.split(":", 1)[0].strip())
    return keys


def _gaps(kind: str, found: list[markdown.Section], lines: list[str]) -> list[str]:
    filled = {s.topic for s in found if s.filled}
    gaps = [
        f"section '{label}' missing or empty"
        for topic, label in REQUIRED[kind].items()
        if topic not in filled
    ]
    from raiassist import markdown

    label, pattern = EXTRA_HEADINGS[kind]
    if not any(pattern.search(title) for _, _, title in markdown.headings(lines)):
        gaps.append(f"section '{label}' missing")
    return gaps


def _placeholder_gap(text: str) -> list[str]:
    from raiassist import markdown

    count = markdown.placeholders(text)
    return [f"{count} placeholder(s) such as TODO or [More Information Needed]"] if count else []


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(real_folder(root)).as_posix()
    except ValueError:
        return path.as_posix()
