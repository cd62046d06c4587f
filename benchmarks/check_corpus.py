"""How fast `raiassist check` reads a corpus, against the floor: the time Python alone takes
to read the same files and `ast.parse` their code.

Everything is measured as whole processes (interpreter start-up included, as a pre-commit
hook pays it), the floor and raiassist interleaved run by run so that a busy moment of a
shared machine hits both alike, on all cores and pinned to one. For handson-ml3 (long
notebooks) and the whole corpus it prints the ratio to the floor of a cold check (an empty
result cache: every file parsed and walked, entries written) and of a warm one (the same
files again), for the default text report and for JSON; budgets 2x and 0.2x. Then one
notebook, the pre-commit case (budget 100 ms), against `python -c pass`.

    .venv/bin/python benchmarks/check_corpus.py [CORPUS] [--runs N]
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = next(
    (p for p in (ROOT.parent / "shared" / "corpus", Path("/work/shared/corpus")) if p.is_dir()),
    ROOT.parent / "shared" / "corpus",
)
ONE = ROOT / "examples" / "credit" / "credit_model.ipynb"

FLOOR = r"""
import ast, json, os, sys
def code_of(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    if not path.endswith(".ipynb"):
        return [text]
    try:
        data = json.loads(text)
    except ValueError:
        return []
    cells = data.get("cells") or (data.get("worksheets") or [{}])[0].get("cells") or []
    out = []
    for c in cells if isinstance(cells, list) else []:
        if isinstance(c, dict) and c.get("cell_type") == "code":
            s = c.get("source", c.get("input", ""))
            out.append("".join(s) if isinstance(s, list) else (s or ""))
    return out
for path in sys.argv[1:]:
    for code in code_of(path):
        try:
            ast.parse(code)
        except (SyntaxError, ValueError, RecursionError):
            pass
"""


def files_in(corpus: Path) -> list[str]:
    return sorted(str(p) for p in corpus.rglob("*") if p.suffix in (".py", ".ipynb"))


Step = tuple[list[str], Callable[[], None] | None]  # a command, and what to do before it


def timed(steps: list[Step], runs: int, core: int | None) -> list[list[float]]:
    """Wall seconds of each step's command, run after run, steps interleaved; pinned to
    `core` when given."""
    walls: list[list[float]] = [[] for _ in steps]
    pin = None if core is None else (lambda: os.sched_setaffinity(0, {core}))
    for _ in range(runs):
        for index, (command, before) in enumerate(steps):
            if before is not None:
                before()
            started = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           check=False, preexec_fn=pin)  # fmt: skip
            walls[index].append(time.perf_counter() - started)
    return walls


def ratios(walls: list[float], floors: list[float]) -> str:
    each = [w / f for w, f in zip(walls, floors, strict=True)]
    median = statistics.median(walls) / statistics.median(floors)
    return f"{median:.2f}x (run by run {min(each):.2f}x to {max(each):.2f}x)"


def check(files: list[str], form: str = "text") -> list[str]:
    return [sys.executable, "-m", "raiassist", "check", "--format", form, "-o", "/dev/null",
            "--no-progress", *files]  # fmt: skip


def corpus_case(name: str, files: list[str], runs: int, core: int | None, cache: Path) -> None:
    """The floor, then for the default text report and for JSON (every applicable
    requirement of every file: 11 MB for the whole corpus) a cold check and a warm one."""

    def empty() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    floor, *checks = timed(
        [
            ([sys.executable, "-c", FLOOR, *files], None),
            (check(files), empty),
            (check(files), None),
            (check(files, "json"), empty),
            (check(files, "json"), None),
        ],
        runs,
        core,
    )
    print(f"  {name} ({len(files)} files): floor {statistics.median(floor):.3f} s")
    for form, (cold, warm) in (("text", checks[:2]), ("json", checks[2:])):
        print(f"    {form}: cold {statistics.median(cold):.3f} s, "
              f"warm {statistics.median(warm):.3f} s")  # fmt: skip
        print(f"      cold / floor {ratios(cold, floor)}  (budget 2x)")
        print(f"      warm / floor {ratios(warm, floor)}  (budget 0.2x)")


def one_file(runs: int, core: int | None, cache: Path) -> None:
    def empty() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    nothing, cold, warm = timed(
        [
            ([sys.executable, "-c", "pass"], None),
            (check([str(ONE)]), empty),
            (check([str(ONE)]), None),
        ],
        runs,
        core,
    )
    ms = [statistics.median(w) * 1000 for w in (nothing, cold, warm)]
    print(f"  one notebook ({ONE.name}): python -c pass {ms[0]:.0f} ms, check {ms[1]:.0f} ms "
          f"(its result not cached), {ms[2]:.0f} ms (cached)  (budget 100 ms)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    # Installed packages carry compiled bytecode; give the checkout the same.
    compileall.compile_dir(ROOT / "src", quiet=1)
    cases = [
        ("handson-ml3", files_in(args.corpus / "handson-ml3")),
        ("whole corpus", files_in(args.corpus)),
    ]
    cores = sorted(os.sched_getaffinity(0))
    print(f"corpus {args.corpus}, median of {args.runs} runs, load {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["RAIASSIST_CACHE_DIR"] = str(Path(folder) / "results")
        subprocess.run(check([str(ONE)]), capture_output=True, check=False)  # packs validated
        for label, core in ((f"{len(cores)} cores", None), ("pinned to one core", cores[-1])):
            print(label)
            for name, files in cases:
                if files:
                    corpus_case(name, files, args.runs, core, Path(folder) / "results")
            one_file(args.runs * 2, core, Path(folder) / "results")
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
