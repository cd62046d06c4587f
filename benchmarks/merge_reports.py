"""How fast and in how much memory `raiassist report --merge` folds thousands of project
reports: generates N reports (default 5,000) from a real one, each project with its own
statuses, waivers and dates, then times the merge as a whole process and prints its peak
memory (the budget: 30 s and 500 MB for 5,000). With --pack, the what-if against a
candidate Standard is timed too.

    .venv/bin/python benchmarks/merge_reports.py [--count N] [--dates D] [--pack PACK]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "tests" / "fixtures" / "report" / "examples.json"
STATUS_WORDS = ("met", "open", "waived", "not-applicable")
REASONS = (
    "evaluated per group in the nightly fairness job",
    "no sensitive attributes in production traffic",
    "covered by the platform team's model card",
    "tooling for this is not available yet",
    "waiting for the data protection review",
)


def generate(
    folder: Path, count: int, dates: int = 1, seed: int = 14, kinds: int = 40
) -> list[Path]:
    """`count` project reports (over `dates` weekly dates) made from `kinds` projects of the
    template's shape: each kind drops some of the template's signals and evidence at random
    and is evaluated with the built-in Standard, so its statuses agree with its facts; each
    report then gets its own name, date and waiver reasons."""
    from raiassist.report.whatif import candidate_report
    from raiassist.standard import load_standard

    rng = random.Random(seed)
    template = json.loads(TEMPLATE.read_text())
    standard = load_standard()
    archetypes = [_kind(template, rng, standard, candidate_report) for _ in range(kinds)]
    paths = []
    for index in range(count):
        project = f"team-{index // dates:05d}"
        day = dt.date(2026, 6, 1) + dt.timedelta(weeks=index % dates)
        report = _project(archetypes[rng.randrange(kinds)], project, day, rng)
        path = folder / f"{project}-{day.isoformat()}.json"
        path.write_text(json.dumps(report))
        paths.append(path)
    return paths


def _kind(
    template: dict[str, Any], rng: random.Random, standard: Any, evaluate: Any
) -> dict[str, Any]:
    report = copy.deepcopy(template) | {"generated": "2026-06-01"}
    for file in report["facts"]["files"]:
        file["hits"] = [h for h in file["hits"] if rng.random() < 0.8]
    waived = [r["id"] for r in report["requirements"] if rng.random() < 0.1]
    report["facts"]["answers"] += [
        {"id": i, "answer": "waived", "scope": "project", "reason": "set by the generator",
         "by": "bench", "date": "2026-01-05"}
        for i in waived
    ]  # fmt: skip
    light = {r["id"]: r for r in evaluate(report, standard)["requirements"]}
    rows = [
        r | {"status": light[r["id"]]["status"]} for r in report["requirements"] if r["id"] in light
    ]
    report["requirements"] = rows
    report["waivers"] = [
        {"id": r["id"], "where": "project", "kind": "record", "reason": "", "by": "bench",
         "date": "2026-01-05", "expires": None, "expired": False, "age_days": 0}
        for r in rows
        if r["status"] == "waived"
    ]  # fmt: skip
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in STATUS_WORDS}
    counted = len(rows) - counts["not-applicable"]
    report["metrics"] |= counts | {
        "applicable": len(rows),
        "coverage": round(counts["met"] / counted, 4) if counted else None,
        "open_errors": sum(1 for r in rows if r["status"] == "open" and r["severity"] == "error"),
        "waiver_count": len(report["waivers"]),
    }
    return report


def _project(kind: dict[str, Any], name: str, day: dt.date, rng: random.Random) -> dict[str, Any]:
    report = copy.deepcopy(kind)
    report |= {"project": name, "generated": day.isoformat(), "raiassist": "bench"}
    for waiver in report["waivers"]:
        waiver["reason"] = rng.choice(REASONS)
        waiver["age_days"] = rng.randrange(0, 400)
        waiver["expired"] = waiver["age_days"] > 365
    report["metrics"]["expired_waivers"] = sum(w["expired"] for w in report["waivers"])
    return report


def measure(folder: Path, extra: list[str]) -> tuple[float, float]:
    """(seconds, peak resident MB) of one `raiassist report --merge` process."""
    out = folder.parent / "org.html"
    command = [sys.executable, "-m", "raiassist", "report", "--merge", str(folder), "-o", str(out)]
    start = time.perf_counter()
    subprocess.run([*command, *extra], check=True, capture_output=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--dates", type=int, default=1)
    parser.add_argument("--pack", help="also time the what-if against this candidate pack")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="raiassist-merge-") as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        generate(folder, args.count, args.dates)
        size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        print(f"{args.count} reports over {args.dates} dates, {size:.0f} MB of JSON")
        print(f"load: {os.getloadavg()[0]:.2f} (1-minute average, {os.cpu_count()} cores)")
        seconds, peak = measure(folder, [])
        print(f"merge: {seconds:.1f} s, peak {peak:.0f} MB (budget 30 s, 500 MB)")
        if args.pack:
            seconds, peak = measure(folder, ["--pack", args.pack])
            print(f"merge with what-if: {seconds:.1f} s, peak {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
