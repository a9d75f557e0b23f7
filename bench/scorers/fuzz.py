"""A longer fuzz campaign than ``make test`` runs: seeded mutations of real and crafted files.

    python -m bench.run fuzz            # 2,000 mutated cases + every crafted case
    python -m bench.run fuzz --quick    # 300 mutated cases

Each case goes through the readers, the cleaner and the store exactly as ingest takes one file
(``tests/fuzz/engine.py``: the same engine as the Hypothesis tests). Reported: cases run,
failures (an exception that is not a reject, a timeout, or changed earlier data) grouped by
cause, outcomes (stored / rejected), and the bounds measured: worst time and worst peak traced
memory per input, with the case that set them. ``NEWSLINE_FUZZ_CASES`` overrides the count.
"""
from __future__ import annotations

import os
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "fuzz"))

from crafted import crafted  # noqa: E402
from engine import EXTENSIONS, MUTATIONS, hostile_name, mutate, run_case, seed_files, store_digest  # noqa: E402

SEED = 14


def _cases(count: int):
    """(label, file name, bytes): every crafted case, then ``count`` seeded mutations."""
    table = crafted()
    for name, (file_name, data, _) in sorted(table.items()):
        yield f"crafted:{name}", file_name, data
    seeds = {p.name: p.read_bytes() for p in seed_files()}
    pool = [(f"seed:{k}", k, v) for k, v in sorted(seeds.items())]
    pool += [(f"crafted:{k}", v[0], v[1]) for k, v in sorted(table.items()) if len(v[1]) <= 256 * 1024]
    rng = random.Random(SEED)
    for i in range(count):
        label, base_name, data = rng.choice(pool)
        ops = [(rng.choice(sorted(MUTATIONS)), rng.randrange(2**32)) for _ in range(rng.randint(1, 4))]
        ext = rng.choice(EXTENSIONS)
        name = hostile_name(rng, ext) if rng.random() < 0.3 else Path(base_name).stem + ext
        yield f"{label} {'+'.join(o for o, _ in ops)} #{i}", name, mutate(data, ops)


def run(quick: bool = False) -> dict:
    from newsline.store import SQLiteStore

    count = int(os.environ.get("NEWSLINE_FUZZ_CASES", 300 if quick else 2000))
    failures: Counter = Counter()
    examples: dict[str, str] = {}
    outcomes: Counter = Counter()
    worst_time = (0.0, "")
    worst_peak = (0, "")
    total = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        store = SQLiteStore(Path(tmp) / "fuzz.db")
        for p in seed_files()[:5]:
            run_case(folder, p.name, p.read_bytes(), store)
        earlier = [r[0] for r in store.db.execute("SELECT id FROM articles")]
        digest = store_digest(store, earlier)
        for label, name, data in _cases(count):
            total += 1
            out = run_case(folder, name, data, store)
            if out.error is None and store_digest(store, earlier) != digest:
                out.error = "earlier stored articles changed"
                digest = store_digest(store, earlier)
            if out.error:
                cause = out.error.split(":")[0] + " @ " + out.error.rsplit("(", 1)[-1].rstrip(")")
                failures[cause] += 1
                examples.setdefault(cause, f"{label}: {out.error}")
            outcomes["stored" if out.docs else "rejected"] += 1
            if out.seconds > worst_time[0]:
                worst_time = (out.seconds, label)
            if out.peak_bytes > worst_peak[0]:
                worst_peak = (out.peak_bytes, label)
        store.close()
    return {
        "cases": total,
        "failures": sum(failures.values()),
        "failure_causes": len(failures),
        "failures_by_cause": dict(failures),
        "failure_examples": examples,
        "stored": outcomes["stored"],
        "rejected_only": outcomes["rejected"],
        "worst_seconds_per_input": round(worst_time[0], 2),
        "worst_seconds_case": worst_time[1],
        "worst_peak_mb_per_input": round(worst_peak[0] / 2**20, 1),
        "worst_peak_case": worst_peak[1],
        "seed": SEED,
    }
