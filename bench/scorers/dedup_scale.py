"""Duplicates at scale: time and peak memory of the duplicates stage over synthetic corpora.

Measures one size live (10,000 articles; 2,000 with ``quick``) in a fresh process, and reports the
larger runs recorded in ``bench/results/dedup_scale.json`` (``python -m bench.dedup_scale 100000``
refreshes them; 1,000,000 takes about 40 CPU-minutes) with the date each was measured and its
``cpu_share``: below about 0.9 the machine was shared and the wall-clock figures are contended.
"""
from __future__ import annotations

KEEP = ("documents", "copy_recall", "seconds_total", "cpu_seconds_total", "docs_per_second",
        "docs_per_cpu_second", "cpu_share", "peak_rss_mb", "peak_rss_workers_mb", "store_mb", "measured_at")


def run(quick: bool = False) -> dict:
    from bench.dedup_scale import measure_apart, recorded

    live = measure_apart(2_000 if quick else 10_000)
    out = {"live": {k: live.get(k) for k in KEEP}}
    for size, result in sorted(recorded().items(), key=lambda kv: int(kv[0])):
        if int(size) > live["documents"]:
            out[f"recorded_{size}"] = {k: result.get(k, "not recorded") for k in KEEP}
    return out
