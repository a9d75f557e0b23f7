"""Pairs of copies → clusters with stable ids and a canonical member.

Pure functions over ids, so the store-backed barrier (:mod:`newsline.dedup.update`) and the
in-memory scale benchmark share them.

Cluster ids are stable: a cluster is named after its first member (lowest ingest ``seq``); when
clusters merge, the oldest name survives; when an article leaves (its body was re-cleaned into
another text) the part that still holds the namesake keeps the name.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from .minhash import Fingerprint, DedupParams, estimate_containment, estimate_jaccard


@dataclass(frozen=True, slots=True)
class CopyPair:
    """Two articles judged to be one text, with the evidence: ``kind`` is exact/near/contained."""

    a: str
    b: str
    kind: str
    jaccard: float
    containment: float


def judge_pair(x: Fingerprint, y: Fingerprint, params: DedupParams,
               exact: tuple[np.ndarray, np.ndarray] | None = None) -> CopyPair | None:
    """A :class:`CopyPair` when ``x`` and ``y`` are copies of one text under ``params``, else None.

    Exact: equal normal forms. Near: Jaccard >= ``params.jaccard``. Contained: the smaller text (at
    least ``min_shingles`` shingles, so a two-line brief cannot match everything) lies
    ``params.containment`` inside the larger one, which is what an added boilerplate block or a
    trimmed lead does to an otherwise identical copy. Jaccard and containment are the MinHash
    estimates, or exact when the two shingle sets are given in ``exact``.
    """
    if not x.size or not y.size:
        return None
    a, b = sorted((x.article_id, y.article_id))
    if x.key == y.key:
        return CopyPair(a, b, "exact", 1.0, 1.0)
    if exact is not None:
        jaccard, containment = exact_similarity(*exact)
    else:
        jaccard = estimate_jaccard(x.hashvalues, y.hashvalues)
        containment = estimate_containment(jaccard, x.size, y.size)
    if jaccard >= params.jaccard:
        return CopyPair(a, b, "near", round(jaccard, 4), round(containment, 4))
    if containment >= params.containment and min(x.size, y.size) >= params.min_shingles:
        return CopyPair(a, b, "contained", round(jaccard, 4), round(containment, 4))
    return None


def exact_similarity(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger) of two sorted unique hash arrays."""
    if not len(x) or not len(y):
        return 0.0, 0.0
    inter = len(np.intersect1d(x, y, assume_unique=True))
    return inter / (len(x) + len(y) - inter), inter / min(len(x), len(y))


def connected_components(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected components (union-find with path halving); singletons included."""
    parent: dict[str, str] = {n: n for n in nodes}

    def root(n: str) -> str:
        parent.setdefault(n, n)
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[rb] = ra
    groups: dict[str, list[str]] = {}
    for n in list(parent):
        groups.setdefault(root(n), []).append(n)
    return list(groups.values())


def name_cluster(members: list[str], previous_names: set[str], seq: Mapping[str, int]) -> str:
    """The stable id of a cluster: the oldest previous cluster name among its members, else the
    id of its first member (lowest ``seq``)."""
    named = [m for m in members if m in previous_names]
    return min(named or members, key=lambda m: (seq.get(m, 0), m))


def elect_canonical(members: list[str], shingles: Mapping[str, np.ndarray],
                    completeness: Callable[[str], int], seq: Mapping[str, int]) -> str:
    """The most complete copy: the member holding most of the text the copies share.

    Ranked by (shingles it shares with at least one other member, metadata fields it has, fewest
    shingles nobody else has, earliest ingest): a copy with a trimmed lead shares less, a copy with
    leftover boilerplate carries more text of its own, and neither wins against a clean full copy.
    """
    def score(m: str) -> tuple:
        own = shingles.get(m, np.empty(0, dtype=np.uint32))
        others = [shingles[o] for o in members if o != m and o in shingles]
        pooled = np.unique(np.concatenate(others)) if others else np.empty(0, dtype=np.uint32)
        shared = int(np.count_nonzero(np.isin(own, pooled, assume_unique=True)))
        return (-shared, -completeness(m), len(own) - shared, seq.get(m, 0), m)

    return min(members, key=score)
