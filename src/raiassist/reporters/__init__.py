"""Output formats for `raiassist check`: each turns a Report into text for one medium.

A format's module is imported when it is asked for, so a run pays only for its own."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from raiassist.checking import Report

FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
}


def renderer(name: str) -> Callable[[Report, str], str]:
    """The `render(report, show)` function of the format called `name`."""
    module = importlib.import_module(f"raiassist.reporters.{FORMATS[name]}")
    render: Callable[[Report, str], str] = module.render
    return render
