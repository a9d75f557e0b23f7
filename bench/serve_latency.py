"""Latency of ``newsline serve`` on a large synthetic store: p50/p95 per endpoint under a bounded
load on loopback.

    python -m bench.serve_latency 100000            # build (or reuse) a 100k store, measure
    python -m bench.serve_latency 100000 --rebuild  # build it anew
    python -m bench.serve_latency 100000 --folder DIR   # keep the built store in DIR (default: the
                                                    # temp folder's newsline-bench), reused next run

The store is built fast, through the store's own write functions and nothing else: synthetic
articles (``put_article``: ~150 words each from a Zipf-distributed 20,000-word synthetic
vocabulary plus a few fixed phrases, 60 outlets, publication days over three years), one event
mention per article (``replace_mentions``: its first sentence, one of 16 types, a context drawn
as in news, a day or, for one in ten, a week-long window) and events merged from them
(``replace_events``: most mentions stand alone, one in five joins a 2-5 article event; 1-2 of 300
actors, one of 200 places). The FTS5 indexes are filled by the migration's triggers, as on
ingest. No spaCy run: this measures serving, not extraction.

The server runs in its own process (``newsline --db STORE serve``), the client in this one:
``CONCURRENCY`` threads, each sending requests back to back, ``REQUESTS`` per endpoint after a
warm-up. Figures are wall-clock milliseconds on a machine shared with other work.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np

CONCURRENCY = 2
REQUESTS = 200
VOCAB = 20_000
#: codes of the ontology (a type filter on a code it does not know is a 400)
TYPES = ("ASSAULT", "PROTEST", "CONSULT", "AGREE", "CHARGE", "LABOUR_STRIKE", "APPOINT", "RESIGN",
         "EXCHANGE_PRISONERS", "ACCUSE", "REJECT", "SANCTION", "INVEST", "ACQUIRE", "LAYOFFS", "ELECTION")
CONTEXTS = ("asserted",) * 6 + ("claimed",) * 2 + ("planned", "hypothetical", "agreed", "denied")
PHRASES = ("port strike", "prisoner exchange", "central bank", "court ruling", "data breach")
RESULTS = Path(__file__).parent / "results" / "serve_latency.json"
START = date(2023, 1, 1)


def _words(rng: np.random.Generator) -> np.ndarray:
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    return np.array(["".join(rng.choice(letters, n)) for n in rng.integers(3, 10, VOCAB)])


def build_store(path: Path, n: int, seed: int = 7) -> dict:
    """Write ``n`` synthetic articles, their mentions and merged events; return counts and time."""
    from newsline.records import Article, DateWindow, Event, EventMention, PublicationDate, Span
    from newsline.store import SQLiteStore

    rng = np.random.default_rng(seed)
    vocab = _words(rng)
    zipf = np.minimum(rng.zipf(1.3, size=n * 160), VOCAB) - 1
    outlets = [f"Outlet {k:02d} News" for k in range(60)]
    actors = [f"Actor{k} {vocab[k]}".title() for k in range(300)]
    places = [f"{vocab[1000 + k]}ville".title() for k in range(200)]
    started = time.perf_counter()
    mentions: list[tuple[str, str, str, str | None, DateWindow | None]] = []
    with SQLiteStore(path) as store, store.transaction():
        for k in range(n):
            words = vocab[zipf[k * 160:(k + 1) * 160]]
            first = " ".join(words[:20]).capitalize()
            if k % 7 == 0:
                first += " after the " + PHRASES[k % len(PHRASES)]
            body = f"{first}. " + ". ".join(" ".join(words[i:i + 20]).capitalize() for i in range(20, 160, 20)) + "."
            day = START + timedelta(days=int(rng.integers(0, 3 * 365)))
            aid = f"{k:016x}"
            store.put_article(Article(id=aid, source=f"synthetic/{k}.txt", body=body, fmt="text",
                                      title=" ".join(words[:8]).title(),
                                      dated=PublicationDate(day.isoformat(), "synthetic", basis="stated"),
                                      outlet=outlets[k % len(outlets)]))
            etype = TYPES[int(rng.integers(0, len(TYPES)))]
            window = DateWindow(day.isoformat(), (day + timedelta(days=6)).isoformat(), "'last week'") \
                if k % 10 == 0 else None
            mention = EventMention(id=f"{aid}:0", article_id=aid, type=etype, trigger=Span(aid, 0, len(words[0]), "trigger"),
                                   sentence=Span(aid, 0, len(first) + 1, "sentence"),
                                   context=CONTEXTS[int(rng.integers(0, len(CONTEXTS)))],
                                   date=None if window else day.isoformat(), date_window=window)
            store.replace_mentions(aid, [mention])
            mentions.append((mention.id, aid, etype, mention.date, window, mention.context))
        events, k = [], 0
        while k < len(mentions):
            size = int(rng.integers(2, 6)) if rng.random() < 0.2 else 1
            group = mentions[k:k + size]
            k += size
            mid, aid, etype, day, window, context = group[0]
            who = [actors[int(i)] for i in rng.choice(len(actors), int(rng.integers(1, 3)), replace=False)]
            events.append(Event(id=f"ev-{len(events):010x}", type=etype, date=day, date_window=window,
                                place=places[int(rng.integers(0, len(places)))], actors=who,
                                sources=[g[1] for g in group], independent_origins=len(group),
                                mentions=[g[0] for g in group], summary=f"{' & '.join(who)}: {etype.lower()}",
                                context=context, details={"label": etype.lower().replace("_", " "),
                                                          "crosswalk": {"plover": etype}}))
        store.replace_events(events)
    return {"articles": n, "events": len(events), "build_seconds": round(time.perf_counter() - started, 1),
            "store_mb": round(path.stat().st_size / 2**20, 1)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(db: Path, port: int) -> subprocess.Popen:
    token = Path(tempfile.mkdtemp()) / "token"
    token.write_text("bench-token-0123456789\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "newsline", "--db", str(db), "serve", "--port", str(port),
                             "--token-file", str(token)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/status", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"the server did not start: {proc.stderr.read().decode()[-2000:]}")


def _measure(base: str, paths: list[str], requests: int) -> dict:
    """p50/p95/max over ``requests`` GETs spread over ``CONCURRENCY`` threads, after a warm-up."""
    import httpx

    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def worker(offset: int) -> None:
        with httpx.Client(base_url=base, timeout=30) as c:
            for k in range(min(5, len(paths))):          # warm-up: connection, caches
                c.get(paths[(offset + k) % len(paths)])
            for k in range(offset, requests, CONCURRENCY):
                t = time.perf_counter()
                r = c.get(paths[k % len(paths)])
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    latencies.append(ms)
                    errors[0] += r.status_code != 200

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(CONCURRENCY)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    arr = np.array(latencies)
    return {"p50_ms": round(float(np.percentile(arr, 50)), 1), "p95_ms": round(float(np.percentile(arr, 95)), 1),
            "max_ms": round(float(arr.max()), 1), "requests": len(arr), "errors": errors[0]}


def endpoints(db: Path) -> dict[str, list[str]]:
    """The request mix per measured endpoint (random but fixed: seeded)."""
    from newsline.store import SQLiteStore

    rng = np.random.default_rng(3)
    with SQLiteStore(db, readonly=True) as store:
        ids = [r[0] for r in store.db.execute("SELECT id FROM events ORDER BY random() LIMIT 200")]
        actors = [r[0] for r in store.db.execute("SELECT DISTINCT j.value FROM events, json_each(events.actors) j LIMIT 50")]
        places = [r[0] for r in store.db.execute("SELECT DISTINCT place FROM events WHERE place IS NOT NULL LIMIT 50")]
        frequent = [r[0] for r in store.db.execute(
            "SELECT substr(title, 1, instr(title || ' ', ' ') - 1) FROM articles ORDER BY random() LIMIT 50")]
    words = [str(w) for w in _words(np.random.default_rng(7))[rng.integers(500, VOCAB, 50)]]
    months = [f"{2023 + int(rng.integers(0, 3))}-{int(rng.integers(1, 13)):02d}" for _ in range(50)]
    return {
        "events": ["/api/v1/events?limit=50"],
        "events_filtered": [f"/api/v1/events?limit=50&since={m}&until={m}&type={TYPES[k % len(TYPES)]}"
                            for k, m in enumerate(months)],
        "events_type": [f"/api/v1/events?limit=50&type={t}" for t in TYPES],
        "events_month": [f"/api/v1/events?limit=50&since={m}&until={m}" for m in months],
        "events_range": [f"/api/v1/events?limit=50&since={m}&until={m[:4]}-12-31" for m in months],
        "events_actor": [f"/api/v1/events?limit=50&actor={a}" for a in actors],
        "events_place": [f"/api/v1/events?limit=50&place={p}" for p in places],
        "events_text": [f"/api/v1/events?limit=50&q={w}" for w in words],
        "search_word": [f"/api/v1/search?q={w}" for w in words],
        "search_frequent_word": [f"/api/v1/search?q={w}" for w in frequent],
        "search_phrase": [f'/api/v1/search?q="{p}"' for p in PHRASES],
        "event_json": [f"/api/v1/events/{i}" for i in ids],
        "event_page": [f"/events/{i}" for i in ids],
    }


def measure(n: int, rebuild: bool = False, requests: int = REQUESTS, folder: Path | None = None) -> dict:
    folder = folder or Path(tempfile.gettempdir()) / "newsline-bench"
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"serve-{n}.db"
    built_file = db.with_name(db.name + ".build.json")
    if rebuild or not db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        built_file.write_text(json.dumps(build_store(db, n)))
    built = json.loads(built_file.read_text()) if built_file.exists() else None
    port = _free_port()
    proc = _start_server(db, port)
    try:
        figures = {name: _measure(f"http://127.0.0.1:{port}", paths, requests)
                   for name, paths in endpoints(db).items()}
    finally:
        proc.terminate()
        proc.wait(10)
    return {"articles": n, "build": built, "concurrency": CONCURRENCY, "endpoints": figures,
            "cpus": os.cpu_count(), "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}


def main(argv: list[str]) -> None:
    folder = Path(argv[argv.index("--folder") + 1]) if "--folder" in argv else None
    sizes = [int(a) for a in argv if a.isdigit()] or [100_000]
    recorded = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    for n in sizes:
        result = measure(n, rebuild="--rebuild" in argv, folder=folder)
        print(json.dumps(result, indent=2))
        recorded[str(n)] = result
    RESULTS.write_text(json.dumps(recorded, indent=2) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
