"""Duplicate clustering of texts held in memory (benchmarks, one-off comparisons).

The same steps as the store-backed barrier — fingerprints, LSH band keys, :func:`judge_pair`,
:func:`connected_components` — with a dict as the band index. Useful where the texts are not in a
store: the syndication benchmark and the scale runs in ``bench/``.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .cluster import CopyPair, connected_components, exact_similarity
from .minhash import DedupParams, Fingerprint, Fingerprinter, estimate_containment, estimate_jaccard
from .shingles import shingle_hashes
from .update import fingerprint_many, judge_candidates


@dataclass(slots=True)
class Candidate:
    """A pair that shares an LSH band (or an exact key), with both similarity measures."""

    a: str
    b: str
    min_size: int
    same_key: bool
    jaccard_est: float
    containment_est: float
    jaccard: float = -1.0
    containment: float = -1.0


@dataclass(slots=True)
class MemoryIndex:
    """A band-key → ids index in a dict; ``add`` returns the candidates already indexed."""

    fingerprinter: Fingerprinter
    buckets: dict[int, list[str]] = field(default_factory=dict)
    by_key: dict[str, list[str]] = field(default_factory=dict)

    def add(self, fp: Fingerprint) -> set[str]:
        if not fp.size:
            return set()
        found: set[str] = set(self.by_key.get(fp.key, ()))
        for key in self.fingerprinter.band_keys(fp.hashvalues):
            bucket = self.buckets.setdefault(key, [])
            found.update(bucket)
            bucket.append(fp.article_id)
        self.by_key.setdefault(fp.key, []).append(fp.article_id)
        return found


def candidate_pairs(fpr: Fingerprinter, fps: Sequence[Fingerprint],
                    texts: dict[str, str] | None = None) -> list[Candidate]:
    """Every LSH candidate pair with its estimated (and, given ``texts``, exact) similarity."""
    index, by_id, out = MemoryIndex(fpr), {fp.article_id: fp for fp in fps}, []
    shingles: dict[str, object] = {}
    for fp in fps:
        for other_id in index.add(fp):
            other = by_id[other_id]
            j = estimate_jaccard(fp.hashvalues, other.hashvalues)
            cand = Candidate(other_id, fp.article_id, min(fp.size, other.size), fp.key == other.key,
                             j, estimate_containment(j, fp.size, other.size))
            if texts is not None:
                for aid in (cand.a, cand.b):
                    if aid not in shingles:
                        shingles[aid] = shingle_hashes(texts[aid], fpr.params.shingle)
                cand.jaccard, cand.containment = exact_similarity(shingles[cand.a], shingles[cand.b])
            out.append(cand)
    return out


def decide(c: Candidate, params: DedupParams, exact: bool | None = None) -> bool:
    """The decision :func:`judge_pair` makes, on a precomputed candidate (for threshold sweeps);
    ``exact`` defaults to ``params.verify == "exact"``."""
    if exact is None:
        exact = params.verify == "exact"
    if c.same_key and c.min_size:
        return True
    j, cont = (c.jaccard, c.containment) if exact else (c.jaccard_est, c.containment_est)
    return j >= params.jaccard or (cont >= params.containment and c.min_size >= params.min_shingles)


def cluster_texts(items: Sequence[tuple[str, str]], params: DedupParams | None = None,
                  workers: int | None = None) -> tuple[list[CopyPair], list[list[str]]]:
    """Copy pairs and clusters (components of two or more) among ``(id, text)`` items."""
    fpr = Fingerprinter(params)
    texts = dict(items)
    fps = fingerprint_many(fpr, items, workers)
    index, by_id, pairs = MemoryIndex(fpr), {fp.article_id: fp for fp in fps}, []
    shingles: dict[str, object] = {}
    for fp in fps:
        others = [by_id[o] for o in index.add(fp)]
        pairs.extend(judge_candidates(fpr, fp, others, shingles, lambda ids: {i: texts[i] for i in ids}))
        fp.shingles = None  # kept only for texts that met a candidate (in ``shingles``)
    groups = connected_components((fp.article_id for fp in fps), ((p.a, p.b) for p in pairs))
    return pairs, [g for g in groups if len(g) > 1]
