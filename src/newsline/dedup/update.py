"""The duplicates barrier: fingerprint what changed, find its copies, update clusters in place.

Incremental by construction: signatures and LSH band buckets are persisted, so adding articles
costs a fingerprint and one indexed lookup per new article, and only the clusters the new pairs
touch are recomputed. Cluster ids stay stable (see :mod:`newsline.dedup.cluster`).
"""
from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import numpy as np

from ..records import Article, DuplicateCluster
from .cluster import CopyPair, connected_components, elect_canonical, judge_pair, name_cluster
from .metadata import flow_dates
from .minhash import DedupParams, Fingerprint, Fingerprinter
from .origins import article_wire, cluster_wire, origin_name
from .shingles import shingle_hashes
from .ports import DedupStore

#: Articles read, fingerprinted and indexed per transaction (bounds memory on large corpora).
BATCH = 5000
#: Below this many texts a process pool costs more than it saves.
PARALLEL_MIN = 2000

_worker: Fingerprinter | None = None
_EMPTY = np.empty(0, dtype=np.uint32)


def _init_worker(params: DedupParams) -> None:
    global _worker
    _worker = Fingerprinter(params)


def _fingerprint_chunk(items: list[tuple[str, str]]) -> list[Fingerprint]:
    return [_worker.fingerprint(aid, text) for aid, text in items]


def fingerprint_many(fpr: Fingerprinter, items: Sequence[tuple[str, str]],
                     workers: int | None = None) -> list[Fingerprint]:
    """Fingerprints of ``(id, text)`` pairs, in order; a process pool when the batch is large."""
    workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    if workers <= 1 or len(items) < PARALLEL_MIN:
        return [fpr.fingerprint(aid, text) for aid, text in items]
    size = max(200, len(items) // (workers * 8))
    chunks = [list(items[i:i + size]) for i in range(0, len(items), size)]
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(fpr.params,)) as pool:
        return [fp for part in pool.map(_fingerprint_chunk, chunks) for fp in part]


