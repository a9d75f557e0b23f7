"""``newsline serve`` latency: p50/p95 per endpoint under a bounded load on loopback.

Measures a 20,000-article synthetic store live (5,000 with ``quick``) and reports the 100,000-article
run recorded in ``bench/results/serve_latency.json`` (``python -m bench.serve_latency 100000``
refreshes it; see that module for how the store is built and the load applied).
"""
from __future__ import annotations


def run(quick: bool = False) -> dict:
    import json
    import tempfile
    from pathlib import Path

    from bench.serve_latency import RESULTS, measure

    with tempfile.TemporaryDirectory() as folder:
        live = measure(5_000 if quick else 20_000, rebuild=True, folder=Path(folder))
    out = {"live": live}
    recorded = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    for size, result in sorted(recorded.items(), key=lambda kv: int(kv[0])):
        if int(size) > live["articles"]:
            out[f"recorded_{size}"] = result
    return out
