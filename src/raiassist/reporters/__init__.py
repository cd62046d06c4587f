"""Output formats for `raiassist check`: each turns a Report into text for one medium."""

from __future__ import annotations

from collections.abc import Callable

from raiassist.checking import Report
from raiassist.reporters import github, json_report, junit, sarif, text

RENDERERS: dict[str, Callable[[Report, str], str]] = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
}
