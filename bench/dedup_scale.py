"""Scale run: time and peak memory to fingerprint and cluster N synthetic articles in a store.

    .venv/bin/python -m bench.dedup_scale 10000 100000          # each size in a fresh process
    nohup .venv/bin/python -m bench.dedup_scale 1000000 > bench/results/dedup_scale_1m.log &

Texts are drawn from a Zipf word distribution over a synthetic 50,000-word vocabulary (lengths
log-normal around 350 words); 10% of articles are copies of an earlier one with a change (added
boilerplate, trimmed lead, edited words). Articles are written straight into the ``articles``
table (this measures the duplicates stage, not ingest), then ``update_duplicates`` runs over all
of them exactly as the pipeline calls it. Peak memory is the max RSS of the process and of its
worker processes. The store lives in a temporary folder and is deleted afterwards.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

COPY_SHARE = 0.10
CHUNK = 10_000
VOCAB = 50_000


def _vocabulary(rng: np.random.Generator) -> np.ndarray:
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    lengths = rng.integers(2, 11, VOCAB)
    return np.array(["".join(rng.choice(letters, n)) for n in lengths])


def generate(n: int, seed: int = 1):
    """Yield ``(id, body, copied_from or None)`` for ``n`` synthetic articles, chunk by chunk."""
    rng = np.random.default_rng(seed)
    vocab = _vocabulary(rng)
    probs = 1.0 / np.arange(1, VOCAB + 1) ** 1.1
    probs /= probs.sum()
    boiler = " ".join(rng.choice(vocab, 60, p=probs))
    for start in range(0, n, CHUNK):
        size = min(CHUNK, n - start)
        lengths = np.clip(rng.lognormal(np.log(350), 0.5, size).astype(int), 40, 3000)
        words = rng.choice(vocab, int(lengths.sum()), p=probs)
        bodies, offset = [], 0
        for i, length in enumerate(lengths):
            doc = words[offset:offset + length]
            offset += length
            if i and rng.random() < COPY_SHARE:
                src = int(rng.integers(0, i))
                bodies.append((_change(bodies[src][0], rng, boiler), src + start))
            else:
                bodies.append((" ".join(doc), None))
        for i, (body, src) in enumerate(bodies):
            yield f"s{start + i:08d}", body, (f"s{src:08d}" if src is not None else None)


def _change(text: str, rng: np.random.Generator, boiler: str) -> str:
    words = text.split()
    kind = rng.integers(0, 3)
    if kind == 0:
        return boiler + "\n\n" + text
    if kind == 1:
        return " ".join(words[len(words) // 10:])
    for j in rng.integers(0, len(words), max(1, len(words) // 50)):
        words[j] = "edited"
    return " ".join(words)


def _peak_mb() -> dict[str, float]:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": round(me, 1), "peak_rss_workers_mb": round(kids, 1)}


def _cpu_seconds() -> float:
    """CPU time of this process and its finished workers: less sensitive than wall time to
    other jobs sharing the machine."""
    return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                 resource.getrusage(resource.RUSAGE_CHILDREN)))


def measure(n: int, workers: int | None = None) -> dict:
    """Build a store of ``n`` synthetic articles and run the duplicates stage over it."""
    from newsline.dedup import update_duplicates
    from newsline.store import SQLiteStore

    with tempfile.TemporaryDirectory(dir=os.environ.get("NEWSLINE_BENCH_TMP")) as tmp:
        store = SQLiteStore(Path(tmp) / "scale.db")
        start = time.perf_counter()
        gold = _load(store, n)
        load_s = time.perf_counter() - start
        timings: dict[str, float] = {}
        start, cpu = time.perf_counter(), _cpu_seconds()
        counts = update_duplicates(store, store.article_ids(), workers=workers, timings=timings)
        total, cpu = time.perf_counter() - start, _cpu_seconds() - cpu
        found = {(p.a, p.b) for p in store.duplicate_pairs()}
        recall = sum(1 for a, b in gold if tuple(sorted((a, b))) in found) / max(1, len(gold))
        db_mb = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 2 ** 20
        store.close()
    return {"documents": n, "copies": len(gold), "copy_recall": round(recall, 4),
            "pairs": counts.get("pairs", 0), "clusters": counts.get("clusters", 0),
            "seconds_load_store": round(load_s, 1), "seconds_total": round(total, 1),
            "cpu_seconds_total": round(cpu, 1),
            **{f"seconds_{k}": round(v, 1) for k, v in timings.items()},
            "docs_per_second": round(n / total, 1), "docs_per_cpu_second": round(n / cpu, 1),
            # CPU seconds per wall second: about 1 alone on one core, up to the worker count while
            # fingerprinting; well below 1 means other jobs were sharing the machine.
            "cpu_share": round(cpu / total, 2), "load_average_1m": round(os.getloadavg()[0], 2),
            "store_mb": round(db_mb, 1), **_peak_mb(), "cpus": os.cpu_count(),
            "measured_at": datetime.now(timezone.utc).isoformat(timespec="minutes")}


def _load(store, n: int) -> list[tuple[str, str]]:
    """Write the synthetic articles straight into the articles table; return (copy, original)."""
    gold, rows = [], []
    with store.transaction() as db:
        for seq, (aid, body, src) in enumerate(generate(n), start=1):
            rows.append((aid, f"synthetic/{aid}", "text", "", "", body, seq, "1970-01-01"))
            if src:
                gold.append((aid, src))
            if len(rows) >= CHUNK:
                db.executemany("INSERT INTO articles (id, source, fmt, record, raw, body, seq, ingested_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
                rows = []
        if rows:
            db.executemany("INSERT INTO articles (id, source, fmt, record, raw, body, seq, ingested_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return gold


RESULTS = Path(__file__).parent / "results" / "dedup_scale.json"


def measure_apart(n: int) -> dict:
    """:func:`measure` in a fresh process, so its peak memory is this size's alone."""
    out = subprocess.run([sys.executable, "-c",
                          f"import json, bench.dedup_scale as s; print(json.dumps(s.measure({n})))"],
                         capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    return json.loads(out.stdout.strip().splitlines()[-1])


def recorded() -> dict[str, dict]:
    """The runs kept in ``bench/results/dedup_scale.json``, by size."""
    return json.loads(RESULTS.read_text()) if RESULTS.exists() else {}


def main(sizes: list[int]) -> None:
    """Each size in its own process; results are merged into ``bench/results/dedup_scale.json``."""
    results = recorded()
    for n in sizes:
        results[str(n)] = measure_apart(n)
        print(json.dumps(results[str(n)]), flush=True)
        RESULTS.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])
