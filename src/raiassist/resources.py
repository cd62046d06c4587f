"""Where the bundled guidance (packs, vocabulary, templates, schema) lives."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def guidance_dir() -> Path:
    """The `guidance/` folder: inside the installed wheel, or at the checkout's root."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "guidance", here.parent.parent / "guidance"):
        if (candidate / "vocabulary.yaml").is_file():
            return candidate
    raise FileNotFoundError(f"raiassist's guidance folder is missing next to {here}")


def builtin_pack_path(pack_id: str) -> Path:
    return guidance_dir() / "packs" / f"{pack_id}.yaml"


def builtin_incidents_path(pack_id: str) -> Path:
    """The incidents that go with a built-in pack (read only when that pack is active)."""
    return guidance_dir() / "incidents" / f"{pack_id}.yaml"


def builtin_pack_ids() -> list[str]:
    return sorted(p.stem for p in (guidance_dir() / "packs").glob("*.yaml"))


def template_path(name: str) -> Path:
    return guidance_dir() / "templates" / f"{name}.md"


def template_names() -> list[str]:
    return sorted(p.stem for p in (guidance_dir() / "templates").glob("*.md"))
