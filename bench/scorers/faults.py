"""Kill -9 during ingest, 20 trials (3 seeded SIGKILLs each, then a run to the end): how many
re-runs give exactly the export of an uninterrupted run (see :mod:`bench.faults`)."""
from __future__ import annotations


def run(quick: bool = False) -> dict:
    from bench.faults import measure

    return measure(3 if quick else 20, kills=3)
