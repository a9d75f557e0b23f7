"""What adding articles costs as the store grows: 1 article and 1,000 articles added to stores of
1k, 10k and 100k articles, beside the same additions to an empty store.

    python -m bench.growth                      # stores of 1k, 10k and 100k articles
    python -m bench.growth 1000 10000           # only these sizes
    python -m bench.growth --add 200 1000       # add 200 instead of 1,000 (quicker)

How the stores are built (the ``../shared`` texts are read, never copied into the repository):

1. **Real base**: the first ``BASE`` ECB+ documents (real news, 43 topics), each written as a
   file named ``<outlet>_<day>_<stem>.txt`` with a day spread over 2023-2024 (newsline reads the
   publication day from the name), ingested by the real pipeline (``api.ingest``, 2 workers).
2. **Variants** up to the size: copies of every base article in which each capitalised name is
   changed (its letters rotated by amounts unique to the variant, so actors, places and outlets
   differ and no two variants are near-duplicates) and every date -- publication day, mention
   days and windows, time arguments -- moved by 4 x k years for variant k, so the density of
   events per month stays the base's (a store of 100k articles spans centuries, not two years:
   blocking by month sees what a real store of that density sees). The variants are written with
   the store's own functions (``put_article``, ``replace_mentions``), their duplicates found by the
   real duplicates stage and their stages recorded done with the base's versions. Each
   variant's events are the base's events made of the variant's own mentions: the base's
   clustering, each event built, keyed (blocking keys) and written by the merge's own code
   (``_build_event``, ``_keys``, ``write_events``), without clustering again. A variant's
   reports are the base's with other names and dates 4 x k years away, so a merge of the whole
   store would find the same events within a variant; what it would add -- the rare link
   between two variants' undated reports that share a trigger lemma -- this build leaves out.
   (Until this change the variants were merged by one full merge of the whole store: 304 s at
   10k, and it did not finish for 100k; at 1k and 10k the two builds' event counts are in
   docs/evaluation.md.)
3. **Additions**: 1 article, then ``--add`` articles (the ECB+ documents not in the base, then
   TempEval-3 articles, then variants of the base's texts with rotations no store uses), new to
   every store, ingested by ``api.ingest`` into a copy of each store
   (1 worker for one article, 2 for the batch) in a fresh interpreter with the models already
   loaded and one throwaway article ingested first, so "beyond model load" is what is timed (a
   store kept with ``--keep`` from an older commit is opened, and so migrated, before the clock
   starts: ``open_and_migrate_s``). Reported: wall and CPU seconds, the merge
   stage's rows read and events written, the dating stage's articles solved and dated reports read, each stage's seconds, and peak RSS.

Results go to ``bench/results/growth.json``. The machine has 2 cores and may be shared: the load
average at each start is recorded.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results" / "growth.json"
BASE = 400
SIZES = [1000, 10000, 100000]
ADD_MAX = 1001         # one article, then a batch of up to 1,000
OUTLETS = ["harbourline", "northpost", "dailyledger", "cityherald", "morningwire", "evenstar"]
_NAME = re.compile(r"\b([A-Z])([a-z]{2,})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")


# -- the texts -------------------------------------------------------------------------------------
def _texts() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(name, text) of the base documents and of the ones to add."""
    sys.path.insert(0, str(REPO))
    from bench.dedup_syndication import load_ecb
    from bench.scorers.nlp_speed import load_texts

    docs = [(d.name, d.text) for d in load_ecb()]
    extra = [(f"tempeval_{i:04d}", t) for i, t in enumerate(load_texts(None))]
    add = docs[BASE:] + extra
    # beyond the real texts, variants of the base's fill the batch up to its size: names with
    # their first letter kept, which no store variant has (those move it)
    k = 0
    while len(add) < ADD_MAX:
        add += [(f"{stem}_a{k}", _NAME.sub(lambda m: _rotate(m.group(), k, first=0), text)) for stem, text in docs[:BASE]]
        k += 1
    return docs[:BASE], add[:ADD_MAX]


