"""Plain Python with no model, data about people or AI service: nothing of the Standard
applies to it.

# rai-test-not: A1.1, A2.2, A3.2, A3.5, A4.2, A4.5, A5.1, T1.1, T1.2, T2.2, T3.2, F1.5, F2.5
# rai-test-not: F3.4, RS1.1, RS2.1, RS3.1
"""

import csv
import statistics


def monthly_totals(path: str) -> dict[str, float]:
    totals: dict[str, list[float]] = {}
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            totals.setdefault(row["month"], []).append(float(row["amount"]))
    return {month: statistics.fsum(values) for month, values in totals.items()}
