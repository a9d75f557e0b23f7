"""Timeline and event-page latency at 1k, 10k and 100k events, on the one event query
(``store.query_events`` in ``store/queries.py`` / ``timeline.build.timeline_page``, covering
indexes of migration 0010_query_covering_indexes) beside the path before any index (every event
read, then filtered in Python), in the same run.

The stores hold synthetic events (no language layer: this measures the queries, not ingest):
one event per article, 14 types, 40 actors, 30 places, days spread over three years, 1 in 9
undated and 1 in 7 with a month's window, contexts in the product's proportions. Each query is
timed 60 times (p50/p95 in ms, in process); the page size is 50 (the CLI's and the API's).

    .venv/bin/python -m bench.run event_queries          # --quick: 1k and 10k only
"""
from __future__ import annotations

import random
import statistics
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

TYPES = ["ASSAULT", "CONSULT", "EXCHANGE_PRISONERS", "PROTEST", "AID", "ACCUSE", "COERCE", "MOBILIZE",
         "SANCTION", "AGREE", "REQUEST", "THREATEN", "RETREAT", "CONCEDE"]
CONTEXTS = ["asserted"] * 6 + ["claimed"] * 2 + ["planned", "agreed", "negated", "hypothetical"]


def _events(n: int, seed: int = 7):
    from newsline.records import DateWindow, Event

    rng = random.Random(seed)
    start = date(2023, 1, 1)
    out = []
    for i in range(n):
        day = (start + timedelta(days=rng.randrange(3 * 365))).isoformat()
        undated, windowed = i % 9 == 0, i % 7 == 0
        type_ = rng.choice(TYPES)
        out.append(Event(id=f"ev-{i:010d}", type=type_, context=rng.choice(CONTEXTS),
                         date=None if undated or windowed else day,
                         date_window=DateWindow(day[:8] + "01", day[:8] + "28", "month") if windowed and not undated else None,
                         place=f"Place {rng.randrange(30)}", actors=[f"Actor {rng.randrange(40)}", f"Actor {rng.randrange(40)}"],
                         sources=[f"a{i}"], independent_origins=1, mentions=[f"a{i}:0"], summary=f"{type_.lower()} {i}",
                         details={"crosswalk": {"plover": type_}, "label": type_.lower()}))
    return out


def _time(fn, rounds: int = 60) -> dict:
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(times[int(0.95 * len(times)) - 1], 2)}


def measure(n: int) -> dict:
    from newsline.store import SQLiteStore
    from newsline.timeline.build import TimelineFilter, timeline_items, timeline_page

    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "s.db")
        t = time.perf_counter()
        store.replace_events(_events(n))
        write = time.perf_counter() - t
        flt = TimelineFilter()
        second = timeline_page(store, flt, limit=50)["next"]
        filters = {"first_page": (flt, None), "second_page": (flt, second),
                   "type": (TimelineFilter(types=("CONSULT",)), None),
                   "actor": (TimelineFilter(actor="actor 7"), None),
                   "place": (TimelineFilter(place="place 3"), None),
                   "month": (TimelineFilter(since="2024-05-01", until="2024-05-31"), None)}
        out: dict = {"events": n, "write_s": round(write, 2), "store_mb": round((Path(tmp) / "s.db").stat().st_size / 2**20, 1)}
        for name, (f, cursor) in filters.items():
            out[name] = _time(lambda f=f, c=cursor: timeline_page(store, f, limit=50, cursor=c))
        out["event_page"] = _time(lambda: store.get_event(f"ev-{n // 2:010d}"))
        old_path = lambda: timeline_items(list(store.iter_events()), flt)[:50]   # noqa: E731
        out["all_events_then_filter"] = _time(old_path, rounds=5 if n >= 100_000 else 20)
        tracemalloc.start()
        timeline_page(store, flt, limit=50)
        out["page_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 2)
        tracemalloc.reset_peak()
        old_path()
        out["all_events_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.stop()
        store.close()
    return out


def run(quick: bool = False) -> dict:
    sizes = [1_000, 10_000] if quick else [1_000, 10_000, 100_000]
    return {f"n{n}": measure(n) for n in sizes}


if __name__ == "__main__":
    import json

    print(json.dumps(run(quick=True), indent=1))
