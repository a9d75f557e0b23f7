"""Duplicates on the syndication benchmark (ECB+ texts, programmatic copies, same-event negatives).

Pairwise precision / recall / F1 with the shipped settings: on the whole corpus (every original
with all its copies) and per kind of change (the originals plus the copies of that one kind), the
false merges of same-event reports, and how the versions of one wire text that ECB+ itself
contains are treated. The threshold sweep behind the settings is ``python -m
bench.dedup_syndication`` (slow; writes bench/results/dedup_sweep.json).
"""
from __future__ import annotations


def run(quick: bool = False) -> dict:
    from bench.dedup_syndication import ECB, make_setup, natural_check, run_chosen

    if not ECB.is_dir():
        return {"skipped": f"ECB+ not found at {ECB}"}
    result = run_chosen(make_setup(quick))
    result.pop("false_among_originals", None)
    natural = natural_check()
    natural.pop("missed", None)
    return {**result, "ecb_natural_copies": natural}
