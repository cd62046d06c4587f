"""The README documents what users configure and see (pre-commit-hooks' readme_test idea)."""

from __future__ import annotations

import dataclasses
import re

import yaml

from raiassist.config import Settings, key_of
from raiassist.reporters.sarif import TOOL_RULES
from raiassist.standard.vocabulary import vocabulary
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_hook_is_documented() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    for hook in hooks:
        assert f"| `{hook['id']}` |" in README


def test_every_setting_is_in_the_configuration_table_with_its_default() -> None:
    for setting in dataclasses.fields(Settings):
        row = re.search(rf"^\| `{re.escape(key_of(setting))}` \| `(.+?)` \|", README, re.M)
        assert row, f"README lacks a row for {key_of(setting)}"
        default = getattr(Settings(), setting.name)
        assert row.group(1) == (
            f'"{default}"' if isinstance(default, str) else str(default).replace("'", '"')
        )


def test_every_vocabulary_name_and_tool_code_is_listed() -> None:
    words = vocabulary()
    for name in [*words.signals, *words.evidence, *TOOL_RULES]:
        assert f"`{name}`" in README, name


def test_the_two_setup_commands_are_what_ci_runs() -> None:
    assert "./scripts/demo" in README and "./scripts/test" in README
    ci = (ROOT / ".ci" / "run").read_text()
    assert [line for line in ci.splitlines() if not line.startswith("#")] == ["exec ./scripts/test"]