def _write(folder: Path, items: list[tuple[str, str]], offset: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i, (stem, text) in enumerate(items, offset):
        day = date(2023, 1, 1) + timedelta(days=(i * 7919) % 730)
        path = folder / f"{OUTLETS[i % len(OUTLETS)]}_{day.isoformat()}_{stem}.txt"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


# -- variants --------------------------------------------------------------------------------------
def _rotate(word: str, k: int, first: int | None = None) -> str:
    """``word`` with its first letter moved by ``first`` (default: 1-25, by ``k``) and the others
    by another amount of ``k``: a name no other ``k`` gives (below 625)."""
    first, rest = (k % 25 + 1 if first is None else first), (k // 25) % 25 + 1
    def shift(c: str, by: int) -> str:
        base = ord("A") if c.isupper() else ord("a")
        return chr(base + (ord(c) - base + by) % 26)
    return shift(word[0], first) + "".join(shift(c, rest) for c in word[1:])


def _shift_dates(text: str, k: int) -> str:
    def moved(m: re.Match) -> str:
        year = int(m.group(1)) + 4 * k
        if m.group(3) is None:
            return f"{year:04d}-{m.group(2)}"
        month, day = int(m.group(2)), int(m.group(3))
        try:
            return date(year, month, day).isoformat()
        except ValueError:                      # 29 February of a century year
            return date(year, month, 28).isoformat()
    return _ISO.sub(moved, text)


def _vary(value: Any, k: int) -> Any:
    if isinstance(value, str):
        return _shift_dates(_NAME.sub(lambda m: _rotate(m.group(), k), value), k)
    if isinstance(value, dict):
        return {key: _vary(v, k) for key, v in value.items()}
    if isinstance(value, list):
        return [_vary(v, k) for v in value]
    return value


def _window(w: Any, k: int) -> Any:
    if w is None:
        return None
    return replace(w, earliest=w.earliest and _shift_dates(w.earliest, k), latest=w.latest and _shift_dates(w.latest, k))


def _variant_id(article_id: str, k: int) -> str:
    return hashlib.sha1(f"{article_id}#{k}".encode()).hexdigest()[:16]


def grow(db: Path, n: int) -> dict[str, Any]:
    """Add variants of the base articles to the store at ``db`` until it holds ``n`` articles."""
    from newsline.dedup import update_duplicates
    from newsline.records import EventArgument, Span
    from newsline.store import SQLiteStore

    with SQLiteStore(db) as store:
        every = list(store.iter_articles())
        base = [a for a in every if not a.source.startswith("variant-")]
        ids = {a.id for a in base}
        mentions: dict[str, list] = {}
        for m in store.iter_mentions(sorted(ids)):
            mentions.setdefault(m.article_id, []).append(m)
        clustering = [e.mentions for e in store.get_events(store.events_of_articles(ids)) if set(e.sources) <= ids]
        versions = dict(store.db.execute("SELECT stage, version FROM article_stages WHERE article_id = ?",
                                         (base[0].id,)).fetchall())
        # a store grown from a smaller one goes on with the next variant
        count, k = len(every), -(-(len(every) - len(base)) // len(base))
        start, merged = time.perf_counter(), 0.0
        pending: dict[int, dict[str, Any]] = {}
        while count < n:
            k += 1
            pending[k] = {}
            for a in base[:n - count]:
                vid = _variant_id(a.id, k)
                body = _NAME.sub(lambda m: _rotate(m.group(), k), a.body)     # same length: spans hold
                store.put_article(replace(a, id=vid, body=body, source=f"variant-{k}/{a.source}",
                                          title=_vary(a.title, k), outlet=_vary(a.outlet, k),
                                          dated=replace(a.dated, day=a.published and _shift_dates(a.published, k),
                                                        window=_window(a.published_window, k)), raw="",
                                          meta={}, removed=[]))
                ms = [replace(m, id=f"{vid}:{m.id.split(':', 1)[1]}", article_id=vid,
                              trigger=replace(m.trigger, article_id=vid), sentence=replace(m.sentence, article_id=vid),
                              date=m.date and _shift_dates(m.date, k), date_window=_window(m.date_window, k),
                              arguments=[EventArgument(x.role, _vary(x.value, k), Span(vid, x.span.start, x.span.end, x.span.label))
                                         for x in m.arguments]) for m in mentions.get(a.id, [])]
                store.replace_mentions(vid, ms)
                pending[k][vid] = ms
                count += 1
            if sum(len(v) for v in pending.values()) >= 2000 or count >= n:
                _finish(store, [vid for v in pending.values() for vid in v], versions, update_duplicates)
                t1 = time.perf_counter()
                for variant, made in pending.items():
                    _variant_events(store, clustering, {m.id: m for ms in made.values() for m in ms}, variant)
                pending = {}
                merged += time.perf_counter() - t1
        return {"articles": store.count_articles(), "mentions": store.count_mentions(), "events": store.count_events(),
                "variants_seconds": round(time.perf_counter() - start - merged, 1), "variant_events_seconds": round(merged, 1),
                "store_mb": round(db.stat().st_size / 1e6, 1)}


def _variant_events(store: Any, clustering: list[list[str]], made: dict[str, Any], k: int) -> None:
    """Variant ``k``'s events: the base's events made of the variant's own mentions (the base's
    clustering, each event built, keyed and written by the merge's own code)."""
    from newsline.events.agreements import link_agreements
    from newsline.events.cluster import EventClusterer
    from newsline.events.groups import Group
    from newsline.events.matcher import EventMatcher
    from newsline.events.merge import _build_event, _keys, _origin_map, keep_ids_unique
    from newsline.events.ontology import load_ontology
    from newsline.events.matcher import load_model
    from newsline.events.values import summarize

    ontology = load_ontology()
    articles = {m.article_id for m in made.values()}
    origins, seq = _origin_map(store, articles), store.article_seqs(articles)
    built = []
    for mids in clustering:
        g = Group()
        for mid in mids:
            m = made.get(f"{_variant_id(mid.split(':', 1)[0], k)}:{mid.split(':', 1)[1]}")
            if m is not None:
                g.add(m, origins.get(m.article_id))
        if g.mentions:
            built.append((_build_event(g, ontology, store, seq, {}), g))
    events = [e for e, _ in built]
    keep_ids_unique(events)
    link_agreements(events, list(made.values()), ontology)
    for event in events:
        event.summary = summarize(event, ontology)
    store.write_events(events, keys=_keys(built, EventClusterer(EventMatcher(load_model(), ontology=ontology))))


def _finish(store: Any, ids: list[str], versions: dict[str, str], update_duplicates: Any) -> None:
    with store.transaction():
        update_duplicates(store, ids)
        for stage, version in versions.items():
            store.mark_stages(ids, [stage], {stage: version})


# -- the measurement (one fresh interpreter per run) --------------------------------------------
def _child(db: str, folder: str, workers: int) -> dict[str, Any]:
    from newsline import api
    from newsline.events.matcher import load_model
    from newsline.nlp.model import load_nlp

    from newsline.store import open_store

    t0 = time.perf_counter()
    open_store(db).close()          # a store kept from an older commit is migrated first, untimed,
    api.resume(db=db, workers=1)    # with the one-time catch-up a migration leaves to the next run
    migrate = time.perf_counter() - t0
    load_nlp()
    load_model()
    with tempfile.TemporaryDirectory() as warm:     # every one-time load (data files, modules)
        (Path(warm) / "warm.txt").write_text("Warm-up\n\nThe council met on Monday in Oslo.\n")
        api.ingest([str(Path(warm) / "warm.txt")], db=Path(warm) / "warm.db", workers=1)
    files = sorted(str(p) for p in Path(folder).iterdir())
    load = os.getloadavg()[0]
    me0 = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    report = api.ingest(files, db=db, workers=workers)
    wall = time.perf_counter() - start
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (me.ru_utime + me.ru_stime - me0.ru_utime - me0.ru_stime) + kids.ru_utime + kids.ru_stime
    merge = report.stages["merge"].counts if "merge" in report.stages else {}
    dating = report.stages["dating"].counts if "dating" in report.stages else {}
    return {"added": report.new, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
            "articles_per_s": round(report.new / wall, 2) if wall else None,
            "merge_mentions_read": merge.get("mentions_read"), "merge_events_written": merge.get("events_written"),
            "dating_solved": dating.get("solved", 0), "dating_anchor_rows": dating.get("anchor_rows", 0),
            "events": report.events, "stage_seconds": {s["stage"]: s["seconds"] for s in report.timings()},
            "barrier_seconds": {k: v for k, v in report.seconds.items() if "+" not in k},
            "load_avg_1min_at_start": round(load, 2), "open_and_migrate_s": round(migrate, 2),
            "peak_rss_mb": round(me.ru_maxrss / 1024, 1)}


def _commit() -> str:
    """The commit measured (with "+changes" when the tree differs from it)."""
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True)
    return head.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


def _copy(src: Path, dst: Path) -> None:
    """A consistent copy of a store (SQLite's backup: the WAL is included, never a stale one)."""
    import sqlite3

    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    a.close()
    b.close()


def _measure(db: Path | None, files: list[Path], workers: int, tmp: Path) -> dict[str, Any]:
    work = tmp / f"work_{time.time_ns()}.db"
    if db is not None:
        _copy(db, work)
    folder = tmp / f"add_{time.time_ns()}"
    folder.mkdir()
    for f in files:
        shutil.copy(f, folder / f.name)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "src"), str(REPO)]))
    out = subprocess.run([sys.executable, "-m", "bench.growth", "--child", str(work), str(folder), str(workers)],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=7200)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    shutil.rmtree(folder)
    work.unlink(missing_ok=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=SIZES)
    parser.add_argument("--add", type=int, default=1000, help="articles in the batch addition")
    parser.add_argument("--keep", type=Path, help="a folder to keep (and reuse) the built stores in")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the results go (default %(default)s)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child[0], args.child[1], int(args.child[2]))))
        return 0
    from newsline import api

    base_texts, add_texts = _texts()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        keep = args.keep or tmp
        keep.mkdir(parents=True, exist_ok=True)
        one = _write(tmp / "one", add_texts[:1], offset=BASE)
        many = _write(tmp / "many", add_texts[1:1 + args.add], offset=BASE + 1)
        real = keep / f"base_{BASE}.db"
        results: dict[str, Any] = {"base_articles": BASE, "cpus": os.cpu_count(), "batch": len(many),
                                   "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        if not real.exists():
            t0 = time.perf_counter()
            api.ingest([str(p) for p in _write(tmp / "base", base_texts)], db=real, workers=2)
            results["base_ingest_seconds"] = round(time.perf_counter() - t0, 1)
        results["empty"] = {"add_1": _measure(None, one, 1, tmp), f"add_{len(many)}": _measure(None, many, 2, tmp)}
        print(json.dumps({"empty": results["empty"]}, indent=1), flush=True)
        built = [m for m in args.sizes if (keep / f"store_{m}.db").exists()]
        for n in sorted(args.sizes):
            db = keep / f"store_{n}.db"
            entry: dict[str, Any] = {}
            if not db.exists():
                smaller = [m for m in built if m < n]
                _copy(keep / f"store_{max(smaller)}.db" if smaller else real, db)
                entry["build"] = grow(db, n)
                entry["build"]["grown_from"] = max(smaller) if smaller else BASE
            entry["add_1"] = _measure(db, one, 1, tmp)
            entry[f"add_{len(many)}"] = _measure(db, many, 2, tmp)
            results[str(n)] = entry
            built.append(n)
            print(json.dumps({str(n): entry}, indent=1), flush=True)
        results["commit"] = _commit()
        args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
