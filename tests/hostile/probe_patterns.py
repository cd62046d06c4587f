"""Run every compiled pattern in raiassist on its adversarial inputs, one JSON line per
pattern: `python -m tests.hostile.probe_patterns`. A separate process, so that a test can
stop a pattern that never finishes and name it (each pattern is announced before it runs)."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import sys
import time
from collections.abc import Iterator
from typing import Any

from tests.hostile.pumping import inputs


def patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Every str pattern held by a raiassist module: module constants, patterns inside
    their dicts, lists and tuples, and inside raiassist objects they hold (the detector
    registry's string hints)."""
    import raiassist

    seen: set[tuple[str, int]] = set()
    for info in pkgutil.walk_packages(raiassist.__path__, "raiassist."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            for found in _held(value, 0):
                key = (found.pattern, found.flags)
                if key not in seen:
                    seen.add(key)
                    yield f"{info.name}.{name}", found


def _held(value: Any, depth: int) -> Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield value
    elif depth > 3:
        return
    elif isinstance(value, dict):
        for item in value.values():
            yield from _held(item, depth + 1)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _held(item, depth + 1)
    elif _raiassist_object(value):
        yield from _held(vars(value), depth + 1)


def _raiassist_object(value: Any) -> bool:
    """An instance of a raiassist class (the detector registry, say), not a class."""
    module = type(value).__module__
    return (
        module.startswith("raiassist")
        and hasattr(value, "__dict__")
        and not isinstance(value, type)
    )


def probe(pattern: re.Pattern[str]) -> tuple[int, float, int, float]:
    """(inputs tried, seconds of the slowest, its length, seconds in all)."""
    count, slowest, length, total = 0, 0.0, 0, 0.0
    for text in inputs(pattern):
        start = time.perf_counter()
        for _ in pattern.finditer(text):
            pass
        pattern.fullmatch(text)
        took = time.perf_counter() - start
        count, total = count + 1, total + took
        if took > slowest:
            slowest, length = took, len(text)
    return count, slowest, length, total


def main() -> int:
    wanted = sys.argv[1:]  # optional: only patterns whose name holds one of these
    for name, pattern in patterns():
        if wanted and not any(w in name for w in wanted):
            continue
        print(json.dumps({"start": name, "pattern": pattern.pattern}), flush=True)
        count, slowest, length, total = probe(pattern)
        found = {"name": name, "inputs": count, "slowest": slowest, "length": length}
        print(json.dumps({**found, "total": total}))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
