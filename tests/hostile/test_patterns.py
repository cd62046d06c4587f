"""Class 1: every pattern raiassist applies to file content runs in linear time.

The probe runs every compiled pattern of the package on adversarial inputs of 100 KB
derived from the pattern (`pumping.py`), in its own process so a pattern that never ends
is stopped and named. The generator is shown to find the catastrophic patterns this suite
was written for, and the source holds no pattern the probe cannot see."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.hostile import pumping

SLOWEST = 0.5  # seconds for one 100 KB input; linear patterns take well under 0.1
WHOLE_PROBE = 300  # seconds for every pattern and input together (about 30 on 2 cores)
# Patterns as they were before they were made linear, with the input size at which the
# probe's inputs already show them up (the cubic heading is hopeless far sooner).
CATASTROPHIC = {
    "markdown heading": (r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", 0, 400),
    "markdown comment": (r"<!--.*?-->", re.S, 3000),
    "placeholder": (r"\[\s*TODO[^\]]*\]|<\s*(fill|insert)[^>]*>", re.I, 10000),
    "assigned magic": (r"^(\s*[\w.,\s\[\]()*]+=\s*)[%!].*$", 0, 3000),
    "waiver": (r"#\s*rai:\s*waive\s+(?P<ids>\w+)\s*(?:--\s*(?P<reason>.*?))?\s*$", 0, 3000),
    "hover ID": (r"[A-Z][A-Z0-9-]*[0-9](?:\.[0-9]+)+", 0, 3000),
    "front matter": (r"^---\s*\n(.*?)\n---", re.S, 3000),
    "EU reference": (r"^(Art\. \d+)((?: ?\d+)?(?:\(\w+\))*)$", 0, 3000),
}
_REGEX_CALLS = {"compile", "match", "search", "fullmatch", "findall", "finditer", "sub", "split"}


def test_every_pattern_is_linear_on_adversarial_100kb_inputs() -> None:
    command = [sys.executable, "-m", "tests.hostile.probe_patterns"]
    started: dict[str, str] = {}
    results = []
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True) as probe:
        assert probe.stdout is not None
        deadline = time.monotonic() + WHOLE_PROBE
        try:
            for line in probe.stdout:
                record = json.loads(line)
                if "start" in record:
                    started = record
                else:
                    results.append(record)
                assert time.monotonic() < deadline, f"still running: {started}"
        finally:
            probe.kill()
    assert probe.wait() in (0, -9), "the probe failed"
    assert len(results) >= 40, "the probe found too few patterns: is discovery broken?"
    slow = [r for r in results if r["slowest"] > SLOWEST]
    assert not slow, f"patterns slower than {SLOWEST} s on one 100 KB input: {slow}"
    assert all(r["inputs"] >= 30 for r in results)


@pytest.mark.parametrize("name", sorted(CATASTROPHIC))
def test_the_inputs_expose_catastrophic_patterns(name: str) -> None:
    source, flags, size = CATASTROPHIC[name]
    pattern = re.compile(source, flags)
    slowest = max(_seconds(pattern, text) for text in pumping.inputs(pattern, size))
    linear = max(_seconds(re.compile(r"x"), text) for text in pumping.inputs(pattern, size))
    assert slowest > max(20 * linear, 0.002), f"{name}: nothing slow found ({slowest:.4f} s)"


def test_no_pattern_is_compiled_where_the_probe_cannot_see_it() -> None:
    """Patterns inside functions escape the probe: they must be module constants."""
    hidden = []
    for path in sorted((ROOT / "src" / "raiassist").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                hidden += [f"{_name(path)}:{n.lineno}" for n in ast.walk(function) if _literal(n)]
    assert not hidden, f"make these module-level compiled patterns: {hidden}"


def _literal(node: ast.AST) -> bool:
    """A call such as `re.sub(r"...", ...)` with the pattern written in place."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "re"
        and node.func.attr in _REGEX_CALLS
        and bool(node.args)
        and isinstance(node.args[0], ast.Constant)
    )


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _seconds(pattern: re.Pattern[str], text: str) -> float:
    start = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    pattern.fullmatch(text)
    return time.perf_counter() - start
