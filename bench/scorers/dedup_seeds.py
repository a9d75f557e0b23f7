"""Duplicates on the five reference articles: gold ``duplicate_groups`` (002 = 004) and dates.

Runs the real ingest (no language layer) into a temporary store and compares the clusters, the
number of independent origins and the dates that flowed between copies with ``gold.json``.
"""
from __future__ import annotations

import json
import tempfile
from itertools import combinations
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "seeds"


def _pairs(groups) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for g in groups for p in combinations(g, 2)}


def run(quick: bool = False) -> dict:
    from newsline.api import ingest
    from newsline.store import SQLiteStore

    if not SEEDS.is_dir():
        return {"skipped": f"seeds not found at {SEEDS}"}
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp, SQLiteStore(Path(tmp) / "seeds.db") as store:
        ingest(sorted(str(p) for p in SEEDS.glob("*.txt")), db=store, language=False, events=False)
        name = {a.id: Path(a.source).stem for a in store.iter_articles()}
        found = _pairs([[name[m] for m in c.members] for c in store.iter_clusters()])
        expected = _pairs(gold["duplicate_groups"])
        origins = store.count_origins(list(name))
        dated = {name[a.id]: (a.published, a.published_from) for a in store.iter_articles()
                 if (a.published_from or "").startswith("from its copy")}
    docs = gold["documents"]
    gold_dates = {n: (docs[n]["published"] if isinstance(docs, dict) else None) for n in dated}
    return {"pairs_expected": len(expected), "pairs_found": len(found),
            "pairs_correct": len(found & expected), "origins": origins,
            "origins_expected": len(name) - sum(len(g) - 1 for g in gold["duplicate_groups"]),
            "dates_from_copies": len(dated),
            "dates_from_copies_correct": sum(1 for n, (d, _) in dated.items() if gold_dates[n] == d)}
