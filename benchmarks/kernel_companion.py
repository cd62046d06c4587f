"""The kernel companion's cost per executed cell (budget: under 5 ms at the median).

Runs N cells in an IPython InteractiveShell with `%load_ext raiassist`, cells as a notebook
has them: arithmetic and lists, now and then a new pandas DataFrame, a fitted estimator, a
metric value or a per-group MetricFrame, with a namespace that keeps growing. Times only the
companion's post-execute hook, and prints its median, p95 and max, and the cell's own median.

    .venv/bin/python benchmarks/kernel_companion.py [--cells N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MS = 5.0
SETUP = (ROOT / "tests" / "fixtures" / "jupyter" / "fake_libraries.py").read_text()
CELLS = [
    "x{i} = {i} * 2 + 1",
    "values{i} = [v * v for v in range(50)]",
    "text{i} = 'row {i}'.upper()",
    'df{i} = pd.DataFrame({{"sex": ["f", "m"] * 50, "income": range(100), "zip": range(100)}})',
    "total{i} = sum(range({i})) / ({i} + 1)",
    "model{i} = LogisticRegression().fit(None, None)",
    "accuracy{i} = 0.8 + {i} / 10000",
    'by_group{i} = MetricFrame(sensitive_features=["sex"], metrics=["accuracy"])',
]
WEIGHTS = [6, 6, 6, 1, 6, 1, 2, 1]  # most cells are ordinary Python


def cells(count: int) -> list[str]:
    pattern = [
        template for template, weight in zip(CELLS, WEIGHTS, strict=True) for _ in range(weight)
    ]
    return [pattern[i % len(pattern)].format(i=i) for i in range(count)]


def measure(count: int) -> tuple[list[float], list[float]]:
    """(hook times, whole-cell times) in ms, one per cell."""
    from IPython.core.interactiveshell import InteractiveShell

    import raiassist.kernel as kernel

    shell = InteractiveShell.instance()
    shell.run_cell("import pandas as pd\n" + SETUP)
    shell.run_line_magic("load_ext", "raiassist")
    hook: list[float] = []
    original = kernel._after_cell

    def timed(*args: Any) -> None:
        start = time.perf_counter()
        original(*args)
        hook.append((time.perf_counter() - start) * 1000)

    kernel._after_cell = timed
    whole = []
    try:
        for code in cells(count):
            start = time.perf_counter()
            result = shell.run_cell(code, silent=False)
            whole.append((time.perf_counter() - start) * 1000)
            if not result.success:
                raise SystemExit(f"benchmark cell failed: {code}")
    finally:
        kernel._after_cell = original
        shell.run_line_magic("unload_ext", "raiassist")
    return hook, whole


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", type=int, default=300)
    args = parser.parse_args(argv)
    here = Path.cwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)  # a project of its own, so nothing is written into the checkout
        (Path(folder) / "raiassist.toml").write_text('fail-on = "error"\n')
        try:
            hook, whole = measure(args.cells)
        finally:
            os.chdir(here)
    median = statistics.median(hook)
    p95 = statistics.quantiles(hook, n=20)[-1]
    print(f"kernel companion, {args.cells} cells: hook median {median:.3f} ms, p95 {p95:.3f} ms, "
          f"max {max(hook):.1f} ms (budget {BUDGET_MS} ms at the median); "
          f"cell median {statistics.median(whole):.3f} ms")  # fmt: skip
    return 0 if median < BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
