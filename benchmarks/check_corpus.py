"""How fast `raiassist check` reads a corpus, against the floor: the time Python alone takes
to read the same files and `ast.parse` their code.

Both are measured as whole processes (interpreter start-up included, as a pre-commit hook
pays it) and, separately, in-process (the work itself). Prints files per second and the
ratio to the floor; the budget is 2x.

    .venv/bin/python benchmarks/check_corpus.py [CORPUS] [--runs N]
"""

from __future__ import annotations

import argparse
import compileall
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = next(
    (p for p in (ROOT.parent / "shared" / "corpus", Path("/work/shared/corpus")) if p.is_dir()),
    ROOT.parent / "shared" / "corpus",
)

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


def timed(commands: list[list[str]], runs: int) -> tuple[list[tuple[float, float]], list[float]]:
    """(median wall seconds, median CPU seconds) per command, runs interleaved so that a
    slower moment of a shared machine hits every command alike; and each run's ratio of the
    last command's wall time to the first's."""
    walls: list[list[float]] = [[] for _ in commands]
    cpus: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           check=False)  # fmt: skip
            walls[index].append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[index].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    medians = [
        (statistics.median(w), statistics.median(c)) for w, c in zip(walls, cpus, strict=True)
    ]
    return medians, [last / first for first, last in zip(walls[0], walls[-1], strict=True)]


def in_process(files: list[str], runs: int) -> tuple[float, float]:
    """Median seconds for the floor's work and for the check's work, in this process."""
    from raiassist.checking import check_paths
    from raiassist.config import load_config
    from raiassist.standard import load_standard

    namespace: dict[str, object] = {}
    floor_code = compile(FLOOR.replace("sys.argv[1:]", "FILES"), "floor", "exec")
    config = load_config(Path(files[0]))
    standard = load_standard()
    floors, checks = [], []
    for _ in range(runs):
        started = time.perf_counter()
        exec(floor_code, {"FILES": files, **namespace})
        floors.append(time.perf_counter() - started)
        started = time.perf_counter()
        check_paths([Path(f) for f in files], config, standard)
        checks.append(time.perf_counter() - started)
    return statistics.median(floors), statistics.median(checks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    files = files_in(args.corpus)
    size = sum(Path(f).stat().st_size for f in files) / 2**20
    print(f"corpus: {args.corpus} ({len(files)} files, {size:.1f} MB), median of {args.runs} runs")
    # Installed packages carry compiled bytecode; give the checkout the same.
    compileall.compile_dir(ROOT / "src", quiet=1)
    check_command = [sys.executable, "-m", "raiassist", "check", "--format", "json", "-o",
                     "/dev/null", "--no-progress", *files]  # fmt: skip
    [(floor, floor_cpu), (check, check_cpu)], ratios = timed(
        [[sys.executable, "-c", FLOOR, *files], check_command], args.runs
    )
    print(f"whole process: floor {floor:.3f} s ({len(files) / floor:.0f} files/s), "
          f"raiassist check {check:.3f} s ({len(files) / check:.0f} files/s), "
          f"ratio {check / floor:.2f}x (budget 2x)")  # fmt: skip
    print(f"               ratio run by run {min(ratios):.2f}x to {max(ratios):.2f}x")
    print(f"CPU time:      floor {floor_cpu:.3f} s, raiassist check {check_cpu:.3f} s "
          f"(all cores), ratio {check_cpu / floor_cpu:.2f}x")  # fmt: skip
    floor_work, check_work = in_process(files, args.runs)
    print(f"in process:    floor {floor_work:.3f} s, check {check_work:.3f} s, "
          f"ratio {check_work / floor_work:.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
