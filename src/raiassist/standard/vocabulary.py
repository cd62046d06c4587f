"""The documented names packs may use: signals, evidence kinds, and framework identifiers."""

from __future__ import annotations

import re
from functools import cache
from types import MappingProxyType
from typing import Any

from raiassist.frozen import frozen
from raiassist.resources import guidance_dir

_EU_REFERENCE = re.compile(r"^(Art\. \d++|Annex [IVX]++)((?: ?\d+)?(?:\(\w+\))*)$")


@frozen
class Framework:
    key: str
    label: str
    title: str
    url: str
    ids: MappingProxyType[str, str]

    def base_id(self, reference: str) -> str | None:
        """The listed identifier a reference points into, or None when it is not one."""
        if self.key != "eu_ai_act":
            return reference if reference in self.ids else None
        match = _EU_REFERENCE.match(reference)
        return match.group(1) if match and match.group(1) in self.ids else None


@frozen
class Vocabulary:
    signals: MappingProxyType[str, str]
    evidence: MappingProxyType[str, str]
    frameworks: MappingProxyType[str, Framework]


@cache
def vocabulary() -> Vocabulary:
    """The built-in vocabulary, read once."""
    names = _read("vocabulary.yaml")
    frameworks = _read("frameworks.yaml")
    return Vocabulary(
        signals=MappingProxyType({k: " ".join(v.split()) for k, v in names["signals"].items()}),
        evidence=MappingProxyType({k: " ".join(v.split()) for k, v in names["evidence"].items()}),
        frameworks=MappingProxyType(
            {
                key: Framework(
                    key, f["label"], f["title"], f["url"], MappingProxyType(dict(f["ids"]))
                )
                for key, f in frameworks.items()
            }
        ),
    )


def _read(name: str) -> dict[str, Any]:
    import yaml

    with (guidance_dir() / name).open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.load(
            handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    return data