def _batches(ids: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _index_batch(store: DedupStore, fpr: Fingerprinter, articles: list[Article], workers: int | None,
                 timings: dict[str, float], shingles: dict[str, Any], fresh: set[str]) -> int:
    """Fingerprint, look up candidates, judge and index one batch; return the pairs found.
    ``shingles`` receives the shingle sets read on the way (the batch's and its candidates');
    ``fresh``: every article this run fingerprints."""
    start = time.perf_counter()
    fps = fingerprint_many(fpr, [(a.id, a.body) for a in articles], workers)
    timings["fingerprint"] = timings.get("fingerprint", 0.0) + time.perf_counter() - start
    store.put_wires({a.id: article_wire(a) for a in articles})
    shingles.update({fp.article_id: fp.shingles for fp in fps})
    found = 0
    with store.transaction():
        for fp in fps:
            # A text with no words is nobody's copy; indexing it would make one huge bucket.
            keys = fpr.band_keys(fp.hashvalues) if fp.size else []
            known = store.get_fingerprints(store.band_candidates(keys, fp.key) - {fp.article_id}) \
                if fp.size else {}
            unstored = _read_stored(store, shingles, known, fpr.params.tag, fresh) \
                if known and fpr.params.verify == "exact" else []
            pairs = judge_candidates(fpr, fp, list(known.values()), shingles, store.bodies_of)
            store.keep_shingles({aid: shingles[aid] for aid in unstored if aid in shingles}, fpr.params.tag)
            store.put_fingerprints([(fp, keys)], fpr.params.tag)
            store.replace_pairs([fp.article_id], pairs)
            found += len(pairs)
    return found


def _read_stored(store: DedupStore, shingles: dict[str, Any], ids: Iterable[str], tag: str,
                 fresh: set[str]) -> list[str]:
    """Put in ``shingles`` the sets stored with the signatures of ``ids`` (made with ``tag``),
    so that verifying a candidate reads its set instead of shingling its body again; return the
    ids that have none stored (signatures made before sets were kept: their bodies are shingled,
    and the sets kept for next time). The articles of this run (``fresh``: their text may have
    changed since) are left to their bodies."""
    wanted = [i for i in ids if i not in shingles and i not in fresh]
    if not wanted:
        return []
    found = store.stored_shingles(wanted, tag)
    shingles.update(found)
    return [i for i in wanted if i not in found]


def judge_candidates(fpr: Fingerprinter, fp: Fingerprint, others: list[Fingerprint],
                     shingles: dict[str, Any], bodies: Callable[[list[str]], dict[str, str]]) -> list[CopyPair]:
    """The copy pairs among ``fp``'s LSH candidates.

    With ``verify = "exact"`` the decision uses the shingle sets: ``shingles`` caches them, texts
    missing there are fetched with ``bodies`` (ids → text) and shingled.
    """
    if not others:
        return []
    if fpr.params.verify != "exact":
        return [p for p in (judge_pair(fp, o, fpr.params) for o in others) if p]
    missing = [o.article_id for o in others if shingles.get(o.article_id) is None]
    for aid, text in bodies(missing).items():
        shingles[aid] = shingle_hashes(text, fpr.params.shingle)
    mine = shingles.get(fp.article_id)
    if mine is None:
        mine = shingles[fp.article_id] = fp.shingles
    pairs = (judge_pair(fp, o, fpr.params, (mine, shingles.get(o.article_id, _EMPTY))) for o in others)
    return [p for p in pairs if p]


def update_duplicates(store: DedupStore, article_ids: list[str], *, params: DedupParams | None = None,
                      workers: int | None = None, timings: dict[str, float] | None = None) -> dict[str, int]:
    """Bring duplicate clusters, origins and copied dates up to date after ``article_ids`` changed.

    Articles fingerprinted under other settings (``params.json`` changed) are redone too. Returns
    counts: ``fingerprinted, pairs, new_clusters, joined, merged, clusters, dated, date_conflicts``.
    ``timings``, when given, receives the seconds spent indexing and clustering.
    """
    timings = timings if timings is not None else {}
    start = time.perf_counter()
    fpr = Fingerprinter(params)
    stale = store.stale_fingerprints(fpr.params.tag)
    todo = [a for a in dict.fromkeys([*article_ids, *sorted(stale)]) if store.has_article(a)]
    counts: Counter[str] = Counter(fingerprinted=len(todo), stale=len(stale))
    shingles: dict[str, Any] = {}
    fresh = set(todo)
    for ids in _batches(todo, BATCH):
        shingles = {}       # one batch's at a time: memory stays bounded on a large first run
        counts["pairs"] += _index_batch(store, fpr, list(store.iter_articles(ids)), workers, timings, shingles, fresh)
    timings["index"] = time.perf_counter() - start
    start = time.perf_counter()
    counts.update(recluster(store, todo, fpr, shingles=shingles))
    timings["cluster"] = time.perf_counter() - start
    return dict(counts)


def recluster(store: DedupStore, touched: list[str], fpr: Fingerprinter, *,
              shingles: Mapping[str, Any] | None = None) -> Counter[str]:
    """Recompute the clusters around ``touched`` from the stored pairs and write them back.
    ``shingles``: shingle sets already made (by the indexing of the same run), not made again
    when a cluster's canonical copy is elected."""
    counts: Counter[str] = Counter()
    edges = [(p.a, p.b) for p in store.pairs_touching(touched)]
    # Only articles with a copy now, or a cluster before, can change: on a first run over a
    # large corpus that keeps the work (and memory) proportional to the duplicated part.
    moved = store.cluster_ids_of(touched)
    nodes = {x for e in edges for x in e} | set(moved)
    before = store.cluster_ids_of(nodes)
    old = store.cluster_members(set(before.values()))
    for members in old.values():
        nodes.update(members)
    before = store.cluster_ids_of(nodes)
    edges = _edges_among(store, nodes, edges, bool(moved), old)
    seq = store.article_seqs(nodes)
    previous = set(before.values())
    clusters, dissolved = [], set(previous)
    for members in connected_components(sorted(nodes, key=lambda n: seq.get(n, 0)), edges):
        members.sort(key=lambda m: (seq.get(m, 0), m))
        articles = list(store.iter_articles(members))
        if len(members) > 1:
            cluster, wire = _build_cluster(store, members, articles, previous, seq, fpr, shingles or {})
            clusters.append((cluster, wire))
            counts["clusters"] += 1
            counts["new_clusters"] += cluster.id not in previous
            counts["joined"] += sum(1 for m in members if m not in before and cluster.id in previous)
        counts.update(flow_dates(store, articles))
    kept = {c.id for c, _ in clusters}
    counts["merged"] = len(previous - kept)
    store.write_clusters(dissolved, [c for c, _ in clusters], {c.id: w for c, w in clusters})
    return counts


def _edges_among(store: DedupStore, nodes: set[str], touching: list[tuple[str, str]], moved: bool,
                 clusters: Mapping[str, list[str]]) -> list[tuple[str, str]]:
    """Edges whose connected components are the clusters of ``nodes`` now, given the pairs
    ``touching`` the touched articles and the stored ``clusters`` around them.

    When a touched article was in a cluster (``moved``: its text changed), that cluster may fall
    apart: every stored pair among the nodes is read. Otherwise (new articles) no pair inside a
    stored cluster was replaced, so each is still connected by its pairs, and a chain through
    its members gives the same components as those pairs, whose number grows with the square
    of the cluster's size (a story with 250 copies holds 31,000)."""
    if moved:
        return [(p.a, p.b) for p in store.pairs_touching(nodes)]
    return touching + [(members[0], m) for members in clusters.values() for m in members[1:]]


def _build_cluster(store: DedupStore, members: list[str], articles: list[Article], previous: set[str],
                   seq: dict[str, int], fpr: Fingerprinter,
                   shingles: Mapping[str, Any]) -> tuple[DuplicateCluster, str | None]:
    filled = {a.id: sum(bool(getattr(a, f)) for f in ("title", "published", "outlet", "byline", "url"))
              for a in articles}
    name = name_cluster(members, previous, seq)
    canonical = elect_canonical(members, {a.id: a.body for a in articles}, fpr.params,
                                filled.__getitem__, seq, shingled=shingles)
    wire = cluster_wire(store.wires_of(members).values())
    cluster = DuplicateCluster(id=name, canonical=canonical, members=members,
                               origin=origin_name(name, name, wire))
    return cluster, wire


__all__ = ["update_duplicates", "recluster", "fingerprint_many", "judge_candidates"]
