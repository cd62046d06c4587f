"""Evidence `reproducible-evaluation`: metrics on held-out data, with randomness seeded.
Runs last: it reads the hits of the split, metric and randomness detectors."""

from __future__ import annotations

from typing import Final

from raiassist.scan import Context, Hit

NAME = "reproducible-evaluation"
KIND: Final = "evidence"


def on_finish(ctx: Context) -> None:
    found = {h.name for h in ctx.hits}
    if "unseeded-randomness" in found or "splits-data" not in found:
        return
    metric = next(
        (h for h in ctx.hits if h.name in ("aggregate-metrics", "disaggregated-evaluation")), None
    )
    if metric is not None:
        detail = "metrics on held-out data with seeded randomness"
        ctx.hits.append(Hit(NAME, KIND, metric.location, detail))
